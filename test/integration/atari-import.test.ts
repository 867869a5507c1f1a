import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameRecord } from '../../src/games/common/atari-frames.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { type AtariStudy, setupAtariStudy } from '../support/atari-study.js';

const FIXTURE = new URL('../fixtures/roboatari-spaceinvaders-trajectory.json', import.meta.url);

describe("Atari: importing the old study's trajectory files, and the study's ROM", () => {
  let t: TestApp;
  let study: AtariStudy;

  beforeAll(async () => {
    t = await startTestApp();
    study = await setupAtariStudy(t.baseUrl, 'atari-import', 'D0001-D0001');
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (path: string, body: string) =>
    fetch(`${t.baseUrl}/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${study.admin.token}` },
      body,
    });

  it('imports the real Space Invaders file as a completed episode with its timeline', async () => {
    const res = await post(
      `/studies/${study.studyId}/atari/imports?profileId=space-invaders`,
      readFileSync(FIXTURE, 'utf8'),
    );
    expect(res.status).toBe(201);
    const result = (await res.json()) as { episodeId: string; frames: number; finalScore: number };
    expect(result).toMatchObject({ frames: 4474, finalScore: 600 });
    const episode = await study.admin.get<{
      status: string;
      outcome: string;
      steps: number;
      score: number;
      game: string;
    }>(`/episodes/${result.episodeId}`);
    expect(episode.body).toMatchObject({
      status: 'completed',
      outcome: 'imported',
      steps: 4474,
      score: 600,
      game: 'space-invaders',
    });
    const frames = await study.admin.get<{ frames: FrameRecord[] }>(
      `/episodes/${result.episodeId}/frames`,
    );
    expect(frames.body.frames).toHaveLength(4474);
    expect(frames.body.frames[1].emuMs).toBe(28);
    // FIRE (Javatari control 15) became the fire bit.
    expect(frames.body.frames.some((f) => f.action === 1 && (f.joystick & 16) === 16)).toBe(true);
    // And the old study's format comes back out the same.
    const trajectory = await study.admin.get<{ final_score: number; time_stamp: number[] }>(
      `/episodes/${result.episodeId}/frames?format=trajectory`,
    );
    expect(trajectory.body.final_score).toBe(600);
    expect(trajectory.body.time_stamp.slice(0, 3)).toEqual([1, 28, 66]);
  });

  it('refuses a broken file, an unknown profile, and stores nothing', async () => {
    const bad = await post(
      `/studies/${study.studyId}/atari/imports?profileId=space-invaders`,
      '{"x":1}',
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/not a trajectory/);
    const profile = await post(`/studies/${study.studyId}/atari/imports?profileId=pong`, '{}');
    expect(profile.status).toBe(400);
    const sessions = await study.admin.get<unknown[]>(
      `/sessions?filter=${encodeURIComponent(JSON.stringify({ studyId: study.studyId }))}`,
    );
    expect(sessions.body).toHaveLength(1); // only the first test's import
  });

  it('refuses a study config naming a ROM that is not in the library', async () => {
    const res = await study.admin.put(`/studies/${study.studyId}`, {
      config: { consentText: 'c', instructions: 'i', romId: randomUUID() },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/config.romId: no ROM/);
  });
});
