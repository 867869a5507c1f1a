import { describe, expect, it } from 'vitest';

import {
  audioSecondsAt,
  basePlaybackRate,
  MAX_NUDGE,
  nominalPlacement,
  readWavInfo,
  SEEK_THRESHOLD_S,
  serverMsAt,
  syncCommand,
  type SyncInput,
  trackSpan,
} from './audio';
import type { TrackPlacement } from './model';

const fast: TrackPlacement = {
  interceptMs: 10_000,
  msPerSample: (1000 / 48_000) * 0.999,
  sampleRate: 48_000,
};

describe('placement maths', () => {
  it('maps server time to WAV time by the stored mapping', () => {
    expect(audioSecondsAt(fast, 10_000)).toBe(0);
    // Sample 48,000 (1 s of WAV) was recorded 999 ms after sample 0 on the server clock.
    expect(audioSecondsAt(fast, 10_999)).toBeCloseTo(1, 9);
    expect(audioSecondsAt(fast, 9_000)).toBeLessThan(0);
    expect(serverMsAt(fast, audioSecondsAt(fast, 12_345.6))).toBeCloseTo(12_345.6, 6);
  });

  it('gives the span and the rate that keep a track on the server clock', () => {
    expect(trackSpan(fast, 10)).toEqual({ startMs: 10_000, endMs: 10_000 + 9990 });
    expect(basePlaybackRate(fast, 1)).toBeCloseTo(1 / 0.999, 9);
    expect(basePlaybackRate(nominalPlacement(0, 16_000), 2)).toBeCloseTo(2, 12);
  });
});

describe('syncCommand', () => {
  const nominal = nominalPlacement(1000, 16_000);
  const base: SyncInput = {
    placement: nominal,
    durationS: 10,
    timeMs: 3000,
    playing: true,
    speed: 1,
    elementSeconds: 2,
    elementPlaying: true,
  };

  it('keeps the element silent before and after the track, and while paused', () => {
    expect(syncCommand({ ...base, timeMs: 500 })).toEqual({ kind: 'stop', seconds: 0 });
    expect(syncCommand({ ...base, timeMs: 20_000 })).toEqual({ kind: 'stop', seconds: 10 });
    expect(syncCommand({ ...base, playing: false })).toEqual({ kind: 'stop', seconds: 2 });
  });

  it('starts a paused element where the clock is', () => {
    expect(syncCommand({ ...base, elementPlaying: false, elementSeconds: 0 })).toEqual({
      kind: 'seek',
      seconds: 2,
      playbackRate: 1,
    });
  });

  it('seeks on a large error and nudges the rate on a small one', () => {
    expect(syncCommand({ ...base, elementSeconds: 2 + SEEK_THRESHOLD_S + 0.01 })).toMatchObject({
      kind: 'seek',
      seconds: 2,
    });
    const ahead = syncCommand({ ...base, elementSeconds: 2.05 });
    expect(ahead.kind).toBe('rate');
    if (ahead.kind === 'rate') expect(ahead.playbackRate).toBeLessThan(1);
    const behind = syncCommand({ ...base, elementSeconds: 1.8 });
    if (behind.kind !== 'rate') throw new Error('expected a rate nudge');
    expect(behind.playbackRate).toBeCloseTo(1 + MAX_NUDGE, 9);
    expect(syncCommand({ ...base, elementSeconds: 2.005 })).toEqual({
      kind: 'rate',
      playbackRate: 1,
    });
  });

  it('plays at the viewer speed times the track clock rate', () => {
    const command = syncCommand({
      ...base,
      placement: fast,
      speed: 0.5,
      timeMs: 11_000,
      elementSeconds: audioSecondsAt(fast, 11_000),
    });
    expect(command).toEqual({ kind: 'rate', playbackRate: basePlaybackRate(fast, 0.5) });
  });
});

/** A WAV: `chunks` between fmt and data, `samples` 16-bit mono samples, a given data size. */
function wav(samples: number, opts: { rate?: number; extra?: boolean; dataSize?: number } = {}) {
  const rate = opts.rate ?? 16_000;
  const extra = opts.extra ? 8 + 4 : 0;
  const bytes = new ArrayBuffer(44 + extra + samples * 2);
  const v = new DataView(bytes);
  const text = (at: number, s: string) =>
    [...s].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  v.setUint32(4, bytes.byteLength - 8, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, rate, true);
  v.setUint32(28, rate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  let at = 36;
  if (opts.extra) {
    text(at, 'LIST');
    v.setUint32(at + 4, 4, true);
    at += 12;
  }
  text(at, 'data');
  v.setUint32(at + 4, opts.dataSize ?? samples * 2, true);
  return bytes;
}

describe('readWavInfo', () => {
  it('reads rate, channels and length, past other chunks', () => {
    expect(readWavInfo(wav(32_000, { extra: true }))).toEqual({
      sampleRate: 16_000,
      channels: 1,
      bitsPerSample: 16,
      frames: 32_000,
      durationS: 2,
    });
  });

  it('counts the bytes present when the header claims more (and from the file size)', () => {
    expect(readWavInfo(wav(1600, { dataSize: 0xffffffff })).frames).toBe(1600);
    const head = wav(16_000).slice(0, 44);
    expect(readWavInfo(head, 44 + 32_000).durationS).toBe(1);
  });

  it('refuses what is not a WAV', () => {
    expect(() => readWavInfo(new TextEncoder().encode('{"log": {}}').buffer)).toThrow(/not a WAV/);
    expect(() => readWavInfo(wav(10).slice(0, 36))).toThrow(/no data chunk/);
  });
});
