import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RecordingTrackView } from '../../src/games/common/recording.js';
import { chunksFolder } from '../../src/modules/recordings/recording-keys.js';
import { parseWavHeader } from '../../src/modules/recordings/wav.js';
import { StorageService } from '../../src/modules/storage/storage.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { seededRandom, simulatePings, type SimulatedClock } from '../support/clock-sim.js';
import {
  createTrack,
  downloadWav,
  postClockSamples,
  putChunk,
  setupRecordingStudy,
  simulateSegment,
  type RecordingStudy,
  type SimChunk,
} from '../support/recording-fixture.js';

/** Fisher–Yates with a seeded RNG. */
function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A client's page-load clock: perf time ≈ server time − 1.23e12 − 4567.8 ms, drifting a little. */
function pageClock(startServerMs: number, offsetMs = 1.23e12 + 4567.8, driftPpm = 12) {
  return { offsetMs, driftPpm, refClientMs: startServerMs - offsetMs } satisfies SimulatedClock;
}

describe('recording assembly (local storage)', () => {
  let t: TestApp;
  let s: RecordingStudy;

  beforeAll(async () => {
    t = await startTestApp();
    s = await setupRecordingStudy(t, 'rec-assembly');
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await t?.close();
  });

  async function record(
    rate: number,
    chunks: SimChunk[],
    order: SimChunk[] = chunks,
  ): Promise<string> {
    const created = await createTrack(s.p.T0001, {
      kind: 'mic',
      sampleRate: rate,
      channels: 1,
      sessionId: s.sessionId,
    });
    expect(created.status).toBe(201);
    for (const c of order) {
      const res = await putChunk(s.p.T0001, created.trackId, c.seq, c.query, c.bytes);
      expect([200, 201]).toContain(res.status);
    }
    return created.trackId;
  }

  async function finalize(trackId: string): Promise<RecordingTrackView> {
    const res = await s.p.T0001.api.post<RecordingTrackView>(`/recordings/${trackId}/finalize`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('finalized');
    return res.body;
  }

  it('assembles shuffled, repeated uploads into a WAV of exactly the uploaded PCM', async () => {
    const rate = 16000;
    const startMs = Date.now() - 60_000;
    const clockId = randomUUID();
    const chunks = simulateSegment(rate, {
      segment: 0,
      firstSeq: 0,
      chunks: 12,
      chunkSamples: rate / 2,
      startServerMs: startMs,
      clockId,
      clock: pageClock(startMs),
    });
    const random = seededRandom(3);
    const order = shuffle([...chunks, ...shuffle(chunks, random).slice(0, 4)], random);
    const trackId = await record(rate, chunks, order);
    const v = await finalize(trackId);
    expect(v).toMatchObject({ durationSamples: 12 * (rate / 2), gaps: [], receivedChunks: 12 });
    const wav = await downloadWav(t, s.admin, trackId);
    expect(parseWavHeader(wav)).toEqual({
      sampleRate: rate,
      channels: 1,
      bitsPerSample: 16,
      dataBytes: 12 * rate,
    });
    expect(wav.length).toBe(44 + 12 * rate);
    expect(wav.subarray(44).equals(Buffer.concat(chunks.map((c) => c.bytes)))).toBe(true);
    // The chunk files went into the WAV and are gone; their rows stay.
    expect(await t.app.get(StorageService).list(chunksFolder(v))).toEqual([]);
  });

  it('fills a missing chunk with silence of exactly its length and lists the gap', async () => {
    const rate = 8000;
    const startMs = Date.now() - 60_000;
    const chunks = simulateSegment(rate, {
      segment: 0,
      firstSeq: 0,
      chunks: 6,
      chunkSamples: 4000,
      startServerMs: startMs,
      clockId: randomUUID(),
      clock: pageClock(startMs),
    });
    const trackId = await record(
      rate,
      chunks,
      chunks.filter((c) => c.seq !== 3),
    );
    const v = await finalize(trackId);
    expect(v.durationSamples).toBe(6 * 4000);
    expect(v.gaps).toEqual([
      { startSample: 3 * 4000, samples: 4000, reason: 'missing-chunks', seq: 3 },
    ]);
    const data = (await downloadWav(t, s.admin, trackId)).subarray(44);
    const expected = Buffer.concat(
      chunks.map((c) => (c.seq === 3 ? Buffer.alloc(c.bytes.length) : c.bytes)),
    );
    expect(data.equals(expected)).toBe(true);
  });

  it('places a second segment (a reload) by its clock anchors, with a logged gap', async () => {
    const rate = 16000;
    const startMs = Date.now() - 120_000;
    const clockA = pageClock(startMs);
    // The reload: a new page, a new perf timebase, 2.5 s after segment 0's last sample.
    const start1 = startMs + 5000 + 2500;
    const clockB = pageClock(start1, 1.23e12 + 9876.5, -20);
    const idA = randomUUID();
    const idB = randomUUID();
    const seg0 = simulateSegment(rate, {
      segment: 0,
      firstSeq: 0,
      chunks: 5,
      chunkSamples: rate,
      startServerMs: startMs,
      clockId: idA,
      clock: clockA,
    });
    const seg1 = simulateSegment(rate, {
      segment: 1,
      firstSeq: 5,
      chunks: 4,
      chunkSamples: rate,
      startServerMs: start1,
      clockId: idB,
      clock: clockB,
    });
    const rnd = seededRandom(11);
    const pings = (clock: SimulatedClock, fromMs: number) =>
      simulatePings(
        clock,
        {
          startClientMs: fromMs - clock.offsetMs - 2000,
          bursts: 3,
          burstEveryMs: 4000,
          pingsPerBurst: 5,
        },
        rnd,
      );
    await postClockSamples(s.p.T0001, idA, pings(clockA, startMs));
    await postClockSamples(s.p.T0001, idB, pings(clockB, start1));
    const warn = vi.spyOn(Logger.prototype, 'warn');
    const trackId = await record(rate, [...seg0, ...seg1], shuffle([...seg0, ...seg1], rnd));
    const v = await finalize(trackId);
    const gap = v.gaps![0];
    expect(v.gaps).toHaveLength(1);
    expect(gap).toMatchObject({ startSample: 5 * rate, reason: 'between-segments', segment: 1 });
    expect(Math.abs(gap.samples - 2.5 * rate)).toBeLessThanOrEqual(rate / 1000); // ±1 ms
    expect(v.durationSamples).toBe(5 * rate + gap.samples + 4 * rate);
    expect(
      warn.mock.calls.some(([m]) =>
        String(m).includes(`${gap.samples} samples) at track sample ${5 * rate}`),
      ),
    ).toBe(true);
    warn.mockRestore();
    const data = (await downloadWav(t, s.admin, trackId)).subarray(44);
    const seg1At = (5 * rate + gap.samples) * 2;
    expect(data.subarray(0, 5 * rate * 2).equals(Buffer.concat(seg0.map((c) => c.bytes)))).toBe(
      true,
    );
    expect(data.subarray(5 * rate * 2, seg1At).every((b) => b === 0)).toBe(true);
    expect(data.subarray(seg1At).equals(Buffer.concat(seg1.map((c) => c.bytes)))).toBe(true);
    expect(v.mapping!.clocks!.map((c) => c.kind)).toEqual(['constant', 'constant']);
  });

  it('recovers a clock offset and a +80 ppm audio clock to within 1 ms', async () => {
    const rate = 48000;
    const audioPpm = 80;
    const startMs = Date.now() - 200_000;
    const clock = pageClock(startMs); // perf = server − 1.23e12 − 4567.8 ms, 12 ppm slow
    const clockId = randomUUID();
    const rnd = seededRandom(2024);
    // Pings every 10 s from 20 s before to 20 s after the minute of audio; two slow bursts.
    const samples = simulatePings(
      clock,
      {
        startClientMs: startMs - clock.offsetMs - 20_000,
        bursts: 11,
        burstEveryMs: 10_000,
        pingsPerBurst: 6,
        outlierBursts: [2, 6],
        outlierDelayMs: 90,
      },
      rnd,
    );
    await postClockSamples(s.p.T0001, clockId, samples);
    const chunks = simulateSegment(rate, {
      segment: 0,
      firstSeq: 0,
      chunks: 60,
      chunkSamples: rate,
      startServerMs: startMs,
      clockId,
      clock,
      audioPpm,
      jitterMs: 0.25,
      random: rnd,
    });
    const trackId = await record(rate, chunks);
    const m = (await finalize(trackId)).mapping!;
    const msPerSample = 1000 / (rate * (1 + audioPpm * 1e-6));
    for (const n of [0, 30 * rate, 60 * rate]) {
      const predicted = m.interceptMs + m.msPerSample * n;
      expect(Math.abs(predicted - (startMs + n * msPerSample)), `sample ${n}`).toBeLessThan(1);
    }
    expect(Math.abs(m.driftPpm - audioPpm)).toBeLessThan(5);
    expect(m.anchors).toBe(60);
    expect(m.rmsResidualMs).toBeLessThan(0.5);
    expect(m.clockSamples).toBeGreaterThanOrEqual(5);
    expect(m.minRttMs).toBeGreaterThan(0);
    expect(m.clocks).toEqual([
      expect.objectContaining({ clockId, kind: 'linear', chunks: 60, samples: 66, bursts: 11 }),
    ]);
    expect(m.clocks![0].burstsUsed).toBeLessThanOrEqual(9);
  });
});
