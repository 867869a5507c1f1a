/** The records of the frame outbox (see `frame-outbox.ts`) and its IndexedDB schema. */
import type { DBSchema } from 'idb';

import type { FrameRecord } from '../../../src/games/common/atari-frames';

/** `outcome` of `POST /api/atari/episodes/:id/end`. */
export type EpisodeOutcome = 'game-over' | 'time-up' | 'quit' | 'practice-over';

export interface EpisodeEnd {
  frames: number;
  outcome: EpisodeOutcome;
}

export interface Refusal {
  /** HTTP status of the refusal. */
  status: number;
  message: string;
}

/** An episode this browser plays (or played): what must survive a reload. */
export interface OutboxEpisode {
  episodeId: string;
  participantId: string;
  sessionId: string;
  practice: boolean;
  /** The index the next stored frame has (= frames stored in the outbox so far). */
  nextFrame: number;
  /** The seq the next batch gets. */
  nextSeq: number;
  /** Set once the episode is over: posted after its last batch was acknowledged. */
  end: EpisodeEnd | null;
  /** `end` answered 409 (frames missing) this many times in a row. */
  endConflicts: number;
  createdAt: number;
  updatedAt: number;
}

export interface OutboxBatch {
  episodeId: string;
  seq: number;
  participantId: string;
  frames: FrameRecord[];
  queuedAt: number;
}

export type RejectedFrames = {
  id?: number;
  participantId: string;
  episodeId: string;
  status: number;
  message: string;
  at: number;
} & ({ kind: 'batch'; seq: number; frames: FrameRecord[] } | { kind: 'end'; end: EpisodeEnd });

/** The audio tracks this browser recorded for a session (sent with `complete`). */
export interface SessionTracks {
  sessionId: string;
  participantId: string;
  trackIds: string[];
}

export interface FrameOutboxSummary {
  /** Batches (about a second of play each) waiting for upload. */
  batchesPending: number;
  /** Episodes whose end has not been acknowledged yet. */
  endsPending: number;
  /** Episodes the outbox still tracks (playing, or waiting for their end). */
  episodes: number;
  rejected: number;
}

export type FrameOutboxEvent =
  | { type: 'episode'; episodeId: string }
  | { type: 'append'; episodeId: string; seq: number }
  | { type: 'ack'; episodeId: string; seq: number }
  | { type: 'ended'; episodeId: string }
  | { type: 'reject'; episodeId: string };

export type BatchKey = [string, number];

export interface FrameOutboxSchema extends DBSchema {
  episodes: { key: string; value: OutboxEpisode; indexes: { byParticipant: string } };
  batches: {
    key: BatchKey;
    value: OutboxBatch;
    indexes: { byParticipant: string; byEpisode: string };
  };
  rejected: { key: number; value: RejectedFrames; indexes: { byParticipant: string } };
  sessions: { key: string; value: SessionTracks; indexes: { byParticipant: string } };
}
