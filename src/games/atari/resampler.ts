/**
 * Linear-interpolation resampler for a continuous stream cut into blocks (one block a frame):
 * output sample k is the input interpolated at k * inRate / outRate, so the blocks join without
 * seams and the result depends only on the samples, never on how they were cut. Pure and
 * deterministic (one multiplication and one division per output sample, IEEE doubles).
 */
export class LinearResampler {
  private inCount = 0;
  private outCount = 0;
  private last = 0;

  constructor(
    readonly inRate: number,
    readonly outRate: number,
  ) {
    for (const [name, rate] of [
      ['inRate', inRate],
      ['outRate', outRate],
    ] as const) {
      if (!Number.isInteger(rate) || rate <= 0) {
        throw new RangeError(`${name} must be a positive integer (Hz), got ${rate}`);
      }
    }
  }

  /** The output samples that the input up to the end of `block` determines. */
  push(block: Float32Array): Float32Array {
    if (this.inRate === this.outRate) return block.slice();
    const inBase = this.inCount;
    const inEnd = inBase + block.length;
    const out = new Float32Array(Math.ceil(((block.length + 1) * this.outRate) / this.inRate) + 1);
    let n = 0;
    for (;;) {
      const pos = (this.outCount * this.inRate) / this.outRate;
      const i0 = Math.floor(pos);
      if (i0 + 1 >= inEnd) break;
      // i0 >= inBase - 1: the previous block stopped where its last sample was still needed.
      const s0 = i0 < inBase ? this.last : block[i0 - inBase];
      const s1 = block[i0 + 1 - inBase];
      out[n++] = s0 + (s1 - s0) * (pos - i0);
      this.outCount++;
    }
    if (block.length > 0) this.last = block[block.length - 1];
    this.inCount = inEnd;
    return out.slice(0, n);
  }
}
