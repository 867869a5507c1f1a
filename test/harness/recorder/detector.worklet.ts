/**
 * Beep onset detector for the alignment measurement: posts the moment the live signal first
 * crosses the threshold after at least `quietMs` below it (the same rule as `findOnsets` in
 * test/support/audio.ts applies to the stored WAV).
 */
declare const sampleRate: number;
declare function registerProcessor(name: string, ctor: unknown): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}

const THRESHOLD = 0.25;
const QUIET_MS = 100;

class BeepDetector extends AudioWorkletProcessor {
  private lastLoud = -Infinity;
  private frame = 0;

  process(inputs: Float32Array[][]): boolean {
    const channel = inputs[0]?.[0];
    if (!channel) return true;
    const quiet = (QUIET_MS / 1000) * sampleRate;
    for (let i = 0; i < channel.length; i++) {
      if (Math.abs(channel[i]) >= THRESHOLD) {
        if (this.frame + i - this.lastLoud > quiet) this.port.postMessage(this.frame + i);
        this.lastLoud = this.frame + i;
      }
    }
    this.frame += channel.length;
    return true;
  }
}

registerProcessor('beep-detector', BeepDetector);
