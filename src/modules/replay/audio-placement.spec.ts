import { describe, expect, it } from 'vitest';
import { placeTracks, type TrackToPlace, trackSpan } from './audio-placement.js';

const ZERO = 1_700_000_000_000;

const track = (id: string, startMs: number, seconds: number, msPerSample = 1000 / 48_000) =>
  ({
    id,
    label: `${id} mic`,
    sampleRate: 48_000,
    durationSamples: seconds * 48_000,
    mapping: { interceptMs: ZERO + startMs, msPerSample },
  }) satisfies TrackToPlace;

describe('placeTracks', () => {
  it('delays a track that started after the episode and trims one that started before', () => {
    expect(placeTracks([track('T0001', 800, 10), track('W0001', -500, 10)], ZERO, 5000)).toEqual([
      { id: 'T0001', label: 'T0001 mic', offsetMs: 800, rate: null },
      { id: 'W0001', label: 'W0001 mic', offsetMs: -500, rate: null },
    ]);
  });

  it('leaves out tracks that do not overlap the video', () => {
    const placed = placeTracks(
      [track('before', -20_000, 10), track('after', 5000, 10), track('edge', -10_000, 10.001)],
      ZERO,
      5000,
    );
    expect(placed.map((p) => p.id)).toEqual(['edge']);
  });

  it('plays a drifting track at its measured rate', () => {
    // The audio clock ran 500 ppm slow: each sample spans a little more server time.
    const slow = track('slow', 0, 60, (1000 / 48_000) * (1 + 500e-6));
    const [placed] = placeTracks([slow], ZERO, 60_000);
    expect(placed.rate).toBe(47_976);
    expect(trackSpan(slow, ZERO).endMs).toBeCloseTo(60_030, 6);
    // Within one sample a second of the nominal rate: played as it is.
    const fine = track('fine', 0, 60, (1000 / 48_000) * (1 + 5e-6));
    expect(placeTracks([fine], ZERO, 60_000)[0].rate).toBeNull();
  });

  it('ignores a mapping that cannot place anything', () => {
    const broken = { ...track('x', 0, 1), mapping: { interceptMs: Number.NaN, msPerSample: 0.02 } };
    const zero = { ...track('y', 0, 1), mapping: { interceptMs: ZERO, msPerSample: 0 } };
    expect(placeTracks([broken, zero], ZERO, 1000)).toEqual([]);
  });
});
