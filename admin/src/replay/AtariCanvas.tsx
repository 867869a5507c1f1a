import { Box } from '@mui/material';
import { useEffect, useRef } from 'react';

/** The re-emulated picture, shown 4:3 as the participant's page shows it. */
export function AtariCanvas({ image, label }: { image: ImageData | null; label: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context || !image) return;
    if (canvas.width !== image.width) canvas.width = image.width;
    if (canvas.height !== image.height) canvas.height = image.height;
    context.putImageData(image, 0, 0);
  }, [image]);
  return (
    <Box
      component="canvas"
      ref={canvasRef}
      width={160}
      height={212}
      data-testid="replay-canvas"
      role="img"
      aria-label={label}
      sx={{
        width: '100%',
        maxWidth: 560,
        aspectRatio: '4 / 3',
        imageRendering: 'pixelated',
        display: 'block',
        bgcolor: 'black',
      }}
    />
  );
}
