import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestApp, type TestApp } from '../support/app.js';

const q = (o: unknown) => encodeURIComponent(JSON.stringify(o));
const texts = { consentText: 'c', instructions: 'i' };

interface Row {
  id: string;
  sessionId: string;
  studyId: string;
  index: number;
  game: string;
  status: 'running' | 'completed' | 'aborted';
  score: number;
  steps: number;
  practice: boolean;
  verified: boolean | null;
  startedAt: string;
  endedAt: string | null;
  level?: unknown;
}

type Field = 'startedAt' | 'endedAt' | 'score' | 'steps' | 'index' | 'game' | 'status';
const FIELDS: Field[] = ['startedAt', 'endedAt', 'score', 'steps', 'index', 'game', 'status'];
/** The episode_status enum's order (its declaration order), which Postgres sorts by. */
const STATUS_ORDER = ['running', 'completed', 'aborted'];

/** The order the API promises: the field (NULLs last going up, first going down), then the id. */
function sorted(rows: Row[], field: Field, dir: 'ASC' | 'DESC'): string[] {
  const sign = dir === 'ASC' ? 1 : -1;
  const key = (r: Row): number | string | null => {
    if (field === 'status') return STATUS_ORDER.indexOf(r.status);
    if (field === 'startedAt' || field === 'endedAt') {
      const at = r[field];
      return at === null ? null : Date.parse(at);
    }
    return r[field];
  };
  return [...rows]
    .sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      if (x !== y) {
        if (x === null) return sign; // NULL is the largest value
        if (y === null) return -sign;
        return (x < y ? -1 : 1) * sign;
      }
      return (a.id < b.id ? -1 : 1) * sign;
    })
    .map((r) => r.id);
}

