/**
 * The game board: the latest frame drawn with the shared renderer (the same pixels as the replay
 * video), at the largest whole scale that fits the space, inside requestAnimationFrame. After
 * each frame is on screen it is reported once (`onRendered`), for latency measurement.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';

import type { StepFrame } from '../../../src/games/common/robotaxi-events';
import { frameSize, render } from '../../../src/games/robotaxi/render';
import type { RgbaImage } from '../../../src/games/robotaxi/types';

export const MIN_CANVAS_SCALE = 16;
export const MAX_CANVAS_SCALE = 48;
/** Before the space is measured. */
const DEFAULT_SCALE = 32;

interface GameCanvasProps {
  frame: StepFrame;
  onRendered: (frame: StepFrame, perfNow: number) => void;
  /** The board in words, for screen readers. */
  label: string;
}

export function GameCanvas({ frame, onRendered, label }: GameCanvasProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(wrapRef);
  const { rows, cols } = frame.view;
  const scale = chooseScale(width, rows, cols);
  const onRenderedRef = useRef(onRendered);
  useEffect(() => {
    onRenderedRef.current = onRendered;
  });
  const reported = useRef<string | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const id = requestAnimationFrame(() => {
      const image = render(frame.view, scale, frame.hud);
      if (canvas.width !== image.width) canvas.width = image.width;
      if (canvas.height !== image.height) canvas.height = image.height;
      context.putImageData(toImageData(image), 0, 0);
      canvas.dataset.episodeId = frame.episodeId;
      canvas.dataset.step = String(frame.step);
      const key = `${frame.episodeId}:${frame.step}`;
      if (reported.current !== key) {
        reported.current = key;
        onRenderedRef.current(frame, performance.now());
      }
    });
    return () => cancelAnimationFrame(id);
  }, [frame, scale]);

  const size = frameSize(rows, cols, scale, true);
  return (
    <div ref={wrapRef} className="game-canvas">
      <canvas
        ref={canvasRef}
        className="game-canvas__canvas"
        data-testid="game-canvas"
        width={size.width}
        height={size.height}
        role="img"
        aria-label={label}
      />
    </div>
  );
}

/** The renderer's pixels as canvas ImageData, without a copy (its buffer is never shared). */
export function toImageData(image: RgbaImage): ImageData {
  const { buffer, byteOffset, length } = image.data;
  const pixels = new Uint8ClampedArray(buffer as ArrayBuffer, byteOffset, length);
  return new ImageData(pixels, image.width, image.height);
}

/** The largest whole scale (16..48) whose frame fits `width`; 16 when none does. */
export function chooseScale(width: number | null, rows: number, cols: number): number {
  if (width === null || width <= 0) return DEFAULT_SCALE;
  for (let scale = MAX_CANVAS_SCALE; scale > MIN_CANVAS_SCALE; scale--) {
    if (frameSize(rows, cols, scale, true).width <= width) return scale;
  }
  return MIN_CANVAS_SCALE;
}

/** The element's content width, kept up to date (null before the first measure). */
function useElementWidth(ref: RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box) setWidth(Math.floor(box.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
