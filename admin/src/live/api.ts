/** The live sessions' API: the snapshot and the researcher's actions. */
import type {
  EndSessionRequest,
  LiveSessionsSnapshot,
  PauseSessionRequest,
  SessionUpdate,
} from '../../../src/games/common/dashboard-events';
import { API_URL } from '../dataProvider';
import { httpClient } from '../dataProvider/httpClient';

export const LIVE_SESSIONS = 'live-sessions';

const scoped = (path: string, studyId: string | null) =>
  `${API_URL}/${path}${studyId ? `?studyId=${encodeURIComponent(studyId)}` : ''}`;

export async function fetchLiveSessions(studyId: string | null): Promise<LiveSessionsSnapshot> {
  const response = await httpClient(scoped(LIVE_SESSIONS, studyId));
  return response.json as LiveSessionsSnapshot;
}

export type SessionAction = 'pause' | 'resume' | 'abort';

type ActionBody<A extends SessionAction> = A extends 'abort'
  ? EndSessionRequest
  : A extends 'pause'
    ? PauseSessionRequest
    : Record<string, never>;

/** `POST /api/sessions/:id/{pause,resume,abort}`; answers the session's status after it. */
export async function sessionAction<A extends SessionAction>(
  sessionId: string,
  action: A,
  body: ActionBody<A>,
): Promise<SessionUpdate> {
  const response = await httpClient(
    `${API_URL}/sessions/${encodeURIComponent(sessionId)}/${action}`,
    { method: 'POST', body: JSON.stringify(body) },
  );
  return response.json as SessionUpdate;
}
