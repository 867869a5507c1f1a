/** A game item drawn by the renderer's own sprites, so that the legend matches the board. */
import { useEffect, useRef } from 'react';

import { Raster } from '../../../src/games/robotaxi/raster';
import {
  COLORS,
  drawAcorn,
  drawBomb,
  drawRover,
  drawSquirrel,
} from '../../../src/games/robotaxi/sprites';
import { toImageData } from './GameCanvas';

export type SpriteName = 'floor' | 'bomb' | 'acorn' | 'squirrel' | 'rover' | 'rover-acorn';

/** Pixels per side; shown smaller by CSS. */
const SIZE = 32;

export function SpriteIcon({ sprite }: { sprite: SpriteName }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    const raster = new Raster(SIZE, SIZE);
    raster.rect(0, 0, SIZE, SIZE, COLORS.floor);
    switch (sprite) {
      case 'floor':
        break;
      case 'bomb':
        drawBomb(raster, 0, 0, SIZE);
        break;
      case 'acorn':
        drawAcorn(raster, 0, 0, SIZE);
        break;
      case 'squirrel':
        drawSquirrel(raster, 0, 0, SIZE);
        break;
      case 'rover':
      case 'rover-acorn':
        drawRover(raster, 0, 0, SIZE, 'RIGHT', sprite === 'rover-acorn');
        break;
    }
    context.putImageData(toImageData({ width: SIZE, height: SIZE, data: raster.data }), 0, 0);
  }, [sprite]);
  return <canvas ref={ref} className="sprite-icon" width={SIZE} height={SIZE} aria-hidden="true" />;
}
