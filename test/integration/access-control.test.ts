/**
 * Researchers see only the studies they own (admins see all): researcher Bob, with Alice's ids in
 * hand, reads nothing of Alice's study through any endpoint of the API.
 *
 * The routes come from the running app's router metadata (every controller method, with its auth
 * kind), and every one of them must have a case below: a route added without one fails the first
 * test. Each case as Bob expects a 403 or 404 for Alice's ids, an empty list (total 0) for
 * filters naming her study, participants, sessions, episodes, tracks or renders, and never one of
 * her ids, names or external ids in any answer (unless Bob sent it). Each read is also made as
 * Alice and as the admin, who must get the data: so the ids are real and the 404s mean something.
 *
 * ROMs are a shared library (decided here, as the ROM issue built it): every researcher lists,
 * reads, downloads and uploads them; a ROM's detail names only the caller's own studies that use
 * it (others' are counted), and a ROM in use by anyone's study cannot be deleted.
 */
import { type INestApplication, RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer, Reflector } from '@nestjs/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_KIND, AuthKind, ROLES } from '../../src/modules/participants/auth.decorators.js';
import { ResearcherRole } from '../../src/modules/participants/researcher.entity.js';
import { type ApiClient, startTestApp, type TestApp } from '../support/app.js';
import { assembleTestRom } from '../support/atari-rom.js';
import { setupTwoResearchers, type TwoResearchers } from '../support/two-researchers.js';

type Access = 'researcher' | 'admin' | 'participant' | 'any' | 'public';

/** Every HTTP route the app serves (`GET /episodes/:id`), with who may call it. */
function apiRoutes(app: INestApplication): Map<string, Access> {
  const reflector = app.get(Reflector);
  const routes = new Map<string, Access>();
  for (const module of app.get(ModulesContainer).values())
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const bases = [Reflect.getMetadata(PATH_METADATA, controller) as string | string[]].flat();
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (paths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const targets = [handler as () => unknown, controller];
        const kind = reflector.getAllAndOverride<AuthKind | undefined>(AUTH_KIND, targets);
        const roles = reflector.getAllAndOverride<ResearcherRole[] | undefined>(ROLES, targets);
        const access: Access =
          kind === AuthKind.Public
            ? 'public'
            : kind === AuthKind.Participant
              ? 'participant'
              : kind === AuthKind.Any
                ? 'any'
                : roles && !roles.includes(ResearcherRole.Researcher)
                  ? 'admin'
                  : 'researcher';
        for (const base of bases)
          for (const path of [paths].flat()) {
            const full = `/${[base, path].filter(Boolean).join('/')}`.replace(/\/+/g, '/');
            routes.set(`${method} ${full.length > 1 ? full.replace(/\/$/, '') : full}`, access);
          }
      }
    }
  return routes;
}

interface Answer {
  status: number;
  body: unknown;
  text: string;
  headers: Headers;
  /** What was sent (path and body): ids Bob sent may come back in an error message. */
  sent: string;
}

const q = (o: unknown) => encodeURIComponent(JSON.stringify(o));

