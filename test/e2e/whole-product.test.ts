import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUpdate } from '../../src/games/common/dashboard-events.js';
import type { RecordingTrackView } from '../../src/games/common/recording.js';
import {
  compatJsonPath,
  sessionJsonPath,
  SUMMARY_PATH,
  trackPath,
} from '../../src/modules/exports/export-names.js';
import type { OzlabRobotaxiExport } from '../../src/modules/sessions/robotaxi-export.js';
import {
  dashboardPushes,
  fillRobotaxiStudyForm,
  liveRowView,
  type LiveRowView,
  registerParticipants,
} from '../support/admin-e2e.js';
import { downloadWav, fakeMicArgs } from '../support/alignment.js';
import { ApiClient, startTestApp, type TestApp } from '../support/app.js';
import { parseWav } from '../support/audio.js';
import {
  assertBuiltApps,
  launchChromium,
  routeSignedUrls,
  signInToAdmin,
} from '../support/browser.js';
import { ffprobe, type RenderRow } from '../support/render.js';
import {
  contiguous,
  E2E_CONFIG,
  holdKey,
  openPlay,
  phase,
  storedSteps,
  submitWizardFeedback,
  writeToneFile,
} from '../support/robotaxi-e2e.js';
import { screenshot, SCREENSHOT_VIEWPORT } from '../support/screenshots.js';
import { manifestProblems, readExport } from '../support/zip.js';

const STUDY = { name: 'Whole product RoboTaxi', slug: 'whole-product', config: E2E_CONFIG };
const TEACHER_TONE_HZ = 880;
const WIZARD_TONE_HZ = 440;

interface EpisodeRow {
  id: string;
  sessionId: string;
  index: number;
  round: number | null;
  practice: boolean;
  status: string;
  steps: number;
  score: number;
  startedAt: string;
  endedAt: string | null;
}

const filter = (value: Record<string, string>) =>
  `filter=${encodeURIComponent(JSON.stringify(value))}`;

/**
 * The dashboard's "done means": a researcher creates a RoboTaxi study and registers its
 * participants through the admin, watches two participants play live, replays their episode with
 * its audio, renders it to an MP4 and exports the study, all in Chromium as the users do it. The
 * API is only read, to check what the pages did. `OZLAB_SCREENSHOTS=<dir>` also saves the main
 * screens there (`npm run screenshots`).
 */
