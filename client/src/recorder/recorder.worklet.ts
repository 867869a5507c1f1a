/**
 * The recorder's AudioWorkletProcessor (audio thread). Loaded with
 * `audioWorklet.addModule(url)` where `url` comes from `import url from './recorder.worklet.ts?worker&url'`
 * (Vite bundles this file and its imports into one script of its own).
 *
 * Every render quantum (128 frames): down-mix input 0 to mono, feed the chunker (posts ~1 s Int16
 * chunks, the ArrayBuffer transferred) and the level meter (posts a reading every ~50 ms).
 * A `flush` message posts the partial chunk, then `flushed`.
 */
import { mixToMono, PcmChunker, type PcmChunk } from './chunker';
import { LevelMeter } from './level-meter';
import {
  RECORDER_PROCESSOR,
  type ChunkMessage,
  type FlushedMessage,
  type LevelMessage,
  type MainToWorklet,
  type RecorderProcessorOptions,
} from './worklet-messages';

// AudioWorkletGlobalScope: TypeScript's DOM library does not describe it.
declare const currentFrame: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor(options?: AudioWorkletNodeOptions);
}
declare function registerProcessor(
  name: string,
  processor: new (options: AudioWorkletNodeOptions) => AudioWorkletProcessor,
): void;

/** Render quantum length when the input is not connected (and so gives no array to measure). */
const DEFAULT_QUANTUM = 128;

class RecorderProcessor extends AudioWorkletProcessor {
  private readonly chunker: PcmChunker | null;
  private readonly meter: LevelMeter | null;
  private mono = new Float32Array(DEFAULT_QUANTUM);
  private started = false;
  private stopped = false;

  constructor(options: AudioWorkletNodeOptions) {
    super(options);
    const opts = options.processorOptions as RecorderProcessorOptions;
    this.chunker = opts.emitChunks ? new PcmChunker(opts.chunkFrames) : null;
    this.meter = opts.levelFrames > 0 ? new LevelMeter(opts.levelFrames) : null;
    this.port.onmessage = (event: MessageEvent<MainToWorklet>) => this.onCommand(event.data);
  }

  process(inputs: Float32Array[][]): boolean {
    if (this.stopped) return false;
    const channels = inputs[0] ?? [];
    // Start at the first quantum that has input; from then on a missing input is silence, so
    // that the sample count and the context's frame count stay in step.
    if (channels.length === 0 && !this.started) return true;
    this.started = true;
    const frames = channels.length > 0 ? channels[0].length : DEFAULT_QUANTUM;
    if (this.mono.length !== frames) this.mono = new Float32Array(frames);
    const mono = mixToMono(channels, this.mono);
    const frame = currentFrame;

    if (this.chunker) {
      for (const chunk of this.chunker.push(mono, frame)) this.postChunk(chunk);
    }
    if (this.meter) {
      for (const reading of this.meter.push(mono, frame)) {
        const message: LevelMessage = { type: 'level', ...reading };
        this.port.postMessage(message);
      }
    }
    return true;
  }

  private postChunk(chunk: PcmChunk): void {
    const message: ChunkMessage = {
      type: 'chunk',
      ...chunk,
      filledFrames: this.chunker?.filledFrames ?? 0,
      skippedFrames: this.chunker?.skippedFrames ?? 0,
    };
    this.port.postMessage(message, [chunk.pcm]);
  }

  private onCommand(command: MainToWorklet): void {
    if (command.type === 'flush') {
      const chunk = this.chunker?.flush();
      if (chunk) this.postChunk(chunk);
      const done: FlushedMessage = { type: 'flushed', samples: this.chunker?.samples ?? 0 };
      this.port.postMessage(done);
      if (command.final) this.stopped = true;
    }
  }
}

registerProcessor(RECORDER_PROCESSOR, RecorderProcessor);
