/**
 * Every emulated Atari frame, kept compactly so that the viewer can seek anywhere without
 * re-emulating (6502.ts has no save states and emulates ~250 frames a second, so going back to a
 * frame by re-emulating from power-on could take minutes). Pure.
 *
 * Each frame's pixels become palette indexes (the 2600 shows at most 128 colours); a frame is
 * stored as the XOR of its indexes with the previous frame's (mostly zeros: little changes from
 * one frame to the next), run-length encoded with LEB128 varints. Every `keyframeEvery`-th frame
 * is stored whole (XOR with nothing), so that decoding any frame applies at most that many deltas.
 */

export const DEFAULT_KEYFRAME_EVERY = 120;

class ByteWriter {
  private bytes = new Uint8Array(4096);
  length = 0;

  reset(): void {
    this.length = 0;
  }

  varint(value: number): void {
    if (this.length + 5 > this.bytes.length) {
      const bigger = new Uint8Array(this.bytes.length * 2);
      bigger.set(this.bytes);
      this.bytes = bigger;
    }
    let v = value >>> 0;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.bytes[this.length++] = v;
  }

  copy(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

export class FrameStore {
  /** RGBA word of each palette index (as a Uint32 view of the bytes reads it). */
  private readonly colours: number[] = [];
  private readonly palette = new Map<number, number>();
  private readonly encoded: Uint8Array[] = [];
  private readonly previous: Uint16Array;
  private readonly scratch: Uint16Array;
  private readonly writer = new ByteWriter();
  private storedBytes = 0;
  /** The last decoded frame's indexes, to go on from it when the next request is later. */
  private readonly cursor: Uint16Array;
  private cursorIndex = -1;

  constructor(
    readonly width: number,
    readonly height: number,
    readonly keyframeEvery = DEFAULT_KEYFRAME_EVERY,
  ) {
    const pixels = width * height;
    this.previous = new Uint16Array(pixels);
    this.scratch = new Uint16Array(pixels);
    this.cursor = new Uint16Array(pixels);
  }

  /** Frames stored. */
  get count(): number {
    return this.encoded.length;
  }

  /** Bytes the encoded frames take. */
  get byteLength(): number {
    return this.storedBytes;
  }

  /** Stores the next frame (`width * height * 4` RGBA bytes). */
  push(rgba: Uint8ClampedArray | Uint8Array): void {
    if (rgba.byteLength !== this.previous.length * 4)
      throw new RangeError(`expected ${this.previous.length * 4} bytes, got ${rgba.byteLength}`);
    const words = new Uint32Array(rgba.buffer, rgba.byteOffset, this.previous.length);
    const key = this.encoded.length % this.keyframeEvery === 0;
    const indexes = this.scratch;
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      let index = this.palette.get(word);
      if (index === undefined) {
        if (this.colours.length > 0xffff) throw new RangeError('more than 65536 colours');
        index = this.colours.length;
        this.colours.push(word);
        this.palette.set(word, index);
      }
      indexes[i] = index;
    }
    const w = this.writer;
    w.reset();
    let run = 0;
    let value = -1;
    for (let i = 0; i < indexes.length; i++) {
      const v = key ? indexes[i] : indexes[i] ^ this.previous[i];
      if (v === value) run++;
      else {
        if (run > 0) {
          w.varint(value);
          w.varint(run);
        }
        value = v;
        run = 1;
      }
    }
    w.varint(value);
    w.varint(run);
    this.previous.set(indexes);
    const bytes = w.copy();
    this.encoded.push(bytes);
    this.storedBytes += bytes.length;
  }

  /** Writes frame `index`'s RGBA bytes into `out` (`width * height * 4` bytes). */
  decode(index: number, out: Uint8ClampedArray | Uint8Array): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.encoded.length)
      throw new RangeError(`frame ${index} is not stored (0..${this.encoded.length - 1})`);
    const block = Math.floor(index / this.keyframeEvery);
    let from: number;
    if (
      this.cursorIndex >= 0 &&
      this.cursorIndex <= index &&
      Math.floor(this.cursorIndex / this.keyframeEvery) === block
    ) {
      from = this.cursorIndex + 1;
    } else {
      from = block * this.keyframeEvery;
    }
    for (let f = from; f <= index; f++) this.apply(f);
    this.cursorIndex = index;
    if (out.byteLength !== this.cursor.length * 4)
      throw new RangeError(`expected ${this.cursor.length * 4} bytes, got ${out.byteLength}`);
    const words = new Uint32Array(out.buffer, out.byteOffset, this.cursor.length);
    for (let i = 0; i < words.length; i++) words[i] = this.colours[this.cursor[i]];
  }

  private apply(frame: number): void {
    const bytes = this.encoded[frame];
    const key = frame % this.keyframeEvery === 0;
    const target = this.cursor;
    let at = 0;
    let pixel = 0;
    const read = (): number => {
      let result = 0;
      let shift = 0;
      let byte: number;
      do {
        byte = bytes[at++];
        result |= (byte & 0x7f) << shift;
        shift += 7;
      } while (byte & 0x80);
      return result >>> 0;
    };
    while (at < bytes.length) {
      const value = read();
      const run = read();
      const end = pixel + run;
      if (key) target.fill(value, pixel, end);
      else if (value !== 0) for (let i = pixel; i < end; i++) target[i] ^= value;
      pixel = end;
    }
  }
}
