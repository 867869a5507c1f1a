/**
 * Screenshots of the product for the README: written only when `OZLAB_SCREENSHOTS` names a
 * directory (`npm run screenshots` sets it to docs/screenshots), never in a plain test run.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** The viewport of every page a screenshot is taken of. */
export const SCREENSHOT_VIEWPORT = { width: 1280, height: 800 };

const dir = process.env.OZLAB_SCREENSHOTS || null;

/** Saves `<name>.png` of the page's viewport (or the whole page) when screenshots are on. */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  // No focus ring (nor the admin's "Skip to content" link, shown while focused).
  await page.evaluate(`document.activeElement?.blur?.()`);
  const viewport = page.viewportSize() ?? SCREENSHOT_VIEWPORT;
  if (options.fullPage) {
    // A window as tall as the page rather than Playwright's full-page capture: that one scrolls,
    // and the admin's app bar hides on scroll while its sticky menu lands mid-page.
    await page.evaluate(`window.scrollTo(0, 0)`);
    const height = await page.evaluate<number>(`document.documentElement.scrollHeight`);
    await page.setViewportSize({
      width: viewport.width,
      height: Math.max(height, viewport.height),
    });
    await page.evaluate(
      `new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))`,
    );
  }
  try {
    await page.screenshot({
      path: join(dir, `${name}.png`),
      // Ripples and menu transitions are finished first, not caught half-way.
      animations: 'disabled',
    });
  } finally {
    if (options.fullPage) await page.setViewportSize(viewport);
  }
}
