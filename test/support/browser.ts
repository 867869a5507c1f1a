import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Headless Debian Chromium with the flags this machine needs (no network, no sandbox as root). */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/** The browser tests need the built web apps (`npm test` builds them). */
export function assertBuiltApps(): void {
  for (const app of ['admin', 'client'])
    if (!existsSync(join(app, 'dist', 'index.html')))
      throw new Error(
        `${app}/dist is missing: run \`npm run build:${app}\` (npm test builds it for you)`,
      );
}
