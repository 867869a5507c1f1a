import { describe, expect, it } from 'vitest';

import { hoursText, utcDayText } from './statsText';

describe('hoursText', () => {
  it('shows few decimals, fewer for large numbers', () => {
    expect(hoursText(0)).toBe('0');
    expect(hoursText(Number.NaN)).toBe('0');
    expect(hoursText(0.75)).toBe('0.75');
    expect(hoursText(1 / 3)).toBe('0.33');
    expect(hoursText(12.345)).toBe('12.3');
    expect(hoursText(1234.5)).toBe('1,235');
  });
});

describe('utcDayText', () => {
  it("names the server's UTC day", () => {
    expect(utcDayText('2026-03-01T00:00:00.000Z')).toBe('Sunday 1 March 2026 (UTC)');
    expect(utcDayText('nope')).toBe('UTC day');
  });
});
