import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import pg from 'pg';
import { type CellRating, ROBOTAXI_NAMESPACE } from '../../src/games/common/robotaxi-events.js';
import { Action } from '../../src/games/robotaxi/types.js';
import {
  compatExportSchema,
  type OzlabRobotaxiExport,
} from '../../src/modules/sessions/robotaxi-export.js';
import { ApiClient, startTestApp, type TestApp } from '../support/app.js';
import { participantToken, Player } from '../support/robotaxi-player.js';

/** A level without bombs: every episode ends by delivery or by the step limit. */
const SAFE_LEVEL = {
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
};

const CONFIG = {
  consentText: 'We record your voice.',
  instructions: 'Speak to the rover.',
  stepMs: 60,
  stepLimit: 6,
  rounds: 1,
  bombCountdownMs: 100,
  roundCountdownMs: 100,
  disconnectGraceS: 5,
  level: SAFE_LEVEL,
  completionCode: 'C0DE42',
};

async function connectError(url: string, auth: object): Promise<string> {
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false });
  try {
    return await new Promise<string>((resolve, reject) => {
      socket.on('connect', () => reject(new Error('connected')));
      socket.on('connect_error', (error) => resolve(error.message));
    });
  } finally {
    socket.close();
  }
}

describe('RoboTaxi gateway and session loop', () => {
  let t: TestApp;
  let db: pg.Client;
  let admin: ApiClient;
  let studyId: string;
  const slug = 'taxi-gw';
  const players: Player[] = [];

  const player = async (id: string) => {
    const p = new Player(t.baseUrl, await participantToken(t.baseUrl, slug, id));
    players.push(p);
    await p.until((x) => x.joined !== null, `${id} joined`);
    return p;
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await new ApiClient(t.baseUrl).loginResearcher();
    const study = await admin.post<{ id: string }>('/studies', {
      name: 'Taxi',
      slug,
      kind: 'woz-robotaxi',
      config: CONFIG,
    });
    expect(study.status, JSON.stringify(study.body)).toBe(201);
    studyId = study.body.id;
    const reg = await admin.post(`/studies/${studyId}/participants/range`, {
      range: 'T0001-T0004',
    });
    expect(reg.status).toBe(201);
    await admin.post(`/studies/${studyId}/participants/range`, { range: 'W0001-W0004' });
    db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    for (const p of players) p.close();
    await db?.end();
    await t?.close();
  });

  it('refuses a handshake without a valid participant token, saying why', async () => {
    const url = `${t.baseUrl}${ROBOTAXI_NAMESPACE}`;
    expect(await connectError(url, {})).toMatch(/Missing token/);
    expect(await connectError(url, { token: 'nope' })).toMatch(/Invalid token/);
    expect(await connectError(url, { token: admin.token })).toMatch(/for participants/);
  });

  it('pairs T0001 with W0001, plays practice and a round, stores every step, takes feedback', async () => {
    // Both pages join at the same moment: the pairing must still make one session.
    const [teacher, wizard] = await Promise.all([player('T0001'), player('W0001')]);
    expect(teacher.session?.sessionId).toBe(wizard.session?.sessionId);
    const sessionId = teacher.session!.sessionId;
    expect(teacher.session?.rewards).toEqual({ step: -1, bomb: -10, acorn: 5, delivery: 10 });
    expect(wizard.session?.rewards).toBeNull();
    wizard.hold(Action.RIGHT);

    await wizard.phase('feedback', 30_000);
    await teacher.phase('feedback');

    // The teacher saw every item; the wizard only walls (cells 1) and empty cells (0).
    const teacherCells = new Set(teacher.frames.flatMap((f) => f.view.map.flat()));
    const wizardCells = new Set(wizard.frames.flatMap((f) => f.view.map.flat()));
    expect(teacherCells.has(3) || teacherCells.has(4)).toBe(true);
    expect([...wizardCells].sort()).toEqual([0, 1]);
    expect(teacher.frames.every((f) => f.action === null)).toBe(true);

    const episodes = await db.query<{ id: string; index: number; round: number; steps: number }>(
      `SELECT id, index, round, steps, status, outcome FROM episodes WHERE "sessionId" = $1 ORDER BY index`,
      [sessionId],
    );
    expect(episodes.rows.map((e) => e.round)).toEqual([0, 1]);
    for (const episode of episodes.rows) {
      const steps = await db.query<{ index: number; action: number; done: boolean }>(
        `SELECT index, action, done, keypresses FROM steps WHERE "episodeId" = $1 ORDER BY index`,
        [episode.id],
      );
      // Every step is there, in order, with no gap, and the last one ended the episode.
      expect(steps.rows.map((s) => s.index)).toEqual(
        Array.from({ length: episode.steps }, (_, i) => i + 1),
      );
      expect(steps.rows.at(-1)?.done).toBe(true);
      expect(steps.rows.slice(1).some((s) => s.action === Number(Action.RIGHT))).toBe(true);
      // What the wizard saw of this episode matches what is stored, step by step.
      const seen = wizard.frames.filter((f) => f.episodeId === episode.id && f.step > 0);
      expect(seen.map((f) => f.step)).toEqual(steps.rows.map((s) => s.index));
    }

    // Feedback: a wrong path is refused and stores nothing; a right one is stored.
    const board = wizard.joined?.feedbackBoard ?? (await wizard.join()).feedbackBoard;
    expect(board).not.toBeNull();
    const { start, rows, cols } = board!;
    const ratings = Array.from({ length: rows }, () =>
      Array.from({ length: cols }, (): CellRating => 0),
    );
    const bad = await wizard.emit('feedback:wizard', {
      path: [start, { x: start.x + 2, y: start.y }],
      ratings,
    });
    expect(bad).toMatchObject({
      ok: false,
      error: expect.stringMatching(/path.1: .* is not next to/),
    });
    const count = async () =>
      Number(
        (
          await db.query<{ count: string }>(
            `SELECT count(*) FROM session_feedback WHERE "sessionId" = $1`,
            [sessionId],
          )
        ).rows[0].count,
      );
    expect(await count()).toBe(0);
    // The start is random: the path steps to a neighbour that is not a wall.
    const wall = new Set(board!.walls.map((w) => `${w.x},${w.y}`));
    const next = [
      { x: start.x, y: start.y + 1 },
      { x: start.x + 1, y: start.y },
      { x: start.x, y: start.y - 1 },
      { x: start.x - 1, y: start.y },
    ].find((c) => !wall.has(`${c.x},${c.y}`))!;
    const good = await wizard.emit('feedback:wizard', {
      path: [start, next],
      ratings: ratings.map((r, y) =>
        r.map((_, x): CellRating => (x === start.x && y === start.y ? 1 : 0)),
      ),
    });
    expect(good).toEqual({ ok: true });
    expect(await wizard.emit('feedback:wizard', { path: [start], ratings })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/already saved/),
    });
    expect(await teacher.emit('feedback:teacher', { answers: { nope: 'x' } })).toMatchObject({
      ok: false,
      error: 'answers.nope: not a question of this study',
    });
    expect(
      await teacher.emit('feedback:teacher', { answers: { strategy: 'I said yes a lot' } }),
    ).toEqual({ ok: true });
    await teacher.phase('complete');
    expect(teacher.session?.completion).toEqual({ code: 'C0DE42', redirectUrl: null });
    expect(await count()).toBe(2);
    const session = await db.query<{ status: string }>(
      `SELECT status, "endedAt" FROM sessions WHERE id = $1`,
      [sessionId],
    );
    expect(session.rows[0].status).toBe('completed');
    // The session completes its teacher and wizard.
    const members = await db.query<{ participantId: string; status: string }>(
      `SELECT "participantId", status FROM participants WHERE "studyId" = $1
         AND "participantId" IN ('T0001', 'W0001') ORDER BY "participantId"`,
      [studyId],
    );
    expect(members.rows).toEqual([
      { participantId: 'T0001', status: 'completed' },
      { participantId: 'W0001', status: 'completed' },
    ]);

    // Both exports: everything stored, and the original study's log shape, which validates.
    const full = await admin.get<OzlabRobotaxiExport>(`/sessions/${sessionId}/export`);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-disposition')).toMatch(/attachment; filename="session-/);
    expect(full.body.format).toBe('ozlab.robotaxi/1');
    expect(full.body.teacher?.participantId).toBe('T0001');
    expect(full.body.episodes.map((e) => e.steps.length)).toEqual(
      episodes.rows.map((e) => e.steps),
    );
    expect(full.body.feedback.map((f) => f.role).sort()).toEqual(['teacher', 'wizard']);
    const compat = await admin.get(`/sessions/${sessionId}/export?format=compat`);
    const parsed = compatExportSchema.parse(compat.body);
    expect(parsed.pair).toBe('T0001-W0001');
    expect(Object.keys(parsed.log).sort()).toEqual(['round-0', 'round-1']);
    const firstEpisode = parsed.log['round-0']['episode-0'];
    expect(Object.keys(firstEpisode).length).toBe(episodes.rows[0].steps);
    expect(firstEpisode['1'].ts_end_timestamp).toBeGreaterThan(1.7e9);
    expect(parsed.feedback.teacher).toMatchObject({ answers: { strategy: 'I said yes a lot' } });
    expect((await admin.get(`/sessions/${sessionId}/export?format=csv`)).status).toBe(400);
  });

  it('answers a bad payload with an error ack and changes nothing', async () => {
    const [teacher, wizard] = await Promise.all([player('T0002'), player('W0002')]);
    await wizard.phase('playing');
    expect(await wizard.emit('key', { action: 9 as Action, seq: 0, clientMs: 1 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^action: /),
    });
    expect(
      await wizard.emit('key', { action: 1, seq: -1, clientMs: 1, extra: true } as never),
    ).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([expect.objectContaining({ field: 'seq' })]),
    });
    expect(await teacher.emit('key', { action: 1, seq: 0, clientMs: 1 })).toMatchObject({
      ok: false,
      error: 'Only the wizard drives the rover',
    });
    expect(await wizard.emit('rendered', { episodeId: 'x', step: 0, clientMs: 1 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/episodeId/),
    });
    expect(
      await wizard.emit('feedback:wizard', { path: [{ x: 1, y: 1 }], ratings: [] }),
    ).toMatchObject({ ok: false, error: 'Feedback is given after the last round' });
    const stored = await db.query<{ count: string }>(
      `SELECT count(*) FROM steps s JOIN sessions x ON x.id = s."sessionId" WHERE x.id = $1 AND s.keypresses::text LIKE '%"seq": -1%'`,
      [wizard.session!.sessionId],
    );
    expect(Number(stored.rows[0].count)).toBe(0);
  });

  it('pauses when the wizard drops, and resumes from the last stored step on rejoin', async () => {
    const [teacher, wizard] = await Promise.all([player('T0003'), player('W0003')]);
    wizard.hold(Action.DOWN);
    await wizard.until((w) => (w.lastFrame?.step ?? 0) >= 2, 'two steps');
    wizard.close();
    await teacher.phase('paused');
    expect(teacher.session?.pause?.reason).toBe('wizard-away');
    const pausedAt = teacher.lastFrame!;
    const { rows } = await db.query<{ max: number }>(
      `SELECT max(index) AS max FROM steps WHERE "episodeId" = $1`,
      [pausedAt.episodeId],
    );
    expect(rows[0].max).toBe(pausedAt.step);

    const again = await player('W0003');
    expect(again.joined?.frame?.step).toBe(pausedAt.step);
    expect(again.joined?.frame?.episodeId).toBe(pausedAt.episodeId);
    again.hold(Action.DOWN);
    await teacher.until(
      (p) => p.lastFrame!.episodeId !== pausedAt.episodeId || p.lastFrame!.step > pausedAt.step,
      'a step after the resume',
    );
    const steps = await db.query<{ index: number }>(
      `SELECT index FROM steps WHERE "episodeId" = $1 ORDER BY index`,
      [pausedAt.episodeId],
    );
    expect(steps.rows.map((s) => s.index)).toEqual(
      Array.from({ length: steps.rows.length }, (_, i) => i + 1),
    );
  });

  it('ends the episode as aborted when a member stays away past the grace period', async () => {
    const [teacher, wizard] = await Promise.all([player('T0004'), player('W0004')]);
    await wizard.until((w) => (w.lastFrame?.step ?? 0) >= 1, 'a step');
    const episodeId = wizard.lastFrame!.episodeId;
    teacher.close();
    await wizard.phase('paused');
    expect(wizard.session?.pause?.reason).toBe('teacher-away');
    await wizard.phase('lobby', 15_000);
    const { rows } = await db.query(`SELECT status, outcome FROM episodes WHERE id = $1`, [
      episodeId,
    ]);
    expect(rows[0]).toEqual({ status: 'aborted', outcome: 'disconnect' });
    // When both are back, the next episode of the same round begins.
    const back = await player('T0004');
    await back.until((p) => !!p.lastFrame && p.lastFrame.episodeId !== episodeId, 'a new episode');
    expect(back.lastFrame?.round).toBe(wizard.frames.find((f) => f.episodeId === episodeId)?.round);
  });

  it('lets a researcher pair explicitly and abort a live session', async () => {
    const list = await admin.get<{ id: string; participantId: string }[]>(
      `/participants?filter=${encodeURIComponent(JSON.stringify({ studyId }))}&range=[0,99]`,
    );
    const id = (code: string) => list.body.find((p) => p.participantId === code)!.id;
    const refused = await admin.post('/sessions', {
      studyId,
      teacherId: id('W0002'),
      wizardId: id('W0001'),
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/teacherId: not a teacher/);
    // T0002 and W0002 are still in their open session from an earlier test.
    const busy = await admin.post('/sessions', {
      studyId,
      teacherId: id('T0002'),
      wizardId: id('W0003'),
    });
    expect(busy.status).toBe(409);
    const open = await db.query<{ id: string }>(
      `SELECT id FROM sessions WHERE "teacherId" = $1 AND status NOT IN ('completed', 'aborted')`,
      [id('T0002')],
    );
    const aborted = await admin.post(`/sessions/${open.rows[0].id}/abort`, {
      reason: 'Fire drill',
    });
    expect(aborted.status).toBe(200);
    expect(aborted.body).toMatchObject({ status: 'aborted', abortReason: 'Fire drill' });
    const teacher = players.find((p) => p.session?.participantId === 'T0002')!;
    await teacher.phase('aborted');
    expect(teacher.session?.abortReason).toBe('Fire drill');
    // T0002 is free again: the researcher pairs them with W0001 (whose session is complete).
    const paired = await admin.post<{ pairing: string; status: string }>('/sessions', {
      studyId,
      teacherId: id('T0002'),
      wizardId: id('W0001'),
    });
    expect(paired.status).toBe(201);
    expect(paired.body).toMatchObject({ pairing: 'researcher', status: 'waiting' });
    expect((await admin.post(`/sessions/${open.rows[0].id}/abort`, { reason: 'x' })).status).toBe(
      409,
    );
  });

  it("closes a participant's connection when they are withdrawn mid-session", async () => {
    await admin.post(`/studies/${studyId}/participants/range`, { range: 'T0005' });
    await admin.post(`/studies/${studyId}/participants/range`, { range: 'W0005' });
    const [teacher, wizard] = await Promise.all([player('T0005'), player('W0005')]);
    wizard.hold(Action.DOWN);
    await wizard.until((w) => (w.lastFrame?.step ?? 0) >= 1, 'a step');
    const closed = new Promise<string>((resolve) => wizard.socket.once('disconnect', resolve));
    const w5 = await admin.get<{ id: string }[]>(
      `/participants?filter=${encodeURIComponent(JSON.stringify({ studyId, q: 'W0005' }))}`,
    );
    const res = await admin.post(`/participants/${w5.body[0].id}/withdraw`, {
      deleteRecordings: false,
    });
    expect(res.status).toBe(200);
    expect(await closed).toBe('io server disconnect');
    await teacher.phase('paused');
    expect(teacher.session?.pause?.reason).toBe('wizard-away');
    // Connecting again is refused, saying why (the page shows it).
    const token = (wizard.socket.auth as { token: string }).token;
    expect(await connectError(`${t.baseUrl}${ROBOTAXI_NAMESPACE}`, { token })).toMatch(/withdrawn/);
  });
});
