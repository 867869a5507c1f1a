/**
 * The adapter to 6502.ts (MIT), the only module that imports it. 6502.ts has no exports map and
 * ships CommonJS, so it is reached by deep imports. A default import of a CommonJS module is
 * `module.exports` in Node (and in bundlers in Node mode) but `module.exports.default` in other
 * bundler modes; `unwrap` accepts both, so the same file runs under vitest, on the server and in
 * the Vite client.
 *
 * Numbers used instead of 6502.ts's `const enum`s (SWC and Vite compile file by file and cannot
 * inline them): TvMode.ntsc = 0, BoardInterface.TrapReason.debug = 2.
 */
import BoardModule from '6502.ts/lib/machine/stella/Board.js';
import ConfigModule from '6502.ts/lib/machine/stella/Config.js';
import CartridgeFactoryModule from '6502.ts/lib/machine/stella/cartridge/CartridgeFactory.js';
import AudioOutputBufferModule from '6502.ts/lib/tools/AudioOutputBuffer.js';

type Unwrap<M> = M extends { default: infer D } ? D : M;

function unwrap<M>(mod: M): Unwrap<M> {
  const inner = (mod as { default?: unknown }).default;
  return (inner ?? mod) as Unwrap<M>;
}

const Board = unwrap(BoardModule);
const Config = unwrap(ConfigModule);
const CartridgeFactory = unwrap(CartridgeFactoryModule);
const AudioOutputBuffer = unwrap(AudioOutputBufferModule);

export type StellaBoard = InstanceType<typeof Board>;
type Cartridge = Awaited<ReturnType<InstanceType<typeof CartridgeFactory>['createCartridge']>>;
type StellaConfig = ReturnType<typeof Config.create>;

const TV_MODE_NTSC = 0;
const TRAP_REASON_DEBUG = 2;
const FRAME_TRAP_MESSAGE = 'ozlab:frame';

export interface StellaOptions {
  /** Seed of 6502.ts's power-on randomisation (RAM, CPU registers, cartridge RAM); >= 0. */
  seed: number;
}

/** A parsed cartridge: created once per ROM (async), then powered on any number of times. */
export class StellaCartridge {
  private constructor(private readonly cartridge: Cartridge) {}

  static async load(rom: Uint8Array): Promise<StellaCartridge> {
    if (rom.length === 0) throw new Error('empty ROM');
    return new StellaCartridge(await new CartridgeFactory().createCartridge(rom));
  }

  /**
   * A freshly powered-on console with this cartridge. Every power-on with the same seed starts
   * from the same state: 6502.ts draws all its power-on randomness from an alea generator seeded
   * with `Config.randomSeed` when the board is built (a negative seed would mean Math.random).
   */
  powerOn(options: StellaOptions): StellaConsole {
    const config: StellaConfig = Config.create({
      tvMode: TV_MODE_NTSC,
      randomSeed: options.seed,
      pcmAudio: true,
      enableAudio: true,
    });
    return new StellaConsole(new Board(config, this.cartridge));
  }
}

/** Pixels of the last finished frame, as 6502.ts writes them (ABGR words: RGBA bytes on LE). */
class FrameSurface {
  readonly buffer: Uint32Array;
  constructor(
    private readonly width: number,
    private readonly height: number,
  ) {
    this.buffer = new Uint32Array(width * height).fill(0xff000000);
  }
  getWidth(): number {
    return this.width;
  }
  getHeight(): number {
    return this.height;
  }
  getBuffer(): Uint32Array {
    return this.buffer;
  }
  getByteOrder(): 0 {
    return 0;
  }
}

/**
 * One powered-on console: the board, its surface and the audio it produced since the last
 * `takeAudio()`. `runFrame()` ticks colour clocks until the TIA reports a finished frame.
 */
export class StellaConsole {
  readonly width: number;
  readonly height: number;
  readonly audioSampleRate: number;
  private readonly surface: FrameSurface;
  private frameDone = false;
  private failure: string | null = null;
  private audio = new Float32Array(1024);
  private audioLength = 0;

  constructor(private readonly board: StellaBoard) {
    const video = board.getVideoOutput();
    this.width = video.getWidth();
    this.height = video.getHeight();
    this.surface = new FrameSurface(this.width, this.height);
    video.setSurfaceFactory(() => this.surface);
    video.newFrame.addHandler(() => {
      this.frameDone = true;
      // Stops Board.tick() right after the clock on which the frame finished.
      board.triggerTrap(TRAP_REASON_DEBUG, FRAME_TRAP_MESSAGE);
    });
    board.trap.addHandler((trap) => {
      if (trap.message !== FRAME_TRAP_MESSAGE) {
        this.failure = `6502.ts trap (reason ${trap.reason}): ${trap.message ?? 'no message'}`;
      }
    });

    // PCM audio: one sample per buffer, so every sample reaches us in order (no partial buffer).
    const pcm = board.getPCMChannel();
    this.audioSampleRate = pcm.getSampleRate();
    const cell = new AudioOutputBuffer(new Float32Array(1), this.audioSampleRate);
    pcm.setFrameBufferFactory(() => cell);
    pcm.newFrame.addHandler((buffer) => this.pushSample(buffer.getContent()[0]));
  }

  get joystick(): ReturnType<StellaBoard['getJoystick0']> {
    return this.board.getJoystick0();
  }

  get controlPanel(): ReturnType<StellaBoard['getControlPanel']> {
    return this.board.getControlPanel();
  }

  /** RIOT RAM byte `index` (0-127, i.e. $80 + index) read as ALE reads it: a side-effect-free peek. */
  peekRam(index: number): number {
    return this.board.getBus().peek(0x80 | (index & 0x7f));
  }

  /** The last finished frame: width x height ABGR words, live until the next frame finishes. */
  get pixels(): Uint32Array {
    return this.surface.buffer;
  }

  /**
   * Runs until the TIA finishes a frame, or `maxClocks` colour clocks have passed without one
   * (a ROM that restarts VSYNC in a loop); throws if the CPU or the bus trapped.
   */
  runFrame(maxClocks: number): { clocks: number; complete: boolean } {
    this.frameDone = false;
    let clocks = 0;
    while (!this.frameDone && clocks < maxClocks) {
      clocks += this.board.tick(maxClocks - clocks);
      if (this.failure !== null) throw new Error(this.failure);
    }
    return { clocks, complete: this.frameDone };
  }

  /** The samples produced since the last call, at `audioSampleRate`. */
  takeAudio(): Float32Array {
    const samples = this.audio.slice(0, this.audioLength);
    this.audioLength = 0;
    return samples;
  }

  private pushSample(value: number): void {
    if (this.audioLength === this.audio.length) {
      const grown = new Float32Array(this.audio.length * 2);
      grown.set(this.audio);
      this.audio = grown;
    }
    this.audio[this.audioLength++] = value;
  }
}
