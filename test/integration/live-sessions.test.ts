import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DASHBOARD_NAMESPACE,
  type DashboardStats,
  type LiveSessionsSnapshot,
  type SessionUpdate,
} from '../../src/games/common/dashboard-events.js';
import { ApiClient, startTestApp, type TestApp } from '../support/app.js';
import { DashboardWatcher } from '../support/dashboard-watcher.js';
import { playTestRom } from '../support/atari-play.js';
import { setupAtariStudy } from '../support/atari-study.js';
import { chunkAt, createTrack, pcm, putChunk } from '../support/recording-fixture.js';
import { participantToken, Player } from '../support/robotaxi-player.js';

/** Long episodes (a 400-step limit at 60 ms), so that the game is still running while we act. */
const CONFIG = {
  consentText: 'We record your voice.',
  instructions: 'Speak to the rover.',
  stepMs: 60,
  stepLimit: 400,
  rounds: 1,
  practiceRound: false,
  bombCountdownMs: 100,
  roundCountdownMs: 100,
  disconnectGraceS: 60,
  level: {
    grid: [
      '#########',
      '#.......#',
      '#.......#',
      '#...A...#',
      '#.......#',
      '#.......#',
      '#......S#',
      '#########',
    ],
  },
};

/** A researcher's dashboard socket that keeps every `session:update` it receives. */
class Watcher extends DashboardWatcher<'session:update'> {
  constructor(url: string, token: string) {
    super(url, token, 'session:update');
  }

  of(sessionId: string): SessionUpdate[] {
    return this.updates.filter((u) => u.sessionId === sessionId);
  }

  /** The first update of the session (received from `from` on) that satisfies `predicate`. */
  async until(
    sessionId: string,
    predicate: (u: SessionUpdate) => boolean,
    what: string,
    from = 0,
  ): Promise<SessionUpdate> {
    const find = () =>
      this.updates.slice(from).find((u) => u.sessionId === sessionId && predicate(u));
    await expect
      .poll(() => find() !== undefined, { timeout: 30_000, interval: 20, message: what })
      .toBe(true);
    return find()!;
  }
}

