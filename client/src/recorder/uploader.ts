/**
 * Drains the outbox to the server: first the track creations, then the chunks in seq order (a few
 * in flight), then the clock sample batches. What the server acknowledges leaves the outbox; what
 * it refuses for good moves to `rejected` with its message; everything else (no network, 5xx,
 * 401, 404 "track unknown", 429) is retried with exponential backoff capped at a few seconds, and
 * at once when the browser comes back online.
 *
 * Only the logged-in participant's items are sent, with their token: `identity()` answers both,
 * and a pass stops as soon as it changes.
 */
import { DrainLoop, type DrainLoopOptions, type DrainResult } from '../common/drain-loop';
import type { Outbox, OutboxEvent, OutboxTrack } from './outbox';
import type { ApiOutcome, RecordingApi } from './recording-api';
import { describeFailure } from '../common/upload-api';

export interface UploadIdentity {
  /** The participant's row id (the outbox's scope). */
  participantId: string;
  token: string;
}

export interface UploaderOptions extends DrainLoopOptions {
  outbox: Outbox;
  api: RecordingApi;
  identity: () => UploadIdentity | null;
  /** Chunk uploads in flight at once (default 3). */
  concurrency?: number;
}

export interface UploadStatus {
  /** Whose queue this is (null: nobody is logged in, nothing is sent). */
  participantId: string | null;
  chunksPending: number;
  bytesPending: number;
  tracksToCreate: number;
  clockBatchesPending: number;
  /** Items the server refused for good (kept in the outbox's `rejected` store). */
  rejected: number;
  inFlight: number;
  /** `Date.now()` of the last acknowledged chunk. */
  lastAckAt: number | null;
  /** Why the last attempt must be retried (cleared by the next success). */
  lastError: string | null;
  /** When the next attempt is due after a failure (`Date.now()` ms), or null. */
  retryAt: number | null;
  /** The server answered 401: the login has expired; uploads wait for a new login. */
  authProblem: boolean;
  /** Nothing waits to be uploaded (refused items do not count). */
  idle: boolean;
}

export type { DrainResult };

/** The status with nothing known (no participant, or before the outbox was opened). */
export const EMPTY_UPLOAD_STATUS: UploadStatus = {
  participantId: null,
  chunksPending: 0,
  bytesPending: 0,
  tracksToCreate: 0,
  clockBatchesPending: 0,
  rejected: 0,
  inFlight: 0,
  lastAckAt: null,
  lastError: null,
  retryAt: null,
  authProblem: false,
  idle: true,
};

export class Uploader extends DrainLoop<UploadStatus> {
  readonly outbox: Outbox;
  private readonly api: RecordingApi;
  private readonly identity: () => UploadIdentity | null;
  private readonly concurrency: number;
  private live = {
    inFlight: 0,
    lastAckAt: null as number | null,
    lastError: null as string | null,
    authProblem: false,
  };

  constructor(options: UploaderOptions) {
    super(EMPTY_UPLOAD_STATUS, options);
    this.outbox = options.outbox;
    this.api = options.api;
    this.identity = options.identity;
    this.concurrency = Math.max(1, options.concurrency ?? 3);
  }

  protected watch(onChange: (newWork: boolean) => void): () => void {
    return this.outbox.subscribe((event: OutboxEvent) =>
      onChange(event.type === 'append' || event.type === 'track' || event.type === 'clock'),
    );
  }

