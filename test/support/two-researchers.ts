/**
 * Two researchers, each with a study of their own and data in it, set up through the API as they
 * would (plus a recording track seeded as the finalize step leaves it), for the access-control
 * proof. Alice's study has: a ROM from the shared library, participants (one with an external
 * id), a played Atari episode with its frames, an imported trajectory (a second session), a
 * recording of her demonstrator, and a finished render. Bob's study has a participant and an
 * imported trajectory.
 */
import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { StorageService } from '../../src/modules/storage/storage.service.js';
import { ApiClient, type TestApp } from './app.js';
import { playTestRom } from './atari-play.js';
import { assembleTestRom } from './atari-rom.js';
import { seedBeepTrack } from './render.js';
import { participantToken } from './robotaxi-player.js';

const TRAJECTORY = new URL('../fixtures/roboatari-spaceinvaders-trajectory.json', import.meta.url);
const texts = { consentText: 'We record your voice.', instructions: 'Play.' };

export interface AliceData {
  studyId: string;
  slug: string;
  name: string;
  romId: string;
  /** Participant row ids by participant ID. */
  participants: Record<string, string>;
  externalId: string;
  sessionId: string;
  episodeId: string;
  importedSessionId: string;
  importedEpisodeId: string;
  trackId: string;
  wavKey: string;
  renderId: string;
}

export interface BobData {
  studyId: string;
  sessionId: string;
  episodeId: string;
  participantId: string;
}

export interface TwoResearchers {
  admin: ApiClient;
  alice: ApiClient;
  bob: ApiClient;
  a: AliceData;
  b: BobData;
  /** Everything of Alice's that Bob must never see (ids, names, the external id). */
  aliceSecrets: string[];
}

async function ok<T>(res: Promise<{ status: number; body: T }>, what: string): Promise<T> {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** `POST` a text body (CSV or a trajectory file) with the client's token. */
async function postText(client: ApiClient, path: string, type: string, body: string) {
  const res = await fetch(`${client.baseUrl}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': type, authorization: `Bearer ${client.token}` },
    body,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as unknown;
}

async function researcher(admin: ApiClient, email: string): Promise<ApiClient> {
  const password = `${email.split('@')[0]}-password-1`;
  await ok(admin.post('/researchers', { email, password, name: email }), `create ${email}`);
  return new ApiClient(admin.baseUrl).loginResearcher(email, password);
}

async function importTrajectory(client: ApiClient, studyId: string) {
  return (await postText(
    client,
    `/studies/${studyId}/atari/imports?profileId=space-invaders`,
    'text/plain',
    readFileSync(TRAJECTORY, 'utf8'),
  )) as { sessionId?: string; episodeId: string };
}

async function sessionOf(client: ApiClient, episodeId: string): Promise<string> {
  return (await ok(client.get<{ sessionId: string }>(`/episodes/${episodeId}`), 'episode'))
    .sessionId;
}

export async function setupTwoResearchers(t: TestApp, db: pg.Client): Promise<TwoResearchers> {
  const admin = await new ApiClient(t.baseUrl).loginResearcher();
  const alice = await researcher(admin, 'alice@test.local');
  const bob = await researcher(admin, 'bob@test.local');

  // Alice: an Atari study on the test ROM, which she adds to the shared library.
  const romRes = await fetch(`${t.baseUrl}/api/roms?name=Alpha%20ROM&profileId=ozlab-test`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${alice.token}` },
    body: assembleTestRom(),
  });
  if (romRes.status >= 300) throw new Error(`upload ROM: ${await romRes.text()}`);
  const { id: romId } = (await romRes.json()) as { id: string };
  const name = 'Alpha secret study';
  const slug = 'alpha-secret';
  const study = await ok(
    alice.post<{ id: string }>('/studies', {
      name,
      slug,
      kind: 'atari-demo',
      config: { ...texts, romId },
    }),
    'create study',
  );
  await ok(
    alice.post(`/studies/${study.id}/participants/range`, { range: 'D0001-D0002' }),
    'range',
  );
  const externalId = 'alpha-external-7';
  await postText(
    alice,
    `/studies/${study.id}/participants/import`,
    'text/csv',
    `participantId,externalId\nD0007,${externalId}\n`,
  );
  const rows = await ok(
    alice.get<{ id: string; participantId: string }[]>('/participants?range=[0,99]'),
    'participants',
  );
  const participants = Object.fromEntries(rows.map((p) => [p.participantId, p.id]));

  // Her demonstrator plays 2 s of the test ROM.
  const d1 = new ApiClient(t.baseUrl, await participantToken(t.baseUrl, slug, 'D0001'));
  const started = await ok(d1.post<{ id: string; seed: number }>('/atari/episodes', {}), 'start');
  const frames = await playTestRom({ seed: started.seed, frames: 120 });
  for (let seq = 0; seq * 60 < frames.length; seq++)
    await ok(
      d1.put(`/atari/episodes/${started.id}/batches/${seq}`, {
        frames: frames.slice(seq * 60, seq * 60 + 60),
      }),
      `batch ${seq}`,
    );
  await ok(
    d1.post(`/atari/episodes/${started.id}/end`, { frames: frames.length, outcome: 'game-over' }),
    'end',
  );
  const sessionId = await sessionOf(alice, started.id);
  const imported = await importTrajectory(alice, study.id);
  const { trackId, wavKey } = await seedBeepTrack(db, t.app.get(StorageService), {
    studyId: study.id,
    sessionId,
    participantId: participants.D0001,
    startMs: frames[0].clientMs - 300,
    seconds: 3,
    beepAtS: 0.5,
  });
  const render = await ok(
    alice.post<{ id: string }>(`/episodes/${started.id}/renders`, {}),
    'render',
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { status } = await ok(alice.get<{ status: string }>(`/renders/${render.id}`), 'render');
    if (status === 'completed') break;
    if (status === 'failed' || Date.now() > deadline)
      throw new Error(`the render did not complete (${status})`);
    await new Promise((r) => setTimeout(r, 200));
  }

  // Bob: a study of his own with an imported trajectory.
  const bobStudy = await ok(
    bob.post<{ id: string }>('/studies', {
      name: 'Bravo',
      slug: 'bravo',
      kind: 'atari-demo',
      config: texts,
    }),
    'bob study',
  );
  await ok(bob.post(`/studies/${bobStudy.id}/participants/range`, { range: 'D0001' }), 'range');
  const bobImport = await importTrajectory(bob, bobStudy.id);
  const bobParticipants = await ok(bob.get<{ id: string }[]>('/participants'), 'participants');

  const a: AliceData = {
    studyId: study.id,
    slug,
    name,
    romId,
    participants,
    externalId,
    sessionId,
    episodeId: started.id,
    importedSessionId: await sessionOf(alice, imported.episodeId),
    importedEpisodeId: imported.episodeId,
    trackId,
    wavKey,
    renderId: render.id,
  };
  return {
    admin,
    alice,
    bob,
    a,
    b: {
      studyId: bobStudy.id,
      sessionId: await sessionOf(bob, bobImport.episodeId),
      episodeId: bobImport.episodeId,
      participantId: bobParticipants[0].id,
    },
    aliceSecrets: [
      a.studyId,
      a.slug,
      a.name,
      a.externalId,
      ...Object.values(a.participants),
      a.sessionId,
      a.episodeId,
      a.importedSessionId,
      a.importedEpisodeId,
      a.trackId,
      a.renderId,
    ],
  };
}
