import { describe, expect, it } from 'vitest';
import { levelPercent, renderPercent } from './dashboard-events.js';
import { subscribeSchema } from './dashboard-schemas.js';
import { parsePayload } from './robotaxi-events.js';

describe('renderPercent', () => {
  it('is 0 until the total is known, then the share of frames written, rounded down', () => {
    expect(renderPercent({ status: 'queued', framesWritten: 0, framesTotal: null })).toBe(0);
    expect(renderPercent({ status: 'rendering', framesWritten: 5, framesTotal: 0 })).toBe(0);
    expect(renderPercent({ status: 'rendering', framesWritten: 1, framesTotal: 3 })).toBe(33);
    expect(renderPercent({ status: 'rendering', framesWritten: 199, framesTotal: 200 })).toBe(99);
    expect(renderPercent({ status: 'rendering', framesWritten: 200, framesTotal: 200 })).toBe(100);
  });

  it('is 100 for a completed render and stays within 0..100', () => {
    expect(renderPercent({ status: 'completed', framesWritten: 0, framesTotal: null })).toBe(100);
    expect(renderPercent({ status: 'failed', framesWritten: 12, framesTotal: 10 })).toBe(100);
    expect(renderPercent({ status: 'failed', framesWritten: -1, framesTotal: 10 })).toBe(0);
  });
});

describe('subscribeSchema', () => {
  it('takes a study uuid and names the bad field otherwise', () => {
    const id = '11111111-1111-4111-8111-111111111111';
    expect(parsePayload(subscribeSchema, { studyId: id })).toEqual({
      ok: true,
      value: { studyId: id },
    });
    const bad = parsePayload(subscribeSchema, { studyId: 'nope' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.field)).toEqual(['studyId']);
    const extra = parsePayload(subscribeSchema, { studyId: id, all: true });
    expect(extra.ok).toBe(false);
    expect(parsePayload(subscribeSchema, undefined).ok).toBe(false);
  });
});

describe('levelPercent', () => {
  const level = (rmsDb: number, atMs = 1_000) => ({
    rmsDb,
    peakDb: 0,
    atMs,
    source: 'page' as const,
  });

  it('fills from -60 dB to 0 dB and is empty for no level or a stale one', () => {
    expect(levelPercent(null, 1_000)).toBe(0);
    expect(levelPercent(level(-120), 1_000)).toBe(0);
    expect(levelPercent(level(-60), 1_000)).toBe(0);
    expect(levelPercent(level(-30), 1_000)).toBe(50);
    expect(levelPercent(level(0), 1_000)).toBe(100);
    expect(levelPercent(level(3), 1_000)).toBe(100);
    expect(levelPercent(level(-30, 1_000), 6_000)).toBe(50);
    expect(levelPercent(level(-30, 1_000), 6_001)).toBe(0);
  });
});
