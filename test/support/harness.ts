/**
 * The recorder test harness (`test/harness/recorder/`): a page that drives the real client
 * recorder (`client/src/recorder`) against the real API. It is built with Vite into a temporary
 * folder and served to Chromium at `<origin>/harness/` through Playwright's request routing, so
 * the page shares the API's origin (secure `http://localhost`, same-origin fetches) without the
 * API serving test files. No vitest imports: the alignment bench uses it too.
 */
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import type { BrowserContext } from 'playwright-core';

const ROOT = new URL('../..', import.meta.url).pathname;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.css': 'text/css',
};

let built: Promise<string> | undefined;

/** Builds the harness once per process; resolves to the output folder. */
export function buildRecorderHarness(): Promise<string> {
  built ??= (async () => {
    const { build } = await import('vite');
    const outDir = mkdtempSync(join(tmpdir(), 'ozlab-harness-'));
    await build({
      root: join(ROOT, 'test/harness/recorder'),
      base: '/harness/',
      logLevel: 'warn',
      configFile: false,
      build: { outDir, emptyOutDir: true, sourcemap: true, minify: false },
    });
    return outDir;
  })();
  return built;
}

/** Serves the built harness at `<origin>/harness/` to every page of `context`. */
export async function routeHarness(context: BrowserContext, origin: string): Promise<void> {
  const dir = await buildRecorderHarness();
  await context.route(`${origin}/harness/**`, async (route) => {
    const path = new URL(route.request().url()).pathname.replace(/^\/harness\/?/, '');
    const file = normalize(join(dir, path || 'index.html'));
    if (!file.startsWith(dir)) return route.fulfill({ status: 403 });
    try {
      const body = await readFile(file);
      await route.fulfill({
        status: 200,
        body,
        contentType: TYPES[extname(file)] ?? 'application/octet-stream',
      });
    } catch {
      await route.fulfill({ status: 404, body: 'not found' });
    }
  });
}
