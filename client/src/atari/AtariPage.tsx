/**
 * `/atari`: the demonstrator's Atari session (flow 4). Loads the server's view of the session
 * (ending the games a previous page left running), then the mic check (again after a reload:
 * the recording needs the stream), then opens the microphone and runs the flow from the step
 * the view says (`AtariFlow`). Reload-safe: nothing but the server and IndexedDB is trusted.
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';

import { ErrorAlert } from '../components/ErrorAlert';
import { Layout } from '../components/Layout';
import { describeError } from '../errors';
import { usePlayMic } from '../play/usePlayMic';
import { useSession, type ParticipantSession } from '../session';
import { AtariFlow } from './AtariFlow';
import { AtariFrame } from './AtariFrame';
import { GameAudio } from './game-audio';
import { MicCheckStep, MicHelp, MicOpening } from './MicSteps';
import { loadAtariSession, type LoadedSession } from './session-load';
import { AbortedView, CompleteView } from './StepViews';
import './atari.css';

export function AtariPage() {
  const session = useSession();
  if (!session) return null; // The route guard redirects.
  const { study, participant } = session;
  if (study.kind !== 'atari-demo' || participant.role !== 'demonstrator') {
    return (
      <Layout title="Not available" studyName={study.name}>
        <h1>Nothing to play here</h1>
        <p>This page is for the demonstrators of an Atari study.</p>
        <Link to="/home" className="button button--secondary">
          Back
        </Link>
      </Layout>
    );
  }
  return <AtariSessionPage session={session} />;
}

type Load =
  | { state: 'loading'; message: string | null }
  | { state: 'ready'; loaded: LoadedSession }
  | { state: 'failed'; error: unknown };

function AtariSessionPage({ session }: { session: ParticipantSession }) {
  const participantId = session.participant.id;
  const studyName = session.study.name;
  const [attempt, setAttempt] = useState(0);
  const [load, setLoad] = useState<Load>({ state: 'loading', message: null });
  const [checked, setChecked] = useState<{ deviceId: string | undefined } | null>(null);
  const [audio, setAudio] = useState<GameAudio | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    setLoad({ state: 'loading', message: null });
    loadAtariSession(participantId, abort.signal, (message) => {
      if (!abort.signal.aborted) setLoad({ state: 'loading', message });
    }).then(
      (loaded) => {
        if (!abort.signal.aborted) setLoad({ state: 'ready', loaded });
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setLoad({ state: 'failed', error });
      },
    );
    return () => abort.abort();
  }, [participantId, attempt]);

  useEffect(() => () => audio?.close(), [audio]);

  if (load.state !== 'ready') {
    return (
      <AtariFrame step="loading" studyName={studyName}>
        {load.state === 'loading' ? (
          <p className="status status--waiting" role="status">
            <span className="pulse" aria-hidden="true" />
            {load.message ?? 'Loading your session…'}
          </p>
        ) : (
          <ErrorAlert error={describeError(load.error)}>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setAttempt((n) => n + 1)}
            >
              Try again
            </button>
          </ErrorAlert>
        )}
      </AtariFrame>
    );
  }

  const { view, gameSampleRate } = load.loaded;
  if (view.status === 'completed') {
    return (
      <AtariFrame step="complete" studyName={studyName}>
        <CompleteView completion={view.completion} />
      </AtariFrame>
    );
  }
  if (view.status === 'aborted') {
    return (
      <AtariFrame step="aborted" studyName={studyName}>
        <AbortedView />
      </AtariFrame>
    );
  }
  if (!checked || !audio) {
    return (
      <MicCheckStep
        studyName={studyName}
        micHelpText={view.settings.micHelpText}
        processing={session.study.recording}
        onDone={(deviceId) => {
          // In the click: the game's sound may start (and be recorded) from here on.
          const created = audio ?? GameAudio.create(gameSampleRate);
          created.resume();
          setAudio(created);
          setChecked({ deviceId });
        }}
      />
    );
  }
  // Refused ends of earlier games are shown by the flow (RejectedFramesAlert).
  return (
    <MicGate session={session} loaded={load.loaded} deviceId={checked.deviceId} audio={audio} />
  );
}

/** Opens the microphone for the recording; the flow runs once it is open. */
function MicGate({
  session,
  loaded,
  deviceId,
  audio,
}: {
  session: ParticipantSession;
  loaded: LoadedSession;
  deviceId: string | undefined;
  audio: GameAudio;
}) {
  const [attempt, setAttempt] = useState(0);
  const mic = usePlayMic(session.study.recording, deviceId, attempt);
  const studyName = session.study.name;
  switch (mic.state) {
    case 'opening':
      return <MicOpening studyName={studyName} />;
    case 'failed':
      return (
        <MicHelp
          studyName={studyName}
          micHelpText={loaded.view.settings.micHelpText}
          error={mic.error}
          onRetry={() => setAttempt((n) => n + 1)}
        />
      );
    case 'open':
      return <AtariFlow session={session} view={loaded.view} mic={mic.mic} audio={audio} />;
  }
}
