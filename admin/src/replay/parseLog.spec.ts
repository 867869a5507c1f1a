import { describe, expect, it } from 'vitest';

import { atariExport, compatLog, robotaxiExport, STEP_MS, T0 } from './logFixtures';
import { ReplayEventKind, ReplayParseError } from './model';
import { parseGameLog, parseGameLogText } from './parseLog';

const kinds = (events: { kind: ReplayEventKind }[]) => events.map((e) => e.kind);

describe('parseGameLog: our RoboTaxi export', () => {
  const replay = parseGameLog(robotaxiExport());
  if (replay.kind !== 'robotaxi') throw new Error('expected RoboTaxi');

  it('keeps each episode: the initial state at its start, then each step at its server time', () => {
    expect(replay.source).toBe('RoboTaxi export');
    expect(replay.title).toBe('Pilot: T0001 and W0001');
    expect(replay.episodes.map((e) => [e.key, e.round, e.practice])).toEqual([
      ['episode-0', 0, true],
      ['episode-1', 1, false],
    ]);
    const first = replay.episodes[0];
    expect(first.frames.map((f) => [f.ms - T0, f.step])).toEqual([
      [0, 0],
      [STEP_MS, 1],
      [2 * STEP_MS, 2],
      [3 * STEP_MS, 3],
      [4 * STEP_MS, 4],
      [5 * STEP_MS, 5],
    ]);
    expect(first.frames[5].state.outcome).toBe('delivered');
    // Ends at the logged end (one step period after the last step here).
    expect(first.endMs).toBe(T0 + 6 * STEP_MS);
    expect(replay.hud).toEqual({ rounds: 1, stepLimit: 20, stepMs: STEP_MS });
  });

  it('marks key presses at their client time, the acorn and the delivery', () => {
    const events = replay.episodes[0].events;
    expect(kinds(events).filter((k) => k === ReplayEventKind.Key)).toHaveLength(5);
    expect(events.find((e) => e.kind === ReplayEventKind.Key)?.ms).toBe(T0 + STEP_MS - 120);
    expect(events.find((e) => e.kind === ReplayEventKind.Acorn)?.ms).toBe(T0 + 2 * STEP_MS);
    expect(events.find((e) => e.kind === ReplayEventKind.Delivery)?.ms).toBe(T0 + 5 * STEP_MS);
    expect(kinds(events)).not.toContain(ReplayEventKind.Reward);
  });

  it('lists the finalized tracks with their mapping', () => {
    expect(replay.tracks).toEqual([
      {
        id: 'aaaaaaaa-0000-4000-8000-000000000001',
        label: 'T0001 teacher mic',
        placement: {
          interceptMs: T0 - 2000,
          msPerSample: (1000 / 16_000) * (1 + 50e-6),
          sampleRate: 16_000,
        },
        durationS: 10,
      },
    ]);
  });
});

describe('parseGameLog: the Wizard-of-Oz log shape', () => {
  const replay = parseGameLog(compatLog());
  if (replay.kind !== 'robotaxi') throw new Error('expected RoboTaxi');

  it('reads rounds, episodes and steps in numeric order, times from Unix seconds', () => {
    expect(replay.source).toBe('Wizard-of-Oz log');
    expect(replay.title).toBe('RoboTaxi pair T0001-W0001');
    expect(replay.episodes.map((e) => [e.key, e.round, e.practice])).toEqual([
      ['round-0/episode-0', 0, true],
      ['round-1/episode-0', 1, false],
    ]);
    const frames = replay.episodes[1].frames;
    expect(frames.map((f) => f.step)).toEqual([1, 2, 3, 4, 5]);
    expect(frames[0].ms).toBeCloseTo(T0 + 10_000 + STEP_MS, 3);
    expect(frames[2].state.rover).toEqual({ x: 4, y: 1, orientation: 'RIGHT' });
    expect(frames[2].state.hasAcorn).toBe(true);
    expect(frames[4].state.outcome).toBe('delivered');
  });

  it('takes the step period from the config, and marks the same events', () => {
    expect(replay.hud.stepMs).toBe(STEP_MS);
    const events = replay.episodes[0].events;
    expect(kinds(events)).toEqual([
      ReplayEventKind.Key,
      ReplayEventKind.Key,
      ReplayEventKind.Acorn,
      ReplayEventKind.Key,
      ReplayEventKind.Key,
      ReplayEventKind.Key,
      ReplayEventKind.Delivery,
    ]);
    expect(events[0].ms).toBeCloseTo(T0 + STEP_MS - 120, 3);
  });

  it('places the logged audio by its start time', () => {
    expect(replay.tracks).toHaveLength(1);
    expect(replay.tracks[0].placement?.interceptMs).toBeCloseTo(T0 - 2000, 3);
    expect(replay.tracks[0].label).toMatch(/teacher 1 \(T0001 mic\)/);
    const without = parseGameLog(compatLog(null));
    expect(without.tracks).toEqual([]);
  });

  it('reads a log written as a JSON string inside JSON', () => {
    const twice = JSON.stringify(JSON.stringify(compatLog()));
    expect(parseGameLogText(twice).kind).toBe('robotaxi');
  });
});

describe('parseGameLog: our Atari frames export', () => {
  const replay = parseGameLog(atariExport());
  if (replay.kind !== 'atari') throw new Error('expected Atari');

  it('keeps the inputs for re-emulation and non-decreasing frame times', () => {
    expect(replay.title).toBe('ozlab-test episode 2');
    expect(replay.seed).toBe(99);
    expect(replay.romMd5).toBe('abc');
    expect(replay.inputs[0]).toEqual({ action: 0, reset: true, select: false });
    expect(replay.inputs[2].action).toBe(1);
    expect(replay.inputs[5].hash).toBe('deadbeef');
    expect(replay.times.map((t) => t - T0)).toEqual([0, 16, 32, 48, 64, 80, 80, 112]);
    expect(replay.endMs).toBeCloseTo(T0 + 112 + 1000 / 60, 6);
    expect(replay.imported).toBe(false);
  });

  it('marks new game, FIRE, reward, pause, life lost and game over', () => {
    expect(replay.events.map((e) => [e.kind, e.ms - T0])).toEqual([
      [ReplayEventKind.NewGame, 0],
      [ReplayEventKind.Fire, 32],
      [ReplayEventKind.Reward, 48],
      [ReplayEventKind.Pause, 64],
      [ReplayEventKind.LifeLost, 80],
      [ReplayEventKind.GameOver, 112],
    ]);
  });

  it('refuses a log with a missing frame (re-emulation would go wrong)', () => {
    const log = atariExport();
    log.frames.splice(3, 1);
    expect(() => parseGameLog(log)).toThrow(/frames\[3\]: expected frame 3, found 4/);
  });
});

describe('parseGameLog: what it refuses', () => {
  it('names the problem', () => {
    expect(() => parseGameLogText('not json')).toThrow(ReplayParseError);
    expect(() => parseGameLog([1, 2])).toThrow(/Expected a JSON object/);
    expect(() => parseGameLog({ format: 'other/1' })).toThrow(/format "other\/1"/);
    expect(() => parseGameLog({ trajectory: {}, init_state: {} })).toThrow(/Javatari save state/);
    expect(() =>
      parseGameLog({ log: { 'round-1': { 'episode-0': { '1': { obs: {} } } } } }),
    ).toThrow(/log\.round-1\.episode-0\.1\.ts_end_timestamp: expected a number/);
  });
});
