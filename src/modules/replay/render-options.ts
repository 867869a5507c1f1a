/**
 * What a render is asked for, with each game's defaults, and where the picture goes in the frame.
 * Pure: no Nest, no I/O.
 */
import { frameSize, MAX_SCALE, MIN_SCALE } from '../../games/robotaxi/render.js';
import { SCREEN_HEIGHT, SCREEN_WIDTH } from '../../games/atari/machine.js';
import { GLYPH_HEIGHT } from '../../games/robotaxi/font.js';

export const RENDER_AUDIO_MODES = ['mix', 'separate', 'none'] as const;
export type RenderAudioMode = (typeof RENDER_AUDIO_MODES)[number];
export const RENDER_CONTAINERS = ['mp4', 'mov'] as const;
export type RenderContainer = (typeof RENDER_CONTAINERS)[number];

export const RENDER_LIMITS = {
  minFps: 1,
  maxFps: 60,
  minWidth: 160,
  maxWidth: 3840,
  minHeight: 120,
  maxHeight: 2160,
} as const;

/** The options as stored on the render: every field resolved (the game's default where not asked). */
export interface RenderOptions {
  fps: number;
  width: number;
  height: number;
  /** Audio tracks mixed into one stream, one stream per track, or no audio. */
  audio: RenderAudioMode;
  container: RenderContainer;
}

export type RenderGameKind = 'robotaxi' | 'atari';

export const gameKindOf = (game: string): RenderGameKind =>
  game === 'robotaxi' ? 'robotaxi' : 'atari';

/** RoboTaxi: 720p at 30 fps. Atari: the native 60 fps, 640x480 (the 2600's wide pixels, 4x2). */
export const DEFAULT_RENDER_OPTIONS: Record<RenderGameKind, RenderOptions> = {
  robotaxi: { fps: 30, width: 1280, height: 720, audio: 'mix', container: 'mp4' },
  atari: { fps: 60, width: 640, height: 480, audio: 'mix', container: 'mp4' },
};

export function resolveRenderOptions(
  game: RenderGameKind,
  asked: Partial<RenderOptions>,
): RenderOptions {
  const d = DEFAULT_RENDER_OPTIONS[game];
  return {
    fps: asked.fps ?? d.fps,
    width: asked.width ?? d.width,
    height: asked.height ?? d.height,
    audio: asked.audio ?? d.audio,
    container: asked.container ?? d.container,
  };
}

/** The text band under the picture (episode, step or score, elapsed time): our bitmap font. */
export interface BandLayout {
  /** Font pixel size. */
  font: number;
  padding: number;
  /** Top of the band. */
  top: number;
  height: number;
}

export function bandLayout(width: number, height: number): BandLayout {
  const font = Math.max(1, Math.floor(Math.min(height / 180, width / 320)));
  const padding = 2 * font;
  const bandHeight = GLYPH_HEIGHT * font + 2 * padding;
  return { font, padding, top: height - bandHeight, height: bandHeight };
}

/** Where the game picture goes: its top-left corner and its integer scale factors. */
export interface PictureLayout {
  x: number;
  y: number;
  /** RoboTaxi: the renderer's cell size. Atari: horizontal and vertical pixel repeats. */
  scale: number;
  scaleX: number;
  scaleY: number;
  width: number;
  height: number;
}

export interface FrameLayout {
  width: number;
  height: number;
  picture: PictureLayout;
  band: BandLayout;
}

export class LayoutError extends Error {}

function centred(
  width: number,
  areaHeight: number,
  w: number,
  h: number,
): Pick<PictureLayout, 'x' | 'y'> {
  return { x: Math.floor((width - w) / 2), y: Math.floor((areaHeight - h) / 2) };
}

/** RoboTaxi: the largest cell size at which the renderer's picture (HUD included) fits. */
export function robotaxiLayout(
  options: Pick<RenderOptions, 'width' | 'height'>,
  grid: { rows: number; cols: number },
): FrameLayout {
  const { width, height } = options;
  const band = bandLayout(width, height);
  for (let scale = MAX_SCALE; scale >= MIN_SCALE; scale--) {
    const size = frameSize(grid.rows, grid.cols, scale, true);
    if (size.width <= width && size.height <= band.top) {
      return {
        width,
        height,
        band,
        picture: {
          ...centred(width, band.top, size.width, size.height),
          scale,
          scaleX: 1,
          scaleY: 1,
          ...size,
        },
      };
    }
  }
  const least = frameSize(grid.rows, grid.cols, MIN_SCALE, true);
  throw new LayoutError(
    `a ${grid.cols}x${grid.rows} grid needs at least ${least.width}x${least.height + band.height} pixels`,
  );
}

/** Atari: the 160x212 picture repeated 2:1 (wide pixels, as on a TV) as large as it fits. */
export function atariLayout(options: Pick<RenderOptions, 'width' | 'height'>): FrameLayout {
  const { width, height } = options;
  const band = bandLayout(width, height);
  const scaleY = Math.floor(band.top / SCREEN_HEIGHT);
  const scaleX = Math.min(2 * scaleY, Math.floor(width / SCREEN_WIDTH));
  if (scaleY < 1 || scaleX < 1)
    throw new LayoutError(
      `the Atari picture needs at least ${SCREEN_WIDTH}x${SCREEN_HEIGHT + band.height} pixels`,
    );
  const w = SCREEN_WIDTH * scaleX;
  const h = SCREEN_HEIGHT * scaleY;
  return {
    width,
    height,
    band,
    picture: {
      ...centred(width, band.top, w, h),
      scale: scaleY,
      scaleX,
      scaleY,
      width: w,
      height: h,
    },
  };
}
