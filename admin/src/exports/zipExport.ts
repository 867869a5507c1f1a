/**
 * The dashboard's side of the ZIP exports (no React, no react-admin): which request to send,
 * what to name the file, and how far the download has got. The server streams the ZIP without
 * knowing its size; it says how many files it plans (`X-Export-Files`) and every file in a ZIP
 * starts with a local file header, so counting those headers as the bytes arrive tells how many
 * files have been received.
 */

/** What one `Export ZIP` button exports. */
export type ExportScope =
  | { sessionId: string }
  | { studyId: string; from?: string; to?: string; includePractice?: boolean };

/** A bulk export: whole sessions and/or single episodes (with their session's JSON and audio). */
export interface ExportSelection {
  sessionIds?: string[];
  episodeIds?: string[];
}

export interface ExportRequest {
  url: string;
  init: RequestInit;
  /** Used when the answer has no usable Content-Disposition. */
  fallbackName: string;
}

export const EXPORT_FILES_HEADER = 'X-Export-Files';

/** Most ids the server takes per list in one selection export. */
export const MAX_SELECTION_IDS = 1000;

const id = (value: string) => encodeURIComponent(value);

/** `GET /api/sessions/:id/export.zip` or `GET /api/studies/:id/export.zip?from&to&includePractice` */
export function scopeRequest(apiUrl: string, scope: ExportScope): ExportRequest {
  const init: RequestInit = { method: 'GET', headers: { Accept: 'application/zip' } };
  if ('sessionId' in scope)
    return {
      url: `${apiUrl}/sessions/${id(scope.sessionId)}/export.zip`,
      init,
      fallbackName: `ozlab-session-${scope.sessionId}.zip`,
    };
  const query = new URLSearchParams();
  if (scope.from) query.set('from', scope.from);
  if (scope.to) query.set('to', scope.to);
  if (scope.includePractice !== undefined)
    query.set('includePractice', String(scope.includePractice));
  const qs = query.toString();
  return {
    url: `${apiUrl}/studies/${id(scope.studyId)}/export.zip${qs ? `?${qs}` : ''}`,
    init,
    fallbackName: `ozlab-study-${scope.studyId}.zip`,
  };
}

/** `POST /api/exports` with `{sessionIds, episodeIds}`. */
export function selectionRequest(apiUrl: string, selection: ExportSelection): ExportRequest {
  const body: ExportSelection = {};
  if (selection.sessionIds?.length) body.sessionIds = selection.sessionIds;
  if (selection.episodeIds?.length) body.episodeIds = selection.episodeIds;
  return {
    url: `${apiUrl}/exports`,
    init: {
      method: 'POST',
      headers: { Accept: 'application/zip', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    },
    fallbackName: 'ozlab-selection.zip',
  };
}

/** The file name of `Content-Disposition` (RFC 6266: `filename*` wins), without any path. */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  let name: string | undefined;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended) {
    try {
      name = decodeURIComponent(extended[1].trim());
    } catch {
      name = undefined;
    }
  }
  name ??=
    /filename\s*=\s*"([^"]*)"/i.exec(header)?.[1] ?? /filename\s*=\s*([^;]+)/i.exec(header)?.[1];
  const base = name?.trim().split(/[/\\]/).pop();
  return base ? base : fallback;
}

/** `PK\x03\x04`: the start of every file in a ZIP. */
const LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];

/**
 * Counts ZIP local file headers in a byte stream fed chunk by chunk (a header may be split
 * between chunks). Stored WAV data could in theory contain the same 4 bytes (about once in 4 GB
 * of random data): callers cap the count at the number of files planned.
 */
export class ZipEntryCounter {
  count = 0;
  private tail: number[] = [];

  push(chunk: Uint8Array): number {
    const head = this.tail;
    const at = (i: number) => (i < head.length ? head[i] : chunk[i - head.length]);
    const length = head.length + chunk.length;
    for (let i = 0; i + 3 < length; i++)
      if (
        at(i) === LOCAL_HEADER[0] &&
        at(i + 1) === LOCAL_HEADER[1] &&
        at(i + 2) === LOCAL_HEADER[2] &&
        at(i + 3) === LOCAL_HEADER[3]
      )
        this.count++;
    const keep = Math.min(3, length);
    this.tail = Array.from({ length: keep }, (_, k) => at(length - keep + k));
    return this.count;
  }
}

export interface ExportProgress {
  bytes: number;
  /** Files the server planned (`X-Export-Files`), when it said. */
  plannedFiles: number | null;
  /** Files whose start has been received, at most `plannedFiles`. */
  files: number;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} kB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** `12.3 MB received · file 4 of 10` */
export function progressText(p: ExportProgress): string {
  const size = `${formatBytes(p.bytes)} received`;
  return p.plannedFiles ? `${size} · file ${Math.max(p.files, 1)} of ${p.plannedFiles}` : size;
}

/** Percent of the planned files started, or null when the plan is unknown. */
export const progressPercent = (p: ExportProgress): number | null =>
  p.plannedFiles ? Math.min(100, (100 * p.files) / p.plannedFiles) : null;

/**
 * Reads a streamed body to the end, reporting progress per chunk; returns the chunks (kept as
 * they came: the caller turns them into one Blob, never into one big array).
 */
export async function readWithProgress(
  body: ReadableStream<Uint8Array>,
  plannedFiles: number | null,
  onProgress: (p: ExportProgress) => void,
): Promise<Uint8Array[]> {
  const reader = body.getReader();
  const counter = new ZipEntryCounter();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    bytes += value.length;
    const seen = counter.push(value);
    onProgress({
      bytes,
      plannedFiles,
      files: plannedFiles ? Math.min(seen, plannedFiles) : seen,
    });
  }
  return chunks;
}

/** `X-Export-Files` as a number, or null when absent or not a positive integer. */
export function plannedFilesOf(headers: Headers): number | null {
  const n = Number(headers.get(EXPORT_FILES_HEADER));
  return Number.isInteger(n) && n > 0 ? n : null;
}
