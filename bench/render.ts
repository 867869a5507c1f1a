/**
 * `npm run bench:render`: a synthetic RoboTaxi episode (1280x720, 30 fps, a step every 0.5 s,
 * two mic tracks mixed) and an Atari episode of the test ROM (re-emulated, 640x480, 60 fps, one
 * mic track), each rendered through the real pipeline: the REST call, the Bull queue, the
 * processor and runner in the API process, the frame source, the media adapter and ffmpeg, the
 * upload to storage. Then, for each, ffmpeg alone encodes the first 60 s of the same frames (the
 * same bytes our pipe carries, pre-generated into a raw file) with the same command and niceness:
 * the floor of what the encoder costs by itself.
 *
 *   --minutes (default 10): length of each episode
 *
 * `*_s`: the render's time (row startedAt → completedAt); `*_x_realtime`: episode length / that;
 * `*_vs_ffmpeg`: ffmpeg alone's time for 60 s / our time per 60 s of episode (1 = no overhead);
 * `peak_rss_mb`: the API process's peak resident memory (VmHWM) over the run.
 *
 * Ends with: `render robotaxi_s=… robotaxi_x_realtime=… robotaxi_vs_ffmpeg=… atari_s=…
 * atari_x_realtime=… atari_vs_ffmpeg=… peak_rss_mb=…`
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { NTSC_FPS } from '../src/games/atari/machine.js';
import { AleAction } from '../src/games/atari/actions.js';
import type { FrameRecord } from '../src/games/common/atari-frames.js';
import { generateLevel, levelToJson } from '../src/games/robotaxi/maps.js';
import { Action } from '../src/games/robotaxi/types.js';
import { atariFrames } from '../src/modules/replay/atari-frames.js';
import type { FrameRun } from '../src/modules/replay/media.adapter.js';
import {
  buildRenderCommand,
  type RenderAudioInput,
  STDIN,
} from '../src/modules/replay/render-command.js';
import { atariLayout, robotaxiLayout } from '../src/modules/replay/render-options.js';
import { robotaxiFrames, type RobotaxiStepRow } from '../src/modules/replay/robotaxi-frames.js';
import { assembleTestRom } from '../test/support/atari-rom.js';
import { beepTrack, encodeWav } from '../test/support/audio.js';
import {
  FFMPEG,
  participantIds,
  type RenderRow,
  seedBeepTrack,
  seedRobotaxiEpisode,
} from '../test/support/render.js';
import { setupAtariStudyForBench } from './support/atari.js';
import { ADMIN, apiCall, round, startBenchServer } from './support/server.js';

const run = promisify(execFile);
const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' } } });
const MINUTES = Number(values.minutes);
const EPISODE_MS = MINUTES * 60_000;
const FLOOR_S = 60;
/** What the API runs ffmpeg at (RENDER_NICENESS default); the floor runs at the same. */
const NICENESS = 10;

/** Peak resident memory of the API process and of its ffmpeg children, sampled. */
class MemoryWatch {
  apiPeakKb = 0;
  /** The API's resident memory at the first sample (idle, before any render). */
  apiIdleKb = 0;
  ffmpegPeakKb = 0;
  private timer: NodeJS.Timeout;
  constructor(private readonly pid: number) {
    this.timer = setInterval(() => void this.sample(), 250);
  }
  private async sample() {
    try {
      const status = await readFile(`/proc/${this.pid}/status`, 'utf8');
      const hwm = /VmHWM:\s+(\d+)/.exec(status);
      if (hwm) this.apiPeakKb = Math.max(this.apiPeakKb, Number(hwm[1]));
      const rss = /VmRSS:\s+(\d+)/.exec(status);
      if (rss && !this.apiIdleKb) this.apiIdleKb = Number(rss[1]);
      const { stdout } = await run('ps', ['-o', 'rss=', '--ppid', String(this.pid)]);
      const children = stdout.split('\n').map(Number).filter(Boolean);
      if (children.length) this.ffmpegPeakKb = Math.max(this.ffmpegPeakKb, ...children);
    } catch {
      // the process is gone, or ps found no child
    }
  }
  stop() {
    clearInterval(this.timer);
  }
}

