/**
 * A small typed wrapper around fetch for the participant API: JSON in and out, the participant's
 * bearer token from the session, and every failure as an `ApiRequestError`.
 */
import type {
  ApiError,
  ParticipantConsentRequest,
  ParticipantLoginRequest,
  ParticipantLoginResponse,
  ParticipantMeResponse,
  ParticipantView,
  PublicStudy,
} from '../../src/games/common/api';
import { expireSession, getToken } from './session';

export type {
  ApiError,
  ParticipantLoginRequest,
  ParticipantLoginResponse,
  ParticipantMeResponse,
  ParticipantConsentRequest,
  ParticipantRole,
  ParticipantView,
  PublicStudy,
} from '../../src/games/common/api';

/** `status` of an ApiRequestError when the server could not be reached at all. */
export const NETWORK_ERROR = 0;

/** A request that failed: `status` is the HTTP status (0: no answer), `body` the server's error. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly body: ApiError;

  constructor(status: number, body: ApiError) {
    super(body.message);
    this.name = 'ApiRequestError';
    this.status = status;
    this.body = body;
  }

  /** Each bad field (or line) and why, when the server named them. */
  get errors(): NonNullable<ApiError['errors']> {
    return this.body.errors ?? [];
  }
}

export interface RequestOptions {
  /** Send the participant's token (default true). A 401 on such a request ends the session. */
  auth?: boolean;
  signal?: AbortSignal;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function apiRequest<TResponse>(
  method: Method,
  path: string,
  body?: unknown,
  { auth = true, signal }: RequestOptions = {},
): Promise<TResponse> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = auth ? getToken() : null;
  if (token) headers.Authorization = `Bearer ${token}`;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiRequestError(NETWORK_ERROR, {
      statusCode: NETWORK_ERROR,
      message: 'Cannot reach the server. Check your internet connection and try again.',
    });
  }

  const payload = await readJson(response);
  if (!response.ok) {
    if (response.status === 401 && token) expireSession();
    throw new ApiRequestError(response.status, toApiError(response, payload));
  }
  if (payload === undefined && response.status !== 204) {
    throw new ApiRequestError(response.status, {
      statusCode: response.status,
      message: 'The server sent an unexpected answer. Please try again.',
    });
  }
  return payload as TResponse;
}

/** The parsed JSON body, or undefined when there is none or it is not JSON. */
async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

function toApiError(response: Response, payload: unknown): ApiError {
  const body = (typeof payload === 'object' && payload !== null ? payload : {}) as {
    statusCode?: unknown;
    message?: unknown;
    errors?: unknown;
  };
  const statusCode = typeof body.statusCode === 'number' ? body.statusCode : response.status;
  let errors = Array.isArray(body.errors) ? (body.errors as ApiError['errors']) : undefined;
  let message: string;
  if (typeof body.message === 'string' && body.message) {
    message = body.message;
  } else if (Array.isArray(body.message)) {
    // Nest's default validation answer: a list of messages.
    const reasons = body.message.map(String);
    message = reasons.join('; ');
    errors ??= reasons.map((reason) => ({ reason }));
  } else {
    message = response.statusText || `Request failed (${response.status})`;
  }
  return errors ? { statusCode, message, errors } : { statusCode, message };
}

// --- The participant endpoints ---------------------------------------------------------------

export function fetchPublicStudy(slug: string, signal?: AbortSignal): Promise<PublicStudy> {
  return apiRequest<PublicStudy>(
    'GET',
    `/api/participant/study/${encodeURIComponent(slug)}`,
    undefined,
    { auth: false, signal },
  );
}

export function login(request: ParticipantLoginRequest): Promise<ParticipantLoginResponse> {
  return apiRequest<ParticipantLoginResponse>('POST', '/api/participant/login', request, {
    auth: false,
  });
}

export function fetchMe(signal?: AbortSignal): Promise<ParticipantMeResponse> {
  return apiRequest<ParticipantMeResponse>('GET', '/api/participant/me', undefined, { signal });
}

export function giveConsent(): Promise<ParticipantView> {
  const body: ParticipantConsentRequest = { agree: true };
  return apiRequest<ParticipantView>('POST', '/api/participant/consent', body);
}
