import { useState } from 'react';
import { useNotify } from 'react-admin';

import type { SessionUpdate } from '../../../src/games/common/dashboard-events';
import { getErrorMessage } from '../dataProvider/apiError';
import { sessionAction } from './api';

/** Pause, resume and end of a live session, with notifications; the answer updates the list. */
export function useSessionActions(apply: (update: SessionUpdate) => void) {
  const notify = useNotify();
  const [pending, setPending] = useState<string | null>(null);

  const run = async (sessionId: string, done: string, fn: () => Promise<SessionUpdate>) => {
    setPending(sessionId);
    try {
      apply(await fn());
      notify(done, { type: 'info' });
    } catch (error) {
      notify(getErrorMessage(error), { type: 'error' });
    } finally {
      setPending(null);
    }
  };

  return {
    pending,
    pause: (sessionId: string) =>
      run(sessionId, 'Session paused', () => sessionAction(sessionId, 'pause', {})),
    resume: (sessionId: string) =>
      run(sessionId, 'Session resumed', () => sessionAction(sessionId, 'resume', {})),
    end: (sessionId: string, reason: string) =>
      run(sessionId, 'Session ended', () => sessionAction(sessionId, 'abort', { reason })),
  };
}
