/**
 * `finishing`: the recordings are finalized (their uploads awaited), the frame outbox is emptied,
 * then `POST /api/atari/session/complete {trackIds}`; while the server answers 409 (something has
 * not arrived yet) the progress is shown and the call retried every 2 s.
 */
import { useEffect, useState } from 'react';

import type { AtariSessionView } from '../../../src/games/common/atari-session';
import { ApiRequestError } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { describeError } from '../errors';
import type { SessionRecording } from '../play/useSessionRecording';
import { completeSession } from './atari-api';
import { pageFrameOutbox, useFrameUploadStatus } from './page-frames';

const COMPLETE_RETRY_MS = 2_000;

export function FinishingView({
  participantId,
  sessionId,
  mic,
  game,
  onComplete,
}: {
  participantId: string;
  sessionId: string | null;
  mic: SessionRecording;
  game: SessionRecording;
  onComplete: (view: AtariSessionView) => void;
}) {
  const frames = useFrameUploadStatus();
  const [attempt, setAttempt] = useState(0);
  const [waitingFor, setWaitingFor] = useState<string[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const recordingsSaved = mic.save === 'saved' && game.save === 'saved';
  const framesSaved = frames.participantId !== null && frames.idle;
  const ready = recordingsSaved && framesSaved && sessionId !== null;

  useEffect(() => {
    if (!ready || !sessionId) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        const trackIds = await (await pageFrameOutbox()).sessionTracks(participantId, sessionId);
        const view = await completeSession({ trackIds });
        if (!cancelled) onComplete(view);
      } catch (error) {
        if (cancelled) return;
        if (error instanceof ApiRequestError && error.status === 409) {
          const reasons = error.errors.map((e) => e.reason);
          setWaitingFor(reasons.length > 0 ? reasons : [error.message]);
          timer = setTimeout(() => setAttempt((n) => n + 1), COMPLETE_RETRY_MS);
          return;
        }
        setFailure(error);
      }
    };
    void run();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [ready, sessionId, participantId, attempt, onComplete]);

  const retry = () => {
    setFailure(null);
    setAttempt((n) => n + 1);
  };

  return (
    <section className="atari-step" aria-labelledby="finishing-heading">
      <h1 id="finishing-heading">Saving your session</h1>
      <p className="lead">Please keep this page open until everything is saved.</p>
      <div
        className="upload-progress"
        data-testid="upload-progress"
        data-frames-pending={frames.batchesPending}
        data-ends-pending={frames.endsPending}
        role="status"
      >
        <ul>
          <li>
            Game log:{' '}
            {framesSaved
              ? 'saved'
              : `${frames.batchesPending} ${frames.batchesPending === 1 ? 'second' : 'seconds'} of play left to upload` +
                (frames.endsPending > 0 ? `, ${frames.endsPending} game(s) to close` : '')}
          </li>
          <li>Your voice: {recordingText(mic)}</li>
          <li>Game sound: {recordingText(game)}</li>
          {ready && waitingFor.length > 0 && (
            <li>Waiting for the server to receive everything: {waitingFor.join('; ')}</li>
          )}
        </ul>
        {frames.lastError && !framesSaved && (
          <p className="muted">Retrying the game log: {frames.lastError}</p>
        )}
      </div>
      <RecordingProblem name="Your voice" recording={mic} />
      <RecordingProblem name="The game sound" recording={game} />
      {failure !== null && (
        <ErrorAlert error={describeError(failure)}>
          <button type="button" className="button button--secondary" onClick={retry}>
            Try again
          </button>
        </ErrorAlert>
      )}
    </section>
  );
}

function recordingText(recording: SessionRecording): string {
  const left = recording.status?.chunksPending ?? 0;
  switch (recording.save) {
    case 'saved':
      return 'saved';
    case 'failed':
      return 'not saved';
    case 'recording':
    case 'saving':
      return left > 0 ? `${left} ${left === 1 ? 'second' : 'seconds'} left to upload` : 'saving…';
  }
}

function RecordingProblem({ name, recording }: { name: string; recording: SessionRecording }) {
  if (recording.save !== 'failed') return null;
  return (
    <ErrorAlert
      error={{ message: `${name} could not be saved: ${recording.error ?? 'unknown problem'}` }}
    >
      <button type="button" className="button button--secondary" onClick={recording.retry}>
        Try again
      </button>
    </ErrorAlert>
  );
}
