import type { Browser, Page } from 'playwright-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingTrackView } from '../../src/games/common/recording.js';
import type { AtariSessionExport } from '../../src/modules/sessions/session-export.service.js';
import { NTSC_FPS } from '../../src/games/atari/machine.js';
import { downloadWav, fakeMicArgs, writeBeepFile } from '../support/alignment.js';
import { startTestApp, type TestApp } from '../support/app.js';
import {
  atariStep,
  firePresses,
  fireHookState,
  hideTab,
  installFireOnBeep,
  storedEpisodes,
  type StoredEpisode,
} from '../support/atari-e2e.js';
import { type AtariStudy, setupAtariStudy } from '../support/atari-study.js';
import { findOnsets, parseWav } from '../support/audio.js';
import { assertBuiltApps, launchChromium } from '../support/browser.js';

const FRAME_MS = 1000 / NTSC_FPS;
const TRIAL_MINUTES = 0.1; // 6 s of practice
const SESSION_MINUTES = 0.3; // 18 s of recorded play
/** The fake mic beeps every half second: FIRE twice a second, game over (10 presses) every ~5 s. */
const BEEP_EVERY_S = 0.5;

/**
 * Flow 4 end to end in headless Chromium with the homebrew test ROM: a demonstrator logs in,
 * consents, passes the mic check, reads the instructions, plays the practice trial and the
 * recorded session (arrow keys from the test, FIRE from a hook that presses it on every beep the
 * fake mic plays; game over, new game, a hidden tab), answers the questionnaire and gets the
 * completion code. Then Postgres and storage must hold every frame in order, both audio tracks
 * covering the play, verified episodes, and FIRE frames on the mic's beeps within 2 frames.
 */
