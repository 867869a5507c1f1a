import { describe, expect, it } from 'vitest';
import { checkParticipantId, expandRange, MAX_RANGE } from './participant-id.js';

const PATTERN = '^[TWD]\\d{4,6}$';

describe('checkParticipantId', () => {
  it.each([
    ['T0001', 'teacher'],
    [' w0012 ', 'wizard'],
    ['D123456', 'demonstrator'],
  ])('accepts %s as %s', (raw, role) => {
    expect(checkParticipantId(raw, PATTERN)).toEqual({
      ok: true,
      id: raw.trim().toUpperCase(),
      role,
    });
  });

  it.each(['X0001', 'T01', 'T0000001', '', 'T00a1'])('rejects %j', (raw) => {
    const r = checkParticipantId(raw, PATTERN);
    expect(r.ok).toBe(false);
  });

  it('rejects a prefix the pattern allows but no role has', () => {
    const r = checkParticipantId('P0001', '^[A-Z]\\d{4}$');
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('must start with T') });
  });
});

describe('expandRange', () => {
  it('expands a range keeping the padding', () => {
    const ids = expandRange('T0001-T0040');
    expect(ids).toHaveLength(40);
    expect(ids[0]).toBe('T0001');
    expect(ids[39]).toBe('T0040');
  });

  it('accepts a short right end, lower case and a single ID', () => {
    expect(expandRange('w0009-0011')).toEqual(['W0009', 'W0010', 'W0011']);
    expect(expandRange('D0005')).toEqual(['D0005']);
  });

  it.each([
    ['T0010-T0001', /ends before/],
    ['T0001-W0003', /same prefix/],
    ['garbage', /not a range/],
    [`T0001-T${String(MAX_RANGE + 1).padStart(4, '0')}`, /at most/],
  ])('rejects %s', (range, msg) => {
    expect(() => expandRange(range)).toThrow(msg);
  });
});
