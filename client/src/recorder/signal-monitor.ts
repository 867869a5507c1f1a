/**
 * Judges the level readings of a mic check: is anything heard, has it been silent for a while,
 * is it clipping. Pure (time is passed in), so that the thresholds are unit-tested.
 */
import type { LevelReading } from './level-meter';

export interface SignalMonitorOptions {
  /** Below this peak (dBFS) a reading counts as silence (default −60). */
  silenceDb: number;
  /** This long without a reading above `silenceDb` is "silent" (default 3 s). */
  silenceMs: number;
  /** This many readings with clipped samples... (default 3) */
  clipReadings: number;
  /** ...within this long is "clipping" (default 2 s). */
  clipWindowMs: number;
}

export const DEFAULT_SIGNAL_OPTIONS: SignalMonitorOptions = {
  silenceDb: -60,
  silenceMs: 3_000,
  clipReadings: 3,
  clipWindowMs: 2_000,
};

export interface SignalVerdict {
  /** Something above the silence level was heard within `silenceMs`. */
  heard: boolean;
  /** Nothing above the silence level for at least `silenceMs` (since the start, or since heard). */
  silent: boolean;
  clipping: boolean;
}

export class SignalMonitor {
  private readonly options: SignalMonitorOptions;
  private startedAt: number | null = null;
  private lastHeardAt: number | null = null;
  private clipTimes: number[] = [];

  constructor(options: Partial<SignalMonitorOptions> = {}) {
    this.options = { ...DEFAULT_SIGNAL_OPTIONS, ...options };
  }

  /** Adds a reading taken at `atMs` (any monotonic ms clock) and returns the verdict. */
  push(reading: Pick<LevelReading, 'peakDb' | 'clipped'>, atMs: number): SignalVerdict {
    this.startedAt ??= atMs;
    if (reading.peakDb > this.options.silenceDb) this.lastHeardAt = atMs;
    if (reading.clipped > 0) this.clipTimes.push(atMs);
    this.clipTimes = this.clipTimes.filter((t) => atMs - t < this.options.clipWindowMs);
    const quietSince = this.lastHeardAt ?? this.startedAt;
    const silent = atMs - quietSince >= this.options.silenceMs;
    return {
      heard: this.lastHeardAt !== null && !silent,
      silent,
      clipping: this.clipTimes.length >= this.options.clipReadings,
    };
  }
}
