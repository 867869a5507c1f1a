import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { StorageDriver } from './storage.driver.js';
import { InvalidStorageKeyError } from './storage.errors.js';
import { MAX_SIGNED_URL_TTL_S, StorageService } from './storage.service.js';

/** A driver that records calls and answers with canned values. */
function recordingDriver(): { driver: StorageDriver; calls: Array<[string, unknown[]]> } {
  const calls: Array<[string, unknown[]]> = [];
  const record =
    <T>(name: string, result: T) =>
    (...args: unknown[]): Promise<T> => {
      calls.push([name, args]);
      return Promise.resolve(result);
    };
  const driver: StorageDriver = {
    kind: 'local',
    put: record('put', { size: 3 }),
    get: record('get', Buffer.from('abc')),
    stream: record('stream', Readable.from([])),
    stat: record('stat', { size: 3, lastModified: new Date(0) }),
    exists: record('exists', true),
    delete: record('delete', undefined),
    deletePrefix: record('deletePrefix', 2),
    list: record('list', []),
    signedDownloadUrl: record('signedDownloadUrl', 'http://x/y'),
    signedUploadUrl: record('signedUploadUrl', null),
    check: record('check', undefined),
  };
  return { driver, calls };
}

const BAD_KEYS = ['../x', '/a', 'a//b', 'a/../b', '', 'a\\b'];

describe('StorageService', () => {
  it('delegates valid calls to the driver', async () => {
    const { driver, calls } = recordingDriver();
    const storage = new StorageService(driver);
    expect(storage.kind).toBe('local');
    await expect(
      storage.put('a/b.wav', Buffer.from('abc'), { contentType: 'audio/wav' }),
    ).resolves.toEqual({
      size: 3,
    });
    await expect(storage.get('a/b.wav')).resolves.toEqual(Buffer.from('abc'));
    await expect(storage.exists('a/b.wav')).resolves.toBe(true);
    await expect(storage.deletePrefix('a')).resolves.toBe(2);
    await expect(storage.list('a/')).resolves.toEqual([]);
    await expect(storage.stream('a/b.wav', { start: 1, end: 2 })).resolves.toBeInstanceOf(Readable);
    await expect(
      storage.signedUploadUrl('a/b.wav', { expiresInS: 60, contentType: 'audio/wav' }),
    ).resolves.toBeNull();
    expect(calls.map(([name]) => name)).toEqual([
      'put',
      'get',
      'exists',
      'deletePrefix',
      'list',
      'stream',
      'signedUploadUrl',
    ]);
    expect(calls[3][1]).toEqual(['a/']);
    expect(calls[4][1]).toEqual(['a/']);
  });

  it.each(BAD_KEYS)('rejects the key %j before reaching the driver', async (key) => {
    const { driver, calls } = recordingDriver();
    const storage = new StorageService(driver);
    const invalid = InvalidStorageKeyError;
    await expect(storage.get(key)).rejects.toThrow(invalid);
    await expect(storage.put(key, Buffer.alloc(0))).rejects.toThrow(invalid);
    await expect(storage.delete(key)).rejects.toThrow(invalid);
    await expect(storage.stat(key)).rejects.toThrow(invalid);
    await expect(storage.exists(key)).rejects.toThrow(invalid);
    await expect(storage.stream(key)).rejects.toThrow(invalid);
    await expect(storage.signedDownloadUrl(key, { expiresInS: 60 })).rejects.toThrow(invalid);
    const upload = { expiresInS: 60, contentType: 'audio/wav' };
    await expect(storage.signedUploadUrl(key, upload)).rejects.toThrow(invalid);
    await expect(storage.deletePrefix(key)).rejects.toThrow(invalid);
    await expect(storage.list(key)).rejects.toThrow(invalid);
    expect(calls).toEqual([]);
  });

  it('rejects signed URL lifetimes outside 1 s .. 7 days', async () => {
    const { driver, calls } = recordingDriver();
    const storage = new StorageService(driver);
    for (const expiresInS of [0, -1, 1.5, MAX_SIGNED_URL_TTL_S + 1, Number.NaN]) {
      await expect(storage.signedDownloadUrl('a', { expiresInS })).rejects.toThrow(RangeError);
    }
    expect(calls).toEqual([]);
  });

  it('rejects nonsense byte ranges', async () => {
    const { driver } = recordingDriver();
    const storage = new StorageService(driver);
    await expect(storage.stream('a', { start: -1 })).rejects.toThrow(RangeError);
    await expect(storage.stream('a', { start: 5, end: 4 })).rejects.toThrow(RangeError);
  });
});
