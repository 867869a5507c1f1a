/**
 * `manifest.json` and `errors.txt` of an export (pure). The manifest is the ZIP's last entry and
 * lists every other entry with its size and sha256, as computed while it was streamed.
 */
import type { ExportScope } from './export-names.js';

export const EXPORT_FORMAT = 'ozlab.export/1';

export interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
}

/** A track of an exported session whose audio is not in the ZIP, and why. */
export interface SkippedTrack {
  sessionId: string;
  trackId: string;
  participantCode: string;
  kind: string;
  label: string | null;
  status: string;
  reason: string;
}

/** Something that could not be written (or was cut short) once the ZIP had started. */
export interface ExportError {
  path: string;
  error: string;
}

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  createdAt: string;
  createdBy: { id: string; email: string | null; role: string };
  scope: ExportScope;
  counts: { sessions: number; episodes: number; tracks: number };
  files: ManifestFile[];
  skippedTracks: SkippedTrack[];
  errors: ExportError[];
}

export function buildManifest(
  input: Omit<ExportManifest, 'format' | 'createdAt'> & { createdAt: Date },
): ExportManifest {
  return {
    format: EXPORT_FORMAT,
    createdAt: input.createdAt.toISOString(),
    createdBy: input.createdBy,
    scope: input.scope,
    counts: input.counts,
    files: input.files,
    skippedTracks: input.skippedTracks,
    errors: input.errors,
  };
}

/** `errors.txt`: what went wrong while streaming, one line each, for someone opening the ZIP. */
export function errorsText(errors: readonly ExportError[], createdAt: Date): string {
  const lines = errors.map((e) => `${e.path}: ${e.error.replace(/\s+/g, ' ').trim()}`);
  return (
    [
      `OzLab export of ${createdAt.toISOString()}: ${errors.length} file(s) missing or incomplete.`,
      'The other files are complete; manifest.json lists every file with its checksum.',
      '',
      ...lines,
    ].join('\n') + '\n'
  );
}
