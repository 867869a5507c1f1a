import { describe, expect, it } from 'vitest';
import { frameSize } from '../../games/robotaxi/render.js';
import {
  atariLayout,
  bandLayout,
  gameKindOf,
  LayoutError,
  resolveRenderOptions,
  robotaxiLayout,
} from './render-options.js';

describe('render options', () => {
  it('fills what was not asked with the game’s defaults', () => {
    expect(resolveRenderOptions('robotaxi', {})).toEqual({
      fps: 30,
      width: 1280,
      height: 720,
      audio: 'mix',
      container: 'mp4',
    });
    expect(resolveRenderOptions('atari', { audio: 'separate', width: 320 })).toEqual({
      fps: 60,
      width: 320,
      height: 480,
      audio: 'separate',
      container: 'mp4',
    });
    expect(gameKindOf('robotaxi')).toBe('robotaxi');
    expect(gameKindOf('space-invaders')).toBe('atari');
  });

  it('puts the band at the bottom, its font scaled with the frame', () => {
    expect(bandLayout(1280, 720)).toEqual({ font: 4, padding: 8, top: 676, height: 44 });
    expect(bandLayout(320, 240)).toEqual({ font: 1, padding: 2, top: 229, height: 11 });
  });

  it('draws RoboTaxi at the largest cell size that fits above the band, centred', () => {
    const layout = robotaxiLayout({ width: 1280, height: 720 }, { rows: 12, cols: 12 });
    const { picture } = layout;
    expect(picture.scale).toBe(51);
    expect(frameSize(12, 12, 51, true)).toEqual({ width: picture.width, height: picture.height });
    expect(picture.height).toBeLessThanOrEqual(layout.band.top);
    expect(frameSize(12, 12, 52, true).height).toBeGreaterThan(layout.band.top);
    expect(picture.x).toBe(Math.floor((1280 - picture.width) / 2));
    expect(() => robotaxiLayout({ width: 320, height: 240 }, { rows: 40, cols: 40 })).toThrow(
      LayoutError,
    );
  });

  it('draws the Atari picture with wide pixels (2:1) as large as it fits', () => {
    expect(atariLayout({ width: 640, height: 480 }).picture).toMatchObject({
      scaleX: 4,
      scaleY: 2,
      width: 640,
      height: 424,
      x: 0,
    });
    expect(atariLayout({ width: 1280, height: 720 }).picture).toMatchObject({
      scaleX: 6,
      scaleY: 3,
    });
    expect(atariLayout({ width: 160, height: 240 }).picture).toMatchObject({
      scaleX: 1,
      scaleY: 1,
    });
    expect(() => atariLayout({ width: 320, height: 200 })).toThrow(LayoutError);
  });
});
