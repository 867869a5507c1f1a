import twilio from 'twilio';
import type { TwilioConfig } from '../../config/app-config.js';

export interface VideoTokenRequest {
  /** Shown to the other room members; unique in the room (e.g. `T0007`). */
  identity: string;
  room: string;
  ttlS: number;
}

export interface VideoToken {
  token: string;
  /** ISO 8601, from the token's own `exp` claim. */
  expiresAt: string;
}

/** Twilio is not configured, or refused to build a token from what it was given. */
export class TwilioTokenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TwilioTokenError';
  }
}

/**
 * The only importer of the `twilio` SDK. Builds Twilio Video access tokens (JWTs signed HS256 with
 * the API key's secret) locally: no request reaches Twilio's cloud here; the browser presents the
 * token when it joins the room.
 */
export class TwilioAdapter {
  /** `credentials` null: Twilio is not configured and every call throws TwilioTokenError. */
  constructor(private readonly credentials: TwilioConfig | null) {}

  createVideoToken({ identity, room, ttlS }: VideoTokenRequest): VideoToken {
    const credentials = this.credentials;
    if (!credentials)
      throw new TwilioTokenError('Twilio is not configured (VOICE_PROVIDER is not twilio)');
    let token: string;
    try {
      const accessToken = new twilio.jwt.AccessToken(
        credentials.accountSid,
        credentials.apiKeySid,
        credentials.apiKeySecret,
        { identity, ttl: ttlS },
      );
      accessToken.addGrant(new twilio.jwt.AccessToken.VideoGrant({ room }));
      token = accessToken.toJwt();
    } catch (error) {
      throw new TwilioTokenError(
        `Could not build a Twilio Video token: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    return { token, expiresAt: expiryOf(token).toISOString() };
  }
}

/** The `exp` claim of a JWT we just built. */
function expiryOf(jwt: string): Date {
  const payload = JSON.parse(
    Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'),
  ) as {
    exp?: unknown;
  };
  if (typeof payload.exp !== 'number')
    throw new TwilioTokenError('The Twilio SDK built a token without an exp claim');
  return new Date(payload.exp * 1000);
}
