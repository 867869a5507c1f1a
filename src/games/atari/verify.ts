/**
 * The determinism check of flow 4 (pure; runs in the worker): re-emulate a ROM with the inputs a
 * client recorded and compare the frame hashes it reported. The same ROM, seed and per-frame
 * inputs must give the same hashes; the first frame whose hash differs is where the replay
 * diverged (a different ROM, seed, dropped input, or an emulator difference).
 */
import { AtariMachine } from './machine.js';

/** What re-emulation needs of each recorded frame. */
export interface RecordedInput {
  frame: number;
  action: number;
  reset?: boolean;
  select?: boolean;
  /** The client's hash after this frame, when it reported one. */
  hash?: string;
}

export interface VerifyResult {
  frames: number;
  checkedHashes: number;
  /** The first frame whose hash differed; null when every reported hash matched. */
  firstDivergingFrame: number | null;
}

export interface VerifyOptions {
  seed: number;
  /** Called every `yieldEvery` frames; a caller can await it to let other work run. */
  onProgress?: (framesDone: number) => void | Promise<void>;
  yieldEvery?: number;
}

export async function verifyReplay(
  rom: Uint8Array,
  inputs: readonly RecordedInput[],
  options: VerifyOptions,
): Promise<VerifyResult> {
  const machine = await AtariMachine.create(rom, { seed: options.seed });
  const every = options.yieldEvery ?? 10;
  let checkedHashes = 0;
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i];
    if (input.frame !== i) throw new Error(`frame ${i} is missing (found ${input.frame})`);
    machine.step(input.action, { reset: input.reset, select: input.select });
    if (input.hash !== undefined) {
      checkedHashes++;
      if (machine.frameHash() !== input.hash)
        return { frames: i + 1, checkedHashes, firstDivergingFrame: i };
    }
    if (options.onProgress && (i + 1) % every === 0) await options.onProgress(i + 1);
  }
  return { frames: inputs.length, checkedHashes, firstDivergingFrame: null };
}
