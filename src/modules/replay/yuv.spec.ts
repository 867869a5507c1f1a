import { describe, expect, it } from 'vitest';
import { rgbaToYuv420p, yuv420pBytes } from './yuv.js';

function solid(width: number, height: number, [r, g, b]: number[]): Uint8Array {
  const out = new Uint8Array(width * height * 4);
  for (let i = 0; i < out.length; i += 4) out.set([r, g, b, 255], i);
  return out;
}

describe('rgbaToYuv420p (BT.601, limited range)', () => {
  it.each([
    ['black', [0, 0, 0], [16, 128, 128]],
    ['white', [255, 255, 255], [235, 128, 128]],
    ['red', [255, 0, 0], [82, 90, 240]],
    ['green', [0, 255, 0], [144, 54, 34]],
    ['blue', [0, 0, 255], [41, 240, 110]],
    ['rover blue', [31, 111, 214], [101, 185, 86]],
  ])('converts %s', (_name, rgb, [y, u, v]) => {
    const out = rgbaToYuv420p(solid(4, 2, rgb), 4, 2);
    expect(out).toHaveLength(yuv420pBytes(4, 2));
    expect([...out.subarray(0, 8)]).toEqual(Array(8).fill(y));
    expect([...out.subarray(8, 10)]).toEqual([u, u]);
    expect([...out.subarray(10, 12)]).toEqual([v, v]);
  });

  it('lays out the planes Y, U, V and averages chroma over each 2x2 block', () => {
    const rgba = new Uint8Array(4 * 2 * 4);
    // Left block: white and black columns (grey chroma); right block: all red.
    for (let y = 0; y < 2; y++)
      for (let x = 0; x < 4; x++) {
        const c = x === 0 ? [255, 255, 255] : x === 1 ? [0, 0, 0] : [255, 0, 0];
        rgba.set([...c, 255], (y * 4 + x) * 4);
      }
    const out = rgbaToYuv420p(rgba, 4, 2);
    expect([...out.subarray(0, 4)]).toEqual([235, 16, 82, 82]);
    expect([...out.subarray(4, 8)]).toEqual([235, 16, 82, 82]);
    expect([...out.subarray(8, 10)]).toEqual([128, 90]);
    expect([...out.subarray(10, 12)]).toEqual([128, 240]);
  });

  it('stays within one step of the exact BT.601 formula', () => {
    for (let i = 0; i < 500; i++) {
      const [r, g, b] = [(i * 37) % 256, (i * 91) % 256, (i * 53) % 256];
      const out = rgbaToYuv420p(solid(2, 2, [r, g, b]), 2, 2);
      const y = 16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255;
      const u = 128 + (-37.797 * r - 74.203 * g + 112 * b) / 255;
      const v = 128 + (112 * r - 93.786 * g - 18.214 * b) / 255;
      expect(Math.abs(out[0] - y)).toBeLessThanOrEqual(1);
      expect(Math.abs(out[4] - u)).toBeLessThanOrEqual(1);
      expect(Math.abs(out[5] - v)).toBeLessThanOrEqual(1);
    }
  });

  it('refuses odd sizes and wrong lengths', () => {
    expect(() => rgbaToYuv420p(new Uint8Array(3 * 2 * 4), 3, 2)).toThrow(/even/);
    expect(() => rgbaToYuv420p(new Uint8Array(10), 4, 2)).toThrow(/RGBA bytes/);
  });
});
