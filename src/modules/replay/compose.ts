/**
 * Composes a video frame (pure): the game picture, scaled by whole pixels, and the overlay band
 * drawn with the games' own 5x7 bitmap font. We draw the overlay ourselves rather than with
 * ffmpeg's drawtext, which needs a font file and a build of ffmpeg with libfreetype.
 */
import { drawText, textWidth } from '../../games/robotaxi/font.js';
import { packRgb, Raster } from '../../games/robotaxi/raster.js';
import type { FrameLayout } from './render-options.js';

export const OVERLAY_COLORS = {
  background: packRgb([16, 18, 24]),
  band: packRgb([0, 0, 0]),
  text: packRgb([240, 240, 240]),
  accent: packRgb([255, 214, 90]),
};

/** A picture as RGBA bytes (Uint8ClampedArray from the renderer, or pixels of the emulator). */
export interface Picture {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** `m:ss` (or `h:mm:ss`) of a whole number of seconds. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

export interface BandText {
  left: string;
  right: string;
}

/**
 * One reusable frame: the background is drawn once; each frame redraws the picture, and the band
 * when its text changed (the picture box never overlaps the band).
 */
export class FrameComposer {
  readonly raster: Raster;
  private readonly words: Uint32Array;
  private lastBand: BandText | null = null;

  constructor(readonly layout: FrameLayout) {
    this.raster = new Raster(layout.width, layout.height);
    this.words = new Uint32Array(this.raster.data.buffer);
    this.words.fill(OVERLAY_COLORS.background);
  }

  /** Copies `picture` into the layout's picture box, each pixel `scaleX` x `scaleY`. */
  picture(picture: Picture): this {
    const { x, y, scaleX, scaleY } = this.layout.picture;
    const src = new Uint32Array(
      picture.data.buffer,
      picture.data.byteOffset,
      picture.width * picture.height,
    );
    const out = this.words;
    const stride = this.layout.width;
    const rowWidth = picture.width * scaleX;
    for (let row = 0; row < picture.height; row++) {
      const top = (y + row * scaleY) * stride + x;
      const from = row * picture.width;
      if (scaleX === 1) {
        out.set(src.subarray(from, from + picture.width), top);
      } else {
        // A plain loop: typed-array fill() costs more than it saves for a few pixels.
        for (let col = 0, at = top; col < picture.width; col++) {
          const word = src[from + col];
          for (let r = 0; r < scaleX; r++) out[at++] = word;
        }
      }
      for (let r = 1; r < scaleY; r++) out.copyWithin(top + r * stride, top, top + rowWidth);
    }
    return this;
  }

  /** The band: `left` text left-aligned, `right` text right-aligned (redrawn when it changes). */
  band(text: BandText): this {
    if (this.lastBand?.left === text.left && this.lastBand.right === text.right) return this;
    this.lastBand = { ...text };
    const { font, padding, top, height } = this.layout.band;
    const width = this.layout.width;
    this.words.fill(OVERLAY_COLORS.band, top * width, (top + height) * width);
    drawText(this.raster, text.left, padding, top + padding, font, OVERLAY_COLORS.text);
    const w = textWidth(text.right, font);
    drawText(
      this.raster,
      text.right,
      width - padding - w,
      top + padding,
      font,
      OVERLAY_COLORS.accent,
    );
    return this;
  }

  /** The frame's RGBA bytes (the composer's own buffer: copy it before composing the next). */
  get rgba(): Uint8ClampedArray {
    return this.raster.data;
  }
}
