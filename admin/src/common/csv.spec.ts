import { describe, expect, it } from 'vitest';

import { escapeCsvField, toCsv } from './csv';

describe('toCsv', () => {
  it('writes a header row and CRLF-separated rows', () => {
    expect(
      toCsv(
        [
          { id: 'T0001', note: null },
          { id: 'T0002', note: 'a, b' },
        ],
        ['id', 'note'],
      ),
    ).toBe('id,note\r\nT0001,\r\nT0002,"a, b"');
  });
});

describe('escapeCsvField', () => {
  it.each([
    ['plain', 'plain'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [' padded', '" padded"'],
    [42, '42'],
    [undefined, ''],
  ])('%j -> %s', (value, expected) => {
    expect(escapeCsvField(value)).toBe(expected);
  });
});
