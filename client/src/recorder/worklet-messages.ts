/**
 * The messages between the recorder's AudioWorklet (`recorder.worklet.ts`, audio thread) and the
 * main thread (`worklet-node.ts`). Plain types: this file is imported on both sides.
 */

/** Registered name of the processor in `recorder.worklet.ts`. */
export const RECORDER_PROCESSOR = 'ozlab-recorder';

/** `processorOptions` of the AudioWorkletNode. */
export interface RecorderProcessorOptions {
  /** Frames per chunk (≈ 1 s: `Math.round(sampleRate)`). */
  chunkFrames: number;
  /** Post `chunk` messages (false: a level meter only, as on the mic check page). */
  emitChunks: boolean;
  /** Frames per level reading (≈ 50 ms); 0 turns the readings off. */
  levelFrames: number;
}

/** ~1 s of mono Int16 little-endian PCM. `pcm` is transferred, not copied. */
export interface ChunkMessage {
  type: 'chunk';
  /**
   * AudioContext frame of the chunk's first sample: the worklet's `currentFrame` at the render
   * quantum that held it plus the sample's offset in that quantum (`contextTime = startFrame /
   * sampleRate`).
   */
  startFrame: number;
  /** Index of the chunk's first sample counted from the first sample this processor saw. */
  startSample: number;
  frames: number;
  pcm: ArrayBuffer;
  /** Frames the browser skipped so far in this run, filled with silence (see `PcmChunker`). */
  filledFrames: number;
  /** Frames of gaps too long to fill so far in this run. */
  skippedFrames: number;
}

/** A level reading over the last ~50 ms. */
export interface LevelMessage {
  type: 'level';
  /** Frame of the window's first sample. */
  startFrame: number;
  frames: number;
  /** Highest absolute sample, dBFS (−120 for digital silence). */
  peakDb: number;
  /** Root mean square, dBFS (−120 for digital silence). */
  rmsDb: number;
  /** Samples at or beyond full scale (|x| ≥ CLIP_LEVEL). */
  clipped: number;
}

/** The answer to `flush`: every chunk cut so far has been posted before it. */
export interface FlushedMessage {
  type: 'flushed';
  /** Total samples the processor has seen (the segment's length). */
  samples: number;
}

export type WorkletToMain = ChunkMessage | LevelMessage | FlushedMessage;

/**
 * Post the partial chunk now. With `final`, the processor then ignores any further input and
 * lets itself be collected (used by `Recorder.stop()`).
 */
export interface FlushCommand {
  type: 'flush';
  final: boolean;
}

export type MainToWorklet = FlushCommand;