describe('Atari: a whole demonstration in the browser', () => {
  let t: TestApp;
  let origin: string;
  let browser: Browser;
  let study: AtariStudy;
  let page: Page;
  let sessionId: string;
  let episodes: StoredEpisode[];
  let tracks: RecordingTrackView[];

  beforeAll(async () => {
    assertBuiltApps();
    t = await startTestApp();
    origin = t.baseUrl.replace('127.0.0.1', 'localhost');
    study = await setupAtariStudy(t.baseUrl, 'atari-e2e', 'D0001-D0001');
    const put = await study.admin.put(`/studies/${study.studyId}`, {
      config: {
        consentText: 'We record your voice and your moves.',
        instructions: 'Move with the arrows, fire with space. Say "yes" or "no" about your moves.',
        romId: study.romId,
        trialMinutes: TRIAL_MINUTES,
        sessionMinutes: SESSION_MINUTES,
        completionCode: 'OZ-ATARI',
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    browser = await launchChromium(fakeMicArgs(writeBeepFile(120, BEEP_EVERY_S)));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('runs the demonstrator flow to the completion code', async () => {
    const context = await browser.newContext();
    await installFireOnBeep(context);
    page = await context.newPage();
    page.on('pageerror', (err) => process.stderr.write(`[atari page] ${err.message}\n`));
    await page.goto(`${origin}/?study=${study.slug}`);
    await page.getByLabel('Participant ID').fill('D0001');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByLabel('I have read and agree to the above').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('link', { name: 'Start' }).click();

    await atariStep(page, 'mic-check');
    await page.getByRole('button', { name: 'Continue' }).click({ timeout: 20_000 });
    await atariStep(page, 'game-instructions');
    await page.getByText('Say "yes" or "no" about your moves.').waitFor();
    await page.getByRole('button', { name: 'Start the practice' }).click();
    await atariStep(page, 'practice');

    // Practice and session: move right a while, hide the tab once, start a new game at every
    // game over, until the session's time is up and the questionnaire shows.
    let moved = false;
    let hidden = false;
    const deadline = Date.now() + 150_000;
    for (;;) {
      expect(Date.now(), 'the session did not end in time').toBeLessThan(deadline);
      const step = await page.locator('[data-atari-step]').first().getAttribute('data-atari-step');
      if (step === 'questionnaire') break;
      if (step === 'session-instructions')
        await page.getByRole('button', { name: 'Start the session' }).click();
      const newGame = page.getByRole('button', { name: 'New game' });
      if (await newGame.isVisible()) await newGame.click();
      if (step === 'session' && !moved) {
        moved = true;
        await page.keyboard.down('ArrowRight');
        await page.waitForTimeout(1500);
        await page.keyboard.up('ArrowRight');
      } else if (step === 'session' && !hidden) {
        hidden = true;
        await hideTab(page, 1200);
      }
      await page.waitForTimeout(200);
    }
    expect(moved && hidden).toBe(true);
    const hook = await fireHookState(page);
    expect(hook.errors).toEqual([]);
    expect(hook.presses.length).toBeGreaterThan(20);
    const late = [...hook.lateMs].sort((a, b) => a - b);
    console.log(
      `FIRE hook: ${late.length} presses dispatched ${late[0].toFixed(1)}–${late.at(-1)!.toFixed(1)} ms ` +
        `after their detection (median ${late[Math.floor(late.length / 2)].toFixed(1)} ms)`,
    );

    // The questionnaire (the study's default questions).
    await page.getByRole('radio', { name: 'A few times' }).check();
    await page.getByRole('radio', { name: '5', exact: true }).check();
    await page.getByRole('textbox').first().fill('I said yes when I hit the beep.');
    await page.getByRole('button', { name: 'Submit' }).click();

    await atariStep(page, 'complete', 90_000);
    await expect(page.getByTestId('completion-code').inputValue()).resolves.toBe('OZ-ATARI');

    const db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      const rows = await db.query<{ id: string; status: string; participant: string }>(
        `SELECT s.id, s.status, p.status AS participant FROM sessions s
           JOIN participants p ON p.id = s."demonstratorId" WHERE p."participantId" = 'D0001'`,
      );
      expect(rows.rows).toHaveLength(1);
      expect(rows.rows[0]).toMatchObject({ status: 'completed', participant: 'completed' });
      sessionId = rows.rows[0].id;
    } finally {
      await db.end();
    }
    // The researcher's export of the session holds the answers, with the questions as asked.
    const exported = await study.admin.get<AtariSessionExport>(`/sessions/${sessionId}/export`);
    expect(exported.status).toBe(200);
    const questionnaire = exported.body.questionnaire as {
      answers: Record<string, unknown>;
      questions: { id: string }[];
    };
    expect(Object.values(questionnaire.answers)).toEqual(
      expect.arrayContaining(['A few times', 5, 'I said yes when I hit the beep.']),
    );
    expect(questionnaire.questions.map((q) => q.id).sort()).toEqual(
      Object.keys(questionnaire.answers).sort(),
    );
  });

  it('stored every frame of every episode, in order, and the verify job agrees', async () => {
    expect(sessionId).toBeDefined();
    // The determinism check runs on the queue after each episode ends.
    await expect
      .poll(
        async () => {
          episodes = await storedEpisodes(t.databaseUrl, sessionId);
          return episodes.every((e) => e.verification !== null);
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(true);

    const practice = episodes.filter((e) => e.practice);
    const recorded = episodes.filter((e) => !e.practice);
    expect(practice.length).toBeGreaterThanOrEqual(1);
    expect(practice.at(-1)?.outcome).toBe('practice-over');
    // Game over at least once in the session, then a new game, and the last one ran out of time.
    expect(recorded.length).toBeGreaterThanOrEqual(2);
    expect(recorded.some((e) => e.outcome === 'game-over')).toBe(true);
    expect(recorded.at(-1)?.outcome).toBe('time-up');

    for (const e of episodes) {
      expect(e.status).toBe('completed');
      expect(e.verification?.firstDivergingFrame ?? null, `episode ${e.index}`).toBeNull();
      expect(e.verified, `episode ${e.index}`).toBe(true);
      expect(e.frames.map((f) => f.frame)).toEqual(Array.from({ length: e.steps }, (_, i) => i));
      e.frames.forEach((f, i) => {
        expect(f.emuMs).toBeCloseTo(i * FRAME_MS, 6);
        if (i > 0) expect(f.clientMs).toBeGreaterThanOrEqual(e.frames[i - 1].clientMs);
        expect(f.hash !== undefined).toBe(i % 60 === 59 || i === e.frames.length - 1);
      });
      if (e.outcome === 'game-over') expect(e.frames.at(-1)?.terminal).toBe(true);
    }
    // The session export carries the same frames.
    const exported = await study.admin.get<AtariSessionExport>(`/sessions/${sessionId}/export`);
    expect(exported.body.episodes.map((e) => e.frames.length)).toEqual(
      episodes.map((e) => e.steps),
    );
    // Accumulated play: the session budget, across games (within a second).
    const played = recorded.reduce((n, e) => n + e.steps, 0);
    expect(Math.abs(played - SESSION_MINUTES * 60 * NTSC_FPS)).toBeLessThanOrEqual(NTSC_FPS);
    // The scripted arrow key and the hidden tab are in the log.
    const all = recorded.flatMap((e) => e.frames);
    expect(all.some((f) => f.action === 3 /* RIGHT */)).toBe(true);
    const pauses = all.filter((f) => f.pause);
    expect(pauses).toHaveLength(1);
    expect(pauses[0].pause?.ms).toBeGreaterThan(900);
  });

  it('stored the mic and the game audio over the whole play, FIRE frames on the beeps', async () => {
    expect(episodes).toBeDefined();
    const res = await study.admin.get<RecordingTrackView[]>(
      `/recordings?filter=${encodeURIComponent(JSON.stringify({ sessionId }))}`,
    );
    tracks = res.body;
    const mic = tracks.find((r) => r.kind === 'mic');
    const game = tracks.find((r) => r.kind === 'game');
    expect(mic?.status).toBe('finalized');
    expect(game?.status).toBe('finalized');

    // Each track's server-time span covers the play (from the first frame, less the ~0.1 s
    // Chromium may skip at the start of a capture, to the last) and not much more.
    const frames = episodes.flatMap((e) => e.frames);
    const firstMs = frames[0].clientMs;
    const lastMs = frames.at(-1)!.clientMs;
    for (const track of [mic!, game!]) {
      const m = track.mapping!;
      const from = m.interceptMs;
      const to = m.interceptMs + m.msPerSample * track.durationSamples!;
      console.log(
        `${track.label}: ${((to - from) / 1000).toFixed(2)} s, from ${(from - firstMs).toFixed(0)} ms ` +
          `before the first frame to ${(to - lastMs).toFixed(0)} ms after the last`,
      );
      expect(from).toBeLessThan(firstMs + 200);
      expect(to).toBeGreaterThan(lastMs);
      expect(to - from).toBeLessThan(lastMs - firstMs + 60_000);
    }

    // Alignment: every beep of the mic heard during play has its FIRE frame within 2 frames
    // (the hook hears the beep after the capture's input latency, as a person would too).
    const micWav = parseWav(await downloadWav(t.baseUrl, mic!.id, study.admin.token!));
    const m = mic!.mapping!;
    const inputLatencyMs = (mic!.source?.inputLatencyS ?? 0) * 1000;
    const presses = episodes.flatMap((e) => firePresses(e.frames).map((f) => f.clientMs));
    const playing = (ms: number) =>
      episodes.some((e) => {
        const a = e.frames[0]?.clientMs ?? Infinity;
        const b = e.frames.at(-1)?.clientMs ?? -Infinity;
        const paused = e.frames.some(
          (f) => f.pause && ms > f.clientMs - f.pause.ms - 100 && ms < f.clientMs + 100,
        );
        return ms > a + 100 && ms < b - 100 && !paused;
      });
    const errors: number[] = [];
    for (const onset of findOnsets(micWav.samples, micWav.sampleRate)) {
      const onsetMs = m.interceptMs + m.msPerSample * onset;
      if (!playing(onsetMs)) continue;
      let best = Infinity;
      for (const p of presses)
        if (Math.abs(p - inputLatencyMs - onsetMs) < Math.abs(best))
          best = p - inputLatencyMs - onsetMs;
      errors.push(best);
    }
    console.log(
      `FIRE frame − mic beep onset (ms, less ${inputLatencyMs.toFixed(1)} ms input latency): ` +
        errors.map((e) => e.toFixed(1)).join(' '),
    );
    expect(errors.length).toBeGreaterThan(20);
    for (const e of errors) expect(Math.abs(e)).toBeLessThanOrEqual(2 * FRAME_MS);

    // The game's own beep (the test ROM beeps on each FIRE press) is in the game-audio track.
    const gameWav = parseWav(await downloadWav(t.baseUrl, game!.id, study.admin.token!));
    const g = game!.mapping!;
    const gameOnsets = findOnsets(gameWav.samples, gameWav.sampleRate, 0.05).map(
      (i) => g.interceptMs + g.msPerSample * i,
    );
    const delays = gameOnsets
      .filter(playing)
      .map((ms) => Math.min(...presses.map((p) => Math.abs(ms - p))));
    console.log(`game beep − FIRE frame (ms): ${delays.map((d) => d.toFixed(0)).join(' ')}`);
    expect(delays.length).toBeGreaterThan(20);
    delays.sort((a, b) => a - b);
    expect(delays[Math.floor(delays.length / 2)]).toBeLessThan(150);
  });
});
