/** The records of the recorder's outbox (see `outbox.ts`) and its IndexedDB schema. */
import type { DBSchema } from 'idb';

import type {
  ChunkUploadQuery,
  ClockSamplesRequest,
  CreateTrackRequest,
} from '../../../src/games/common/recording';

export interface Refusal {
  /** HTTP status of the refusal. */
  status: number;
  message: string;
}

export interface OutboxTrack {
  trackId: string;
  participantId: string;
  request: CreateTrackRequest;
  /** The server acknowledged `PUT /api/recordings/:trackId`. */
  createdOnServer: boolean;
  /** The seq the next chunk gets (counts over the whole track). */
  nextSeq: number;
  /** The segment the next recorder run gets. */
  nextSegment: number;
  pendingChunks: number;
  pendingBytes: number;
  rejectedChunks: number;
  /** The server refused the track itself: nothing of it will upload. */
  rejected?: Refusal;
  createdAt: number;
  updatedAt: number;
}

/** The part of a chunk's query that the recorder knows before the outbox assigns the seq. */
export type ChunkMeta = ChunkUploadQuery;

export interface OutboxChunk {
  trackId: string;
  seq: number;
  participantId: string;
  query: ChunkMeta;
  bytes: ArrayBuffer;
  queuedAt: number;
}

export interface OutboxClockBatch {
  id?: number;
  participantId: string;
  request: ClockSamplesRequest;
  queuedAt: number;
}

export type RejectedItem = {
  id?: number;
  participantId: string;
  status: number;
  message: string;
  at: number;
} & (
  | { kind: 'track'; trackId: string; request: CreateTrackRequest }
  | { kind: 'chunk'; trackId: string; seq: number; query: ChunkMeta; bytes: ArrayBuffer }
  | { kind: 'clock'; request: ClockSamplesRequest }
);

export interface OutboxSummary {
  tracks: number;
  /** Tracks whose creation has not reached the server yet. */
  tracksToCreate: number;
  chunksPending: number;
  bytesPending: number;
  clockBatchesPending: number;
  rejected: number;
}

export type OutboxEvent =
  | { type: 'track'; trackId: string }
  | { type: 'append'; trackId: string; seq: number }
  | { type: 'ack'; trackId: string; seq: number }
  | { type: 'reject'; trackId?: string; seq?: number }
  | { type: 'clock' };

export type ChunkKey = [string, number];

export interface OutboxSchema extends DBSchema {
  tracks: { key: string; value: OutboxTrack; indexes: { byParticipant: string } };
  chunks: {
    key: ChunkKey;
    value: OutboxChunk;
    indexes: { byParticipant: string; byTrack: string };
  };
  clock: { key: number; value: OutboxClockBatch; indexes: { byParticipant: string } };
  rejected: { key: number; value: RejectedItem; indexes: { byParticipant: string } };
}
