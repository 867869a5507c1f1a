/**
 * Render test fixtures: RoboTaxi episodes with chosen step times written straight into the
 * database (the game loop's own rows, states from the real engine), finalized audio tracks with a
 * known mapping and a WAV in storage, and readers of the rendered file (ffprobe, decoded frames
 * and audio through the real ffmpeg). No vitest imports: the bench uses it too.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type pg from 'pg';
import { newEpisode, step } from '../../src/games/robotaxi/engine.js';
import { levelToJson, parseLevel } from '../../src/games/robotaxi/maps.js';
import {
  type Action,
  DEFAULT_RULES,
  type GameState,
  type LevelJson,
} from '../../src/games/robotaxi/types.js';
import { resolveFfmpeg } from '../../src/config/embedded/ffmpeg-paths.js';
import { sessionKey } from '../../src/modules/storage/storage-keys.js';
import { expect } from 'vitest';
import type { ApiClient } from './app.js';
import { beepTrack, encodeWav } from './audio.js';

const run = promisify(execFile);
const BIG = { maxBuffer: 512 * 1024 * 1024, encoding: 'buffer' as const };

export const FFMPEG = resolveFfmpeg({}).ffmpeg ?? 'ffmpeg';
export const FFPROBE = resolveFfmpeg({}).ffprobe ?? 'ffprobe';

/** An 8x8 level with a fixed start at (1,1) heading right, no bombs. */
export const LINE_LEVEL: LevelJson = {
  grid: [
    '########',
    '#R.....#',
    '#......#',
    '#......#',
    '#...A..#',
    '#......#',
    '#.....S#',
    '########',
  ],
  orientation: 'RIGHT',
};

export interface SeededEpisode {
  sessionId: string;
  episodeId: string;
  /** The episode's start (Unix ms): the video's time zero. */
  zeroMs: number;
  endMs: number;
  states: GameState[];
}

/**
 * A completed RoboTaxi episode of `stepTimesMs.length` steps (each `action`), the i-th step
 * stored at `zeroMs + stepTimesMs[i]`, ended at `zeroMs + endAfterMs`.
 */
