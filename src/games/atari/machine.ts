/**
 * An Atari 2600 (NTSC) that advances one video frame per `step()`: the only API the client (live
 * play) and the server (re-emulation for the determinism check, rendering) use. Pure TypeScript
 * over 6502.ts's Stella core: no DOM, no Node APIs.
 *
 * Determinism: the same ROM, seed and per-frame inputs give the same pixels, RAM, audio and
 * frame hashes, in Node and in the browser. 6502.ts randomises RAM, CPU registers and cartridge
 * RAM at power-on from an alea generator seeded with its `Config.randomSeed`; we always pass a
 * fixed seed (default 0), never its "-1 = Math.random" default. Nothing depends on wall time.
 */
import {
  actionOf,
  type AleAction,
  isAleAction,
  joystickOf,
  type JoystickState,
} from './actions.js';
import { frameHash } from './frame-hash.js';
import { LinearResampler } from './resampler.js';
import { StellaCartridge, type StellaConsole } from './stella.js';

/**
 * Frames per second of the emulation clock. 6502.ts models an NTSC console as exactly 60 frames
 * of 262 lines of 228 colour clocks a second (its CPU clock and audio rate derive from that); a
 * real NTSC 2600 runs at 3579545 / (262 * 228) = 59.92 Hz. We keep 6502.ts's 60, so that one
 * frame is exactly 1/60 s of the emulated audio (524 samples at TIA_AUDIO_SAMPLE_RATE).
 */
export const NTSC_FPS = 60;
/** Colour clocks of a standard NTSC frame (262 lines of 228 clocks). */
export const CLOCKS_PER_FRAME = 262 * 228;
/** Width and height of `pixels()` (6502.ts's NTSC picture: 160 columns, 192 + 20 lines). */
export const SCREEN_WIDTH = 160;
export const SCREEN_HEIGHT = 212;
/** 6502.ts's TIA PCM rate: 2 samples a line, 262 lines, 60 frames a second. */
export const TIA_AUDIO_SAMPLE_RATE = 31_440;

/**
 * A step ends at the TIA's frame event, or after this many colour clocks without one (two
 * standard frames: 6502.ts finishes a frame even without VSYNC within ~400 lines, so only a ROM
 * that restarts VSYNC in a loop reaches it). The step is then an incomplete frame.
 */
const MAX_CLOCKS_PER_STEP = 2 * CLOCKS_PER_FRAME;

/** The console's front-panel switches held during a frame (ALE presses RESET for 4 frames). */
export interface ConsoleSwitches {
  reset?: boolean;
  select?: boolean;
}

export interface AtariMachineOptions {
  /** Power-on randomisation seed, a non-negative integer (default 0). */
  seed?: number;
  /** Rate of `audioSamples()` in Hz (default TIA_AUDIO_SAMPLE_RATE, no resampling). */
  audioSampleRate?: number;
}

export interface AtariFrame {
  /** 0-based index of this frame since power-on (the machine's `frameIndex` before the step). */
  index: number;
  /** The ALE action that was held (opposite directions of a JoystickState cancel). */
  action: AleAction;
  /** The joystick state that was held, normalised to `action`. */
  joystick: JoystickState;
  reset: boolean;
  select: boolean;
  /** Colour clocks emulated (CLOCKS_PER_FRAME for a well-behaved NTSC ROM). */
  clocks: number;
  /**
   * False when no frame finished within 2 * CLOCKS_PER_FRAME colour clocks (the ROM restarted
   * VSYNC in a loop); `pixels()` then still shows the last finished frame.
   */
  complete: boolean;
}

export class AtariMachine {
  readonly seed: number;
  readonly audioSampleRate: number;
  readonly width: number;
  readonly height: number;
  private console: StellaConsole;
  private resampler: LinearResampler;
  private frames = 0;
  private lastAudio: Float32Array = new Float32Array(0);
  private cachedHash: string | null = null;

