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
import { DrainLoop, type DrainLoopOptions, type DrainResult } from '../common/drain-loop';
import type { FrameApi, FrameApiOutcome } from './frame-api';
import type { FrameOutbox, FrameOutboxEvent, OutboxEpisode } from './frame-outbox';
import { describeFailure } from '../common/upload-api';

export interface FrameUploadIdentity {
  /** The participant's row id (the outbox's scope). */
  participantId: string;
  token: string;
}

export interface FrameUploaderOptions extends DrainLoopOptions {
  outbox: FrameOutbox;
  api: FrameApi;
  identity: () => FrameUploadIdentity | null;
  /** 409s in a row after which an end is refused (default 5). */
  maxEndConflicts?: number;
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

export type FrameDrainResult = DrainResult;

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

export class FrameUploader extends DrainLoop<FrameUploadStatus> {
  readonly outbox: FrameOutbox;
  private readonly api: FrameApi;
  private readonly identity: () => FrameUploadIdentity | null;
  private readonly maxEndConflicts: number;
  private live = { lastError: null as string | null };

  constructor(options: FrameUploaderOptions) {
    super(EMPTY_FRAME_UPLOAD_STATUS, options);
    this.outbox = options.outbox;
    this.api = options.api;
    this.identity = options.identity;
    this.maxEndConflicts = options.maxEndConflicts ?? 5;
  }

  protected watch(onChange: (newWork: boolean) => void): () => void {
    return this.outbox.subscribe((event: FrameOutboxEvent) =>
      onChange(event.type === 'append' || event.type === 'episode'),
    );
  }

  /** One pass over the participant's queue. */
  protected async pass(): Promise<FrameDrainResult> {
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
    this.live.lastError = describeFailure(outcome);
  }

  protected async computeStatus(): Promise<FrameUploadStatus> {
    const who = this.identity();
    if (!who) return { ...EMPTY_FRAME_UPLOAD_STATUS, ...this.live, retryAt: this.retryAt };
    const summary = await this.outbox.summary(who.participantId);
    return {
      participantId: who.participantId,
      batchesPending: summary.batchesPending,
      endsPending: summary.endsPending,
      episodes: summary.episodes,
      rejected: summary.rejected,
      ...this.live,
      retryAt: this.retryAt,
      idle: summary.batchesPending === 0 && summary.endsPending === 0,
    };
  }
}
