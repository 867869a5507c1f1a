import { useQuery } from '@tanstack/react-query';

import type { DashboardStats } from '../../../src/games/common/dashboard-events';
import { useRefetchSoon } from '../common/useRefetchSoon';
import { API_URL } from '../dataProvider';
import { httpClient } from '../dataProvider/httpClient';
import {
  useRealtimeConnect,
  useRenderUpdates,
  useSessionUpdates,
  useStudySubscriptions,
} from '../realtime';

export const STATS = 'stats';

/** A burst of pushes (a session stepping, a render's progress) costs one refetch a second. */
const REFETCH_DELAY_MS = 1_000;

async function fetchStats(studyId: string | null): Promise<DashboardStats> {
  const query = studyId ? `?studyId=${encodeURIComponent(studyId)}` : '';
  const response = await httpClient(`${API_URL}/${STATS}${query}`);
  return response.json as DashboardStats;
}

/**
 * The home page's numbers for a study (null: all), refetched a moment after sessions or renders
 * change (`session:update`, `render:update`) and after a reconnect.
 */
export function useStats(studyId: string | null) {
  const query = useQuery({ queryKey: [STATS, studyId], queryFn: () => fetchStats(studyId) });
  const refetchSoon = useRefetchSoon([STATS], REFETCH_DELAY_MS);

  useSessionUpdates((update) => {
    if (!studyId || update.studyId === studyId) refetchSoon();
  });
  useRenderUpdates((update) => {
    if (!studyId || update.studyId === studyId) refetchSoon();
  });
  useRealtimeConnect(refetchSoon);
  useStudySubscriptions([studyId]);
  return query;
}
