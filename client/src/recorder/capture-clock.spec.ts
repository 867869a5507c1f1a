import { describe, expect, it } from 'vitest';

import {
  CaptureClock,
  captureMsOf,
  renderMsOf,
  type CaptureClockContext,
  type CaptureLatencies,
} from './capture-clock';

// The figures measured in headless Chromium 156 with a fake microphone.
const CHROMIUM: CaptureLatencies = {
  baseLatencyS: 0.01,
  outputLatencyS: 0.03,
  inputLatencyS: 0.01,
};

function fakeContext(overrides: Partial<CaptureClockContext> & { stamp?: AudioTimestamp }) {
  const { stamp, ...rest } = overrides;
  return {
    currentTime: 0,
    baseLatency: CHROMIUM.baseLatencyS,
    outputLatency: CHROMIUM.outputLatencyS,
    getOutputTimestamp: () => stamp ?? { contextTime: 0, performanceTime: 0 },
    ...rest,
  } satisfies CaptureClockContext;
}

describe('capture mapping', () => {
  const output = { contextTime: 10, performanceTime: 20_000 };

  it('places the render of a sample (output latency + base latency) before it is heard', () => {
    // Naive: 20000 + 0.5 s = 20500 ms (when heard); rendered 40 ms earlier.
    expect(renderMsOf(10.5, output, CHROMIUM)).toBeCloseTo(20_460, 9);
  });

  it('places the capture one input latency before the render', () => {
    expect(captureMsOf(10.5, output, CHROMIUM)).toBeCloseTo(20_450, 9);
    // A sample earlier than the output timestamp's frame.
    expect(captureMsOf(9.25, output, CHROMIUM)).toBeCloseTo(20_000 - 750 - 40 - 10, 9);
  });

  it('has no input latency for a source inside the page graph', () => {
    const game = { ...CHROMIUM, inputLatencyS: 0 };
    expect(captureMsOf(10.5, output, game)).toBeCloseTo(20_460, 9);
  });
});

describe('CaptureClock', () => {
  it('uses a fresh output timestamp on every call', () => {
    let stamp = { contextTime: 1, performanceTime: 2_000 };
    const clock = new CaptureClock(
      { ...fakeContext({}), getOutputTimestamp: () => stamp },
      0.01,
      () => 0,
    );
    expect(clock.captureTimeOf(1.5)).toEqual({ captureMs: 2_450, source: 'output-timestamp' });
    stamp = { contextTime: 61, performanceTime: 62_003 }; // The audio clock drifted 3 ms.
    expect(clock.captureTimeOf(61.5).captureMs).toBeCloseTo(62_453, 9);
  });

  it('falls back to currentTime and performance.now() before the output has started', () => {
    // performanceTime 0: nothing played yet. currentTime is the frame being rendered now.
    const context = fakeContext({ currentTime: 2, stamp: { contextTime: 0, performanceTime: 0 } });
    const clock = new CaptureClock(context, 0.01, () => 5_000);
    const result = clock.captureTimeOf(1.99);
    expect(result.source).toBe('current-time');
    // Rendered 10 ms before "now" (the output corrections cancel), captured 10 ms before that.
    expect(result.captureMs).toBeCloseTo(5_000 - 10 - 10, 9);
  });

  it('falls back when the browser has no getOutputTimestamp, and reads missing latencies as 0', () => {
    const clock = new CaptureClock({ currentTime: 3 }, Number.NaN, () => 7_000);
    expect(clock.latencies()).toEqual({ baseLatencyS: 0, outputLatencyS: 0, inputLatencyS: 0 });
    expect(clock.captureTimeOf(2.5)).toEqual({ captureMs: 6_500, source: 'current-time' });
  });
});
