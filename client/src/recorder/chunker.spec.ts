import { describe, expect, it } from 'vitest';

import { floatToInt16, mixToMono, PcmChunker, type PcmChunk } from './chunker';
import { LevelMeter, SILENCE_DB, toDbfs } from './level-meter';

const QUANTUM = 128;

/** Quantum `q` of a ramp whose sample n is n / 100000 (distinct values, easy to check). */
function rampQuantum(q: number, length = QUANTUM): Float32Array {
  return Float32Array.from({ length }, (_, i) => ((q * length + i) % 30000) / 100000);
}

function samplesOf(chunk: PcmChunk): number[] {
  const view = new DataView(chunk.pcm);
  return Array.from({ length: chunk.frames }, (_, i) => view.getInt16(i * 2, true));
}

describe('floatToInt16', () => {
  it('scales by 32768, rounds, and clamps to the Int16 range', () => {
    expect(floatToInt16(0)).toBe(0);
    expect(floatToInt16(0.5)).toBe(16384);
    expect(floatToInt16(-0.5)).toBe(-16384);
    expect(floatToInt16(-1)).toBe(-32768);
    expect(floatToInt16(1)).toBe(32767);
    expect(floatToInt16(1.7)).toBe(32767);
    expect(floatToInt16(-3)).toBe(-32768);
    expect(floatToInt16(Number.NaN)).toBe(0);
    expect(floatToInt16(100.4 / 32768)).toBe(100);
    expect(floatToInt16(100.6 / 32768)).toBe(101);
    expect(floatToInt16(-100.6 / 32768)).toBe(-101);
  });

  it('gives back 16-bit samples that went through a float32 pipeline (x / 32768) unchanged', () => {
    const values = [-32768, -32767, -12345, -1, 0, 1, 2, 12345, 32766, 32767];
    const floats = Float32Array.from(values, (v) => v / 32768);
    expect(Array.from(floats, floatToInt16)).toEqual(values);
  });
});

describe('mixToMono', () => {
  it('averages two channels', () => {
    const out = mixToMono(
      [Float32Array.of(1, 0.5, -1), Float32Array.of(0, 0.5, 0)],
      new Float32Array(3),
    );
    expect(Array.from(out)).toEqual([0.5, 0.5, -0.5]);
  });

  it('copies one channel and gives silence for none', () => {
    expect(Array.from(mixToMono([Float32Array.of(0.25, -0.25)], new Float32Array(2)))).toEqual([
      0.25, -0.25,
    ]);
    expect(Array.from(mixToMono([], Float32Array.of(9, 9)))).toEqual([0, 0]);
  });
});

