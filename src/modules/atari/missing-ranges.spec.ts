import { describe, expect, it } from 'vitest';
import { missingRanges } from './atari-episodes.service.js';

const b = (firstFrame: number, frameCount: number) => ({ firstFrame, frameCount });

describe('missingRanges', () => {
  it('is empty when the batches tile 0..n-1', () => {
    expect(missingRanges([b(60, 60), b(0, 60)], 120)).toEqual([]);
  });

  it('names the holes, the missing start and the missing end', () => {
    expect(missingRanges([b(10, 10), b(40, 10)], 60)).toEqual([
      [0, 9],
      [20, 39],
      [50, 59],
    ]);
    expect(missingRanges([], 3)).toEqual([[0, 2]]);
  });

  it('ignores frames past the end', () => {
    expect(missingRanges([b(0, 100)], 60)).toEqual([]);
  });
});
