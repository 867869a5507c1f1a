/**
 * A minimal RGBA raster with clipped, span-based fills (typed-array `fill` on a 32-bit view), for
 * the pure renderer. Pure: no canvas, no Node APIs.
 */

/** An opaque colour, 0..255 per channel. */
export type Rgb = readonly [r: number, g: number, b: number];

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The 32-bit word whose bytes in memory are `r, g, b, 255` on this platform. */
export function packRgb([r, g, b]: Rgb): number {
  return LITTLE_ENDIAN
    ? ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0
    : ((r << 24) | (g << 16) | (b << 8) | 255) >>> 0;
}

export class Raster {
  /** RGBA bytes, row-major. */
  readonly data: Uint8ClampedArray;
  private readonly words: Uint32Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    const buffer = new ArrayBuffer(width * height * 4);
    this.data = new Uint8ClampedArray(buffer);
    this.words = new Uint32Array(buffer);
  }

  /** Pixels `[x0, x1)` of row `y`, clipped to the raster; `color` from `packRgb`. */
  span(y: number, x0: number, x1: number, color: number): void {
    if (y < 0 || y >= this.height) return;
    const from = Math.max(0, x0);
    const to = Math.min(this.width, x1);
    if (to <= from) return;
    const row = y * this.width;
    this.words.fill(color, row + from, row + to);
  }

  /** An axis-aligned rectangle of integer pixel coordinates. */
  rect(x: number, y: number, w: number, h: number, color: number): void {
    const y0 = Math.max(0, y);
    const y1 = Math.min(this.height, y + h);
    for (let row = y0; row < y1; row++) this.span(row, x, x + w, color);
  }

  /** A filled disc; centre and radius in (fractional) pixels. */
  disc(cx: number, cy: number, radius: number, color: number): void {
    const top = Math.floor(cy - radius);
    const bottom = Math.ceil(cy + radius);
    for (let y = top; y < bottom; y++) {
      const dy = y + 0.5 - cy;
      if (Math.abs(dy) > radius) continue;
      const half = Math.sqrt(radius * radius - dy * dy);
      this.span(y, Math.round(cx - half), Math.round(cx + half), color);
    }
  }

  /** A filled triangle; corners in (fractional) pixels. Pixels whose centre lies inside. */
  triangle(points: readonly (readonly [number, number])[], color: number): void {
    const ys = points.map((p) => p[1]);
    const top = Math.floor(Math.min(...ys));
    const bottom = Math.ceil(Math.max(...ys));
    for (let y = top; y < bottom; y++) {
      const yc = y + 0.5;
      let left = Infinity;
      let right = -Infinity;
      for (let i = 0; i < points.length; i++) {
        const [ax, ay] = points[i];
        const [bx, by] = points[(i + 1) % points.length];
        if (ay === by || yc < Math.min(ay, by) || yc > Math.max(ay, by)) continue;
        const x = ax + ((yc - ay) * (bx - ax)) / (by - ay);
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
      if (left <= right) this.span(y, Math.round(left), Math.round(right), color);
    }
  }
}
