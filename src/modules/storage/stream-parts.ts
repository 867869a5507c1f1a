import type { Readable } from 'node:stream';

/**
 * Cuts a byte stream into parts of exactly `partSize` bytes (the last may be shorter; an empty
 * stream yields nothing). Holds at most about one part in memory. Used for multipart uploads.
 */
export async function* readParts(stream: Readable, partSize: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    pending.push(bytes);
    pendingBytes += bytes.length;
    while (pendingBytes >= partSize) {
      const all = Buffer.concat(pending, pendingBytes);
      yield all.subarray(0, partSize);
      const rest = all.subarray(partSize);
      pending = rest.length > 0 ? [rest] : [];
      pendingBytes = rest.length;
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
}
