import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Observable, Subject } from 'rxjs';
import type { DataSource } from 'typeorm';
import type { StudyKind } from '../../games/common/api.js';
import type { SessionUpdate } from '../../games/common/dashboard-events.js';
import { serverNowMs } from '../recordings/server-clock.js';
import { pcm16Level } from './audio-level.js';
import {
  applyOverlay,
  emptyOverlay,
  type LiveState,
  noteAudio,
  notePageLevel,
  noteUpload,
  type SessionOverlay,
} from './live-overlay.js';
import { realTimers, type ThrottleTimers, UpdateThrottle } from './update-throttle.js';

/** At most one push a session every this many ms for steps, frames, levels and uploads. */
export const LIVE_UPDATE_INTERVAL_MS = 500;

export interface LiveSessionRef {
  sessionId: string;
  studyId: string;
  kind: StudyKind;
}

/**
 * What the owner of a kind of session (the RoboTaxi runners, the Atari services) does for the
 * live view. Actions throw an `HttpException` (409 with a message) when the session cannot take
 * them; the controller has checked access and that the session is open.
 */
export interface LiveSessionHandler {
  /** The session's state as this process knows it; null when it does not exist. */
  status(sessionId: string): Promise<LiveState | null>;
  pause(sessionId: string, message: string | null): Promise<void>;
  resume(sessionId: string): Promise<void>;
  end(sessionId: string, reason: string): Promise<void>;
}

interface Entry {
  ref: LiveSessionRef;
  overlay: SessionOverlay;
  throttle: UpdateThrottle;
  /** Pushes of one session, one after the other (statuses may be read from the database). */
  chain: Promise<void>;
  /** The uploads stored before this process saw the session (read once, when first shown). */
  seeded: Promise<void> | null;
}

interface SessionRow {
  id: string;
  studyId: string;
  kind: StudyKind;
  status: string;
}

const CLOSED = ['completed', 'aborted'];
const CLOSED_MEMORY = 1000;

/**
 * The live status of open sessions, for the researchers' dashboard (`session:update` and
 * `GET /api/live-sessions`). The owners of sessions tell it when something changed (`changed`),
 * and it asks them for the state when it pushes (one `LiveSessionHandler` per study kind); it
 * adds what it saw itself: audio levels reported by pages, and the last audio chunk or frame
 * batch acknowledged. Pushes are throttled per session (`UpdateThrottle`): a phase change goes
 * out at once, steps and levels at most twice a second.
 *
 * The levels and uploads are this process's memory: with several API instances, each knows the
 * uploads it acknowledged (the last upload is read back from the database when a session is first
 * seen, so a restart starts from the stored one).
 */
@Injectable()
export class LiveStatusService implements OnModuleDestroy {
  private readonly logger = new Logger(LiveStatusService.name);
  private readonly handlers = new Map<StudyKind, LiveSessionHandler>();
  private readonly entries = new Map<string, Entry>();
  /** Sessions found closed when an upload arrived (no live view for them). */
  private readonly closed = new Set<string>();
  private readonly subject = new Subject<SessionUpdate>();
  readonly updates$: Observable<SessionUpdate> = this.subject.asObservable();
  private timers: ThrottleTimers = realTimers;
  private now: () => number = serverNowMs;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  onModuleDestroy(): void {
    for (const entry of this.entries.values()) entry.throttle.cancel();
    this.entries.clear();
    this.subject.complete();
  }

  register(kind: StudyKind, handler: LiveSessionHandler): void {
    this.handlers.set(kind, handler);
  }

  handler(kind: StudyKind): LiveSessionHandler {
    const handler = this.handlers.get(kind);
    if (!handler) throw new Error(`No live handler for ${kind} sessions`);
    return handler;
  }

  /**
   * Something of the session changed: push its status, at once when `urgent` (a phase, presence
   * or pause change), else at most every `LIVE_UPDATE_INTERVAL_MS`.
   */
  changed(ref: LiveSessionRef, urgent: boolean): void {
    this.entry(ref).throttle.request(urgent);
  }

  /** A member's page reported their microphone's level. */
  pageLevel(
    ref: LiveSessionRef,
    participantId: string,
    level: { rmsDb: number; peakDb: number },
  ): void {
    // A page that still reports after its session ended: nothing to show.
    if (this.closed.has(ref.sessionId)) return;
    notePageLevel(this.entry(ref).overlay, participantId, level, this.now());
    this.changed(ref, false);
  }

  /** A frame batch of the session was stored and acknowledged (Atari). */
  framesStored(ref: LiveSessionRef): void {
    noteUpload(this.entry(ref).overlay, this.now());
    this.changed(ref, false);
  }

  /**
   * An audio chunk of the participant was stored and acknowledged (the recordings' ingest): the
   * session's last upload, and the speaker's level measured on the chunk's PCM.
   */
  audioStored(sessionId: string, participantId: string, pcm: Uint8Array): void {
    const atMs = this.now();
    const level = pcm16Level(pcm);
    void this.lookup(sessionId)
      .then((ref) => {
        if (!ref) return;
        noteAudio(this.entry(ref).overlay, participantId, atMs, level);
        this.changed(ref, false);
      })
      .catch((error: unknown) => this.logger.warn(`Live status of ${sessionId}: ${String(error)}`));
  }

