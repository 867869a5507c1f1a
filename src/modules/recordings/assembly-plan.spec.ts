import { describe, expect, it } from 'vitest';
import { planAssembly, type PlanChunk } from './assembly-plan.js';

const RATE = 8000;
const T0 = 1.7e12;

/** One segment of 1 s chunks; anchors on the nominal clock from `startMs`. */
function segment(
  seg: number,
  seqs: number[],
  firstSeq: number,
  startMs: number | null,
  count = RATE,
): PlanChunk[] {
  return seqs.map((seq) => {
    const local = (seq - firstSeq) * count;
    return {
      seq,
      segment: seg,
      startSample: local,
      sampleCount: count,
      anchorMs: startMs === null ? null : startMs + (local / RATE) * 1000,
    };
  });
}

describe('planAssembly', () => {
  it('lays out one complete segment without gaps, whatever the input order', () => {
    const chunks = segment(0, [3, 0, 2, 1], 0, T0);
    const plan = planAssembly(chunks, RATE);
    expect(plan.durationSamples).toBe(4 * RATE);
    expect(plan.gaps).toEqual([]);
    expect(plan.pieces.map((p) => (p.kind === 'chunk' ? p.chunk.seq : -1))).toEqual([0, 1, 2, 3]);
    expect(plan.pieces.map((p) => p.trackStart)).toEqual([0, RATE, 2 * RATE, 3 * RATE]);
    expect(plan.anchors).toHaveLength(4);
    expect(plan.warnings).toEqual([]);
  });

  it('fills a missing chunk with silence of exactly its length and names its seq', () => {
    const plan = planAssembly(segment(0, [0, 1, 3, 4], 0, T0), RATE);
    expect(plan.durationSamples).toBe(5 * RATE);
    expect(plan.gaps).toEqual([
      { startSample: 2 * RATE, samples: RATE, reason: 'missing-chunks', seq: 2 },
    ]);
    const silence = plan.pieces.find((p) => p.kind === 'silence');
    expect(silence).toEqual({ kind: 'silence', trackStart: 2 * RATE, samples: RATE });
  });

  it('keeps the track origin when the first chunks are missing', () => {
    const plan = planAssembly(segment(0, [2, 3], 0, T0), RATE);
    expect(plan.gaps).toEqual([
      { startSample: 0, samples: 2 * RATE, reason: 'missing-chunks', seq: 0 },
    ]);
    expect(plan.durationSamples).toBe(4 * RATE);
  });

  it('records a sample gap between consecutive seqs without a seq', () => {
    const chunks: PlanChunk[] = [
      { seq: 0, segment: 0, startSample: 0, sampleCount: 100, anchorMs: null },
      { seq: 1, segment: 0, startSample: 150, sampleCount: 100, anchorMs: null },
    ];
    expect(planAssembly(chunks, RATE).gaps).toEqual([
      { startSample: 100, samples: 50, reason: 'missing-chunks' },
    ]);
  });

  it('places a later segment by its anchors, with the pause as a between-segments gap', () => {
    // Segment 0: 3 s from T0. A reload; segment 1 starts 2.5 s after segment 0 ended.
    const seg1Start = T0 + 3000 + 2500;
    const chunks = [...segment(0, [0, 1, 2], 0, T0), ...segment(1, [3, 4], 3, seg1Start)];
    const plan = planAssembly(chunks, RATE);
    expect(plan.segments).toEqual([
      { segment: 0, trackStart: 0, placedBy: 'origin' },
      { segment: 1, trackStart: 5.5 * RATE, placedBy: 'anchor' },
    ]);
    expect(plan.gaps).toEqual([
      { startSample: 3 * RATE, samples: 2.5 * RATE, reason: 'between-segments', segment: 1 },
    ]);
    expect(plan.durationSamples).toBe(7.5 * RATE);
  });

  it('places a segment whose first chunks are lost by a later anchored chunk', () => {
    const seg1Start = T0 + 3000 + 1000;
    const seg1 = segment(1, [3, 4, 5], 3, seg1Start).map((c, i) => ({
      ...c,
      anchorMs: i < 2 ? null : c.anchorMs,
    }));
    const plan = planAssembly([...segment(0, [0, 1, 2], 0, T0), ...seg1.slice(1)], RATE);
    expect(plan.segments[1]).toEqual({ segment: 1, trackStart: 4 * RATE, placedBy: 'anchor' });
    expect(plan.gaps).toEqual([
      { startSample: 3 * RATE, samples: RATE, reason: 'between-segments', segment: 1 },
      { startSample: 4 * RATE, samples: RATE, reason: 'missing-chunks', seq: 3 },
    ]);
  });

  it('clamps a segment that its anchors would place before the previous one ends', () => {
    const chunks = [...segment(0, [0, 1, 2], 0, T0), ...segment(1, [3], 3, T0 + 2000)];
    const plan = planAssembly(chunks, RATE);
    expect(plan.segments[1]).toEqual({
      segment: 1,
      trackStart: 3 * RATE,
      placedBy: 'anchor',
      clampedFrom: 2 * RATE,
    });
    expect(plan.gaps).toEqual([]);
    expect(plan.warnings[0]).toMatch(/segment 1: .*clamped to 24000 \(1000\.0 ms later\)/);
  });

  it('places a segment without anchors right after the previous one, with a warning', () => {
    const chunks = [...segment(0, [0, 1], 0, T0), ...segment(1, [2, 3], 2, null)];
    const plan = planAssembly(chunks, RATE);
    expect(plan.segments[1]).toMatchObject({ trackStart: 2 * RATE, placedBy: 'continuity' });
    expect(plan.durationSamples).toBe(4 * RATE);
    expect(plan.anchors).toHaveLength(2);
    expect(plan.warnings[0]).toMatch(/segment 1: no chunk has a clock anchor/);
  });

  it('uses the drift of the earlier segments when placing a later one', () => {
    const msPerSample = 1000 / (RATE * (1 + 500e-6)); // audio clock 500 ppm fast
    const seg0 = Array.from({ length: 60 }, (_, i) => ({
      seq: i,
      segment: 0,
      startSample: i * RATE,
      sampleCount: RATE,
      anchorMs: T0 + i * RATE * msPerSample,
    }));
    const end0 = 60 * RATE;
    const seg1Ms = T0 + (end0 + 10 * RATE) * msPerSample; // 10 s of audio-clock later
    const plan = planAssembly(
      [...seg0, { seq: 60, segment: 1, startSample: 0, sampleCount: RATE, anchorMs: seg1Ms }],
      RATE,
    );
    expect(plan.segments[1].trackStart).toBe(end0 + 10 * RATE);
  });

  it('refuses overlapping chunks and handles an empty track', () => {
    const bad: PlanChunk[] = [
      { seq: 0, segment: 0, startSample: 0, sampleCount: 100, anchorMs: null },
      { seq: 1, segment: 0, startSample: 50, sampleCount: 100, anchorMs: null },
    ];
    expect(() => planAssembly(bad, RATE)).toThrow(/seq 1 .* overlaps/);
    expect(planAssembly([], RATE)).toMatchObject({ durationSamples: 0, pieces: [], gaps: [] });
  });

  describe('audio dropouts', () => {
    /** Ten 1 s chunks whose anchors are late by `lateMs(seq)` against the nominal clock. */
    const withLateness = (lateMs: (seq: number) => number): PlanChunk[] =>
      segment(0, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 0, T0).map((c) => ({
        ...c,
        anchorMs: c.anchorMs! + lateMs(c.seq),
      }));

    it('puts the time a starved audio thread lost back as logged silence', () => {
      const plan = planAssembly(
        withLateness((seq) => (seq >= 5 ? 200 : 0)),
        RATE,
      );
      const lost = 0.2 * RATE;
      expect(plan.gaps).toEqual([
        { startSample: 5 * RATE, samples: lost, reason: 'audio-dropout', seq: 5, segment: 0 },
      ]);
      expect(plan.durationSamples).toBe(10 * RATE + lost);
      const starts = plan.pieces.filter((p) => p.kind === 'chunk').map((p) => p.trackStart);
      expect(starts[4]).toBe(4 * RATE);
      expect(starts[5]).toBe(5 * RATE + lost);
      // Every anchor now lies on one line: sample / RATE seconds after T0.
      for (const a of plan.anchors)
        expect(a.serverMs - T0).toBeCloseTo((a.sample / RATE) * 1000, 6);
      expect(plan.warnings.join()).toMatch(/audio dropout of 200\.0 ms before chunk 5/);
    });

    it('follows an audio clock that keeps slipping', () => {
      const plan = planAssembly(
        withLateness((seq) => 30 * seq),
        RATE,
      );
      // Chunks 1-8 each come 30 ms late; the last has no successor to confirm it.
      expect(plan.gaps.map((g) => g.reason)).toEqual(Array(8).fill('audio-dropout'));
      expect(plan.gaps.every((g) => g.samples === 0.03 * RATE)).toBe(true);
    });

    it('ignores a single noisy anchor and jitter below the threshold', () => {
      const spike = planAssembly(
        withLateness((seq) => (seq === 5 ? 40 : 0)),
        RATE,
      );
      expect(spike.gaps).toEqual([]);
      const jitter = planAssembly(
        withLateness((seq) => (seq % 2 ? 8 : -8)),
        RATE,
      );
      expect(jitter.gaps).toEqual([]);
      expect(jitter.durationSamples).toBe(10 * RATE);
    });

    it('orders a missing chunk before the dropout that follows it', () => {
      const chunks = withLateness((seq) => (seq >= 5 ? 100 : 0)).filter((c) => c.seq !== 4);
      const plan = planAssembly(chunks, RATE);
      expect(plan.gaps).toEqual([
        { startSample: 4 * RATE, samples: RATE, reason: 'missing-chunks', seq: 4 },
        { startSample: 5 * RATE, samples: 0.1 * RATE, reason: 'audio-dropout', seq: 5, segment: 0 },
      ]);
      const starts = plan.pieces.map((p) => p.trackStart);
      expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    });
  });
});
