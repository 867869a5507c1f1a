import { describe, expect, it } from 'vitest';
import { InvalidStorageKeyError } from './storage.errors.js';
import {
  assertValidKey,
  folderPrefix,
  isValidKey,
  joinKey,
  keyProblem,
  MAX_KEY_LENGTH,
  sessionKey,
  studyKey,
} from './storage-keys.js';

describe('assertValidKey', () => {
  it.each([
    'a',
    'a.wav',
    'studies/1/sessions/2/audio/track-T0001.wav',
    'A_b-c.d/e',
    'x'.repeat(MAX_KEY_LENGTH),
  ])('accepts %s', (key) => {
    expect(() => assertValidKey(key)).not.toThrow();
    expect(isValidKey(key)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['../x', '".."'],
    ['a/../b', '".."'],
    ['a/..', '".."'],
    ['a..b', '".."'],
    ['/a', 'start'],
    ['a/', 'end'],
    ['a//b', 'empty segments'],
    ['a\\b', 'backslash'],
    ['.hidden', 'segment'],
    ['a/.tmp', 'segment'],
    ['-a', 'segment'],
    ['a b', 'segment'],
    ['a?b', 'segment'],
    ['é', 'segment'],
    ['a/b\n', 'segment'],
    ['x'.repeat(MAX_KEY_LENGTH + 1), 'at most'],
  ])('rejects %j (%s)', (key, reason) => {
    expect(() => assertValidKey(key)).toThrow(InvalidStorageKeyError);
    expect(keyProblem(key)).toContain(reason);
  });

  it('rejects non-strings', () => {
    expect(isValidKey(undefined)).toBe(false);
    expect(isValidKey(42)).toBe(false);
  });
});

describe('folderPrefix', () => {
  it('normalises to a trailing slash', () => {
    expect(folderPrefix('studies/1')).toBe('studies/1/');
    expect(folderPrefix('studies/1/')).toBe('studies/1/');
  });

  it.each(['', '/', '../', 'a//', '/a', 'a/../b'])('rejects %j', (prefix) => {
    expect(() => folderPrefix(prefix)).toThrow(InvalidStorageKeyError);
  });
});

describe('key builders', () => {
  it('builds study and session keys', () => {
    expect(studyKey('s1', 'roms', 'pong.bin')).toBe('studies/s1/roms/pong.bin');
    expect(sessionKey(7, 'b2c4', 'audio', 'T0001.wav')).toBe(
      'studies/7/sessions/b2c4/audio/T0001.wav',
    );
    expect(sessionKey(7, 9)).toBe('studies/7/sessions/9');
    expect(joinKey('a/b', 'c')).toBe('a/b/c');
  });

  it('lets a part hold several segments but not an escape', () => {
    expect(sessionKey(1, 2, 'renders/r1.mp4')).toBe('studies/1/sessions/2/renders/r1.mp4');
    expect(() => sessionKey(1, 2, '../../3/x')).toThrow(InvalidStorageKeyError);
    expect(() => sessionKey(1, 2, '/etc/passwd')).toThrow(InvalidStorageKeyError);
    expect(() => sessionKey(1, 2, '')).toThrow(InvalidStorageKeyError);
  });

  it('requires ids to be single segments', () => {
    expect(() => studyKey('a/b')).toThrow(/studyId/);
    expect(() => sessionKey('s', '..')).toThrow(/sessionId/);
    expect(() => sessionKey('s', '')).toThrow(/sessionId/);
  });
});
