import { describe, expect, it } from 'vitest';

import { withdrawalProblem, withdrawalSummary } from './withdrawal';

describe('withdrawal dialog rules', () => {
  it('needs no typing when the recordings are kept', () => {
    expect(withdrawalProblem(false, '', 'T0001')).toBeNull();
  });

  it("asks for the participant's ID before deleting recordings", () => {
    expect(withdrawalProblem(true, '  ', 'T0001')).toBe(
      'Type T0001 to confirm deleting the recordings',
    );
    expect(withdrawalProblem(true, 'T0002', 'T0001')).toBe('That is not T0001');
    expect(withdrawalProblem(true, ' t0001 ', 'T0001')).toBeNull();
  });

  it('says what was deleted', () => {
    expect(withdrawalSummary('W0002', null)).toBe('W0002 withdrawn; their recordings are kept');
    expect(withdrawalSummary('W0002', { tracks: 1, clockSamples: 9 })).toBe(
      'W0002 withdrawn; 1 audio track deleted',
    );
    expect(withdrawalSummary('W0002', { tracks: 3, clockSamples: 0 })).toBe(
      'W0002 withdrawn; 3 audio tracks deleted',
    );
  });
});
