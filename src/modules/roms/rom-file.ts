import { createHash } from 'node:crypto';
import {
  BadRequestException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { joinKey } from '../storage/storage-keys.js';

/**
 * The ROM upload's body: the raw cartridge image. `src/bootstrap.ts` registers a raw body parser
 * for this type (shared with the audio chunks, limit 2 MiB); the ROM limits below are checked here.
 */
export const ROM_CONTENT_TYPE = 'application/octet-stream';

/** Atari 2600 cartridges: 2 KiB (the smallest) to 64 KiB (the largest bank-switched ones). */
export const ROM_LIMITS = { minBytes: 2 * 1024, maxBytes: 64 * 1024 } as const;

/** Where a ROM's bytes are stored: `roms/<md5>.bin` (one file per distinct ROM). */
export function romStorageKey(md5: string): string {
  if (!/^[0-9a-f]{32}$/.test(md5)) throw new RangeError(`not a lower-case hex MD5: ${md5}`);
  return joinKey('roms', `${md5}.bin`);
}

/** Checks an upload's body: raw bytes of a plausible 2600 ROM size. Returns the bytes. */
export function checkRomBody(body: unknown, contentType: string | undefined): Buffer {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type !== ROM_CONTENT_TYPE)
    throw new UnsupportedMediaTypeException(
      `Send the ROM's bytes as the request body with Content-Type: ${ROM_CONTENT_TYPE}`,
    );
  const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
  if (bytes.length === 0)
    throw new BadRequestException('The ROM is empty: send the cartridge image as the body');
  if (bytes.length < ROM_LIMITS.minBytes)
    throw new BadRequestException(
      `The file has ${bytes.length} bytes; an Atari 2600 ROM has at least ${ROM_LIMITS.minBytes} (2 KiB)`,
    );
  if (bytes.length > ROM_LIMITS.maxBytes)
    throw new PayloadTooLargeException(
      `The file has ${bytes.length} bytes; an Atari 2600 ROM has at most ${ROM_LIMITS.maxBytes} (64 KiB)`,
    );
  return bytes;
}

/** Lower-case hex digests of a ROM: MD5 identifies it (as ALE does), SHA-1 is kept alongside. */
export function romDigests(bytes: Uint8Array): { md5: string; sha1: string } {
  return {
    md5: createHash('md5').update(bytes).digest('hex'),
    sha1: createHash('sha1').update(bytes).digest('hex'),
  };
}
