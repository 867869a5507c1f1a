import { describe, expect, it } from 'vitest';
import { newEpisode, project } from './engine.js';
import { GLYPH_HEIGHT, GLYPH_WIDTH, GLYPHS, textWidth } from './font.js';
import { parseLevel, PRACTICE_LEVEL } from './maps.js';
import type { Rgb } from './raster.js';
import {
  formatScore,
  formatSeconds,
  frameSize,
  hudFields,
  hudLayout,
  MAX_SCALE,
  MIN_SCALE,
  render,
} from './render.js';
import { PALETTE } from './sprites.js';
import type { GameState, GameView, Hud, Orientation, RgbaImage } from './types.js';
import { Cell, ORIENTATIONS } from './types.js';

const HUD: Hud = { round: 2, rounds: 3, practice: false, stepsLeft: 88, secondsLeft: 44 };

function practiceState(patch: Partial<GameState> = {}): GameState {
  return { ...newEpisode(parseLevel(PRACTICE_LEVEL), 1, 3), ...patch };
}

function teacherView(patch: Partial<GameState> = {}): GameView {
  return project(practiceState(patch), 'teacher');
}

/** Pixels of exactly this colour, optionally within a rectangle. */
function countColor(
  image: RgbaImage,
  [r, g, b]: Rgb,
  area = { x: 0, y: 0, w: image.width, h: image.height },
): number {
  let count = 0;
  for (let y = area.y; y < area.y + area.h; y++) {
    for (let x = area.x; x < area.x + area.w; x++) {
      const i = (y * image.width + x) * 4;
      if (image.data[i] === r && image.data[i + 1] === g && image.data[i + 2] === b) count++;
    }
  }
  return count;
}

function pixel(image: RgbaImage, x: number, y: number): number[] {
  const i = (y * image.width + x) * 4;
  return [...image.data.slice(i, i + 4)];
}

describe('frameSize', () => {
  it('gives even sizes for every grid and scale', () => {
    for (const rows of [5, 7, 12, 13, 40]) {
      for (const cols of [5, 9, 12, 33]) {
        for (const scale of [8, 9, 15, 32, 63, 64]) {
          for (const hud of [false, true]) {
            const { width, height } = frameSize(rows, cols, scale, hud);
            expect(width % 2).toBe(0);
            expect(height % 2).toBe(0);
            expect(width - cols * scale).toBeLessThanOrEqual(1);
            expect(width).toBeGreaterThanOrEqual(cols * scale);
            expect(height).toBeGreaterThanOrEqual(rows * scale);
          }
        }
      }
    }
  });

  it('adds the HUD band to the height only', () => {
    expect(frameSize(12, 12, 32, false)).toStrictEqual({ width: 384, height: 384 });
    const withHud = frameSize(12, 12, 32, true);
    expect(withHud.width).toBe(384);
    expect(withHud.height).toBe(384 + hudLayout(12, 32).height + (hudLayout(12, 32).height % 2));
  });

  it('refuses scales outside 8..64 and non-integers', () => {
    expect(MIN_SCALE).toBe(8);
    expect(MAX_SCALE).toBe(64);
    for (const scale of [7, 65, 8.5, 0, Number.NaN]) {
      expect(() => frameSize(12, 12, scale, false)).toThrow(RangeError);
      expect(() => render(teacherView(), scale)).toThrow(RangeError);
    }
  });
});

