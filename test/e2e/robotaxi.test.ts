import type { Browser, Page } from 'playwright-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingTrackView } from '../../src/games/common/recording.js';
import {
  compatExportSchema,
  type OzlabRobotaxiExport,
} from '../../src/modules/sessions/robotaxi-export.js';
import { downloadWav, fakeMicArgs } from '../support/alignment.js';
import { ApiClient, startTestApp, type TestApp } from '../support/app.js';
import { parseWav } from '../support/audio.js';
import { assertBuiltApps, launchChromium } from '../support/browser.js';
import {
  contiguous,
  drawnStep,
  E2E_CONFIG,
  holdKey,
  openPlay,
  phase,
  remoteVoicePeak,
  storedSteps,
  submitWizardFeedback,
  writeToneFile,
} from '../support/robotaxi-e2e.js';

const TEACHER_TONE_HZ = 880;
const WIZARD_TONE_HZ = 440;

/**
 * Flow 3 end to end in two real browsers: a teacher and a wizard log in, pass the mic check,
 * are paired, play the practice round and one real round (the wizard holds an arrow key), and
 * give their feedback. The teacher's voice must reach the wizard's page over WebRTC; every step
 * must be stored in order; the teacher's WAV must last as long as the teacher was recorded.
 */
describe('RoboTaxi: a whole session in two browsers', () => {
  let t: TestApp;
  let origin: string;
  let teacherBrowser: Browser;
  let wizardBrowser: Browser;
  let admin: ApiClient;
  const slug = 'taxi-e2e';

  beforeAll(async () => {
    assertBuiltApps();
    t = await startTestApp();
    origin = t.baseUrl.replace('127.0.0.1', 'localhost');
    admin = await new ApiClient(t.baseUrl).loginResearcher();
    const study = await admin.post<{ id: string }>('/studies', {
      name: 'Taxi e2e',
      slug,
      kind: 'woz-robotaxi',
      config: E2E_CONFIG,
    });
    expect(study.status, JSON.stringify(study.body)).toBe(201);
    for (const range of ['T0001-T0001', 'W0001-W0001'])
      expect(
        (await admin.post(`/studies/${study.body.id}/participants/range`, { range })).status,
      ).toBe(201);
    teacherBrowser = await launchChromium(fakeMicArgs(writeToneFile(TEACHER_TONE_HZ)));
    wizardBrowser = await launchChromium(fakeMicArgs(writeToneFile(WIZARD_TONE_HZ)));
  });
  afterAll(async () => {
    await teacherBrowser?.close();
    await wizardBrowser?.close();
    await t?.close();
  });

  it('pairs, plays practice and a round, carries the voice, stores steps, audio and feedback', async () => {
    const teacher = await openPlay(teacherBrowser, origin, slug, 'T0001');
    const recordingFrom = Date.now();
    const wizard = await openPlay(wizardBrowser, origin, slug, 'W0001');

    await phase(wizard, 'playing');
    const keys = holdKey(wizard, 'ArrowDown');

    // The teacher's voice reaches the wizard: the loudest frequency there is the teacher's tone.
    await wizard
      .locator('audio[data-voice-remote]')
      .waitFor({ state: 'attached', timeout: 20_000 });
    await expect
      .poll(async () => (await remoteVoicePeak(wizard)).freqHz, { timeout: 20_000, interval: 500 })
      .toBeGreaterThan(TEACHER_TONE_HZ - 20);
    const peak = await remoteVoicePeak(wizard);
    expect(Math.abs(peak.freqHz - TEACHER_TONE_HZ)).toBeLessThan(20);

    await phase(wizard, 'feedback', 90_000);
    await keys.stop();
    await phase(teacher, 'feedback');

    // The wizard draws a path (one step from the start) and rates a cell; the teacher answers.
    const { start, next } = await submitWizardFeedback(wizard);
    await teacher.locator('textarea').first().fill('I told it yes when it went near the acorn.');
    await teacher.getByRole('button', { name: 'Submit' }).click();

    await phase(teacher, 'complete');
    await teacher.locator('[data-save]').first().waitFor();
    const recordingTo = Date.now();
    await teacher.locator('[data-save="saved"]').waitFor({ timeout: 60_000 });
    await wizard.locator('[data-save="saved"]').waitFor({ timeout: 60_000 });
    await expect(teacher.getByTestId('completion-code').inputValue()).resolves.toBe('OZ-DONE');

    // Every step is stored, in order, with no gap: practice (round 0) and round 1.
    const sessions = await admin.get<{ id: string; status: string }[]>('/sessions');
    const session = sessions.body[0];
    expect(session.status).toBe('completed');
    const episodes = await storedSteps(t.databaseUrl, session.id);
    expect(new Set(episodes.map((e) => e.round))).toEqual(new Set([0, 1]));
    for (const e of episodes) {
      expect(contiguous(e.indexes), `steps of ${e.episodeId}: ${e.indexes.join(',')}`).toBe(true);
      expect(e.indexes.length).toBe(e.steps);
    }
    const db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
    const keyed = await db.query<{ count: string }>(
      `SELECT count(*) FROM steps WHERE "sessionId" = $1 AND jsonb_array_length(keypresses) > 0`,
      [session.id],
    );
    await db.end();
    expect(Number(keyed.rows[0].count)).toBeGreaterThan(0);

    // The teacher's WAV: in storage, as long as the teacher's page recorded (± one 1 s chunk,
    // plus the page's start-up, which this test cannot see from outside).
    const tracks = await admin.get<RecordingTrackView[]>(
      `/recordings?filter=${encodeURIComponent(JSON.stringify({ sessionId: session.id }))}`,
    );
    const teacherTrack = tracks.body.find((r) => r.participantCode === 'T0001')!;
    expect(teacherTrack.status).toBe('finalized');
    const wav = parseWav(await downloadWav(t.baseUrl, teacherTrack.id, admin.token!));
    const seconds = wav.samples.length / wav.sampleRate;
    const expected = (recordingTo - recordingFrom) / 1000;
    console.log(`teacher WAV ${seconds.toFixed(2)} s, recorded for about ${expected.toFixed(2)} s`);
    expect(seconds).toBeGreaterThan(expected - 1.5);
    expect(seconds).toBeLessThan(expected + 1);

    // The exports: everything, and the original log shape, which validates.
    const full = await admin.get<OzlabRobotaxiExport>(`/sessions/${session.id}/export`);
    expect(full.body.episodes.flatMap((e) => e.steps).length).toBe(
      episodes.reduce((n, e) => n + e.indexes.length, 0),
    );
    expect(full.body.feedback).toHaveLength(2);
    const compat = compatExportSchema.parse(
      (await admin.get(`/sessions/${session.id}/export?format=compat`)).body,
    );
    expect(compat.audio_log.teacher).toHaveLength(1);
    expect(compat.feedback.wizard).toMatchObject({
      path: [start, next],
    });
  });
});

export async function waitForStepAfter(page: Page, step: number, episodeId: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const drawn = await drawnStep(page);
        return !!drawn && (drawn.episodeId !== episodeId || drawn.step > step);
      },
      { timeout: 30_000, interval: 200 },
    )
    .toBe(true);
}
