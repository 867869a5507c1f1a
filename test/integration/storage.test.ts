import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { freePort } from '../../src/config/embedded/redis-resolver.js';
import { createValidationPipe } from '../../src/common/validation.js';
import { ConfigModule } from '../../src/config/config.module.js';
import {
  MIN_PART_SIZE,
  S3Driver,
  type S3StorageConfig,
} from '../../src/modules/storage/s3.driver.js';
import { STORAGE_DRIVER, type StorageDriver } from '../../src/modules/storage/storage.driver.js';
import {
  InvalidStorageKeyError,
  StorageNotFoundError,
  StorageUnavailableError,
} from '../../src/modules/storage/storage.errors.js';
import { StorageModule } from '../../src/modules/storage/storage.module.js';
import { buildSignedDownloadUrl } from '../../src/modules/storage/url-signer.js';
import { startS3rver, type TestS3 } from '../support/s3rver.js';

const SECRET = 'integration-test-secret-0123456789abcdef';

interface DriverUnderTest {
  driver: StorageDriver;
  close(): Promise<void>;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The app's wiring for storage: ConfigModule + StorageModule, prefix `api`, the global pipe. */
async function bootApp(config: AppConfig, port: number): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), StorageModule],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  await app.listen(port, '127.0.0.1');
  return app;
}

/** A stream that yields some bytes, then fails, like an upload cut off half-way. */
function failingStream(): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(Buffer.alloc(1024, 7));
      } else {
        this.destroy(new Error('connection reset by participant'));
      }
    },
  });
}

