/**
 * The one renderer of RoboTaxi frames, used by the participant client (drawn on a canvas with
 * `putImageData`) and by the server's replay video (raw RGBA frames piped to ffmpeg). Pure and
 * deterministic: the same view, scale and HUD give identical bytes.
 *
 * Layout: an optional HUD band on top, then the grid, `scale` pixels per cell. Width and height
 * are rounded up to even numbers (H.264 yuv420p), the extra pixels in the background colour.
 */
import { drawText, GLYPH_ADVANCE, GLYPH_HEIGHT, textWidth } from './font.js';
import { Raster } from './raster.js';
import { COLORS, drawAcorn, drawBomb, drawRover, drawSquirrel, drawWall } from './sprites.js';
import type { GameView, Hud, RgbaImage } from './types.js';
import { Cell } from './types.js';

export const MIN_SCALE = 8;
export const MAX_SCALE = 64;
/** A line with two fields (left and right) needs this many characters; else one field a line. */
const TWO_COLUMN_CHARS = 22;

function checkScale(scale: number): void {
  if (!Number.isInteger(scale) || scale < MIN_SCALE || scale > MAX_SCALE) {
    throw new RangeError(`scale must be an integer in ${MIN_SCALE}..${MAX_SCALE}, got ${scale}`);
  }
}

function checkGrid(rows: number, cols: number): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) {
    throw new RangeError(`rows and cols must be positive integers, got ${rows}x${cols}`);
  }
}

function even(n: number): number {
  return n + (n % 2);
}

/** Where the HUD's text goes; a function of the grid width and the scale only. */
export interface HudLayout {
  /** Font pixel size. */
  font: number;
  padding: number;
  lineHeight: number;
  /** 2: two fields a line (left- and right-aligned); 4: one field a line. */
  lines: 2 | 4;
  height: number;
}

export function hudLayout(cols: number, scale: number): HudLayout {
  const font = Math.max(1, Math.floor(scale / 16));
  const padding = 2 * font;
  const lineHeight = (GLYPH_HEIGHT + 2) * font;
  const chars = Math.floor((cols * scale - 2 * padding) / (GLYPH_ADVANCE * font));
  const lines = chars >= TWO_COLUMN_CHARS ? 2 : 4;
  return { font, padding, lineHeight, lines, height: 2 * padding + lines * lineHeight - font };
}

/** The size of a frame; both even. */
export function frameSize(
  rows: number,
  cols: number,
  scale: number,
  withHud: boolean,
): { width: number; height: number } {
  checkScale(scale);
  checkGrid(rows, cols);
  const hud = withHud ? hudLayout(cols, scale).height : 0;
  return { width: even(cols * scale), height: even(rows * scale + hud) };
}

/** A score as shown: at most two decimals, no exponent for study-sized numbers. */
export function formatScore(score: number): string {
  const rounded = Math.round(score * 100) / 100;
  return rounded === 0 ? '0' : String(rounded);
}

/** Seconds as `m:ss`, rounded up, never negative. */
export function formatSeconds(seconds: number): string {
  const whole = Math.max(0, Math.ceil(Number.isFinite(seconds) ? seconds : 0));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** The HUD's four fields, in reading order: round, score, steps left, time left. */
export function hudFields(hud: Hud, score: number): [string, string, string, string] {
  return [
    hud.practice ? 'PRACTICE' : `ROUND ${hud.round}/${hud.rounds}`,
    `SCORE ${formatScore(score)}`,
    `STEPS ${Math.max(0, Math.round(hud.stepsLeft))}`,
    `TIME ${formatSeconds(hud.secondsLeft)}`,
  ];
}

function drawHud(raster: Raster, layout: HudLayout, gridWidth: number, fields: string[]): void {
  const { font, padding, lineHeight } = layout;
  const colors = [COLORS.hudText, COLORS.hudAccent, COLORS.hudText, COLORS.hudText];
  fields.forEach((text, i) => {
    if (layout.lines === 4) {
      drawText(raster, text, padding, padding + i * lineHeight, font, colors[i]);
      return;
    }
    const y = padding + Math.floor(i / 2) * lineHeight;
    const x = i % 2 === 0 ? padding : gridWidth - padding - textWidth(text, font);
    drawText(raster, text, x, y, font, colors[i]);
  });
}

function drawGrid(raster: Raster, view: GameView, scale: number, top: number): void {
  const width = view.cols * scale;
  const height = view.rows * scale;
  raster.rect(0, top, width, height, COLORS.floor);
  for (let r = 0; r < view.rows; r++) raster.span(top + r * scale, 0, width, COLORS.gridLine);
  for (let c = 0; c < view.cols; c++) raster.rect(c * scale, top, 1, height, COLORS.gridLine);
  for (let r = 0; r < view.rows; r++) {
    const row = view.map[r];
    for (let c = 0; c < view.cols; c++) {
      const cell = row[c];
      const left = c * scale;
      const y = top + r * scale;
      switch (cell) {
        case Cell.Empty:
          break;
        case Cell.Wall:
          drawWall(raster, left, y, scale);
          break;
        case Cell.Bomb:
          drawBomb(raster, left, y, scale);
          break;
        case Cell.Acorn:
          drawAcorn(raster, left, y, scale);
          break;
        case Cell.Squirrel:
          drawSquirrel(raster, left, y, scale);
          break;
      }
    }
  }
  const { x, y, orientation } = view.rover;
  drawRover(raster, x * scale, top + y * scale, scale, orientation, view.hasAcorn);
}

/**
 * Renders a view: `scale` pixels per cell (an integer in 8..64), with the HUD band on top when
 * `hud` is given. The wizard's view has no items because `project` blanked them.
 */
export function render(view: GameView, scale: number, hud?: Hud | null): RgbaImage {
  const { width, height } = frameSize(
    view.rows,
    view.cols,
    scale,
    hud !== undefined && hud !== null,
  );
  if (view.map.length !== view.rows || view.map.some((row) => row.length !== view.cols)) {
    throw new RangeError(`view.map is not ${view.rows}x${view.cols}`);
  }
  const raster = new Raster(width, height);
  raster.rect(0, 0, width, height, COLORS.background);
  let top = 0;
  if (hud !== undefined && hud !== null) {
    const layout = hudLayout(view.cols, scale);
    drawHud(raster, layout, view.cols * scale, hudFields(hud, view.score));
    top = layout.height;
  }
  drawGrid(raster, view, scale, top);
  return { width, height, data: raster.data };
}
