/**
 * The alignment measurement shared by `bench/alignment.ts` and its e2e test.
 *
 * Chromium's fake microphone plays a WAV of short beeps at a known spacing. In the harness page
 * the real recorder records the mic while a detector (an AudioWorklet on the same live stream)
 * fires a "key press" the instant it hears a beep onset, stamped with `serverTimeOf(
 * performance.now())` exactly as a game event would be. After finalize, every beep onset found in
 * the stored WAV is mapped to server time by the stored sample→server-ms mapping and paired with
 * the nearest key press.
 *
 * The detector hears the beep through the same capture path as the recorder: its key press lags
 * the moment the sound reached the microphone by the track's input latency (which the page cannot
 * observe, only read from `MediaTrackSettings.latency`) plus its own detection delay. The error
 * reported is therefore `keyPressMs − inputLatencyMs − onsetMs`: what is left is the mapping's
 * error plus the detector's delay (under one render quantum plus a message hop).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RecordingTrackView } from '../../src/games/common/recording.js';
import { beepTrack, findOnsets, parseWav, writeWavFile } from './audio.js';
import { launchChromium } from './browser.js';
import { startHarnessServer } from './harness.js';
import type { HarnessWindow } from '../harness/recorder/harness-api.js';

export interface AlignmentOptions {
  /** The API under test. */
  apiUrl: string;
  study: string;
  participantId: string;
  /** Researcher token, to download the stored WAV. */
  researcherToken: string;
  seconds: number;
  /** Seconds between beeps in the fake mic's file. */
  every?: number;
}

export interface AlignmentResult {
  beeps: number;
  keyPresses: number;
  /** keyPress − inputLatency − mapped onset, ms, one per beep found in the WAV and paired. */
  errorsMs: number[];
  /**
   * The same, with each key press mapped to server time afterwards by the page's fitted clock
   * (`mapping.clocks`, as exports map game events) instead of the live estimate: what is left is
   * the audio path alone. Empty when the track has no fitted clock for the page.
   */
  remappedErrorsMs: number[];
  /** Onsets in the WAV with no key press within 100 ms. */
  unpaired: number;
  inputLatencyMs: number;
  track: RecordingTrackView;
}

const BEEP = { beepMs: 30, freqHz: 1000, amplitude: 0.6, humAmplitude: 0.02 };

export function fakeMicArgs(wavPath: string): string[] {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${wavPath}`,
    '--autoplay-policy=no-user-gesture-required',
  ];
}

/** Writes a beep file for the fake mic and returns its path. */
export function writeBeepFile(seconds: number, every: number, sampleRate = 48000): string {
  const path = join(tmpdir(), `ozlab-beeps-${process.pid}-${every}.wav`);
  writeWavFile(
    path,
    beepTrack({ sampleRate, seconds, every, first: every / 2, ...BEEP }),
    sampleRate,
  );
  return path;
}

/** Opens the harness page (served by a harness server, see harness.ts) in a new context. */
export async function openHarness(browser: Browser, origin: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (err) => process.stderr.write(`[harness] ${err.message}\n`));
  await page.goto(`${origin}/harness/index.html`);
  await page.waitForFunction(() => (globalThis as unknown as HarnessWindow).harness !== undefined);
  return page;
}

/** The stored WAV of a finalized track, through the researcher's signed download URL. */
export async function downloadWav(
  apiUrl: string,
  trackId: string,
  researcherToken: string,
): Promise<Buffer> {
  const res = await fetch(`${apiUrl}/api/recordings/${trackId}/download`, {
    headers: { authorization: `Bearer ${researcherToken}` },
  });
  if (res.status !== 200) throw new Error(`download: ${res.status} ${await res.text()}`);
  const { url } = (await res.json()) as { url: string };
  // Local storage signs URLs for the public URL (PUBLIC_URL); the test app listens elsewhere.
  const target = new URL(url, apiUrl);
  const local = target.pathname.startsWith('/api/storage/');
  const file = await fetch(local ? new URL(target.pathname + target.search, apiUrl) : target);
  if (file.status !== 200) throw new Error(`download ${url}: ${file.status}`);
  return Buffer.from(await file.arrayBuffer());
}

export async function measureAlignment(opts: AlignmentOptions): Promise<AlignmentResult> {
  const every = opts.every ?? 0.5;
  const harnessServer = await startHarnessServer(opts.apiUrl);
  const browser = await launchChromium(fakeMicArgs(writeBeepFile(opts.seconds + 5, every)));
  try {
    const page = await openHarness(browser, harnessServer.origin);
    await page.evaluate(
      ([study, pid]) => (globalThis as unknown as HarnessWindow).harness.login(study, pid),
      [opts.study, opts.participantId] as const,
    );
    const trackId = await page.evaluate(() =>
      (globalThis as unknown as HarnessWindow).harness.start({
        detectBeeps: true,
        label: 'alignment',
      }),
    );
    await page.waitForTimeout(opts.seconds * 1000);
    const track = await page.evaluate(() =>
      (globalThis as unknown as HarnessWindow).harness.finalize(),
    );
    const { keyPresses, keyPressesClientMs, clockId } = await page.evaluate(() => {
      const h = (globalThis as unknown as HarnessWindow).harness;
      return {
        keyPresses: h.keyPresses,
        keyPressesClientMs: h.keyPressesClientMs,
        clockId: h.clockId(),
      };
    });
    const inputLatencyMs = (track.source?.inputLatencyS ?? 0) * 1000;
    if (track.id !== trackId || !track.mapping) throw new Error('finalize returned no mapping');

    const wav = parseWav(await downloadWav(opts.apiUrl, trackId, opts.researcherToken));
    const onsets = findOnsets(wav.samples, wav.sampleRate);
    const { interceptMs, msPerSample } = track.mapping;
    const fit = track.mapping.clocks?.find((c) => c.clockId === clockId);
    const offsetMs = fit?.offsetMs ?? null;
    const refClientMs = fit?.refClientMs ?? null;
    const driftPpm = fit?.clockDriftPpm ?? 0;
    const remapped =
      offsetMs !== null && refClientMs !== null
        ? keyPressesClientMs.map((c) => c + offsetMs + (driftPpm / 1e6) * (c - refClientMs))
        : [];
    const nearest = (presses: number[], onsetMs: number) => {
      let best = Infinity;
      for (const k of presses) {
        const e = k - inputLatencyMs - onsetMs;
        if (Math.abs(e) < Math.abs(best)) best = e;
      }
      return best;
    };
    const errorsMs: number[] = [];
    const remappedErrorsMs: number[] = [];
    let unpaired = 0;
    for (const onset of onsets) {
      const onsetMs = interceptMs + msPerSample * onset;
      const best = nearest(keyPresses, onsetMs);
      if (Math.abs(best) <= 100) errorsMs.push(best);
      else unpaired++;
      if (remapped.length) remappedErrorsMs.push(nearest(remapped, onsetMs));
    }
    return {
      beeps: onsets.length,
      keyPresses: keyPresses.length,
      errorsMs,
      remappedErrorsMs,
      unpaired,
      inputLatencyMs,
      track,
    };
  } finally {
    await browser.close();
    await harnessServer.close();
  }
}
