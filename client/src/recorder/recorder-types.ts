/** Public types of `Recorder` (kept apart so that hooks and pages can import them cheaply). */
import type { TrackKind } from '../../../src/games/common/recording';

export type RecorderState =
  'starting' | 'recording' | 'stopped' | 'finalizing' | 'finalized' | 'error';

export interface RecorderStatus {
  state: RecorderState;
  trackId: string;
  /** This run's segment of the track (0 for a new track, +1 for each resume). */
  segment: number;
  sampleRate: number;
  /** Seconds of audio cut into chunks by this run. */
  recordedSeconds: number;
  /**
   * Seconds of this run the browser never delivered to the recorder (Chromium sometimes skips
   * up to ~0.1 s at the start): filled with silence, or left out when too long.
   */
  missedSeconds: number;
  /** Chunks of this track waiting in the outbox (IndexedDB) to be uploaded, and their bytes. */
  chunksPending: number;
  bytesPending: number;
  /** The server has the track (its creation was acknowledged). */
  trackCreated: boolean;
  /** `Date.now()` of the last chunk of this track the server acknowledged. */
  lastAckAt: number | null;
  /** Chunks of this track the server refused for good (kept in the outbox's `rejected` store). */
  rejected: number;
  /** `AudioContext.state`: 'suspended' means the browser waits for a click before audio runs. */
  audioState: AudioContextState | 'interrupted';
  /** The last problem, in words a page can show. With state 'error' it stopped the recorder. */
  error?: string;
}

export interface ProcessingFlags {
  echoCancellation: boolean;
  noiseSuppression: boolean;
  autoGainControl: boolean;
}

export interface RecorderStartOptions {
  /**
   * The track to record into. A track this browser's outbox knows (a reload resuming the same
   * recording) continues: next seq, next segment. Default: a new random UUID.
   */
  trackId?: string;
  /**
   * Without `trackId`: continue the newest unfinished track of this participant in the outbox
   * with the same kind, sessionId, episodeId and label, if there is one.
   */
  resume?: boolean;
  kind: TrackKind;
  sessionId?: string;
  episodeId?: string;
  /** Free text such as "teacher mic" (at most 80 characters). */
  label?: string;
  /**
   * The microphone stream (from `openMic`) or any node of an AudioContext (e.g. the game's
   * output); a node is tapped in its own context and keeps its other connections.
   */
  source: MediaStream | AudioNode;
  /** For a MediaStream source: the context to use (default: a new one, closed on stop). */
  audioContext?: AudioContext;
  /** What the capture did (default: read from the track's settings). */
  processing?: ProcessingFlags;
  /** Default: the track's label. */
  deviceLabel?: string;
  /** Seconds per chunk (default 1; at most the server's 5). */
  chunkSeconds?: number;
}

export interface FinalizeOptions {
  /** How long to wait for the pending chunks to upload (default 30 s). */
  timeoutMs?: number;
}

export type RecorderErrorCode =
  | 'not-logged-in'
  | 'storage-unavailable'
  | 'wrong-participant'
  | 'bad-source'
  | 'sample-rate-mismatch'
  | 'track-rejected'
  | 'upload-timeout'
  | 'finalize-failed'
  | 'not-recording';

export class RecorderError extends Error {
  readonly code: RecorderErrorCode;
  /** HTTP status when the server answered. */
  readonly status?: number;

  constructor(code: RecorderErrorCode, message: string, status?: number) {
    super(message);
    this.name = 'RecorderError';
    this.code = code;
    this.status = status;
  }
}
