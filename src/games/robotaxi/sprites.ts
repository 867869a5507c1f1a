/**
 * The RoboTaxi palette and the drawings of the cells and the rover, built from rectangles, discs
 * and triangles in cell-relative units (0..1 of a cell), so they scale to any cell size.
 */
import type { Raster, Rgb } from './raster.js';
import { packRgb } from './raster.js';
import type { Orientation } from './types.js';

/** Every colour the renderer uses; each item has a colour used by nothing else. */
export const PALETTE = {
  background: [27, 31, 42],
  hudText: [240, 240, 240],
  hudAccent: [255, 214, 90],
  floor: [232, 228, 214],
  gridLine: [208, 202, 184],
  wall: [60, 70, 82],
  wallInner: [78, 90, 104],
  bomb: [38, 38, 38],
  bombShine: [120, 120, 120],
  fuse: [150, 110, 60],
  spark: [235, 60, 30],
  acorn: [181, 101, 29],
  acornCap: [107, 68, 35],
  squirrel: [226, 128, 44],
  squirrelTail: [196, 98, 24],
  eye: [10, 10, 10],
  rover: [31, 111, 214],
  roverNose: [255, 204, 0],
  badge: [255, 255, 255],
} as const satisfies Record<string, Rgb>;

export type PaletteName = keyof typeof PALETTE;

/** `PALETTE` packed for `Raster` fills. */
export const COLORS: Readonly<Record<PaletteName, number>> = Object.fromEntries(
  Object.entries(PALETTE).map(([name, rgb]) => [name, packRgb(rgb)]),
) as Record<PaletteName, number>;

/** Draws in the coordinates of one cell: `(0, 0)` its top-left corner, `(1, 1)` its bottom-right. */
class CellPen {
  constructor(
    private readonly raster: Raster,
    private readonly left: number,
    private readonly top: number,
    private readonly size: number,
  ) {}

  rect(x0: number, y0: number, x1: number, y1: number, color: PaletteName): void {
    const px0 = this.left + Math.round(x0 * this.size);
    const py0 = this.top + Math.round(y0 * this.size);
    const px1 = this.left + Math.round(x1 * this.size);
    const py1 = this.top + Math.round(y1 * this.size);
    this.raster.rect(px0, py0, px1 - px0, py1 - py0, COLORS[color]);
  }

  disc(cx: number, cy: number, radius: number, color: PaletteName): void {
    this.raster.disc(
      this.left + cx * this.size,
      this.top + cy * this.size,
      radius * this.size,
      COLORS[color],
    );
  }

  polygon(points: readonly (readonly [number, number])[], color: PaletteName): void {
    this.raster.triangle(
      points.map(([x, y]) => [this.left + x * this.size, this.top + y * this.size] as const),
      COLORS[color],
    );
  }
}

export function drawWall(raster: Raster, left: number, top: number, size: number): void {
  raster.rect(left, top, size, size, COLORS.wall);
  const inset = Math.max(1, Math.round(size / 8));
  raster.rect(left + inset, top + inset, size - 2 * inset, size - 2 * inset, COLORS.wallInner);
}

export function drawBomb(raster: Raster, left: number, top: number, size: number): void {
  const pen = new CellPen(raster, left, top, size);
  pen.rect(0.46, 0.14, 0.54, 0.3, 'fuse');
  pen.disc(0.5, 0.58, 0.3, 'bomb');
  pen.disc(0.4, 0.48, 0.07, 'bombShine');
  pen.disc(0.56, 0.14, 0.08, 'spark');
}

export function drawAcorn(raster: Raster, left: number, top: number, size: number): void {
  const pen = new CellPen(raster, left, top, size);
  pen.disc(0.5, 0.6, 0.26, 'acorn');
  pen.rect(0.22, 0.3, 0.78, 0.46, 'acornCap');
  pen.rect(0.46, 0.16, 0.54, 0.3, 'acornCap');
}

export function drawSquirrel(raster: Raster, left: number, top: number, size: number): void {
  const pen = new CellPen(raster, left, top, size);
  pen.disc(0.7, 0.42, 0.22, 'squirrelTail');
  pen.disc(0.42, 0.66, 0.22, 'squirrel');
  pen.polygon(
    [
      [0.26, 0.28],
      [0.3, 0.12],
      [0.38, 0.26],
    ],
    'squirrel',
  );
  pen.disc(0.34, 0.36, 0.15, 'squirrel');
  pen.disc(0.3, 0.34, 0.04, 'eye');
}

/** The rover's nose, pointing up from the cell centre; turned for the other headings. */
const NOSE_UP: readonly (readonly [number, number])[] = [
  [0, -0.44],
  [0.26, 0.04],
  [-0.26, 0.04],
];

function turn([x, y]: readonly [number, number], orientation: Orientation): [number, number] {
  switch (orientation) {
    case 'UP':
      return [x, y];
    case 'RIGHT':
      return [-y, x];
    case 'DOWN':
      return [-x, -y];
    case 'LEFT':
      return [y, -x];
  }
}

/** The rover: a square body with a nose toward its heading, and a badge when it has the acorn. */
export function drawRover(
  raster: Raster,
  left: number,
  top: number,
  size: number,
  orientation: Orientation,
  hasAcorn: boolean,
): void {
  const pen = new CellPen(raster, left, top, size);
  pen.rect(0.16, 0.16, 0.84, 0.84, 'rover');
  pen.polygon(
    NOSE_UP.map((p) => {
      const [x, y] = turn(p, orientation);
      return [0.5 + x, 0.5 + y] as const;
    }),
    'roverNose',
  );
  if (hasAcorn) {
    pen.disc(0.8, 0.8, 0.19, 'badge');
    pen.disc(0.8, 0.84, 0.12, 'acorn');
    pen.rect(0.68, 0.68, 0.92, 0.76, 'acornCap');
  }
}
