/** Messages between the viewer and its Atari emulation worker (`emulator.worker.ts`). */
import type { AtariInput } from '../model';

export type ToEmulator =
  /** Power on `rom` with `seed` and emulate every input, storing each frame. */
  | { type: 'load'; rom: ArrayBuffer; seed: number; inputs: AtariInput[] }
  /** The pixels of frame `index`, as soon as it is emulated (a newer request replaces it). */
  | { type: 'frame'; index: number };

export type FromEmulator =
  | { type: 'ready'; width: number; height: number; total: number }
  /** Frames emulated so far; `mismatch`: the first frame whose hash differed from the log's. */
  | {
      type: 'progress';
      emulated: number;
      total: number;
      storedBytes: number;
      mismatch: number | null;
    }
  | { type: 'frame'; index: number; width: number; height: number; pixels: ArrayBuffer }
  | { type: 'error'; message: string };