describe('PcmChunker', () => {
  it('cuts chunks across quanta and places each first sample on the frame axis', () => {
    const chunker = new PcmChunker(300);
    const firstFrame = 5120; // The node started some quanta after the context.
    const chunks: PcmChunk[] = [];
    for (let q = 0; q < 7; q++) {
      chunks.push(...chunker.push(rampQuantum(q), firstFrame + q * QUANTUM));
    }
    // 7 quanta = 896 samples: two full chunks, 296 samples waiting.
    expect(
      chunks.map(({ startFrame, startSample, frames }) => ({ startFrame, startSample, frames })),
    ).toEqual([
      { startFrame: 5120, startSample: 0, frames: 300 },
      // Starts at offset 44 of the third quantum (frame 5120 + 256): 5376 + 44.
      { startFrame: 5420, startSample: 300, frames: 300 },
    ]);
    expect(chunker.pending).toBe(296);
    expect(chunks[0].pcm.byteLength).toBe(600);
    expect(samplesOf(chunks[0]).slice(0, 3)).toEqual([0, 0.00001, 0.00002].map(floatToInt16));
    // Sample 300 of the ramp opens the second chunk.
    expect(samplesOf(chunks[1])[0]).toBe(floatToInt16(300 / 100000));
  });

  it('emits a chunk per quantum when chunks are shorter than a quantum', () => {
    const chunker = new PcmChunker(100);
    const chunks = [...chunker.push(rampQuantum(0), 0), ...chunker.push(rampQuantum(1), 128)];
    expect(chunks.map((c) => [c.startFrame, c.startSample])).toEqual([
      [0, 0],
      [100, 100],
    ]);
    expect(chunker.pending).toBe(56);
  });

  it('flushes the partial chunk, then starts the next chunk at the next sample', () => {
    const chunker = new PcmChunker(44100);
    chunker.push(rampQuantum(0), 1000);
    chunker.push(rampQuantum(1), 1128);
    const partial = chunker.flush();
    expect(partial).toMatchObject({ startFrame: 1000, startSample: 0, frames: 256 });
    expect(partial!.pcm.byteLength).toBe(512);
    expect(samplesOf(partial!)[255]).toBe(floatToInt16(255 / 100000));
    expect(chunker.flush()).toBeNull();

    chunker.push(rampQuantum(2), 1256);
    expect(chunker.flush()).toMatchObject({ startFrame: 1256, startSample: 256, frames: 128 });
    expect(chunker.samples).toBe(384);
  });

  it('hands over buffers that later pushes do not overwrite', () => {
    const chunker = new PcmChunker(128);
    const [first] = chunker.push(new Float32Array(128).fill(0.5), 0);
    chunker.push(new Float32Array(128).fill(-0.5), 128);
    expect(new Set(samplesOf(first))).toEqual(new Set([16384]));
  });

  it('fills a jump of the frame counter with silence, keeping sample index = frame offset', () => {
    const chunker = new PcmChunker(1000);
    chunker.push(new Float32Array(128).fill(0.5), 2688);
    // 31 quanta (3968 frames) never reached the worklet.
    const chunks = chunker.push(new Float32Array(128).fill(0.25), 2816 + 3968);
    expect(chunker.filledFrames).toBe(3968);
    expect(chunker.samples).toBe(128 + 3968 + 128);
    expect(chunks.map((c) => [c.startFrame, c.startSample])).toEqual([
      [2688, 0],
      [3688, 1000],
      [4688, 2000],
      [5688, 3000],
    ]);
    expect(samplesOf(chunks[0]).slice(126, 130)).toEqual([16384, 16384, 0, 0]);
    const rest = chunker.flush()!;
    expect(rest).toMatchObject({ startFrame: 6688, startSample: 4000, frames: 224 });
    // The audio after the gap sits exactly where its frames say.
    expect(samplesOf(rest).slice(95, 98)).toEqual([0, 8192, 8192]);
    expect(rest.startFrame + 96).toBe(2816 + 3968);
  });

  it('cuts the chunk instead of filling a gap longer than the limit', () => {
    const chunker = new PcmChunker(1000, 500);
    chunker.push(rampQuantum(0), 0);
    const chunks = chunker.push(rampQuantum(1), 128 + 600);
    expect(chunks).toMatchObject([{ startFrame: 0, startSample: 0, frames: 128 }]);
    expect(chunker.skippedFrames).toBe(600);
    expect(chunker.flush()).toMatchObject({ startFrame: 728, startSample: 128, frames: 128 });
  });

  it('refuses a chunk length that is not a positive integer', () => {
    expect(() => new PcmChunker(0)).toThrow(RangeError);
    expect(() => new PcmChunker(12.5)).toThrow(RangeError);
  });
});

describe('LevelMeter', () => {
  it('reports peak and RMS in dBFS and counts clipped samples per window', () => {
    const meter = new LevelMeter(4);
    const readings = meter.push(Float32Array.of(0.5, -0.5, 0.5, -0.5, 1, -1, 0, 0), 64);
    expect(readings).toHaveLength(2);
    expect(readings[0]).toMatchObject({ startFrame: 64, frames: 4, clipped: 0 });
    expect(readings[0].peakDb).toBeCloseTo(-6.0206, 3);
    expect(readings[0].rmsDb).toBeCloseTo(-6.0206, 3);
    expect(readings[1]).toMatchObject({ startFrame: 68, clipped: 2, peakDb: 0 });
    expect(readings[1].rmsDb).toBeCloseTo(20 * Math.log10(Math.sqrt(0.5)), 6);
  });

  it('reports digital silence as SILENCE_DB, not -Infinity', () => {
    const [reading] = new LevelMeter(2).push(new Float32Array(2), 0);
    expect(reading.peakDb).toBe(SILENCE_DB);
    expect(reading.rmsDb).toBe(SILENCE_DB);
    expect(toDbfs(0)).toBe(SILENCE_DB);
  });
});
