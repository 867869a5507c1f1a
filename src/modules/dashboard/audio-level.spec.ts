import { describe, expect, it } from 'vitest';
import { SILENCE_DB } from '../../games/common/dashboard-events.js';
import { pcm16Level, toDbfs } from './audio-level.js';

const pcm = (samples: number[]): Uint8Array => {
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  samples.forEach((s, i) => view.setInt16(i * 2, s, true));
  return bytes;
};

describe('pcm16Level', () => {
  it('is silence for no samples and for zeros', () => {
    expect(pcm16Level(new Uint8Array(0))).toEqual({ rmsDb: SILENCE_DB, peakDb: SILENCE_DB });
    expect(pcm16Level(new Uint8Array(1))).toEqual({ rmsDb: SILENCE_DB, peakDb: SILENCE_DB });
    expect(pcm16Level(pcm([0, 0, 0]))).toEqual({ rmsDb: SILENCE_DB, peakDb: SILENCE_DB });
  });

  it('measures a full-scale square wave at 0 dB and a half-scale one at -6 dB', () => {
    expect(pcm16Level(pcm([-32768, 32767, -32768, 32767]))).toEqual({
      rmsDb: expect.closeTo(0, 3) as number,
      peakDb: 0,
    });
    const half = pcm16Level(pcm([16384, -16384, 16384, -16384]));
    expect(half.rmsDb).toBeCloseTo(-6.02, 2);
    expect(half.peakDb).toBeCloseTo(-6.02, 2);
  });

  it('puts the RMS of a sine 3 dB under its peak', () => {
    const sine = Array.from({ length: 4800 }, (_, i) =>
      Math.round(Math.sin((2 * Math.PI * 440 * i) / 48000) * 16384),
    );
    const level = pcm16Level(pcm(sine));
    expect(level.peakDb - level.rmsDb).toBeCloseTo(3.01, 1);
  });

  it('reads a chunk that starts inside a larger buffer', () => {
    const whole = pcm([0, 16384, -16384]);
    expect(pcm16Level(whole.subarray(2)).rmsDb).toBeCloseTo(-6.02, 2);
  });
});

describe('toDbfs', () => {
  it('floors at silence and tops at 0 dB', () => {
    expect(toDbfs(0)).toBe(SILENCE_DB);
    expect(toDbfs(Number.NaN)).toBe(SILENCE_DB);
    expect(toDbfs(1e-9)).toBe(SILENCE_DB);
    expect(toDbfs(2)).toBe(0);
    expect(toDbfs(0.1)).toBeCloseTo(-20, 6);
  });
});
