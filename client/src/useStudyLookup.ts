import { useCallback, useEffect, useState } from 'react';

import { ApiRequestError, fetchPublicStudy, type PublicStudy } from './api';

export type StudyLookup =
  | { status: 'idle' }
  | { status: 'loading'; slug: string }
  | { status: 'found'; slug: string; study: PublicStudy }
  | { status: 'unknown'; slug: string }
  | { status: 'error'; slug: string; error: unknown };

type Settled = Exclude<StudyLookup, { status: 'idle' } | { status: 'loading' }>;

/**
 * Looks up `GET /api/participant/study/<slug>` for the slug given, `delayMs` after it last
 * changed (so typing a study code does not send one request a keystroke).
 */
export function useStudyLookup(
  slug: string,
  delayMs: number,
): { lookup: StudyLookup; retry: () => void } {
  const [settled, setSettled] = useState<Settled | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!slug) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      fetchPublicStudy(slug, controller.signal).then(
        (study) => setSettled({ status: 'found', slug, study }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const unknown =
            error instanceof ApiRequestError && (error.status === 404 || error.status === 400);
          setSettled(unknown ? { status: 'unknown', slug } : { status: 'error', slug, error });
        },
      );
    }, delayMs);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [slug, delayMs, attempt]);

  const retry = useCallback(() => {
    setSettled(null);
    setAttempt((n) => n + 1);
  }, []);

  let lookup: StudyLookup;
  if (!slug) lookup = { status: 'idle' };
  else if (settled?.slug === slug) lookup = settled;
  else lookup = { status: 'loading', slug };
  return { lookup, retry };
}
