/**
 * The frame-log endpoints the frame uploader calls, with every answer sorted into what to do
 * with it. `fetch` and the token are injected (tests give fakes). As in the recorder's
 * `RecordingApi`, a 401 never ends the participant's session here: it is retried later.
 */
import type { FrameRecord } from '../../../src/games/common/atari-frames';
import type { EpisodeEnd } from './frame-outbox-types';

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

/** A reason of an error answer (`errors[]` of the server's body). */
export interface ApiReason {
  field?: string;
  reason: string;
}

/**
 * ok: acknowledged · retry: try again later (network, 5xx, 401, 429, ...) · reject: refused for
 * good (400, 403, 404, 409, 413, 422): keep the item and the message.
 */
export type FrameApiOutcome =
  | { kind: 'ok'; status: number }
  | { kind: 'retry'; status: number; message: string; errors: ApiReason[] }
  | { kind: 'reject'; status: number; message: string; errors: ApiReason[] };

/** An unknown episode (404) will never accept frames either. */
const REFUSED_FOR_GOOD: ReadonlySet<number> = new Set([400, 403, 404, 409, 413, 422]);

export function classifyFrameStatus(status: number): FrameApiOutcome['kind'] {
  if (status >= 200 && status < 300) return 'ok';
  if (REFUSED_FOR_GOOD.has(status)) return 'reject';
  return 'retry';
}

export interface FrameApiOptions {
  fetch?: FetchFn;
  token: () => string | null;
  baseUrl?: string;
}

export class FrameApi {
  private readonly fetchFn: FetchFn;
  private readonly token: () => string | null;
  private readonly baseUrl: string;

  constructor(options: FrameApiOptions) {
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.token = options.token;
    this.baseUrl = options.baseUrl ?? '';
  }

  /** The same API with a fixed token (a pass must not switch participants midway). */
  withToken(token: string | null): FrameApi {
    return new FrameApi({ fetch: this.fetchFn, token: () => token, baseUrl: this.baseUrl });
  }

  putBatch(episodeId: string, seq: number, frames: FrameRecord[]): Promise<FrameApiOutcome> {
    return this.send('PUT', `/api/atari/episodes/${enc(episodeId)}/batches/${seq}`, { frames });
  }

  endEpisode(episodeId: string, end: EpisodeEnd): Promise<FrameApiOutcome> {
    return this.send('POST', `/api/atari/episodes/${enc(episodeId)}/end`, end);
  }

  private async send(method: string, path: string, body: unknown): Promise<FrameApiOutcome> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Content-Type': 'application/json',
    };
    const token = this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await this.fetchFn(this.baseUrl + path, {
        method,
        headers,
        body: JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      return { kind: 'retry', status: 0, message: 'Cannot reach the server', errors: [] };
    }
    const kind = classifyFrameStatus(response.status);
    if (kind === 'ok') return { kind, status: response.status };
    const payload = await readJson(response);
    return { kind, status: response.status, ...errorOf(response, payload) };
  }
}

function enc(value: string): string {
  return encodeURIComponent(value);
}

async function readJson(response: Response): Promise<unknown> {
  try {
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

function errorOf(response: Response, payload: unknown): { message: string; errors: ApiReason[] } {
  const body = (typeof payload === 'object' && payload !== null ? payload : {}) as {
    message?: unknown;
    errors?: unknown;
  };
  const errors = Array.isArray(body.errors)
    ? body.errors.filter(
        (e): e is ApiReason =>
          typeof e === 'object' && e !== null && typeof (e as ApiReason).reason === 'string',
      )
    : [];
  let message: string;
  if (typeof body.message === 'string' && body.message) message = body.message;
  else if (Array.isArray(body.message)) message = body.message.map(String).join('; ');
  else message = response.statusText || `Request failed (${response.status})`;
  return { message, errors };
}
