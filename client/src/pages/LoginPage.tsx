import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';

import { login, type ParticipantLoginResponse } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Layout } from '../components/Layout';
import { LoginForm } from '../components/LoginForm';
import { describeInviteError, type ErrorText } from '../errors';
import { getLoginNotice, nextPath, saveSession, useSession } from '../session';

/**
 * `/`: `?invite=<token>` logs in straight away; `?study=<slug>` names the study; without either
 * the participant types the study code. A tab that is already logged in (to the same study)
 * moves on to consent or home.
 */
export function LoginPage() {
  const [params] = useSearchParams();
  const invite = params.get('invite')?.trim() ?? '';
  const study = params.get('study')?.trim() ?? '';
  const session = useSession();

  if (session && !invite && (!study || study === session.study.slug)) {
    return <Navigate to={nextPath(session)} replace />;
  }
  // A new invite or study in the URL starts afresh.
  return <LoginScreen key={`${invite}\n${study}`} invite={invite} study={study} />;
}

function LoginScreen({ invite, study }: { invite: string; study: string }) {
  const navigate = useNavigate();
  const [inviteError, setInviteError] = useState<ErrorText | null>(null);
  const notice = getLoginNotice();

  useEffect(() => {
    if (!invite) return;
    let active = true;
    loginWithInvite(invite).then(
      (response) => {
        if (!active) return;
        saveSession(response);
        // `replace` also drops the invite token from the browser history.
        void navigate(nextPath(response), { replace: true });
      },
      (error: unknown) => {
        if (active) setInviteError(describeInviteError(error));
      },
    );
    return () => {
      active = false;
    };
  }, [invite, navigate]);

  const waitingForInvite = Boolean(invite) && !inviteError;
  return (
    <Layout title="Log in">
      {notice && !waitingForInvite && (
        <div className="alert alert--info" role="status">
          <p>{notice}</p>
        </div>
      )}
      {waitingForInvite ? (
        <>
          <h1>Participant login</h1>
          <p className="status" role="status">
            <span className="pulse" aria-hidden="true" />
            Logging you in with your invite link…
          </p>
        </>
      ) : (
        <>
          {inviteError && <ErrorAlert error={inviteError} />}
          <LoginForm initialStudy={study} />
        </>
      )}
    </Layout>
  );
}

// One request per invite token even when React runs the effect twice (StrictMode) or the page
// re-renders while it is in flight.
const inviteLogins = new Map<string, Promise<ParticipantLoginResponse>>();

function loginWithInvite(invite: string): Promise<ParticipantLoginResponse> {
  let pending = inviteLogins.get(invite);
  if (!pending) {
    pending = login({ invite });
    inviteLogins.set(invite, pending);
    const forget = () => inviteLogins.delete(invite);
    pending.then(forget, forget);
  }
  return pending;
}
