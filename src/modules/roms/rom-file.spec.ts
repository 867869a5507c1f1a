import {
  BadRequestException,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { checkRomBody, ROM_LIMITS, romDigests, romStorageKey } from './rom-file.js';

const OCTETS = 'application/octet-stream';

describe('checkRomBody', () => {
  it('takes the raw bytes of a 2 KiB to 64 KiB cartridge', () => {
    for (const size of [ROM_LIMITS.minBytes, 4096, ROM_LIMITS.maxBytes]) {
      const body = Buffer.alloc(size, 0xea);
      expect(checkRomBody(body, `${OCTETS}; charset=binary`)).toBe(body);
    }
  });

  it('refuses another content type, an empty body and sizes no 2600 cartridge has', () => {
    expect(() => checkRomBody({}, 'application/json')).toThrow(UnsupportedMediaTypeException);
    expect(() => checkRomBody(undefined, undefined)).toThrow(/Content-Type: application\/octet/);
    expect(() => checkRomBody({}, OCTETS)).toThrow(/empty/);
    expect(() => checkRomBody(Buffer.alloc(2047), OCTETS)).toThrow(BadRequestException);
    expect(() => checkRomBody(Buffer.alloc(2047), OCTETS)).toThrow(
      'The file has 2047 bytes; an Atari 2600 ROM has at least 2048 (2 KiB)',
    );
    expect(() => checkRomBody(Buffer.alloc(65537), OCTETS)).toThrow(PayloadTooLargeException);
    expect(() => checkRomBody(Buffer.alloc(65537), OCTETS)).toThrow(/at most 65536 \(64 KiB\)/);
  });
});

describe('romDigests / romStorageKey', () => {
  it('gives lower-case hex MD5 and SHA-1', () => {
    expect(romDigests(new TextEncoder().encode('abc'))).toEqual({
      md5: '900150983cd24fb0d6963f7d28e17f72',
      sha1: 'a9993e364706816aba3e25717850c26c9cd0d89d',
    });
  });

  it('stores a ROM under roms/<md5>.bin and takes nothing but an MD5', () => {
    expect(romStorageKey('900150983cd24fb0d6963f7d28e17f72')).toBe(
      'roms/900150983cd24fb0d6963f7d28e17f72.bin',
    );
    expect(() => romStorageKey('../etc/passwd')).toThrow(RangeError);
    expect(() => romStorageKey('900150983CD24FB0D6963F7D28E17F72')).toThrow(RangeError);
  });
});
