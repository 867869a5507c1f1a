import { createHmac } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import type { ParticipantLoginResponse } from '../../src/games/common/api.js';
import { loadConfig } from '../../src/config/app-config.js';
import { EnvValidationError } from '../../src/config/env.schema.js';
import { SessionEntity, SessionStatus } from '../../src/modules/sessions/session.entity.js';
import { VoiceService } from '../../src/modules/voice/voice.service.js';
import { ApiClient, startTestApp, type TestApp } from '../support/app.js';
import { seedStudy } from '../support/participants.js';

// Twilio's cloud is out of reach here: these tests check our side of the wire (who gets a token,
// and what it says), the way Twilio would check it (signature and claims).
const TWILIO = {
  VOICE_PROVIDER: 'twilio',
  TWILIO_ACCOUNT_SID: 'AC' + '0a1b2c3d4e5f6789'.repeat(2),
  TWILIO_API_KEY_SID: 'SK' + '9876543210fedcba'.repeat(2),
  TWILIO_API_KEY_SECRET: 'integration-test-api-key-secret!',
  TWILIO_TOKEN_TTL_S: '900',
};

interface TokenBody {
  token: string;
  room: string;
  identity: string;
  expiresAt: string;
  message: string;
  errors?: { field: string; reason: string }[];
}

interface VideoClaims {
  iss: string;
  sub: string;
  iat: number;
  exp: number;
  grants: { identity: string; video: { room: string } };
}

/** The claims of a token signed HS256 with `secret` (throws on a bad signature). */
function claimsOf(token: string, secret: string): VideoClaims {
  const [header, payload, signature] = token.split('.');
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  if (signature !== expected) throw new Error('bad signature');
  return JSON.parse(Buffer.from(payload, 'base64url').toString()) as VideoClaims;
}

async function loginAll(t: TestApp, slug: string, codes: string[]) {
  const handles: Record<string, { id: string; api: ApiClient }> = {};
  for (const code of codes) {
    const res = await new ApiClient(t.baseUrl).post<ParticipantLoginResponse>(
      '/participant/login',
      { study: slug, participantId: code },
    );
    if (res.status !== 200) throw new Error(`login ${code}: ${JSON.stringify(res.body)}`);
    handles[code] = { id: res.body.participant.id, api: new ApiClient(t.baseUrl, res.body.token) };
  }
  return handles;
}

