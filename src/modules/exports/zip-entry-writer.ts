import type { Readable, Writable } from 'node:stream';
import { type EntryData, ZipArchive } from 'archiver';
import type { ManifestFile } from './export-manifest.js';
import { HashingStream, sha256Hex } from './hashing-stream.js';

/** The export stopped: the client went away, or the archive itself failed. */
export class ExportAbortedError extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`Export aborted: ${reason}`, options);
    this.name = 'ExportAbortedError';
  }
}

export interface EntryOptions {
  /** Store without compression (WAV audio hardly deflates; the CPU is better spent elsewhere). */
  store?: boolean;
}

export interface StreamEntryResult {
  file: ManifestFile;
  /** Set when the source failed part-way: the entry holds the bytes read until then. */
  error: Error | null;
}

/**
 * Writes a ZIP to `out` one entry at a time with archiver, each entry's size and sha256
 * computed as it streams by. Each `add*` resolves only once archiver has consumed the entry,
 * which in turn waits for `out` to drain: at most one entry is in flight and memory stays flat
 * whatever the export's size. A source stream that fails part-way never reaches archiver (it
 * would corrupt the archive): the entry is closed where it stopped and the error is returned.
 */
export class ZipEntryWriter {
  private readonly archive: ZipArchive;
  private readonly entries: ManifestFile[] = [];
  private readonly stop = new AbortController();

  constructor(
    out: Writable,
    private readonly date = new Date(),
  ) {
    this.archive = new ZipArchive({ zlib: { level: 6 } });
    this.archive.on('error', (error) => this.abort(`archive error: ${error.message}`, error));
    this.archive.pipe(out);
  }

  /** Every entry written so far, in order. */
  get files(): readonly ManifestFile[] {
    return this.entries;
  }

  get aborted(): boolean {
    return this.stop.signal.aborted;
  }

  /** Bytes of ZIP produced so far. */
  get bytesWritten(): number {
    return this.archive.pointer();
  }

  async addBuffer(
    path: string,
    data: Buffer | string,
    opts: EntryOptions = {},
  ): Promise<ManifestFile> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    await this.append(bytes, path, opts);
    return this.record({ path, bytes: bytes.length, sha256: sha256Hex(bytes) });
  }

  async addStream(
    path: string,
    source: Readable,
    opts: EntryOptions = {},
  ): Promise<StreamEntryResult> {
    const hasher = new HashingStream();
    let error: Error | null = null;
    source.once('error', (e: Error) => {
      error = e;
      source.unpipe(hasher);
      hasher.end();
    });
    const onAbort = () => source.destroy();
    this.stop.signal.addEventListener('abort', onAbort, { once: true });
    source.pipe(hasher);
    try {
      await this.append(hasher, path, opts);
    } finally {
      this.stop.signal.removeEventListener('abort', onAbort);
    }
    const file = this.record({ path, bytes: hasher.bytes, sha256: hasher.sha256 ?? '' });
    return { file, error };
  }

  /** Writes the central directory; resolves when the last byte has gone to archiver's output. */
  async finalize(): Promise<void> {
    this.throwIfAborted();
    await this.archive.finalize();
  }

  /** Stops the export (the client went away): pending and later `add*` calls reject. */
  abort(reason: string, cause?: unknown): void {
    if (this.aborted) return;
    this.stop.abort(new ExportAbortedError(reason, { cause }));
    this.archive.abort();
  }

  private record(file: ManifestFile): ManifestFile {
    this.entries.push(file);
    return file;
  }

  private throwIfAborted(): void {
    if (this.aborted) throw this.stop.signal.reason as ExportAbortedError;
  }

  private append(source: Buffer | Readable, name: string, opts: EntryOptions): Promise<void> {
    this.throwIfAborted();
    return new Promise<void>((resolve, reject) => {
      const signal = this.stop.signal;
      const onEntry = (entry: EntryData) => {
        if (entry.name !== name) return;
        cleanup();
        resolve();
      };
      const onAbort = () => {
        cleanup();
        reject(signal.reason as ExportAbortedError);
      };
      const cleanup = () => {
        this.archive.off('entry', onEntry);
        signal.removeEventListener('abort', onAbort);
      };
      this.archive.on('entry', onEntry);
      signal.addEventListener('abort', onAbort, { once: true });
      this.archive.append(source, { name, date: this.date, store: opts.store ?? false });
    });
  }
}
