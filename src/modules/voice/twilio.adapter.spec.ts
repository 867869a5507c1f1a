import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TwilioConfig } from '../../config/app-config.js';
import { TwilioAdapter, TwilioTokenError } from './twilio.adapter.js';

const credentials = (over: Partial<TwilioConfig> = {}): TwilioConfig => ({
  accountSid: 'AC' + '0123456789abcdef'.repeat(2),
  apiKeySid: 'SK' + 'fedcba9876543210'.repeat(2),
  apiKeySecret: 'a-test-api-key-secret-of-32-chars',
  tokenTtlS: 600,
  ...over,
});

interface VideoClaims {
  jti: string;
  iss: string;
  sub: string;
  iat: number;
  exp: number;
  grants: { identity: string; video: { room: string } };
}

/** Checks the HS256 signature with the secret and returns header and claims. */
function verifyJwt(
  token: string,
  secret: string,
): { header: Record<string, string>; claims: VideoClaims } {
  const [header, payload, signature] = token.split('.');
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new Error('bad signature');
  const decode = (part: string): unknown => JSON.parse(Buffer.from(part, 'base64url').toString());
  return {
    header: decode(header) as Record<string, string>,
    claims: decode(payload) as VideoClaims,
  };
}

describe('TwilioAdapter.createVideoToken', () => {
  it('signs a Video token with the API key secret, for one identity and one room', () => {
    const c = credentials();
    const before = Math.floor(Date.now() / 1000);
    const { token, expiresAt } = new TwilioAdapter(c).createVideoToken({
      identity: 'T0007',
      room: 'b3c0b0de-4c1e-4d0b-9d43-5f2b1f3a9e10',
      ttlS: 900,
    });
    const { header, claims } = verifyJwt(token, c.apiKeySecret);
    expect(header).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    expect(claims.iss).toBe(c.apiKeySid);
    expect(claims.sub).toBe(c.accountSid);
    expect(claims.jti).toMatch(new RegExp(`^${c.apiKeySid}-\\d+$`));
    expect(claims.grants).toEqual({
      identity: 'T0007',
      video: { room: 'b3c0b0de-4c1e-4d0b-9d43-5f2b1f3a9e10' },
    });
    expect(claims.exp - claims.iat).toBe(900);
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(claims.iat).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(expiresAt).toBe(new Date(claims.exp * 1000).toISOString());
  });

  it('does not verify with another secret', () => {
    const { token } = new TwilioAdapter(credentials()).createVideoToken({
      identity: 'W0001',
      room: 'r',
      ttlS: 60,
    });
    expect(() => verifyJwt(token, 'another-secret')).toThrow('bad signature');
  });

  it('refuses when Twilio is not configured, and turns SDK errors into TwilioTokenError', () => {
    expect(() =>
      new TwilioAdapter(null).createVideoToken({ identity: 'T0001', room: 'r', ttlS: 60 }),
    ).toThrow(TwilioTokenError);
    // The SDK requires an identity.
    expect(() =>
      new TwilioAdapter(credentials()).createVideoToken({ identity: '', room: 'r', ttlS: 60 }),
    ).toThrow(TwilioTokenError);
  });
});
