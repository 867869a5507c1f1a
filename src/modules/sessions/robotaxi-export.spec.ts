import { describe, expect, it } from 'vitest';
import { newEpisode, step } from '../../games/robotaxi/engine.js';
import { parseLevel } from '../../games/robotaxi/maps.js';
import { Action, DEFAULT_RULES } from '../../games/robotaxi/types.js';
import {
  compatExport,
  compatExportSchema,
  type ExportEpisode,
  type RobotaxiExportInput,
} from './robotaxi-export.js';

const level = parseLevel({ grid: ['######', '#R.A.#', '#....#', '#...S#', '######'] });

function episode(id: string, index: number, round: number, moves: Action[]): ExportEpisode {
  let state = newEpisode(level, 7, 0);
  const initialState = state;
  const steps = moves.map((action, i) => {
    const result = step(state, action, DEFAULT_RULES);
    state = result.state;
    return {
      index: i + 1,
      action,
      reward: result.reward,
      done: result.done,
      outcome: result.info.outcome,
      state,
      info: result.info,
      keypresses: [{ action, seq: i, clientMs: 1_700_000_000_000 + i * 100, serverMs: 0 }],
      renders: [],
      renderedMs: i ? 1_700_000_000_050 + i * 100 : null,
      serverMs: 1_700_000_000_100 + i * 100,
    };
  });
  return {
    id,
    index,
    round,
    practice: round === 0,
    status: 'completed',
    outcome: null,
    steps,
    score: state.score,
    seed: 7,
    level: null,
    initialState,
    startedAt: '2026-11-22T10:00:00.000Z',
    endedAt: null,
  };
}

const input: RobotaxiExportInput = {
  study: { id: 's', name: 'S', slug: 's', config: { stepMs: 1250 } },
  session: {
    id: '00000000-0000-4000-8000-000000000001',
    status: 'completed',
    pairing: 'auto',
    seed: 42,
    startedAt: null,
    endedAt: null,
    abortReason: null,
  },
  teacher: { id: 't', participantId: 'T0007' },
  wizard: { id: 'w', participantId: 'W0007' },
  episodes: [
    episode('e0', 0, 0, [Action.RIGHT, Action.RIGHT]),
    episode('e1', 1, 1, [Action.DOWN]),
    episode('e2', 2, 1, [Action.NOP, Action.LEFT, Action.UP]),
  ],
  recordings: [],
  clockSamples: [],
  feedback: [
    {
      participantId: 'W0007',
      role: 'wizard',
      kind: 'wizard-path',
      payload: { path: [{ x: 1, y: 1 }] },
      createdAt: '2026-11-22T10:10:00.000Z',
    },
  ],
};

describe('compatExport', () => {
  it("builds the original study's log shape, which its schema accepts", () => {
    const out = compatExportSchema.parse(compatExport(input));
    expect(out.pair).toBe('T0007-W0007');
    expect(Object.keys(out.log)).toEqual(['round-0', 'round-1']);
    // Episodes are numbered within their round.
    expect(Object.keys(out.log['round-1'])).toEqual(['episode-0', 'episode-1']);
    const first = out.log['round-0']['episode-0']['1'];
    expect(first.action).toBe(Action.RIGHT);
    expect(first.obs.rover).toEqual([2, 1]);
    expect(first.obs.has_acorn).toBe(false);
    expect(out.log['round-0']['episode-0']['2'].obs.has_acorn).toBe(true);
    // Times in Unix seconds.
    expect(first.ts_end_timestamp).toBe(1_700_000_000.1);
    expect(first.keypress_hist).toEqual([[Action.RIGHT, 1_700_000_000]]);
    expect(first.game_rendered_timestamp).toBeNull();
    expect(out.config).toEqual({ stepMs: 1250, seed: 42 });
    expect(out.feedback).toEqual({ wizard: { path: [{ x: 1, y: 1 }] }, teacher: null });
  });

  it('is refused by the schema when a step lacks a field', () => {
    const out = compatExport(input);
    const steps = out.log['round-1']['episode-0'] as Record<string, Record<string, unknown>>;
    delete steps['1'].ts_end_timestamp;
    expect(() => compatExportSchema.parse(out)).toThrow(/ts_end_timestamp/);
  });
});
