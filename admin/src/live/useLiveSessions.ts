import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';

import type { SessionUpdate } from '../../../src/games/common/dashboard-events';
import { useRealtimeConnect, useSessionUpdates, useStudySubscriptions } from '../realtime';
import { fetchLiveSessions, LIVE_SESSIONS } from './api';
import { fromSnapshot, type LiveList, mergeUpdate, pruneEnded } from './liveSessions';

const TICK_MS = 1_000;

export interface LiveSessions {
  list: LiveList | undefined;
  error: unknown;
  isPending: boolean;
  /** Server time now (ms), ticking every second for the "3 s ago" texts. */
  nowMs: number;
  /** Puts the status an action answered into the list. */
  apply: (update: SessionUpdate) => void;
}

/**
 * The open sessions of a study (null: all the researcher may see): the snapshot at once, then
 * every `session:update` merged in; refetched after a reconnect (pushes are not replayed).
 */
export function useLiveSessions(studyId: string | null): LiveSessions {
  const queryClient = useQueryClient();
  const queryKey = [LIVE_SESSIONS, studyId];
  const query = useQuery({
    queryKey,
    queryFn: async () => fromSnapshot(await fetchLiveSessions(studyId), Date.now()),
  });

  const apply = useCallback(
    (update: SessionUpdate) =>
      queryClient.setQueryData<LiveList>([LIVE_SESSIONS, studyId], (list) =>
        list ? mergeUpdate(list, update, studyId, Date.now()) : list,
      ),
    [queryClient, studyId],
  );
  useSessionUpdates(apply);
  useRealtimeConnect(() => void queryClient.invalidateQueries({ queryKey: [LIVE_SESSIONS] }));
  useStudySubscriptions([studyId]);

  const [localNow, setLocalNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setLocalNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  const list = query.data;
  const nowMs = localNow + (list?.clockOffsetMs ?? 0);
  return {
    list: list ? pruneEnded(list, nowMs) : undefined,
    error: query.error,
    isPending: query.isPending,
    nowMs,
    apply,
  };
}