describe('the whole product, as its users use it', () => {
  let t: TestApp;
  let origin: string;
  let api: ApiClient;
  let adminBrowser: Browser;
  let teacherBrowser: Browser;
  let wizardBrowser: Browser;
  let researcher: Page;
  /** What the admin's dashboard socket pushed (`session:update`), as it arrived. */
  let sessionPushes: SessionUpdate[];

  // What the steps learn, for the next ones.
  let studyId: string;
  let sessionId: string;
  let episode: EpisodeRow;
  let episodes: EpisodeRow[];
  let tracks: RecordingTrackView[];

  beforeAll(async () => {
    assertBuiltApps();
    t = await startTestApp();
    // Chromium treats http://localhost as a secure context (the microphone needs one).
    origin = t.baseUrl.replace('127.0.0.1', 'localhost');
    api = await new ApiClient(t.baseUrl).loginResearcher();
    [adminBrowser, teacherBrowser, wizardBrowser] = await Promise.all([
      launchChromium(['--autoplay-policy=no-user-gesture-required']),
      // Voices that swell like speech, so that the replay's waveforms have a shape.
      launchChromium(fakeMicArgs(writeToneFile(TEACHER_TONE_HZ, 10, 48_000, 3))),
      launchChromium(fakeMicArgs(writeToneFile(WIZARD_TONE_HZ, 10, 48_000, 2))),
    ]);
    researcher = await (await adminBrowser.newContext({ viewport: SCREENSHOT_VIEWPORT })).newPage();
    await routeSignedUrls(researcher, origin);
    sessionPushes = dashboardPushes<SessionUpdate>(researcher, 'session:update');
    await signInToAdmin(researcher, origin);
  });
  afterAll(async () => {
    await Promise.all([adminBrowser?.close(), teacherBrowser?.close(), wizardBrowser?.close()]);
    await t?.close();
  });

  it('creates a RoboTaxi study through the create form', async () => {
    await researcher.getByRole('menuitem', { name: 'Studies' }).click();
    await researcher.getByRole('link', { name: 'Create' }).click();
    await researcher.waitForURL(/\/admin\/studies\/create$/);
    await fillRobotaxiStudyForm(researcher, STUDY);
    await researcher.evaluate('window.scrollTo(0, 0)');
    await screenshot(researcher, 'study-create');
    await researcher.getByRole('button', { name: 'Save' }).click();
    await researcher.waitForURL(/\/admin\/studies\/[0-9a-f-]+\/show$/);
    studyId = /studies\/([0-9a-f-]+)\/show/.exec(researcher.url())![1];

    // Every setting typed in is stored as typed.
    const stored = await api.get<{ name: string; slug: string; kind: string; config: unknown }>(
      `/studies/${studyId}`,
    );
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({
      name: STUDY.name,
      slug: STUDY.slug,
      kind: 'woz-robotaxi',
      config: E2E_CONFIG,
    });
  });

  it('registers T0001-T0002 and W0001-W0002 through the range dialog', async () => {
    for (const range of ['T0001-T0002', 'W0001-W0002'])
      await registerParticipants(researcher, range, 2);

    const registered = await api.get<{ participantId: string; role: string; status: string }[]>(
      `/participants?range=[0,99]&${filter({ studyId })}`,
    );
    expect(registered.body.map((p) => `${p.participantId}:${p.role}:${p.status}`)).toEqual([
      'T0001:teacher:registered',
      'T0002:teacher:registered',
      'W0001:wizard:registered',
      'W0002:wizard:registered',
    ]);
    // The study page lists them, with the participants' login link.
    for (const id of ['T0001', 'T0002', 'W0001', 'W0002'])
      await researcher.getByRole('cell', { name: id, exact: true }).waitFor();
    await researcher.getByText(`/?study=${STUDY.slug}`).first().waitFor();

    await researcher.getByRole('menuitem', { name: 'Participants' }).click();
    await researcher.waitForURL(/\/admin\/participants/);
    for (const id of ['T0001', 'T0002', 'W0001', 'W0002'])
      await researcher.getByRole('cell', { name: id, exact: true }).waitFor();
    await screenshot(researcher, 'participants');
  });

  it('plays a session in two browsers while the researcher watches it live', async () => {
    await researcher.getByRole('menuitem', { name: 'Live sessions' }).click();
    await researcher.getByTestId('no-live-sessions').waitFor();

    const join = async (browser: Browser, id: string) =>
      openPlay(browser, origin, STUDY.slug, id, {
        context: await browser.newContext({ viewport: SCREENSHOT_VIEWPORT }),
      });
    const [teacher, wizard] = await Promise.all([
      join(teacherBrowser, 'T0001'),
      join(wizardBrowser, 'W0001'),
    ]);
    await Promise.all([phase(teacher, 'playing'), phase(wizard, 'playing')]);
    const keys = holdKey(wizard, 'ArrowDown');
    await screenshot(teacher, 'play-teacher');
    await screenshot(wizard, 'play-wizard');

    // The live page, never reloaded, follows the session: its steps go by, and while it plays
    // both speakers are connected with a level on their meter.
    const row = researcher.locator('tr[data-session-id]');
    const steps = new Set<string>();
    const seen: { playing?: LiveRowView } = {};
    await expect
      .poll(
        async () => {
          const view = await liveRowView(row.first());
          if (view.phase === 'playing' && view.step !== '') {
            steps.add(`${view.cells['Round / episode']} ${view.step}`);
            const heard = view.members.every((m) => m.connected === 'true' && m.level > 0);
            if (!seen.playing && heard && view.members.length === 2) {
              seen.playing = view;
              await screenshot(researcher, 'live-sessions');
            }
          }
          return { distinctSteps: Math.min(steps.size, 3), playingWithLevels: !!seen.playing };
        },
        { timeout: 30_000, interval: 100 },
      )
      .toEqual({ distinctSteps: 3, playingWithLevels: true });
    expect(await row.count()).toBe(1);
    const live = seen.playing!;
    expect(live.members.map((m) => m.id)).toEqual(['T0001', 'W0001']);
    expect(live.cells).toMatchObject({
      Session: expect.stringContaining('T0001 and W0001'),
      Phase: 'Playing',
      'Round / episode': expect.stringMatching(/^(Practice|Round 1 of 1) · episode \d+$/),
      'Step / frames': `${live.step} / ${E2E_CONFIG.stepLimit}`,
      Score: expect.stringMatching(/^-?\d+$/),
    });
    // All of it came over the dashboard socket: the step shown, and the steps before and after.
    const liveId = await row.getAttribute('data-session-id');
    const pushed = sessionPushes.filter(
      (u) => u.sessionId === liveId && u.phase === 'playing' && u.step !== null,
    );
    expect(pushed.map((u) => u.step)).toContain(Number(live.step));
    expect(new Set(pushed.map((u) => `${u.episodeId}:${u.step}`)).size).toBeGreaterThanOrEqual(3);

    await phase(wizard, 'feedback', 90_000);
    await keys.stop();
    await phase(teacher, 'feedback');
    await submitWizardFeedback(wizard);
    await teacher.locator('textarea').first().fill('I said yes when it went near the acorn.');
    await teacher.getByRole('button', { name: 'Submit' }).click();
    await phase(teacher, 'complete');
    await phase(wizard, 'complete');
    await teacher.locator('[data-save="saved"]').waitFor({ timeout: 60_000 });
    await wizard.locator('[data-save="saved"]').waitFor({ timeout: 60_000 });
    // The live page sees the end too.
    await expect.poll(() => row.first().getAttribute('data-phase')).toBe('complete');
    expect(await row.first().getAttribute('data-open')).toBe('false');

    // What was played is stored: the session, every step in order, both mics.
    const sessions = await api.get<{ id: string; status: string }[]>(
      `/sessions?${filter({ studyId })}`,
    );
    expect(sessions.body.map((s) => s.status)).toEqual(['completed']);
    sessionId = sessions.body[0].id;
    const stored = await storedSteps(t.databaseUrl, sessionId);
    expect(new Set(stored.map((e) => e.round))).toEqual(new Set([0, 1]));
    for (const e of stored) {
      expect(contiguous(e.indexes), `steps of ${e.episodeId}: ${e.indexes.join(',')}`).toBe(true);
      expect(e.indexes.length).toBe(e.steps);
    }
    tracks = (
      await api.get<RecordingTrackView[]>(`/recordings?${filter({ sessionId })}`)
    ).body.sort((a, b) => a.participantCode.localeCompare(b.participantCode));
    expect(tracks.map((r) => `${r.participantCode}:${r.status}`)).toEqual([
      'T0001:finalized',
      'W0001:finalized',
    ]);
    episodes = (await api.get<EpisodeRow[]>(`/episodes?range=[0,99]&${filter({ sessionId })}`))
      .body;
    episode = episodes.find((e) => e.round === 1 && e.steps > 1)!;
    expect(episode, JSON.stringify(episodes)).toBeDefined();
  });

  it('opens the episode from the list and replays it with both mics', async () => {
    await researcher.getByRole('menuitem', { name: 'Episodes' }).click();
    await researcher
      .getByRole('row')
      .filter({
        has: researcher.getByRole('cell', { name: `${episode.index + 1} (round 1)`, exact: true }),
      })
      .click();
    await researcher.waitForURL(new RegExp(`/admin/episodes/${episode.id}/show$`));

    const viewer = researcher.getByTestId('replay-viewer');
    await viewer.waitFor();
    expect(await viewer.getAttribute('data-episode')).toBe(episode.id);
    // One picture per step, and the first step's.
    expect(Number(await viewer.getAttribute('data-positions'))).toBe(episode.steps + 1);
    expect(await viewer.getAttribute('data-step')).toBe('0');

    // Both mics are on the timeline, their audio loaded and drawn as waveforms.
    const trackRows = researcher.getByTestId('replay-track');
    await expect.poll(() => trackRows.count(), { timeout: 30_000 }).toBe(2);
    const shown = await Promise.all(
      (await trackRows.all()).map((r) => r.getAttribute('data-track-id')),
    );
    expect(shown.sort()).toEqual(tracks.map((r) => r.id).sort());
    for (const track of tracks) {
      const waveform = researcher.locator(
        `[data-testid="replay-track"][data-track-id="${track.id}"]`,
      );
      await expect
        .poll(() => waveform.getAttribute('data-track-ready'), { timeout: 30_000 })
        .toBe('true');
      expect(await waveform.locator('canvas').count()).toBeGreaterThan(0);
    }

    // Play: the clock runs, the picture follows it, and the mics play along.
    const startedAt = Number(await viewer.getAttribute('data-time-ms'));
    await researcher.getByRole('button', { name: 'Play', exact: true }).click();
    expect(await viewer.getAttribute('data-playing')).toBe('true');
    await expect
      .poll(async () => Number(await viewer.getAttribute('data-time-ms')))
      .toBeGreaterThan(startedAt + 300);
    await expect
      .poll(async () => Number(await viewer.getAttribute('data-step')))
      .toBeGreaterThan(0);
    await expect
      .poll(() =>
        researcher.locator('[data-testid="replay-track"][data-audio-playing="true"]').count(),
      )
      .toBe(2);
    await researcher.getByRole('button', { name: 'Pause', exact: true }).click();
    expect(await viewer.getAttribute('data-playing')).toBe('false');
  });

  it('queues a render from the episode page and downloads the MP4', async () => {
    await researcher.getByRole('button', { name: 'Render video', exact: true }).click();
    const progress = researcher.locator('[role="progressbar"][data-render-id][data-status]');
    await progress.first().waitFor({ timeout: 30_000 });
    expect(await progress.count()).toBe(1);
    await expect
      .poll(() => progress.getAttribute('data-status'), { timeout: 120_000, interval: 250 })
      .toBe('completed');
    expect(await progress.getAttribute('data-progress')).toBe('100');
    const renderId = (await progress.getAttribute('data-render-id'))!;

    const [download] = await Promise.all([
      researcher.waitForEvent('download'),
      researcher.getByRole('button', { name: `Download render ${renderId.slice(0, 8)}` }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.mp4$/);
    const probe = await ffprobe(await download.path());
    const video = probe.streams.find((s) => s.codec_type === 'video');
    expect(video?.codec_name).toBe('h264');
    expect(probe.streams.filter((s) => s.codec_type === 'audio').map((s) => s.codec_name)).toEqual([
      'aac',
    ]);
    // As long as the episode (its last picture stays up for one step period, as it did live).
    const render = (await api.get<RenderRow>(`/renders/${renderId}`)).body;
    expect(render).toMatchObject({ status: 'completed', episodeId: episode.id });
    expect(render.audioTracks?.map((a) => a.recordingId).sort()).toEqual(
      tracks.map((r) => r.id).sort(),
    );
    const frameS = 1 / render.options.fps;
    const duration = Number(probe.format.duration);
    expect(Math.abs(duration - render.durationMs! / 1000)).toBeLessThanOrEqual(frameS);
    const episodeS = (Date.parse(episode.endedAt!) - Date.parse(episode.startedAt)) / 1000;
    expect(duration).toBeGreaterThanOrEqual(episodeS - frameS);
    expect(duration).toBeLessThanOrEqual(episodeS + E2E_CONFIG.stepMs / 1000 + frameS);

    await screenshot(researcher, 'episode-show', { fullPage: true });

    // The renders list shows it done.
    await researcher.getByRole('menuitem', { name: 'Renders' }).click();
    const listed = researcher.locator(`[role="progressbar"][data-render-id="${renderId}"]`);
    await expect.poll(() => listed.getAttribute('data-status')).toBe('completed');
    await screenshot(researcher, 'renders');
  });

  it('downloads the study export ZIP, whose manifest verifies', async () => {
    await researcher.getByRole('menuitem', { name: 'Studies' }).click();
    await researcher.getByRole('cell', { name: STUDY.name, exact: true }).click();
    await researcher.waitForURL(new RegExp(`/admin/studies/${studyId}/show$`));
    await researcher.getByRole('cell', { name: 'W0002', exact: true }).waitFor();
    await screenshot(researcher, 'study-show', { fullPage: true });

    const [download] = await Promise.all([
      researcher.waitForEvent('download'),
      (async () => {
        await researcher.getByRole('button', { name: 'Export ZIP' }).click();
        // The progress shows while the ZIP streams (a small one may be done before it is seen).
        if (await researcher.getByLabel('Export progress').isVisible())
          await screenshot(researcher, 'export-progress');
      })(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^ozlab-study-${STUDY.slug}-\\d{8}-\\d{6}\\.zip$`),
    );
    const zip = await readExport(readFileSync(await download.path()));
    expect(manifestProblems(zip)).toEqual([]);
    expect(zip.manifest).toMatchObject({
      format: 'ozlab.export/1',
      scope: { kind: 'study', studyId },
      counts: { sessions: 1, episodes: episodes.length, tracks: 2 },
      skippedTracks: [],
      errors: [],
    });

    // Both mics' WAVs, byte for byte the stored tracks.
    for (const track of tracks) {
      const path = trackPath(sessionId, track);
      const entry = zip.byPath.get(path);
      expect(entry, `${path} in ${[...zip.byPath.keys()].join(', ')}`).toBeDefined();
      expect(entry!.data.equals(await downloadWav(t.baseUrl, track.id, api.token!))).toBe(true);
      const wav = parseWav(entry!.data);
      expect(wav.samples.length).toBe(track.durationSamples);
    }
    // The session's logs, with every step of the episode replayed above.
    for (const path of [sessionJsonPath(sessionId), compatJsonPath(sessionId)])
      expect(zip.byPath.has(path), path).toBe(true);
    const log = JSON.parse(
      zip.byPath.get(sessionJsonPath(sessionId))!.data.toString('utf8'),
    ) as OzlabRobotaxiExport;
    expect(log.episodes.find((e) => e.id === episode.id)?.steps).toHaveLength(episode.steps);

    // summary.csv: one row per episode; both mics were recorded from before the first episode
    // to after the last, so each covers the whole episode.
    const summary = parse<Record<string, string>>(zip.byPath.get(SUMMARY_PATH)!.data, {
      columns: true,
    });
    expect(summary.map((r) => r.episode_id).sort()).toEqual(episodes.map((e) => e.id).sort());
    const row = summary.find((r) => r.episode_id === episode.id)!;
    expect(row).toMatchObject({
      session_id: sessionId,
      round: '1',
      steps_or_frames: String(episode.steps),
      participants: 'T0001;W0001',
    });
    expect(Number(row.duration_s)).toBeGreaterThan(0);
    expect(row.audio_s_teacher_mic).toBe(row.duration_s);
    expect(row.audio_s_wizard_mic).toBe(row.duration_s);
  });

  it("prints the study's invite cards: the two who have not played yet, then everyone", async () => {
    await researcher.getByRole('link', { name: 'Invite sheet' }).click();
    const cards = researcher.getByTestId('invite-card');
    await cards.first().waitFor();
    const ids = async () => {
      const out = [];
      for (const card of await cards.all())
        out.push(await card.getAttribute('data-participant-id'));
      return out;
    };
    // T0001 and W0001 completed the session: a sheet is for those still to come.
    await expect.poll(ids).toEqual(['T0002', 'W0002']);
    await researcher.getByLabel('Include completed').check();
    await expect.poll(ids).toEqual(['T0001', 'T0002', 'W0001', 'W0002']);
    await screenshot(researcher, 'invite-sheet', { fullPage: true });
    await researcher.getByRole('link', { name: 'Back to the study' }).click();
    await researcher.getByRole('cell', { name: 'W0002', exact: true }).waitFor();
  });

  it('shows the numbers on the home page', async () => {
    await researcher.getByRole('menuitem', { name: 'Overview' }).click();
    const card = (name: string) => researcher.getByRole('region', { name, exact: true });
    const value = (name: string) => card(name).getAttribute('data-value');
    await card('Participants registered').waitFor();
    await expect.poll(() => value('Participants registered')).toBe('4');
    // T0001 and W0001 completed the session; T0002 and W0002 have not started.
    const line = (name: string) =>
      card('Participants registered').locator(`[data-stat-line="${name}"]`).textContent();
    expect([await line('Not started'), await line('Active'), await line('Completed')]).toEqual([
      '2',
      '0',
      '2',
    ]);
    expect(await value('Episodes')).toBe(String(episodes.length));
    expect(await card('Hours of audio').locator('[data-stat-line="Tracks"]').textContent()).toBe(
      '2',
    );
    expect(await value('Renders queued')).toBe('0');
    await screenshot(researcher, 'home');
  });
});
