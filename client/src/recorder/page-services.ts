/**
 * The page-wide singletons of the recorder: the clock (`pageClock()`), the outbox and its uploader
 * (`resumePendingUploads()`), bound to the logged-in participant of this tab (`session.ts`).
 *
 * Call `resumePendingUploads()` when the app starts: it uploads whatever a previous page (a reload,
 * a crash) left in IndexedDB for the participant, with no recorder running. `Recorder.start()`
 * calls it too.
 */
import type { ClockSample } from '../../../src/games/common/recording';
import { getSession, subscribeSession } from '../session';
import { ClockSync, httpClockTransport, type ClockTransport } from './clock-sync';
import { Outbox } from './outbox';
import { RecordingApi } from './recording-api';
import { EMPTY_UPLOAD_STATUS, Uploader, type UploadIdentity, type UploadStatus } from './uploader';

/** Who uploads now: the tab's participant (row id, the outbox's scope) and token. */
export function currentIdentity(): UploadIdentity | null {
  const session = getSession();
  return session ? { participantId: session.participant.id, token: session.token } : null;
}

// --- Clock -----------------------------------------------------------------------------------

let clock: ClockSync | null = null;
/** Samples taken while nobody was logged in: queued under the next participant who logs in. */
let unqueuedSamples: ClockSample[] = [];

/**
 * This page's clock (started on first use). `pageClock().serverTimeOf(performance.now())` stamps
 * events in server time; `pageClock().clockId` names the page's clock domain.
 */
export function pageClock(): ClockSync {
  if (!clock) {
    clock = new ClockSync({
      transport: httpClockTransport(),
      onSamples: (samples) => queueClockSamples(samples),
    }).start();
  }
  return clock;
}

/** Shorthand for `pageClock().serverTimeOf(performanceNow)`. */
export function serverTimeOf(performanceNow: number = performance.now()): number {
  return pageClock().serverTimeOf(performanceNow);
}

/** Swaps the page clock's transport (e.g. for the game gateway's socket.io pings). */
export function setPageClockTransport(transport: ClockTransport): void {
  pageClock().setTransport(transport);
}

function queueClockSamples(samples: ClockSample[]): void {
  const who = currentIdentity();
  if (!who) {
    unqueuedSamples.push(...samples);
    return;
  }
  const batch = [...unqueuedSamples, ...samples];
  unqueuedSamples = [];
  const request = {
    clockId: pageClock().clockId,
    timeOrigin: pageClock().timeOrigin,
    samples: batch,
  };
  void pageOutbox()
    .then((outbox) => outbox.addClockSamples(who.participantId, request))
    .catch(() => {
      // No IndexedDB: the samples stay in memory until the next try.
      unqueuedSamples.unshift(...batch);
    });
}

// --- Outbox and uploader ---------------------------------------------------------------------

let outboxPromise: Promise<Outbox> | null = null;
let uploaderPromise: Promise<Uploader> | null = null;
let uploader: Uploader | null = null;
const statusListeners = new Set<() => void>();
let sessionWatch: (() => void) | null = null;

export function pageOutbox(): Promise<Outbox> {
  outboxPromise ??= Outbox.open().catch((error: unknown) => {
    outboxPromise = null; // Let a later call try again.
    throw error;
  });
  return outboxPromise;
}

/**
 * Starts (once) the page's uploader and lets it upload what is pending for the logged-in
 * participant, including what an earlier page left behind. Resolves with the uploader.
 */
export function resumePendingUploads(): Promise<Uploader> {
  uploaderPromise ??= pageOutbox().then(
    (outbox) => {
      uploader = new Uploader({
        outbox,
        api: new RecordingApi({ token: () => currentIdentity()?.token ?? null }),
        identity: currentIdentity,
      });
      uploader.subscribe(() => {
        for (const listener of statusListeners) listener();
      });
      sessionWatch ??= subscribeSession(() => {
        if (currentIdentity() && unqueuedSamples.length > 0) queueClockSamples([]);
        uploader?.retryNow();
      });
      // Back online: re-measure the clock too (the uploader listens for itself).
      window.addEventListener('online', () => clock?.syncNow());
      return uploader.start();
    },
    (error: unknown) => {
      uploaderPromise = null;
      throw error;
    },
  );
  return uploaderPromise;
}

/** The page-wide upload status (the whole outbox of the participant). */
export function uploadStatus(): UploadStatus {
  return uploader?.status ?? EMPTY_UPLOAD_STATUS;
}

export function subscribeUploadStatus(listener: () => void): () => void {
  statusListeners.add(listener);
  return () => statusListeners.delete(listener);
}
