import { describe, expect, it } from 'vitest';
import { assembleTestRom, testRomSymbols } from '../../../test/support/atari-rom.js';
import { AleAction, type JoystickState } from './actions.js';
import { fnv1a32 } from './frame-hash.js';
import {
  AtariMachine,
  CLOCKS_PER_FRAME,
  NTSC_FPS,
  SCREEN_HEIGHT,
  SCREEN_WIDTH,
  TIA_AUDIO_SAMPLE_RATE,
} from './machine.js';

const { NOOP, FIRE, RIGHT, LEFT, DOWN, UP, DOWNRIGHT } = AleAction;

/** RAM index (0-127) of a test ROM equate such as POS_X. */
function ramIndex(symbol: string): number {
  const address = testRomSymbols().get(symbol);
  if (address === undefined) throw new Error(`no symbol ${symbol} in ozlab-test.asm`);
  return address & 0x7f;
}

async function testMachine(options: { seed?: number; audioSampleRate?: number } = {}) {
  return AtariMachine.create(assembleTestRom(), options);
}

function run(machine: AtariMachine, inputs: (AleAction | JoystickState)[]): string[] {
  return inputs.map((input) => {
    machine.step(input);
    return machine.frameHash();
  });
}

/** A scripted, seeded input sequence (mulberry-like LCG; no Math.random). */
function scriptedInputs(frames: number, seed: number): AleAction[] {
  let state = seed >>> 0;
  let action: AleAction = NOOP;
  const inputs: AleAction[] = [];
  for (let i = 0; i < frames; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    if (i % 8 === 0) action = (state >>> 8) % 18;
    inputs.push(action);
  }
  return inputs;
}

/** Bounding box of the yellow sprite in RGBA pixels. */
function spriteBox(machine: AtariMachine) {
  const px = machine.pixels();
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let y = 0; y < machine.height; y++) {
    for (let x = 0; x < machine.width; x++) {
      const i = (y * machine.width + x) * 4;
      if (px[i] > 200 && px[i + 1] > 200 && px[i + 2] < 150) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
  }
  return { minX, maxX, minY, maxY };
}

describe('the test ROM', () => {
  it('assembles to 4K with its reset vector at $F000', () => {
    const rom = assembleTestRom();
    expect(rom.length).toBe(4096);
    expect(rom[0xffc] | (rom[0xffd] << 8)).toBe(0xf000);
    expect(testRomSymbols().get('SCORE_LO')).toBe(0x80);
  });
});

