import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestApp, type TestApp } from '../support/app.js';
import { assembleTestRom } from '../support/atari-rom.js';
import { assertBuiltApps, launchChromium, signInToAdmin } from '../support/browser.js';

/** A researcher uploads a ROM in the admin and picks it for an Atari study. */
describe('admin: ROM library and the Atari study form', () => {
  let t: TestApp;
  let origin: string;
  let browser: Browser;
  const romPath = join(tmpdir(), `ozlab-test-${process.pid}.bin`);

  beforeAll(async () => {
    assertBuiltApps();
    writeFileSync(romPath, assembleTestRom());
    t = await startTestApp();
    origin = t.baseUrl.replace('127.0.0.1', 'localhost');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('uploads the test ROM, then creates a study that plays it', async () => {
    const page = await browser.newPage();
    await signInToAdmin(page, origin);

    await page.goto(`${origin}/admin/roms/create`);
    await page.locator('input[type="file"]').setInputFiles(romPath);
    await page.getByLabel('Name').fill('Homebrew test');
    await page.getByLabel('Game profile').click();
    await page.getByRole('option', { name: /ozlab/i }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/admin\/roms\/[0-9a-f-]+\/show/);

    await page.goto(`${origin}/admin/studies/create`);
    await page.getByLabel('Name').fill('Atari e2e');
    await page.getByLabel('Slug').fill('atari-e2e');
    await page.getByLabel('Kind').click();
    await page.getByRole('option', { name: 'Atari demonstration' }).click();
    await page.getByLabel('Consent text').fill('We record your voice.');
    await page.getByLabel('Instructions').fill('Play and say what you think.');
    await page.getByLabel('ROM', { exact: true }).click();
    await page.getByRole('option', { name: /Homebrew test/ }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/admin\/studies\/[0-9a-f-]+\/show/);
    await page.getByRole('link', { name: 'Homebrew test' }).waitFor();

    const api = await new ApiClient(t.baseUrl).loginResearcher();
    const roms = await api.get<{ id: string; name: string; profileId: string }[]>('/roms');
    expect(roms.body).toEqual([
      expect.objectContaining({ name: 'Homebrew test', profileId: 'ozlab-test' }),
    ]);
    const studies = await api.get<{ slug: string; config: { romId?: string } }[]>('/studies');
    expect(studies.body.find((s) => s.slug === 'atari-e2e')?.config.romId).toBe(roms.body[0].id);
  });
});