  private constructor(
    private readonly cartridge: StellaCartridge,
    options: AtariMachineOptions,
  ) {
    const seed = options.seed ?? 0;
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
    }
    this.seed = seed;
    this.console = cartridge.powerOn({ seed });
    this.audioSampleRate = options.audioSampleRate ?? this.console.audioSampleRate;
    this.resampler = new LinearResampler(this.console.audioSampleRate, this.audioSampleRate);
    this.width = this.console.width;
    this.height = this.console.height;
  }

  /** Loads a ROM (any cartridge type 6502.ts detects) and powers the console on. */
  static async create(rom: Uint8Array, options: AtariMachineOptions = {}): Promise<AtariMachine> {
    return new AtariMachine(await StellaCartridge.load(rom), options);
  }

  /** Frames emulated since power-on: the index of the frame the next `step()` produces. */
  get frameIndex(): number {
    return this.frames;
  }

  /**
   * Power cycle: back to exactly the state `create()` gave (same seed, frame index 0). The parsed
   * cartridge is reused, restored by 6502.ts's cartridge reset() and re-randomised from the seed
   * (bank selection, extra RAM: all the 4K, F8 and E0 cartridges of the study games hold).
   * To start a new game the way ALE does, step with `reset: true` instead (`aleStartInputs`).
   */
  reset(): void {
    this.console = this.cartridge.powerOn({ seed: this.seed });
    this.resampler = new LinearResampler(this.console.audioSampleRate, this.audioSampleRate);
    this.frames = 0;
    this.lastAudio = new Float32Array(0);
    this.cachedHash = null;
  }

  /** Holds `input` (and the console switches) for one whole video frame and emulates it. */
  step(input: JoystickState | AleAction, switches: ConsoleSwitches = {}): AtariFrame {
    let action: AleAction;
    if (typeof input === 'number') {
      if (!isAleAction(input)) throw new RangeError(`not an ALE action (0-17): ${String(input)}`);
      action = input;
    } else {
      action = actionOf(input);
    }
    const joystick = joystickOf(action);
    const stick = this.console.joystick;
    stick.getUp().toggle(joystick.up);
    stick.getDown().toggle(joystick.down);
    stick.getLeft().toggle(joystick.left);
    stick.getRight().toggle(joystick.right);
    stick.getFire().toggle(joystick.fire);
    const reset = switches.reset === true;
    const select = switches.select === true;
    this.console.controlPanel.getResetButton().toggle(reset);
    this.console.controlPanel.getSelectSwitch().toggle(select);

    const { clocks, complete } = this.console.runFrame(MAX_CLOCKS_PER_STEP);
    this.lastAudio = this.resampler.push(this.console.takeAudio());
    this.cachedHash = null;
    const index = this.frames++;
    return { index, action, joystick, reset, select, clocks, complete };
  }

  /**
   * A RAM byte, addressed as ALE's `readRam` does: the address is masked to 7 bits, so $80-$FF
   * (the CPU addresses, as in ALE's game files) and 0-127 (an index into `ram()`) name the
   * same byte. Reads never change the machine.
   */
  readRam(address: number): number {
    if (!Number.isInteger(address) || address < 0 || address > 0xff) {
      throw new RangeError(`RAM address must be an integer in 0x00-0xFF, got ${address}`);
    }
    return this.console.peekRam(address & 0x7f);
  }

  /** A copy of the 128 bytes of RAM: index i is address $80 + i. */
  ram(): Uint8Array {
    const bytes = new Uint8Array(128);
    for (let i = 0; i < 128; i++) bytes[i] = this.console.peekRam(i);
    return bytes;
  }

  /**
   * The last frame as RGBA bytes, `width` x `height` (160 x 212), row by row: ready for
   * `new ImageData(pixels, 160, 212)` or ffmpeg's `-pix_fmt rgba`. Writes into `target` when
   * given (it must hold width * height * 4 bytes), else into a new array.
   */
  pixels(target?: Uint8ClampedArray): Uint8ClampedArray {
    const words = this.console.pixels;
    const out = target ?? new Uint8ClampedArray(words.length * 4);
    if (out.length !== words.length * 4) {
      throw new RangeError(`pixels target must hold ${words.length * 4} bytes, got ${out.length}`);
    }
    for (let i = 0, j = 0; i < words.length; i++, j += 4) {
      const word = words[i];
      out[j] = word & 0xff;
      out[j + 1] = (word >>> 8) & 0xff;
      out[j + 2] = (word >>> 16) & 0xff;
      out[j + 3] = word >>> 24;
    }
    return out;
  }

  /**
   * The audio of the last frame, mono, at `audioSampleRate` (a copy). Values are 6502.ts's TIA
   * mix of both channels in [0, 1] (0 = silence; not centred). Resampled output is continuous
   * across frames, so concatenating every frame's samples gives the whole track.
   */
  audioSamples(): Float32Array {
    return this.lastAudio.slice();
  }

  /** See frame-hash.ts: FNV-1a 32 of the last frame's RGBA bytes and the RAM, 8 hex digits. */
  frameHash(): string {
    this.cachedHash ??= frameHash(this.console.pixels, this.ram());
    return this.cachedHash;
  }
}
