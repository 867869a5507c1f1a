/**
 * `npm run bench:ingest`: many recording tracks uploading ~1 s chunks of 48 kHz mono 16-bit audio
 * at real-time pace against the running API (its own process), measuring the time from sending a
 * chunk to its acknowledgement, then checking on the server that every acknowledged chunk is there.
 *
 *   BENCH_TRACKS (default 200) · BENCH_SECONDS (default 60, timed) · BENCH_RATE (default 48000)
 *   BENCH_WARMUP_SECONDS (default 5): seconds uploaded before the timed ones, checked but not timed
 *
 * Ends with: `ingest tracks=… chunks=… p50_ms=… p99_ms=… max_ms=… lost=…`
 * (latency: from the first send to the acknowledgement, retries included; retries: failed attempts,
 * retried like the browser's uploader does; lost: chunks never acknowledged after 5 retries, plus
 * chunks acknowledged but missing on the server).
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import type { ChunkAck, RecordingTrackView } from '../src/games/common/recording.js';
import { apiCall, createBenchStudy, quantile, round, startBenchServer } from './support/server.js';

const TRACKS = Number(process.env.BENCH_TRACKS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const RATE = Number(process.env.BENCH_RATE ?? 48000);
/** The first seconds warm the API up (JIT, connection pools): uploaded and checked, not timed. */
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const MAX_RETRIES = 5;

/**
 * Sixteen different seconds of a 220 Hz tone with a little noise, made once: real-looking PCM,
 * and no per-chunk synthesis competing with the API for the machine's two cores.
 */
const SECONDS_OF_AUDIO = Array.from({ length: 16 }, (_, k) => {
  const buf = Buffer.alloc(RATE * 2);
  for (let i = 0; i < RATE; i++) {
    const t = (k * RATE + i) / RATE;
    const v = 0.3 * Math.sin(2 * Math.PI * 220 * t) + 0.01 * Math.sin(i * 12.9898 + k);
    buf.writeInt16LE(Math.round(v * 32767), i * 2);
  }
  return buf;
});
const chunkBytes = (seed: number, seq: number) => SECONDS_OF_AUDIO[(seed + seq) % 16];

/** One keep-alive connection per simulated browser (node:http costs less CPU than fetch). */
const agent = new Agent({ keepAlive: true, maxSockets: TRACKS * 2 });

function put(url: string, token: string, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'PUT',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/octet-stream',
          'content-length': body.length,
        },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString() }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function main() {
  const server = await startBenchServer();
  try {
    const study = await createBenchStudy(server.baseUrl, TRACKS);
    const participants = [...study.tokens.entries()];
    const tracks = participants.map(([participantId, token], i) => ({
      participantId,
      token,
      trackId: randomUUID(),
      clockId: randomUUID(),
      seed: i,
    }));
    for (const t of tracks)
      await apiCall(
        server.baseUrl,
        'PUT',
        `/recordings/${t.trackId}`,
        { kind: 'mic', sampleRate: RATE, channels: 1, label: 'bench' },
        t.token,
      );

    const latencies: number[] = [];
    let warmupAcked = 0;
    const timeline: [number, number][] = [];
    let sent = 0;
    let failed = 0;
    let retries = 0;
    const failures = new Map<string, number>();
    const start = performance.now() + 500;

    const runTrack = async (t: (typeof tracks)[number]) => {
      // Spread the tracks over the first second, as real participants would not start together.
      const phase = (t.seed / TRACKS) * 1000;
      for (let seq = 0; seq < WARMUP + SECONDS; seq++) {
        const due = start + phase + seq * 1000;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const body = chunkBytes(t.seed, seq);
        const query = new URLSearchParams({
          segment: '0',
          startSample: String(seq * RATE),
          sampleRate: String(RATE),
          contextTime: String(seq),
          captureMs: String(due),
          clockId: t.clockId,
        });
        sent++;
        const t0 = performance.now();
        const url = `${server.baseUrl}/api/recordings/${t.trackId}/chunks/${seq}?${query.toString()}`;
        // As the browser's uploader: a failed upload is retried (the chunk waits in IndexedDB), so
        // a failure costs latency, not data; `lost` counts chunks still unacknowledged after that.
        let acked = false;
        for (let attempt = 0; attempt <= MAX_RETRIES && !acked; attempt++) {
          if (attempt > 0) {
            retries++;
            await new Promise((r) => setTimeout(r, 500 * attempt));
          }
          try {
            const res = await put(url, t.token, body);
            acked =
              (res.status === 201 || res.status === 200) &&
              (JSON.parse(res.text) as ChunkAck).seq === seq;
            if (!acked) {
              const key = `${res.status} ${res.text.slice(0, 120)}`;
              failures.set(key, (failures.get(key) ?? 0) + 1);
            }
          } catch (err) {
            const key = String(err);
            failures.set(key, (failures.get(key) ?? 0) + 1);
          }
        }
        if (!acked) failed++;
        else if (seq >= WARMUP) {
          latencies.push(performance.now() - t0);
          timeline.push([seq - WARMUP, performance.now() - t0]);
        } else warmupAcked++;
      }
    };
    await Promise.all(tracks.map(runTrack));

    // What the server holds: every acknowledged chunk must be there.
    let stored = 0;
    for (const t of tracks) {
      const view = await apiCall<RecordingTrackView>(
        server.baseUrl,
        'GET',
        `/recordings/${t.trackId}`,
        undefined,
        t.token,
      );
      stored += view.receivedChunks;
    }
    const acked = latencies.length + warmupAcked;
    const lost = failed + Math.max(0, acked - stored);
    if (process.env.BENCH_VERBOSE) {
      for (let sec = 0; sec < SECONDS; sec++) {
        const xs = timeline.filter(([s]) => s === sec).map(([, l]) => l);
        process.stderr.write(
          `second ${sec}: p50 ${round(quantile(xs, 0.5))} p99 ${round(quantile(xs, 0.99))} max ${round(Math.max(...xs))}\n`,
        );
      }
    }
    for (const [reason, n] of failures) process.stderr.write(`attempt failed ${n}x: ${reason}\n`);
    console.log(
      `ingest tracks=${TRACKS} chunks=${sent} acked=${acked} stored=${stored} warmup_s=${WARMUP} ` +
        `p50_ms=${round(quantile(latencies, 0.5))} p99_ms=${round(quantile(latencies, 0.99))} ` +
        `max_ms=${round(Math.max(...latencies))} retries=${retries} lost=${lost}`,
    );
  } finally {
    await server.close();
  }
}

await main();
