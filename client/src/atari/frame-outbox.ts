/**
 * The frame outbox: every frame batch and episode end that must reach the server, kept in
 * IndexedDB until acknowledged, so that a reload, a crash or an outage loses at most the second
 * of frames being batched. One database, `ozlab-frames`:
 *
 * - `episodes`: per episode the counters that must survive a reload (`nextFrame`, `nextSeq`) and,
 *   once it is over, its end (`{frames, outcome}`), posted after its last batch.
 * - `batches`: key `[episodeId, seq]` → 60 consecutive frames (the last one of an episode fewer).
 * - `rejected`: what the server refused for good, with its message: never silently dropped.
 * - `sessions`: the audio track ids recorded for a session (for `POST …/session/complete`).
 *
 * Every record carries the participant it was made under (the participant's row id) and every
 * query is scoped by it, as in the recorder's outbox. A batch is written, in the transaction that
 * advances its episode's `nextSeq`/`nextFrame`, before any upload is tried.
 */
import { openDB, type IDBPDatabase } from 'idb';

import type { FrameRecord } from '../../../src/games/common/atari-frames';
import type {
  BatchKey,
  EpisodeEnd,
  EpisodeOutcome,
  FrameOutboxEvent,
  FrameOutboxSchema,
  FrameOutboxSummary,
  OutboxBatch,
  OutboxEpisode,
  Refusal,
  RejectedFrames,
} from './frame-outbox-types';

export type * from './frame-outbox-types';

export const FRAME_OUTBOX_DB_NAME = 'ozlab-frames';
const DB_VERSION = 1;

export class FrameOutboxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrameOutboxError';
  }
}

export class FrameOutbox {
  private readonly listeners = new Set<(event: FrameOutboxEvent) => void>();

  private constructor(private readonly db: IDBPDatabase<FrameOutboxSchema>) {}

  /** Opens (creating or upgrading) the database. Fails when the browser has no IndexedDB. */
  static async open(name = FRAME_OUTBOX_DB_NAME): Promise<FrameOutbox> {
    if (typeof indexedDB === 'undefined') {
      throw new FrameOutboxError('This browser cannot store the game log (no IndexedDB).');
    }
    let outbox: FrameOutbox | null = null;
    const db = await openDB<FrameOutboxSchema>(name, DB_VERSION, {
      upgrade(database) {
        const episodes = database.createObjectStore('episodes', { keyPath: 'episodeId' });
        episodes.createIndex('byParticipant', 'participantId');
        const batches = database.createObjectStore('batches', { keyPath: ['episodeId', 'seq'] });
        batches.createIndex('byParticipant', 'participantId');
        batches.createIndex('byEpisode', 'episodeId');
        const rejected = database.createObjectStore('rejected', {
          keyPath: 'id',
          autoIncrement: true,
        });
        rejected.createIndex('byParticipant', 'participantId');
        const sessions = database.createObjectStore('sessions', { keyPath: 'sessionId' });
        sessions.createIndex('byParticipant', 'participantId');
      },
      blocking() {
        outbox?.close();
      },
    });
    outbox = new FrameOutbox(db);
    return outbox;
  }

  close(): void {
    this.db.close();
  }

