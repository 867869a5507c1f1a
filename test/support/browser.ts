import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { ADMIN } from './app.js';

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

/** Signs the test app's first researcher in to the admin at `origin`. */
export async function signInToAdmin(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/admin/`);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('Administrator').waitFor();
}

/**
 * Local storage signs download URLs for PUBLIC_URL (default http://localhost:3000); the test app
 * listens on a random port. Serve those URLs from the app at `origin`, as the deployed API would.
 */
export async function routeSignedUrls(page: Page, origin: string): Promise<void> {
  await page.route(/\/api\/storage\/files\?/, async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({ url: `${origin}${url.pathname}${url.search}` });
    await route.fulfill({
      response,
      headers: { ...response.headers(), 'access-control-allow-origin': '*' },
    });
  });
}
