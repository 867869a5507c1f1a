import type { Browser, Page } from 'playwright-core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingTrackView } from '../../src/games/common/recording.js';
import { fakeMicArgs } from '../support/alignment.js';
import { startApiProcess, type ApiProcess } from '../support/api-process.js';
import { ApiClient } from '../support/app.js';
import { assertBuiltApps, launchChromium } from '../support/browser.js';
import {
  contiguous,
  drawnStep,
  holdKey,
  openPlay,
  phase,
  storedSteps,
  writeToneFile,
} from '../support/robotaxi-e2e.js';

/** Long episodes without bombs, so that the interruptions land mid-episode. */
const CONFIG = {
  consentText: 'We record your voice.',
  instructions: 'Speak to the rover.',
  stepMs: 250,
  stepLimit: 200,
  rounds: 1,
  practiceRound: false,
  bombCountdownMs: 300,
  level: { grid: ['########', '#R.....#', '#..A...#', '#......#', '#.....S#', '########'] },
};

async function stepAfter(page: Page, episodeId: string, step: number): Promise<void> {
  await expect
    .poll(
      async () => {
        const drawn = await drawnStep(page);
        return !!drawn && (drawn.episodeId !== episodeId || drawn.step > step);
      },
      { timeout: 40_000, interval: 200 },
    )
    .toBe(true);
}

async function currentStep(page: Page): Promise<{ episodeId: string; step: number }> {
  const drawn = await drawnStep(page);
  if (!drawn) throw new Error('nothing drawn yet');
  return drawn;
}

/**
 * Flow 3's promises under failure: a wizard page killed and reopened, and the API process killed
 * (SIGKILL) and restarted mid-episode. The game continues from the last stored step; no stored
 * step and no acknowledged audio chunk is lost.
 */
describe('RoboTaxi resumes after a killed page and a killed API', () => {
  let api: ApiProcess;
  let origin: string;
  let browser: Browser;
  let admin: ApiClient;
  const slug = 'taxi-resume';

  beforeAll(async () => {
    assertBuiltApps();
    api = await startApiProcess();
    origin = api.baseUrl.replace('127.0.0.1', 'localhost');
    admin = await new ApiClient(api.baseUrl).loginResearcher();
    const study = await admin.post<{ id: string }>('/studies', {
      name: 'Taxi resume',
      slug,
      kind: 'woz-robotaxi',
      config: CONFIG,
    });
    expect(study.status, JSON.stringify(study.body)).toBe(201);
    for (const range of ['T0001-T0002', 'W0001-W0002'])
      expect(
        (await admin.post(`/studies/${study.body.id}/participants/range`, { range })).status,
      ).toBe(201);
    browser = await launchChromium(fakeMicArgs(writeToneFile(660)));
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const sessionOf = async (participantCode: string) => {
    const list = await admin.get<{ id: string; teacherId: string }[]>('/sessions');
    const people = await admin.get<{ id: string; participantId: string }[]>(
      `/participants?filter=${encodeURIComponent(JSON.stringify({ q: participantCode }))}`,
    );
    return list.body.find((s) => s.teacherId === people.body[0].id)!.id;
  };

  it('kills the wizard page mid-episode; the reopened page resumes from the last stored step', async () => {
    const teacherContext = await browser.newContext();
    const wizardContext = await browser.newContext();
    const teacher = await openPlay(browser, origin, slug, 'T0001', { context: teacherContext });
    const wizard = await openPlay(browser, origin, slug, 'W0001', { context: wizardContext });
    await phase(wizard, 'playing');
    const keys = holdKey(wizard, 'ArrowRight', 200);
    await stepAfter(teacher, (await currentStep(teacher)).episodeId, 3);
    await keys.stop();

    await wizardContext.close(); // the wizard's tab and its storage are gone
    await phase(teacher, 'paused');
    await expect(teacher.getByTestId('pause-overlay').getAttribute('data-reason')).resolves.toBe(
      'wizard-away',
    );
    const paused = await currentStep(teacher);
    const sessionId = await sessionOf('T0001');
    const before = await storedSteps(api.databaseUrl, sessionId);
    const episode = before.find((e) => e.episodeId === paused.episodeId)!;
    expect(episode.indexes.at(-1)).toBe(paused.step);

    const again = await openPlay(browser, origin, slug, 'W0001', {
      context: await browser.newContext(),
      consent: false,
    });
    await phase(again, 'playing');
    // The reopened page is shown the paused state first, then the game goes on from it.
    await stepAfter(again, paused.episodeId, paused.step);
    await stepAfter(teacher, paused.episodeId, paused.step);
    const after = await storedSteps(api.databaseUrl, sessionId);
    const resumed = after.find((e) => e.episodeId === paused.episodeId)!;
    expect(contiguous(resumed.indexes), resumed.indexes.join(',')).toBe(true);
    expect(resumed.indexes.length).toBeGreaterThan(paused.step);
    await teacherContext.close();
  });

  it('kills the API mid-episode; after the restart the pages resume, losing no step or chunk', async () => {
    const teacherContext = await browser.newContext();
    const teacher = await openPlay(browser, origin, slug, 'T0002', { context: teacherContext });
    const wizard = await openPlay(browser, origin, slug, 'W0002', {
      context: await browser.newContext(),
    });
    await phase(teacher, 'playing');
    await stepAfter(teacher, (await currentStep(teacher)).episodeId, 3);
    const sessionId = await sessionOf('T0002');

    await api.kill();
    const killedAt = await currentStep(teacher);
    await teacher.getByTestId('connection-banner').waitFor({ timeout: 15_000 });
    await new Promise((r) => setTimeout(r, 1500)); // the recorders keep cutting chunks meanwhile
    await api.start();

    await stepAfter(teacher, killedAt.episodeId, killedAt.step);
    await stepAfter(wizard, killedAt.episodeId, killedAt.step);
    const steps = await storedSteps(api.databaseUrl, sessionId);
    const episode = steps.find((e) => e.episodeId === killedAt.episodeId)!;
    expect(contiguous(episode.indexes), episode.indexes.join(',')).toBe(true);
    expect(episode.indexes.length).toBeGreaterThan(killedAt.step);

    // End the session; both pages finalize their recordings.
    const aborted = await admin.post(`/sessions/${sessionId}/abort`, { reason: 'end of test' });
    expect(aborted.status).toBe(200);
    await teacher.locator('[data-save="saved"]').waitFor({ timeout: 60_000 });
    await wizard.locator('[data-save="saved"]').waitFor({ timeout: 60_000 });
    const tracks = await admin.get<RecordingTrackView[]>(
      `/recordings?filter=${encodeURIComponent(JSON.stringify({ sessionId }))}`,
    );
    expect(tracks.body).toHaveLength(2);
    const db = new pg.Client({ connectionString: api.databaseUrl });
    await db.connect();
    try {
      for (const track of tracks.body) {
        expect(track.status).toBe('finalized');
        // Every chunk the pages cut, the outage's included, reached the server: no missing seq.
        expect(track.gaps?.filter((g) => g.reason === 'missing-chunks')).toEqual([]);
        const seqs = await db.query<{ seq: number }>(
          `SELECT seq FROM recording_chunks WHERE "recordingId" = $1 ORDER BY seq`,
          [track.id],
        );
        expect(seqs.rows.map((r) => r.seq)).toEqual(seqs.rows.map((_, i) => i));
        expect(track.receivedChunks).toBe(seqs.rows.length);
      }
    } finally {
      await db.end();
    }
    await teacherContext.close();
  });
});
