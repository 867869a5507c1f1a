import { describe, expect, it } from 'vitest';

import { EmulationJob, type SteppableMachine } from './emulation';
import { FrameStore } from './frameStore';

const W = 16;
const H = 10;
const PALETTE = [0xff000000, 0xff0000ff, 0xff00ff00, 0xffff0000, 0xff123456];

/** A deterministic picture for frame `n`: a background and a moving block. */
function picture(n: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(W * H * 4);
  const words = new Uint32Array(out.buffer);
  for (let i = 0; i < words.length; i++) {
    const x = i % W;
    const y = Math.floor(i / W);
    const inBlock = x >= n % W && x < (n % W) + 3 && y >= 2 && y < 5;
    words[i] = inBlock ? PALETTE[1 + (n % 4)] : PALETTE[0];
  }
  return out;
}

describe('FrameStore', () => {
  it('gives back every frame exactly, in any order', () => {
    const store = new FrameStore(W, H, 4);
    for (let n = 0; n < 23; n++) store.push(picture(n));
    expect(store.count).toBe(23);
    const out = new Uint8ClampedArray(W * H * 4);
    for (const n of [0, 1, 2, 3, 4, 22, 5, 9, 8, 8, 13, 0, 21]) {
      store.decode(n, out);
      expect(out, `frame ${n}`).toEqual(picture(n));
    }
  });

  it('keeps frames much smaller than raw RGBA', () => {
    const store = new FrameStore(W, H);
    for (let n = 0; n < 100; n++) store.push(picture(n));
    expect(store.byteLength).toBeLessThan((100 * W * H * 4) / 20);
  });

  it('refuses frames it does not have and pictures of the wrong size', () => {
    const store = new FrameStore(W, H);
    store.push(picture(0));
    expect(() => store.decode(1, new Uint8ClampedArray(W * H * 4))).toThrow(
      /frame 1 is not stored/,
    );
    expect(() => store.push(new Uint8ClampedArray(8))).toThrow(/expected 640 bytes/);
  });
});

/** A machine whose picture is a function of the inputs so far (like the console's). */
class FakeMachine implements SteppableMachine {
  readonly width = W;
  readonly height = H;
  private frame = 0;
  readonly steps: { action: number; reset?: boolean; select?: boolean }[] = [];
  step(action: number, switches: { reset?: boolean; select?: boolean }) {
    this.steps.push({ action, ...switches });
    this.frame += action + 1;
  }
  pixels(target?: Uint8ClampedArray) {
    const p = picture(this.frame);
    target?.set(p);
    return target ?? p;
  }
  frameHash() {
    return `h${this.frame}`;
  }
}

describe('EmulationJob', () => {
  const inputs = Array.from({ length: 10 }, (_, i) => ({
    action: i % 2,
    reset: i === 0,
    select: false,
    ...(i === 3 ? { hash: 'h6' } : {}),
    ...(i === 7 ? { hash: 'wrong' } : {}),
  }));

  it('steps every input with its switches and stores each picture', () => {
    const machine = new FakeMachine();
    const job = new EmulationJob(machine, inputs, 4);
    let clock = 0;
    while (!job.done) job.run(5, () => (clock += 1));
    expect(job.emulated).toBe(10);
    expect(machine.steps[0]).toEqual({ action: 0, reset: true, select: false });
    const out = new Uint8ClampedArray(W * H * 4);
    job.store.decode(3, out);
    // The fake advances by action + 1: after inputs 0..3 it is at 1 + 2 + 1 + 2 = 6.
    expect(out).toEqual(picture(6));
  });

  it('notes the first frame whose hash differs from the log', () => {
    const job = new EmulationJob(new FakeMachine(), inputs);
    job.run(Infinity);
    expect(job.mismatch).toBe(7);
  });

  it('runs at least one frame per slice', () => {
    const job = new EmulationJob(new FakeMachine(), inputs);
    expect(job.run(0, () => 0)).toBe(1);
  });
});
