import { extname } from 'node:path';

/** Pure helpers for serving stored files over HTTP (local controller and S3 presigned GETs). */

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.wav': 'audio/wav',
  '.webm': 'audio/webm',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.mp4': 'video/mp4',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.json': 'application/json',
  '.jsonl': 'application/x-ndjson',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
  '.pcm': 'application/octet-stream',
  '.bin': 'application/octet-stream',
};

/** Content type by extension; the local driver keeps no metadata, so this is what it reports. */
export function contentTypeForKey(key: string): string | undefined {
  return CONTENT_TYPES[extname(key).toLowerCase()];
}

/**
 * `attachment; filename="<ascii>"; filename*=UTF-8''<utf8>` (RFC 6266 / 5987). Control characters,
 * quotes, backslashes and path separators are replaced so the header can never be split or point
 * elsewhere.
 */
export function contentDisposition(filename: string): string {
  // eslint-disable-next-line no-control-regex
  const safe = filename.replace(/[\u0000-\u001f\u007f"\\/]/g, '_').trim() || 'download';
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_');
  const encoded = encodeURIComponent(safe).replace(
    /['()*]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export type ByteRange =
  { kind: 'none' } | { kind: 'range'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * Parses a `Range` header for a file of `size` bytes; `end` is inclusive. Only a single
 * `bytes=a-b`, `bytes=a-` or `bytes=-n` range is honoured; anything else (several ranges, other
 * units, garbage) is ignored and the whole file is served, as RFC 9110 allows.
 */
export function parseRange(header: string | undefined, size: number): ByteRange {
  if (!header) return { kind: 'none' };
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return { kind: 'none' };
  const [, first, last] = match;
  if (first === '' && last === '') return { kind: 'none' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return { kind: 'none' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'range', start, end };
}
