import { readFileSync } from 'node:fs';
import dasm from 'dasm';

/**
 * The OzLab test ROM (test/fixtures/roms/ozlab-test.asm), assembled with the dasm npm package
 * (an emscripten build of DASM 2.20) once per process. Real commercial ROMs are never used in
 * tests; this homebrew one reads the joystick, moves a sprite, beeps and scores on fire presses
 * and ends after TEST_ROM_LIVES presses (game profile `ozlab-test` in src/games/atari/games.ts).
 */

export const TEST_ROM_SOURCE = new URL('../fixtures/roms/ozlab-test.asm', import.meta.url);
/** Fire presses until game over (LIVES_START in the assembly). */
export const TEST_ROM_LIVES = 10;

interface Assembled {
  data: Uint8Array;
  symbols: ReadonlyMap<string, number>;
}

/**
 * dasm is CommonJS with `exports.default`: Node hands an ES module `module.exports` (so the
 * function is `.default`), vitest's module runner hands it `module.exports.default`. Accept both.
 */
const dasmModule: unknown = dasm;
const assembleDasm = (
  typeof dasmModule === 'function' ? dasmModule : dasm.default
) as typeof dasm.default;

let assembled: Assembled | undefined;

function assemble(): Assembled {
  if (assembled) return assembled;
  const source = readFileSync(TEST_ROM_SOURCE, 'utf8');
  const result = assembleDasm(source, { format: 3, machine: 'atari2600' });
  if (!result.success || result.data.length !== 4096) {
    throw new Error(`ozlab-test.asm did not assemble to 4K:\n${result.output.join('\n')}`);
  }
  const symbols = new Map<string, number>();
  for (const symbol of result.symbols ?? []) symbols.set(symbol.name, symbol.value);
  assembled = { data: result.data, symbols };
  return assembled;
}

/** The 4K test ROM (a fresh copy each call; the assembly itself runs once per process). */
export function assembleTestRom(): Uint8Array {
  return assemble().data.slice();
}

/** The assembly's symbols (RAM equates such as SCORE_LO, labels), to check profiles against. */
export function testRomSymbols(): ReadonlyMap<string, number> {
  return assemble().symbols;
}
