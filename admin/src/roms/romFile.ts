/**
 * Checks the admin makes before an upload, worded as the server words them
 * (`src/modules/roms/rom-file.ts`, which the admin cannot import: it uses Node's crypto).
 */

/** Atari 2600 cartridges: 2 KiB to 64 KiB. */
export const ROM_LIMITS = { minBytes: 2 * 1024, maxBytes: 64 * 1024 } as const;

/** `4 KiB (4,096 bytes)`; sizes below 1 KiB in bytes only. */
export const formatRomSize = (bytes: number | null | undefined): string => {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes)) return '';
  const exact = `${bytes.toLocaleString('en-US')} bytes`;
  if (bytes < 1024) return exact;
  const kib = bytes / 1024;
  return `${Number.isInteger(kib) ? kib : kib.toFixed(1)} KiB (${exact})`;
};

/** The problem with a file's size, or undefined when a 2600 ROM could have it. */
export const romSizeProblem = (bytes: number): string | undefined => {
  if (bytes === 0) return 'The file is empty';
  if (bytes < ROM_LIMITS.minBytes)
    return `The file has ${bytes} bytes; an Atari 2600 ROM has at least ${ROM_LIMITS.minBytes} (2 KiB)`;
  if (bytes > ROM_LIMITS.maxBytes)
    return `The file has ${bytes} bytes; an Atari 2600 ROM has at most ${ROM_LIMITS.maxBytes} (64 KiB)`;
  return undefined;
};

/** react-admin validator for FileInput's value (`{ rawFile: File, ... }`). */
export const validateRomFile = (value: unknown): string | undefined => {
  const file = (value as { rawFile?: unknown } | null | undefined)?.rawFile;
  return file instanceof Blob ? romSizeProblem(file.size) : undefined;
};
