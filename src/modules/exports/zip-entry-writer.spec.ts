import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { unzip } from '../../../test/support/zip.js';
import { ExportAbortedError, ZipEntryWriter } from './zip-entry-writer.js';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

function sink() {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) =>
    out.on('end', () => resolve(Buffer.concat(chunks))),
  );
  return { out, done };
}

/** A source that yields `good` and then fails. */
function failingAfter(good: Buffer): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(good);
      } else this.destroy(new Error('disk went away'));
    },
  });
}

describe('ZipEntryWriter', () => {
  it('writes entries in order with the size and sha256 of what is in the ZIP', async () => {
    const { out, done } = sink();
    const zip = new ZipEntryWriter(out, new Date('2025-01-02T03:04:05Z'));
    const wav = Buffer.alloc(200_000, 7);
    const json = await zip.addBuffer('a/one.json', '{"x":1}');
    const audio = await zip.addStream(
      'a/two.wav',
      Readable.from([wav.subarray(0, 1000), wav.subarray(1000)]),
      {
        store: true,
      },
    );
    await zip.finalize();
    const entries = await unzip(await done);

    expect(entries.map((e) => e.name)).toEqual(['a/one.json', 'a/two.wav']);
    expect(json).toEqual({ path: 'a/one.json', bytes: 7, sha256: sha('{"x":1}') });
    expect(audio).toEqual({
      file: { path: 'a/two.wav', bytes: wav.length, sha256: sha(wav) },
      error: null,
    });
    expect(entries[1].data.equals(wav)).toBe(true);
    expect(entries[0].compressionMethod).toBe(8);
    expect(entries[1].compressionMethod).toBe(0);
    expect(zip.files.map((f) => f.path)).toEqual(['a/one.json', 'a/two.wav']);
  });

  it('closes an entry whose source fails part-way, reports it, and the ZIP stays valid', async () => {
    const { out, done } = sink();
    const zip = new ZipEntryWriter(out);
    const good = Buffer.from('RIFF-partial');
    const result = await zip.addStream('broken.wav', failingAfter(good));
    await zip.addBuffer('after.txt', 'still here');
    await zip.finalize();
    const entries = await unzip(await done);

    expect(result.error?.message).toBe('disk went away');
    expect(result.file).toEqual({ path: 'broken.wav', bytes: good.length, sha256: sha(good) });
    expect(entries.map((e) => [e.name, e.data.toString()])).toEqual([
      ['broken.wav', 'RIFF-partial'],
      ['after.txt', 'still here'],
    ]);
  });

  it('rejects pending and later entries once aborted, and destroys the source', async () => {
    const out = new PassThrough(); // never read: the archive stalls on backpressure
    const zip = new ZipEntryWriter(out);
    const source = new Readable({ read() {} });
    source.push(Buffer.alloc(10_000_000, 1));
    const pending = zip.addStream('big.bin', source);
    zip.abort('the client closed the connection');
    await expect(pending).rejects.toBeInstanceOf(ExportAbortedError);
    expect(source.destroyed).toBe(true);
    await expect(zip.addBuffer('late.txt', 'x')).rejects.toThrow(/client closed/);
    await expect(zip.finalize()).rejects.toBeInstanceOf(ExportAbortedError);
  });
});
