/**
 * Drains the frame outbox to the server: each episode's batches in seq order (one request at a
 * time), then the ends of the episodes whose batches are all acknowledged. What the server
 * acknowledges leaves the outbox (201 stored, 200 duplicate); what it refuses for good moves to
 * `rejected` with its message; everything else (no network, 5xx, 401, 429) is retried with
 * exponential backoff capped at a few seconds, and at once when the browser comes back online.
 *
 * An end answered 409 "frames missing" while nothing of the episode is pending is retried a few
 * times (another tab may still be uploading them), then refused.
 */
import type { FrameApi, FrameApiOutcome } from './frame-api';
import type { FrameOutbox, FrameOutboxEvent, OutboxEpisode } from './frame-outbox';

export interface FrameUploadIdentity {
  /** The participant's row id (the outbox's scope). */
  participantId: string;
  token: string;
}

export interface FrameUploaderOptions {
  outbox: FrameOutbox;
  api: FrameApi;
  identity: () => FrameUploadIdentity | null;
  /** First retry delay (default 500 ms), doubling up to `maxDelayMs` (default 5 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** 409s in a row after which an end is refused (default 5). */
  maxEndConflicts?: number;
  /** Where to listen for `online` (default: window when there is one). */
  events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
}

export interface FrameUploadStatus {
  participantId: string | null;
  /** Batches (about a second of play each) waiting for upload. */
  batchesPending: number;
  /** Episodes whose end is not acknowledged yet. */
  endsPending: number;
  /** Episodes still tracked (being played, or waiting for their end). */
  episodes: number;
  /** Items the server refused for good. */
  rejected: number;
  /** Why the last attempt must be retried (cleared by the next success). */
  lastError: string | null;
  /** When the next attempt is due after a failure (`Date.now()` ms), or null. */
  retryAt: number | null;
  /** Nothing waits to be uploaded (refused items do not count). */
  idle: boolean;
}

export type FrameDrainResult = 'done' | 'retry' | 'no-participant';

export const EMPTY_FRAME_UPLOAD_STATUS: FrameUploadStatus = {
  participantId: null,
  batchesPending: 0,
  endsPending: 0,
  episodes: 0,
  rejected: 0,
  lastError: null,
  retryAt: null,
  idle: true,
};

export class FrameUploader {
  readonly outbox: FrameOutbox;
  private readonly api: FrameApi;
  private readonly identity: () => FrameUploadIdentity | null;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxEndConflicts: number;
  private readonly events: FrameUploaderOptions['events'];

  private running: Promise<FrameDrainResult> | null = null;
  private again = false;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private started = false;
  private unsubscribeOutbox: (() => void) | null = null;
  private readonly listeners = new Set<() => void>();
  private current: FrameUploadStatus = EMPTY_FRAME_UPLOAD_STATUS;
  private live = { lastError: null as string | null, retryAt: null as number | null };
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;

  constructor(options: FrameUploaderOptions) {
    this.outbox = options.outbox;
    this.api = options.api;
    this.identity = options.identity;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 5_000;
    this.maxEndConflicts = options.maxEndConflicts ?? 5;
    this.events =
      options.events !== undefined ? options.events : typeof window === 'undefined' ? null : window;
  }

  /** Listens for new items and for `online`, and drains what is pending (what a reload left). */
  start(): this {
    if (this.started) return this;
    this.started = true;
    this.unsubscribeOutbox = this.outbox.subscribe((event) => this.onOutboxEvent(event));
    this.events?.addEventListener('online', this.onOnline);
    this.retryNow();
    return this;
  }

  stop(): void {
    this.started = false;
    this.unsubscribeOutbox?.();
    this.unsubscribeOutbox = null;
    this.events?.removeEventListener('online', this.onOnline);
    this.clearTimer();
  }

  get status(): FrameUploadStatus {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets the backoff and drains now. */
  retryNow(): void {
    this.failures = 0;
    this.clearTimer();
    this.live.retryAt = null;
    void this.drain();
  }

  /** Runs passes until the outbox is empty or an attempt must be retried (then scheduled). */
  drain(): Promise<FrameDrainResult> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.clearTimer();
    this.running = this.loop().finally(() => {
      this.running = null;
      // Work that came in after the last pass (while the status was refreshed): go again,
      // unless a retry is scheduled.
      if (this.again && this.timer === null && this.started) void this.drain();
    });
    return this.running;
  }

  /** Recomputes the status from the outbox (also done after every change). */
  refreshStatus(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        await this.computeStatus();
      } while (this.refreshAgain);
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private readonly onOnline = () => this.retryNow();

