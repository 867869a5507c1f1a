/**
 * The level of a chunk of recorded audio, for the live view's meters. Pure: no Nest, no I/O.
 */
import { SILENCE_DB } from '../../games/common/dashboard-events.js';

/** Full scale of 16-bit PCM. */
const FULL_SCALE = 32768;

/** dBFS of a linear amplitude (0..1); `SILENCE_DB` for silence. */
export function toDbfs(amplitude: number): number {
  if (!(amplitude > 0)) return SILENCE_DB;
  return Math.min(0, Math.max(SILENCE_DB, 20 * Math.log10(amplitude)));
}

/**
 * RMS and peak of 16-bit little-endian mono PCM (an uploaded chunk), in dBFS. An odd trailing
 * byte is ignored; no samples is silence. About 0.1 ms for a second of 48 kHz audio.
 */
export function pcm16Level(bytes: Uint8Array): { rmsDb: number; peakDb: number } {
  const samples = Math.floor(bytes.length / 2);
  if (samples === 0) return { rmsDb: SILENCE_DB, peakDb: SILENCE_DB };
  const view = new DataView(bytes.buffer, bytes.byteOffset, samples * 2);
  let sumSquares = 0;
  let peak = 0;
  for (let i = 0; i < samples; i++) {
    const x = view.getInt16(i * 2, true);
    const a = x < 0 ? -x : x;
    if (a > peak) peak = a;
    sumSquares += x * x;
  }
  return {
    rmsDb: toDbfs(Math.sqrt(sumSquares / samples) / FULL_SCALE),
    peakDb: toDbfs(peak / FULL_SCALE),
  };
}
