import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { writeBeepFile } from '../support/alignment.js';
import { assertBuiltApps, launchChromium } from '../support/browser.js';
import { seedStudy } from '../support/participants.js';

async function loginAndOpenMicCheck(page: Page, origin: string, participantId: string) {
  await page.goto(`${origin}/?study=mic-e2e`);
  await page.getByLabel('Participant ID').fill(participantId);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByLabel('I have read and agree to the above').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('link', { name: 'Check your microphone' }).click();
  await page.waitForURL(/\/mic-check$/);
}

/** The participant's mic check in the real client: device name, level meter, refused permission. */
describe('microphone check', () => {
  let t: TestApp;
  let origin: string;
  let browser: Browser;

  beforeAll(async () => {
    assertBuiltApps();
    t = await startTestApp();
    origin = t.baseUrl.replace('127.0.0.1', 'localhost');
    await seedStudy(t.baseUrl, 'mic-e2e', 'D0001-D0002');
    // A fake device but no auto-accepted prompt: each context decides the permission itself.
    browser = await launchChromium([
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${writeBeepFile(10, 0.5)}`,
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the device and a moving level meter', async () => {
    const context = await browser.newContext({ permissions: ['microphone'] });
    const page = await context.newPage();
    await loginAndOpenMicCheck(page, origin, 'D0001');
    await page.getByText(/Microphone: Fake/).waitFor();
    const meter = page.getByRole('meter');
    // The fake mic's beeps move the meter off zero.
    await expect
      .poll(async () => Number(await meter.getAttribute('aria-valuenow')), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await context.close();
  });

  it('explains a refused permission and recovers on retry once allowed', async () => {
    const context = await browser.newContext();
    await context.clearPermissions();
    const page = await context.newPage();
    await loginAndOpenMicCheck(page, origin, 'D0002');
    await page.getByRole('heading', { name: 'Microphone access is blocked' }).waitFor();
    await expect(page.getByRole('meter').count()).resolves.toBe(0);

    await context.grantPermissions(['microphone'], { origin });
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByText(/Microphone: Fake/).waitFor();
    await expect(
      page.getByRole('heading', { name: 'Microphone access is blocked' }).count(),
    ).resolves.toBe(0);
    await context.close();
  });
});
