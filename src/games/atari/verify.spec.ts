import { describe, expect, it } from 'vitest';
import { assembleTestRom } from '../../../test/support/atari-rom.js';
import { AleAction } from './actions.js';
import { AtariMachine } from './machine.js';
import { type RecordedInput, verifyReplay } from './verify.js';

/** Plays the test ROM like a client: scripted inputs, a hash every 60 frames. */
async function record(seed: number, frames: number): Promise<RecordedInput[]> {
  const machine = await AtariMachine.create(assembleTestRom(), { seed });
  const inputs: RecordedInput[] = [];
  for (let i = 0; i < frames; i++) {
    const action =
      i % 40 < 3 ? AleAction.FIRE : i % 100 < 50 ? AleAction.RIGHT : AleAction.DOWNLEFT;
    const reset = i < 4;
    machine.step(action, { reset });
    inputs.push({
      frame: i,
      action,
      reset,
      ...(i % 60 === 59 ? { hash: machine.frameHash() } : {}),
    });
  }
  return inputs;
}

describe('verifyReplay', () => {
  it("reproduces a client's hashes from the ROM, the seed and the inputs", async () => {
    const inputs = await record(7, 600);
    const result = await verifyReplay(assembleTestRom(), inputs, { seed: 7 });
    expect(result).toEqual({ frames: 600, checkedHashes: 10, firstDivergingFrame: null });
  });

  it('names the first frame whose hash differs when an input was changed', async () => {
    const inputs = await record(7, 600);
    // A fire press the client never made changes the score from frame 200 on.
    inputs[200] = { ...inputs[200], action: AleAction.FIRE };
    inputs[201] = { ...inputs[201], action: AleAction.NOOP };
    const result = await verifyReplay(assembleTestRom(), inputs, { seed: 7 });
    expect(result.firstDivergingFrame).toBe(239);
    expect(result.checkedHashes).toBe(4);
  });

  it('reports a hole in the frames', async () => {
    const inputs = (await record(1, 120)).filter((f) => f.frame !== 50);
    await expect(verifyReplay(assembleTestRom(), inputs, { seed: 1 })).rejects.toThrow(
      /frame 50 is missing/,
    );
  });
});