describe('voice: Twilio tokens', () => {
  let t: TestApp;
  let p: Awaited<ReturnType<typeof loginAll>>;
  let admin: ApiClient;
  let sessionId: string;
  let otherSessionId: string;
  let completedId: string;
  let abortedId: string;
  const token = (who: string, body: unknown) => p[who].api.post<TokenBody>('/voice/token', body);

  beforeAll(async () => {
    t = await startTestApp(TWILIO);
    const study = await seedStudy(t.baseUrl, 'voice-twilio', 'T0001-T0003', 'woz-robotaxi');
    admin = study.admin;
    const reg = await admin.post(`/studies/${study.studyId}/participants/range`, {
      range: 'W0001-W0002',
    });
    expect(reg.status).toBe(201);
    p = await loginAll(t, study.slug, ['T0001', 'T0002', 'T0003', 'W0001', 'W0002']);
    const sessions = t.app.get(DataSource).getRepository(SessionEntity);
    const session = (teacher: string, wizard: string, status: SessionStatus) =>
      sessions
        .save({
          studyId: study.studyId,
          kind: 'woz-robotaxi',
          status,
          teacherId: p[teacher].id,
          wizardId: p[wizard].id,
        })
        .then((s) => s.id);
    sessionId = await session('T0001', 'W0001', SessionStatus.Running);
    otherSessionId = await session('T0002', 'W0002', SessionStatus.Waiting);
    completedId = await session('T0001', 'W0001', SessionStatus.Completed);
    abortedId = await session('T0002', 'W0002', SessionStatus.Aborted);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives each member of the session a token for its room, under their participant ID', async () => {
    for (const who of ['T0001', 'W0001']) {
      const before = Math.floor(Date.now() / 1000);
      const res = await token(who, { sessionId });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ room: sessionId, identity: who });
      const claims = claimsOf(res.body.token, TWILIO.TWILIO_API_KEY_SECRET);
      expect(claims.iss).toBe(TWILIO.TWILIO_API_KEY_SID);
      expect(claims.sub).toBe(TWILIO.TWILIO_ACCOUNT_SID);
      expect(claims.grants).toEqual({ identity: who, video: { room: sessionId } });
      expect(claims.exp - claims.iat).toBe(900);
      expect(claims.iat).toBeGreaterThanOrEqual(before);
      expect(res.body.expiresAt).toBe(new Date(claims.exp * 1000).toISOString());
    }
  });

  it('works for a session that has not started yet', async () => {
    const res = await token('W0002', { sessionId: otherSessionId });
    expect(res.status).toBe(200);
    expect(res.body.identity).toBe('W0002');
  });

  it('refuses a participant of the same study who is not in the session', async () => {
    const res = await token('T0003', { sessionId });
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/T0003.*not the teacher or the wizard of session/);
  });

  it('refuses a member of another session', async () => {
    for (const who of ['T0002', 'W0002']) {
      const res = await token(who, { sessionId });
      expect(res.status).toBe(403);
      expect(res.body.token).toBeUndefined();
    }
  });

  it('refuses once the session has ended', async () => {
    const completed = await token('T0001', { sessionId: completedId });
    expect(completed.status).toBe(403);
    expect(completed.body.message).toMatch(/has ended \(completed\)/);
    const aborted = await token('W0002', { sessionId: abortedId });
    expect(aborted.status).toBe(403);
    expect(aborted.body.message).toMatch(/has ended \(aborted\)/);
  });

  it('answers 404 for an unknown session', async () => {
    const unknown = randomUUID();
    const res = await token('T0001', { sessionId: unknown });
    expect(res.status).toBe(404);
    expect(res.body.message).toContain(unknown);
  });

  it('answers 400 naming sessionId for a bad body', async () => {
    for (const body of [{}, { sessionId: 'not-a-uuid' }, { sessionId: 42 }]) {
      const res = await token('T0001', body);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/sessionId must be a UUID/);
      expect(res.body.errors).toContainEqual({
        field: 'sessionId',
        reason: 'sessionId must be a UUID',
      });
    }
    const extra = await token('T0001', { sessionId, room: 'x' });
    expect(extra.status).toBe(400);
    expect(extra.body.message).toMatch(/room/);
  });

  it('is for participants: a researcher token gets 403, no token 401', async () => {
    const res = await admin.post<TokenBody>('/voice/token', { sessionId });
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/for participants/);
    const anon = await new ApiClient(t.baseUrl).post('/voice/token', { sessionId });
    expect(anon.status).toBe(401);
  });

  it('tells the gateway to use Twilio (no ICE servers)', () => {
    expect(t.app.get(VoiceService).settings(false)).toEqual({
      provider: 'twilio',
      iceServers: [],
      twoWay: false,
    });
  });
});

describe('voice: WebRTC (the default)', () => {
  let t: TestApp;
  const ICE = [
    { urls: 'stun:127.0.0.1:3478' },
    { urls: ['turn:127.0.0.1:3478?transport=udp'], username: 'u', credential: 'c' },
  ];

  beforeAll(async () => {
    t = await startTestApp({ ICE_SERVERS: JSON.stringify(ICE) });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 409: no Twilio token is needed', async () => {
    const study = await seedStudy(t.baseUrl, 'voice-webrtc', 'T0001', 'woz-robotaxi');
    const { T0001 } = await loginAll(t, study.slug, ['T0001']);
    const res = await T0001.api.post<TokenBody>('/voice/token', { sessionId: randomUUID() });
    expect(res.status).toBe(409);
    expect(res.body.message).toBe(
      'Voice runs over WebRTC in this deployment; no Twilio token is needed',
    );
  });

  it('gives the gateway the ICE servers and the study’s twoWay', () => {
    expect(t.app.get(VoiceService).settings(true)).toEqual({
      provider: 'webrtc',
      iceServers: ICE,
      twoWay: true,
    });
  });
});

