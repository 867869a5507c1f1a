/** The demonstrator's endpoints (see `src/games/common/atari-session.ts`) and the ROM. */
import type {
  AtariSessionView,
  CompleteSessionRequest,
  QuestionnaireSubmission,
} from '../../../src/games/common/atari-session';
import { apiRequest, ApiRequestError, NETWORK_ERROR } from '../api';
import { expireSession, getToken } from '../session';

/** The row `POST /api/atari/episodes` answers with (the fields the client uses). */
export interface StartedEpisode {
  id: string;
  sessionId: string;
  index: number;
  practice: boolean;
  /** The game profile id of the study's ROM. */
  game: string;
  /** The emulator's power-on seed. */
  seed: number;
}

export function fetchAtariSession(signal?: AbortSignal): Promise<AtariSessionView> {
  return apiRequest<AtariSessionView>('GET', '/api/atari/session', undefined, { signal });
}

export function startEpisode(practice: boolean): Promise<StartedEpisode> {
  return apiRequest<StartedEpisode>('POST', '/api/atari/episodes', { practice });
}

export function submitQuestionnaire(body: QuestionnaireSubmission): Promise<AtariSessionView> {
  return apiRequest<AtariSessionView>('POST', '/api/atari/session/questionnaire', body);
}

export function completeSession(body: CompleteSessionRequest): Promise<AtariSessionView> {
  return apiRequest<AtariSessionView>('POST', '/api/atari/session/complete', body);
}

let romPromise: Promise<Uint8Array> | null = null;

/** The study's ROM bytes (`GET /api/participant/rom`), fetched once per page. */
export function fetchRom(): Promise<Uint8Array> {
  romPromise ??= loadRom().catch((error: unknown) => {
    romPromise = null; // Let a later call try again.
    throw error;
  });
  return romPromise;
}

async function loadRom(): Promise<Uint8Array> {
  const token = getToken();
  let response: Response;
  try {
    response = await fetch('/api/participant/rom', {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiRequestError(NETWORK_ERROR, {
      statusCode: NETWORK_ERROR,
      message: 'Cannot reach the server. Check your internet connection and try again.',
    });
  }
  if (!response.ok) {
    if (response.status === 401 && token) expireSession();
    let message = `The game could not be loaded (HTTP ${response.status}).`;
    try {
      const body = (await response.json()) as { message?: unknown };
      if (typeof body.message === 'string' && body.message) message = body.message;
    } catch {
      // Not JSON: keep the generic message.
    }
    throw new ApiRequestError(response.status, { statusCode: response.status, message });
  }
  return new Uint8Array(await response.arrayBuffer());
}
