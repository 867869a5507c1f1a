import { HttpException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { checkChunkBody } from './chunk-ingest.service.js';

const statusOf = (fn: () => unknown): [number, string] => {
  try {
    fn();
  } catch (err) {
    if (err instanceof HttpException) return [err.getStatus(), err.message];
    throw err;
  }
  return [0, ''];
};

describe('checkChunkBody', () => {
  const OCTET = 'application/octet-stream';

  it('accepts raw 16-bit PCM and counts its samples', () => {
    expect(checkChunkBody(Buffer.alloc(96_000), OCTET, 48_000).sampleCount).toBe(48_000);
    expect(checkChunkBody(Buffer.alloc(2), 'Application/Octet-Stream; x=1', 8000).sampleCount).toBe(
      1,
    );
  });

  it('refuses other content types, empty and odd bodies, and too much audio', () => {
    expect(statusOf(() => checkChunkBody({}, 'application/json', 8000))).toEqual([
      415,
      "Send the chunk's PCM bytes as the request body with Content-Type: application/octet-stream",
    ]);
    expect(statusOf(() => checkChunkBody(undefined, OCTET, 8000))[0]).toBe(400);
    expect(statusOf(() => checkChunkBody(Buffer.alloc(3), OCTET, 8000))[1]).toMatch(/odd length/);
    const [status, message] = statusOf(() => checkChunkBody(Buffer.alloc(80_002), OCTET, 8000));
    expect(status).toBe(413);
    expect(message).toMatch(/5\.000 s of audio \(40001 samples at 8000 Hz\); at most 5 s/);
    expect(
      statusOf(() => checkChunkBody(Buffer.alloc(2 * 1024 * 1024 + 2), OCTET, 192_000)),
    ).toEqual([
      413,
      'The chunk has 2097154 bytes; at most 2097152 bytes (RECORDING_LIMITS.maxChunkBytes)',
    ]);
  });
});
