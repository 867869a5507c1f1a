import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestApp, type TestApp } from '../support/app.js';

const texts = {
  consentText: 'You agree to be recorded.\n\nYou may stop at any time.',
  instructions: 'Speak to the rover.',
};

interface Study {
  id: string;
  slug: string;
  config: Record<string, unknown>;
  participantCount: number;
}
interface Participant {
  id: string;
  participantId: string;
  role: string;
  status: string;
  accessCode: string;
  inviteUrl: string;
}

describe('studies and participants API', () => {
  let t: TestApp;
  let admin: ApiClient;
  let study: Study;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await new ApiClient(t.baseUrl).loginResearcher();
    const res = await admin.post<Study>('/studies', {
      name: 'Pilot',
      slug: 'pilot',
      kind: 'woz-robotaxi',
      config: texts,
    });
    expect(res.status).toBe(201);
    study = res.body;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates a study with the kind defaults filled in', () => {
    expect(study.config).toMatchObject({ ...texts, stepMs: 1250, rounds: 3, stepLimit: 100 });
  });

  it('rejects bad study bodies with the field named, and duplicate slugs with 409', async () => {
    const bad = await admin.post<{ message: string; errors: { field: string }[] }>('/studies', {
      name: '',
      slug: 'Bad Slug',
      kind: 'chess',
      config: { consentText: 'x' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(['name', 'slug', 'kind']),
    );
    const badConfig = await admin.post<{ message: string }>('/studies', {
      name: 'X',
      slug: 'x-study',
      kind: 'atari-demo',
      config: { ...texts, sessionMinutes: 0 },
    });
    expect(badConfig.status).toBe(400);
    expect(badConfig.body.message).toMatch(/config\.sessionMinutes/);
    const dup = await admin.post('/studies', {
      name: 'Again',
      slug: 'pilot',
      kind: 'atari-demo',
      config: texts,
    });
    expect(dup.status).toBe(409);
    const unknownField = await admin.post<{ message: string }>('/studies', {
      name: 'Y',
      slug: 'yy-y',
      kind: 'atari-demo',
      config: texts,
      owner: 'me',
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.message).toMatch(/owner/);
  });

  it('speaks the ra-data-simple-rest list contract', async () => {
    await admin.post('/studies', {
      name: 'Atari A',
      slug: 'atari-a',
      kind: 'atari-demo',
      config: texts,
    });
    const res = await admin.get<Study[]>(
      `/studies?sort=${encodeURIComponent('["name","ASC"]')}&range=[0,0]&filter=${encodeURIComponent('{"q":"atari"}')}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-range')).toBe('studies 0-0/1');
    expect(res.body.map((s) => s.slug)).toEqual(['atari-a']);
    const badSort = await admin.get<{ message: string }>(
      `/studies?sort=${encodeURIComponent('["passwordHash","ASC"]')}`,
    );
    expect(badSort.status).toBe(400);
    expect(badSort.body.message).toMatch(/cannot sort by "passwordHash"/);
  });

  it('registers a range all-or-nothing and answers 409 on overlap', async () => {
    const first = await admin.post<{ created: number; participantIds: string[] }>(
      `/studies/${study.id}/participants/range`,
      { range: 'T0001-T0003' },
    );
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ created: 3, participantIds: ['T0001', 'T0002', 'T0003'] });
    const overlap = await admin.post<{ message: string }>(
      `/studies/${study.id}/participants/range`,
      { range: 'T0003-T0005' },
    );
    expect(overlap.status).toBe(409);
    expect(overlap.body.message).toMatch(/T0003/);
    const list = await admin.get<Participant[]>(
      `/participants?filter=${encodeURIComponent(JSON.stringify({ studyId: study.id, role: 'teacher' }))}&range=[0,99]`,
    );
    expect(list.body.map((p) => p.participantId)).toEqual(['T0001', 'T0002', 'T0003']);
    const bad = await admin.post<{ message: string }>(`/studies/${study.id}/participants/range`, {
      range: 'X0001-X0002',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/X0001/);
    const unknownStudy = await admin.post(
      `/studies/00000000-0000-4000-8000-000000000000/participants/range`,
      { range: 'T0009' },
    );
    expect(unknownStudy.status).toBe(404);
  });

  it('imports CSV atomically, reporting every bad line', async () => {
    const bad = await admin.request<{ errors: { line: number; reason: string }[] }>(
      'POST',
      `/studies/${study.id}/participants/import`,
      'participantId,externalId\nW0001,P1\nQ0002,P2\nW0001,P3\n',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.line)).toEqual([3, 4]);
    const none = await admin.get<Participant[]>(
      `/participants?filter=${encodeURIComponent(JSON.stringify({ studyId: study.id, role: 'wizard' }))}`,
    );
    expect(none.body).toEqual([]);

    const clash = await admin.request<{ message: string }>(
      'POST',
      `/studies/${study.id}/participants/import`,
      'participantId\nW0001\nT0002\n',
    );
    expect(clash.status).toBe(409);
    expect(
      (
        await admin.get<Participant[]>(
          `/participants?filter=${encodeURIComponent(JSON.stringify({ studyId: study.id, role: 'wizard' }))}`,
        )
      ).body,
    ).toEqual([]);

    const ok = await admin.request<{ created: number }>(
      'POST',
      `/studies/${study.id}/participants/import`,
      'participantId,externalId\nW0001,P1\nW0002,\n',
    );
    expect(ok.status).toBe(201);
    expect(ok.body.created).toBe(2);
    const csv = await admin.get<string>(`/studies/${study.id}/participants/export`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe(
      'participantId,role,status,externalId,accessCode,inviteUrl,consentedAt,createdAt',
    );
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([
      'T0001',
      'T0002',
      'T0003',
      'W0001',
      'W0002',
    ]);
    expect(lines.find((l) => l.startsWith('W0001'))).toContain(',P1,');
  });

  it('validates participant updates and keeps roles derived from the ID', async () => {
    const [p] = (
      await admin.get<Participant[]>(
        `/participants?filter=${encodeURIComponent(JSON.stringify({ studyId: study.id, q: 'T0001' }))}`,
      )
    ).body;
    const bad = await admin.put<{ message: string }>(`/participants/${p.id}`, {
      status: 'asleep',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/status/);
    const ok = await admin.put<Participant>(`/participants/${p.id}`, {
      ...p,
      status: 'completed',
      externalId: 'PID-9',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'completed', role: 'teacher', participantId: 'T0001' });
    const create = await admin.post<Participant>('/participants', {
      studyId: study.id,
      participantId: 'd0007',
    });
    expect(create.status).toBe(201);
    expect(create.body).toMatchObject({
      participantId: 'D0007',
      role: 'demonstrator',
      status: 'registered',
    });
    expect(create.body).not.toHaveProperty('inviteToken');
    const dup = await admin.post('/participants', { studyId: study.id, participantId: 'D0007' });
    expect(dup.status).toBe(409);
  });
});
