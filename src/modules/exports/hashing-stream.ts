import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** A pass-through that counts the bytes going by and hashes them (sha256, hex once ended). */
export class HashingStream extends Transform {
  private readonly hash = createHash('sha256');
  bytes = 0;
  /** Set when the stream has ended. */
  sha256: string | null = null;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback) {
    this.sha256 = this.hash.digest('hex');
    callback();
  }
}

export const sha256Hex = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