/** One contract, run against every driver. */
function storageContract(name: string, makeDriver: () => Promise<DriverUnderTest>): void {
  describe(`${name} driver contract`, () => {
    let sut: DriverUnderTest;
    let driver: StorageDriver;

    beforeAll(async () => {
      sut = await makeDriver();
      driver = sut.driver;
    });
    afterAll(async () => {
      await sut?.close();
    });

    it('is usable', async () => {
      await expect(driver.check()).resolves.toBeUndefined();
    });

    it('round-trips bytes', async () => {
      const bytes = randomBytes(4096);
      await expect(driver.put('rt/bytes.bin', bytes)).resolves.toEqual({ size: 4096 });
      await expect(driver.get('rt/bytes.bin')).resolves.toEqual(bytes);
      const u8 = new Uint8Array([1, 2, 3]);
      await expect(driver.put('rt/u8.bin', u8)).resolves.toEqual({ size: 3 });
      await expect(driver.get('rt/u8.bin')).resolves.toEqual(Buffer.from([1, 2, 3]));
      await expect(driver.put('rt/empty.bin', Buffer.alloc(0))).resolves.toEqual({ size: 0 });
      await expect(driver.get('rt/empty.bin')).resolves.toEqual(Buffer.alloc(0));
    });

    it('round-trips a stream, and overwrites', async () => {
      const chunks = [randomBytes(1000), randomBytes(70_000), randomBytes(3)];
      await expect(driver.put('rt/stream.bin', Readable.from(chunks))).resolves.toEqual({
        size: 71_003,
      });
      await expect(driver.get('rt/stream.bin')).resolves.toEqual(Buffer.concat(chunks));
      await driver.put('rt/stream.bin', Readable.from([Buffer.from('second')]));
      await expect(driver.get('rt/stream.bin')).resolves.toEqual(Buffer.from('second'));
      await expect(driver.put('rt/empty-stream.bin', Readable.from([]))).resolves.toEqual({
        size: 0,
      });
      await expect(driver.exists('rt/empty-stream.bin')).resolves.toBe(true);
    });

    it('round-trips a stream larger than an S3 multipart part', async () => {
      const big = randomBytes(2 * MIN_PART_SIZE + 123_457);
      const chunks = Array.from({ length: Math.ceil(big.length / 65_536) }, (_, i) =>
        big.subarray(i * 65_536, (i + 1) * 65_536),
      );
      await expect(driver.put('rt/big.bin', Readable.from(chunks))).resolves.toEqual({
        size: big.length,
      });
      expect(sha256(await driver.get('rt/big.bin'))).toBe(sha256(big));
      await expect(driver.stat('rt/big.bin')).resolves.toMatchObject({ size: big.length });
    });

    it('leaves the previous object untouched when a stream put fails', async () => {
      await driver.put('atomic/take.wav', Buffer.from('old take'));
      await expect(driver.put('atomic/take.wav', failingStream())).rejects.toThrow(
        'connection reset',
      );
      await expect(driver.get('atomic/take.wav')).resolves.toEqual(Buffer.from('old take'));
      await expect(driver.put('atomic/new.wav', failingStream())).rejects.toThrow();
      await expect(driver.exists('atomic/new.wav')).resolves.toBe(false);
      const keys = (await driver.list('atomic')).map((o) => o.key);
      expect(keys).toEqual(['atomic/take.wav']);
    });

    it('stats and checks existence', async () => {
      const before = Date.now() - 5_000;
      await driver.put('st/T0001.wav', Buffer.alloc(44, 1), { contentType: 'audio/wav' });
      const stat = await driver.stat('st/T0001.wav');
      expect(stat.size).toBe(44);
      expect(stat.contentType).toBe('audio/wav');
      expect(stat.lastModified).toBeInstanceOf(Date);
      expect(stat.lastModified.getTime()).toBeGreaterThan(before);
      await expect(driver.exists('st/T0001.wav')).resolves.toBe(true);
      await expect(driver.exists('st/T0002.wav')).resolves.toBe(false);
      await expect(driver.exists('st')).resolves.toBe(false);
      await expect(driver.exists('nowhere/at/all')).resolves.toBe(false);
    });

    it('lists a folder recursively, across pages, sorted', async () => {
      const keys = [
        'ls/s1/a.txt',
        'ls/s1/b.txt',
        'ls/s1/sub/c.txt',
        'ls/s1/sub/d/e.txt',
        'ls/s1/z.txt',
      ];
      for (const [i, key] of keys.entries()) await driver.put(key, Buffer.alloc(i + 1));
      await driver.put('ls/s10/other.txt', Buffer.from('x'));
      await driver.put('ls/s1x', Buffer.from('x'));

      const listed = await driver.list('ls/s1');
      expect(listed.map((o) => o.key)).toEqual(keys);
      expect(listed.map((o) => o.size)).toEqual([1, 2, 3, 4, 5]);
      expect(listed.every((o) => o.lastModified instanceof Date)).toBe(true);
      await expect(driver.list('ls/s1/')).resolves.toEqual(listed);
      expect((await driver.list('ls/s1/sub')).map((o) => o.key)).toEqual([keys[2], keys[3]]);
      await expect(driver.list('ls/none')).resolves.toEqual([]);
    });

    it('streams byte ranges', async () => {
      const bytes = Buffer.from('0123456789abcdef');
      await driver.put('rg/data.bin', bytes);
      const read = async (range?: { start: number; end?: number }) => {
        const parts: Buffer[] = [];
        for await (const chunk of await driver.stream('rg/data.bin', range))
          parts.push(chunk as Buffer);
        return Buffer.concat(parts).toString();
      };
      await expect(read()).resolves.toBe('0123456789abcdef');
      await expect(read({ start: 2, end: 5 })).resolves.toBe('2345');
      await expect(read({ start: 10 })).resolves.toBe('abcdef');
      await expect(read({ start: 15, end: 15 })).resolves.toBe('f');
    });

    it('deletes idempotently', async () => {
      await driver.put('del/one.bin', Buffer.from('1'));
      await expect(driver.delete('del/one.bin')).resolves.toBeUndefined();
      await expect(driver.exists('del/one.bin')).resolves.toBe(false);
      await expect(driver.delete('del/one.bin')).resolves.toBeUndefined();
      await expect(driver.delete('never/was/here.bin')).resolves.toBeUndefined();
    });

    it('deletes a folder and only that folder', async () => {
      for (const key of ['dp/s1/a', 'dp/s1/b/c', 'dp/s1/b/d', 'dp/s10/keep', 'dp/s1x']) {
        await driver.put(key, Buffer.from(key));
      }
      await expect(driver.deletePrefix('dp/s1')).resolves.toBe(3);
      await expect(driver.list('dp/s1')).resolves.toEqual([]);
      expect((await driver.list('dp')).map((o) => o.key)).toEqual(['dp/s10/keep', 'dp/s1x']);
      await expect(driver.deletePrefix('dp/s1/')).resolves.toBe(0);
      await expect(driver.deletePrefix('dp/never')).resolves.toBe(0);
    });

    it('raises StorageNotFoundError for a missing key', async () => {
      await expect(driver.get('missing/x.bin')).rejects.toThrow(StorageNotFoundError);
      await expect(driver.stat('missing/x.bin')).rejects.toThrow(StorageNotFoundError);
      await expect(driver.stream('missing/x.bin')).rejects.toThrow(StorageNotFoundError);
      await expect(driver.get('missing/x.bin')).rejects.toMatchObject({ key: 'missing/x.bin' });
    });

    it.each(['../x', '/a', 'a//b', 'a/../b', 'a\\b', '.hidden', 'a/'])(
      'rejects the invalid key %j',
      async (key) => {
        const invalid = InvalidStorageKeyError;
        await expect(driver.put(key, Buffer.from('x'))).rejects.toThrow(invalid);
        await expect(driver.get(key)).rejects.toThrow(invalid);
        await expect(driver.stream(key)).rejects.toThrow(invalid);
        await expect(driver.stat(key)).rejects.toThrow(invalid);
        await expect(driver.exists(key)).rejects.toThrow(invalid);
        await expect(driver.delete(key)).rejects.toThrow(invalid);
        await expect(driver.signedDownloadUrl(key, { expiresInS: 60 })).rejects.toThrow(invalid);
        const upload = { expiresInS: 60, contentType: 'audio/wav' };
        await expect(driver.signedUploadUrl(key, upload)).rejects.toThrow(invalid);
        if (key !== 'a/') {
          await expect(driver.list(key)).rejects.toThrow(invalid);
          await expect(driver.deletePrefix(key)).rejects.toThrow(invalid);
        }
      },
    );

    it('refuses to list or delete the whole store', async () => {
      await expect(driver.list('')).rejects.toThrow(InvalidStorageKeyError);
      await expect(driver.deletePrefix('')).rejects.toThrow(InvalidStorageKeyError);
      await expect(driver.deletePrefix('/')).rejects.toThrow(InvalidStorageKeyError);
    });

    it('gives a signed download URL that downloads the bytes', async () => {
      const bytes = randomBytes(10_000);
      await driver.put('dl/T0001.wav', bytes, { contentType: 'audio/wav' });
      const url = await driver.signedDownloadUrl('dl/T0001.wav', {
        expiresInS: 60,
        filename: 'séance 1.wav',
      });
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('audio/wav');
      expect(res.headers.get('content-length')).toBe('10000');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="s_ance 1.wav"; filename*=UTF-8''s%C3%A9ance%201.wav`,
      );
      expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);

      const ranged = await fetch(url, { headers: { Range: 'bytes=100-199' } });
      expect(ranged.status).toBe(206);
      expect(ranged.headers.get('content-range')).toBe('bytes 100-199/10000');
      expect(Buffer.from(await ranged.arrayBuffer())).toEqual(bytes.subarray(100, 200));

      const plain = await fetch(await driver.signedDownloadUrl('dl/T0001.wav', { expiresInS: 60 }));
      expect(plain.status).toBe(200);
      expect(plain.headers.get('content-disposition')).toBeNull();
      await plain.arrayBuffer();
    });

    it('gives a signed upload URL where the backend supports one', async () => {
      const url = await driver.signedUploadUrl('up/T0001.wav', {
        expiresInS: 60,
        contentType: 'audio/wav',
      });
      if (driver.kind === 'local') {
        expect(url).toBeNull();
        return;
      }
      expect(url).toEqual(expect.any(String));
      const bytes = randomBytes(5000);
      const res = await fetch(url as string, {
        method: 'PUT',
        headers: { 'Content-Type': 'audio/wav' },
        body: bytes,
      });
      expect(res.status).toBe(200);
      await expect(driver.get('up/T0001.wav')).resolves.toEqual(bytes);
      await expect(driver.stat('up/T0001.wav')).resolves.toMatchObject({
        size: 5000,
        contentType: 'audio/wav',
      });
    });
  });
}

// ---------------------------------------------------------------- local

/** Boots the real StorageModule on a free port with PUBLIC_URL pointing at it. */
async function bootLocal(): Promise<{ app: INestApplication; dir: string; publicUrl: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'ozlab-storage-'));
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({ DATA_DIR: dir, PUBLIC_URL: publicUrl, JWT_SECRET: SECRET }, {});
  const app = await bootApp(config, port);
  return { app, dir, publicUrl };
}

storageContract('local', async () => {
  const { app, dir } = await bootLocal();
  const driver = app.get<StorageDriver>(STORAGE_DRIVER);
  expect(driver.kind).toBe('local');
  return {
    driver,
    close: async () => {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('local driver specifics (GET /api/storage/files)', () => {
  let localApp: INestApplication | undefined;
  let localDir: string;
  let localPublicUrl: string;
  const fetchGrant = (grant: { key: string; exp: number; filename?: string }, init?: RequestInit) =>
    fetch(buildSignedDownloadUrl(localPublicUrl, SECRET, grant), init);
  const soon = () => Math.floor(Date.now() / 1000) + 60;
  let driver: StorageDriver;

  beforeAll(async () => {
    ({ app: localApp, dir: localDir, publicUrl: localPublicUrl } = await bootLocal());
    driver = localApp.get<StorageDriver>(STORAGE_DRIVER);
    await driver.put('f/a.wav', Buffer.from('RIFF....WAVE'));
    await driver.put('f/empty.bin', Buffer.alloc(0));
  });
  afterAll(async () => {
    await localApp?.close();
    await rm(localDir, { recursive: true, force: true });
  });

  it('keeps files under DATA_DIR/storage and no temp files behind', async () => {
    await expect(readdir(join(localDir, 'storage', 'f'))).resolves.toEqual(['a.wav', 'empty.bin']);
  });

  it('answers 403 for an expired URL', async () => {
    const res = await fetchGrant({ key: 'f/a.wav', exp: Math.floor(Date.now() / 1000) - 1 });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toMatch(/expired/);
  });

  it('answers 403 for a tampered URL', async () => {
    const url = new URL(await driver.signedDownloadUrl('f/a.wav', { expiresInS: 60 }));
    url.searchParams.set('key', 'f/empty.bin');
    const res = await fetch(url);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toMatch(/not valid/);
    const unsigned = await fetch(`${localPublicUrl}/api/storage/files?key=f/a.wav`);
    expect(unsigned.status).toBe(403);
    await unsigned.arrayBuffer();
    const garbled = new URL(url);
    garbled.searchParams.set('sig', 'not-hex');
    const garbledRes = await fetch(garbled);
    expect(garbledRes.status).toBe(403);
    await garbledRes.arrayBuffer();
  });

  it('answers 403 for a URL signed with another secret', async () => {
    const url = buildSignedDownloadUrl(localPublicUrl, 'another-secret-0123456789abcdefghij', {
      key: 'f/a.wav',
      exp: soon(),
    });
    const res = await fetch(url);
    expect(res.status).toBe(403);
    await res.arrayBuffer();
  });

  it('answers 404 for a validly signed missing file', async () => {
    const res = await fetchGrant({ key: 'f/gone.wav', exp: soon() });
    expect(res.status).toBe(404);
    await res.arrayBuffer();
  });

  it('answers 416 for a range past the end, and serves empty files', async () => {
    const res = await fetchGrant(
      { key: 'f/a.wav', exp: soon() },
      { headers: { Range: 'bytes=50-' } },
    );
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe('bytes */12');
    await res.arrayBuffer();
    const empty = await fetchGrant({ key: 'f/empty.bin', exp: soon() });
    expect(empty.status).toBe(200);
    expect(empty.headers.get('content-length')).toBe('0');
    expect((await empty.arrayBuffer()).byteLength).toBe(0);
  });

  it('serves suffix ranges and HEAD', async () => {
    const res = await fetchGrant(
      { key: 'f/a.wav', exp: soon() },
      { headers: { Range: 'bytes=-4' } },
    );
    expect(res.status).toBe(206);
    await expect(res.text()).resolves.toBe('WAVE');
    const head = await fetchGrant({ key: 'f/a.wav', exp: soon() }, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('12');
    expect(head.headers.get('accept-ranges')).toBe('bytes');
  });
});

// ---------------------------------------------------------------- S3 (s3rver)

describe('S3 against s3rver', () => {
  let s3: TestS3;
  let tmp: string;
  const s3Config = (bucket?: string): S3StorageConfig =>
    loadConfig({ DATA_DIR: tmp, JWT_SECRET: SECRET, ...s3.env(bucket) }, {})
      .storage as S3StorageConfig;

  beforeAll(async () => {
    s3 = await startS3rver();
    tmp = await mkdtemp(join(tmpdir(), 'ozlab-storage-s3-'));
  });
  afterAll(async () => {
    await s3?.close();
    await rm(tmp, { recursive: true, force: true });
  });

  // Small list pages so that `list` must follow continuation tokens; minimum part size so that
  // the big-stream test goes through a real multipart upload.
  storageContract('s3', async () => {
    const driver = await S3Driver.connect(s3Config(), {
      listPageSize: 2,
      partSizeBytes: MIN_PART_SIZE,
    });
    return { driver, close: async () => driver.onModuleDestroy() };
  });

  it('fails at boot, clearly, when the bucket does not exist', async () => {
    await expect(S3Driver.connect(s3Config('no-such-bucket'))).rejects.toThrow(
      /S3 bucket "no-such-bucket" at http:\/\/127\.0\.0\.1:\d+ does not exist/,
    );
    const config = loadConfig(
      { DATA_DIR: tmp, JWT_SECRET: SECRET, ...s3.env('no-such-bucket') },
      {},
    );
    const compile = Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), StorageModule],
    }).compile();
    await expect(compile).rejects.toThrow(StorageUnavailableError);
  });

  it('fails at boot when the endpoint is unreachable', async () => {
    const port = await freePort();
    const config = { ...s3Config(), endpoint: `http://127.0.0.1:${port}` };
    await expect(S3Driver.connect(config)).rejects.toThrow(/is not reachable/);
  });

  it('boots through StorageModule, and the local files route answers 404', async () => {
    const port = await freePort();
    const config = loadConfig({ DATA_DIR: tmp, JWT_SECRET: SECRET, ...s3.env() }, {});
    const app = await bootApp(config, port);
    try {
      expect(app.get<StorageDriver>(STORAGE_DRIVER).kind).toBe('s3');
      const url = buildSignedDownloadUrl(`http://127.0.0.1:${port}`, SECRET, {
        key: 'a/b',
        exp: Math.floor(Date.now() / 1000) + 60,
      });
      const res = await fetch(url);
      expect(res.status).toBe(404);
      await res.arrayBuffer();
    } finally {
      await app.close();
    }
  });
});
