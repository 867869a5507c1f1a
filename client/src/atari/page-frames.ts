/**
 * The page-wide frame outbox and its uploader, bound to the logged-in participant of this tab
 * (like the recorder's `page-services.ts`). `resumeFrameUploads()` starts the uploader once and
 * lets it upload whatever an earlier page (a reload, a crash) left for the participant.
 */
import { useEffect, useSyncExternalStore } from 'react';

import { currentIdentity } from '../recorder';
import { subscribeSession } from '../session';
import { FrameApi } from './frame-api';
import { FrameOutbox, type FrameOutboxEvent } from './frame-outbox';
import { EMPTY_FRAME_UPLOAD_STATUS, FrameUploader, type FrameUploadStatus } from './frame-uploader';

let outboxPromise: Promise<FrameOutbox> | null = null;
let uploaderPromise: Promise<FrameUploader> | null = null;
let uploader: FrameUploader | null = null;
const statusListeners = new Set<() => void>();

export function pageFrameOutbox(): Promise<FrameOutbox> {
  outboxPromise ??= FrameOutbox.open().catch((error: unknown) => {
    outboxPromise = null; // Let a later call try again.
    throw error;
  });
  return outboxPromise;
}

export function resumeFrameUploads(): Promise<FrameUploader> {
  uploaderPromise ??= pageFrameOutbox().then(
    (outbox) => {
      uploader = new FrameUploader({
        outbox,
        api: new FrameApi({ token: () => currentIdentity()?.token ?? null }),
        identity: currentIdentity,
      });
      uploader.subscribe(() => {
        for (const listener of statusListeners) listener();
      });
      subscribeSession(() => uploader?.retryNow());
      return uploader.start();
    },
    (error: unknown) => {
      uploaderPromise = null;
      throw error;
    },
  );
  return uploaderPromise;
}

export function frameUploadStatus(): FrameUploadStatus {
  return uploader?.status ?? EMPTY_FRAME_UPLOAD_STATUS;
}

function subscribeFrameUploadStatus(listener: () => void): () => void {
  statusListeners.add(listener);
  return () => statusListeners.delete(listener);
}

/** The frame uploader's status (starts the uploader if nothing did yet). */
export function useFrameUploadStatus(): FrameUploadStatus {
  useEffect(() => {
    resumeFrameUploads().catch(() => {
      // No IndexedDB: shown where the game needs it.
    });
  }, []);
  return useSyncExternalStore(subscribeFrameUploadStatus, frameUploadStatus, frameUploadStatus);
}

/**
 * Resolves once `check()` holds, re-checked on every change of the outbox and at least every
 * second; `signal` aborts the wait (rejects with its reason).
 */
export function waitForOutbox(
  outbox: FrameOutbox,
  check: () => Promise<boolean>,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let checking = false;
    let again = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      unsubscribe();
      clearInterval(poll);
      signal?.removeEventListener('abort', onAbort);
      if (error !== undefined) reject(error instanceof Error ? error : new Error('aborted'));
      else resolve();
    };
    const run = async () => {
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        do {
          again = false;
          if (await check()) return finish();
        } while (again && !settled);
      } catch (error) {
        finish(error instanceof Error ? error : new Error('The browser storage failed'));
      } finally {
        checking = false;
      }
    };
    const onAbort = () => finish(signal?.reason ?? new Error('aborted'));
    const unsubscribe = outbox.subscribe((_event: FrameOutboxEvent) => void run());
    const poll = setInterval(() => void run(), 1_000);
    signal?.addEventListener('abort', onAbort);
    if (signal?.aborted) onAbort();
    else void run();
  });
}

/**
 * Waits until no episode of the participant waits for its end (its batches and its end are
 * acknowledged or refused), nudging the uploader first. Returns the refusals among those ends.
 */
export async function waitForEpisodesEnded(
  participantId: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const [outbox, frameUploader] = await Promise.all([pageFrameOutbox(), resumeFrameUploads()]);
  const waiting = (await outbox.listEpisodes(participantId)).filter((e) => e.end !== null);
  if (waiting.length === 0) return [];
  frameUploader.retryNow();
  const ids = new Set(waiting.map((e) => e.episodeId));
  await waitForOutbox(
    outbox,
    async () => {
      const left = await outbox.listEpisodes(participantId);
      return !left.some((e) => ids.has(e.episodeId));
    },
    signal,
  );
  const rejected = await outbox.listRejected(participantId);
  return rejected.filter((r) => ids.has(r.episodeId)).map((r) => r.message);
}
