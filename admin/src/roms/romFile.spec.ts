import { describe, expect, it } from 'vitest';

import { formatRomSize, romSizeProblem, validateRomFile } from './romFile';

describe('ROM file checks', () => {
  it('formats sizes in KiB with the exact bytes', () => {
    expect(formatRomSize(4096)).toBe('4 KiB (4,096 bytes)');
    expect(formatRomSize(10_495)).toBe('10.2 KiB (10,495 bytes)');
    expect(formatRomSize(512)).toBe('512 bytes');
    expect(formatRomSize(undefined)).toBe('');
  });

  it('accepts 2 KiB to 64 KiB, as the server does', () => {
    expect(romSizeProblem(2048)).toBeUndefined();
    expect(romSizeProblem(65_536)).toBeUndefined();
    expect(romSizeProblem(0)).toBe('The file is empty');
    expect(romSizeProblem(2047)).toBe(
      'The file has 2047 bytes; an Atari 2600 ROM has at least 2048 (2 KiB)',
    );
    expect(romSizeProblem(65_537)).toMatch(/at most 65536 \(64 KiB\)/);
  });

  it("validates FileInput's value and leaves an empty one to `required`", () => {
    expect(validateRomFile({ rawFile: new Blob([new Uint8Array(100)]) })).toMatch(/100 bytes/);
    expect(validateRomFile({ rawFile: new Blob([new Uint8Array(4096)]) })).toBeUndefined();
    expect(validateRomFile(null)).toBeUndefined();
  });
});