export async function seedRobotaxiEpisode(
  db: pg.Client,
  opts: {
    studyId: string;
    teacherId: string;
    wizardId: string;
    zeroMs: number;
    stepTimesMs: number[];
    endAfterMs: number;
    action: Action;
    /** The action of step i (0-based), instead of `action` every step. */
    actionAt?: (i: number) => Action;
    level?: LevelJson;
    index?: number;
  },
): Promise<SeededEpisode> {
  const level = parseLevel(opts.level ?? LINE_LEVEL, 'test');
  let state = newEpisode(level, 1, 0);
  const states = [state];
  const session = await db.query<{ id: string }>(
    `INSERT INTO sessions ("studyId", kind, status, "teacherId", "wizardId", seed, phase, "startedAt", "endedAt")
     VALUES ($1, 'woz-robotaxi', 'completed', $2, $3, 1, 'complete', to_timestamp($4 / 1000.0), to_timestamp($5 / 1000.0))
     RETURNING id`,
    [opts.studyId, opts.teacherId, opts.wizardId, opts.zeroMs, opts.zeroMs + opts.endAfterMs],
  );
  const sessionId = session.rows[0].id;
  const rules = { ...DEFAULT_RULES, stepLimit: 1_000_000 };
  const episode = await db.query<{ id: string }>(
    `INSERT INTO episodes ("sessionId", "studyId", index, round, practice, game, status, outcome, steps, score, seed, level, "initialState", "startedAt", "endedAt")
     VALUES ($1, $2, $3, 1, false, 'robotaxi', 'completed', 'step-limit', $4, 0, 1, $5, $6, to_timestamp($7 / 1000.0), to_timestamp($8 / 1000.0))
     RETURNING id`,
    [
      sessionId,
      opts.studyId,
      opts.index ?? 0,
      opts.stepTimesMs.length,
      JSON.stringify(levelToJson(level)),
      JSON.stringify(state),
      opts.zeroMs,
      opts.zeroMs + opts.endAfterMs,
    ],
  );
  const episodeId = episode.rows[0].id;
  for (const [i, at] of opts.stepTimesMs.entries()) {
    // A long scripted episode may end (a wall, the squirrel): it then goes on from the start.
    const action = opts.actionAt?.(i) ?? opts.action;
    const result = step(state.done ? newEpisode(level, 1, 0) : state, action, rules);
    state = result.state;
    states.push(state);
    await db.query(
      `INSERT INTO steps ("episodeId", index, "sessionId", action, reward, done, outcome, state, info, "serverMs")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        episodeId,
        i + 1,
        sessionId,
        action,
        result.reward,
        result.done,
        result.info.outcome,
        JSON.stringify(state),
        JSON.stringify(result.info),
        opts.zeroMs + at,
      ],
    );
  }
  return {
    sessionId,
    episodeId,
    zeroMs: opts.zeroMs,
    endMs: opts.zeroMs + opts.endAfterMs,
    states,
  };
}

/** The participants of a study by their study ID (T0001 -> row uuid). */
export async function participantIds(
  db: pg.Client,
  studyId: string,
): Promise<Record<string, string>> {
  const rows = await db.query<{ id: string; participantId: string }>(
    `SELECT id, "participantId" FROM participants WHERE "studyId" = $1`,
    [studyId],
  );
  return Object.fromEntries(rows.rows.map((r) => [r.participantId, r.id]));
}

export interface BeepTrackFixture {
  trackId: string;
  wavKey: string;
}

/**
 * A finalized mic track whose sample 0 was captured at `startMs` (server clock, nominal rate),
 * holding one beep `beepAtS` seconds in, over a quiet hum. `storeWav: false` leaves the WAV out of
 * storage (a broken input).
 */
export async function seedBeepTrack(
  db: pg.Client,
  storage: { put(key: string, body: Buffer, opts?: { contentType?: string }): Promise<unknown> },
  opts: {
    studyId: string;
    sessionId: string;
    participantId: string;
    startMs: number;
    seconds: number;
    beepAtS: number;
    label?: string;
    sampleRate?: number;
    storeWav?: boolean;
  },
): Promise<BeepTrackFixture> {
  const rate = opts.sampleRate ?? 48_000;
  const trackId = randomUUID();
  const wavKey = sessionKey(opts.studyId, opts.sessionId, 'recordings', trackId, `${trackId}.wav`);
  const samples = beepTrack({
    sampleRate: rate,
    seconds: opts.seconds,
    every: 1000,
    first: opts.beepAtS,
    beepMs: 60,
    freqHz: 1000,
    amplitude: 0.6,
    humAmplitude: 0.02,
  });
  if (opts.storeWav !== false)
    await storage.put(wavKey, encodeWav(samples, rate), { contentType: 'audio/wav' });
  const msPerSample = 1000 / rate;
  await db.query(
    `INSERT INTO recordings (id, "studyId", "participantId", "sessionId", kind, label, "sampleRate", channels, status, "wavKey", "durationSamples", mapping, "finalizedAt")
     VALUES ($1, $2, $3, $4, 'mic', $5, $6, 1, 'finalized', $7, $8, $9, now())`,
    [
      trackId,
      opts.studyId,
      opts.participantId,
      opts.sessionId,
      opts.label ?? 'mic',
      rate,
      wavKey,
      samples.length,
      JSON.stringify({
        interceptMs: opts.startMs,
        msPerSample,
        driftPpm: 0,
        anchors: 10,
        rmsResidualMs: 0,
        maxResidualMs: 0,
        clockSamples: 10,
        minRttMs: 1,
      }),
    ],
  );
  return { trackId, wavKey };
}

export interface RenderRow {
  id: string;
  episodeId: string;
  status: string;
  framesWritten: number;
  framesTotal: number | null;
  durationMs: number | null;
  bytes: number | null;
  error: string | null;
  attempts: number;
  storageKey: string | null;
  startedAt: string | null;
  completedAt: string | null;
  options: { fps: number; width: number; height: number; audio: string; container: string };
  audioTracks: { recordingId: string; label: string; offsetMs: number }[] | null;
}

/**
 * Polls `GET /api/renders/:id` until `until` holds for the row, and returns that row; after
 * `timeoutMs` it fails with the last status seen.
 */
export async function pollRender(
  api: ApiClient,
  id: string,
  until: (row: RenderRow) => boolean,
  { timeoutMs = 45_000, intervalMs = 200 } = {},
): Promise<RenderRow> {
  let row: RenderRow | undefined;
  await expect
    .poll(
      async () => {
        row = (await api.get<RenderRow>(`/renders/${id}`)).body;
        return until(row);
      },
      { timeout: timeoutMs, interval: intervalMs, message: `render ${id}` },
    )
    .toBe(true)
    .catch((error: unknown) => {
      throw new Error(`render ${id}: last seen ${JSON.stringify(row?.status)}`, { cause: error });
    });
  return row!;
}

/** Downloads a completed render through its signed link into `path`. */
export async function downloadRender(
  baseUrl: string,
  token: string,
  renderId: string,
  path: string,
): Promise<void> {
  const res = await fetch(`${baseUrl}/api/renders/${renderId}/download`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`download: ${res.status} ${await res.text()}`);
  const { url } = (await res.json()) as { url: string };
  // Local storage signs URLs for PUBLIC_URL; the test app listens elsewhere.
  const target = new URL(url, baseUrl);
  const file = await fetch(new URL(target.pathname + target.search, baseUrl));
  if (file.status !== 200) throw new Error(`download ${url}: ${file.status}`);
  await writeFile(path, Buffer.from(await file.arrayBuffer()));
}

export interface Probe {
  format: { duration: string; format_name: string };
  streams: {
    codec_type: string;
    codec_name: string;
    width?: number;
    height?: number;
    r_frame_rate?: string;
    nb_frames?: string;
    duration?: string;
    tags?: Record<string, string>;
  }[];
}

export async function ffprobe(path: string): Promise<Probe> {
  const { stdout } = await run(FFPROBE, [
    '-v',
    'error',
    '-show_format',
    '-show_streams',
    '-of',
    'json',
    path,
  ]);
  return JSON.parse(stdout) as Probe;
}

/** The video's frames decoded to RGB, cropped to `crop` (x, y, w, h): one Buffer a frame. */
export async function decodeFrames(
  path: string,
  crop: { x: number; y: number; w: number; h: number },
): Promise<Buffer[]> {
  const { stdout } = await run(
    FFMPEG,
    [
      '-v',
      'error',
      '-i',
      path,
      '-vf',
      `crop=${crop.w}:${crop.h}:${crop.x}:${crop.y}`,
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      'pipe:1',
    ],
    BIG,
  );
  const size = crop.w * crop.h * 3;
  const frames: Buffer[] = [];
  for (let at = 0; at + size <= stdout.length; at += size)
    frames.push(stdout.subarray(at, at + size));
  return frames;
}

/** Audio stream `index` decoded to mono 16-bit samples at `rate`. */
export async function decodeAudio(path: string, index = 0, rate = 48_000): Promise<Int16Array> {
  const { stdout } = await run(
    FFMPEG,
    [
      '-v',
      'error',
      '-i',
      path,
      '-map',
      `0:a:${index}`,
      '-ac',
      '1',
      '-ar',
      String(rate),
      '-f',
      's16le',
      'pipe:1',
    ],
    BIG,
  );
  return new Int16Array(stdout.buffer, stdout.byteOffset, Math.floor(stdout.length / 2));
}

/** The pixel at the centre of a cropped frame. */
export function centre(frame: Buffer, crop: { w: number; h: number }): [number, number, number] {
  const at = (Math.floor(crop.h / 2) * crop.w + Math.floor(crop.w / 2)) * 3;
  return [frame[at], frame[at + 1], frame[at + 2]];
}

export const near = (a: readonly number[], b: readonly number[], tolerance = 40) =>
  a.every((v, i) => Math.abs(v - b[i]) <= tolerance);
