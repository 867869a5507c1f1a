/**
 * RGBA to planar YUV 4:2:0 (pure), BT.601 limited range: what ffmpeg's swscale does by default
 * for `-pix_fmt yuv420p`, and what the render tags its output as (`-colorspace bt470bg`).
 *
 * Used for RoboTaxi, whose picture changes a few times a second: each distinct picture is
 * converted once here and its 1.5 bytes a pixel are written for every frame that shows it,
 * instead of 4 bytes a pixel that ffmpeg would convert again for every frame (bench: ~2x faster
 * at 720p, with every output frame still sent, so timing stays exact to the frame).
 */

/** Bytes of a yuv420p frame (width and height even). */
export const yuv420pBytes = (width: number, height: number): number => (width * height * 3) / 2;

export function rgbaToYuv420p(
  rgba: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  out: Uint8Array = new Uint8Array(yuv420pBytes(width, height)),
): Uint8Array {
  if (width % 2 !== 0 || height % 2 !== 0)
    throw new RangeError(`yuv420p needs an even width and height, got ${width}x${height}`);
  if (rgba.length !== width * height * 4)
    throw new RangeError(`expected ${width * height * 4} RGBA bytes, got ${rgba.length}`);
  const ySize = width * height;
  const cw = width / 2;
  const uBase = ySize;
  const vBase = ySize + ySize / 4;
  for (let y = 0; y < height; y += 2) {
    for (let x = 0; x < width; x += 2) {
      let rs = 0;
      let gs = 0;
      let bs = 0;
      for (let dy = 0; dy < 2; dy++) {
        for (let dx = 0; dx < 2; dx++) {
          const p = (y + dy) * width + x + dx;
          const i = p * 4;
          const r = rgba[i];
          const g = rgba[i + 1];
          const b = rgba[i + 2];
          out[p] = ((66 * r + 129 * g + 25 * b + 128) >> 8) + 16;
          rs += r;
          gs += g;
          bs += b;
        }
      }
      const c = (y / 2) * cw + x / 2;
      // Averages of the 2x2 block (sums / 4), folded into the fixed-point coefficients.
      out[uBase + c] = ((-38 * rs - 74 * gs + 112 * bs + 512) >> 10) + 128;
      out[vBase + c] = ((112 * rs - 94 * gs - 18 * bs + 512) >> 10) + 128;
    }
  }
  return out;
}
