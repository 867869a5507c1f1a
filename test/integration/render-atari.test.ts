import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtariMachine, SCREEN_WIDTH } from '../../src/games/atari/machine.js';
import type { FrameRecord } from '../../src/games/common/atari-frames.js';
import { atariLayout } from '../../src/modules/replay/render-options.js';
import { StorageService } from '../../src/modules/storage/storage.service.js';
import { ApiClient, startTestApp, type TestApp } from '../support/app.js';
import { playTestRom } from '../support/atari-play.js';
import { assembleTestRom } from '../support/atari-rom.js';
import { type AtariStudy, setupAtariStudy } from '../support/atari-study.js';
import { findOnsets } from '../support/audio.js';
import {
  centre,
  decodeAudio,
  decodeFrames,
  downloadRender,
  ffprobe,
  participantIds,
  type RenderRow,
  seedBeepTrack,
  pollRender,
} from '../support/render.js';
import { participantToken } from '../support/robotaxi-player.js';

const FPS = 60;
const SIZE = { width: 320, height: 240 };
/** A background pixel of the test ROM's picture (the sprite never comes here). */
const PROBE = { x: 4, y: 100 };
const isRed = ([r, , b]: readonly number[]) => r > b + 40;

describe('Rendering an Atari episode (re-emulated at 60 fps, placed by the logged times)', () => {
  let t: TestApp;
  let study: AtariStudy;
  let d1: ApiClient;
  let db: pg.Client;
  let dir: string;

  const waitFor = (id: string, status: string) =>
    pollRender(study.admin, id, (row) => row.status === status);

  beforeAll(async () => {
    t = await startTestApp();
    study = await setupAtariStudy(t.baseUrl, 'render-atari', 'D0001-D0001');
    d1 = new ApiClient(t.baseUrl, await participantToken(t.baseUrl, study.slug, 'D0001'));
    db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
    dir = mkdtempSync(join(tmpdir(), 'ozlab-render-test-'));
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows game over when it happened, the beep at its aligned time, and fails on a hole in the log', async () => {
    const started = await d1.post<{ id: string; seed: number }>('/atari/episodes', {});
    expect(started.status).toBe(201);
    const episodeId = started.body.id;
    const frames: FrameRecord[] = await playTestRom({ seed: started.body.seed, frames: 360 });
    // The tab was hidden for 0.7 s before frame 150: everything after comes 0.7 s later.
    for (const f of frames) if (f.frame >= 150) f.clientMs += 700;
    for (let seq = 0; seq * 60 < frames.length; seq++) {
      const res = await d1.put(`/atari/episodes/${episodeId}/batches/${seq}`, {
        frames: frames.slice(seq * 60, seq * 60 + 60),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const ended = await d1.post(`/atari/episodes/${episodeId}/end`, {
      frames: frames.length,
      outcome: 'game-over',
    });
    expect(ended.status).toBe(200);

    // Where the background turns red (game over), found by emulating the log here.
    const machine = await AtariMachine.create(assembleTestRom(), { seed: started.body.seed });
    let gameOver = -1;
    for (const f of frames) {
      machine.step(f.action, { reset: f.reset, select: f.select });
      const px = machine.pixels();
      const at = (PROBE.y * SCREEN_WIDTH + PROBE.x) * 4;
      if (isRed([px[at], px[at + 1], px[at + 2]])) {
        gameOver = f.frame;
        break;
      }
    }
    expect(gameOver).toBeGreaterThan(150);
    const zeroMs = frames[0].clientMs;
    const gameOverS = (frames[gameOver].clientMs - zeroMs) / 1000;
    const durationS = (frames[frames.length - 1].clientMs - zeroMs) / 1000 + 1 / FPS;

    // The demonstrator's mic started 0.3 s before the first frame; its beep is 1.0 s in.
    const session = await db.query<{ sessionId: string }>(
      `SELECT "sessionId" FROM episodes WHERE id = $1`,
      [episodeId],
    );
    const people = await participantIds(db, study.studyId);
    await seedBeepTrack(db, t.app.get(StorageService), {
      studyId: study.studyId,
      sessionId: session.rows[0].sessionId,
      participantId: people.D0001,
      startMs: zeroMs - 300,
      seconds: 4,
      beepAtS: 1.0,
    });

    const created = await study.admin.post<RenderRow>(`/episodes/${episodeId}/renders`, {
      ...SIZE,
      audio: 'separate',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.options).toEqual({
      fps: FPS,
      ...SIZE,
      audio: 'separate',
      container: 'mp4',
    });
    const row = await waitFor(created.body.id, 'completed');
    const total = Math.round(durationS * FPS);
    expect(row).toMatchObject({ framesTotal: total, framesWritten: total, attempts: 1 });
    expect(row.audioTracks?.map((a) => [a.label, a.offsetMs])).toEqual([['D0001 mic', -300]]);

    const file = join(dir, 'atari.mp4');
    await downloadRender(t.baseUrl, study.admin.token!, row.id, file);
    const probe = await ffprobe(file);
    const video = probe.streams.find((s) => s.codec_type === 'video');
    const audio = probe.streams.filter((s) => s.codec_type === 'audio');
    expect(video).toMatchObject({ codec_name: 'h264', ...SIZE, r_frame_rate: '60/1' });
    expect(audio.map((s) => [s.codec_name, s.tags?.handler_name])).toEqual([['aac', 'D0001 mic']]);
    expect(Math.abs(Number(video!.duration) - durationS)).toBeLessThanOrEqual(1 / FPS);

    // Game over appears within a frame of its logged time (0.7 s of pause included).
    const layout = atariLayout(SIZE);
    const crop = {
      x: (layout.picture.x + PROBE.x * layout.picture.scaleX) & ~1,
      y: (layout.picture.y + PROBE.y * layout.picture.scaleY) & ~1,
      w: 4,
      h: 4,
    };
    const decoded = await decodeFrames(file, crop);
    expect(decoded.length).toBe(total);
    const red = decoded.findIndex((f) => isRed(centre(f, crop)));
    expect(Math.abs(red - gameOverS * FPS)).toBeLessThanOrEqual(1);

    const onsets = findOnsets(await decodeAudio(file), 48_000).map((s) => s / 48_000);
    expect(onsets).toHaveLength(1);
    expect(Math.abs(onsets[0] - 0.7)).toBeLessThanOrEqual(0.02);

    // A hole in the frame log: the re-render fails at once, saying where, and is not retried.
    await db.query(`DELETE FROM frame_batches WHERE "episodeId" = $1 AND seq = 1`, [episodeId]);
    const again = await study.admin.post<RenderRow>(`/episodes/${episodeId}/renders`, {
      ...SIZE,
      audio: 'separate',
    });
    expect(again.status).toBe(200);
    const failed = await waitFor(row.id, 'failed');
    expect(failed.error).toBe('Frames 60–119 of the episode are missing');
    expect(failed.attempts).toBe(1);
    expect((await study.admin.get(`/renders/${row.id}/download`)).status).toBe(409);
  });
});
