/**
 * The recording endpoints, with every answer sorted into what the uploader should do with it.
 * `fetch` and the token are injected (tests give fakes). Unlike `apiRequest`, a 401 here never
 * ends the participant's session: a background upload must not log them out mid-game; it is
 * retried later and shown in the upload status.
 */
import type {
  ChunkAck,
  ChunkUploadQuery,
  ClockSamplesRequest,
  CreateTrackRequest,
  RecordingTrackView,
} from '../../../src/games/common/recording';

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * ok: acknowledged · retry: try again later (network, 5xx, 401, 404 track unknown, 429, ...) ·
 * reject: refused for good (400, 403, 409, 413, 422): keep the item and the message.
 */
export type ApiOutcome<T> =
  | { kind: 'ok'; status: number; body: T }
  | { kind: 'retry'; status: number; message: string }
  | { kind: 'reject'; status: number; message: string };

/** Statuses that mean "this item will never be accepted as it is". */
export const REFUSED_FOR_GOOD: ReadonlySet<number> = new Set([400, 403, 409, 413, 422]);

export function classifyStatus(status: number): 'ok' | 'retry' | 'reject' {
  if (status >= 200 && status < 300) return 'ok';
  if (REFUSED_FOR_GOOD.has(status)) return 'reject';
  return 'retry';
}

export interface RecordingApiOptions {
  fetch?: FetchFn;
  /** The participant's bearer token (null: not logged in). */
  token: () => string | null;
  baseUrl?: string;
}

export class RecordingApi {
  private readonly fetchFn: FetchFn;
  private readonly token: () => string | null;
  private readonly baseUrl: string;

  constructor(options: RecordingApiOptions) {
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.token = options.token;
    this.baseUrl = options.baseUrl ?? '';
  }

  /** The same API with a fixed token (an upload pass must not switch participants midway). */
  withToken(token: string | null): RecordingApi {
    return new RecordingApi({ fetch: this.fetchFn, token: () => token, baseUrl: this.baseUrl });
  }

  createTrack(trackId: string, request: CreateTrackRequest): Promise<ApiOutcome<unknown>> {
    return this.send('PUT', `/api/recordings/${enc(trackId)}`, json(request));
  }

  putChunk(
    trackId: string,
    seq: number,
    query: ChunkUploadQuery,
    bytes: ArrayBuffer,
  ): Promise<ApiOutcome<ChunkAck>> {
    const params = new URLSearchParams({
      segment: String(query.segment),
      startSample: String(query.startSample),
      sampleRate: String(query.sampleRate),
      contextTime: String(query.contextTime),
      captureMs: String(query.captureMs),
      clockId: query.clockId,
    });
    return this.send('PUT', `/api/recordings/${enc(trackId)}/chunks/${seq}?${params}`, {
      body: bytes,
      contentType: 'application/octet-stream',
    });
  }

  postClockSamples(request: ClockSamplesRequest): Promise<ApiOutcome<unknown>> {
    return this.send('POST', '/api/clock/samples', json(request));
  }

  getTrack(trackId: string): Promise<ApiOutcome<RecordingTrackView>> {
    return this.send('GET', `/api/recordings/${enc(trackId)}`);
  }

  finalize(trackId: string): Promise<ApiOutcome<RecordingTrackView>> {
    return this.send('POST', `/api/recordings/${enc(trackId)}/finalize`);
  }

  private async send<T>(
    method: string,
    path: string,
    payload?: { body: BodyInit; contentType: string },
  ): Promise<ApiOutcome<T>> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (payload) headers['Content-Type'] = payload.contentType;
    const token = this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await this.fetchFn(this.baseUrl + path, {
        method,
        headers,
        body: payload?.body,
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      return { kind: 'retry', status: 0, message: 'Cannot reach the server' };
    }
    const body = await readBody(response);
    const kind = classifyStatus(response.status);
    if (kind === 'ok') return { kind, status: response.status, body: body as T };
    return { kind, status: response.status, message: messageOf(response, body) };
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

function json(value: unknown): { body: string; contentType: string } {
  return { body: JSON.stringify(value), contentType: 'application/json' };
}

async function readBody(response: Response): Promise<unknown> {
  try {
    const text = await response.text();
    if (!text) return undefined;
    const type = response.headers.get('Content-Type') ?? '';
    return type.includes('json') ? (JSON.parse(text) as unknown) : text;
  } catch {
    return undefined;
  }
}

function messageOf(response: Response, body: unknown): string {
  if (typeof body === 'object' && body !== null) {
    const message = (body as { message?: unknown }).message;
    if (typeof message === 'string' && message) return message;
    if (Array.isArray(message)) return message.map(String).join('; ');
  }
  if (typeof body === 'string' && body.trim()) return body.trim().slice(0, 300);
  return response.statusText || `HTTP ${response.status}`;
}