describe('voice: boot configuration', () => {
  const base = { DATA_DIR: '/tmp/ozlab-voice-config', JWT_SECRET: 'x'.repeat(32) };
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig({ ...base, ...env }, {});
    } catch (error) {
      if (error instanceof EnvValidationError) return error.problems;
      throw error;
    }
    throw new Error('expected the configuration to be refused');
  };

  it('defaults to WebRTC without ICE servers or Twilio', () => {
    expect(loadConfig(base, {}).voice).toEqual({
      provider: 'webrtc',
      iceServers: [],
      twilio: null,
    });
    expect(loadConfig({ ...base, VOICE_PROVIDER: '', ICE_SERVERS: '' }, {}).voice.provider).toBe(
      'webrtc',
    );
  });

  it('reads the Twilio settings (TTL 600 s unless set)', () => {
    const { TWILIO_TOKEN_TTL_S: _ttl, ...withoutTtl } = TWILIO;
    expect(loadConfig({ ...base, ...withoutTtl }, {}).voice).toEqual({
      provider: 'twilio',
      iceServers: [],
      twilio: {
        accountSid: TWILIO.TWILIO_ACCOUNT_SID,
        apiKeySid: TWILIO.TWILIO_API_KEY_SID,
        apiKeySecret: TWILIO.TWILIO_API_KEY_SECRET,
        tokenTtlS: 600,
      },
    });
  });

  it('refuses VOICE_PROVIDER=twilio without each of its secrets, naming the missing ones', () => {
    for (const missing of ['TWILIO_ACCOUNT_SID', 'TWILIO_API_KEY_SID', 'TWILIO_API_KEY_SECRET']) {
      const problems = problemsOf({ ...TWILIO, [missing]: '' });
      expect(problems).toEqual([`${missing}: required when VOICE_PROVIDER=twilio`]);
    }
    const none = problemsOf({ VOICE_PROVIDER: 'twilio' }).join('\n');
    for (const name of ['TWILIO_ACCOUNT_SID', 'TWILIO_API_KEY_SID', 'TWILIO_API_KEY_SECRET'])
      expect(none).toContain(name);
  });

  it('never echoes the API key secret', () => {
    const problems = problemsOf({ ...TWILIO, TWILIO_ACCOUNT_SID: 'ACnothex' }).join('\n');
    expect(problems).toContain('TWILIO_ACCOUNT_SID');
    expect(problems).not.toContain(TWILIO.TWILIO_API_KEY_SECRET);
  });

  it('checks the SID shapes, the TTL range and the provider name', () => {
    const problems = problemsOf({
      ...TWILIO,
      TWILIO_ACCOUNT_SID: 'AC123',
      TWILIO_API_KEY_SID: 'AC' + '0'.repeat(32),
      TWILIO_TOKEN_TTL_S: '59',
    }).join('\n');
    expect(problems).toMatch(/TWILIO_ACCOUNT_SID="AC123": .*"AC" followed by 32 hex digits/);
    expect(problems).toMatch(/TWILIO_API_KEY_SID=.*"SK" followed by 32 hex digits/);
    expect(problems).toMatch(/TWILIO_TOKEN_TTL_S="59": .*not be less than 60/);
    expect(problemsOf({ ...TWILIO, TWILIO_TOKEN_TTL_S: '14401' }).join()).toMatch(
      /TWILIO_TOKEN_TTL_S.*must not be greater than 14400/,
    );
    expect(problemsOf({ VOICE_PROVIDER: 'zoom' }).join()).toMatch(
      /VOICE_PROVIDER="zoom": VOICE_PROVIDER must be webrtc or twilio/,
    );
  });

  it('refuses ICE_SERVERS that is not JSON, without quoting it', () => {
    const problems = problemsOf({ ICE_SERVERS: "[{urls: 'turn:x', credential: 'hunter2'}]" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^ICE_SERVERS: not valid JSON/);
    expect(problems[0]).not.toContain('hunter2');
  });

  it('refuses ICE_SERVERS entries browsers would reject, naming entry and field', () => {
    expect(problemsOf({ ICE_SERVERS: '{"urls":"stun:x"}' })).toEqual([
      'ICE_SERVERS: must be a JSON array of {urls, username?, credential?} objects',
    ]);
    const problems = problemsOf({
      ICE_SERVERS: JSON.stringify([
        { urls: 'stun:ok.example.org' },
        { url: 'stun:old.example.org' },
        { urls: ['https://not-ice.example.org'] },
        { urls: 'turn:turn.example.org', username: 'u' },
        'stun:x',
      ]),
    });
    expect(problems).toEqual([
      'ICE_SERVERS[1].url: unknown field (allowed: urls, username, credential); "url" is the old name of "urls"',
      'ICE_SERVERS[1].urls: must be a stun:, stuns:, turn: or turns: URL, or a non-empty list of them',
      'ICE_SERVERS[2].urls: must be a stun:, stuns:, turn: or turns: URL, or a non-empty list of them',
      'ICE_SERVERS[3]: a TURN server needs a username and a credential',
      'ICE_SERVERS[4]: must be an object {urls, username?, credential?}',
    ]);
  });
});
