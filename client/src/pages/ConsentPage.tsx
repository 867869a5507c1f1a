import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate } from 'react-router-dom';

import { giveConsent } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Layout } from '../components/Layout';
import { TextBlock } from '../components/TextBlock';
import { describeError, type ErrorText } from '../errors';
import { updateParticipant, useSession } from '../session';
import { useRefreshMe } from '../useRefreshMe';

/** `/consent`: the study's consent text, a checkbox and "Continue". Skipped once consented. */
export function ConsentPage() {
  const session = useSession();
  const navigate = useNavigate();
  const refresh = useRefreshMe();
  const [agreed, setAgreed] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ErrorText | null>(null);

  if (!session) return null; // The route guard redirects.
  if (session.participant.consentedAt) return <Navigate to="/home" replace />;
  const { study } = session;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!agreed || submitting) return;
    setSubmitting(true);
    setError(null);
    try {
      const participant = await giveConsent();
      if (!participant.consentedAt) {
        setError({ message: 'Your consent was not recorded. Please try again.' });
        return;
      }
      updateParticipant(participant);
      void navigate('/home', { replace: true });
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Layout title="Consent" studyName={study.name}>
      <h1>Information and consent</h1>
      <p className="lead">Please read the following carefully before you take part.</p>

      {refresh.error !== null && (
        <ErrorAlert error={describeError(refresh.error)}>
          <button type="button" className="button button--secondary" onClick={refresh.retry}>
            Try again
          </button>
        </ErrorAlert>
      )}

      <section className="panel" aria-label="Consent information">
        {study.consentText.trim() ? (
          <TextBlock text={study.consentText} />
        ) : (
          <p className="muted">
            This study has no consent text. Ask the researcher before you continue.
          </p>
        )}
      </section>

      <form className="form" onSubmit={(event) => void onSubmit(event)} aria-busy={submitting}>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={agreed}
            onChange={(event) => setAgreed(event.target.checked)}
          />
          <span>I have read and agree to the above</span>
        </label>

        {error && <ErrorAlert error={error} />}

        <div className="actions">
          <button type="submit" className="button" disabled={!agreed || submitting}>
            Continue
          </button>
          <Link to="/declined" className="link">
            I do not agree
          </Link>
        </div>
      </form>
    </Layout>
  );
}
