/**
 * Paths inside an export ZIP and the ZIP's own file name (pure). Every path segment that comes
 * from data (a track label, a study slug) is sanitized, so an entry can never escape its folder
 * or carry characters that unzip tools treat differently across systems.
 */

/** Longest sanitized label kept in a file name. */
export const MAX_NAME_PART = 40;

/**
 * `teacher's mic (USB)` -> `teacher-s-mic-USB`: only `[A-Za-z0-9._-]`, runs of anything else
 * become one `-`, no leading dots or dashes (no hidden files, no `..`), at most `max` characters.
 * Returns '' when nothing is left.
 */
export function safeName(text: string, max = MAX_NAME_PART): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[-.]+/, '')
    .slice(0, max)
    .replace(/[-.]+$/, '');
}

export const sessionFolder = (sessionId: string) => `sessions/${safeName(sessionId, 64)}`;

export const sessionJsonPath = (sessionId: string) => `${sessionFolder(sessionId)}/session.json`;

export const compatJsonPath = (sessionId: string) => `${sessionFolder(sessionId)}/compat.json`;

/** `sessions/<id>/episodes/<index>-<episodeId>` without extension; the index is zero-padded. */
export const episodeFileBase = (sessionId: string, index: number, episodeId: string) =>
  `${sessionFolder(sessionId)}/episodes/${String(index).padStart(3, '0')}-${safeName(episodeId, 64)}`;

export interface TrackNameParts {
  id: string;
  participantCode: string;
  kind: string;
  label: string | null;
}

/** `sessions/<id>/audio/<participantCode>-<label or kind>-<trackId>.wav` */
export function trackPath(sessionId: string, t: TrackNameParts): string {
  const who = safeName(t.participantCode) || 'unknown';
  const what = (t.label && safeName(t.label)) || safeName(t.kind) || 'track';
  return `${sessionFolder(sessionId)}/audio/${who}-${what}-${safeName(t.id, 64)}.wav`;
}

export const SUMMARY_PATH = 'summary.csv';
export const ERRORS_PATH = 'errors.txt';
export const MANIFEST_PATH = 'manifest.json';

/** What an export covers, as named in the manifest and the download's file name. */
export type ExportScope =
  | { kind: 'session'; sessionId: string }
  | {
      kind: 'study';
      studyId: string;
      from: string | null;
      to: string | null;
      includePractice: boolean;
    }
  | { kind: 'selection'; sessionIds: string[]; episodeIds: string[] };

/** `YYYYMMDD-HHMMSS` in UTC. */
const stamp = (d: Date) => d.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');

/**
 * The download's file name: `ozlab-session-<slug>-<session id prefix>-<stamp>.zip`,
 * `ozlab-study-<slug>-<stamp>.zip` or `ozlab-selection-<n>-sessions-<stamp>.zip`.
 */
export function archiveFileName(
  scope: ExportScope,
  ctx: { studySlug?: string; sessions: number },
  now: Date,
): string {
  const slug = safeName(ctx.studySlug ?? '') || 'study';
  switch (scope.kind) {
    case 'session':
      return `ozlab-session-${slug}-${safeName(scope.sessionId).slice(0, 8)}-${stamp(now)}.zip`;
    case 'study':
      return `ozlab-study-${slug}-${stamp(now)}.zip`;
    case 'selection':
      return `ozlab-selection-${ctx.sessions}-session${ctx.sessions === 1 ? '' : 's'}-${stamp(now)}.zip`;
  }
}
