/**
 * A seeded pseudo-random generator whose whole state is one uint32, so that it serialises into a
 * game state as a plain number and a resumed game continues bit for bit (mulberry32).
 *
 * Pure integer maths (Math.imul, shifts): identical results in Node and every browser.
 */

const UINT32 = 4294967296;

/** Advances the generator: a value in [0, 1) and the next state (a uint32). */
export function nextRandom(state: number): { value: number; state: number } {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  const value = ((t ^ (t >>> 14)) >>> 0) / UINT32;
  return { value, state: next };
}

/** An integer in [0, n) and the next state. `n` must be a positive integer. */
export function randomInt(state: number, n: number): { value: number; state: number } {
  if (!Number.isInteger(n) || n < 1 || n > UINT32) {
    throw new RangeError(`randomInt: n must be an integer in 1..2^32, got ${n}`);
  }
  const r = nextRandom(state);
  return { value: Math.floor(r.value * n), state: r.state };
}

function mixWord(h: number, word: number): number {
  let k = Math.imul(word | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  let m = h ^ k;
  m = (m << 13) | (m >>> 19);
  return (Math.imul(m, 5) + 0xe6546b64) | 0;
}

function finalise(h: number): number {
  let m = h ^ (h >>> 16);
  m = Math.imul(m, 0x85ebca6b);
  m ^= m >>> 13;
  m = Math.imul(m, 0xc2b2ae35);
  m ^= m >>> 16;
  return m >>> 0;
}

function mixString(h: number, tag: number, text: string): number {
  let m = mixWord(mixWord(h, tag), text.length);
  for (let i = 0; i < text.length; i++) m = mixWord(m, text.charCodeAt(i));
  return m;
}

function mixNumber(h: number, n: number): number {
  if (Number.isSafeInteger(n)) {
    const low = (n % UINT32) >>> 0;
    const high = Math.floor(n / UINT32) | 0;
    return mixWord(mixWord(mixWord(h, 1), low), high);
  }
  // Fractions, infinities, NaN: by their (canonical) decimal text.
  return mixString(h, 3, String(n));
}

/**
 * A well-mixed uint32 from a seed and labels, e.g. `deriveSeed(sessionSeed, 'episode', 3)`.
 * Deterministic; the number 3 and the string '3' give different seeds, and so do
 * `('ab', 'c')` and `('a', 'bc')`.
 */
export function deriveSeed(seed: number, ...parts: (string | number)[]): number {
  let h = mixNumber(0x5eed, seed);
  for (const part of parts) {
    h = typeof part === 'number' ? mixNumber(h, part) : mixString(h, 2, part);
  }
  return finalise(mixWord(h, parts.length));
}

/** A small mutable convenience wrapper around the pure functions above. */
export class Rng {
  private current: number;

  constructor(state: number) {
    this.current = state >>> 0;
  }

  /** A value in [0, 1). */
  next(): number {
    const r = nextRandom(this.current);
    this.current = r.state;
    return r.value;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    const r = randomInt(this.current, n);
    this.current = r.state;
    return r.value;
  }

  get state(): number {
    return this.current;
  }
}
