import { describe, expect, it } from 'vitest';
import {
  firstFrameAtOrAfter,
  frameInstantMs,
  framesShowing,
  outputFrameCount,
  schedule,
  type Scheduled,
  splitAtSeconds,
  type Timed,
} from './frame-timing.js';

async function all<T>(items: Timed<T>[], fps: number, total: number): Promise<Scheduled<T>[]> {
  const out: Scheduled<T>[] = [];
  for await (const s of schedule(items, fps, total)) out.push(s);
  return out;
}

/** What each output frame shows, frame by frame, from a schedule. */
function perFrame<T>(scheduled: Scheduled<T>[]): T[] {
  return scheduled.flatMap((s) => Array.from({ length: s.count }, () => s.value));
}

describe('frame timing', () => {
  it('samples each output frame at the middle of its display interval', () => {
    expect(frameInstantMs(0, 30)).toBeCloseTo(16.667, 3);
    expect(frameInstantMs(29, 30)).toBeCloseTo(983.333, 3);
    expect(frameInstantMs(0, 60)).toBeCloseTo(8.333, 3);
  });

  it('makes a video within half a frame of the episode, never empty', () => {
    expect(outputFrameCount(4200, 30)).toBe(126);
    expect(outputFrameCount(4216, 30)).toBe(126);
    expect(outputFrameCount(4218, 30)).toBe(127);
    expect(outputFrameCount(0, 30)).toBe(1);
    expect(outputFrameCount(6016.67, 60)).toBe(361);
  });

  it('finds the first frame showing a change: the frame nearest to it', () => {
    expect(firstFrameAtOrAfter(-500, 30)).toBe(0);
    expect(firstFrameAtOrAfter(0, 30)).toBe(0);
    expect(firstFrameAtOrAfter(16.6, 30)).toBe(0);
    expect(firstFrameAtOrAfter(16.7, 30)).toBe(1);
    expect(firstFrameAtOrAfter(1000, 30)).toBe(30);
    expect(firstFrameAtOrAfter(2400, 30)).toBe(72);
    expect(firstFrameAtOrAfter(Number.POSITIVE_INFINITY, 30)).toBe(Number.POSITIVE_INFINITY);
    expect(firstFrameAtOrAfter(Number.NEGATIVE_INFINITY, 30)).toBe(0);
    // Within half a frame either way of the logged time.
    for (let ms = 0; ms < 2000; ms += 7.3) {
      const k = firstFrameAtOrAfter(ms, 30);
      expect(Math.abs((k * 1000) / 30 - ms)).toBeLessThanOrEqual(1000 / 60 + 1e-9);
    }
  });

  it('gives consecutive pictures consecutive runs, clipped to the video', () => {
    expect(framesShowing(1000, 2400, 30, 126)).toEqual({ start: 30, count: 42 });
    expect(framesShowing(2400, 2410, 30, 126)).toEqual({ start: 72, count: 0 });
    expect(framesShowing(4000, Number.POSITIVE_INFINITY, 30, 126)).toEqual({
      start: 120,
      count: 6,
    });
    expect(framesShowing(5000, 6000, 30, 126)).toEqual({ start: 126, count: 0 });
  });
});

describe('schedule: which state each output frame shows', () => {
  it('shows a step that lasted 1.4 s for 1.4 s, whatever the rate', async () => {
    const steps: Timed<string>[] = [
      { atMs: 0, value: 'start' },
      { atMs: 500, value: 's1' },
      { atMs: 1000, value: 's2' },
      { atMs: 2400, value: 's3' },
    ];
    const at30 = await all(steps, 30, 126);
    expect(at30.map((s) => [s.value, s.start, s.count])).toEqual([
      ['start', 0, 15],
      ['s1', 15, 15],
      ['s2', 30, 42],
      ['s3', 72, 54],
    ]);
    const frames = perFrame(at30);
    expect(frames).toHaveLength(126);
    expect(frames[29]).toBe('s1');
    expect(frames[30]).toBe('s2');
    expect(frames[71]).toBe('s2');
    expect(frames[72]).toBe('s3');
    const at25 = await all(steps, 25, 105);
    expect(at25.find((s) => s.value === 's2')?.count).toBe(35);
  });

  it('shows at frame k the last state logged at or before the middle of frame k', async () => {
    const times = [0, 13, 40, 41, 90, 333, 334, 700, 701.5, 950];
    const items = times.map((atMs, i) => ({ atMs, value: i }));
    const fps = 60;
    const total = 60;
    const frames = perFrame(await all(items, fps, total));
    expect(frames).toHaveLength(total);
    for (let k = 0; k < total; k++) {
      const t = frameInstantMs(k, fps);
      const expected = times.reduce((last, at, i) => (at <= t ? i : last), 0);
      expect(frames[k]).toBe(expected);
    }
  });

  it('skips pictures shorter than a frame but still yields them (emulation must run)', async () => {
    const items = [0, 1, 2, 3, 20].map((atMs) => ({ atMs, value: atMs }));
    const out = await all(items, 30, 3);
    expect(out.map((s) => s.count)).toEqual([0, 0, 0, 1, 2]);
  });

  it('shows the first picture from frame 0 even when it was logged later', async () => {
    const out = await all(
      [
        { atMs: 300, value: 'a' },
        { atMs: 600, value: 'b' },
      ],
      10,
      10,
    );
    expect(out.map((s) => [s.value, s.start, s.count])).toEqual([
      ['a', 0, 6],
      ['b', 6, 4],
    ]);
  });

  it('treats a time that goes backwards as no time', async () => {
    const out = await all(
      [
        { atMs: 0, value: 'a' },
        { atMs: 500, value: 'b' },
        { atMs: 400, value: 'c' },
        { atMs: 800, value: 'd' },
      ],
      10,
      10,
    );
    expect(out.map((s) => [s.value, s.count])).toEqual([
      ['a', 5],
      ['b', 0],
      ['c', 3],
      ['d', 2],
    ]);
  });

  it('splits runs where the overlay clock turns a second', () => {
    expect(splitAtSeconds(25, 40, 30)).toEqual([
      { start: 25, count: 5, second: 0 },
      { start: 30, count: 30, second: 1 },
      { start: 60, count: 5, second: 2 },
    ]);
    expect(splitAtSeconds(0, 0, 30)).toEqual([]);
  });
});
