import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { contentTypeForKey } from './http-headers.js';
import { assertValidKey, folderPrefix, isValidKey } from './storage-keys.js';
import type {
  ByteRangeRequest,
  PutOptions,
  SignedDownloadOptions,
  SignedUploadOptions,
  StorageBody,
  StorageDriver,
  StoredObject,
  StoredObjectStat,
} from './storage.driver.js';
import { StorageNotFoundError, StorageUnavailableError } from './storage.errors.js';
import { buildSignedDownloadUrl } from './url-signer.js';

export interface LocalDriverOptions {
  /** Root folder; a key `a/b.wav` is the file `{dir}/a/b.wav`. */
  dir: string;
  /** External base URL that signed download URLs point at. */
  publicUrl: string;
  /** Server secret that signs download URLs (verified by `StorageController`). */
  secret: string;
}

const MISSING = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined;
}

/** Files on local disk. Writes go to a temp file beside the target, then `rename` (atomic). */
export class LocalDriver implements StorageDriver {
  readonly kind = 'local' as const;
  private readonly logger = new Logger(LocalDriver.name);
  private readonly root: string;

  constructor(private readonly options: LocalDriverOptions) {
    this.root = resolve(options.dir);
  }

  /** Creates the root folder and fails at boot when it cannot be written. */
  static async create(options: LocalDriverOptions): Promise<LocalDriver> {
    const driver = new LocalDriver(options);
    await mkdir(driver.root, { recursive: true }).catch((err: unknown) => {
      throw new StorageUnavailableError(
        `Cannot create storage folder ${driver.root}: ${String(err)}`,
        {
          cause: err,
        },
      );
    });
    await driver.check();
    driver.logger.log(`Storing files under ${driver.root}`);
    return driver;
  }

  async put(key: string, body: StorageBody, _opts?: PutOptions): Promise<{ size: number }> {
    const target = this.pathOf(key);
    // Starts with '.', so it is never a valid key segment: `list` cannot see it.
    const temp = join(
      dirname(target),
      `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
    );
    // The folder usually exists already (audio chunks arrive every second): create it only when
    // the open says it is missing, saving a syscall round trip per write on the hot path.
    const handle = await open(temp, 'wx').catch(async (err: unknown) => {
      if (errorCode(err) !== 'ENOENT') throw err;
      await mkdir(dirname(target), { recursive: true });
      return open(temp, 'wx');
    });
    try {
      if (body instanceof Readable) {
        for await (const chunk of body as AsyncIterable<Buffer | string>) {
          await handle.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
        }
      } else {
        await handle.writeFile(body);
      }
      await handle.sync();
      const size = body instanceof Readable ? (await handle.stat()).size : body.byteLength;
      await handle.close();
      await rename(temp, target);
      return { size };
    } catch (err) {
      await handle.close().catch(() => undefined);
      await rm(temp, { force: true });
      if (body instanceof Readable) body.destroy();
      throw err;
    }
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key)).catch((err: unknown) => this.fail(key, err));
  }

  async stream(key: string, range?: ByteRangeRequest): Promise<Readable> {
    const path = this.pathOf(key);
    // Open first so that a missing file rejects here rather than as a later stream error.
    const handle = await open(path, 'r').catch((err: unknown) => this.fail(key, err));
    const info = await handle.stat();
    if (!info.isFile()) {
      await handle.close();
      throw new StorageNotFoundError(key);
    }
    return handle.createReadStream({ start: range?.start, end: range?.end });
  }

  async stat(key: string): Promise<StoredObjectStat> {
    const info = await stat(this.pathOf(key)).catch((err: unknown) => this.fail(key, err));
    if (!info.isFile()) throw new StorageNotFoundError(key);
    return { size: info.size, lastModified: info.mtime, contentType: contentTypeForKey(key) };
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (err) {
      if (MISSING.has(errorCode(err) ?? '')) return false;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.pathOf(key));
    } catch (err) {
      if (!MISSING.has(errorCode(err) ?? '')) throw err;
    }
  }

  async deletePrefix(prefix: string): Promise<number> {
    const folder = folderPrefix(prefix);
    const objects = await this.list(folder);
    await rm(this.pathOf(folder.slice(0, -1)), { recursive: true, force: true });
    return objects.length;
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const folder = folderPrefix(prefix);
    const out: StoredObject[] = [];
    await this.walk(this.pathOf(folder.slice(0, -1)), folder, out);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async signedDownloadUrl(key: string, opts: SignedDownloadOptions): Promise<string> {
    assertValidKey(key);
    const exp = Math.floor(Date.now() / 1000) + opts.expiresInS;
    return buildSignedDownloadUrl(this.options.publicUrl, this.options.secret, {
      key,
      exp,
      filename: opts.filename,
    });
  }

  async signedUploadUrl(key: string, _opts: SignedUploadOptions): Promise<null> {
    assertValidKey(key);
    return null;
  }

  async check(): Promise<void> {
    try {
      await access(this.root, constants.R_OK | constants.W_OK);
    } catch (err) {
      throw new StorageUnavailableError(
        `Storage folder ${this.root} is not readable and writable`,
        {
          cause: err,
        },
      );
    }
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    return join(this.root, ...key.split('/'));
  }

  private async walk(dir: string, keyPrefix: string, out: StoredObject[]): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (MISSING.has(errorCode(err) ?? '')) return;
      throw err;
    }
    for (const entry of entries) {
      const key = keyPrefix + entry.name;
      if (!isValidKey(key)) continue; // temp files and anything not written by us
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        await this.walk(path, key + '/', out);
      } else if (entry.isFile()) {
        const info = await stat(path).catch((err: unknown) => {
          if (MISSING.has(errorCode(err) ?? '')) return undefined; // deleted meanwhile
          throw err;
        });
        if (info) out.push({ key, size: info.size, lastModified: info.mtime });
      }
    }
  }

  private fail(key: string, err: unknown): never {
    if (MISSING.has(errorCode(err) ?? '')) throw new StorageNotFoundError(key, { cause: err });
    throw err;
  }
}
