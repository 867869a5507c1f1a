import { describe, expect, it } from 'vitest';

import { SignalMonitor } from './signal-monitor';

const QUIET = { peakDb: -90, clipped: 0 };
const SPEECH = { peakDb: -20, clipped: 0 };
const CLIPPED = { peakDb: 0, clipped: 12 };

/** Pushes `reading` every 50 ms from `from` to `to` (exclusive) and returns the last verdict. */
function feed(monitor: SignalMonitor, reading: typeof QUIET, from: number, to: number) {
  let verdict = monitor.push(reading, from);
  for (let t = from + 50; t < to; t += 50) verdict = monitor.push(reading, t);
  return verdict;
}

describe('SignalMonitor', () => {
  it('calls a mic silent after 3 s without anything above -60 dBFS', () => {
    const monitor = new SignalMonitor();
    expect(feed(monitor, QUIET, 0, 2_950)).toEqual({
      heard: false,
      silent: false,
      clipping: false,
    });
    expect(monitor.push(QUIET, 3_000).silent).toBe(true);
  });

  it('hears speech, and calls it silent again 3 s after the last word', () => {
    const monitor = new SignalMonitor();
    expect(feed(monitor, SPEECH, 0, 1_000)).toMatchObject({ heard: true, silent: false });
    expect(feed(monitor, QUIET, 1_000, 3_900)).toMatchObject({ heard: true, silent: false });
    expect(monitor.push(QUIET, 3_950)).toMatchObject({ heard: false, silent: true });
  });

  it('calls it clipping after 3 clipped readings within 2 s, and not for a single one', () => {
    const monitor = new SignalMonitor();
    expect(monitor.push(CLIPPED, 0).clipping).toBe(false);
    expect(monitor.push(SPEECH, 50).clipping).toBe(false);
    expect(monitor.push(CLIPPED, 2_100).clipping).toBe(false); // The first one has aged out.
    expect(monitor.push(CLIPPED, 2_200).clipping).toBe(false);
    expect(monitor.push(CLIPPED, 2_300).clipping).toBe(true);
    expect(feed(monitor, SPEECH, 2_350, 4_400).clipping).toBe(false);
  });
});
