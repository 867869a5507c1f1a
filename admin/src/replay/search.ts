/** Time <-> position lookup on a timeline (pure). Times are ascending server-clock ms. */

/**
 * The position shown at `ms`: the last one whose time is at or before `ms` (binary search).
 * Before the first time, the first position (it is what the viewer shows from the start).
 */
export function positionAt(times: ArrayLike<number>, ms: number): number {
  if (times.length === 0) return -1;
  if (!(ms >= times[0])) return 0;
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (times[mid] <= ms) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The time to go to for one step (`delta` -1 or +1) from `ms`: the start of the previous or next
 * position, clamped to the first and last. From before the first position, +1 goes to the first.
 * Positions that share a time count as one.
 */
export function stepTime(times: ArrayLike<number>, ms: number, delta: -1 | 1): number {
  if (times.length === 0) return ms;
  if (delta > 0 && ms < times[0]) return times[0];
  const at = positionAt(times, ms);
  if (delta > 0) {
    for (let i = at + 1; i < times.length; i++) if (times[i] > times[at]) return times[i];
    return times[at];
  }
  for (let i = at - 1; i >= 0; i--) if (times[i] < times[at]) return firstAtTime(times, i);
  return times[0];
}

/** The first index holding the same time as index `i`. */
function firstAtTime(times: ArrayLike<number>, i: number): number {
  let j = i;
  while (j > 0 && times[j - 1] === times[i]) j--;
  return times[j];
}

/** The times made non-decreasing (a later clock re-estimate may step a client's clock back). */
export function monotonic(times: readonly number[]): number[] {
  const out = new Array<number>(times.length);
  let max = -Infinity;
  for (let i = 0; i < times.length; i++) {
    max = Math.max(max, times[i]);
    out[i] = max;
  }
  return out;
}

/** `value` within `[min, max]`. */
export const clamp = (value: number, min: number, max: number): number =>
  Math.min(max, Math.max(min, value));

/** Milliseconds as `m:ss.mmm` (negative with a minus sign). */
export function formatClock(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const total = Math.round(Math.abs(ms));
  const minutes = Math.floor(total / 60_000);
  const seconds = Math.floor((total % 60_000) / 1000);
  const millis = total % 1000;
  return `${sign}${minutes}:${String(seconds).padStart(2, '0')}.${String(millis).padStart(3, '0')}`;
}
