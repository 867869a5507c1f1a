/**
 * The recorder's outbox: everything that must reach the server, kept in IndexedDB until the
 * server acknowledged it, so that a reload, a crash or an outage loses at most the chunk being
 * cut. One database, `ozlab-recorder`:
 *
 * - `tracks`: a track's create request, whether the server has it, and the counters that must
 *   survive a reload (`nextSeq`, `nextSegment`) plus what is still pending for it.
 * - `chunks`: key `[trackId, seq]` → the chunk's query metadata and its PCM bytes.
 * - `clock`: batches of clock samples waiting for `POST /api/clock/samples`.
 * - `rejected`: what the server refused for good, with its message: never silently dropped.
 *
 * Every record carries the participant (the row id of the logged-in participant) it was made
 * under, and every query is scoped by it, so that a shared computer never uploads one
 * participant's queue with another participant's token.
 *
 * A chunk is written before any upload is tried, in the same transaction that advances its
 * track's `nextSeq`; it is removed only on a 2xx acknowledgement (`ackChunk`).
 */
import { openDB, type IDBPDatabase } from 'idb';

import {
  RECORDING_LIMITS,
  type ClockSamplesRequest,
  type CreateTrackRequest,
} from '../../../src/games/common/recording';
import type {
  ChunkKey,
  ChunkMeta,
  OutboxChunk,
  OutboxClockBatch,
  OutboxEvent,
  OutboxSchema,
  OutboxSummary,
  OutboxTrack,
  Refusal,
  RejectedItem,
} from './outbox-types';

export type * from './outbox-types';

export const OUTBOX_DB_NAME = 'ozlab-recorder';
const DB_VERSION = 1;

export class OutboxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboxError';
  }
}

export class Outbox {
  private readonly listeners = new Set<(event: OutboxEvent) => void>();

  private constructor(private readonly db: IDBPDatabase<OutboxSchema>) {}

  /** Opens (creating or upgrading) the database. Fails when the browser has no IndexedDB. */
  static async open(name = OUTBOX_DB_NAME): Promise<Outbox> {
    if (typeof indexedDB === 'undefined') {
      throw new OutboxError('This browser cannot store the recording (no IndexedDB).');
    }
    let outbox: Outbox | null = null;
    const db = await openDB<OutboxSchema>(name, DB_VERSION, {
      upgrade(database) {
        const tracks = database.createObjectStore('tracks', { keyPath: 'trackId' });
        tracks.createIndex('byParticipant', 'participantId');
        const chunks = database.createObjectStore('chunks', { keyPath: ['trackId', 'seq'] });
        chunks.createIndex('byParticipant', 'participantId');
        chunks.createIndex('byTrack', 'trackId');
        const clock = database.createObjectStore('clock', { keyPath: 'id', autoIncrement: true });
        clock.createIndex('byParticipant', 'participantId');
        const rejected = database.createObjectStore('rejected', {
          keyPath: 'id',
          autoIncrement: true,
        });
        rejected.createIndex('byParticipant', 'participantId');
      },
      // A newer version of the app wants to upgrade the schema (another tab): let it.
      blocking() {
        outbox?.close();
      },
    });
    outbox = new Outbox(db);
    return outbox;
  }

  close(): void {
    this.db.close();
  }

