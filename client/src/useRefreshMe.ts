import { useCallback, useEffect, useState } from 'react';

import { fetchMe } from './api';
import { updateSessionFromMe } from './session';

/**
 * Refreshes the stored participant and study from `GET /api/participant/me` when the page
 * opens (consent state and texts may have changed since login). Pages render from the session
 * meanwhile; a 401 ends the session and the route guard returns to the login page.
 */
export function useRefreshMe(): { error: unknown; retry: () => void } {
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    fetchMe(controller.signal).then(
      (me) => updateSessionFromMe(me),
      (failure: unknown) => {
        if (!controller.signal.aborted) setError(failure);
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const retry = useCallback(() => {
    setError(null);
    setAttempt((n) => n + 1);
  }, []);

  return { error, retry };
}
