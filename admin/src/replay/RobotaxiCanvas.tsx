import { Box } from '@mui/material';
import { useEffect, useRef } from 'react';

import { project } from '../../../src/games/robotaxi/engine';
import { render } from '../../../src/games/robotaxi/render';
import type { GameState, Hud } from '../../../src/games/robotaxi/types';

/** Pixels per cell: the picture is scaled by CSS, pixelated, so any whole scale will do. */
const SCALE = 24;

/**
 * A RoboTaxi state drawn by the live game's renderer (src/games/robotaxi/render.ts): the teacher's
 * full view with the HUD, the same pixels as the participants saw and the rendered video shows.
 */
export function RobotaxiCanvas({ state, hud }: { state: GameState; hud: Hud }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const image = render(project(state, 'teacher'), SCALE, hud);
    if (canvas.width !== image.width) canvas.width = image.width;
    if (canvas.height !== image.height) canvas.height = image.height;
    const pixels = new Uint8ClampedArray(
      image.data.buffer as ArrayBuffer,
      image.data.byteOffset,
      image.data.length,
    );
    context.putImageData(new ImageData(pixels, image.width, image.height), 0, 0);
  }, [state, hud]);
  return (
    <Box
      component="canvas"
      ref={canvasRef}
      data-testid="replay-canvas"
      role="img"
      aria-label={`Step ${state.step}, score ${state.score}`}
      sx={{ width: '100%', maxWidth: 560, imageRendering: 'pixelated', display: 'block' }}
    />
  );
}