describe('episodes list: filters, sorts, pages', () => {
  let t: TestApp;
  let db: pg.Client;
  let admin: ApiClient;
  let researcher: ApiClient;
  let robotaxi: string;
  let atari: string;
  let bulk: string;
  const people: Record<string, string> = {};
  const sessions: Record<string, string> = {};
  let all: Row[];

  const list = (
    client: ApiClient,
    params: { filter?: object; sort?: [string, string]; range?: [number, number] },
  ) =>
    client.get<Row[]>(
      `/episodes?filter=${q(params.filter ?? {})}` +
        (params.sort ? `&sort=${q(params.sort)}` : '') +
        (params.range ? `&range=${q(params.range)}` : ''),
    );
  const ids = (rows: Row[]) => rows.map((r) => r.id);
  const totalOf = (res: { headers: Headers }) =>
    Number(/\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1]);

  async function session(
    name: string,
    studyId: string,
    kind: string,
    roles: Record<string, string>,
  ) {
    const res = await db.query<{ id: string }>(
      `INSERT INTO sessions ("studyId", kind, status, "teacherId", "wizardId", "demonstratorId", "startedAt")
       VALUES ($1, $2, 'completed', $3, $4, $5, now()) RETURNING id`,
      [studyId, kind, roles.teacher ?? null, roles.wizard ?? null, roles.demonstrator ?? null],
    );
    sessions[name] = res.rows[0].id;
  }

  async function episode(
    sessionName: string,
    studyId: string,
    e: Partial<Row> & { index: number; startedAt: string },
  ) {
    await db.query(
      `INSERT INTO episodes ("sessionId", "studyId", index, practice, game, status, steps, score, verified, level, "startedAt", "endedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        sessions[sessionName],
        studyId,
        e.index,
        e.practice ?? false,
        e.game ?? 'robotaxi',
        e.status ?? 'completed',
        e.steps ?? 10,
        e.score ?? 0,
        e.verified ?? null,
        e.game === undefined || e.game === 'robotaxi' ? JSON.stringify({ grid: ['#.#'] }) : null,
        e.startedAt,
        e.endedAt === undefined
          ? new Date(Date.parse(e.startedAt) + 60_000).toISOString()
          : e.endedAt,
      ],
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await new ApiClient(t.baseUrl).loginResearcher();
    expect(
      (await admin.post('/researchers', { email: 'rita@test.local', password: 'rita-password-1' }))
        .status,
    ).toBe(201);
    researcher = await new ApiClient(t.baseUrl).loginResearcher(
      'rita@test.local',
      'rita-password-1',
    );
    robotaxi = (
      await admin.post<{ id: string }>('/studies', {
        name: 'Taxi',
        slug: 'list-taxi',
        kind: 'woz-robotaxi',
        config: texts,
      })
    ).body.id;
    // The researcher's own study.
    atari = (
      await researcher.post<{ id: string }>('/studies', {
        name: 'Atari',
        slug: 'list-atari',
        kind: 'atari-demo',
        config: texts,
      })
    ).body.id;
    bulk = (
      await admin.post<{ id: string }>('/studies', {
        name: 'Bulk',
        slug: 'list-bulk',
        kind: 'atari-demo',
        config: texts,
      })
    ).body.id;
    for (const range of ['T0001-T0003', 'W0001-W0002'])
      expect((await admin.post(`/studies/${robotaxi}/participants/range`, { range })).status).toBe(
        201,
      );
    expect(
      (await researcher.post(`/studies/${atari}/participants/range`, { range: 'D0001-D0002' }))
        .status,
    ).toBe(201);
    for (const p of (
      await admin.get<{ id: string; participantId: string; studyId: string }[]>(
        '/participants?range=[0,99]',
      )
    ).body)
      people[p.participantId] = p.id;

    db = new pg.Client({ connectionString: t.databaseUrl });
    await db.connect();
    await session('S1', robotaxi, 'woz-robotaxi', { teacher: people.T0001, wizard: people.W0001 });
    await session('S2', robotaxi, 'woz-robotaxi', { teacher: people.T0002, wizard: people.W0001 });
    await session('S3', robotaxi, 'woz-robotaxi', { teacher: people.T0001, wizard: people.W0002 });
    await session('S4', atari, 'atari-demo', { demonstrator: people.D0001 });
    // Ties on purpose (score 10 three times, steps 40 twice, games and statuses repeat), and a
    // running episode without an end.
    await episode('S1', robotaxi, {
      index: 0,
      practice: true,
      score: -5,
      steps: 20,
      startedAt: '2026-03-01T10:00:00.000Z',
    });
    await episode('S1', robotaxi, {
      index: 1,
      score: 10,
      steps: 40,
      startedAt: '2026-03-01T10:05:00.000Z',
    });
    await episode('S1', robotaxi, {
      index: 2,
      score: 10,
      steps: 35,
      status: 'aborted',
      startedAt: '2026-03-01T10:10:00.000Z',
    });
    await episode('S2', robotaxi, {
      index: 0,
      practice: true,
      score: 7,
      steps: 40,
      startedAt: '2026-03-02T09:00:00.000Z',
    });
    await episode('S2', robotaxi, {
      index: 1,
      score: 50,
      steps: 90,
      startedAt: '2026-03-02T09:05:00.000Z',
    });
    await episode('S3', robotaxi, {
      index: 0,
      practice: true,
      score: 10,
      steps: 12,
      startedAt: '2026-04-10T14:00:00.000Z',
    });
    await episode('S3', robotaxi, {
      index: 1,
      score: 3,
      steps: 60,
      status: 'running',
      endedAt: null,
      startedAt: '2026-04-10T14:05:00.000Z',
    });
    await episode('S4', atari, {
      index: 0,
      game: 'space-invaders',
      score: 120,
      steps: 3000,
      verified: true,
      startedAt: '2026-03-01T12:00:00.000Z',
    });
    await episode('S4', atari, {
      index: 1,
      game: 'space-invaders',
      score: 90,
      steps: 2500,
      verified: false,
      startedAt: '2026-03-01T12:10:00.000Z',
    });
    await episode('S4', atari, {
      index: 2,
      game: 'space-invaders',
      score: 0,
      steps: 100,
      status: 'aborted',
      startedAt: '2026-03-01T12:20:00.000Z',
    });

    // 6,005 episodes in one study: more than the service finds by filter before sorting, so that
    // these pages are read in index order (and the far half from the other end).
    await db.query(
      `WITH s AS (INSERT INTO sessions ("studyId", kind, status, seed)
                  SELECT $1, 'atari-demo', 'completed', g FROM generate_series(0, 600) g RETURNING id, seed)
       INSERT INTO episodes ("sessionId", "studyId", index, game, status, steps, score, "startedAt", "endedAt")
       SELECT s.id, $1, i, (ARRAY['enduro', 'seaquest', 'ms-pacman'])[1 + (s.seed + i) % 3],
              (ARRAY['completed', 'completed', 'aborted', 'running'])[1 + (s.seed * 7 + i) % 4]::episode_status,
              (s.seed * 31 + i * 17) % 500, (s.seed * 13 + i * 7) % 97,
              timestamptz '2026-05-01' + (s.seed * 10 + i) * interval '1 minute',
              CASE WHEN (s.seed + i) % 9 = 0 THEN NULL
                   ELSE timestamptz '2026-05-01' + ((s.seed * 10 + i) % 1000) * interval '1 minute' END
         FROM s CROSS JOIN LATERAL generate_series(0, CASE WHEN s.seed = 600 THEN 4 ELSE 9 END) i`,
      [bulk],
    );
    await db.query('ANALYZE episodes');
    all = [
      ...(await list(admin, { filter: { studyId: robotaxi }, range: [0, 99] })).body,
      ...(await list(admin, { filter: { studyId: atari }, range: [0, 99] })).body,
    ];
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('filters by participant row id: the sessions where they are teacher, wizard or demonstrator', async () => {
    const bySession = (...names: string[]) =>
      all
        .filter((r) => names.map((n) => sessions[n]).includes(r.sessionId))
        .map((r) => r.id)
        .sort();
    const check = async (pid: string, expected: string[]) => {
      const res = await list(admin, { filter: { participantId: people[pid] }, range: [0, 99] });
      expect(res.status).toBe(200);
      expect(ids(res.body).sort(), pid).toEqual(expected);
      expect(totalOf(res)).toBe(expected.length);
    };
    await check('T0001', bySession('S1', 'S3'));
    await check('W0001', bySession('S1', 'S2'));
    await check('W0002', bySession('S3'));
    await check('D0001', bySession('S4'));
    await check('T0003', []);
    // With other filters and a sort.
    const res = await list(admin, {
      filter: { participantId: people.W0001, practice: false },
      sort: ['score', 'DESC'],
    });
    expect(res.body.map((r) => r.score)).toEqual([50, 10, 10]);
  });

  it('filters by a startedAt range, both bounds inclusive, as dates or instants with a zone', async () => {
    const check = async (filter: object, expected: Row[]) => {
      const res = await list(admin, {
        filter: { ...filter, studyId: robotaxi },
        sort: ['startedAt', 'ASC'],
        range: [0, 99],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(ids(res.body)).toEqual(sorted(expected, 'startedAt', 'ASC'));
    };
    const taxi = all.filter((r) => r.studyId === robotaxi);
    const within = (from: string, to: string) =>
      taxi.filter(
        (r) =>
          r.startedAt >= new Date(from).toISOString() && r.startedAt <= new Date(to).toISOString(),
      );
    await check({ startedAt_gte: '2026-03-02' }, within('2026-03-02', '2100-01-01'));
    await check({ startedAt_lte: '2026-03-02' }, within('2000-01-01', '2026-03-02'));
    // Inclusive at both ends, to the millisecond.
    await check(
      { startedAt_gte: '2026-03-01T10:05:00.000Z', startedAt_lte: '2026-03-02T09:00:00Z' },
      within('2026-03-01T10:05:00.000Z', '2026-03-02T09:00:00.000Z'),
    );
    expect(within('2026-03-01T10:05:00.000Z', '2026-03-02T09:00:00.000Z')).toHaveLength(3);
    // An offset is honoured: 11:05+01:00 is 10:05Z.
    await check(
      { startedAt_gte: '2026-03-01T11:05:00+01:00', startedAt_lte: '2026-03-01T11:10:00+01:00' },
      within('2026-03-01T10:05:00Z', '2026-03-01T10:10:00Z'),
    );
    await check({ startedAt_gte: '2026-05-01', startedAt_lte: '2026-04-01' }, []);
  });

  it('sorts by every sortable field both ways, ties broken by the id in the same direction, on every page', async () => {
    const taxi = all.filter((r) => r.studyId === robotaxi);
    const own = all.filter((r) => r.studyId === atari);
    expect([taxi.length, own.length]).toEqual([7, 3]);
    for (const field of FIELDS)
      for (const dir of ['ASC', 'DESC'] as const) {
        // Two a page: the near half as asked, the far half read from the other end, a short last page.
        const pages: string[] = [];
        for (let skip = 0; skip < 7; skip += 2) {
          const res = await list(admin, {
            filter: { studyId: robotaxi },
            sort: [field, dir],
            range: [skip, skip + 1],
          });
          expect(res.headers.get('content-range')).toBe(
            `episodes ${skip}-${Math.min(skip + 1, 6)}/7`,
          );
          pages.push(...ids(res.body));
        }
        expect(pages, `${field} ${dir}`).toEqual(sorted(taxi, field, dir));
        // The researcher's scope (their one study), without a study filter.
        const scoped: string[] = [];
        for (let skip = 0; skip < 3; skip++)
          scoped.push(
            ...ids((await list(researcher, { sort: [field, dir], range: [skip, skip] })).body),
          );
        expect(scoped, `${field} ${dir} (researcher)`).toEqual(sorted(own, field, dir));
      }
  });

  it('reads pages of a large result in index order, the far half from the other end', async () => {
    const oracle = async (field: Field, dir: string, where: string, skip: number, take: number) =>
      (
        await db.query<{ id: string }>(
          `SELECT id FROM episodes WHERE "studyId" = $1 ${where} ORDER BY "${field}" ${dir}, id ${dir} OFFSET $2 LIMIT $3`,
          [bulk, skip, take],
        )
      ).rows.map((r) => r.id);
    const total = 6005;
    for (const field of FIELDS)
      for (const dir of ['ASC', 'DESC'] as const)
        for (const skip of [0, 100, 2950, 3000, 5900, 6000]) {
          const res = await list(admin, {
            filter: { studyId: bulk },
            sort: [field, dir],
            range: [skip, skip + 99],
          });
          expect(res.status).toBe(200);
          expect(res.headers.get('content-range')).toBe(
            `episodes ${skip}-${Math.min(skip + 99, total - 1)}/${total}`,
          );
          expect(ids(res.body), `${field} ${dir} from ${skip}`).toEqual(
            await oracle(field, dir, '', skip, 100),
          );
        }
    // With a filter that leaves most rows, over everything the admin sees.
    const completed = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM episodes WHERE "studyId" = $1 AND status = 'completed'`,
      [bulk],
    );
    const n = Number(completed.rows[0].n);
    expect(n).toBeGreaterThan(2500);
    for (const skip of [0, n - 150]) {
      const res = await list(admin, {
        filter: { studyId: bulk, status: 'completed' },
        sort: ['score', 'DESC'],
        range: [skip, skip + 99],
      });
      expect(totalOf(res)).toBe(n);
      expect(ids(res.body)).toEqual(
        await oracle('score', 'DESC', `AND status = 'completed'`, skip, 100),
      );
    }
    // Past the end: no rows, the total still right.
    const past = await list(admin, { filter: { studyId: bulk }, range: [7000, 7009] });
    expect(past.body).toEqual([]);
    expect(totalOf(past)).toBe(total);
  });

  it('takes up to 100 rows a page and refuses more', async () => {
    const hundred = await list(admin, { range: [0, 99] });
    expect(hundred.status).toBe(200);
    expect(hundred.body).toHaveLength(100);
    expect(hundred.headers.get('content-range')).toBe('episodes 0-99/6015');
    const more = await list(admin, { range: [0, 100] });
    expect(more.status).toBe(400);
    expect((more.body as unknown as { message: string }).message).toMatch(
      /range: at most 100 rows/,
    );
  });

  it.each([
    [{ participantId: 'T0001' }, 'filter.participantId'],
    [{ participantId: ['3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4b'] }, 'filter.participantId'],
    [{ studyId: 'not-a-uuid' }, 'filter.studyId'],
    [
      { studyId: ['3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4b', '3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4c'] },
      'filter.studyId',
    ],
    [{ sessionId: 42 }, 'filter.sessionId'],
    [{ id: ['3f2b8c1e-4a5d-4e6f-8a7b-9c0d1e2f3a4b', 'x'] }, 'filter.id'],
    [{ status: 'done' }, 'filter.status'],
    [{ practice: 'maybe' }, 'filter.practice'],
    [{ verified: 2 }, 'filter.verified'],
    [{ startedAt_gte: 'yesterday' }, 'filter.startedAt_gte'],
    [{ startedAt_lte: '2026-02-30' }, 'filter.startedAt_lte'],
    [{ startedAt_lte: '2026-03-01T10:00:00' }, 'filter.startedAt_lte'],
    [{ startedAt_gt: '2026-03-01' }, 'startedAt_gt'],
  ])('refuses the filter %j with a 400 naming %s', async (filter, field) => {
    const res = await list(admin, { filter });
    expect(res.status).toBe(400);
    expect((res.body as unknown as { message: string }).message).toContain(field);
  });

  it('refuses an unknown sort field', async () => {
    const res = await list(admin, { sort: ['outcome', 'ASC'] });
    expect(res.status).toBe(400);
    expect((res.body as unknown as { message: string }).message).toMatch(
      /cannot sort by "outcome"/,
    );
  });

  it("keeps a researcher's filters inside their own studies", async () => {
    // Another study's participant, session or dates: nothing, and a total of 0.
    for (const filter of [
      { participantId: people.T0001 },
      { sessionId: sessions.S1 },
      { studyId: robotaxi },
      { startedAt_gte: '2026-04-01' },
      { id: all.filter((r) => r.studyId === robotaxi).map((r) => r.id) },
    ]) {
      const res = await list(researcher, { filter, range: [0, 99] });
      expect(res.status).toBe(200);
      expect(res.body, JSON.stringify(filter)).toEqual([]);
      expect(res.headers.get('content-range')).toBe('episodes 0-0/0');
    }
    const mine = await list(researcher, {
      filter: { startedAt_lte: '2026-03-01T12:10:00Z' },
      range: [0, 99],
    });
    expect(ids(mine.body).sort()).toEqual(
      all
        .filter((r) => r.studyId === atari && r.index < 2)
        .map((r) => r.id)
        .sort(),
    );
  });

  it('leaves the level and initial state out of list rows (the show page has them)', async () => {
    const res = await list(admin, { filter: { studyId: robotaxi }, range: [0, 0] });
    expect(res.body[0]).toMatchObject({ id: expect.any(String), score: expect.any(Number) });
    expect(res.body[0]).not.toHaveProperty('level');
    expect(res.body[0]).not.toHaveProperty('initialState');
    const one = await admin.get<Row>(`/episodes/${res.body[0].id}`);
    expect(one.body.level).toEqual({ grid: ['#.#'] });
  });
});
