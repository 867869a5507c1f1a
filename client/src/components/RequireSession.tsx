import type { ReactNode } from 'react';
import { Navigate } from 'react-router-dom';

import { loginPath, useSession } from '../session';

interface RequireSessionProps {
  /** Also require consent: participants who have not consented go to `/consent`. */
  consented?: boolean;
  children: ReactNode;
}

/** Route guard: without a login go to the login page (also after logout or a 401). */
export function RequireSession({ consented = false, children }: RequireSessionProps) {
  const session = useSession();
  if (!session) return <Navigate to={loginPath()} replace />;
  if (consented && !session.participant.consentedAt) return <Navigate to="/consent" replace />;
  return children;
}
