import { apiRequest } from '../api';

/**
 * `POST /api/voice/token` (Twilio deployments only; 409 under WebRTC). Mirrors the server's
 * `VoiceTokenResponse` in `src/modules/voice/voice.dto.ts`.
 */
export interface VoiceTokenResponse {
  /** Twilio Video access token (JWT). */
  token: string;
  /** The room: the session id. */
  room: string;
  /** The participant's ID (e.g. T0007). */
  identity: string;
  /** ISO 8601. */
  expiresAt: string;
}

export function fetchVoiceToken(sessionId: string): Promise<VoiceTokenResponse> {
  return apiRequest<VoiceTokenResponse>('POST', '/api/voice/token', { sessionId });
}