describe('render', () => {
  it('fills an opaque RGBA buffer of the frame size', () => {
    for (const [scale, hud] of [
      [8, null],
      [9, HUD],
      [32, HUD],
      [17, null],
    ] as const) {
      const image = render(teacherView(), scale, hud);
      expect({ width: image.width, height: image.height }).toStrictEqual(
        frameSize(12, 12, scale, hud !== null),
      );
      expect(image.data).toBeInstanceOf(Uint8ClampedArray);
      expect(image.data.length).toBe(image.width * image.height * 4);
      for (let i = 3; i < image.data.length; i += 4) {
        if (image.data[i] !== 255) throw new Error(`alpha ${image.data[i]} at byte ${i}`);
      }
    }
  });

  it('is deterministic', () => {
    const a = render(teacherView(), 32, HUD);
    const b = render(teacherView(), 32, HUD);
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(true);
  });

  it('draws walls at the border and floor inside', () => {
    const image = render(teacherView(), 16);
    expect(pixel(image, 0, 0)).toStrictEqual([...PALETTE.wall, 255]);
    // Cell (row 6, col 6) is empty: its centre is floor.
    expect(pixel(image, 6 * 16 + 8, 6 * 16 + 8)).toStrictEqual([...PALETTE.floor, 255]);
  });

  it('shows the items to the teacher only', () => {
    const teacher = render(teacherView(), 32);
    const wizard = render(project(practiceState(), 'wizard'), 32);
    for (const colour of [PALETTE.bomb, PALETTE.spark, PALETTE.acorn, PALETTE.squirrel]) {
      expect(countColor(teacher, colour)).toBeGreaterThan(0);
      expect(countColor(wizard, colour)).toBe(0);
    }
    expect(countColor(wizard, PALETTE.wall)).toBe(countColor(teacher, PALETTE.wall));
    expect(countColor(wizard, PALETTE.rover)).toBe(countColor(teacher, PALETTE.rover));
  });

  it('draws one bomb per bomb cell', () => {
    const all = countColor(render(teacherView(), 32), PALETTE.bomb);
    const map = teacherView().map.map((row) => row.slice());
    map[5][5] = Cell.Empty;
    const fewer = countColor(render({ ...teacherView(), map }, 32), PALETTE.bomb);
    expect(fewer).toBeGreaterThan(0);
    expect(fewer * 3).toBe(all * 2);
  });

  it('points the rover toward its heading', () => {
    const scale = 32;
    const rover = { x: 6, y: 6 };
    const images = ORIENTATIONS.map((orientation) =>
      render(teacherView({ rover: { ...rover, orientation } }), scale),
    );
    const keys = new Set(images.map((image) => Buffer.from(image.data).toString('base64')));
    expect(keys.size).toBe(4);
    const centre = { x: (rover.x + 0.5) * scale, y: (rover.y + 0.5) * scale };
    const expected: Record<Orientation, [number, number]> = {
      UP: [0, -1],
      RIGHT: [1, 0],
      DOWN: [0, 1],
      LEFT: [-1, 0],
    };
    ORIENTATIONS.forEach((orientation, i) => {
      const image = images[i];
      let sx = 0;
      let sy = 0;
      let n = 0;
      const [r, g, b] = PALETTE.roverNose;
      for (let y = rover.y * scale; y < (rover.y + 1) * scale; y++) {
        for (let x = rover.x * scale; x < (rover.x + 1) * scale; x++) {
          const j = (y * image.width + x) * 4;
          if (image.data[j] === r && image.data[j + 1] === g && image.data[j + 2] === b) {
            sx += x + 0.5;
            sy += y + 0.5;
            n++;
          }
        }
      }
      expect(n).toBeGreaterThan(20);
      const [dx, dy] = expected[orientation];
      const ox = sx / n - centre.x;
      const oy = sy / n - centre.y;
      // The nose's centroid lies ahead of the centre, and not sideways.
      expect(ox * dx + oy * dy).toBeGreaterThan(scale / 10);
      expect(Math.abs(ox * dy - oy * dx)).toBeLessThan(1);
    });
  });

  it('badges the rover when it holds the acorn', () => {
    expect(countColor(render(teacherView({ hasAcorn: true }), 32), PALETTE.badge)).toBeGreaterThan(
      0,
    );
    expect(countColor(render(teacherView({ hasAcorn: false }), 32), PALETTE.badge)).toBe(0);
    const wizard = render(project(practiceState({ hasAcorn: true }), 'wizard'), 32);
    expect(countColor(wizard, PALETTE.acorn)).toBeGreaterThan(0);
  });

  it('draws the HUD band above the grid', () => {
    const layout = hudLayout(12, 32);
    const band = { x: 0, y: 0, w: 384, h: layout.height };
    const withHud = render(teacherView(), 32, HUD);
    expect(countColor(withHud, PALETTE.hudText, band)).toBeGreaterThan(0);
    expect(countColor(withHud, PALETTE.hudAccent, band)).toBeGreaterThan(0);
    expect(countColor(render(teacherView(), 32), PALETTE.hudText)).toBe(0);
    // The grid starts below the band: its top-left cell is a wall.
    expect(pixel(withHud, 0, layout.height)).toStrictEqual([...PALETTE.wall, 255]);
  });

  it('changes the HUD with the score, the round and the time', () => {
    const base = render(teacherView(), 32, HUD);
    const variants = [
      render(teacherView({ score: -7 }), 32, HUD),
      render(teacherView(), 32, { ...HUD, practice: true }),
      render(teacherView(), 32, { ...HUD, secondsLeft: 12 }),
      render(teacherView(), 32, { ...HUD, stepsLeft: 3 }),
    ];
    for (const variant of variants) {
      expect(Buffer.from(variant.data).equals(Buffer.from(base.data))).toBe(false);
    }
  });

  it('stacks the HUD fields on narrow grids', () => {
    expect(hudLayout(12, 32).lines).toBe(2);
    expect(hudLayout(5, 8).lines).toBe(4);
    const image = render(
      project(
        newEpisode(parseLevel({ grid: ['#####', '#A.S#', '#R..#', '#...#', '#####'] }), 1, 0),
        'teacher',
      ),
      8,
      HUD,
    );
    const layout = hudLayout(5, 8);
    for (let line = 0; line < 4; line++) {
      const area = { x: 0, y: layout.padding + line * layout.lineHeight, w: 40, h: 7 };
      expect(
        countColor(image, PALETTE.hudText, area) + countColor(image, PALETTE.hudAccent, area),
      ).toBeGreaterThan(0);
    }
  });

  it('refuses a map that does not match its size', () => {
    expect(() => render({ ...teacherView(), rows: 13 }, 16)).toThrow(RangeError);
  });
});

