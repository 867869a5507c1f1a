import type { Readable } from 'node:stream';

export const STORAGE_DRIVER = Symbol('STORAGE_DRIVER');

export type StorageKind = 'local' | 's3';

export type StorageBody = Buffer | Uint8Array | Readable;

export interface PutOptions {
  contentType?: string;
}

/** Inclusive byte range, as in `Range: bytes=start-end`; `end` defaults to the last byte. */
export interface ByteRangeRequest {
  start: number;
  end?: number;
}

export interface StoredObjectStat {
  size: number;
  lastModified: Date;
  /** What the object was stored with (S3), or what its extension implies (local). */
  contentType?: string;
}

export interface StoredObject {
  key: string;
  size: number;
  lastModified: Date;
}

export interface SignedDownloadOptions {
  expiresInS: number;
  /** Offered to the browser as `Content-Disposition: attachment; filename=...`. */
  filename?: string;
}

export interface SignedUploadOptions {
  expiresInS: number;
  /** The uploader must send exactly this `Content-Type` (it is part of the signature). */
  contentType: string;
}

/**
 * One adapter per storage backend (local disk, S3-compatible). Keys are validated storage keys
 * (`storage-keys.ts`); a prefix names a folder (`a/b` and `a/b/` both mean "under `a/b/`").
 * Missing objects raise `StorageNotFoundError`, a backend that cannot be used raises
 * `StorageUnavailableError`.
 */
export interface StorageDriver {
  readonly kind: StorageKind;
  /** Writes the whole object or nothing: a failed or interrupted put leaves no object behind. */
  put(key: string, body: StorageBody, opts?: PutOptions): Promise<{ size: number }>;
  get(key: string): Promise<Buffer>;
  stream(key: string, range?: ByteRangeRequest): Promise<Readable>;
  stat(key: string): Promise<StoredObjectStat>;
  exists(key: string): Promise<boolean>;
  /** Idempotent: deleting a missing key succeeds. */
  delete(key: string): Promise<void>;
  /** Deletes every object under the folder `prefix`; returns how many were deleted. */
  deletePrefix(prefix: string): Promise<number>;
  /** Every object under the folder `prefix` (all pages), sorted by key. */
  list(prefix: string): Promise<StoredObject[]>;
  signedDownloadUrl(key: string, opts: SignedDownloadOptions): Promise<string>;
  /** A URL the browser can PUT the bytes to, or `null` where the driver has none (local). */
  signedUploadUrl(key: string, opts: SignedUploadOptions): Promise<string | null>;
  /** Resolves when the backend is usable, throws `StorageUnavailableError` otherwise (health). */
  check(): Promise<void>;
}
