import { describe, expect, it } from 'vitest';
import { endOfLocalDay, startOfLocalDay } from './dayBounds';

describe('day bounds of the episode date filters', () => {
  it('spans the whole local day', () => {
    const from = startOfLocalDay('2026-11-22')!;
    const until = endOfLocalDay('2026-11-22')!;
    expect(Date.parse(until) - Date.parse(from)).toBe(24 * 3600_000 - 1);
    const local = new Date(from);
    expect([local.getFullYear(), local.getMonth(), local.getDate(), local.getHours()]).toEqual([
      2026, 10, 22, 0,
    ]);
    expect(new Date(until).getDate()).toBe(22);
  });

  it('is no filter for an empty or partial value', () => {
    expect(startOfLocalDay('')).toBeNull();
    expect(endOfLocalDay('2026-11')).toBeNull();
  });
});
