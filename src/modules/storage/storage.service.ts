import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { assertValidKey, folderPrefix } from './storage-keys.js';
import {
  STORAGE_DRIVER,
  type ByteRangeRequest,
  type PutOptions,
  type SignedDownloadOptions,
  type SignedUploadOptions,
  type StorageBody,
  type StorageDriver,
  type StorageKind,
  type StoredObject,
  type StoredObjectStat,
} from './storage.driver.js';

/** Longest validity of a signed URL: the SigV4 limit, applied to both drivers alike. */
export const MAX_SIGNED_URL_TTL_S = 7 * 24 * 3600;

function assertTtl(expiresInS: number): void {
  if (!Number.isInteger(expiresInS) || expiresInS < 1 || expiresInS > MAX_SIGNED_URL_TTL_S) {
    throw new RangeError(
      `expiresInS must be an integer from 1 to ${MAX_SIGNED_URL_TTL_S}, got ${expiresInS}`,
    );
  }
}

/**
 * What the rest of the app uses for files. Validates every key (see `storage-keys.ts`) before
 * handing it to the configured driver; build keys with `sessionKey` / `studyKey`.
 */
@Injectable()
export class StorageService {
  constructor(@Inject(STORAGE_DRIVER) private readonly driver: StorageDriver) {}

  get kind(): StorageKind {
    return this.driver.kind;
  }

  async put(key: string, body: StorageBody, opts?: PutOptions): Promise<{ size: number }> {
    assertValidKey(key);
    return this.driver.put(key, body, opts);
  }

  async get(key: string): Promise<Buffer> {
    assertValidKey(key);
    return this.driver.get(key);
  }

  async stream(key: string, range?: ByteRangeRequest): Promise<Readable> {
    assertValidKey(key);
    if (range) {
      const { start, end } = range;
      if (
        !Number.isSafeInteger(start) ||
        start < 0 ||
        (end !== undefined && (!Number.isSafeInteger(end) || end < start))
      ) {
        throw new RangeError(`Invalid byte range ${start}-${end ?? ''}`);
      }
    }
    return this.driver.stream(key, range);
  }

  async stat(key: string): Promise<StoredObjectStat> {
    assertValidKey(key);
    return this.driver.stat(key);
  }

  async exists(key: string): Promise<boolean> {
    assertValidKey(key);
    return this.driver.exists(key);
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    return this.driver.delete(key);
  }

  async deletePrefix(prefix: string): Promise<number> {
    return this.driver.deletePrefix(folderPrefix(prefix));
  }

  async list(prefix: string): Promise<StoredObject[]> {
    return this.driver.list(folderPrefix(prefix));
  }

  async signedDownloadUrl(key: string, opts: SignedDownloadOptions): Promise<string> {
    assertValidKey(key);
    assertTtl(opts.expiresInS);
    return this.driver.signedDownloadUrl(key, opts);
  }

  /** `null` when the driver cannot take direct uploads (local): upload through the API then. */
  async signedUploadUrl(key: string, opts: SignedUploadOptions): Promise<string | null> {
    assertValidKey(key);
    assertTtl(opts.expiresInS);
    return this.driver.signedUploadUrl(key, opts);
  }

  async check(): Promise<void> {
    return this.driver.check();
  }
}