describe("access control: a researcher cannot read another researcher's study", () => {
  let t: TestApp;
  let db: pg.Client;
  let s: TwoResearchers;

  beforeAll(async () => {
    t = await startTestApp();
    db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
    s = await setupTwoResearchers(t, db);
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  async function call(
    client: ApiClient | null,
    method: string,
    path: string,
    body?: unknown,
    type = 'application/json',
  ): Promise<Answer> {
    const payload =
      body === undefined
        ? undefined
        : typeof body === 'string' || body instanceof Uint8Array
          ? body
          : JSON.stringify(body);
    const res = await fetch(`${t.baseUrl}/api${path}`, {
      method,
      headers: {
        ...(payload !== undefined ? { 'content-type': type } : {}),
        ...(client?.token ? { authorization: `Bearer ${client.token}` } : {}),
      },
      body: payload,
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // CSV, ZIP, binary
    }
    const sent = `${path} ${typeof payload === 'string' ? payload : ''}`;
    return { status: res.status, body: parsed, text, headers: res.headers, sent };
  }

  /** Nothing of Alice's in the answer, but what Bob sent himself. */
  function noLeak(res: Answer, except: string[] = []) {
    const seen = `${res.text} ${res.headers.get('content-disposition') ?? ''}`;
    for (const secret of s.aliceSecrets)
      if (!res.sent.includes(secret) && !except.includes(secret))
        expect(seen, `${res.sent}: leaks ${secret}`).not.toContain(secret);
  }

  /** Bob is refused (403/404: never a 409 or 400 that would tell the thing exists) and told nothing. */
  async function refused(method: string, path: string, body?: unknown, type?: string) {
    const res = await call(s.bob, method, path, body, type);
    expect(
      [403, 404],
      `${method} ${path} as Bob: ${res.status} ${res.text.slice(0, 200)}`,
    ).toContain(res.status);
    noLeak(res);
    return res;
  }

  /** Alice and the admin read it; Bob is refused. */
  async function readable(path: string) {
    for (const [who, client] of [
      ['Alice', s.alice],
      ['admin', s.admin],
    ] as const) {
      const res = await call(client, 'GET', path);
      expect(res.status, `GET ${path} as ${who}: ${res.text.slice(0, 200)}`).toBe(200);
    }
    await refused('GET', path);
  }

  /**
   * A list: Bob's own rows but none of Alice's without a filter; nothing (total 0) with filters
   * naming Alice's things, which give Alice and the admin rows.
   */
  async function list(path: string, filters: object[], own?: string) {
    const mine = await call(s.bob, 'GET', path);
    expect(mine.status, `GET ${path} as Bob`).toBe(200);
    noLeak(mine);
    if (own) expect(mine.text, `GET ${path}: Bob's own rows`).toContain(own);
    for (const filter of filters) {
      const url = `${path}?filter=${q(filter)}`;
      for (const [who, client] of [
        ['Alice', s.alice],
        ['admin', s.admin],
      ] as const) {
        const res = await call(client, 'GET', url);
        expect(res.status, `${url} as ${who}`).toBe(200);
        expect((res.body as unknown[]).length, `${url} as ${who}`).toBeGreaterThan(0);
      }
      const res = await call(s.bob, 'GET', url);
      expect(res.status, `${url} as Bob`).toBe(200);
      expect(res.body, `${url} as Bob`).toEqual([]);
      expect(res.headers.get('content-range') ?? '', `${url} as Bob`).toMatch(/\/0$/);
      noLeak(res);
    }
  }

  /** Alice's study as she left it: still hers, same name, same participants, same sessions. */
  async function aliceUntouched() {
    const study = await call(s.alice, 'GET', `/studies/${s.a.studyId}`);
    expect(study.body).toMatchObject({ name: s.a.name, participantCount: 3 });
    const participants = await call(
      s.alice,
      'GET',
      `/participants?filter=${q({ studyId: s.a.studyId })}`,
    );
    expect((participants.body as { status: string }[]).map((p) => p.status)).not.toContain(
      'withdrawn',
    );
    const sessions = await call(s.alice, 'GET', `/sessions?filter=${q({ studyId: s.a.studyId })}`);
    expect(sessions.body).toHaveLength(2);
    const renders = await call(s.alice, 'GET', `/renders?filter=${q({ studyId: s.a.studyId })}`);
    expect(renders.body).toEqual([
      expect.objectContaining({ id: s.a.renderId, status: 'completed' }),
    ]);
    expect((await call(s.alice, 'GET', `/recordings/${s.a.trackId}/download`)).status).toBe(200);
  }

  /** A participant route: a researcher token is refused whatever the ids. */
  const participantOnly = (method: string, path: () => string, body?: unknown) => async () => {
    const res = await call(
      s.bob,
      method,
      path(),
      typeof body === 'function' ? (body as () => unknown)() : body,
    );
    expect(res.status, `${method} ${path()}`).toBe(403);
    noLeak(res);
  };

  const a = () => s.a;
  const CASES: Record<string, { access: Access; check: () => Promise<void> }> = {
    // Studies
    'GET /studies': {
      access: 'researcher',
      check: () => list('/studies', [{ id: [a().studyId] }, { q: 'alpha' }], s.b.studyId),
    },
    'GET /studies/:id': { access: 'researcher', check: () => readable(`/studies/${a().studyId}`) },
    'POST /studies': {
      access: 'researcher',
      check: async () => {
        // Bob's new study is his: Alice does not see it.
        const res = await call(s.bob, 'POST', '/studies', {
          name: 'Bravo 2',
          slug: 'bravo-2',
          kind: 'atari-demo',
          config: { consentText: 'c', instructions: 'i' },
        });
        expect(res.status).toBe(201);
        expect(
          (await call(s.alice, 'GET', `/studies/${(res.body as { id: string }).id}`)).status,
        ).toBe(404);
      },
    },
    'PUT /studies/:id': {
      access: 'researcher',
      check: async () => {
        await refused('PUT', `/studies/${a().studyId}`, { name: 'Mine now' });
        await aliceUntouched();
      },
    },
    'DELETE /studies/:id': {
      access: 'researcher',
      check: async () => {
        await refused('DELETE', `/studies/${a().studyId}`);
        await aliceUntouched();
      },
    },
    'GET /studies/:id/members': {
      access: 'researcher',
      check: () => readable(`/studies/${a().studyId}/members`),
    },
    'POST /studies/:id/members': {
      access: 'researcher',
      check: async () => {
        // Bob cannot give himself access to Alice's study.
        await refused('POST', `/studies/${a().studyId}/members`, { email: 'bob@test.local' });
        await aliceUntouched();
      },
    },
    'DELETE /studies/:id/members/:researcherId': {
      access: 'researcher',
      check: async () => {
        const owner = await call(s.alice, 'GET', `/studies/${a().studyId}/members`);
        const aliceId = (owner.body as { researcherId: string }[])[0].researcherId;
        await refused('DELETE', `/studies/${a().studyId}/members/${aliceId}`);
        await aliceUntouched();
      },
    },

    // Participants (+ CSV import/export)
    'GET /participants': {
      access: 'researcher',
      check: () =>
        list(
          '/participants',
          [{ studyId: a().studyId }, { id: Object.values(a().participants) }],
          s.b.participantId,
        ),
    },
    'GET /participants/:id': {
      access: 'researcher',
      check: () => readable(`/participants/${a().participants.D0007}`),
    },
    'POST /participants': {
      access: 'researcher',
      check: async () => {
        await refused('POST', '/participants', { studyId: a().studyId, participantId: 'D0050' });
        await aliceUntouched();
      },
    },
    'PUT /participants/:id': {
      access: 'researcher',
      check: async () => {
        await refused('PUT', `/participants/${a().participants.D0001}`, { status: 'withdrawn' });
        await aliceUntouched();
      },
    },
    'POST /participants/:id/withdraw': {
      access: 'researcher',
      check: async () => {
        await refused('POST', `/participants/${a().participants.D0001}/withdraw`, {
          deleteRecordings: true,
        });
        await aliceUntouched();
      },
    },
    'DELETE /participants/:id': {
      access: 'researcher',
      check: async () => {
        await refused('DELETE', `/participants/${a().participants.D0002}`);
        await aliceUntouched();
      },
    },
    'POST /studies/:id/participants/range': {
      access: 'researcher',
      check: async () => {
        await refused('POST', `/studies/${a().studyId}/participants/range`, { range: 'D0060' });
        await aliceUntouched();
      },
    },
    'POST /studies/:id/participants/import': {
      access: 'researcher',
      check: async () => {
        await refused(
          'POST',
          `/studies/${a().studyId}/participants/import`,
          'participantId\nD0061\n',
          'text/csv',
        );
        await aliceUntouched();
      },
    },
    'GET /studies/:id/participants/export': {
      access: 'researcher',
      check: async () => {
        await readable(`/studies/${a().studyId}/participants/export`);
        expect(
          (await call(s.alice, 'GET', `/studies/${a().studyId}/participants/export`)).text,
        ).toContain(a().externalId);
      },
    },

    // Researchers and their own login
    'POST /auth/login': {
      access: 'public',
      check: async () =>
        expect(
          (
            await call(null, 'POST', '/auth/login', {
              email: 'bob@test.local',
              password: 'nope-nope-1',
            })
          ).status,
        ).toBe(401),
    },
    'GET /auth/me': {
      access: 'researcher',
      check: async () => {
        const me = await call(s.bob, 'GET', '/auth/me');
        expect(me.body).toMatchObject({ email: 'bob@test.local', role: 'researcher' });
        noLeak(me);
      },
    },
    'GET /researchers': {
      access: 'admin',
      check: async () => expect((await call(s.bob, 'GET', '/researchers')).status).toBe(403),
    },
    'POST /researchers': {
      access: 'admin',
      check: async () =>
        expect(
          (
            await call(s.bob, 'POST', '/researchers', {
              email: 'eve@test.local',
              password: 'eve-password-1',
            })
          ).status,
        ).toBe(403),
    },

    // Participants' own routes: a researcher token opens none of them.
    'POST /participant/login': {
      access: 'public',
      // The participant login page: a study's slug and a participant ID (or invite) log in that participant.
      check: async () =>
        expect(
          (
            await call(null, 'POST', '/participant/login', {
              study: a().slug,
              participantId: 'D0099',
            })
          ).status,
        ).toBe(401),
    },
    'GET /participant/study/:slug': {
      access: 'public',
      // What the login page shows (name, consent text) to whoever has the link; no ids, no participants.
      check: async () => {
        const res = await call(null, 'GET', `/participant/study/${a().slug}`);
        expect(res.status).toBe(200);
        expect(res.text).not.toContain(a().studyId);
        for (const id of Object.values(a().participants)) expect(res.text).not.toContain(id);
      },
    },
    'GET /participant/me': {
      access: 'participant',
      check: participantOnly('GET', () => '/participant/me'),
    },
    'POST /participant/consent': {
      access: 'participant',
      check: participantOnly('POST', () => '/participant/consent', { agree: true }),
    },
    'GET /participant/rom': {
      access: 'participant',
      check: participantOnly('GET', () => '/participant/rom'),
    },
    'GET /atari/session': {
      access: 'participant',
      check: participantOnly('GET', () => '/atari/session'),
    },
    'POST /atari/session/questionnaire': {
      access: 'participant',
      check: participantOnly('POST', () => '/atari/session/questionnaire', {}),
    },
    'POST /atari/session/complete': {
      access: 'participant',
      check: participantOnly('POST', () => '/atari/session/complete', {}),
    },
    'POST /atari/episodes': {
      access: 'participant',
      check: participantOnly('POST', () => '/atari/episodes', {}),
    },
    'PUT /atari/episodes/:episodeId/batches/:seq': {
      access: 'participant',
      check: participantOnly('PUT', () => `/atari/episodes/${a().episodeId}/batches/9`, {
        frames: [],
      }),
    },
    'POST /atari/episodes/:episodeId/end': {
      access: 'participant',
      check: participantOnly('POST', () => `/atari/episodes/${a().episodeId}/end`, {
        frames: 0,
        outcome: 'game-over',
      }),
    },
    'POST /voice/token': {
      access: 'participant',
      check: participantOnly(
        'POST',
        () => '/voice/token',
        () => ({ sessionId: a().sessionId }),
      ),
    },
    'PUT /recordings/:trackId': {
      access: 'participant',
      check: participantOnly(
        'PUT',
        () => `/recordings/${a().trackId}`,
        () => ({
          sessionId: a().sessionId,
        }),
      ),
    },
    'PUT /recordings/:trackId/chunks/:seq': {
      access: 'participant',
      check: participantOnly('PUT', () => `/recordings/${a().trackId}/chunks/0`, {}),
    },
    'POST /clock/samples': {
      access: 'participant',
      check: participantOnly('POST', () => '/clock/samples', { samples: [] }),
    },
    'POST /clock/ping': {
      access: 'public',
      check: async () =>
        expect((await call(null, 'POST', '/clock/ping', { t0: 1 })).status).toBeLessThan(500),
    },
    'GET /health': {
      access: 'public',
      check: async () => expect((await call(null, 'GET', '/health')).status).toBe(200),
    },
    'GET /storage/files': {
      access: 'public',
      // The signature is the authorization: a link to Alice's WAV without hers is refused.
      check: async () => {
        const res = await call(
          s.bob,
          'GET',
          `/storage/files?key=${encodeURIComponent(a().wavKey)}&exp=9999999999&sig=forged`,
        );
        expect(res.status).toBe(403);
        expect(res.headers.get('content-type')).toMatch(/json/);
      },
    },

    // Sessions (+ exports, abort, pairing)
    'GET /sessions': {
      access: 'researcher',
      check: () =>
        list(
          '/sessions',
          [
            { studyId: a().studyId },
            { id: [a().sessionId, a().importedSessionId] },
            { participantId: a().participants.D0001 },
          ],
          s.b.sessionId,
        ),
    },
    'GET /sessions/:id': {
      access: 'researcher',
      check: () => readable(`/sessions/${a().sessionId}`),
    },
    'GET /sessions/:id/export': {
      access: 'researcher',
      check: () => readable(`/sessions/${a().sessionId}/export`),
    },
    'GET /sessions/:id/export.zip': {
      access: 'researcher',
      check: () => readable(`/sessions/${a().sessionId}/export.zip`),
    },
    'GET /studies/:id/export.zip': {
      access: 'researcher',
      check: () => readable(`/studies/${a().studyId}/export.zip`),
    },
    'POST /exports': {
      access: 'researcher',
      check: async () => {
        expect(
          (await call(s.alice, 'POST', '/exports', { episodeIds: [a().episodeId] })).status,
        ).toBe(200);
        await refused('POST', '/exports', { sessionIds: [a().sessionId] });
        await refused('POST', '/exports', { episodeIds: [a().episodeId] });
        // Mixed with his own: still refused as a whole, nothing of Alice's streamed.
        await refused('POST', '/exports', { sessionIds: [s.b.sessionId, a().importedSessionId] });
      },
    },
    'POST /sessions': {
      access: 'researcher',
      check: () =>
        refused('POST', '/sessions', {
          studyId: a().studyId,
          teacherId: a().participants.D0001,
          wizardId: a().participants.D0002,
        }).then(aliceUntouched),
    },
    'GET /stats': {
      access: 'researcher',
      check: async () => {
        type Stats = { participants: { total: number }; audio: { tracks: number } };
        const hers = await call(s.alice, 'GET', `/stats?studyId=${a().studyId}`);
        expect(hers.body).toMatchObject({ participants: { total: 3 }, audio: { tracks: 1 } });
        await refused('GET', `/stats?studyId=${a().studyId}`);
        // Bob's numbers count his study only; the admin's count both.
        const his = await call(s.bob, 'GET', '/stats');
        expect(his.body).toMatchObject({ participants: { total: 1 }, audio: { tracks: 0 } });
        noLeak(his);
        const all = (await call(s.admin, 'GET', '/stats')).body as Stats;
        expect(all.participants.total).toBe(4);
        expect(all.audio.tracks).toBe(1);
      },
    },
    'GET /live-sessions': {
      access: 'researcher',
      check: async () => {
        expect((await call(s.alice, 'GET', `/live-sessions?studyId=${a().studyId}`)).status).toBe(
          200,
        );
        await refused('GET', `/live-sessions?studyId=${a().studyId}`);
        const mine = await call(s.bob, 'GET', '/live-sessions');
        expect(mine.status).toBe(200);
        noLeak(mine);
      },
    },
    'POST /sessions/:id/pause': {
      access: 'researcher',
      check: () =>
        refused('POST', `/sessions/${a().sessionId}/pause`, { reason: 'mine' }).then(
          aliceUntouched,
        ),
    },
    'POST /sessions/:id/resume': {
      access: 'researcher',
      check: () => refused('POST', `/sessions/${a().sessionId}/resume`, {}).then(aliceUntouched),
    },
    'POST /sessions/:id/abort': {
      // Alice's session has ended (she would get a 409): Bob must get a 404, not learn that.
      access: 'researcher',
      check: () =>
        refused('POST', `/sessions/${a().sessionId}/abort`, { reason: 'mine' }).then(
          aliceUntouched,
        ),
    },

    // Episodes (+ frames, renders, the Atari import)
    'GET /episodes': {
      access: 'researcher',
      check: () =>
        list(
          '/episodes',
          [
            { studyId: a().studyId },
            { sessionId: a().sessionId },
            { participantId: a().participants.D0001 },
            { id: [a().episodeId, a().importedEpisodeId] },
          ],
          s.b.episodeId,
        ),
    },
    'GET /episodes/:id': {
      access: 'researcher',
      check: () => readable(`/episodes/${a().episodeId}`),
    },
    'GET /episodes/:episodeId/frames': {
      access: 'researcher',
      check: async () => {
        await readable(`/episodes/${a().episodeId}/frames`);
        await refused('GET', `/episodes/${a().importedEpisodeId}/frames?format=trajectory`);
      },
    },
    'POST /studies/:studyId/atari/imports': {
      access: 'researcher',
      check: async () => {
        await refused(
          'POST',
          `/studies/${a().studyId}/atari/imports?profileId=space-invaders`,
          '{"x":1}',
          'text/plain',
        );
        await aliceUntouched();
      },
    },
    'POST /episodes/:id/renders': {
      access: 'researcher',
      check: () => refused('POST', `/episodes/${a().episodeId}/renders`, {}).then(aliceUntouched),
    },
    'POST /renders/bulk': {
      access: 'researcher',
      check: () =>
        refused('POST', '/renders/bulk', { episodeIds: [s.b.episodeId, a().episodeId] }).then(
          aliceUntouched,
        ),
    },

    // Renders
    'GET /renders': {
      access: 'researcher',
      check: () =>
        list('/renders', [
          { studyId: a().studyId },
          { episodeId: a().episodeId },
          { id: [a().renderId] },
        ]),
    },
    'GET /renders/:id': { access: 'researcher', check: () => readable(`/renders/${a().renderId}`) },
    'GET /renders/:id/download': {
      access: 'researcher',
      check: () => readable(`/renders/${a().renderId}/download`),
    },
    'POST /renders/:id/cancel': {
      access: 'researcher',
      check: () => refused('POST', `/renders/${a().renderId}/cancel`).then(aliceUntouched),
    },
    'POST /renders/:id/retry': {
      access: 'researcher',
      check: () => refused('POST', `/renders/${a().renderId}/retry`).then(aliceUntouched),
    },

    // Recordings
    'GET /recordings': {
      access: 'researcher',
      check: () =>
        list('/recordings', [
          { studyId: a().studyId },
          { sessionId: a().sessionId },
          { participantId: a().participants.D0001 },
        ]),
    },
    'GET /recordings/:trackId': {
      access: 'any',
      check: () => readable(`/recordings/${a().trackId}`),
    },
    'GET /recordings/:trackId/download': {
      access: 'researcher',
      check: () => readable(`/recordings/${a().trackId}/download`),
    },
    'POST /recordings/:trackId/finalize': {
      access: 'any',
      check: () => refused('POST', `/recordings/${a().trackId}/finalize`).then(aliceUntouched),
    },
    'DELETE /recordings/:trackId': {
      access: 'researcher',
      check: () => refused('DELETE', `/recordings/${a().trackId}`).then(aliceUntouched),
    },
    'DELETE /participants/:id/recordings': {
      access: 'researcher',
      check: () =>
        refused('DELETE', `/participants/${a().participants.D0001}/recordings`).then(
          aliceUntouched,
        ),
    },

    // ROMs: a shared library.
    'GET /roms': {
      access: 'researcher',
      check: async () => {
        const res = await call(s.bob, 'GET', '/roms');
        expect(res.text).toContain(a().romId);
        noLeak(res);
      },
    },
    'GET /roms/:id': {
      access: 'researcher',
      check: async () => {
        const mine = await call(s.alice, 'GET', `/roms/${a().romId}`);
        expect(mine.body).toMatchObject({
          studies: [{ id: a().studyId, name: a().name }],
          otherStudies: 0,
        });
        const res = await call(s.bob, 'GET', `/roms/${a().romId}`);
        // Bob learns that one study of someone else uses it, not which.
        expect(res.body).toMatchObject({ id: a().romId, studies: [], otherStudies: 1 });
        noLeak(res);
      },
    },
    'GET /roms/:id/download': {
      access: 'researcher',
      check: async () => {
        const res = await call(s.bob, 'GET', `/roms/${a().romId}/download`);
        expect(res.status).toBe(200);
        noLeak(res);
      },
    },
    'POST /roms': {
      access: 'researcher',
      check: async () => {
        // The same bytes: the library's ROM, told without Alice's study.
        const res = await call(
          s.bob,
          'POST',
          '/roms?name=Alpha%20ROM&profileId=ozlab-test',
          assembleTestRom(),
          'application/octet-stream',
        );
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ id: a().romId });
        noLeak(res);
      },
    },
    'PATCH /roms/:id': {
      access: 'researcher',
      check: async () => {
        // Shared: any researcher may rename it (here to the same name); the answer names no study of Alice's.
        const res = await call(s.bob, 'PATCH', `/roms/${a().romId}`, { name: 'Alpha ROM' });
        expect(res.status).toBe(200);
        noLeak(res);
      },
    },
    'DELETE /roms/:id': {
      access: 'researcher',
      check: async () => {
        // In use by Alice's study: refused, without naming it.
        const res = await call(s.bob, 'DELETE', `/roms/${a().romId}`);
        expect(res.status).toBe(409);
        noLeak(res);
        expect((await call(s.alice, 'GET', `/roms/${a().romId}`)).status).toBe(200);
      },
    },
  };

  it('has a case for every route of the API, with the access the route declares', () => {
    const routes = apiRoutes(t.app);
    expect(routes.size).toBeGreaterThan(50);
    const missing = [...routes.keys()].filter((r) => !(r in CASES));
    expect(missing, 'routes without an access-control case: add one below').toEqual([]);
    const stale = Object.keys(CASES).filter((r) => !routes.has(r));
    expect(stale, 'cases for routes that no longer exist').toEqual([]);
    for (const [route, access] of routes) expect(CASES[route].access, route).toBe(access);
  });

  it.each(Object.keys(CASES))('%s', async (route) => {
    await CASES[route].check();
  });

  it('lets Bob read his own study, and the admin both', async () => {
    for (const client of [s.bob, s.admin]) {
      expect((await call(client, 'GET', `/studies/${s.b.studyId}`)).status).toBe(200);
      expect((await call(client, 'GET', `/episodes/${s.b.episodeId}/frames`)).status).toBe(200);
    }
    const all = await call(s.admin, 'GET', '/episodes');
    expect(all.text).toContain(s.b.episodeId);
    expect(all.text).toContain(a().episodeId);
  });
});
