import { describe, expect, it } from 'vitest';
import { playTestRom } from '../../../test/support/atari-play.js';
import { assembleTestRom } from '../../../test/support/atari-rom.js';
import { AleAction } from './actions.js';
import { verifyReplay } from './verify.js';

const record = (seed: number, frames: number) => playTestRom({ seed, frames });

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