/** Writes what our pipe would carry for the first `frames` frames into a raw file. */
async function rawFile(path: string, runs: AsyncIterable<FrameRun>, frames: number) {
  const out = createWriteStream(path);
  let written = 0;
  for await (const r of runs) {
    const n = Math.min(r.count, frames - written);
    for (let i = 0; i < n; i++)
      if (!out.write(r.data)) await new Promise<void>((ok) => out.once('drain', () => ok()));
    written += n;
    if (written >= frames) break;
  }
  await new Promise<void>((ok) => out.end(() => ok()));
}

/** ffmpeg alone: the render's command over the raw file instead of the pipe; seconds taken. */
async function floor(
  raw: string,
  video: { width: number; height: number; fps: number; pixelFormat: 'rgba' | 'yuv420p' },
  tracks: RenderAudioInput[],
  output: string,
): Promise<number> {
  const command = buildRenderCommand({
    video,
    frames: FLOOR_S * video.fps,
    audio: { mode: 'mix', tracks },
    container: 'mp4',
    output,
  });
  const args = command.args.map((a) => (a === STDIN ? raw : a));
  const t0 = performance.now();
  await run('nice', ['-n', String(NICENESS), FFMPEG, ...args]);
  return (performance.now() - t0) / 1000;
}

async function renderThroughApi(baseUrl: string, token: string, episodeId: string) {
  const queued = await apiCall<RenderRow>(
    baseUrl,
    'POST',
    `/episodes/${episodeId}/renders`,
    {},
    token,
  );
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const row = await apiCall<RenderRow>(baseUrl, 'GET', `/renders/${queued.id}`, undefined, token);
    if (row.status === 'failed' || row.status === 'cancelled')
      throw new Error(`render ${row.status}: ${row.error}`);
    if (row.status === 'completed')
      return {
        row,
        seconds: (Date.parse(row.completedAt!) - Date.parse(row.startedAt!)) / 1000,
      };
  }
}

/** A file writer shaped like the storage service (the server's local storage folder). */
const localStorage = (dataDir: string) => ({
  async put(key: string, body: Buffer) {
    const path = join(dataDir, 'storage', ...key.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, body);
  },
});

