import { describe, expect, it } from 'vitest';
import {
  buildSignedDownloadUrl,
  signDownload,
  SIGNED_FILES_PATH,
  verifyDownload,
} from './url-signer.js';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const now = 1_800_000_000;

function queryOf(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}

describe('url-signer', () => {
  const url = buildSignedDownloadUrl('https://lab.example.org/', secret, {
    key: 'studies/1/sessions/2/audio/T0001.wav',
    exp: now + 60,
    filename: 'T0001 session 2.wav',
  });

  it('builds a URL on the public base and the files route', () => {
    expect(url.startsWith(`https://lab.example.org${SIGNED_FILES_PATH}?`)).toBe(true);
    expect(queryOf(url)).toMatchObject({
      key: 'studies/1/sessions/2/audio/T0001.wav',
      exp: String(now + 60),
    });
  });

  it('signs HMAC-SHA256 of key, exp and filename', () => {
    expect(queryOf(url).sig).toBe(
      signDownload(secret, {
        key: 'studies/1/sessions/2/audio/T0001.wav',
        exp: now + 60,
        filename: 'T0001 session 2.wav',
      }),
    );
    expect(queryOf(url).sig).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies a valid URL', () => {
    expect(verifyDownload(secret, queryOf(url), now)).toEqual({
      ok: true,
      key: 'studies/1/sessions/2/audio/T0001.wav',
      exp: now + 60,
      filename: 'T0001 session 2.wav',
    });
  });

  it('verifies a URL without filename', () => {
    const plain = buildSignedDownloadUrl('http://x', secret, { key: 'a/b', exp: now });
    expect(queryOf(plain).filename).toBeUndefined();
    expect(verifyDownload(secret, queryOf(plain), now)).toMatchObject({ ok: true, key: 'a/b' });
  });

  it('rejects a tampered key, exp or filename', () => {
    const q = queryOf(url);
    expect(
      verifyDownload(secret, { ...q, key: 'studies/1/sessions/3/audio/T0001.wav' }, now),
    ).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    expect(verifyDownload(secret, { ...q, exp: String(now + 6000) }, now)).toMatchObject({
      reason: 'bad-signature',
    });
    expect(verifyDownload(secret, { ...q, filename: 'other.wav' }, now)).toMatchObject({
      reason: 'bad-signature',
    });
    const { filename: _dropped, ...withoutFilename } = q;
    expect(verifyDownload(secret, withoutFilename, now)).toMatchObject({ reason: 'bad-signature' });
  });

  it('rejects a tampered signature', () => {
    const q = queryOf(url);
    const flipped = (q.sig[0] === 'a' ? 'b' : 'a') + q.sig.slice(1);
    expect(verifyDownload(secret, { ...q, sig: flipped }, now)).toMatchObject({
      reason: 'bad-signature',
    });
  });

  it('rejects an expired URL, only after checking the signature', () => {
    const q = queryOf(url);
    expect(verifyDownload(secret, q, now + 60)).toMatchObject({ ok: true });
    expect(verifyDownload(secret, q, now + 61)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyDownload('another-secret', q, now + 61)).toMatchObject({
      reason: 'bad-signature',
    });
  });

  it('rejects a URL signed with another secret', () => {
    expect(verifyDownload('another-secret-that-is-long-enough-012345', queryOf(url), now)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it.each([
    {},
    { key: 'a', exp: '1' },
    { key: 'a', exp: 'soon', sig: 'a'.repeat(64) },
    { key: 'a', exp: '1', sig: 'zz' },
    { key: 'a', exp: '1', sig: 'A'.repeat(64) },
    { key: ['a', 'b'], exp: '1', sig: 'a'.repeat(64) },
    { key: 'a', exp: '1', sig: 'a'.repeat(64), filename: ['x'] },
  ])('rejects malformed query %j', (query) => {
    expect(verifyDownload(secret, query, now)).toEqual({ ok: false, reason: 'malformed' });
  });
});
