/**
 * Re-emulation of an Atari episode from its logged inputs (pure apart from the machine it is
 * given): steps the console frame by frame exactly as the client did (the same seed, action and
 * console switches per frame, as `verifyReplay` does on the server), keeps every frame in a
 * `FrameStore`, and notes the first frame whose hash differs from the one the client reported.
 */
import type { AtariInput } from '../model';
import { FrameStore } from './frameStore';

/** What emulation needs of `AtariMachine` (src/games/atari/machine.ts). */
export interface SteppableMachine {
  readonly width: number;
  readonly height: number;
  step(action: number, switches: { reset?: boolean; select?: boolean }): unknown;
  pixels(target?: Uint8ClampedArray): Uint8ClampedArray;
  frameHash(): string;
}

export class EmulationJob {
  readonly store: FrameStore;
  private readonly pixels: Uint8ClampedArray;
  private next = 0;
  /** The first frame whose hash differed from the log's, or null. */
  mismatch: number | null = null;

  constructor(
    private readonly machine: SteppableMachine,
    private readonly inputs: readonly AtariInput[],
    keyframeEvery?: number,
  ) {
    this.store = new FrameStore(machine.width, machine.height, keyframeEvery);
    this.pixels = new Uint8ClampedArray(machine.width * machine.height * 4);
  }

  get total(): number {
    return this.inputs.length;
  }

  /** Frames emulated (and stored) so far. */
  get emulated(): number {
    return this.next;
  }

  get done(): boolean {
    return this.next >= this.inputs.length;
  }

  /** Emulates frames until `budgetMs` has passed (at least one frame); returns how many. */
  run(budgetMs: number, now: () => number = () => performance.now()): number {
    const start = now();
    let count = 0;
    while (!this.done) {
      const input = this.inputs[this.next];
      this.machine.step(input.action, { reset: input.reset, select: input.select });
      if (
        input.hash !== undefined &&
        this.mismatch === null &&
        this.machine.frameHash() !== input.hash
      )
        this.mismatch = this.next;
      this.store.push(this.machine.pixels(this.pixels));
      this.next++;
      count++;
      if (now() - start >= budgetMs) break;
    }
    return count;
  }
}
