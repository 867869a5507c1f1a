/**
 * The transport of the background uploaders (the recorder's audio, the Atari frame log): one
 * request with the participant's token, its answer sorted into what the uploader should do with
 * it. A 401 never ends the participant's session here (unlike `apiRequest`): a background upload
 * must not log them out mid-game; it is retried later and shown in the upload status. `fetch` and
 * the token are injected (tests give fakes).
 */
export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

/** A reason of an error answer (`errors[]` of the server's body). */
export interface ApiReason {
  field?: string;
  reason: string;
}

/**
 * ok: acknowledged · retry: try again later (network, 5xx, 401, 429, ...) · reject: refused for
 * good (which statuses, each API says): keep the item and the message.
 */
export type UploadOutcome<T> =
  | { kind: 'ok'; status: number; body: T }
  | { kind: 'retry' | 'reject'; status: number; message: string; errors: ApiReason[] };

export function classifyStatus(
  status: number,
  refusedForGood: ReadonlySet<number>,
): UploadOutcome<unknown>['kind'] {
  if (status >= 200 && status < 300) return 'ok';
  if (refusedForGood.has(status)) return 'reject';
  return 'retry';
}

/** A failed outcome as the upload status shows it ("Payload too large (HTTP 413)"). */
export function describeFailure(outcome: { status: number; message: string }): string {
  return outcome.status === 0 ? outcome.message : `${outcome.message} (HTTP ${outcome.status})`;
}

export interface UploadApiOptions {
  fetch?: FetchFn;
  /** The participant's bearer token (null: not logged in). */
  token: () => string | null;
  baseUrl?: string;
}

/** A request body and its type. */
export interface Payload {
  body: BodyInit;
  contentType: string;
}

export function json(value: unknown): Payload {
  return { body: JSON.stringify(value), contentType: 'application/json' };
}

export function enc(segment: string): string {
  return encodeURIComponent(segment);
}

export class UploadTransport {
  private readonly fetchFn: FetchFn;
  private readonly baseUrl: string;

  constructor(
    private readonly options: UploadApiOptions,
    private readonly refusedForGood: ReadonlySet<number>,
  ) {
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.baseUrl = options.baseUrl ?? '';
  }

  /** The same transport with a fixed token (a pass must not switch participants midway). */
  withToken(token: string | null): UploadTransport {
    return new UploadTransport(
      { fetch: this.fetchFn, token: () => token, baseUrl: this.baseUrl },
      this.refusedForGood,
    );
  }

  async send<T>(method: string, path: string, payload?: Payload): Promise<UploadOutcome<T>> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (payload) headers['Content-Type'] = payload.contentType;
    const token = this.options.token();
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
      return { kind: 'retry', status: 0, message: 'Cannot reach the server', errors: [] };
    }
    const body = await readBody(response);
    const kind = classifyStatus(response.status, this.refusedForGood);
    if (kind === 'ok') return { kind, status: response.status, body: body as T };
    return { kind, status: response.status, ...errorOf(response, body) };
  }
}

async function readBody(response: Response): Promise<unknown> {
  try {
    const text = await response.text();
    if (!text) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text; // not JSON: a proxy's error page, say
    }
  } catch {
    return undefined;
  }
}

/** The server's message and field reasons, or what the answer itself says. */
function errorOf(response: Response, body: unknown): { message: string; errors: ApiReason[] } {
  if (typeof body === 'object' && body !== null) {
    const { message, errors } = body as { message?: unknown; errors?: unknown };
    const reasons = Array.isArray(errors)
      ? errors.filter(
          (e): e is ApiReason =>
            typeof e === 'object' && e !== null && typeof (e as ApiReason).reason === 'string',
        )
      : [];
    if (typeof message === 'string' && message) return { message, errors: reasons };
    if (Array.isArray(message)) return { message: message.map(String).join('; '), errors: reasons };
  }
  if (typeof body === 'string' && body.trim())
    return { message: body.trim().slice(0, 300), errors: [] };
  return { message: response.statusText || `HTTP ${response.status}`, errors: [] };
}
