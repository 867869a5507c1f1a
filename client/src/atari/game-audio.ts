/**
 * The game's sound: ONE AudioContext for the page, the emulator's samples of each frame played
 * as AudioBufferSourceNodes scheduled back to back a little ahead of the context's clock, through
 * a DC-blocking high-pass filter (the TIA's samples are in [0, 1], not centred) into `output`, a
 * GainNode connected to the speakers. The recorder records `output` as the session's game-audio
 * track.
 *
 * The emulation runs on its own 60 Hz timer, not on the audio clock: the lead is kept between
 * MIN_LEAD_S and MAX_LEAD_S by restarting after an underrun and dropping a frame's sound when the
 * queue runs too far ahead, so the sound stays within ~0.1 s of the picture.
 */

/** Where a new run of sound starts, ahead of `currentTime`. */
const START_LEAD_S = 0.04;
/** Less than this ahead: the queue ran dry; restart at START_LEAD_S. */
const MIN_LEAD_S = 0.01;
/** More than this ahead: drop the frame's sound instead of queueing it. */
const MAX_LEAD_S = 0.12;
const VOLUME = 0.5;
const HIGH_PASS_HZ = 20;

export class GameAudio {
  readonly context: AudioContext;
  /** The node the game's sound passes through on its way out (recorded). */
  readonly output: GainNode;
  private readonly input: BiquadFilterNode;
  private nextTime = 0;

  private constructor(context: AudioContext) {
    this.context = context;
    this.input = context.createBiquadFilter();
    this.input.type = 'highpass';
    this.input.frequency.value = HIGH_PASS_HZ;
    this.output = context.createGain();
    this.output.gain.value = VOLUME;
    this.input.connect(this.output);
    this.output.connect(context.destination);
  }

  /**
   * Creates the context. Call it in a click handler (browsers start audio only after a user
   * gesture); `sampleRate` continues a recording made at that rate (default: the device's).
   */
  static create(sampleRate?: number): GameAudio {
    const options: AudioContextOptions = { latencyHint: 'interactive' };
    if (sampleRate) options.sampleRate = sampleRate;
    let context: AudioContext;
    try {
      context = new AudioContext(options);
    } catch {
      // A rate the device cannot run: the device's own (a resumed track then starts anew).
      context = new AudioContext({ latencyHint: 'interactive' });
    }
    return new GameAudio(context);
  }

  get sampleRate(): number {
    return this.context.sampleRate;
  }

  /** Resumes a suspended context (call from a click handler). */
  resume(): void {
    if (this.context.state === 'suspended') void this.context.resume().catch(() => undefined);
  }

  /** Queues one frame of the emulator's sound (mono, at `sampleRate`). */
  push(samples: Float32Array): void {
    if (samples.length === 0 || this.context.state !== 'running') return;
    const now = this.context.currentTime;
    if (this.nextTime < now + MIN_LEAD_S) this.nextTime = now + START_LEAD_S;
    if (this.nextTime > now + MAX_LEAD_S) return;
    const buffer = this.context.createBuffer(1, samples.length, this.context.sampleRate);
    buffer.copyToChannel(samples as Float32Array<ArrayBuffer>, 0);
    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.input);
    source.onended = () => source.disconnect();
    source.start(this.nextTime);
    this.nextTime += samples.length / this.context.sampleRate;
  }

  /** The sound stopped (a pause, the end of a game): the next frame starts a new run. */
  reset(): void {
    this.nextTime = 0;
  }

  close(): void {
    this.output.disconnect();
    void this.context.close().catch(() => undefined);
  }
}
