/**
 * Level maths of the voice meters: RMS of an analyser's window in dBFS (as the recorder's meter
 * computes it), shown on the same -60..0 dBFS scale as the mic check, with a fall-back so the
 * bar reads calmly. Pure: unit-tested in Node.
 */
import { SILENCE_DB, toDbfs } from '../recorder/level-meter';

/** The meter's floor: quieter than this shows as empty. */
export const METER_MIN_DB = -60;
/** How fast the shown level falls back, in meter units (0..1) per second. */
export const FALL_PER_SECOND = 1.5;

/** RMS level in dBFS of a window of samples (SILENCE_DB for silence or an empty window). */
export function rmsDb(samples: Float32Array): number {
  if (samples.length === 0) return SILENCE_DB;
  let sum = 0;
  for (const x of samples) sum += x * x;
  return toDbfs(Math.sqrt(sum / samples.length));
}

/** dBFS to the meter's 0..1 scale (-60 dBFS and below: 0; 0 dBFS: 1). */
export function meterLevel(db: number): number {
  if (!(db > METER_MIN_DB)) return 0;
  return Math.min(1, (db - METER_MIN_DB) / -METER_MIN_DB);
}

/** The level to show: rises at once, falls at FALL_PER_SECOND. */
export function fallTowards(shown: number, next: number, elapsedMs: number): number {
  const fallen = shown - (FALL_PER_SECOND * Math.max(0, elapsedMs)) / 1000;
  return Math.max(0, next, fallen);
}
