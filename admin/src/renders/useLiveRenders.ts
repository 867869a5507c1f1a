import { useQueryClient } from '@tanstack/react-query';

import { useRefetchSoon } from '../common/useRefetchSoon';
import { useRealtimeConnect, useRenderUpdates, useStudySubscriptions } from '../realtime';
import { patchRenderCache } from './liveCache';
import { RENDERS } from './types';

/** Refetches are grouped: a burst of status changes (a bulk render) costs one refetch. */
const REFETCH_DELAY_MS = 300;

/**
 * Keeps every cached `renders` query (lists, records) current from the pushed `render:update`
 * events: progress is written into the cache in place (no request); a status change, a render
 * the cache does not hold yet (just queued, maybe from another tab) or a reconnect refetches the
 * active queries, as the event does not carry everything (file size, duration, times).
 * `studyIds`: studies whose events this page needs (one created after the connection opened).
 */
export function useLiveRenders(studyIds: readonly (string | null | undefined)[] = []): void {
  const queryClient = useQueryClient();
  const refetchSoon = useRefetchSoon([RENDERS], REFETCH_DELAY_MS);

  useRenderUpdates((update) => {
    let found = false;
    let statusChanged = false;
    queryClient.setQueriesData({ queryKey: [RENDERS] }, (cached: unknown) => {
      if (cached === undefined) return cached;
      const patch = patchRenderCache(cached, update);
      found ||= patch.found;
      statusChanged ||= patch.statusChanged;
      return patch.data;
    });
    if (statusChanged || (!found && update.status === 'queued')) refetchSoon();
  });
  useRealtimeConnect(refetchSoon);
  useStudySubscriptions(studyIds);
}
