import { describe, expect, it } from 'vitest';

import { audioSecondsAt } from './audio';
import { atariExport, compatLog, T0 } from './logFixtures';
import { parseGameLog } from './parseLog';
import {
  AT_FIRST_POSITION,
  classifyFile,
  defaultPlacementChoice,
  droppedPlacement,
  firstPositionMs,
} from './standalone';

const TRACK = 'aaaaaaaa-0000-4000-8000-000000000001';

describe('classifyFile', () => {
  it('tells logs, WAVs and ROMs apart', () => {
    expect(classifyFile({ name: 'session.JSON', type: '' })).toBe('log');
    expect(classifyFile({ name: 'x', type: 'audio/wav' })).toBe('audio');
    expect(classifyFile({ name: 'space.a26', type: '' })).toBe('rom');
    expect(classifyFile({ name: 'notes.txt', type: 'text/plain' })).toBeNull();
  });
});

describe('placing a dropped WAV', () => {
  const compat = parseGameLog(compatLog());

  it('uses the audio log when it has a start time', () => {
    expect(defaultPlacementChoice(`T0001-mic-${TRACK}.wav`, compat)).toBe(TRACK);
    expect(defaultPlacementChoice('recording.wav', compat)).toBe(TRACK);
    const placement = droppedPlacement(TRACK, 16_000, compat);
    expect(placement.interceptMs).toBeCloseTo(T0 - 2000, 3);
    // Its sample 0 is 2 s before the log's first step... so the first step is at 2.5 s of WAV.
    expect(audioSecondsAt(placement, firstPositionMs(compat))).toBeCloseTo(2.5, 6);
  });

  it('starts it with the first step when the log has no start time, shifted on request', () => {
    const bare = parseGameLog(compatLog(null));
    expect(defaultPlacementChoice('recording.wav', bare)).toBe(AT_FIRST_POSITION);
    const placement = droppedPlacement(AT_FIRST_POSITION, 48_000, bare, -250);
    expect(placement).toEqual({
      interceptMs: firstPositionMs(bare) - 250,
      msPerSample: 1000 / 48_000,
      sampleRate: 48_000,
    });
  });

  it('keeps the logged timing when the WAV was resampled', () => {
    const at48k = droppedPlacement(TRACK, 48_000, compat);
    expect(audioSecondsAt(at48k, T0)).toBeCloseTo(2, 9);
  });

  it('starts an Atari WAV with the first frame', () => {
    const atari = parseGameLog(atariExport());
    expect(droppedPlacement(AT_FIRST_POSITION, 44_100, atari).interceptMs).toBe(T0);
  });
});