describe('Live sessions: status pushed to the dashboard, researcher actions, home page numbers', () => {
  let t: TestApp;
  let db: pg.Client;
  let url: string;
  let admin: ApiClient;
  let alice: ApiClient;
  let bob: ApiClient;
  let studyId: string;
  let bobStudyId: string;
  const slug = 'live-taxi';
  const players: Player[] = [];
  const watchers: Watcher[] = [];

  const watch = async (token: string) => {
    const w = new Watcher(url, token);
    watchers.push(w);
    return w.connected();
  };
  const player = async (id: string) => {
    const p = new Player(t.baseUrl, await participantToken(t.baseUrl, slug, id));
    players.push(p);
    await p.until((x) => x.joined !== null, `${id} joined`);
    return p;
  };
  const researcher = async (name: string) => {
    const email = `${name}@test.local`;
    const password = `${name}-password-1`;
    const created = await admin.post('/researchers', { email, password, name });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return new ApiClient(t.baseUrl).loginResearcher(email, password);
  };
  const createStudy = async (owner: ApiClient, name: string, ranges: string[]) => {
    const study = await owner.post<{ id: string }>('/studies', {
      name,
      slug: name,
      kind: 'woz-robotaxi',
      config: CONFIG,
    });
    expect(study.status, JSON.stringify(study.body)).toBe(201);
    for (const range of ranges)
      expect(
        (await owner.post(`/studies/${study.body.id}/participants/range`, { range })).status,
      ).toBe(201);
    return study.body.id;
  };
  const storedSteps = async (sessionId: string) =>
    Number(
      (
        await db.query<{ count: string }>(`SELECT count(*) FROM steps WHERE "sessionId" = $1`, [
          sessionId,
        ])
      ).rows[0].count,
    );
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeAll(async () => {
    t = await startTestApp();
    url = `${t.baseUrl}${DASHBOARD_NAMESPACE}`;
    admin = await new ApiClient(t.baseUrl).loginResearcher();
    alice = await researcher('alice');
    bob = await researcher('bob');
    studyId = await createStudy(alice, slug, ['T0001-T0002', 'W0001-W0002']);
    bobStudyId = await createStudy(bob, 'live-bob', ['T0001-T0001', 'W0001-W0001']);
    db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    for (const p of players) p.close();
    for (const w of watchers) w.close();
    await db?.end();
    await t?.close();
  });

  let sessionId: string;
  let aliceWatch: Watcher;
  let bobWatch: Watcher;

  it("pushes a RoboTaxi session's phase, steps, members and levels to who may see it", async () => {
    aliceWatch = await watch(alice.token!);
    bobWatch = await watch(bob.token!);
    const adminWatch = await watch(admin.token!);
    const teacher = await player('T0001');
    sessionId = teacher.session!.sessionId;
    const lobby = await aliceWatch.until(
      sessionId,
      (u) => u.phase === 'lobby' && u.members[0].connected === true,
      'the teacher in the lobby',
    );
    expect(lobby).toMatchObject({
      studyId,
      kind: 'woz-robotaxi',
      status: 'waiting',
      open: true,
      members: [
        { role: 'teacher', participantId: 'T0001', connected: true },
        { role: 'wizard', participantId: 'W0001', connected: false },
      ],
      actions: { pause: false, resume: false, end: true },
    });

    const wizard = await player('W0001');
    const playing = await aliceWatch.until(
      sessionId,
      (u) => u.phase === 'playing' && (u.step ?? 0) >= 5,
      'five steps',
    );
    expect(playing).toMatchObject({
      status: 'running',
      episodeRunning: true,
      round: 1,
      rounds: 1,
      stepLimit: 400,
      members: [{ connected: true }, { connected: true }],
      actions: { pause: true, resume: false, end: true },
    });
    expect(playing.episodeId).toBe(wizard.lastFrame?.episodeId);
    // Within an episode the step only goes up.
    const steps = aliceWatch
      .of(sessionId)
      .filter((u) => u.phase === 'playing' && u.episodeId === playing.episodeId)
      .map((u) => u.step!);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    await adminWatch.until(sessionId, (u) => u.phase === 'playing', 'the admin sees it too');

    // Each page reports its mic level; a bad report is refused and changes nothing.
    expect(await teacher.emit('client:level', { rmsDb: -18.5, peakDb: -6 })).toEqual({ ok: true });
    const bad = await wizard.emit('client:level', { rmsDb: 3, peakDb: -6 });
    expect(bad).toMatchObject({ ok: false, errors: [{ field: 'rmsDb' }] });
    const heard = await aliceWatch.until(
      sessionId,
      (u) => u.members[0].level?.rmsDb === -18.5,
      "the teacher's level",
    );
    expect(heard.members[0].level).toMatchObject({ peakDb: -6, source: 'page' });
    expect(heard.members[1].level).toBeNull();

    // The wizard drops: paused, wizard away; back: playing again.
    const mark = aliceWatch.updates.length;
    wizard.close();
    const away = await aliceWatch.until(
      sessionId,
      (u) => u.phase === 'paused',
      'paused while the wizard is away',
      mark,
    );
    expect(away.members.map((m) => m.connected)).toEqual([true, false]);
    expect(away.pause).toMatchObject({ reason: 'wizard-away', message: null });
    expect(away.pause?.graceEndsAtMs).toBeGreaterThan(away.serverMs);
    expect(away.actions).toEqual({ pause: true, resume: false, end: true });
    await player('W0001');
    const back = await aliceWatch.until(
      sessionId,
      (u) => u.phase === 'playing' && u.members[1].connected === true,
      'playing again',
      mark,
    );
    expect(back.pause).toBeNull();

    // Bob sees nothing of Alice's study.
    await bobWatch.flush(bobStudyId);
    expect(bobWatch.updates).toEqual([]);
  });

  it('lets the researcher pause (whoever reconnects), resume and end the session', async () => {
    const [teacher, wizard] = [players[0], players.at(-1)!];
    const post = (who: ApiClient, action: string, body?: unknown) =>
      who.post<SessionUpdate & { message?: string }>(`/sessions/${sessionId}/${action}`, body);

    // Bad bodies are 400s naming the field; another researcher gets a 404.
    for (const [action, body, field] of [
      ['pause', { reason: 5 }, /reason/],
      ['pause', { reason: 'x'.repeat(301) }, /reason/],
      ['pause', { because: 'x' }, /because/],
      ['resume', { now: true }, /now/],
      ['abort', {}, /reason/],
      ['abort', { reason: '   ' }, /reason must not be blank/],
    ] as const) {
      const res = await post(alice, action, body);
      expect(res.status, `${action} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.message).toMatch(field);
    }
    expect((await post(bob, 'pause', { reason: 'mine' })).status).toBe(404);
    expect((await alice.post(`/sessions/not-a-uuid/pause`, {})).status).toBe(400);
    expect((await post(alice, 'resume', {})).status).toBe(409); // not paused by a researcher

    const mark = aliceWatch.updates.length;
    const paused = await post(alice, 'pause', { reason: ' Short break ' });
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);
    expect(paused.body).toMatchObject({
      sessionId,
      phase: 'paused',
      status: 'paused',
      pause: { reason: 'researcher', message: 'Short break', graceEndsAtMs: null },
      actions: { pause: false, resume: true, end: true },
    });
    // Both pages are told why.
    for (const p of [teacher, wizard]) {
      await p.phase('paused');
      expect(p.session?.pause).toEqual({
        reason: 'researcher',
        message: 'Short break',
        graceEndsAtMs: null,
      });
    }
    await aliceWatch.until(sessionId, (u) => u.pause?.reason === 'researcher', 'paused', mark);
    // Pausing again changes nothing.
    expect((await post(alice, 'pause', {})).body.pause?.message).toBe('Short break');

    // A member who drops and comes back does not resume a researcher's pause.
    teacher.close();
    const again = await player('T0001');
    expect(again.session).toMatchObject({ phase: 'paused', pause: { reason: 'researcher' } });
    // No step is played while paused.
    const stepsAtPause = await storedSteps(sessionId);
    await sleep(CONFIG.stepMs * 10);
    expect(await storedSteps(sessionId)).toBe(stepsAtPause);
    expect((await post(alice, 'pause', {})).body.phase).toBe('paused');

    const resumed = await post(alice, 'resume', {});
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
    expect(resumed.body).toMatchObject({ phase: 'playing', pause: null });
    await again.phase('playing');
    const lastStep = wizard.lastFrame!.step;
    await wizard.until((p) => (p.lastFrame?.step ?? 0) > lastStep, 'steps after the resume');
    expect(await storedSteps(sessionId)).toBeGreaterThan(stepsAtPause);

    const ended = await post(alice, 'abort', { reason: 'Done for today' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({
      phase: 'aborted',
      status: 'aborted',
      open: false,
      abortReason: 'Done for today',
      actions: { pause: false, resume: false, end: false },
    });
    await again.phase('aborted');
    const last = await aliceWatch.until(sessionId, (u) => !u.open, 'the end', mark);
    expect(last).toMatchObject({ phase: 'aborted', abortReason: 'Done for today' });
    for (const action of ['pause', 'resume', 'abort'])
      expect((await post(alice, action, action === 'abort' ? { reason: 'x' } : {})).status).toBe(
        409,
      );

    await bobWatch.flush(bobStudyId);
    expect(bobWatch.updates).toEqual([]);
  });

  it('answers a snapshot of the open sessions a researcher may see', async () => {
    const teacher = await player('T0002');
    const lobbyId = teacher.session!.sessionId;
    const snapshot = await alice.get<LiveSessionsSnapshot>(`/live-sessions?studyId=${studyId}`);
    expect(snapshot.status).toBe(200);
    expect(snapshot.body.sessions.map((s) => s.sessionId)).toEqual([lobbyId]);
    expect(snapshot.body.sessions[0]).toMatchObject({
      phase: 'lobby',
      open: true,
      members: [
        { participantId: 'T0002', connected: true },
        { participantId: 'W0002', connected: false },
      ],
    });
    expect(snapshot.body.serverMs).toBeGreaterThan(0);
    const all = await alice.get<LiveSessionsSnapshot>('/live-sessions');
    expect(all.body.sessions.map((s) => s.sessionId)).toEqual([lobbyId]);
    const adminView = await admin.get<LiveSessionsSnapshot>('/live-sessions');
    expect(adminView.body.sessions.map((s) => s.sessionId)).toContain(lobbyId);
    // Bob: nothing of Alice's; her study reads as absent.
    expect((await bob.get<LiveSessionsSnapshot>('/live-sessions')).body.sessions).toEqual([]);
    expect((await bob.get(`/live-sessions?studyId=${studyId}`)).status).toBe(404);
    expect((await alice.get('/live-sessions?studyId=nope')).status).toBe(400);
    expect((await new ApiClient(t.baseUrl).get('/live-sessions')).status).toBe(401);
  });

  it('pushes an Atari session as its frames and audio are acknowledged, and ends it', async () => {
    const atari = await setupAtariStudy(t.baseUrl, 'live-atari', 'D0001-D0001');
    const token = await participantToken(t.baseUrl, atari.slug, 'D0001');
    const d1 = new ApiClient(t.baseUrl, token);
    const adminWatch = await watch(admin.token!);
    const mark = bobWatch.updates.length;

    const started = await d1.post<{ id: string; sessionId: string }>('/atari/episodes', {
      practice: true,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const { id: episodeId, sessionId: atariId } = started.body;
    const first = await adminWatch.until(atariId, (u) => u.episodeRunning, 'the episode started');
    expect(first).toMatchObject({
      kind: 'atari-demo',
      phase: 'practice',
      step: 0,
      episodeId,
      lastUploadAt: null,
      members: [{ role: 'demonstrator', participantId: 'D0001', connected: null }],
      actions: { pause: false, resume: false, end: true },
    });

    const frames = await playTestRom({ seed: 7, frames: 130 });
    const put = (seq: number, from: number, to: number) =>
      d1.put(`/atari/episodes/${episodeId}/batches/${seq}`, { frames: frames.slice(from, to) });
    expect((await put(0, 0, 60)).status).toBe(201);
    const one = await adminWatch.until(atariId, (u) => u.step === 60, 'the first batch');
    expect(one.score).toBe(frames[59].score);
    expect(one.lives).toBe(frames[59].lives);
    expect(one.lastUploadAt).toBeGreaterThanOrEqual(first.serverMs);
    expect((await put(1, 60, 120)).status).toBe(201);
    await adminWatch.until(atariId, (u) => u.step === 120, 'the second batch');

    // An audio chunk acknowledged: the session's last upload and the demonstrator's level.
    const demonstratorId = first.members[0].id!;
    const who = { id: demonstratorId, code: 'D0001', api: d1 };
    const track = await createTrack(who, {
      kind: 'mic',
      sampleRate: 8000,
      channels: 1,
      sessionId: atariId,
    });
    expect(track.status, JSON.stringify(track.body)).toBe(201);
    const chunk = await putChunk(
      who,
      track.trackId,
      0,
      chunkAt(8000, randomUUID())(0),
      pcm(8000, 1),
    );
    expect(chunk.status, JSON.stringify(chunk.body)).toBe(201);
    const heard = await adminWatch.until(
      atariId,
      (u) => u.members[0].level !== null,
      'the chunk level',
    );
    expect(heard.members[0].level).toMatchObject({ source: 'upload' });
    expect(heard.members[0].level!.rmsDb).toBeGreaterThan(-20);
    expect(heard.members[0].lastAudioAt).toBe(heard.lastUploadAt);

    // A solo demonstration is ended, not paused.
    const pause = await admin.post<{ message: string }>(`/sessions/${atariId}/pause`, {});
    expect(pause.status).toBe(409);
    expect(pause.body.message).toMatch(/cannot be paused/);
    expect((await admin.post(`/sessions/${atariId}/resume`, {})).status).toBe(409);
    const ended = await admin.post<SessionUpdate>(`/sessions/${atariId}/abort`, {
      reason: 'Out of time',
    });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body).toMatchObject({
      phase: 'aborted',
      status: 'aborted',
      open: false,
      episodeRunning: false,
      step: 120,
      abortReason: 'Out of time',
    });
    const episode = await db.query<{ status: string; steps: number; score: number }>(
      `SELECT status, steps, score FROM episodes WHERE id = $1`,
      [episodeId],
    );
    expect(episode.rows[0]).toEqual({ status: 'aborted', steps: 120, score: frames[119].score });
    // The page's next batch is refused; the session can end only once.
    expect((await put(2, 120, 130)).status).toBe(409);
    expect((await admin.post(`/sessions/${atariId}/abort`, { reason: 'again' })).status).toBe(409);
    await adminWatch.until(atariId, (u) => !u.open, 'the end');
    await bobWatch.flush(bobStudyId);
    expect(bobWatch.updates.slice(mark)).toEqual([]);
  });

  it("counts the home page's numbers within the studies a researcher may see", async () => {
    const statsStudy = await createStudy(alice, 'live-stats', ['T0001-T0005', 'W0001-W0002']);
    const ids = new Map(
      (
        await db.query<{ id: string; participantId: string }>(
          `SELECT id, "participantId" FROM participants WHERE "studyId" = $1`,
          [statsStudy],
        )
      ).rows.map((r) => [r.participantId, r.id]),
    );
    const status = async (codes: string[], value: string) =>
      db.query(`UPDATE participants SET status = $2 WHERE id = ANY($1::uuid[])`, [
        codes.map((c) => ids.get(c)),
        value,
      ]);
    await status(['T0001', 'W0001'], 'active');
    await status(['T0002'], 'completed');
    await status(['T0003'], 'withdrawn');
    const session = async (
      teacher: string,
      wizard: string,
      sessionStatus: string,
      startedAt: string | null,
    ) =>
      (
        await db.query<{ id: string }>(
          `INSERT INTO sessions ("studyId", kind, status, "teacherId", "wizardId", "startedAt")
           VALUES ($1, 'woz-robotaxi', $2, $3, $4, $5) RETURNING id`,
          [statsStudy, sessionStatus, ids.get(teacher), ids.get(wizard), startedAt],
        )
      ).rows[0].id;
    const running = await session('T0001', 'W0001', 'running', new Date().toISOString());
    const done = await session('T0002', 'W0002', 'completed', '2020-01-01T12:00:00Z');
    await session('T0004', 'W0002', 'waiting', null);
    const track = (sessionId: string, who: string, trackStatus: string, samples: number | null) =>
      db.query(
        `INSERT INTO recordings (id, "studyId", "participantId", "sessionId", kind, "sampleRate", status, "durationSamples")
         VALUES ($1, $2, $3, $4, 'mic', 48000, $5, $6)`,
        [randomUUID(), statsStudy, ids.get(who), sessionId, trackStatus, samples],
      );
    await track(done, 'T0002', 'finalized', 48000 * 1800); // half an hour
    await track(done, 'W0002', 'finalized', 48000 * 900); // a quarter
    await track(running, 'T0001', 'recording', null);
    const episode = async (index: number, game: string, verified: boolean | null) =>
      (
        await db.query<{ id: string }>(
          `INSERT INTO episodes ("sessionId", "studyId", index, game, status, "startedAt", verified)
           VALUES ($1, $2, $3, $4, 'completed', now(), $5) RETURNING id`,
          [done, statsStudy, index, game, verified],
        )
      ).rows[0].id;
    const e0 = await episode(0, 'robotaxi', null);
    await episode(1, 'pong', true);
    await episode(2, 'pong', true);
    await episode(3, 'pong', false);
    await episode(4, 'pong', null);
    for (const renderStatus of ['queued', 'queued', 'rendering', 'completed'])
      await db.query(
        `INSERT INTO renders ("episodeId", "studyId", status, options) VALUES ($1, $2, $3, '{}')`,
        [e0, statsStudy, renderStatus],
      );

    const res = await alice.get<DashboardStats>(`/stats?studyId=${statsStudy}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const stats = res.body;
    expect(stats.studyId).toBe(statsStudy);
    expect(stats.participants).toEqual({
      registered: 3,
      active: 2,
      completed: 1,
      withdrawn: 1,
      total: 7,
    });
    expect(stats.sessions).toMatchObject({ today: 1, running: 1, waiting: 1 });
    expect(stats.sessions.day.timeZone).toBe('UTC');
    expect(stats.sessions.day.start).toMatch(/T00:00:00\.000Z$/);
    expect(stats.audio).toEqual({ tracks: 2, seconds: 2700, hours: 0.75 });
    expect(stats.renders).toEqual({ queued: 2, rendering: 1 });
    expect(stats.episodes).toEqual({ total: 5, verified: 2, unverified: 1, unchecked: 1 });

    // Without a study: all of Alice's studies (the live-taxi study adds its own).
    const mine = await alice.get<DashboardStats>('/stats');
    expect(mine.body.studyId).toBeNull();
    expect(mine.body.participants.total).toBe(7 + 4);
    expect(mine.body.audio.seconds).toBe(2700);
    // Bob counts only his own; Alice's study reads as absent; the admin counts everything.
    const bobs = await bob.get<DashboardStats>('/stats');
    expect(bobs.body.participants.total).toBe(2);
    expect(bobs.body.audio.tracks).toBe(0);
    expect(bobs.body.renders).toEqual({ queued: 0, rendering: 0 });
    expect((await bob.get(`/stats?studyId=${statsStudy}`)).status).toBe(404);
    expect((await alice.get('/stats?studyId=x')).status).toBe(400);
    const all = await admin.get<DashboardStats>('/stats');
    expect(all.body.participants.total).toBeGreaterThanOrEqual(7 + 4 + 2);
    expect(all.body.renders.queued).toBe(2);
  });
});