  /** Called after each committed change (in this tab). */
  subscribe(listener: (event: OutboxEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: OutboxEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  // --- Tracks ----------------------------------------------------------------------------------

  getTrack(trackId: string): Promise<OutboxTrack | undefined> {
    return this.db.get('tracks', trackId);
  }

  listTracks(participantId: string): Promise<OutboxTrack[]> {
    return this.db.getAllFromIndex('tracks', 'byParticipant', participantId);
  }

  /**
   * Queues the creation of a track, or returns the existing record for `trackId` (a resumed
   * track). `nextSeq`/`nextSegment` start a track that the server already has from elsewhere.
   */
  async addTrack(
    participantId: string,
    trackId: string,
    request: CreateTrackRequest,
    start: { nextSeq?: number; nextSegment?: number; createdOnServer?: boolean } = {},
  ): Promise<OutboxTrack> {
    const tx = this.db.transaction('tracks', 'readwrite');
    const existing = await tx.store.get(trackId);
    if (existing) {
      await tx.done;
      if (existing.participantId !== participantId) {
        throw new OutboxError('This recording belongs to another participant on this computer.');
      }
      return existing;
    }
    const now = Date.now();
    const track: OutboxTrack = {
      trackId,
      participantId,
      request,
      createdOnServer: start.createdOnServer ?? false,
      nextSeq: start.nextSeq ?? 0,
      nextSegment: start.nextSegment ?? 0,
      pendingChunks: 0,
      pendingBytes: 0,
      rejectedChunks: 0,
      createdAt: now,
      updatedAt: now,
    };
    await tx.store.add(track);
    await tx.done;
    this.emit({ type: 'track', trackId });
    return track;
  }

  /**
   * Claims the next segment of a track for a new recorder run, and raises `nextSeq` to at least
   * `minNextSeq` (the server's `lastSeq + 1`, when it was reachable).
   */
  async beginSegment(
    trackId: string,
    minNextSeq = 0,
  ): Promise<{ segment: number; nextSeq: number }> {
    const tx = this.db.transaction('tracks', 'readwrite');
    const track = await tx.store.get(trackId);
    if (!track) throw new OutboxError(`Unknown track ${trackId}`);
    const segment = track.nextSegment;
    track.nextSegment = segment + 1;
    track.nextSeq = Math.max(track.nextSeq, minNextSeq);
    track.updatedAt = Date.now();
    await tx.store.put(track);
    await tx.done;
    return { segment, nextSeq: track.nextSeq };
  }

  async markTrackCreated(trackId: string, created: boolean): Promise<void> {
    const tx = this.db.transaction('tracks', 'readwrite');
    const track = await tx.store.get(trackId);
    if (track && track.createdOnServer !== created) {
      track.createdOnServer = created;
      track.updatedAt = Date.now();
      await tx.store.put(track);
    }
    await tx.done;
    this.emit({ type: 'track', trackId });
  }

  /** The server refused the track: it and every chunk of it move to `rejected`. */
  async rejectTrack(trackId: string, reason: Refusal): Promise<void> {
    const refusal = toRefusal(reason);
    const tx = this.db.transaction(['tracks', 'chunks', 'rejected'], 'readwrite');
    const tracks = tx.objectStore('tracks');
    const rejected = tx.objectStore('rejected');
    const track = await tracks.get(trackId);
    if (!track) {
      await tx.done;
      return;
    }
    const at = Date.now();
    await rejected.add({
      kind: 'track',
      trackId,
      request: track.request,
      participantId: track.participantId,
      ...refusal,
      at,
    });
    let cursor = await tx.objectStore('chunks').index('byTrack').openCursor(trackId);
    let moved = 0;
    while (cursor) {
      const chunk = cursor.value;
      await rejected.add(rejectedChunk(chunk, refusal, at));
      await cursor.delete();
      moved++;
      cursor = await cursor.continue();
    }
    track.rejected = refusal;
    track.pendingChunks = 0;
    track.pendingBytes = 0;
    track.rejectedChunks += moved;
    track.updatedAt = at;
    await tracks.put(track);
    await tx.done;
    this.emit({ type: 'reject', trackId });
  }

  /** Drops a finished track's record; refused (and returns false) while chunks are pending. */
  async forgetTrack(trackId: string): Promise<boolean> {
    const tx = this.db.transaction(['tracks', 'chunks'], 'readwrite');
    const left = await tx.objectStore('chunks').index('byTrack').count(trackId);
    if (left > 0) {
      await tx.done;
      return false;
    }
    await tx.objectStore('tracks').delete(trackId);
    await tx.done;
    this.emit({ type: 'track', trackId });
    return true;
  }

  // --- Chunks ----------------------------------------------------------------------------------

  /**
   * Stores a chunk under the track's next seq and advances `nextSeq`, in one transaction.
   * Returns the seq. A chunk of a refused track goes straight to `rejected`.
   */
  async appendChunk(trackId: string, query: ChunkMeta, bytes: ArrayBuffer): Promise<number> {
    if (bytes.byteLength > RECORDING_LIMITS.maxChunkBytes) {
      throw new OutboxError(`A chunk of ${bytes.byteLength} bytes is over the server's limit`);
    }
    const tx = this.db.transaction(['tracks', 'chunks', 'rejected'], 'readwrite');
    const tracks = tx.objectStore('tracks');
    const track = await tracks.get(trackId);
    if (!track) throw new OutboxError(`Unknown track ${trackId}`);
    const seq = track.nextSeq;
    const now = Date.now();
    const chunk: OutboxChunk = {
      trackId,
      seq,
      participantId: track.participantId,
      query,
      bytes,
      queuedAt: now,
    };
    if (track.rejected) {
      await tx.objectStore('rejected').add(rejectedChunk(chunk, track.rejected, now));
      track.rejectedChunks++;
    } else {
      await tx.objectStore('chunks').add(chunk);
      track.pendingChunks++;
      track.pendingBytes += bytes.byteLength;
    }
    track.nextSeq = seq + 1;
    track.updatedAt = now;
    await tracks.put(track);
    await tx.done;
    this.emit(track.rejected ? { type: 'reject', trackId, seq } : { type: 'append', trackId, seq });
    return seq;
  }

  /** Keys `[trackId, seq]` of the participant's pending chunks, by track then seq. */
  async chunkKeys(participantId: string): Promise<ChunkKey[]> {
    return this.db.getAllKeysFromIndex('chunks', 'byParticipant', participantId);
  }

  getChunk(trackId: string, seq: number): Promise<OutboxChunk | undefined> {
    return this.db.get('chunks', [trackId, seq]);
  }

  /** The server acknowledged the chunk (stored or duplicate): remove it. */
  async ackChunk(trackId: string, seq: number): Promise<void> {
    const removed = await this.removeChunk(trackId, seq, null);
    if (removed) this.emit({ type: 'ack', trackId, seq });
  }

  /** The server refused the chunk for good: move it to `rejected`. */
  async rejectChunk(trackId: string, seq: number, refusal: Refusal): Promise<void> {
    const removed = await this.removeChunk(trackId, seq, refusal);
    if (removed) this.emit({ type: 'reject', trackId, seq });
  }

  private async removeChunk(
    trackId: string,
    seq: number,
    reason: Refusal | null,
  ): Promise<boolean> {
    const refusal = reason && toRefusal(reason);
    const tx = this.db.transaction(['tracks', 'chunks', 'rejected'], 'readwrite');
    const chunks = tx.objectStore('chunks');
    const chunk = await chunks.get([trackId, seq]);
    if (!chunk) {
      // Already removed (another tab of the same participant uploaded it too).
      await tx.done;
      return false;
    }
    await chunks.delete([trackId, seq]);
    if (refusal) await tx.objectStore('rejected').add(rejectedChunk(chunk, refusal, Date.now()));
    const tracks = tx.objectStore('tracks');
    const track = await tracks.get(trackId);
    if (track) {
      track.pendingChunks = Math.max(0, track.pendingChunks - 1);
      track.pendingBytes = Math.max(0, track.pendingBytes - chunk.bytes.byteLength);
      if (refusal) track.rejectedChunks++;
      track.updatedAt = Date.now();
      await tracks.put(track);
    }
    await tx.done;
    return true;
  }

  // --- Clock samples ---------------------------------------------------------------------------

  /** Queues samples for upload, in batches the server accepts. */
  async addClockSamples(participantId: string, request: ClockSamplesRequest): Promise<void> {
    if (request.samples.length === 0) return;
    const tx = this.db.transaction('clock', 'readwrite');
    const size = RECORDING_LIMITS.maxClockSamplesPerPost;
    const now = Date.now();
    for (let i = 0; i < request.samples.length; i += size) {
      await tx.store.add({
        participantId,
        request: { ...request, samples: request.samples.slice(i, i + size) },
        queuedAt: now,
      });
    }
    await tx.done;
    this.emit({ type: 'clock' });
  }

  listClockBatches(participantId: string): Promise<OutboxClockBatch[]> {
    return this.db.getAllFromIndex('clock', 'byParticipant', participantId);
  }

  async ackClockBatch(id: number): Promise<void> {
    await this.db.delete('clock', id);
    this.emit({ type: 'clock' });
  }

  async rejectClockBatch(id: number, reason: Refusal): Promise<void> {
    const refusal = toRefusal(reason);
    const tx = this.db.transaction(['clock', 'rejected'], 'readwrite');
    const batch = await tx.objectStore('clock').get(id);
    if (batch) {
      await tx.objectStore('clock').delete(id);
      await tx.objectStore('rejected').add({
        kind: 'clock',
        participantId: batch.participantId,
        request: batch.request,
        ...refusal,
        at: Date.now(),
      });
    }
    await tx.done;
    this.emit({ type: 'reject' });
  }

  // --- Overview --------------------------------------------------------------------------------

  listRejected(participantId: string): Promise<RejectedItem[]> {
    return this.db.getAllFromIndex('rejected', 'byParticipant', participantId);
  }

  async summary(participantId: string): Promise<OutboxSummary> {
    const tx = this.db.transaction(['tracks', 'clock', 'rejected'], 'readonly');
    const [tracks, clockBatchesPending, rejected] = await Promise.all([
      tx.objectStore('tracks').index('byParticipant').getAll(participantId),
      tx.objectStore('clock').index('byParticipant').count(participantId),
      tx.objectStore('rejected').index('byParticipant').count(participantId),
    ]);
    await tx.done;
    let chunksPending = 0;
    let bytesPending = 0;
    let tracksToCreate = 0;
    for (const track of tracks) {
      chunksPending += track.pendingChunks;
      bytesPending += track.pendingBytes;
      if (!track.createdOnServer && !track.rejected) tracksToCreate++;
    }
    return {
      tracks: tracks.length,
      tracksToCreate,
      chunksPending,
      bytesPending,
      clockBatchesPending,
      rejected,
    };
  }
}

/** Only the two fields (callers may pass a richer object, such as an API outcome). */
function toRefusal({ status, message }: Refusal): Refusal {
  return { status, message };
}

function rejectedChunk(chunk: OutboxChunk, refusal: Refusal, at: number): RejectedItem {
  return {
    kind: 'chunk',
    participantId: chunk.participantId,
    trackId: chunk.trackId,
    seq: chunk.seq,
    query: chunk.query,
    bytes: chunk.bytes,
    ...refusal,
    at,
  };
}