  private onOutboxEvent(event: FrameOutboxEvent): void {
    void this.refreshStatus();
    if ((event.type === 'append' || event.type === 'episode') && !this.timer) void this.drain();
  }

  private async loop(): Promise<FrameDrainResult> {
    let result: FrameDrainResult;
    do {
      this.again = false;
      result = await this.pass();
    } while (this.again && result === 'done');
    if (result === 'retry') {
      this.failures++;
      const delay = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (this.failures - 1));
      const jittered = delay * (0.8 + 0.4 * Math.random());
      this.live.retryAt = Date.now() + jittered;
      if (this.started) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.live.retryAt = null;
          void this.drain();
        }, jittered);
      }
    } else {
      this.failures = 0;
      this.live.retryAt = null;
    }
    await this.refreshStatus();
    return result;
  }

  /** One pass over the participant's queue. */
  private async pass(): Promise<FrameDrainResult> {
    const who = this.identity();
    if (!who) return 'no-participant';
    const api = this.api.withToken(who.token);
    const sameIdentity = () => {
      const now = this.identity();
      return now !== null && now.participantId === who.participantId && now.token === who.token;
    };

    // 1. Batches, by episode then seq, one at a time.
    for (const [episodeId, seq] of await this.outbox.batchKeys(who.participantId)) {
      if (!sameIdentity()) return 'retry';
      const batch = await this.outbox.getBatch(episodeId, seq);
      if (!batch) continue; // Acknowledged meanwhile (another tab).
      const outcome = await api.putBatch(episodeId, seq, batch.frames);
      if (outcome.kind === 'ok') {
        await this.outbox.ackBatch(episodeId, seq);
        this.succeeded();
      } else if (outcome.kind === 'reject') {
        await this.outbox.rejectBatch(episodeId, seq, outcome);
      } else {
        this.failed(outcome);
        return 'retry';
      }
    }

    // 2. Ends of the episodes whose batches are all in.
    for (const episode of await this.outbox.listEpisodes(who.participantId)) {
      if (!episode.end) continue;
      if ((await this.outbox.countBatches(episode.episodeId)) > 0) {
        this.again = true; // A batch came in after the listing above.
        continue;
      }
      if (!sameIdentity()) return 'retry';
      const result = await this.endEpisode(api, episode);
      if (result === 'retry') return 'retry';
    }
    return 'done';
  }

  private async endEpisode(api: FrameApi, episode: OutboxEpisode): Promise<'ok' | 'retry'> {
    const end = episode.end!;
    const outcome = await api.endEpisode(episode.episodeId, end);
    if (outcome.kind === 'ok') {
      await this.outbox.endAcknowledged(episode.episodeId);
      this.succeeded();
      return 'ok';
    }
    if (outcome.kind === 'retry') {
      this.failed(outcome);
      return 'retry';
    }
    if (outcome.status === 409 && outcome.errors.some((e) => e.field === 'frames')) {
      // Frames missing: they may still be on their way (another tab); give up after a few tries.
      const conflicts = await this.outbox.noteEndConflict(episode.episodeId);
      if (conflicts < this.maxEndConflicts) {
        this.failed(outcome);
        return 'retry';
      }
    }
    await this.outbox.rejectEnd(episode.episodeId, outcome);
    return 'ok';
  }

  private succeeded(): void {
    this.live.lastError = null;
  }

  private failed(outcome: Exclude<FrameApiOutcome, { kind: 'ok' }>): void {
    this.live.lastError =
      outcome.status === 0 ? outcome.message : `${outcome.message} (HTTP ${outcome.status})`;
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private async computeStatus(): Promise<void> {
    const who = this.identity();
    let next: FrameUploadStatus;
    if (!who) {
      next = { ...EMPTY_FRAME_UPLOAD_STATUS, ...this.live };
    } else {
      const summary = await this.outbox.summary(who.participantId);
      next = {
        participantId: who.participantId,
        batchesPending: summary.batchesPending,
        endsPending: summary.endsPending,
        episodes: summary.episodes,
        rejected: summary.rejected,
        ...this.live,
        idle: summary.batchesPending === 0 && summary.endsPending === 0,
      };
    }
    if (!shallowEqual(next, this.current)) {
      this.current = next;
      for (const listener of this.listeners) listener();
    }
  }
}

function shallowEqual(a: FrameUploadStatus, b: FrameUploadStatus): boolean {
  for (const key of Object.keys(a) as (keyof FrameUploadStatus)[]) {
    if (a[key] !== b[key]) return false;
  }
  return true;
}
