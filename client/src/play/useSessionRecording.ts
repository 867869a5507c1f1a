/**
 * One track of a session's recording (the participant's mic, or the game's sound): ONE recorder
 * started once the session is known (resuming the same track after a reload), kept through the
 * whole session, finalized when the session is over (complete or aborted).
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import type { TrackKind } from '../../../src/games/common/recording';
import {
  currentIdentity,
  pageOutbox,
  Recorder,
  RecorderError,
  useRecorderStatus,
  type RecorderStatus,
} from '../recorder';

/** After a finalize that timed out waiting for uploads (the chunks stay queued): try again. */
const FINALIZE_RETRY_MS = 2_000;

export type SaveState = 'recording' | 'saving' | 'saved' | 'failed';

export interface SessionRecording {
  /** The running recorder (null before it started, or when there is nothing to record). */
  recorder: Recorder | null;
  status: RecorderStatus | null;
  /** 'saving' while finalizing, 'saved' once the server has the whole track. */
  save: SaveState;
  /** A start or finalize problem, in words. */
  error: string | null;
  /** Start again after a failure (a new segment of the same track), or retry the finalize. */
  retry: () => void;
}

interface RecordingOptions {
  /** The microphone's stream, or a node of a live AudioContext; null: nothing to record yet. */
  source: MediaStream | AudioNode | null;
  /** Default 'mic'. */
  kind?: TrackKind;
  /** Null until the session is known. */
  sessionId: string | null;
  /** Names the track (e.g. 'teacher mic'); a reload resumes the track with the same label. */
  label: string;
  /** The session is over: finalize the recording. */
  ended: boolean;
}

interface Entry {
  key: string;
  source: MediaStream | AudioNode;
  promise: Promise<Recorder | null>;
  stopTimer?: ReturnType<typeof setTimeout>;
}

export function useSessionRecording({
  source,
  kind = 'mic',
  sessionId,
  label,
  ended,
}: RecordingOptions): SessionRecording {
  const [recorder, setRecorder] = useState<Recorder | null>(null);
  const [nothingToSave, setNothingToSave] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [finalizeAttempt, setFinalizeAttempt] = useState(0);
  const [save, setSave] = useState<SaveState>('recording');
  const entryRef = useRef<Entry | null>(null);
  // Read when a recorder starts, not a dependency: the session ending must not restart it.
  const endedRef = useRef(ended);
  useEffect(() => {
    endedRef.current = ended;
  });
  const status = useRecorderStatus(recorder);

  useEffect(() => {
    if (!sessionId || !source) return;
    const key = `${kind}\n${sessionId}\n${label}\n${attempt}`;
    let entry = entryRef.current;
    if (entry && entry.key === key && entry.source === source) {
      // The same recording (React re-ran the effect, e.g. StrictMode): keep it running.
      clearTimeout(entry.stopTimer);
    } else {
      if (entry) stopEntry(entry);
      const started = startRecording(source, kind, sessionId, label, endedRef.current);
      const created: Entry = { key, source, promise: started };
      entry = created;
      entryRef.current = created;
      setError(null);
      started.then(
        (value) => {
          if (entryRef.current !== created) return;
          setRecorder(value);
          setNothingToSave(value === null);
        },
        (failure: unknown) => {
          if (entryRef.current === created) setError(describe(failure));
        },
      );
    }
    const mine = entry;
    return () => {
      // Stop on the next tick unless the effect runs again for the same recording.
      mine.stopTimer = setTimeout(() => {
        if (entryRef.current === mine) entryRef.current = null;
        stopEntry(mine);
      }, 0);
    };
  }, [source, kind, sessionId, label, attempt]);

  useEffect(() => {
    if (!ended) return;
    if (nothingToSave) {
      setSave('saved');
      return;
    }
    if (!recorder) return;
    let cancelled = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    setSave('saving');
    finalizeOnce(recorder).then(
      () => {
        if (!cancelled) setSave('saved');
      },
      (failure: unknown) => {
        if (cancelled) return;
        if (failure instanceof RecorderError && failure.code === 'upload-timeout') {
          // Still uploading (slow or interrupted network): keep waiting.
          retryTimer = setTimeout(() => setFinalizeAttempt((n) => n + 1), FINALIZE_RETRY_MS);
          return;
        }
        setError(describe(failure));
        setSave('failed');
      },
    );
    return () => {
      cancelled = true;
      clearTimeout(retryTimer);
    };
  }, [ended, recorder, nothingToSave, finalizeAttempt]);

  const retry = useCallback(() => {
    setError(null);
    if (ended && recorder) {
      setFinalizeAttempt((n) => n + 1);
    } else {
      setRecorder(null);
      setAttempt((n) => n + 1);
    }
  }, [ended, recorder]);

  let shown: SaveState = 'recording';
  if (ended) {
    if (save === 'recording') shown = error !== null && !recorder ? 'failed' : 'saving';
    else shown = save;
  }
  return { recorder, status, save: shown, error: error ?? status?.error ?? null, retry };
}

/**
 * Starts (or resumes) the session's track of this kind and label. When the session was already
 * over at the first look (a reload on the thank-you page), only a track this browser still holds
 * is resumed (to finalize it); there is nothing new to record: null.
 */
async function startRecording(
  source: MediaStream | AudioNode,
  kind: TrackKind,
  sessionId: string,
  label: string,
  ended: boolean,
): Promise<Recorder | null> {
  if (ended) {
    const who = currentIdentity();
    if (!who) return null;
    const tracks = await (await pageOutbox()).listTracks(who.participantId);
    const unfinished = tracks.some(
      (track) =>
        !track.rejected &&
        track.request.kind === kind &&
        track.request.sessionId === sessionId &&
        track.request.label === label,
    );
    if (!unfinished) return null;
  }
  return Recorder.start({ kind, source, sessionId, label, resume: true });
}

// One finalize at a time per recorder (React may run the effect twice); a failed one may be retried.
const finalizing = new WeakMap<Recorder, Promise<unknown>>();

function finalizeOnce(recorder: Recorder): Promise<unknown> {
  let pending = finalizing.get(recorder);
  if (!pending) {
    pending = recorder.finalize();
    finalizing.set(recorder, pending);
    pending.catch(() => finalizing.delete(recorder));
  }
  return pending;
}

function stopEntry(entry: Entry): void {
  clearTimeout(entry.stopTimer);
  void entry.promise.then((recorder) => recorder?.stop()).catch(() => undefined);
}

function describe(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}
