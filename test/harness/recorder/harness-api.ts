/** What the recorder harness page exposes to the test driving it (as `window.harness`). */
import type { RecordingTrackView } from '../../../src/games/common/recording.js';

export interface HarnessStatus {
  state: string;
  trackId: string | null;
  chunksPending: number;
  bytesPending: number;
  rejected: number;
  lastAckAt: number | null;
  recordedSeconds: number;
}

export interface HarnessApi {
  /** Logs the participant in (stores the session as the client app does). */
  login(study: string, participantId: string): Promise<void>;
  /** Opens the mic and starts a new track; resolves to its id. */
  start(opts: { detectBeeps?: boolean; label?: string }): Promise<string>;
  stop(): Promise<void>;
  /** Stops, waits for every upload, finalizes; resolves to the stored track. */
  finalize(): Promise<RecordingTrackView>;
  status(): HarnessStatus;
  /** Set after a reload that resumed an unfinished track: its id. */
  resumedTrackId: string | null;
  /** Server times (ms) of the detector's key presses, as `serverTimeOf` stamped them live... */
  keyPresses: number[];
  /** ...and the same instants as this page's `performance.now()`, with the page's clock domain. */
  keyPressesClientMs: number[];
  clockId(): string;
  clock(): { offsetMs: number; minRttMs: number };
}

export interface HarnessWindow {
  harness: HarnessApi;
}
