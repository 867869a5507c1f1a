import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveSeed, nextRandom, randomInt, Rng } from './rng.js';

describe('nextRandom', () => {
  it('gives the same sequence from the same state', () => {
    const run = (state: number): number[] => {
      const values: number[] = [];
      for (let i = 0; i < 20; i++) {
        const r = nextRandom(state);
        values.push(r.value);
        state = r.state;
      }
      return values;
    };
    expect(run(42)).toStrictEqual(run(42));
    expect(run(42)).not.toStrictEqual(run(43));
  });

  it('matches the reference mulberry32 sequence', () => {
    // Reference values of mulberry32 seeded with 1 (first three outputs * 2^32).
    let state = 1;
    const words: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = nextRandom(state);
      words.push(r.value * 4294967296);
      state = r.state;
    }
    expect(words).toStrictEqual([2693262067, 11749833, 2265367787]);
  });

  it('keeps values in [0, 1) and the state a uint32', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        const r = nextRandom(seed);
        expect(r.value).toBeGreaterThanOrEqual(0);
        expect(r.value).toBeLessThan(1);
        expect(Number.isInteger(r.state)).toBe(true);
        expect(r.state).toBeGreaterThanOrEqual(0);
        expect(r.state).toBeLessThanOrEqual(0xffffffff);
      }),
    );
  });

  it('is roughly uniform', () => {
    const buckets = new Array<number>(10).fill(0);
    let state = 7;
    for (let i = 0; i < 10000; i++) {
      const r = nextRandom(state);
      buckets[Math.floor(r.value * 10)]++;
      state = r.state;
    }
    for (const count of buckets) {
      expect(count).toBeGreaterThan(850);
      expect(count).toBeLessThan(1150);
    }
  });
});

describe('randomInt', () => {
  it('gives integers in [0, n) and hits every value', () => {
    const seen = new Set<number>();
    let state = 123;
    for (let i = 0; i < 500; i++) {
      const r = randomInt(state, 5);
      expect(Number.isInteger(r.value)).toBe(true);
      expect(r.value).toBeGreaterThanOrEqual(0);
      expect(r.value).toBeLessThan(5);
      seen.add(r.value);
      state = r.state;
    }
    expect([...seen].sort()).toStrictEqual([0, 1, 2, 3, 4]);
  });

  it('advances the state like nextRandom', () => {
    expect(randomInt(99, 6).state).toBe(nextRandom(99).state);
  });

  it('rejects n that is not a positive integer', () => {
    expect(() => randomInt(1, 0)).toThrow(RangeError);
    expect(() => randomInt(1, 2.5)).toThrow(RangeError);
    expect(() => randomInt(1, -3)).toThrow(RangeError);
  });
});

describe('deriveSeed', () => {
  it('is deterministic and a uint32', () => {
    const a = deriveSeed(2024, 'episode', 3);
    expect(deriveSeed(2024, 'episode', 3)).toBe(a);
    expect(Number.isInteger(a)).toBe(true);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(a).toBeLessThanOrEqual(0xffffffff);
  });

  it('separates seeds, labels, numbers from strings and part boundaries', () => {
    const seeds = [
      deriveSeed(1, 'episode', 0),
      deriveSeed(1, 'episode', 1),
      deriveSeed(2, 'episode', 0),
      deriveSeed(1, 'map'),
      deriveSeed(1, 'episode', '0'),
      deriveSeed(1, 'ab', 'c'),
      deriveSeed(1, 'a', 'bc'),
      deriveSeed(1),
      deriveSeed(2 ** 40, 'map'),
      deriveSeed(0, 'map'),
      deriveSeed(1, 0.5),
    ];
    expect(new Set(seeds).size).toBe(seeds.length);
  });

  it('has no collisions over consecutive episode indices', () => {
    const seeds = new Set<number>();
    for (let i = 0; i < 5000; i++) seeds.add(deriveSeed(77, 'episode', i));
    expect(seeds.size).toBe(5000);
  });

  it('spreads the bits (avalanche) for neighbouring inputs', () => {
    let differing = 0;
    for (let i = 0; i < 200; i++) {
      const x = (deriveSeed(i, 'x') ^ deriveSeed(i + 1, 'x')) >>> 0;
      differing += x.toString(2).replace(/0/g, '').length;
    }
    // About half of the 32 bits should flip on average.
    expect(differing / 200).toBeGreaterThan(12);
    expect(differing / 200).toBeLessThan(20);
  });
});

describe('Rng', () => {
  it('wraps the pure functions and exposes its state', () => {
    const rng = new Rng(5);
    const first = nextRandom(5);
    expect(rng.next()).toBe(first.value);
    expect(rng.state).toBe(first.state);
    const second = randomInt(first.state, 10);
    expect(rng.int(10)).toBe(second.value);
    expect(rng.state).toBe(second.state);
  });
});