  /** Called after each committed change (in this tab). */
  subscribe(listener: (event: FrameOutboxEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: FrameOutboxEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  // --- Episodes --------------------------------------------------------------------------------

  getEpisode(episodeId: string): Promise<OutboxEpisode | undefined> {
    return this.db.get('episodes', episodeId);
  }

  listEpisodes(participantId: string): Promise<OutboxEpisode[]> {
    return this.db.getAllFromIndex('episodes', 'byParticipant', participantId);
  }

  /**
   * Starts tracking an episode (or returns the record it already has). `nextFrame` starts one
   * whose first frames the server already holds (an episode this browser does not know).
   */
  async addEpisode(
    participantId: string,
    episode: { episodeId: string; sessionId: string; practice: boolean; nextFrame?: number },
  ): Promise<OutboxEpisode> {
    const tx = this.db.transaction('episodes', 'readwrite');
    const existing = await tx.store.get(episode.episodeId);
    if (existing) {
      await tx.done;
      if (existing.participantId !== participantId) {
        throw new FrameOutboxError('This game belongs to another participant on this computer.');
      }
      return existing;
    }
    const now = Date.now();
    const record: OutboxEpisode = {
      episodeId: episode.episodeId,
      participantId,
      sessionId: episode.sessionId,
      practice: episode.practice,
      nextFrame: episode.nextFrame ?? 0,
      nextSeq: 0,
      end: null,
      endConflicts: 0,
      createdAt: now,
      updatedAt: now,
    };
    await tx.store.add(record);
    await tx.done;
    this.emit({ type: 'episode', episodeId: episode.episodeId });
    return record;
  }

  /**
   * Stores the next batch of an episode under its next seq and advances `nextSeq` and
   * `nextFrame`, in one transaction. The frames must continue the episode. Returns the seq.
   */
  async appendBatch(episodeId: string, frames: FrameRecord[]): Promise<number> {
    if (frames.length === 0) throw new FrameOutboxError('An empty batch');
    const tx = this.db.transaction(['episodes', 'batches'], 'readwrite');
    const episodes = tx.objectStore('episodes');
    const episode = await episodes.get(episodeId);
    if (!episode) throw new FrameOutboxError(`Unknown episode ${episodeId}`);
    if (episode.end) throw new FrameOutboxError(`Episode ${episodeId} has ended`);
    frames.forEach((frame, i) => {
      if (frame.frame !== episode.nextFrame + i) {
        throw new FrameOutboxError(
          `Frame ${frame.frame} does not continue episode ${episodeId} (expected ${episode.nextFrame + i})`,
        );
      }
    });
    const seq = episode.nextSeq;
    const now = Date.now();
    const batch: OutboxBatch = {
      episodeId,
      seq,
      participantId: episode.participantId,
      frames,
      queuedAt: now,
    };
    await tx.objectStore('batches').add(batch);
    episode.nextSeq = seq + 1;
    episode.nextFrame += frames.length;
    episode.updatedAt = now;
    await episodes.put(episode);
    await tx.done;
    this.emit({ type: 'append', episodeId, seq });
    return seq;
  }

  /**
   * The episode is over after the frames stored so far: its end is posted once they are all
   * acknowledged. A second call keeps the first end. Returns the end.
   */
  async requestEnd(episodeId: string, outcome: EpisodeOutcome): Promise<EpisodeEnd> {
    const tx = this.db.transaction('episodes', 'readwrite');
    const episode = await tx.store.get(episodeId);
    if (!episode) throw new FrameOutboxError(`Unknown episode ${episodeId}`);
    if (!episode.end) {
      episode.end = { frames: episode.nextFrame, outcome };
      episode.updatedAt = Date.now();
      await tx.store.put(episode);
    }
    await tx.done;
    this.emit({ type: 'episode', episodeId });
    return episode.end;
  }

  /** The server acknowledged the end: the outbox forgets the episode. */
  async endAcknowledged(episodeId: string): Promise<void> {
    await this.db.delete('episodes', episodeId);
    this.emit({ type: 'ended', episodeId });
  }

  /** The end answered 409 once more; returns how many times in a row. */
  async noteEndConflict(episodeId: string): Promise<number> {
    const tx = this.db.transaction('episodes', 'readwrite');
    const episode = await tx.store.get(episodeId);
    if (!episode) {
      await tx.done;
      return 0;
    }
    episode.endConflicts++;
    episode.updatedAt = Date.now();
    await tx.store.put(episode);
    await tx.done;
    return episode.endConflicts;
  }

  /** The server refused the end for good: it moves to `rejected` and the episode is dropped. */
  async rejectEnd(episodeId: string, refusal: Refusal): Promise<void> {
    const tx = this.db.transaction(['episodes', 'rejected'], 'readwrite');
    const episode = await tx.objectStore('episodes').get(episodeId);
    if (episode?.end) {
      await tx.objectStore('rejected').add({
        kind: 'end',
        participantId: episode.participantId,
        episodeId,
        end: episode.end,
        status: refusal.status,
        message: refusal.message,
        at: Date.now(),
      });
      await tx.objectStore('episodes').delete(episodeId);
    }
    await tx.done;
    this.emit({ type: 'reject', episodeId });
  }

  // --- Batches ---------------------------------------------------------------------------------

  /** Keys `[episodeId, seq]` of the participant's pending batches, by episode then seq. */
  batchKeys(participantId: string): Promise<BatchKey[]> {
    return this.db.getAllKeysFromIndex('batches', 'byParticipant', participantId);
  }

  getBatch(episodeId: string, seq: number): Promise<OutboxBatch | undefined> {
    return this.db.get('batches', [episodeId, seq]);
  }

  /** Batches of the episode still waiting for upload. */
  countBatches(episodeId: string): Promise<number> {
    return this.db.countFromIndex('batches', 'byEpisode', episodeId);
  }

  /** The server acknowledged the batch (stored or duplicate): remove it. */
  async ackBatch(episodeId: string, seq: number): Promise<void> {
    await this.db.delete('batches', [episodeId, seq]);
    this.emit({ type: 'ack', episodeId, seq });
  }

  /** The server refused the batch for good: move it to `rejected`. */
  async rejectBatch(episodeId: string, seq: number, refusal: Refusal): Promise<void> {
    const tx = this.db.transaction(['batches', 'rejected'], 'readwrite');
    const batch = await tx.objectStore('batches').get([episodeId, seq]);
    if (batch) {
      await tx.objectStore('batches').delete([episodeId, seq]);
      await tx.objectStore('rejected').add({
        kind: 'batch',
        participantId: batch.participantId,
        episodeId,
        seq,
        frames: batch.frames,
        status: refusal.status,
        message: refusal.message,
        at: Date.now(),
      });
    }
    await tx.done;
    this.emit({ type: 'reject', episodeId });
  }

  // --- Rejected, sessions, overview ------------------------------------------------------------

  listRejected(participantId: string): Promise<RejectedFrames[]> {
    return this.db.getAllFromIndex('rejected', 'byParticipant', participantId);
  }

  /** Remembers an audio track recorded for the session. */
  async addSessionTrack(participantId: string, sessionId: string, trackId: string): Promise<void> {
    const tx = this.db.transaction('sessions', 'readwrite');
    const record = (await tx.store.get(sessionId)) ?? { sessionId, participantId, trackIds: [] };
    if (record.participantId === participantId && !record.trackIds.includes(trackId)) {
      record.trackIds.push(trackId);
      await tx.store.put(record);
    }
    await tx.done;
  }

  async sessionTracks(participantId: string, sessionId: string): Promise<string[]> {
    const record = await this.db.get('sessions', sessionId);
    return record?.participantId === participantId ? [...record.trackIds] : [];
  }

  async summary(participantId: string): Promise<FrameOutboxSummary> {
    const tx = this.db.transaction(['episodes', 'batches', 'rejected'], 'readonly');
    const [episodes, batches, rejected] = await Promise.all([
      tx.objectStore('episodes').index('byParticipant').getAll(participantId),
      tx.objectStore('batches').index('byParticipant').getAllKeys(participantId),
      tx.objectStore('rejected').index('byParticipant').count(participantId),
    ]);
    await tx.done;
    return {
      batchesPending: batches.length,
      endsPending: episodes.filter((e) => e.end !== null).length,
      episodes: episodes.length,
      rejected,
    };
  }
}
