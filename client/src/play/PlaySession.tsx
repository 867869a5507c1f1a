/**
 * A running session, once the microphone is open: the connection, the one recording of this
 * participant's mic, the voice link, and the screen for the session's phase.
 */
import { useEffect, useState, type ReactNode } from 'react';

import type { Ack, SessionPhase, SessionView } from '../../../src/games/common/robotaxi-events';
import { closeMic, type OpenMic } from '../recorder';
import { expireSession, type ParticipantSession } from '../session';
import { useVoiceLink } from '../voice/useVoiceLink';
import { VoiceIndicator } from '../voice/VoiceIndicator';
import { DebriefForm } from './DebriefForm';
import { FeedbackBoard } from './FeedbackBoard';
import { AbortedView, CompleteView, CountdownView, LobbyView, WaitingForEnd } from './PhaseViews';
import { PlayFrame } from './PlayFrame';
import { PlayingView } from './PlayingView';
import { useLevelReport } from './useLevelReport';
import { useRobotaxiSession, type RobotaxiSession } from './useRobotaxiSession';
import { useSessionRecording, type SessionRecording } from './useSessionRecording';

const TITLES: Record<SessionPhase, string> = {
  lobby: 'Getting ready',
  countdown: 'Get ready',
  playing: 'Playing',
  paused: 'Paused',
  feedback: 'Feedback',
  complete: 'Thank you',
  aborted: 'Session ended',
};

export function PlaySession({ session, mic }: { session: ParticipantSession; mic: OpenMic }) {
  const live = useRobotaxiSession(session.participant.id);
  const view = live.session;
  const role = view?.role ?? (session.participant.role === 'teacher' ? 'teacher' : 'wizard');
  const phase = view?.phase ?? null;
  const ended = phase === 'complete' || phase === 'aborted';
  const recording = useSessionRecording({
    source: mic.stream,
    sessionId: view?.sessionId ?? null,
    label: role === 'teacher' ? 'teacher mic' : 'wizard mic',
    ended,
  });
  // The researchers' live view shows how loud each speaker is.
  useLevelReport(live.socket, recording.recorder, !ended);
  // Once the session is over and the recording stopped, let go of the microphone.
  const micDone = ended && recording.save !== 'recording' && recording.save !== 'saving';
  useEffect(() => {
    if (micDone) closeMic(mic);
  }, [micDone, mic]);
  const voice = useVoiceLink({ socket: live.socket, session: view, localStream: mic.stream });
  const indicator = (
    // The teacher's indicator has no remote meter: the teacher must not learn of a listener.
    <div className="voice-slot">
      <VoiceIndicator
        state={voice.state}
        localStream={mic.stream}
        remoteStream={role === 'teacher' ? null : voice.remoteStream}
        label={role === 'teacher' ? 'Microphone' : "Teacher's voice"}
        remoteCaption={role === 'teacher' ? null : 'Teacher'}
      />
    </div>
  );

  const wide =
    phase === 'playing' || phase === 'paused' || (phase === 'feedback' && role === 'wizard');
  return (
    <PlayFrame
      title={phase ? TITLES[phase] : 'Connecting'}
      studyName={session.study.name}
      phase={phase ?? 'connecting'}
      role={role}
      wide={wide}
    >
      {!ended && <ConnectionBanner live={live} />}
      {!ended && <RecordingProblems recording={recording} role={role} />}
      {view ? (
        <PhaseScreen live={live} view={view} recording={recording} voice={indicator} />
      ) : (
        live.connection !== 'failed' && (
          <p className="status status--waiting" role="status">
            <span className="pulse" aria-hidden="true" />
            Connecting to the study server…
          </p>
        )
      )}
    </PlayFrame>
  );
}

interface PhaseScreenProps {
  live: RobotaxiSession;
  view: SessionView;
  recording: SessionRecording;
  voice: ReactNode;
}

function PhaseScreen({ live, view, recording, voice }: PhaseScreenProps) {
  const [submitted, setSubmitted] = useState(false);
  const afterSubmit = (answer: Ack): Ack => {
    if (answer.ok) setSubmitted(true);
    return answer;
  };

  switch (view.phase) {
    case 'lobby':
      return <LobbyView session={view} voice={voice} />;
    case 'countdown':
      return <CountdownView session={view} voice={voice} />;
    case 'playing':
    case 'paused':
      return (
        <PlayingView
          session={view}
          frame={live.frame}
          sendKey={live.sendKey}
          reportRendered={live.reportRendered}
          voice={voice}
        />
      );
    case 'feedback':
      if (view.feedbackDone || submitted) return <WaitingForEnd />;
      if (view.role === 'teacher') {
        return (
          <DebriefForm
            questions={view.debriefQuestions}
            onSubmit={async (payload) => afterSubmit(await live.submitTeacherDebrief(payload))}
          />
        );
      }
      if (!live.feedbackBoard) {
        return (
          <p className="status" role="status">
            <span className="pulse" aria-hidden="true" />
            Loading the map…
          </p>
        );
      }
      return (
        <FeedbackBoard
          board={live.feedbackBoard}
          onSubmit={async (payload) => afterSubmit(await live.submitWizardFeedback(payload))}
        />
      );
    case 'complete':
      return <CompleteView session={view} recording={recording} />;
    case 'aborted':
      return <AbortedView session={view} recording={recording} />;
  }
}

/** "Connection lost — reconnecting…", or why the server refused us and what to do. */
function ConnectionBanner({ live }: { live: RobotaxiSession }) {
  if (live.connection === 'reconnecting') {
    return (
      <p className="connection-banner" role="status" data-testid="connection-banner">
        <span className="pulse" aria-hidden="true" />
        Connection lost — reconnecting…
      </p>
    );
  }
  if (live.connection === 'failed') {
    const error = live.error ?? {
      message: 'The connection to the study server failed.',
      auth: false,
    };
    return (
      <div className="alert alert--error" role="alert" data-testid="connection-error">
        <p>{error.message}</p>
        {error.auth ? (
          <button type="button" className="button" onClick={() => expireSession()}>
            Log in again
          </button>
        ) : (
          <button type="button" className="button button--secondary" onClick={live.reconnect}>
            Try again
          </button>
        )}
      </div>
    );
  }
  if (live.connection === 'connected' && !live.joined && live.error) {
    return (
      <div className="alert alert--warning" role="status" data-testid="join-error">
        <p>Could not join the session yet: {live.error.message} Trying again…</p>
      </div>
    );
  }
  return null;
}

/** The recording needs a click (the browser holds audio until one), or has stopped. */
function RecordingProblems({
  recording,
  role,
}: {
  recording: SessionRecording;
  role: 'teacher' | 'wizard';
}) {
  const { status, error } = recording;
  if (status?.audioState === 'suspended' && status.state === 'recording') {
    return (
      <div className="alert alert--warning" role="alert" data-testid="audio-suspended">
        <p>The browser is holding the microphone until you click on the page.</p>
        {/* Any click resumes the audio (the recorder listens for it); this one is the obvious one. */}
        <button type="button" className="button">
          {role === 'teacher' ? 'Turn on the microphone' : 'Start recording'}
        </button>
      </div>
    );
  }
  if (error && recording.save === 'recording') {
    const stopped = !status || status.state === 'error';
    return (
      <div className="alert alert--warning" role="alert" data-testid="recording-problem">
        <p>Recording problem: {error}</p>
        {stopped && (
          <button type="button" className="button button--secondary" onClick={recording.retry}>
            Restart recording
          </button>
        )}
      </div>
    );
  }
  return null;
}
