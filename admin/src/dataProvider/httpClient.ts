import { fetchUtils, HttpError } from 'react-admin';

import { getToken } from '../authStorage';
import { getErrorStatus, toHttpError } from './apiError';

/** Headers for an API call: the caller's, plus the researcher's bearer token when signed in. */
export const authHeaders = (init?: HeadersInit): Headers => {
  const headers = new Headers(init ?? { Accept: 'application/json' });
  const token = getToken();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  return headers;
};

/**
 * `fetchUtils.fetchJson` with the bearer token, whose errors carry an ApiErrorBody, so that
 * forms show field errors next to their inputs and notifications show the server's message.
 */
export const httpClient = async (
  url: string,
  options: fetchUtils.Options = {},
): ReturnType<typeof fetchUtils.fetchJson> => {
  try {
    return await fetchUtils.fetchJson(url, { ...options, headers: authHeaders(options.headers) });
  } catch (error) {
    if (error instanceof HttpError) {
      throw toHttpError(getErrorStatus(error) ?? 500, error.message, error.body as unknown);
    }
    throw error;
  }
};

/** The HttpError of a failed answer, with the server's message and field errors when it sent them. */
export const httpErrorOf = async (response: Response) => {
  const text = await response.text().catch(() => '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return toHttpError(response.status, response.statusText, json);
};

/** A bearer-authenticated request whose answer is a file; resolves to its bytes. */
export const fetchBlob = async (url: string, init: RequestInit = {}): Promise<Blob> => {
  const response = await fetch(url, { ...init, headers: authHeaders(init.headers) });
  if (!response.ok) throw await httpErrorOf(response);
  return response.blob();
};
