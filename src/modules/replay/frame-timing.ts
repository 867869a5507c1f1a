/**
 * The timing model of a render (pure). Time zero is the instant the episode's first picture was
 * on screen (RoboTaxi: the episode's start; Atari: the first frame's logged time). Every picture
 * of the log is on screen from its logged server time until the next one's: a step that lasted
 * 1.4 s lasts 1.4 s in the video, whatever the frame rate.
 *
 * Output frame k is displayed from k/fps to (k+1)/fps and shows the episode as it was at the
 * middle of that interval, `(k + 0.5) / fps`. So a change logged at time t first appears in the
 * frame whose display interval is nearest to t: never more than half a frame early or late.
 */

/** The instant (ms since time zero) output frame `k` shows. */
export const frameInstantMs = (k: number, fps: number): number => ((k + 0.5) * 1000) / fps;

/** Frames of a video of `durationMs` (at least one). Its length is within half a frame of it. */
export function outputFrameCount(durationMs: number, fps: number): number {
  return Math.max(1, Math.round((durationMs * fps) / 1000));
}

/** The first output frame whose instant is at or after `ms` (0 for anything at or before 0). */
export function firstFrameAtOrAfter(ms: number, fps: number): number {
  if (!Number.isFinite(ms)) return ms > 0 ? Number.POSITIVE_INFINITY : 0;
  return Math.max(0, Math.ceil((ms * fps) / 1000 - 0.5));
}

/**
 * The output frames that show a picture on screen from `fromMs` until `toMs` (exclusive):
 * `[start, start + count)`, clipped to the video's `total` frames. Consecutive pictures get
 * consecutive, non-overlapping runs; a picture shorter than a frame may get none.
 */
export function framesShowing(
  fromMs: number,
  toMs: number,
  fps: number,
  total: number,
): { start: number; count: number } {
  const start = Math.min(total, firstFrameAtOrAfter(fromMs, fps));
  const end = Math.min(total, firstFrameAtOrAfter(toMs, fps));
  return { start, count: Math.max(0, end - start) };
}

export interface Timed<T> {
  /** When it appears, ms since time zero. */
  atMs: number;
  value: T;
}

export interface Scheduled<T> {
  value: T;
  /** Its first output frame and how many frames show it (0: on screen less than a frame). */
  start: number;
  count: number;
}

/**
 * Pairs each timed item with the output frames that show it, reading one item ahead. Items must
 * come in time order; one earlier than its predecessor (a clock step backwards) is treated as
 * appearing at the same time. The first item is shown from frame 0, the last until the end.
 */
export async function* schedule<T>(
  items: AsyncIterable<Timed<T>> | Iterable<Timed<T>>,
  fps: number,
  total: number,
): AsyncGenerator<Scheduled<T>> {
  let current: Timed<T> | null = null;
  let first = true;
  for await (const item of items) {
    if (current !== null) {
      const from = first ? Number.NEGATIVE_INFINITY : current.atMs;
      first = false;
      const to = Math.max(item.atMs, current.atMs);
      yield { value: current.value, ...framesShowing(from, to, fps, total) };
      current = { atMs: to, value: item.value };
    } else {
      current = item;
    }
  }
  if (current !== null) {
    const from = first ? Number.NEGATIVE_INFINITY : current.atMs;
    yield { value: current.value, ...framesShowing(from, Number.POSITIVE_INFINITY, fps, total) };
  }
}

/**
 * Splits a run of frames where the overlay's clock (whole seconds of video time, `floor(k/fps)`,
 * `fps` an integer) changes: each part is one distinct picture.
 */
export function splitAtSeconds(
  start: number,
  count: number,
  fps: number,
): { start: number; count: number; second: number }[] {
  const parts: { start: number; count: number; second: number }[] = [];
  let k = start;
  const end = start + count;
  while (k < end) {
    const second = Math.floor(k / fps);
    const stop = Math.min(end, (second + 1) * fps);
    parts.push({ start: k, count: stop - k, second });
    k = stop;
  }
  return parts;
}