async function main() {
  const server = await startBenchServer();
  const db = new pg.Client({ connectionString: server.databaseUrl });
  await db.connect();
  const work = await mkdtemp(join(tmpdir(), 'ozlab-bench-render-'));
  const memory = new MemoryWatch(server.pid);
  try {
    const { token } = await apiCall<{ token: string }>(
      server.baseUrl,
      'POST',
      '/auth/login',
      ADMIN,
    );
    const storage = localStorage(server.dataDir);
    const zeroMs = Math.round(Date.now() - 2 * EPISODE_MS);

    // ------------------------------------------------------------------ RoboTaxi
    const taxi = await apiCall<{ id: string }>(
      server.baseUrl,
      'POST',
      '/studies',
      {
        name: 'Render bench',
        slug: 'render-bench',
        kind: 'woz-robotaxi',
        config: { consentText: 'Bench', instructions: 'Bench', stepMs: 500 },
      },
      token,
    );
    for (const range of ['T0001-T0001', 'W0001-W0001'])
      await apiCall(
        server.baseUrl,
        'POST',
        `/studies/${taxi.id}/participants/range`,
        { range },
        token,
      );
    const people = await participantIds(db, taxi.id);
    const turns = [Action.RIGHT, Action.DOWN, Action.LEFT, Action.UP];
    const episode = await seedRobotaxiEpisode(db, {
      studyId: taxi.id,
      teacherId: people.T0001,
      wizardId: people.W0001,
      zeroMs,
      stepTimesMs: Array.from({ length: EPISODE_MS / 500 - 1 }, (_, i) => (i + 1) * 500),
      endAfterMs: EPISODE_MS,
      action: Action.RIGHT,
      actionAt: (i) => turns[Math.floor(i / 3) % 4],
      level: levelToJson(generateLevel(7)),
    });
    const taxiTracks: RenderAudioInput[] = [];
    for (const [who, startMs] of [
      ['T0001', zeroMs + 1200],
      ['W0001', zeroMs - 800],
    ] as const) {
      await seedBeepTrack(db, storage, {
        studyId: taxi.id,
        sessionId: episode.sessionId,
        participantId: people[who],
        startMs,
        seconds: EPISODE_MS / 1000,
        beepAtS: 1,
      });
      const path = join(work, `${who}.wav`);
      await writeFile(
        path,
        encodeWav(
          beepTrack({
            sampleRate: 48_000,
            seconds: EPISODE_MS / 1000,
            every: 1000,
            first: 1,
            beepMs: 60,
            freqHz: 1000,
            amplitude: 0.6,
            humAmplitude: 0.02,
          }),
          48_000,
        ),
      );
      taxiTracks.push({ path, label: `${who} mic`, offsetMs: startMs - zeroMs, rate: null });
    }
    console.error(`robotaxi: ${MINUTES} min episode seeded, rendering...`);
    const taxiRender = await renderThroughApi(server.baseUrl, token, episode.episodeId);

    const taxiSize = { width: 1280, height: 720 };
    const taxiLayout = robotaxiLayout(taxiSize, {
      rows: episode.states[0].rows,
      cols: episode.states[0].cols,
    });
    const steps = await db.query<RobotaxiStepRow>(
      `SELECT "index", "state", "serverMs" FROM steps WHERE "episodeId" = $1 ORDER BY "index"`,
      [episode.episodeId],
    );
    const taxiRaw = join(work, 'robotaxi.yuv');
    await rawFile(
      taxiRaw,
      robotaxiFrames(
        {
          zeroMs,
          episodeIndex: 0,
          round: 1,
          practice: false,
          rounds: 3,
          stepLimit: 100,
          stepMs: 500,
          initialState: episode.states[0],
          steps: (async function* () {
            yield* steps.rows;
          })(),
        },
        taxiLayout,
        30,
        (EPISODE_MS / 1000) * 30,
      ),
      FLOOR_S * 30,
    );
    const taxiFloor = await floor(
      taxiRaw,
      { ...taxiSize, fps: 30, pixelFormat: 'yuv420p' },
      taxiTracks,
      join(work, 'robotaxi-floor.mp4'),
    );
    await rm(taxiRaw);

    // ------------------------------------------------------------------ Atari
    await setupAtariStudyForBench(server.baseUrl, 1);
    const atariStudy = await db.query<{ id: string }>(
      `SELECT id FROM studies WHERE kind = 'atari-demo'`,
    );
    const studyId = atariStudy.rows[0].id;
    const d1 = (await participantIds(db, studyId)).D0001;
    const rom = assembleTestRom();
    const md5 = createHash('md5').update(rom).digest('hex');
    const session = await db.query<{ id: string }>(
      `INSERT INTO sessions ("studyId", kind, status, "demonstratorId", phase) VALUES ($1, 'atari-demo', 'completed', $2, 'complete') RETURNING id`,
      [studyId, d1],
    );
    const frameCount = (EPISODE_MS / 1000) * NTSC_FPS;
    const atariEpisode = await db.query<{ id: string }>(
      `INSERT INTO episodes ("sessionId", "studyId", index, game, status, outcome, steps, seed, "romMd5", "startedAt", "endedAt")
       VALUES ($1, $2, 0, 'ozlab-test', 'completed', 'time-up', $3, 1, $4, to_timestamp($5 / 1000.0), to_timestamp($6 / 1000.0)) RETURNING id`,
      [session.rows[0].id, studyId, frameCount, md5, zeroMs, zeroMs + EPISODE_MS],
    );
    const atariEpisodeId = atariEpisode.rows[0].id;
    // The client's frames: fire twice a second, otherwise move about; a new game each minute;
    // times as a 60 Hz clock gives them, with a few ms of jitter.
    const record = (i: number): FrameRecord => {
      const action = i % 30 < 2 ? AleAction.FIRE : i % 90 < 45 ? AleAction.UPRIGHT : AleAction.LEFT;
      return {
        frame: i,
        action,
        joystick: 0,
        reward: 0,
        score: Math.floor((i % 3600) / 30),
        lives: 3,
        terminal: false,
        emuMs: (i * 1000) / NTSC_FPS,
        clientMs: zeroMs + (i * 1000) / NTSC_FPS + ((i * 7919) % 5),
        ...(i % 3600 < 4 ? { reset: true } : {}),
      };
    };
    for (let seq = 0; seq * 60 < frameCount; seq++) {
      const frames = Array.from({ length: 60 }, (_, k) => record(seq * 60 + k));
      const json = JSON.stringify(frames);
      await db.query(
        `INSERT INTO frame_batches ("episodeId", seq, "firstFrame", "frameCount", frames, sha256) VALUES ($1, $2, $3, 60, $4, $5)`,
        [atariEpisodeId, seq, seq * 60, json, createHash('sha256').update(json).digest('hex')],
      );
    }
    await seedBeepTrack(db, storage, {
      studyId,
      sessionId: session.rows[0].id,
      participantId: d1,
      startMs: zeroMs + 300,
      seconds: EPISODE_MS / 1000,
      beepAtS: 1,
    });
    console.error(`atari: ${MINUTES} min episode seeded, rendering...`);
    const atariRender = await renderThroughApi(server.baseUrl, token, atariEpisodeId);

    const atariSize = { width: 640, height: 480 };
    const atariRaw = join(work, 'atari.rgba');
    await rawFile(
      atariRaw,
      atariFrames(
        {
          rom,
          seed: 1,
          zeroMs,
          episodeIndex: 0,
          frames: (async function* () {
            for (let i = 0; i < FLOOR_S * NTSC_FPS + 1; i++) yield record(i);
          })(),
        },
        atariLayout(atariSize),
        NTSC_FPS,
        FLOOR_S * NTSC_FPS,
      ),
      FLOOR_S * NTSC_FPS,
    );
    const atariFloor = await floor(
      atariRaw,
      { ...atariSize, fps: NTSC_FPS, pixelFormat: 'rgba' },
      [{ path: taxiTracks[0].path, label: 'D0001 mic', offsetMs: 300, rate: null }],
      join(work, 'atari-floor.mp4'),
    );
    await rm(atariRaw);

    memory.stop();
    const episodeS = EPISODE_MS / 1000;
    const per60 = (s: number) => (s * FLOOR_S) / episodeS;
    console.error(
      `robotaxi: ${taxiRender.row.framesTotal} frames, ${taxiRender.row.bytes} bytes; floor ${round(taxiFloor, 2)} s for ${FLOOR_S} s\n` +
        `atari: ${atariRender.row.framesTotal} frames, ${atariRender.row.bytes} bytes; floor ${round(atariFloor, 2)} s for ${FLOOR_S} s\n` +
        `API RSS idle ${round(memory.apiIdleKb / 1024, 0)} MB; ffmpeg peak RSS ${round(memory.ffmpegPeakKb / 1024, 0)} MB`,
    );
    console.log(
      `render robotaxi_s=${round(taxiRender.seconds, 1)} robotaxi_x_realtime=${round(episodeS / taxiRender.seconds, 2)} ` +
        `robotaxi_vs_ffmpeg=${round(taxiFloor / per60(taxiRender.seconds), 2)} ` +
        `atari_s=${round(atariRender.seconds, 1)} atari_x_realtime=${round(episodeS / atariRender.seconds, 2)} ` +
        `atari_vs_ffmpeg=${round(atariFloor / per60(atariRender.seconds), 2)} ` +
        `peak_rss_mb=${round(memory.apiPeakKb / 1024, 0)}`,
    );
  } finally {
    memory.stop();
    await db.end();
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