describe('AtariMachine', () => {
  it('emulates one whole NTSC frame per step', async () => {
    const machine = await testMachine();
    expect(machine.frameIndex).toBe(0);
    const frames = Array.from({ length: 30 }, () => machine.step(NOOP));
    expect(frames.map((f) => f.index)).toStrictEqual(frames.map((_, i) => i));
    expect(machine.frameIndex).toBe(30);
    // The first frame ends at the first frame boundary after power-on; after that every frame is
    // the ROM's 262 lines of 228 colour clocks.
    for (const frame of frames.slice(1)) {
      expect(frame.clocks).toBe(CLOCKS_PER_FRAME);
      expect(frame.complete).toBe(true);
    }
    expect(NTSC_FPS).toBe(60);
    expect([machine.width, machine.height]).toStrictEqual([SCREEN_WIDTH, SCREEN_HEIGHT]);
    expect(machine.pixels().length).toBe(160 * 212 * 4);
  });

  it('reports the action, the normalised joystick and the switches of each frame', async () => {
    const machine = await testMachine();
    const frame = machine.step({ up: true, down: true, left: false, right: true, fire: true });
    expect(frame.action).toBe(AleAction.RIGHTFIRE);
    expect(frame.joystick).toStrictEqual({
      up: false,
      down: false,
      left: false,
      right: true,
      fire: true,
    });
    expect(frame.reset).toBe(false);
    expect(machine.step(NOOP, { reset: true }).reset).toBe(true);
    expect(() => machine.step(18 as AleAction)).toThrow(RangeError);
  });

  it('moves the sprite with the joystick, in RAM and on screen', async () => {
    const machine = await testMachine();
    run(machine, Array<AleAction>(5).fill(NOOP));
    const x0 = machine.readRam(0x80 + ramIndex('POS_X'));
    const y0 = machine.readRam(ramIndex('POS_Y'));
    const box0 = spriteBox(machine);
    expect(box0.maxX - box0.minX).toBe(7);
    expect(box0.maxY - box0.minY).toBe(7);

    run(machine, Array<AleAction>(20).fill(RIGHT));
    expect(machine.readRam(0x84)).toBe(x0 + 20);
    expect(spriteBox(machine)).toStrictEqual({
      ...box0,
      minX: box0.minX + 20,
      maxX: box0.maxX + 20,
    });

    run(machine, Array<AleAction>(12).fill(DOWN));
    expect(machine.readRam(0x85)).toBe(y0 + 12);
    const box1 = spriteBox(machine);
    expect(box1.minY).toBe(box0.minY + 12);
    expect(box1.minX).toBe(box0.minX + 20);

    run(machine, [...Array<AleAction>(30).fill(LEFT), ...Array<AleAction>(12).fill(UP)]);
    expect([machine.readRam(0x84), machine.readRam(0x85)]).toStrictEqual([x0 - 10, y0]);
    run(machine, Array<AleAction>(3).fill(DOWNRIGHT));
    expect([machine.readRam(0x84), machine.readRam(0x85)]).toStrictEqual([x0 - 7, y0 + 3]);
  });

  it('reads RAM as ALE does and copies it', async () => {
    const machine = await testMachine();
    run(machine, Array<AleAction>(4).fill(RIGHT));
    const ram = machine.ram();
    expect(ram.length).toBe(128);
    expect(machine.readRam(0x84)).toBe(ram[4]);
    expect(machine.readRam(0x04)).toBe(ram[4]);
    ram[4] = 0;
    expect(machine.readRam(0x84)).not.toBe(0);
    expect(() => machine.readRam(0x100)).toThrow(RangeError);
    expect(() => machine.readRam(-1)).toThrow(RangeError);
  });

  it('hashes the frame as FNV-1a of its RGBA bytes and RAM', async () => {
    const machine = await testMachine();
    run(machine, [NOOP, RIGHT, RIGHT]);
    const bytes = new Uint8Array(160 * 212 * 4 + 128);
    bytes.set(machine.pixels());
    bytes.set(machine.ram(), 160 * 212 * 4);
    expect(machine.frameHash()).toMatch(/^[0-9a-f]{8}$/);
    expect(machine.frameHash()).toBe(fnv1a32(bytes));
    expect(fnv1a32(new TextEncoder().encode('a'))).toBe('e40c292c'); // FNV-1a 32 test vector
  });

  it(
    'is deterministic: same ROM, seed and inputs give the same 600 frame hashes',
    { timeout: 60_000 },
    async () => {
      const inputs = scriptedInputs(600, 7);
      const a = run(await testMachine({ seed: 3 }), inputs);
      const b = run(await testMachine({ seed: 3 }), inputs);
      expect(a).toStrictEqual(b);
      expect(new Set(a).size).toBeGreaterThan(50);

      const other = inputs.map((action, i) =>
        i === 300 ? RIGHT : action === RIGHT ? LEFT : action,
      );
      const c = run(await testMachine({ seed: 3 }), other);
      expect(c).not.toStrictEqual(a);
      expect(c[599]).not.toBe(a[599]);
    },
  );

  it('powers on from the seed: RAM before the ROM clears it depends on it', async () => {
    const ramOf = async (seed: number) => (await testMachine({ seed })).ram();
    expect(await ramOf(1)).toStrictEqual(await ramOf(1));
    expect(await ramOf(1)).not.toStrictEqual(await ramOf(2));
    await expect(testMachine({ seed: -1 })).rejects.toThrow(RangeError);
  });

  it('reset() power-cycles to exactly the state create() gave', async () => {
    const inputs = scriptedInputs(120, 11);
    const machine = await testMachine({ seed: 5 });
    const first = run(machine, inputs);
    machine.reset();
    expect(machine.frameIndex).toBe(0);
    expect(run(machine, inputs)).toStrictEqual(first);
  });

  it('starts a new game when the console RESET switch is held', async () => {
    const machine = await testMachine();
    run(machine, [NOOP, FIRE, NOOP, FIRE, NOOP, RIGHT, RIGHT]);
    expect(machine.readRam(0x80)).toBe(2);
    machine.step(NOOP, { reset: true });
    expect([0x80, 0x81, 0x82, 0x83, 0x84].map((a) => machine.readRam(a))).toStrictEqual([
      0, 0, 10, 0, 76,
    ]);
  });

  it('produces the frame audio: silence, then a tone after a fire press', async () => {
    const machine = await testMachine();
    expect(machine.audioSampleRate).toBe(TIA_AUDIO_SAMPLE_RATE);
    for (let i = 0; i < 10; i++) {
      machine.step(NOOP);
      const samples = machine.audioSamples();
      if (i > 0) expect(samples.length).toBe(TIA_AUDIO_SAMPLE_RATE / NTSC_FPS);
      expect(samples.every((s) => s === 0)).toBe(true);
    }
    machine.step(FIRE);
    machine.step(NOOP);
    const beep = machine.audioSamples();
    expect(Math.max(...beep)).toBeGreaterThan(0.1);
    expect(new Set(beep).size).toBeGreaterThan(1); // a wave, not a constant
    run(machine, Array<AleAction>(12).fill(NOOP)); // the beep lasts 8 frames
    expect(machine.audioSamples().every((s) => s === 0)).toBe(true);
  });

  it('resamples the audio to the requested rate, continuously across frames', async () => {
    const native = await testMachine();
    const resampled = await testMachine({ audioSampleRate: 48_000 });
    const nativeTrack: number[] = [];
    const track: number[] = [];
    for (const action of [NOOP, NOOP, FIRE, NOOP, NOOP, NOOP, FIRE, NOOP]) {
      native.step(action);
      resampled.step(action);
      nativeTrack.push(...native.audioSamples());
      track.push(...resampled.audioSamples());
    }
    expect(resampled.audioSampleRate).toBe(48_000);
    expect(
      Math.abs(track.length - (nativeTrack.length * 48_000) / TIA_AUDIO_SAMPLE_RATE),
    ).toBeLessThan(3);
    // Output sample k sits at native position k * 31440 / 48000.
    for (const k of [0, 1000, 2500, track.length - 2]) {
      const pos = (k * TIA_AUDIO_SAMPLE_RATE) / 48_000;
      const i = Math.floor(pos);
      const expected = nativeTrack[i] + (nativeTrack[i + 1] - nativeTrack[i]) * (pos - i);
      expect(track[k]).toBeCloseTo(expected, 5);
    }
  });

  it('ends a step without a frame after two frames of clocks when the ROM loops on VSYNC', async () => {
    // lda #2; sta VSYNC; sta WSYNC; lda #0; sta VSYNC; jmp $F000: a VSYNC every line.
    const code = [0xa9, 0x02, 0x85, 0x00, 0x85, 0x02, 0xa9, 0x00, 0x85, 0x00, 0x4c, 0x00, 0xf0];
    const rom = new Uint8Array(4096);
    rom.set(code);
    rom[0xffc] = 0x00;
    rom[0xffd] = 0xf0;
    const machine = await AtariMachine.create(rom);
    const frame = machine.step(NOOP);
    expect(frame).toMatchObject({ complete: false, clocks: 2 * CLOCKS_PER_FRAME });
    expect(machine.frameIndex).toBe(1);
  });

  it('fails loudly when the ROM executes an invalid instruction', async () => {
    const rom = new Uint8Array(4096).fill(0x02); // JAM
    rom[0xffc] = 0x00;
    rom[0xffd] = 0xf0;
    const machine = await AtariMachine.create(rom);
    expect(() => machine.step(NOOP)).toThrow(/trap/);
  });
});
