import { InvalidStorageKeyError } from './storage.errors.js';

/**
 * Storage keys are built by the server only, never taken from a client. A key is a `/`-joined list
 * of segments, each `^[A-Za-z0-9][A-Za-z0-9._-]*$`, so it is safe both as an S3 key and as a
 * relative path on disk (no `..`, no absolute paths, no backslashes, no hidden files).
 */

export const MAX_KEY_LENGTH = 1024;

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Why `key` is not a valid storage key, or `undefined` when it is. */
export function keyProblem(key: unknown): string | undefined {
  if (typeof key !== 'string') return 'must be a string';
  if (key.length === 0) return 'must not be empty';
  if (key.length > MAX_KEY_LENGTH) return `must be at most ${MAX_KEY_LENGTH} characters`;
  if (key.includes('\\')) return 'must not contain a backslash';
  if (key.includes('..')) return 'must not contain ".."';
  if (key.startsWith('/')) return 'must not start with "/"';
  if (key.endsWith('/')) return 'must not end with "/"';
  const bad = key.split('/').find((segment) => !SEGMENT.test(segment));
  if (bad === '') return 'must not contain empty segments ("//")';
  if (bad !== undefined) {
    return `segment ${JSON.stringify(bad)} must match ${SEGMENT.source}`;
  }
  return undefined;
}

export function isValidKey(key: unknown): key is string {
  return keyProblem(key) === undefined;
}

export function assertValidKey(key: string): void {
  const problem = keyProblem(key);
  if (problem !== undefined) throw new InvalidStorageKeyError(String(key), problem);
}

/**
 * Validates a prefix for `list` / `deletePrefix` and returns it in folder form (ending in `/`).
 * A prefix names a folder: `studies/1` and `studies/1/` both mean "everything under
 * `studies/1/`", never `studies/10/...`. The empty prefix (the whole store) is refused.
 */
export function folderPrefix(prefix: string): string {
  const bare = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  const problem = keyProblem(bare);
  if (problem !== undefined) throw new InvalidStorageKeyError(String(prefix), `prefix ${problem}`);
  return bare + '/';
}

/** Joins parts (each itself a valid key, so it may hold `/`) into one validated key. */
export function joinKey(...parts: Array<string | number>): string {
  const texts = parts.map(String);
  for (const part of texts) assertValidKey(part);
  const key = texts.join('/');
  assertValidKey(key);
  return key;
}

function segment(id: string | number, what: string): string {
  const text = String(id);
  if (!SEGMENT.test(text) || text.includes('..')) {
    throw new InvalidStorageKeyError(
      text,
      `${what} must be a single segment matching ${SEGMENT.source}`,
    );
  }
  return text;
}

/** `studies/{studyId}/...parts` */
export function studyKey(studyId: string | number, ...parts: Array<string | number>): string {
  return joinKey('studies', segment(studyId, 'studyId'), ...parts);
}

/** `studies/{studyId}/sessions/{sessionId}/...parts` */
export function sessionKey(
  studyId: string | number,
  sessionId: string | number,
  ...parts: Array<string | number>
): string {
  return joinKey(
    'studies',
    segment(studyId, 'studyId'),
    'sessions',
    segment(sessionId, 'sessionId'),
    ...parts,
  );
}
