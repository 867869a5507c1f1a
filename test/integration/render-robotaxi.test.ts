import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hudLayout } from '../../src/games/robotaxi/render.js';
import { PALETTE } from '../../src/games/robotaxi/sprites.js';
import { Action } from '../../src/games/robotaxi/types.js';
import { robotaxiLayout } from '../../src/modules/replay/render-options.js';
import { StorageService } from '../../src/modules/storage/storage.service.js';
import { findOnsets } from '../support/audio.js';
import { type ApiClient, startTestApp, type TestApp } from '../support/app.js';
import { seedStudy } from '../support/participants.js';
import {
  centre,
  decodeAudio,
  decodeFrames,
  downloadRender,
  ffprobe,
  near,
  participantIds,
  type RenderRow,
  seedBeepTrack,
  seedRobotaxiEpisode,
  pollRender,
} from '../support/render.js';

const FPS = 30;
const SIZE = { width: 640, height: 360 };

describe('Rendering a RoboTaxi episode (queue, frames from the steps, aligned audio, ffmpeg)', () => {
  let t: TestApp;
  let db: pg.Client;
  let admin: ApiClient;
  let studyId: string;
  let people: Record<string, string>;
  let dir: string;

  const waitFor = (id: string, status: string) =>
    pollRender(admin, id, (row) => row.status === status);

  beforeAll(async () => {
    t = await startTestApp();
    const study = await seedStudy(t.baseUrl, 'render-taxi', 'T0001-T0001', 'woz-robotaxi');
    ({ admin, studyId } = study);
    expect(
      (await admin.post(`/studies/${studyId}/participants/range`, { range: 'W0001-W0001' })).status,
    ).toBe(201);
    // A step period of 0.5 s: the last state (3.4 s) is held until the episode's end (4.2 s).
    const put = await admin.put(`/studies/${studyId}`, {
      config: { consentText: 'We record your voice.', instructions: 'Drive.', stepMs: 500 },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
    people = await participantIds(db, studyId);
    dir = mkdtempSync(join(tmpdir(), 'ozlab-render-test-'));
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows each step for as long as it lasted and places each track at its aligned offset', async () => {
    const zeroMs = Math.round(Date.now() - 60_000);
    // Step 3 comes 1.4 s after step 2: the rover stays 1.4 s in cell (3,1).
    const episode = await seedRobotaxiEpisode(db, {
      studyId,
      teacherId: people.T0001,
      wizardId: people.W0001,
      zeroMs,
      stepTimesMs: [500, 1000, 2400, 2900, 3400],
      endAfterMs: 4200,
      action: Action.RIGHT,
    });
    expect(episode.states.map((s) => s.rover.x)).toEqual([1, 2, 3, 4, 5, 6]);
    const storage = t.app.get(StorageService);
    // The teacher's mic started 0.8 s after the episode (delayed), the wizard's 0.5 s before
    // (its head is cut): their beeps belong at 0.8 + 1.0 = 1.8 s and -0.5 + 0.9 = 0.4 s.
    await seedBeepTrack(db, storage, {
      studyId,
      sessionId: episode.sessionId,
      participantId: people.T0001,
      startMs: zeroMs + 800,
      seconds: 3,
      beepAtS: 1.0,
    });
    await seedBeepTrack(db, storage, {
      studyId,
      sessionId: episode.sessionId,
      participantId: people.W0001,
      startMs: zeroMs - 500,
      seconds: 3,
      beepAtS: 0.9,
    });

    const created = await admin.post<RenderRow>(`/episodes/${episode.episodeId}/renders`, SIZE);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      status: 'queued',
      options: { fps: FPS, ...SIZE, audio: 'mix', container: 'mp4' },
    });
    const row = await waitFor(created.body.id, 'completed');
    expect(row).toMatchObject({
      framesWritten: 126,
      framesTotal: 126,
      durationMs: 4200,
      attempts: 1,
      error: null,
    });
    expect(row.audioTracks?.map((a) => [a.label, a.offsetMs])).toEqual([
      ['T0001 mic', 800],
      ['W0001 mic', -500],
    ]);

    const file = join(dir, 'taxi.mp4');
    await downloadRender(t.baseUrl, admin.token!, row.id, file);
    const probe = await ffprobe(file);
    const video = probe.streams.find((s) => s.codec_type === 'video');
    const audio = probe.streams.filter((s) => s.codec_type === 'audio');
    expect(video).toMatchObject({ codec_name: 'h264', ...SIZE, r_frame_rate: '30/1' });
    expect(audio.map((s) => s.codec_name)).toEqual(['aac']);
    expect(probe.format.format_name).toContain('mp4');
    expect(Math.abs(Number(probe.format.duration) - 4.2)).toBeLessThanOrEqual(1 / FPS);
    expect(Math.abs(Number(video!.duration) - 4.2)).toBeLessThanOrEqual(1 / FPS);

    // Where cells (3,1) and (4,1) are in the frame: a quarter into each, inside the rover's body.
    const layout = robotaxiLayout(SIZE, { rows: 8, cols: 8 });
    const { x, y, scale } = layout.picture;
    const top = y + hudLayout(8, scale).height;
    const cell = (col: number, row: number) => ({
      x: (x + Math.round((col + 0.3) * scale)) & ~1,
      y: (top + Math.round((row + 0.3) * scale)) & ~1,
      w: 4,
      h: 4,
    });
    const firstFrameWithRover = async (col: number) => {
      const crop = cell(col, 1);
      const frames = await decodeFrames(file, crop);
      expect(frames.length).toBe(126);
      return frames.findIndex((f) => near(centre(f, crop), PALETTE.rover));
    };
    // Step 2 at 1.0 s, step 3 at 2.4 s: within one frame of 30 and 72.
    expect(Math.abs((await firstFrameWithRover(3)) - 30)).toBeLessThanOrEqual(1);
    expect(Math.abs((await firstFrameWithRover(4)) - 72)).toBeLessThanOrEqual(1);
    const crop = cell(3, 1);
    const frames = await decodeFrames(file, crop);
    expect(near(centre(frames[40], crop), PALETTE.rover)).toBe(true);
    expect(near(centre(frames[70], crop), PALETTE.rover)).toBe(true);
    expect(near(centre(frames[74], crop), PALETTE.floor)).toBe(true);

    // Both beeps, mixed into the one stream, within 20 ms of where they belong.
    const samples = await decodeAudio(file);
    const onsets = findOnsets(samples, 48_000).map((s) => s / 48_000);
    expect(onsets).toHaveLength(2);
    expect(Math.abs(onsets[0] - 0.4)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(onsets[1] - 1.8)).toBeLessThanOrEqual(0.02);
    expect(samples.length / 48_000).toBeCloseTo(4.2, 1);

    // Asking again with the same options renders the same render again, replacing its file.
    const again = await admin.post<RenderRow>(`/episodes/${episode.episodeId}/renders`, SIZE);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(row.id);
    expect(['queued', 'rendering']).toContain(again.body.status);
    const redone = await waitFor(row.id, 'completed');
    expect(redone).toMatchObject({ framesTotal: 126, attempts: 1, storageKey: row.storageKey });

    // Listed with the ra-data-simple-rest contract.
    const list = await admin.get<RenderRow[]>(
      `/renders?filter=${encodeURIComponent(JSON.stringify({ episodeId: episode.episodeId }))}&sort=${encodeURIComponent('["createdAt","ASC"]')}&range=[0,9]`,
    );
    expect(list.status).toBe(200);
    expect(list.headers.get('content-range')).toBe('renders 0-0/1');
    expect(list.body.map((r) => r.id)).toEqual([row.id]);
  });
});