describe('HUD text', () => {
  it('formats the fields', () => {
    expect(hudFields(HUD, -3)).toStrictEqual(['ROUND 2/3', 'SCORE -3', 'STEPS 88', 'TIME 0:44']);
    expect(
      hudFields({ ...HUD, practice: true, stepsLeft: -2, secondsLeft: 75.2 }, 0.5),
    ).toStrictEqual(['PRACTICE', 'SCORE 0.5', 'STEPS 0', 'TIME 1:16']);
    expect(formatScore(-0.001)).toBe('0');
    expect(formatScore(1 / 3)).toBe('0.33');
    expect(formatSeconds(-5)).toBe('0:00');
    expect(formatSeconds(600)).toBe('10:00');
  });

  it('fits two fields a line on the standard frame', () => {
    const layout = hudLayout(12, 32);
    const [left, right] = hudFields({ ...HUD, round: 10, rounds: 10 }, -1000);
    expect(
      textWidth(left, layout.font) + textWidth(right, layout.font) + 2 * layout.padding,
    ).toBeLessThan(384);
  });

  it('has a well-formed glyph for every character the HUD uses', () => {
    for (const [ch, rows] of Object.entries(GLYPHS)) {
      expect(rows, ch).toHaveLength(GLYPH_HEIGHT);
      for (const row of rows) expect(row, ch).toMatch(new RegExp(`^[#.]{${GLYPH_WIDTH}}$`));
    }
    const used = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -./:';
    for (const ch of used) expect(GLYPHS[ch], ch).toBeDefined();
    const shapes = new Set(Object.values(GLYPHS).map((rows) => rows.join('')));
    expect(shapes.size).toBe(Object.keys(GLYPHS).length);
  });
});
