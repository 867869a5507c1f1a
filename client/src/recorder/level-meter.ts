/**
 * Peak / RMS / clip readings over short windows (≈ 50 ms) for the level meters. Pure: used by the
 * worklet on the audio thread and unit-tested in Node.
 */

/** A sample this close to full scale counts as clipped. */
export const CLIP_LEVEL = 0.999;
/** dBFS reported for digital silence (instead of −Infinity). */
export const SILENCE_DB = -120;

export interface LevelReading {
  startFrame: number;
  frames: number;
  peakDb: number;
  rmsDb: number;
  clipped: number;
}

export function toDbfs(amplitude: number): number {
  if (!(amplitude > 0)) return SILENCE_DB;
  return Math.max(SILENCE_DB, 20 * Math.log10(amplitude));
}

export class LevelMeter {
  private peak = 0;
  private sumSquares = 0;
  private clipped = 0;
  private frames = 0;
  private startFrame = 0;

  /** `windowFrames` ≥ 1: frames per reading. */
  constructor(private readonly windowFrames: number) {
    if (!Number.isInteger(windowFrames) || windowFrames < 1) {
      throw new RangeError(`windowFrames must be a positive integer, got ${windowFrames}`);
    }
  }

  /** Adds one quantum of mono samples; returns the readings whose windows it completed. */
  push(samples: Float32Array, quantumStartFrame: number): LevelReading[] {
    const done: LevelReading[] = [];
    for (let i = 0; i < samples.length; i++) {
      if (this.frames === 0) this.startFrame = quantumStartFrame + i;
      const x = samples[i];
      const a = Math.abs(x);
      if (a > this.peak) this.peak = a;
      if (a >= CLIP_LEVEL) this.clipped++;
      this.sumSquares += x * x;
      if (++this.frames === this.windowFrames) done.push(this.take());
    }
    return done;
  }

  private take(): LevelReading {
    const reading: LevelReading = {
      startFrame: this.startFrame,
      frames: this.frames,
      peakDb: toDbfs(this.peak),
      rmsDb: toDbfs(Math.sqrt(this.sumSquares / this.frames)),
      clipped: this.clipped,
    };
    this.peak = 0;
    this.sumSquares = 0;
    this.clipped = 0;
    this.frames = 0;
    return reading;
  }
}
