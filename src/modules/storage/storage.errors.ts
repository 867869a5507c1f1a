/**
 * Storage's own errors. Drivers translate SDK and file-system errors into these, so that the rest
 * of the app never sees an `ENOENT` or a `NoSuchKey`.
 */

/** The object does not exist (S3 `NoSuchKey` / `NotFound`, fs `ENOENT`). */
export class StorageNotFoundError extends Error {
  constructor(
    readonly key: string,
    options?: { cause?: unknown },
  ) {
    super(`Storage object not found: ${key}`, options);
    this.name = 'StorageNotFoundError';
  }
}

/** A key or prefix that the server should never have built (see `storage-keys.ts`). */
export class InvalidStorageKeyError extends Error {
  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super(
      `Invalid storage key ${JSON.stringify(key.length > 120 ? key.slice(0, 120) + '…' : key)}: ${reason}`,
    );
    this.name = 'InvalidStorageKeyError';
  }
}

/** The backend cannot be used right now: bucket missing, no permission, network down, disk gone. */
export class StorageUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageUnavailableError';
  }
}
