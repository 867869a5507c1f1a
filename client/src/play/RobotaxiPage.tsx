/**
 * `/play`: the Wizard-of-Oz RoboTaxi session for a teacher or a wizard. First the mic check (once
 * per tab), then the microphone opens, the page connects to the gateway and follows the session.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';

import { ErrorAlert } from '../components/ErrorAlert';
import { MicCheck } from '../recorder';
import { useSession, type ParticipantSession } from '../session';
import { checkedDevice, forgetMicCheck, micChecked, rememberMicCheck } from './mic-check-store';
import { PlayFrame } from './PlayFrame';
import { PlaySession } from './PlaySession';
import { usePlayMic } from './usePlayMic';
import './play.css';

export function RobotaxiPage() {
  const session = useSession();
  const [checked, setChecked] = useState(micChecked);

  if (!session) return null; // The route guard redirects.
  const { study, participant } = session;
  const studyName = study.name;

  if (study.kind !== 'woz-robotaxi' || participant.role === 'demonstrator') {
    return (
      <PlayFrame title="Not available" studyName={studyName} phase="unavailable">
        <h1>Nothing to play here</h1>
        <p>This page is for the teachers and wizards of a RoboTaxi study.</p>
        <Link to="/home" className="button button--secondary">
          Back
        </Link>
      </PlayFrame>
    );
  }

  if (!checked) {
    return (
      <MicCheckStep
        session={session}
        onDone={(deviceId) => {
          rememberMicCheck(deviceId);
          setChecked(true);
        }}
      />
    );
  }
  return (
    <MicGate
      session={session}
      onCheckAgain={() => {
        forgetMicCheck();
        setChecked(false);
      }}
    />
  );
}

/** Step 1: the mic check, then "Continue". */
function MicCheckStep({
  session,
  onDone,
}: {
  session: ParticipantSession;
  onDone: (deviceId: string | undefined) => void;
}) {
  const [ready, setReady] = useState<boolean | null>(null);
  const [deviceId, setDeviceId] = useState(checkedDevice);
  return (
    <PlayFrame title="Microphone check" studyName={session.study.name} phase="mic-check">
      <h1>Check your microphone</h1>
      <p className="lead">
        {session.participant.role === 'teacher'
          ? 'You will talk to the robot, so it needs to hear you. Say a few words in your normal voice: the bar should move while you speak.'
          : 'Say a few words in your normal voice: the bar should move while you speak.'}
      </p>
      <MicCheck
        onReady={setReady}
        onDeviceChange={setDeviceId}
        deviceId={deviceId}
        processing={session.study.recording}
      />
      <div className="actions actions--end">
        <Link to="/home" className="link">
          Back
        </Link>
        <button
          type="button"
          className="button"
          disabled={ready !== true}
          onClick={() => onDone(deviceId)}
        >
          Continue
        </button>
      </div>
    </PlayFrame>
  );
}

/** Step 2: open the microphone; the session runs once it is open. */
function MicGate({
  session,
  onCheckAgain,
}: {
  session: ParticipantSession;
  onCheckAgain: () => void;
}) {
  const [attempt, setAttempt] = useState(0);
  const mic = usePlayMic(session.study.recording, checkedDevice(), attempt);

  if (mic.state === 'open') return <PlaySession session={session} mic={mic.mic} />;
  return (
    <PlayFrame title="Microphone" studyName={session.study.name} phase="connecting">
      {mic.state === 'opening' ? (
        <p className="status" role="status">
          <span className="pulse" aria-hidden="true" />
          Opening the microphone… If the browser asks, choose “Allow”.
        </p>
      ) : (
        <>
          <h1>The microphone could not be opened</h1>
          <ErrorAlert error={{ message: mic.error.message }}>
            <div className="actions">
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setAttempt((n) => n + 1)}
              >
                Try again
              </button>
              <button type="button" className="button button--secondary" onClick={onCheckAgain}>
                Check the microphone again
              </button>
            </div>
          </ErrorAlert>
        </>
      )}
    </PlayFrame>
  );
}
