import { describe, expect, it } from 'vitest';

import { type FetchFn, UploadTransport } from './upload-api';

const answering =
  (status: number, body: string, seen: RequestInit[] = []): FetchFn =>
  (_input, init = {}) => {
    seen.push(init);
    return Promise.resolve(new Response(body || null, { status }));
  };

const transport = (fetch: FetchFn, token: string | null = 't1') =>
  new UploadTransport({ fetch, token: () => token }, new Set([400, 404]));

describe('UploadTransport', () => {
  it('sends the token and the body, and hands back the parsed answer', async () => {
    const seen: RequestInit[] = [];
    const outcome = await transport(answering(201, '{"seq":3}', seen)).send('PUT', '/x', {
      body: 'abc',
      contentType: 'text/plain',
    });
    expect(outcome).toEqual({ kind: 'ok', status: 201, body: { seq: 3 } });
    expect(seen[0].headers).toMatchObject({
      Authorization: 'Bearer t1',
      'Content-Type': 'text/plain',
    });
    expect(seen[0].body).toBe('abc');
  });

  it("rejects what this API refuses for good, keeping the server's message and field reasons", async () => {
    const body = JSON.stringify({
      message: ['frames.0.action must be at most 17', 'seq must be an integer'],
      errors: [{ field: 'frames.0.action', reason: 'at most 17' }, { nope: 1 }],
    });
    expect(await transport(answering(400, body)).send('PUT', '/x')).toEqual({
      kind: 'reject',
      status: 400,
      message: 'frames.0.action must be at most 17; seq must be an integer',
      errors: [{ field: 'frames.0.action', reason: 'at most 17' }],
    });
  });

  it('retries the rest: a 401, a 5xx with a plain-text page, no network', async () => {
    expect(
      await transport(answering(401, '{"message":"expired"}')).send('GET', '/x'),
    ).toMatchObject({ kind: 'retry', status: 401, message: 'expired' });
    expect(await transport(answering(502, 'Bad gateway\n')).send('GET', '/x')).toMatchObject({
      kind: 'retry',
      status: 502,
      message: 'Bad gateway',
    });
    const offline: FetchFn = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await transport(offline).send('GET', '/x')).toEqual({
      kind: 'retry',
      status: 0,
      message: 'Cannot reach the server',
      errors: [],
    });
  });

  it('keeps a fixed token with withToken', async () => {
    const seen: RequestInit[] = [];
    let current: string | null = 'a';
    const base = new UploadTransport(
      { fetch: answering(200, '', seen), token: () => current },
      new Set(),
    );
    const fixed = base.withToken('a');
    current = 'b';
    await fixed.send('GET', '/x');
    await base.send('GET', '/x');
    expect(seen.map((i) => (i.headers as Record<string, string>).Authorization)).toEqual([
      'Bearer a',
      'Bearer b',
    ]);
  });
});
