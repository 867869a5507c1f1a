/**
 * The sample arithmetic of the recorder worklet, kept free of Web Audio so that it is unit-tested
 * in Node: down-mix to mono, Float32 → Int16 conversion, and cutting the stream into chunks whose
 * first sample is located on the AudioContext's frame axis.
 */

/** Full scale of the Int16 conversion (a float of ±1 maps to ±32768, clamped to 32767). */
const INT16_SCALE = 32768;

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * One float sample in [-1, 1] to Int16: `round(x · 32768)` clamped to [−32768, 32767]; NaN → 0.
 * The scale is the exact inverse of the usual decoders (int16 / 32768), so 16-bit audio that went
 * through a float pipeline unchanged comes back bit-exact; ±1 and beyond clamp to full scale.
 */
export function floatToInt16(x: number): number {
  const v = Math.round(x * INT16_SCALE);
  if (v > 32767) return 32767;
  if (v < -32768) return -32768;
  return Number.isNaN(v) ? 0 : v;
}

/**
 * Averages the channels of one render quantum into `out` (length = frames). One channel is copied;
 * no channel (an unconnected input) gives silence.
 */
export function mixToMono(channels: readonly Float32Array[], out: Float32Array): Float32Array {
  const count = channels.length;
  if (count === 0) {
    out.fill(0);
  } else if (count === 1) {
    out.set(channels[0].subarray(0, out.length));
  } else {
    for (let i = 0; i < out.length; i++) {
      let sum = 0;
      for (let c = 0; c < count; c++) sum += channels[c][i];
      out[i] = sum / count;
    }
  }
  return out;
}

export interface PcmChunk {
  /** AudioContext frame of the first sample. */
  startFrame: number;
  /** Index of the first sample counted from the first sample the chunker was given. */
  startSample: number;
  frames: number;
  /** Mono Int16 little-endian PCM, `frames * 2` bytes, owned by the receiver. */
  pcm: ArrayBuffer;
}

/** Default bound of a gap filled with silence: 30 s at 48 kHz. */
export const DEFAULT_MAX_FILL_FRAMES = 30 * 48_000;

/**
 * Cuts a mono float stream, given one render quantum at a time, into Int16 chunks of
 * `chunkFrames` frames, and places each chunk's first sample on the AudioContext's frame axis: a
 * chunk that starts at offset `i` of the quantum that began at frame `F` starts at frame `F + i`.
 *
 * The quanta should be contiguous, but headless Chromium 156 was seen to skip up to 31 quanta
 * (20–90 ms) in the first second of a recording: `currentFrame` jumped between two `process()`
 * calls. The graph did not render those frames at all (an OscillatorNode recorded through this
 * chunker continues seamlessly across the jump), so nothing was captured for them. The chunker
 * fills such a gap with silence (counted in `filledFrames`) so that, within a segment, sample
 * index = frame − first frame always holds: the capture mapping is anchored on frames, and the
 * server's sample → time mapping stays a straight line.
 *
 * A gap longer than `maxFillFrames`, or a jump backwards, is not filled: the chunk being cut ends
 * there (counted in `skippedFrames`) and the next one starts at the new frame.
 */
export class PcmChunker {
  readonly chunkFrames: number;
  private readonly maxFillFrames: number;
  private buffer: Int16Array;
  private filled = 0;
  private chunkStartFrame = 0;
  private chunkStartSample = 0;
  private samplesSeen = 0;
  private nextFrame: number | null = null;
  private filledTotal = 0;
  private skippedTotal = 0;

  constructor(chunkFrames: number, maxFillFrames = DEFAULT_MAX_FILL_FRAMES) {
    if (!Number.isInteger(chunkFrames) || chunkFrames < 1) {
      throw new RangeError(`chunkFrames must be a positive integer, got ${chunkFrames}`);
    }
    this.chunkFrames = chunkFrames;
    this.maxFillFrames = maxFillFrames;
    this.buffer = new Int16Array(chunkFrames);
  }

  /** Samples pushed so far, silence fills included (the next sample's index). */
  get samples(): number {
    return this.samplesSeen;
  }

  /** Samples waiting in the chunk being cut. */
  get pending(): number {
    return this.filled;
  }

  /** Frames of gaps filled with silence so far. */
  get filledFrames(): number {
    return this.filledTotal;
  }

  /** Frames of gaps too long to fill (or jumps backwards) so far. */
  get skippedFrames(): number {
    return this.skippedTotal;
  }

  /**
   * Appends one quantum of mono samples whose first sample is at `quantumStartFrame`; returns the
   * chunks completed by it (usually none, sometimes one; more after a filled gap, or when a
   * quantum is longer than a chunk).
   */
  push(samples: Float32Array, quantumStartFrame: number): PcmChunk[] {
    const done: PcmChunk[] = [];
    if (this.nextFrame !== null && quantumStartFrame !== this.nextFrame) {
      const gap = quantumStartFrame - this.nextFrame;
      if (gap > 0 && gap <= this.maxFillFrames) {
        for (let k = 0; k < gap; k++) this.append(0, this.nextFrame + k, done);
        this.filledTotal += gap;
      } else {
        const partial = this.flush();
        if (partial) done.push(partial);
        this.skippedTotal += Math.abs(gap);
      }
    }
    for (let i = 0; i < samples.length; i++) {
      this.append(floatToInt16(samples[i]), quantumStartFrame + i, done);
    }
    this.nextFrame = quantumStartFrame + samples.length;
    return done;
  }

  /** The partial chunk being cut, or null when it is empty. The next sample starts a new chunk. */
  flush(): PcmChunk | null {
    if (this.filled === 0) return null;
    return this.take(this.buffer.slice(0, this.filled));
  }

  private append(value: number, frame: number, done: PcmChunk[]): void {
    if (this.filled === 0) {
      this.chunkStartFrame = frame;
      this.chunkStartSample = this.samplesSeen;
    }
    this.buffer[this.filled++] = value;
    this.samplesSeen++;
    if (this.filled === this.chunkFrames) {
      done.push(this.take(this.buffer));
      this.buffer = new Int16Array(this.chunkFrames);
    }
  }

  private take(data: Int16Array): PcmChunk {
    const frames = this.filled;
    const chunk: PcmChunk = {
      startFrame: this.chunkStartFrame,
      startSample: this.chunkStartSample,
      frames,
      pcm: toLittleEndian(data).buffer as ArrayBuffer,
    };
    this.filled = 0;
    return chunk;
  }
}

function toLittleEndian(data: Int16Array): Int16Array {
  if (LITTLE_ENDIAN_HOST) return data;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < data.length; i++) view.setInt16(i * 2, data[i], true);
  return data;
}