  /** One pass over the participant's queue. */
  protected async pass(): Promise<DrainResult> {
    const who = this.identity();
    if (!who) return 'no-participant';
    const api = this.api.withToken(who.token);
    const sameIdentity = () => {
      const now = this.identity();
      return now !== null && now.participantId === who.participantId && now.token === who.token;
    };
    let retry = false;

    // 1. Track creations.
    const tracks = new Map<string, OutboxTrack>();
    for (const track of await this.outbox.listTracks(who.participantId)) {
      tracks.set(track.trackId, track);
    }
    for (const track of tracks.values()) {
      if (track.createdOnServer || track.rejected) continue;
      if (!sameIdentity()) return 'retry';
      const outcome = await api.createTrack(track.trackId, track.request);
      if (outcome.kind === 'ok') {
        await this.outbox.markTrackCreated(track.trackId, true);
        track.createdOnServer = true;
        this.succeeded();
      } else if (outcome.kind === 'reject') {
        await this.outbox.rejectTrack(track.trackId, outcome);
      } else {
        this.failed(outcome);
        retry = true;
        break; // The server is not taking anything now; the chunks would fail the same way.
      }
    }
    if (retry) return 'retry';

    // 2. Chunks, by track then seq, `concurrency` at a time.
    const keys = (await this.outbox.chunkKeys(who.participantId)).filter(([trackId]) => {
      const track = tracks.get(trackId);
      // A chunk whose track appeared after the listing above waits for the next pass.
      if (!track || !track.createdOnServer) {
        this.again = true;
        return false;
      }
      return true;
    });
    let next = 0;
    let stop = false;
    const worker = async () => {
      while (!stop && next < keys.length) {
        const [trackId, seq] = keys[next++];
        if (!sameIdentity()) {
          stop = true;
          retry = true;
          return;
        }
        const result = await this.uploadChunk(api, trackId, seq);
        if (result === 'retry') {
          stop = true;
          retry = true;
        }
      }
    };
    await Promise.all(Array.from({ length: this.concurrency }, worker));
    if (retry) return 'retry';

    // 3. Clock sample batches.
    for (const batch of await this.outbox.listClockBatches(who.participantId)) {
      if (!sameIdentity()) return 'retry';
      const outcome = await api.postClockSamples(batch.request);
      if (outcome.kind === 'ok') {
        await this.outbox.ackClockBatch(batch.id!);
        this.succeeded();
      } else if (outcome.kind === 'reject') {
        await this.outbox.rejectClockBatch(batch.id!, outcome);
      } else {
        this.failed(outcome);
        return 'retry';
      }
    }
    return 'done';
  }

  private async uploadChunk(
    api: RecordingApi,
    trackId: string,
    seq: number,
  ): Promise<'ok' | 'retry'> {
    const chunk = await this.outbox.getChunk(trackId, seq);
    if (!chunk) return 'ok'; // Acknowledged meanwhile (another tab).
    this.live.inFlight++;
    void this.refreshStatus();
    let outcome: ApiOutcome<unknown>;
    try {
      outcome = await api.putChunk(trackId, seq, chunk.query, chunk.bytes);
    } finally {
      this.live.inFlight--;
    }
    if (outcome.kind === 'ok') {
      await this.outbox.ackChunk(trackId, seq);
      this.live.lastAckAt = Date.now();
      this.succeeded();
      return 'ok';
    }
    if (outcome.kind === 'reject') {
      await this.outbox.rejectChunk(trackId, seq, outcome);
      return 'ok';
    }
    if (outcome.status === 404) {
      // The server does not know the track (its creation was lost, or the data reset): create
      // it again on the next pass.
      await this.outbox.markTrackCreated(trackId, false);
    }
    this.failed(outcome);
    return 'retry';
  }

  private succeeded(): void {
    this.live.lastError = null;
    this.live.authProblem = false;
  }

  private failed(outcome: { status: number; message: string }): void {
    this.live.authProblem = outcome.status === 401;
    this.live.lastError = describeFailure(outcome);
  }

  protected async computeStatus(): Promise<UploadStatus> {
    const who = this.identity();
    if (!who) return { ...EMPTY_UPLOAD_STATUS, ...this.live, retryAt: this.retryAt };
    const summary = await this.outbox.summary(who.participantId);
    return {
      participantId: who.participantId,
      chunksPending: summary.chunksPending,
      bytesPending: summary.bytesPending,
      tracksToCreate: summary.tracksToCreate,
      clockBatchesPending: summary.clockBatchesPending,
      rejected: summary.rejected,
      ...this.live,
      retryAt: this.retryAt,
      idle:
        summary.chunksPending === 0 &&
        summary.tracksToCreate === 0 &&
        summary.clockBatchesPending === 0,
    };
  }
}
