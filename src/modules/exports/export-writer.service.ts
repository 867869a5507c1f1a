import { Injectable, Logger } from '@nestjs/common';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FrameRecord } from '../../games/common/atari-frames.js';
import { agcText, legacyTrajectory } from '../atari/trajectory-format.js';
import type { ResearcherPrincipal } from '../participants/auth.types.js';
import {
  type AtariSessionExport,
  SessionExportService,
} from '../sessions/session-export.service.js';
import { StorageNotFoundError } from '../storage/storage.errors.js';
import { StorageService } from '../storage/storage.service.js';
import {
  buildManifest,
  type ExportError,
  type ExportManifest,
  errorsText,
  type SkippedTrack,
} from './export-manifest.js';
import {
  compatJsonPath,
  episodeFileBase,
  ERRORS_PATH,
  MANIFEST_PATH,
  SUMMARY_PATH,
  sessionJsonPath,
  trackPath,
} from './export-names.js';
import {
  type ExportPlan,
  exportedTracks,
  planAudioColumns,
  type PlannedSession,
  skippedTracks,
} from './export-plan.js';
import { summaryColumns, summaryRow, type SummaryRow } from './export-summary.js';
import { ExportAbortedError, type ZipEntryWriter } from './zip-entry-writer.js';

export interface ExportContext {
  principal: ResearcherPrincipal;
  createdAt: Date;
  createdBy: ExportManifest['createdBy'];
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Writes a planned export into a ZIP, entry by entry: per session its JSON (`SessionExportService`,
 * the same JSON as `GET /api/sessions/:id/export`), the compatibility formats and the WAVs streamed
 * from storage; then `summary.csv`, `errors.txt` if anything failed, and `manifest.json` last.
 * A failure once the ZIP has started (a WAV missing from storage, a session that cannot be loaded)
 * does not stop the export: it is listed in `errors.txt` and the manifest.
 */
@Injectable()
export class ExportWriter {
  private readonly logger = new Logger(ExportWriter.name);

  constructor(
    private readonly sessionExports: SessionExportService,
    private readonly storage: StorageService,
  ) {}

  async write(plan: ExportPlan, zip: ZipEntryWriter, ctx: ExportContext): Promise<ExportManifest> {
    const errors: ExportError[] = [];
    const skipped: SkippedTrack[] = [];
    for (const planned of plan.sessions) {
      await this.writeSession(planned, zip, ctx.principal, errors);
      skipped.push(...skippedTracks(planned));
    }
    await this.attempt(SUMMARY_PATH, errors, async () => {
      const { error } = await zip.addStream(SUMMARY_PATH, summaryCsv(plan));
      if (error) throw error;
    });
    if (errors.length) await zip.addBuffer(ERRORS_PATH, errorsText(errors, ctx.createdAt));
    const manifest = buildManifest({
      createdAt: ctx.createdAt,
      createdBy: ctx.createdBy,
      scope: plan.scope,
      counts: {
        sessions: plan.sessions.length,
        episodes: plan.sessions.reduce((n, s) => n + s.episodes.length, 0),
        tracks: plan.sessions.reduce((n, s) => n + exportedTracks(s).length, 0),
      },
      files: [...zip.files],
      skippedTracks: skipped,
      errors,
    });
    await zip.addBuffer(MANIFEST_PATH, JSON.stringify(manifest, null, 2) + '\n');
    await zip.finalize();
    return manifest;
  }

  private async writeSession(
    s: PlannedSession,
    zip: ZipEntryWriter,
    principal: ResearcherPrincipal,
    errors: ExportError[],
  ): Promise<void> {
    const id = s.session.id;
    if (s.session.kind === 'atari-demo') {
      const exported = await this.attempt(sessionJsonPath(id), errors, async () => {
        const body = (await this.sessionExports.export(
          principal,
          id,
          'ozlab',
        )) as AtariSessionExport;
        await zip.addBuffer(sessionJsonPath(id), JSON.stringify(body));
        return body;
      });
      // The frames come from the session's JSON just built: read once per session.
      const frames = new Map((exported?.episodes ?? []).map((e) => [e.id, e.frames]));
      for (const episode of s.episodes) {
        const base = episodeFileBase(id, episode.index, episode.id);
        const log = frames.get(episode.id);
        const files: [string, (f: FrameRecord[]) => string][] = [
          [`${base}.agc.txt`, agcText],
          [`${base}.trajectory.json`, (f) => JSON.stringify(legacyTrajectory(f))],
        ];
        for (const [path, build] of files)
          await this.attempt(path, errors, async () => {
            if (!log) throw new Error(`the frames of episode ${episode.id} could not be read`);
            await zip.addBuffer(path, build(log));
          });
      }
    } else {
      for (const [path, format] of [
        [sessionJsonPath(id), 'ozlab'],
        [compatJsonPath(id), 'compat'],
      ] as const)
        await this.attempt(path, errors, async () => {
          const body = await this.sessionExports.export(principal, id, format);
          await zip.addBuffer(path, JSON.stringify(body));
        });
    }
    for (const track of exportedTracks(s)) {
      const path = trackPath(id, track);
      await this.attempt(path, errors, async () => {
        const source = await this.storage.stream(track.wavKey!).catch((error: unknown) => {
          throw error instanceof StorageNotFoundError
            ? new Error(`track ${track.id}: its WAV is missing from storage (${track.wavKey})`)
            : error;
        });
        const { file, error } = await zip.addStream(path, source, { store: true });
        if (error)
          throw new Error(
            `track ${track.id}: reading the WAV failed after ${file.bytes} bytes ` +
              `(the entry is incomplete): ${message(error)}`,
          );
      });
    }
  }

  /** Runs one entry's work; a failure is recorded unless the whole export was aborted. */
  private async attempt<T>(
    path: string,
    errors: ExportError[],
    work: () => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ExportAbortedError) throw error;
      this.logger.warn(`export: ${path}: ${message(error)}`);
      errors.push({ path, error: message(error) });
      return undefined;
    }
  }
}

/** `summary.csv` as a stream: rows are made as the CSV is read. */
function summaryCsv(plan: ExportPlan): Readable {
  const columns = summaryColumns(planAudioColumns(plan));
  function* rows(): Generator<SummaryRow> {
    for (const s of plan.sessions) {
      const tracks = exportedTracks(s);
      for (const episode of s.episodes)
        yield summaryRow(s.study, s.participants, episode, tracks, columns);
    }
  }
  return Readable.from(rows()).pipe(stringify({ header: true, columns }));
}
