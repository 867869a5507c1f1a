import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudyMemberView } from '../../src/games/common/api.js';
import { ApiClient, startTestApp, type TestApp } from '../support/app.js';
import { otherResearcher } from '../support/recording-fixture.js';

/**
 * Sharing a study: its owner gives another researcher access by email; they then see and run it
 * through the same endpoints as the owner, but cannot delete it or change who has access; taking
 * the access away hides the study again.
 */
describe('study members', () => {
  let t: TestApp;
  let admin: ApiClient;
  let alice: ApiClient;
  let bob: ApiClient;
  let carol: ApiClient;
  let studyId: string;
  let bobId: string;

  const members = (studyId: string, who: ApiClient) =>
    who.get<StudyMemberView[]>(`/studies/${studyId}/members`);
  const add = (who: ApiClient, body: unknown) =>
    who.post<StudyMemberView & { message: string; errors?: { field: string }[] }>(
      `/studies/${studyId}/members`,
      body,
    );
  /** What Bob can read of the study through a few of its endpoints (status codes). */
  const bobReads = async () => [
    (await bob.get(`/studies/${studyId}`)).status,
    (await bob.get(`/studies/${studyId}/participants/export`)).status,
    (await bob.get<unknown[]>(`/participants?filter=${JSON.stringify({ studyId })}`)).body,
    (await bob.get<{ id: string }[]>('/studies')).body.map((s) => s.id),
  ];

  beforeAll(async () => {
    t = await startTestApp();
    admin = await new ApiClient(t.baseUrl).loginResearcher();
    alice = await otherResearcher(t, admin, 'alice-members@test.local');
    bob = await otherResearcher(t, admin, 'bob-members@test.local');
    carol = await otherResearcher(t, admin, 'carol-members@test.local');
    const study = await alice.post<{ id: string }>('/studies', {
      name: 'Shared study',
      slug: 'shared-study',
      kind: 'woz-robotaxi',
      config: { consentText: 'We record.', instructions: 'Talk.' },
    });
    expect(study.status).toBe(201);
    studyId = study.body.id;
    expect(
      (await alice.post(`/studies/${studyId}/participants/range`, { range: 'T0001-T0002' })).status,
    ).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the owner, and hides the study from researchers without access', async () => {
    const list = await members(studyId, alice);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      expect.objectContaining({ email: 'alice-members@test.local', access: 'owner' }),
    ]);
    expect(await bobReads()).toEqual([404, 404, [], []]);
    expect((await members(studyId, bob)).status).toBe(404);
    expect((await add(bob, { email: 'bob-members@test.local' })).status).toBe(404);
  });

  it('validates the email and names what is wrong, adding nobody', async () => {
    for (const [body, status, text] of [
      [{}, 400, 'email must be'],
      [{ email: 42 }, 400, 'email must be'],
      [{ email: 'not an email' }, 400, 'email must be an email address'],
      [{ email: 'nobody@test.local' }, 400, 'no researcher account has the email'],
      [{ email: 'ALICE-members@test.local' }, 409, 'owns this study'],
    ] as const) {
      const res = await add(alice, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(JSON.stringify(res.body.message)).toContain(text);
    }
    expect((await members(studyId, alice)).body).toHaveLength(1);
  });

  it('gives Bob access: he sees and runs the study, but cannot share or delete it', async () => {
    const given = await add(alice, { email: ' Bob-Members@test.local ' });
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({ email: 'bob-members@test.local', access: 'member' });
    bobId = given.body.researcherId;
    expect((await add(alice, { email: 'bob-members@test.local' })).status).toBe(409);

    const [study, csv, participants, studies] = await bobReads();
    expect([study, csv]).toEqual([200, 200]);
    expect((participants as { participantId: string }[]).map((p) => p.participantId)).toEqual([
      'T0001',
      'T0002',
    ]);
    expect(studies).toEqual([studyId]);
    // He runs it as the owner does.
    expect(
      (await bob.post(`/studies/${studyId}/participants/range`, { range: 'W0001' })).status,
    ).toBe(201);
    expect((await bob.get(`/sessions?filter=${JSON.stringify({ studyId })}`)).status).toBe(200);
    expect((await members(studyId, bob)).body.map((m) => [m.email, m.access])).toEqual([
      ['alice-members@test.local', 'owner'],
      ['bob-members@test.local', 'member'],
    ]);
    // Only the owner (or an admin) shares or deletes.
    const share = await add(bob, { email: 'carol-members@test.local' });
    expect(share.status).toBe(403);
    expect(share.body.message).toMatch(/Only the owner/);
    expect((await bob.delete(`/studies/${studyId}/members/${bobId}`)).status).toBe(403);
    expect((await bob.delete(`/studies/${studyId}`)).status).toBe(403);
    expect((await alice.get(`/studies/${studyId}`)).status).toBe(200);
    // Carol still sees nothing.
    expect((await carol.get(`/studies/${studyId}`)).status).toBe(404);
    // An admin may share any study.
    expect((await add(admin, { email: 'carol-members@test.local' })).status).toBe(201);
    expect((await carol.get(`/studies/${studyId}`)).status).toBe(200);
  });

  it('takes the access away: the study is hidden from Bob again', async () => {
    const removed = await alice.delete<{ researcherId: string }>(
      `/studies/${studyId}/members/${bobId}`,
    );
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ researcherId: bobId });
    expect(await bobReads()).toEqual([404, 404, [], []]);
    expect((await alice.delete(`/studies/${studyId}/members/${bobId}`)).status).toBe(404);
    expect((await members(studyId, alice)).body.map((m) => m.email)).toEqual([
      'alice-members@test.local',
      'carol-members@test.local',
    ]);
  });
});
