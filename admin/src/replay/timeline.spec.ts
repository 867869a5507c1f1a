import { describe, expect, it } from 'vitest';

import { compatLog, robotaxiExport, STEP_MS, T0 } from './logFixtures';
import type { RobotaxiReplay } from './model';
import { parseGameLog } from './parseLog';
import { robotaxiTimeline, roundLabel, roundsOf, WHOLE_SESSION } from './timeline';

const replay = parseGameLog(robotaxiExport()) as RobotaxiReplay;

describe('robotaxiTimeline', () => {
  it('plays one episode from its initial state to its end', () => {
    const t = robotaxiTimeline(replay, 'episode-1');
    expect(t.startMs).toBe(T0 + 10_000);
    expect(t.endMs).toBe(T0 + 10_000 + 6 * STEP_MS);
    expect(t.times).toHaveLength(6);
    expect(t.frames.every((f) => f.episode.key === 'episode-1')).toBe(true);
    expect(t.events.every((e) => e.ms >= t.startMs && e.ms <= t.endMs)).toBe(true);
  });

  it('plays the whole session: every episode in time order', () => {
    const t = robotaxiTimeline(replay, WHOLE_SESSION);
    expect(t.times).toHaveLength(12);
    expect(t.startMs).toBe(T0);
    expect(t.endMs).toBe(T0 + 10_000 + 6 * STEP_MS);
    expect([...t.times]).toEqual([...t.times].sort((a, b) => a - b));
  });

  it('falls back to the first episode for an unknown key', () => {
    expect(robotaxiTimeline(replay, 'nope').frames[0].episode.key).toBe('episode-0');
  });
});

describe('roundsOf', () => {
  it('groups episodes by round for the pickers', () => {
    const compat = parseGameLog(compatLog()) as RobotaxiReplay;
    expect(roundsOf(compat).map((r) => [roundLabel(r.round), r.episodes.length])).toEqual([
      ['Practice', 1],
      ['Round 1', 1],
    ]);
  });
});