  /** The session's status now (levels and uploads included); null when it does not exist. */
  async status(ref: LiveSessionRef): Promise<SessionUpdate | null> {
    const entry = this.entry(ref);
    entry.seeded ??= this.seed(ref, entry.overlay).catch((error: unknown) =>
      this.logger.warn(`Reading the uploads of session ${ref.sessionId}: ${String(error)}`),
    );
    await entry.seeded;
    const state = await this.handler(ref.kind).status(ref.sessionId);
    const update = state ? applyOverlay(state, entry.overlay, this.now()) : null;
    if (!update?.open) this.forget(ref.sessionId);
    return update;
  }

  /** Every open session of these studies (null: all), newest first. */
  async snapshot(studyIds: readonly string[] | null): Promise<SessionUpdate[]> {
    if (studyIds?.length === 0) return [];
    const params: unknown[] = [CLOSED];
    let where = `"status" <> ALL($1::session_status[])`;
    if (studyIds) {
      params.push(studyIds);
      where += ` AND "studyId" = ANY($2::uuid[])`;
    }
    const rows = await this.db.query<SessionRow[]>(
      `SELECT id, "studyId", kind, status FROM sessions WHERE ${where} ORDER BY "createdAt" DESC`,
      params,
    );
    const updates = await Promise.all(
      rows.map((row) => this.status({ sessionId: row.id, studyId: row.studyId, kind: row.kind })),
    );
    return updates.filter((u): u is SessionUpdate => u !== null);
  }

  /** For unit tests: fake timers and clock. */
  useClock(timers: ThrottleTimers, now: () => number): void {
    this.timers = timers;
    this.now = now;
  }

  // -------------------------------------------------------------------------------------------

  private entry(ref: LiveSessionRef): Entry {
    let entry = this.entries.get(ref.sessionId);
    if (entry) return entry;
    this.closed.delete(ref.sessionId);
    const overlay = emptyOverlay();
    const created: Entry = {
      ref,
      overlay,
      throttle: new UpdateThrottle(
        LIVE_UPDATE_INTERVAL_MS,
        () => {
          created.chain = created.chain.then(() => this.push(created));
        },
        this.timers,
      ),
      chain: Promise.resolve(),
      seeded: null,
    };
    entry = created;
    this.entries.set(ref.sessionId, entry);
    return entry;
  }

  private async push(entry: Entry): Promise<void> {
    // Nobody listens (e.g. the worker process): nothing to compute.
    if (!this.subject.observed) return;
    try {
      const update = await this.status(entry.ref);
      if (update) this.subject.next(update);
    } catch (error) {
      this.logger.error(`Live status of session ${entry.ref.sessionId}: ${String(error)}`);
    }
  }

  /** A closed session leaves the live view: its memory goes (unless a push is still planned). */
  private forget(sessionId: string): void {
    const entry = this.entries.get(sessionId);
    if (entry?.throttle.pending) return;
    this.entries.delete(sessionId);
    if (this.closed.size >= CLOSED_MEMORY) this.closed.clear();
    this.closed.add(sessionId);
  }

  /** The session of an upload, unless it is closed (then its uploads are not live news). */
  private async lookup(sessionId: string): Promise<LiveSessionRef | null> {
    const known = this.entries.get(sessionId);
    if (known) return known.ref;
    if (this.closed.has(sessionId)) return null;
    const [row] = await this.db.query<SessionRow[]>(
      `SELECT id, "studyId", kind, status FROM sessions WHERE id = $1`,
      [sessionId],
    );
    if (!row || CLOSED.includes(row.status)) {
      this.closed.add(sessionId);
      return null;
    }
    return this.entries.get(sessionId)?.ref ?? { sessionId, studyId: row.studyId, kind: row.kind };
  }

  /** The last audio chunk of each member and the last frame batch, as stored. */
  private async seed(ref: LiveSessionRef, overlay: SessionOverlay): Promise<void> {
    const ms = (at: Date | string) => new Date(at).getTime();
    const audio = await this.db.query<{ participantId: string; at: Date | string | null }[]>(
      `SELECT "participantId", max("lastChunkAt") AS at FROM recordings
        WHERE "sessionId" = $1 GROUP BY "participantId"`,
      [ref.sessionId],
    );
    for (const row of audio) if (row.at) noteAudio(overlay, row.participantId, ms(row.at), null);
    if (ref.kind !== 'atari-demo') return;
    const [frames] = await this.db.query<{ at: Date | string | null }[]>(
      `SELECT max(b."createdAt") AS at FROM frame_batches b
         JOIN episodes e ON e.id = b."episodeId" WHERE e."sessionId" = $1`,
      [ref.sessionId],
    );
    if (frames?.at) noteUpload(overlay, ms(frames.at));
  }
}
