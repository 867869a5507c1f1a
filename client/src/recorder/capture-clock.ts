/**
 * Capture mapping: from the AudioContext time of a sample to the `performance.now()` instant at
 * which that sample reached the microphone.
 *
 * Why it is not just `getOutputTimestamp()`
 * ------------------------------------------
 * `AudioContext.getOutputTimestamp()` returns `{contextTime, performanceTime}`: `performanceTime`
 * is when the frame at `contextTime` *leaves the speakers*. It describes the output end of the
 * graph; a recorder needs the input end. Between them lie:
 *
 * - `outputLatency`: from the hand-over of a buffer to the OS until it is heard;
 * - `baseLatency`: the context's own buffering between rendering a quantum and handing it over;
 * - the input latency (`MediaTrackSettings.latency` of the captured track): from the sound at the
 *   microphone until its samples are handed to the graph.
 *
 * Measured in headless Chromium 156 with a fake microphone (an onset detector in a worklet, and
 * `getOutputTimestamp()` queried in the main-thread message handler): `baseLatency` 0.010 s,
 * `outputLatency` 0.030 s, track latency 0.010 s, context rate 44100 (the output device's rate:
 * never assume 48000). The naive mapping `performanceTime + (t − contextTime)·1000` placed the
 * detections ~40 ms *after* the main thread received them, i.e. in the future. Subtracting
 * `(outputLatency + baseLatency)·1000` placed the render of the quantum holding the onset 0–1.2 ms
 * (later runs: up to ~10 ms when the main thread was busy) before the message arrived: right. So
 *
 *     renderMs(t)  = performanceTime + (t − contextTime)·1000 − (outputLatency + baseLatency)·1000
 *     captureMs(t) = renderMs(t) − inputLatencyS·1000
 *
 * where `inputLatencyS` is the track's `getSettings().latency` (0 when the browser does not
 * report it), and 0 for a source with no input path (a node of the page's own audio graph, such
 * as the Atari emulator's output: its samples are "captured" when they are rendered).
 *
 * The output timestamp is refreshed at every chunk (`getOutputTimestamp()` when the chunk
 * message arrives) so that a long recording follows the audio clock's drift against
 * `performance.now()` and any change of the latencies (a new output device).
 *
 * Fallback before the output has started
 * --------------------------------------
 * Until the first buffer has been played, `getOutputTimestamp()` answers `performanceTime` 0
 * (and some browsers lack the method). Then the pair (`currentTime`, `performance.now()`) stands
 * in: `currentTime` is the end of what has been rendered, i.e. the frame the renderer is at *now*,
 * which is `outputLatency + baseLatency` ahead of the frame leaving the speakers. Measured in the
 * same Chromium: `currentTime − contextTime` of the output timestamp was 31–42 ms (≈ 0.040 s) at
 * the same instant. So the fallback synthesizes the output timestamp
 * `{contextTime: currentTime − (outputLatency + baseLatency), performanceTime: now}` and applies
 * the same formula, in which the two corrections cancel: `renderMs(t) = now + (t − currentTime)·1000`.
 * It is coarser: `currentTime` advances in whole callback buffers (≈ `baseLatency`), so it can be
 * up to one buffer (~10 ms) early. Each result says which path produced it.
 */

/** An output timestamp: `performanceTime` is when the frame at `contextTime` is heard. */
export interface OutputTimestamp {
  contextTime: number;
  performanceTime: number;
}

export interface CaptureLatencies {
  /** `AudioContext.baseLatency`, s. */
  baseLatencyS: number;
  /** `AudioContext.outputLatency`, s. */
  outputLatencyS: number;
  /** The captured track's `getSettings().latency`, s; 0 for a source inside the page's graph. */
  inputLatencyS: number;
}

/** When the sample at context time `t` (s) was rendered, in `performance.now()` ms. */
export function renderMsOf(
  t: number,
  output: OutputTimestamp,
  latencies: CaptureLatencies,
): number {
  return (
    output.performanceTime +
    (t - output.contextTime) * 1000 -
    (latencies.outputLatencyS + latencies.baseLatencyS) * 1000
  );
}

/** When the sample at context time `t` (s) reached the microphone, in `performance.now()` ms. */
export function captureMsOf(
  t: number,
  output: OutputTimestamp,
  latencies: CaptureLatencies,
): number {
  return renderMsOf(t, output, latencies) - latencies.inputLatencyS * 1000;
}

/** The part of an AudioContext the mapping reads (an interface so that it is testable). */
export interface CaptureClockContext {
  readonly currentTime: number;
  readonly baseLatency?: number;
  readonly outputLatency?: number;
  getOutputTimestamp?: () => AudioTimestamp;
}

export type CaptureSource = 'output-timestamp' | 'current-time';

export interface CaptureTime {
  captureMs: number;
  /** Which pair anchored the mapping (see the file's comment). */
  source: CaptureSource;
}

/** The mapping for one context and one source; call `captureTimeOf` when each chunk arrives. */
export class CaptureClock {
  constructor(
    private readonly context: CaptureClockContext,
    private readonly inputLatencyS: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  latencies(): CaptureLatencies {
    return {
      baseLatencyS: finiteOrZero(this.context.baseLatency),
      outputLatencyS: finiteOrZero(this.context.outputLatency),
      inputLatencyS: finiteOrZero(this.inputLatencyS),
    };
  }

  /** Reads a fresh anchor and maps the context time `t` (s) to its capture instant. */
  captureTimeOf(t: number): CaptureTime {
    const latencies = this.latencies();
    const stamp = this.context.getOutputTimestamp?.();
    if (stamp && stamp.performanceTime && stamp.contextTime !== undefined) {
      const output = { contextTime: stamp.contextTime, performanceTime: stamp.performanceTime };
      return { captureMs: captureMsOf(t, output, latencies), source: 'output-timestamp' };
    }
    const output = {
      contextTime: this.context.currentTime - (latencies.outputLatencyS + latencies.baseLatencyS),
      performanceTime: this.now(),
    };
    return { captureMs: captureMsOf(t, output, latencies), source: 'current-time' };
  }
}

function finiteOrZero(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
