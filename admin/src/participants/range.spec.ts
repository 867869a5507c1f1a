import { describe, expect, it } from 'vitest';

import { describeIdRange, parseIdRange } from './range';

describe('parseIdRange', () => {
  it('parses a padded range with the prefix on both ends', () => {
    expect(parseIdRange('T0001-T0040')).toEqual({
      prefix: 'T',
      first: 1,
      last: 40,
      width: 4,
      count: 40,
      firstId: 'T0001',
      lastId: 'T0040',
      role: 'teacher',
    });
  });

  it('accepts the prefix on the first end only, spaces and an en dash', () => {
    expect(parseIdRange(' W0010 – 0012 ')).toMatchObject({ count: 3, lastId: 'W0012' });
  });

  it('accepts a single ID range', () => {
    expect(parseIdRange('D000123-D000123')).toMatchObject({ count: 1, role: 'demonstrator' });
  });

  it.each([
    ['T0001', 'Write a range like T0001-T0040'],
    ['T0001-', 'Write a range like T0001-T0040'],
    ['0001-0040', 'Write a range like T0001-T0040'],
    ['T0001-W0040', 'Both ends need the same prefix (T)'],
    ['T0040-T0001', 'The range ends before it starts'],
  ])('rejects %s', (text, error) => {
    expect(parseIdRange(text)).toEqual({ error });
  });

  it('leaves the role undefined for an unknown prefix', () => {
    expect(parseIdRange('X01-X02')).toMatchObject({ role: undefined });
  });
});

describe('describeIdRange', () => {
  it('names the count, the role and both ends', () => {
    const range = parseIdRange('T0001-T0040');
    if ('error' in range) throw new Error(range.error);
    expect(describeIdRange(range)).toBe('40 teachers: T0001 … T0040');
  });

  it('uses the singular for one ID', () => {
    const range = parseIdRange('W0001-W0001');
    if ('error' in range) throw new Error(range.error);
    expect(describeIdRange(range)).toBe('1 wizard: W0001');
  });
});
