/** The screens between the games: lobby, countdown, the end (thanks or aborted), waiting. */
import { useEffect, useState, type ReactNode } from 'react';

import type { SessionView } from '../../../src/games/common/robotaxi-events';
import { CompletionCode } from '../components/CompletionCode';
import type { SessionRecording } from './useSessionRecording';
import { useSecondsUntil } from './useServerClock';
import { countdownHeading, OUTCOME_TEXT, teacherIdFor } from './texts';

/** Seconds on the thank-you page before it moves on to the study's redirect URL. */
export const REDIRECT_DELAY_S = 5;

export function LobbyView({ session, voice }: { session: SessionView; voice: ReactNode }) {
  if (session.role === 'teacher') {
    return (
      <section className="phase-screen" aria-labelledby="lobby-heading">
        <h1 id="lobby-heading">Getting ready</h1>
        <p
          className="status status--waiting"
          role="status"
          data-testid="lobby-status"
          data-partner-present={session.partnerPresent}
        >
          <span className="pulse" aria-hidden="true" />
          {session.partnerPresent
            ? 'The robot is ready. The session begins in a moment.'
            : 'Connecting to the robot…'}
        </p>
        <div className="phase-screen__voice">{voice}</div>
      </section>
    );
  }
  const teacherId = teacherIdFor(session.participantId);
  return (
    <section className="phase-screen" aria-labelledby="lobby-heading">
      <h1 id="lobby-heading">Waiting for the teacher</h1>
      <p
        className="status status--waiting"
        role="status"
        data-testid="lobby-status"
        data-partner-present={session.partnerPresent}
      >
        <span className="pulse" aria-hidden="true" />
        {session.partnerPresent
          ? `The teacher${teacherId ? ` (${teacherId})` : ''} is here. The session begins in a moment.`
          : `Waiting for the teacher${teacherId ? ` (${teacherId})` : ''}…`}
      </p>
      <p className="muted">
        Teacher connected: <strong>{session.partnerPresent ? 'yes' : 'not yet'}</strong>
      </p>
      <div className="phase-screen__voice">{voice}</div>
    </section>
  );
}

export function CountdownView({ session, voice }: { session: SessionView; voice: ReactNode }) {
  const seconds = useSecondsUntil(session.countdown?.endsAtMs);
  const next = session.countdown?.next ?? 'episode';
  return (
    <section className="phase-screen phase-screen--center" aria-labelledby="countdown-heading">
      {session.lastOutcome && (
        <p
          className={`outcome outcome--${session.lastOutcome}`}
          role="status"
          data-testid="outcome"
        >
          {OUTCOME_TEXT[session.lastOutcome]}
        </p>
      )}
      <h1 id="countdown-heading" className="countdown__heading" data-next={next}>
        {session.episodeId === null ? 'The game starts in' : countdownHeading(next, session.role)}
      </h1>
      <p className="countdown__seconds" data-testid="countdown-seconds" aria-live="off">
        {seconds ?? ''}
      </p>
      <p className="visually-hidden" role="status">
        {seconds !== null && seconds > 0 ? `${seconds} seconds` : ''}
      </p>
      <div className="phase-screen__voice">{voice}</div>
    </section>
  );
}

export function WaitingForEnd() {
  return (
    <section className="phase-screen" aria-label="Waiting">
      <p className="status status--waiting" role="status" data-testid="waiting-for-end">
        <span className="pulse" aria-hidden="true" />
        Thanks — waiting for the session to finish…
      </p>
    </section>
  );
}

export function CompleteView({
  session,
  recording,
}: {
  session: SessionView;
  recording: SessionRecording;
}) {
  const code = session.completion?.code ?? null;
  const redirectUrl = safeUrl(session.completion?.redirectUrl ?? null);
  // Move on only once the recording is safe on the server.
  const redirectIn = useRedirect(redirectUrl, recording.save === 'saved');
  return (
    <section className="phase-screen" aria-labelledby="complete-heading">
      <h1 id="complete-heading">Thank you!</h1>
      <p className="lead">The session is complete. Thank you for taking part.</p>
      {code && <CompletionCode code={code} />}
      <RecordingSave recording={recording} />
      {redirectUrl && (
        <div className="actions">
          <a href={redirectUrl} className="button" data-testid="completion-continue">
            Continue
          </a>
          {redirectIn !== null && (
            <p className="muted" role="status">
              Taking you there in {redirectIn} s…
            </p>
          )}
        </div>
      )}
    </section>
  );
}

export function AbortedView({
  session,
  recording,
}: {
  session: SessionView;
  recording: SessionRecording;
}) {
  return (
    <section className="phase-screen" aria-labelledby="aborted-heading">
      <h1 id="aborted-heading">The session has ended early.</h1>
      {session.abortReason && (
        <p className="lead" data-testid="abort-reason">
          {session.abortReason}
        </p>
      )}
      <RecordingSave recording={recording} />
      <p className="muted">You may close this window now, or ask the researcher what to do next.</p>
    </section>
  );
}

/** "Saving your recording… N chunks left", then "Your recording is saved." */
export function RecordingSave({ recording }: { recording: SessionRecording }) {
  const left = recording.status?.chunksPending ?? 0;
  switch (recording.save) {
    case 'recording':
      return null;
    case 'saving':
      return (
        <p
          className="status status--waiting"
          role="status"
          data-testid="recording-save"
          data-save="saving"
        >
          <span className="pulse" aria-hidden="true" />
          Saving your recording… {left} {left === 1 ? 'chunk' : 'chunks'} left. Please keep this
          page open.
        </p>
      );
    case 'saved':
      return (
        <p
          className="status status--ok"
          role="status"
          data-testid="recording-save"
          data-save="saved"
        >
          Your recording is saved.
        </p>
      );
    case 'failed':
      return (
        <div
          className="alert alert--error"
          role="alert"
          data-testid="recording-save"
          data-save="failed"
        >
          <p>Your recording could not be saved: {recording.error}</p>
          <button type="button" className="button button--secondary" onClick={recording.retry}>
            Try again
          </button>
        </div>
      );
  }
}

/** Counts down and then goes to `url`; seconds left, or null when not counting. */
function useRedirect(url: string | null, ready: boolean): number | null {
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    if (!url || !ready) return;
    const started = Date.now();
    setLeft(REDIRECT_DELAY_S);
    const timer = setInterval(() => {
      const remaining = REDIRECT_DELAY_S - Math.floor((Date.now() - started) / 1000);
      setLeft(Math.max(0, remaining));
      if (remaining <= 0) {
        clearInterval(timer);
        window.location.assign(url);
      }
    }, 250);
    return () => clearInterval(timer);
  }, [url, ready]);
  return url && ready ? left : null;
}

/** Only http(s) links are followed (never `javascript:` and the like). */
export function safeUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, window.location.href);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
