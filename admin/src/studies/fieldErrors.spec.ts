import { describe, expect, it } from 'vitest';

import { fieldErrorMessages } from './fieldErrors';

describe('fieldErrorMessages', () => {
  it("gives the input's own message", () => {
    expect(fieldErrorMessages({ type: 'server', message: 'needs exactly 1 acorn (A)' })).toEqual([
      'needs exactly 1 acorn (A)',
    ]);
  });

  it('gives the messages of errors the server filed below the input, with their paths', () => {
    const ref = { name: 'config.level', focus: () => undefined };
    expect(
      fieldErrorMessages({
        ref,
        grid: { type: 'server', message: 'must be an array', ref },
        start: { x: { type: 'server', message: 'too big' } },
      }),
    ).toEqual(['grid: must be an array', 'start.x: too big']);
  });

  it('gives nothing without an error', () => {
    expect(fieldErrorMessages(undefined)).toEqual([]);
    expect(fieldErrorMessages({ type: 'server', message: '' })).toEqual([]);
  });
});
