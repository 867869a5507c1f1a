import { Link } from 'react-router-dom';

import type { ParticipantRole } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Layout } from '../components/Layout';
import { TextBlock } from '../components/TextBlock';
import { describeError } from '../errors';
import { clearSession, useSession } from '../session';
import { useRefreshMe } from '../useRefreshMe';

const ROLE_TEXT: Record<ParticipantRole, string> = {
  teacher: 'You are a teacher',
  wizard: 'You are a wizard',
  demonstrator: 'You are a demonstrator',
};

// The teacher is not told about a human partner: in a Wizard-of-Oz study that is the point.
const WAITING_TEXT: Record<ParticipantRole, string> = {
  teacher: 'The session will start when the researcher is ready.',
  wizard: 'The session will start when your partner and the researcher are ready.',
  demonstrator: 'The session will start when the researcher is ready.',
};

/** `/home`: the landing page after consent (later replaced by the lobby and the game). */
export function HomePage() {
  const session = useSession();
  const refresh = useRefreshMe();

  if (!session) return null; // The route guard redirects.
  const { participant, study } = session;
  // Teachers and wizards of a RoboTaxi study, and demonstrators of an Atari study, start their
  // session from here.
  const playPath =
    study.kind === 'woz-robotaxi' &&
    (participant.role === 'teacher' || participant.role === 'wizard')
      ? '/play'
      : study.kind === 'atari-demo' && participant.role === 'demonstrator'
        ? '/atari'
        : null;
  const canPlay = playPath !== null;

  return (
    <Layout title="Welcome" studyName={study.name}>
      <h1>Welcome, {participant.participantId}</h1>
      <p className="role">{ROLE_TEXT[participant.role]}</p>

      {refresh.error !== null && (
        <ErrorAlert error={describeError(refresh.error)}>
          <button type="button" className="button button--secondary" onClick={refresh.retry}>
            Try again
          </button>
        </ErrorAlert>
      )}

      {study.instructions.trim() && (
        <section className="panel" aria-labelledby="instructions-heading">
          <h2 id="instructions-heading">Instructions</h2>
          <TextBlock text={study.instructions} />
        </section>
      )}

      {canPlay ? (
        <p className="status status--waiting" role="status">
          Press “Start” when you are ready.
        </p>
      ) : (
        <p className="status status--waiting" role="status">
          <span className="pulse" aria-hidden="true" />
          {WAITING_TEXT[participant.role]}
        </p>
      )}

      <div className="actions actions--end">
        {playPath && (
          <Link to={playPath} className="button">
            Start
          </Link>
        )}
        <Link to="/mic-check" className="button button--secondary">
          Check your microphone
        </Link>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => clearSession('You have logged out.')}
        >
          Log out
        </button>
      </div>
    </Layout>
  );
}
