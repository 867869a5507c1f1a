import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FrameRecord } from '../../games/common/atari-frames.js';
import {
  agcText,
  importLegacyTrajectory,
  legacyTrajectory,
  TrajectoryImportError,
} from './trajectory-format.js';

/** A copy of `../shared/fixtures/roboatari-spaceinvaders-trajectory.json`, real data of the old study. */
const FIXTURE = new URL(
  '../../../test/fixtures/roboatari-spaceinvaders-trajectory.json',
  import.meta.url,
);

const frame = (n: number, extra: Partial<FrameRecord> = {}): FrameRecord => ({
  frame: n,
  action: 0,
  joystick: 0,
  reward: 0,
  score: 0,
  lives: 3,
  terminal: false,
  emuMs: (n * 1000) / 60,
  clientMs: 1.7e12 + n * 16.7,
  ...extra,
});

describe('importLegacyTrajectory', () => {
  it('reads the real Space Invaders file of the old study (a JSON string of JSON)', () => {
    const imported = importLegacyTrajectory(readFileSync(FIXTURE, 'utf8'));
    expect(imported.frames).toHaveLength(4474);
    expect(imported.finalScore).toBe(600);
    expect(imported.frames.at(-1)?.score).toBe(600);
    expect(imported.frames[1]).toMatchObject({ frame: 1, action: 0, timeMs: 28 });
    expect(
      imported.frames.every((f, i) => i === 0 || f.timeMs >= imported.frames[i - 1].timeMs),
    ).toBe(true);
    // The Javatari save state is kept as it was.
    expect(imported.initState).toHaveProperty('t');
    const rewards = imported.frames.reduce((sum, f) => sum + f.reward, 0);
    expect(rewards).toBe(600);
    // Our export writes the same control codes the old study did for the same actions.
    const fire = imported.frames.find((f) => f.action === 1 && f.keysPressed['15']);
    expect(fire).toBeDefined();
    expect(
      legacyTrajectory([frame(0, { action: 1, joystick: 16 })]).trajectory['0'].keys_pressed,
    ).toEqual({ '15': true });
  });

  it('names what is wrong with a broken file', () => {
    expect(() => importLegacyTrajectory('{')).toThrow(TrajectoryImportError);
    const bad = JSON.stringify({
      trajectory: {
        '0': { action: 0, keys_pressed: {}, reward: 0, terminal: false, score: 0 },
        '2': { action: 99, keys_pressed: {}, reward: 0, terminal: false, score: 0 },
      },
      final_score: 0,
    });
    try {
      importLegacyTrajectory(bad);
      expect.unreachable();
    } catch (error) {
      expect((error as TrajectoryImportError).problems.join('\n')).toMatch(/trajectory.2.action/);
      expect((error as TrajectoryImportError).problems.join('\n')).toMatch(/time_stamp/);
    }
    const gap = JSON.stringify({
      trajectory: {
        '0': { action: 0, keys_pressed: {}, reward: 0, terminal: false, score: 0 },
        '2': { action: 1, keys_pressed: {}, reward: 0, terminal: false, score: 0 },
      },
      final_score: 0,
      time_stamp: [0, 16],
    });
    expect(() => importLegacyTrajectory(gap)).toThrow(/frame 1 is missing/);
  });
});

describe('exports', () => {
  const frames = [
    frame(0),
    frame(1, { action: 1, joystick: 16, reward: 10, score: 10 }),
    frame(2, { action: 11, joystick: 16 | 8, score: 10, terminal: true }),
  ];

  it('writes the Atari Grand Challenge text format', () => {
    expect(agcText(frames)).toBe(
      'frame,reward,score,terminal,action\n0,0,0,0,0\n1,10,10,0,1\n2,0,10,1,11\n',
    );
  });

  it("writes the old study's trajectory JSON, which its importer reads back", () => {
    const out = legacyTrajectory(frames);
    expect(out.final_score).toBe(10);
    expect(out.time_stamp).toEqual([0, 17, 33]);
    expect(out.trajectory['2']).toEqual({
      action: 11,
      keys_pressed: { '14': true, '15': true },
      reward: 0,
      terminal: true,
      score: 10,
    });
    const back = importLegacyTrajectory(JSON.stringify(out));
    expect(back.frames.map((f) => [f.frame, f.action, f.score, f.terminal])).toEqual(
      frames.map((f) => [f.frame, f.action, f.score, f.terminal]),
    );
  });
});
