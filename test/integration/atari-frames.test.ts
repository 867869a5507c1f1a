import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameRecord } from '../../src/games/common/atari-frames.js';
import { importLegacyTrajectory } from '../../src/modules/atari/trajectory-format.js';
import { ApiClient, startTestApp, type TestApp } from '../support/app.js';
import { type AtariStudy, setupAtariStudy } from '../support/atari-study.js';
import { participantToken } from '../support/robotaxi-player.js';

const frame = (n: number, extra: Partial<FrameRecord> = {}): FrameRecord => ({
  frame: n,
  action: n % 18,
  joystick: n % 32,
  reward: n % 60 === 59 ? 10 : 0,
  score: Math.floor((n + 1) / 60) * 10,
  lives: 3,
  terminal: false,
  emuMs: (n * 1000) / 60,
  clientMs: 1.7e12 + (n * 1000) / 60,
  ...(n % 60 === 0 ? { hash: 'deadbeef' } : {}),
  ...extra,
});
const batch = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => frame(from + i));

describe('Atari frame log: episodes, batches, end, exports', () => {
  let t: TestApp;
  let study: AtariStudy;
  let d1: ApiClient;
  let d2: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    study = await setupAtariStudy(t.baseUrl, 'atari-frames', 'D0001-D0002');
    d1 = new ApiClient(t.baseUrl, await participantToken(t.baseUrl, study.slug, 'D0001'));
    d2 = new ApiClient(t.baseUrl, await participantToken(t.baseUrl, study.slug, 'D0002'));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores batches idempotently, refuses bad ones, ends only when every frame is there', async () => {
    expect((await d1.post('/atari/episodes', { game: 'x' })).status).toBe(400);
    const started = await d1.post<{ id: string; index: number; game: string; romMd5: string }>(
      '/atari/episodes',
      {},
    );
    expect(started.status).toBe(201);
    // The game is the study's ROM, and its profile.
    expect(started.body).toMatchObject({ index: 0, game: 'ozlab-test', romMd5: study.romMd5 });
    const id = started.body.id;
    expect((await d1.post('/atari/episodes', {})).status).toBe(409);

    const put = (seq: number, frames: unknown, who = d1) =>
      who.put<{ status: string; message?: string }>(`/atari/episodes/${id}/batches/${seq}`, {
        frames,
      });
    expect((await put(0, batch(0, 60))).status).toBe(201);
    expect((await put(0, batch(0, 60))).body.status).toBe('duplicate');
    expect((await put(0, batch(0, 59))).status).toBe(409);
    // Out of order is fine (an outbox retries); overlaps and holes inside a batch are not.
    expect((await put(2, batch(120, 60))).status).toBe(201);
    const overlap = await put(3, batch(150, 60));
    expect(overlap.status).toBe(409);
    expect(overlap.body.message).toMatch(/overlap batch 2/);
    const hole = await put(4, [frame(300), frame(302)]);
    expect(hole.status).toBe(400);
    expect(JSON.stringify(hole.body)).toMatch(/frames.1.frame/);
    const badAction = await put(4, [frame(300, { action: 18 })]);
    expect(JSON.stringify(badAction.body)).toMatch(/frames.0.action/);
    expect((await put(5, batch(180, 10), d2)).status).toBe(403);

    // Ending with a gap names it; after the missing batch arrives, it ends.
    const early = await d1.post<{ message: string; errors: { reason: string }[] }>(
      `/atari/episodes/${id}/end`,
      { frames: 180, outcome: 'game-over' },
    );
    expect(early.status).toBe(409);
    expect(early.body.errors).toEqual([{ field: 'frames', reason: 'missing 60–119' }]);
    expect(early.body.message).toMatch(/120 of 180 frames stored/);
    expect((await put(1, batch(60, 60))).status).toBe(201);
    const ended = await d1.post<{ status: string; steps: number; score: number }>(
      `/atari/episodes/${id}/end`,
      { frames: 180, outcome: 'game-over' },
    );
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ status: 'completed', steps: 180, score: 30 });
    expect((await put(3, batch(180, 5))).status).toBe(409);

    // Exports for researchers: everything, AGC text, the old study's trajectory JSON.
    const all = await study.admin.get<{ frames: FrameRecord[] }>(`/episodes/${id}/frames`);
    expect(all.body.frames.map((f) => f.frame)).toEqual(Array.from({ length: 180 }, (_, i) => i));
    const agc = await study.admin.get<string>(`/episodes/${id}/frames?format=agc`);
    const lines = agc.body.trim().split('\n');
    expect(lines[0]).toBe('frame,reward,score,terminal,action');
    expect(lines).toHaveLength(181);
    expect(lines[60]).toBe('59,10,10,0,5');
    const trajectory = await study.admin.get(`/episodes/${id}/frames?format=trajectory`);
    const back = importLegacyTrajectory(JSON.stringify(trajectory.body));
    expect(back.frames).toHaveLength(180);
    expect(back.finalScore).toBe(30);
    expect((await d1.get(`/episodes/${id}/frames`)).status).toBe(403);
  });
});
