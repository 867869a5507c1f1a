/** Browser helpers of the RoboTaxi e2e tests: tones for the fake mics, the participant's path. */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import pg from 'pg';
import { writeWavFile } from './audio.js';

/** Levels without bombs: every episode ends by delivery or by the short step limit. */
const PRACTICE = { grid: ['#######', '#R....#', '#..A..#', '#....S#', '#######'] };
const LEVEL = {
  grid: ['########', '#......#', '#..A...#', '#......#', '#.....S#', '########'],
  orientation: 'RIGHT',
};

/** A short RoboTaxi session (a practice round and one round of at most 12 fast steps). */
export const E2E_CONFIG = {
  consentText: 'We record your voice.',
  instructions: 'Speak to the rover.',
  stepMs: 300,
  stepLimit: 12,
  rounds: 1,
  bombCountdownMs: 500,
  roundCountdownMs: 1000,
  practiceLevel: PRACTICE,
  level: LEVEL,
  completionCode: 'OZ-DONE',
};

/**
 * A WAV of a sine for `--use-file-for-fake-audio-capture` (Chromium loops it): steady, or with
 * `syllablesPerS` swells of loudness a second, like speech (its waveform then has a shape).
 */
export function writeToneFile(
  freqHz: number,
  seconds = 10,
  sampleRate = 48000,
  syllablesPerS = 0,
): string {
  const samples = new Int16Array(seconds * sampleRate);
  for (let i = 0; i < samples.length; i++) {
    const t = i / sampleRate;
    const envelope = syllablesPerS
      ? 0.15 + 0.85 * Math.abs(Math.sin(Math.PI * syllablesPerS * t))
      : 1;
    samples[i] = Math.round(0.4 * envelope * 32767 * Math.sin(2 * Math.PI * freqHz * t));
  }
  const path = join(tmpdir(), `ozlab-tone-${process.pid}-${freqHz}-${syllablesPerS}.wav`);
  writeWavFile(path, samples, sampleRate);
  return path;
}

/** Logs in through the client, consents, presses Start and passes the mic check. */
export async function openPlay(
  browser: Browser,
  origin: string,
  slug: string,
  participantId: string,
  options: { consent?: boolean; context?: BrowserContext } = {},
): Promise<Page> {
  const context = options.context ?? (await browser.newContext());
  const page = await context.newPage();
  await page.goto(`${origin}/?study=${slug}`);
  await page.getByLabel('Participant ID').fill(participantId);
  await page.getByRole('button', { name: 'Log in' }).click();
  if (options.consent !== false) {
    await page.getByLabel('I have read and agree to the above').check();
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await page.getByRole('link', { name: 'Start' }).click();
  // The mic check: Continue is enabled once the (fake) mic has been heard.
  await page.getByRole('button', { name: 'Continue' }).click({ timeout: 20_000 });
  return page;
}

export function phase(page: Page, name: string, timeout = 30_000): Promise<unknown> {
  return page.locator(`[data-phase="${name}"]`).first().waitFor({ timeout });
}

/** The step the page's canvas last drew (`data-step`), and of which episode. */
export async function drawnStep(page: Page): Promise<{ episodeId: string; step: number } | null> {
  const canvas = page.getByTestId('game-canvas');
  if (!(await canvas.count())) return null;
  const [episodeId, step] = await Promise.all([
    canvas.getAttribute('data-episode-id'),
    canvas.getAttribute('data-step'),
  ]);
  return episodeId && step !== null ? { episodeId, step: Number(step) } : null;
}

/** The wizard holds a direction: presses the key every `everyMs` until `stop()`. */
export function holdKey(page: Page, key: string, everyMs = 120): { stop(): Promise<void> } {
  let running = true;
  const loop = (async () => {
    while (running) {
      await page.keyboard.press(key).catch(() => undefined);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}

/** The dominant frequency of the page's remote voice (`audio[data-voice-remote]`), via an AnalyserNode. */
// Runs in the page (the server's tsconfig has no DOM types, so it is kept as source text).
const REMOTE_VOICE_PEAK = `(async () => {
  const el = document.querySelector('audio[data-voice-remote]');
  const stream = el && el.srcObject;
  if (!(stream instanceof MediaStream) || !stream.getAudioTracks().length)
    throw new Error('no remote voice stream');
  const ctx = new AudioContext();
  await ctx.resume();
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 8192;
  ctx.createMediaStreamSource(stream).connect(analyser);
  await new Promise((r) => setTimeout(r, 1500));
  const bins = new Float32Array(analyser.frequencyBinCount);
  analyser.getFloatFrequencyData(bins);
  let best = 1;
  for (let i = 2; i < bins.length; i++) if (bins[i] > bins[best]) best = i;
  const result = { freqHz: (best * ctx.sampleRate) / analyser.fftSize, db: bins[best] };
  await ctx.close();
  return result;
})()`;

/** The dominant frequency of the page's remote voice (`audio[data-voice-remote]`), via an AnalyserNode. */
export function remoteVoicePeak(page: Page): Promise<{ freqHz: number; db: number }> {
  return page.evaluate<{ freqHz: number; db: number }>(REMOTE_VOICE_PEAK);
}

/** Steps stored per episode of a session, in order, to check there is no gap. */
export async function storedSteps(
  databaseUrl: string,
  sessionId: string,
): Promise<
  { episodeId: string; round: number; status: string; steps: number; indexes: number[] }[]
> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const episodes = await db.query<{ id: string; round: number; status: string; steps: number }>(
      `SELECT id, round, status, steps FROM episodes WHERE "sessionId" = $1 ORDER BY index`,
      [sessionId],
    );
    const out = [];
    for (const e of episodes.rows) {
      const steps = await db.query<{ index: number }>(
        `SELECT index FROM steps WHERE "episodeId" = $1 ORDER BY index`,
        [e.id],
      );
      out.push({
        episodeId: e.id,
        round: e.round,
        status: e.status,
        steps: e.steps,
        indexes: steps.rows.map((s) => s.index),
      });
    }
    return out;
  } finally {
    await db.end();
  }
}

/**
 * The wizard's end-of-session feedback: a path of one move from the start (to its first
 * neighbour that is not a wall), the start cell rated, then "Submit feedback".
 */
export async function submitWizardFeedback(
  wizard: Page,
): Promise<{ start: { x: number; y: number }; next: { x: number; y: number } }> {
  const cell = await wizard.locator('[data-on-path]').first().getAttribute('data-cell');
  const [sx, sy] = cell!.split(',').map(Number);
  // The start is random: step to its first neighbour that is not a wall.
  let next = { x: sx, y: sy };
  for (const [dx, dy] of [
    [0, 1],
    [1, 0],
    [0, -1],
    [-1, 0],
  ]) {
    const neighbour = wizard.locator(`[data-cell="${sx + dx},${sy + dy}"]`);
    if ((await neighbour.count()) && (await neighbour.getAttribute('data-wall')) === null) {
      next = { x: sx + dx, y: sy + dy };
      break;
    }
  }
  await wizard.locator(`[data-cell="${next.x},${next.y}"]`).click();
  await wizard.getByLabel('2. Rate every cell').check();
  await wizard.locator(`[data-cell="${sx},${sy}"]`).click();
  await wizard.getByRole('button', { name: 'Submit feedback' }).click();
  return { start: { x: sx, y: sy }, next };
}

export const contiguous = (indexes: number[]) => indexes.every((value, i) => value === i + 1);
