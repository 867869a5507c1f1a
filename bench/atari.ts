/**
 * `npm run bench:atari`: (1) headless re-emulation speed in Node over a 10-minute episode of the
 * test ROM (the determinism check's work), and (2) the frame-batch ingest the API sustains with
 * 50 concurrent demonstrators each uploading 60 frames a second in ~1 s batches (the API in its
 * own process with the real Postgres; every batch persisted before its acknowledgement).
 *
 *   --minutes (default 10): emulated minutes · --demonstrators (default 50) · --seconds (default 30)
 *
 * Ends with: `atari emu_fps=… ingest_frames_per_s=… ingest_p99_ms=…`
 */
import { parseArgs } from 'node:util';
import { NTSC_FPS } from '../src/games/atari/machine.js';
import { verifyReplay } from '../src/games/atari/verify.js';
import type { FrameRecord } from '../src/games/common/atari-frames.js';
import { setupAtariStudyForBench } from './support/atari.js';
import { quantile, round, startBenchServer } from './support/server.js';
import { playTestRom } from '../test/support/atari-play.js';
import { assembleTestRom } from '../test/support/atari-rom.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    demonstrators: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '30' },
  },
});
const MINUTES = Number(values.minutes);
const DEMONSTRATORS = Number(values.demonstrators);
const SECONDS = Number(values.seconds);
const now = () => performance.timeOrigin + performance.now();

async function emulationSpeed(): Promise<number> {
  // Record the log once, as a client would (new game every minute), then time the replay.
  const recorded = await playTestRom({
    seed: 1,
    frames: MINUTES * 60 * NTSC_FPS,
    resetAt: (i) => i % 3600 < 4,
  });
  const t0 = performance.now();
  const result = await verifyReplay(assembleTestRom(), recorded, { seed: 1 });
  const seconds = (performance.now() - t0) / 1000;
  if (result.firstDivergingFrame !== null) throw new Error('the replay diverged');
  return result.frames / seconds;
}

function frame(n: number): FrameRecord {
  return {
    frame: n,
    action: n % 18,
    joystick: n % 32,
    reward: 0,
    score: Math.floor(n / 60),
    lives: 3,
    terminal: false,
    emuMs: (n * 1000) / 60,
    clientMs: now(),
    ...(n % 60 === 59 ? { hash: '0123abcd' } : {}),
  };
}

async function ingest(): Promise<{ framesPerS: number; p99: number; failed: number }> {
  const server = await startBenchServer();
  try {
    const { tokens } = await setupAtariStudyForBench(server.baseUrl, DEMONSTRATORS);
    const latencies: number[] = [];
    let frames = 0;
    let failed = 0;
    const t0 = now();
    await Promise.all(
      [...tokens.values()].map(async (token, k) => {
        const start = await fetch(`${server.baseUrl}/api/atari/episodes`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: '{}',
        });
        const { id } = (await start.json()) as { id: string };
        // Spread the demonstrators over the second, as real ones would be.
        await new Promise((r) => setTimeout(r, (k * 1000) / DEMONSTRATORS));
        for (let seq = 0; seq < SECONDS; seq++) {
          const due = t0 + (seq + 1) * 1000 + (k * 1000) / DEMONSTRATORS;
          const wait = due - now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          const batch = Array.from({ length: 60 }, (_, i) => frame(seq * 60 + i));
          const sent = now();
          const res = await fetch(`${server.baseUrl}/api/atari/episodes/${id}/batches/${seq}`, {
            method: 'PUT',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ frames: batch }),
          });
          await res.arrayBuffer();
          if (res.status === 201) {
            latencies.push(now() - sent);
            frames += batch.length;
          } else failed++;
        }
      }),
    );
    return { framesPerS: frames / ((now() - t0) / 1000), p99: quantile(latencies, 0.99), failed };
  } finally {
    await server.close();
  }
}

async function main() {
  const emuFps = await emulationSpeed();
  const ingested = await ingest();
  console.log(
    `atari emu_fps=${round(emuFps, 0)} ingest_frames_per_s=${round(ingested.framesPerS, 0)} ingest_p99_ms=${round(ingested.p99, 1)} failed=${ingested.failed} demonstrators=${DEMONSTRATORS} minutes=${MINUTES}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
