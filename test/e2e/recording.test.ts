import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingTrackView } from '../../src/games/common/recording.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { fakeMicArgs, downloadWav, openHarness, writeBeepFile } from '../support/alignment.js';
import { type HarnessServer, startHarnessServer } from '../support/harness.js';
import { findOnsets, parseWav, silentShare } from '../support/audio.js';
import { launchChromium } from '../support/browser.js';
import type { HarnessWindow } from '../harness/recorder/harness-api.js';
import { type SeededStudy, seedStudy } from '../support/participants.js';

const h = (page: Page) => ({
  status: () => page.evaluate(() => (globalThis as unknown as HarnessWindow).harness.status()),
});

/**
 * Flow 5 in a real browser: 20 s from a fake mic, a reload at 8 s, the network cut from 14 s to
 * 19 s, then finalize. The stored WAV must be complete but for the ~1 s around the reload.
 */
describe('recording survives a reload and an outage', () => {
  let t: TestApp;
  let browser: Browser;
  let harness: HarnessServer;
  let study: SeededStudy;

  beforeAll(async () => {
    t = await startTestApp();
    harness = await startHarnessServer(t.baseUrl);
    study = await seedStudy(t.baseUrl, 'rec-e2e', 'D0001-D0002');
    browser = await launchChromium(fakeMicArgs(writeBeepFile(30, 0.5)));
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    await t?.close();
  });

  it('records 20 s through a reload and a 5 s outage', async () => {
    const page = await openHarness(browser, harness.origin);
    await page.evaluate(() =>
      (globalThis as unknown as HarnessWindow).harness.login('rec-e2e', 'D0001'),
    );
    const trackId = await page.evaluate(() =>
      (globalThis as unknown as HarnessWindow).harness.start({ label: 'e2e' }),
    );
    const t0 = Date.now();
    const at = async (s: number) => {
      const wait = t0 + s * 1000 - Date.now();
      if (wait > 0) await page.waitForTimeout(wait);
    };

    await at(8);
    await page.reload();
    await page.waitForFunction(
      () => (globalThis as unknown as HarnessWindow).harness?.status().state === 'recording',
    );
    expect(
      await page.evaluate(() => (globalThis as unknown as HarnessWindow).harness.resumedTrackId),
    ).toBe(trackId);

    await at(14);
    await page.context().setOffline(true);
    await at(18.5);
    // Chunks cut during the outage wait in IndexedDB.
    const during = await h(page).status();
    expect(during.chunksPending).toBeGreaterThanOrEqual(3);
    await at(19);
    await page.context().setOffline(false);
    await at(20);
    const track: RecordingTrackView = await page.evaluate(() =>
      (globalThis as unknown as HarnessWindow).harness.finalize(),
    );
    const after = await h(page).status();
    expect(after).toMatchObject({ chunksPending: 0, rejected: 0 });

    expect(track.status).toBe('finalized');
    expect(track.receivedChunks).toBe((track.lastSeq ?? -1) + 1);
    const gaps = track.gaps ?? [];
    // Nothing lost to the outage: the only gap is the reload's.
    expect(gaps.filter((g) => g.reason === 'missing-chunks')).toEqual([]);
    const reloadGaps = gaps.filter((g) => g.reason === 'between-segments');
    expect(reloadGaps).toHaveLength(1);
    const rate = track.sampleRate;
    const lostS = reloadGaps[0].samples / rate;
    expect(lostS).toBeLessThan(1.6);
    const durationS = (track.durationSamples ?? 0) / rate;
    expect(durationS).toBeGreaterThan(19);
    expect(durationS).toBeLessThan(21.5);

    const wav = parseWav(await downloadWav(t.baseUrl, trackId, study.admin.token ?? ''));
    expect(wav).toMatchObject({ sampleRate: rate, channels: 1, bitsPerSample: 16 });
    expect(wav.samples.length).toBe(track.durationSamples);
    const gapStart = reloadGaps[0].startSample;
    const gapEnd = gapStart + reloadGaps[0].samples;
    // The fake mic's hum is everywhere but in the gap (after each capture's start-up: the fake
    // device delivers some silence while it opens); the gap is digital silence.
    const startUp = Math.round(0.5 * rate);
    expect(silentShare(wav.samples, rate, startUp, gapStart)).toBeLessThan(0.02);
    expect(silentShare(wav.samples, rate, gapEnd + startUp, wav.samples.length)).toBeLessThan(0.02);
    expect(wav.samples.subarray(gapStart, gapEnd).every((s) => s === 0)).toBe(true);
    // Beeps every 0.5 s: about 2 per second of stored audio outside the gap.
    const onsets = findOnsets(wav.samples, rate);
    expect(onsets.length).toBeGreaterThanOrEqual(Math.floor((durationS - lostS) * 2) - 3);
  });
});
