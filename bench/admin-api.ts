/**
 * `npm run bench:admin-api`: the dashboard's episode list at 100,000 episodes, through the HTTP API
 * (the built API in its own process, the real Postgres).
 *
 * Seeds 12 studies of very different sizes (30 % of the rows in the largest; 4 of them, 28 % of the
 * rows, owned by a second, non-admin researcher), with their participants and sessions, 10
 * episodes a session (bench/support/episode-seed.ts: `INSERT ... SELECT`, a few seconds). Then asks
 * for pages one request at a time, as a researcher clicking through the list does: half as the
 * admin (everything), half as the researcher (their studies only), with random filters (study,
 * participant, session, game, status, practice, verified, a date range, and combinations), random
 * sorts over every sortable field in both directions, page sizes of 10 to 100, and pages from the
 * first to the last. Latency is from sending the request to having read the whole body.
 *
 *   --rows (default 100000) · --queries (default 300: each asks for its first page, and some
 *   for a later one too) · --warmup (default 30) · --seed (default 1)
 *
 * Ends with: `admin-api rows=… p50_ms=… p95_ms=…`
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { StudyKind } from '../src/games/common/api.js';
import { ATARI_GAMES, EPISODES_PER_SESSION, seedEpisodes } from './support/episode-seed.js';
import { ADMIN, apiCall, quantile, round, startBenchServer } from './support/server.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '30' },
    seed: { type: 'string', default: '1' },
  },
});
const ROWS = Number(values.rows);
const QUERIES = Number(values.queries);
const WARMUP = Number(values.warmup);

/** Share of the rows in each study; the researcher owns the ones marked. */
const STUDIES: { share: number; researcher: boolean }[] = [
  { share: 0.3, researcher: false },
  { share: 0.2, researcher: true },
  { share: 0.12, researcher: false },
  { share: 0.1, researcher: false },
  { share: 0.08, researcher: false },
  { share: 0.06, researcher: true },
  { share: 0.05, researcher: false },
  { share: 0.04, researcher: false },
  { share: 0.02, researcher: false },
  { share: 0.015, researcher: true },
  { share: 0.01, researcher: false },
  { share: 0.005, researcher: true },
];
const SORTS = ['startedAt', 'endedAt', 'score', 'steps', 'index', 'game', 'status'] as const;
const PAGE_SIZES = [10, 25, 25, 25, 50, 100];
const RESEARCHER = { email: 'researcher@ozlab.local', password: 'researcher-password-1' };

/** mulberry32: the same queries on every run of a seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(Number(values.seed));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

interface Study {
  id: string;
  kind: StudyKind;
  researcher: boolean;
  participants: string[];
  sessions: string[];
}

type Filter = Record<string, string | boolean>;

/** A random filter, drawn from the studies the caller can see. */
function randomFilter(visible: Study[]): Filter {
  const study = pick(visible);
  const day = (d: number) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString();
  const start = Math.floor(random() * 300);
  const range = { startedAt_gte: day(start), startedAt_lte: day(start + 7 + random() * 60) };
  const r = random();
  if (r < 0.25) return {};
  if (r < 0.45) return { studyId: study.id };
  if (r < 0.5) return { studyId: study.id, ...range };
  if (r < 0.55) return range;
  if (r < 0.6) return { participantId: pick(study.participants) };
  if (r < 0.63) return { sessionId: pick(study.sessions) };
  if (r < 0.7)
    return {
      game: study.kind === 'woz-robotaxi' ? 'robotaxi' : pick(ATARI_GAMES),
      ...(random() < 0.5 ? { studyId: study.id } : {}),
    };
  if (r < 0.8)
    return {
      status: pick(['completed', 'aborted', 'running']),
      ...(random() < 0.5 ? { studyId: study.id } : {}),
    };
  if (r < 0.87)
    return { verified: random() < 0.5, ...(random() < 0.5 ? { studyId: study.id } : {}) };
  if (r < 0.92)
    return { practice: random() < 0.5, ...(random() < 0.5 ? { studyId: study.id } : {}) };
  return { studyId: study.id, status: 'completed', practice: false, ...range };
}

interface Timed {
  ms: number;
  total: number;
  rows: { studyId: string }[];
  path: string;
}

async function list(
  baseUrl: string,
  token: string,
  filter: Filter,
  sort: [string, string],
  skip: number,
  take: number,
): Promise<Timed> {
  const path =
    `/episodes?filter=${encodeURIComponent(JSON.stringify(filter))}` +
    `&sort=${encodeURIComponent(JSON.stringify(sort))}&range=${encodeURIComponent(JSON.stringify([skip, skip + take - 1]))}`;
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}/api${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${body}`);
  const total = Number(/\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1]);
  return { ms, total, rows: JSON.parse(body) as { studyId: string }[], path };
}

async function main() {
  const server = await startBenchServer();
  try {
    const admin = (await apiCall<{ token: string }>(server.baseUrl, 'POST', '/auth/login', ADMIN))
      .token;
    await apiCall(
      server.baseUrl,
      'POST',
      '/researchers',
      { ...RESEARCHER, name: 'Researcher' },
      admin,
    );
    const researcher = (
      await apiCall<{ token: string }>(server.baseUrl, 'POST', '/auth/login', RESEARCHER)
    ).token;

    const sessions = ROWS / EPISODES_PER_SESSION;
    const studies: Study[] = [];
    for (const [i, s] of STUDIES.entries()) {
      const kind: StudyKind = i % 2 === 0 ? 'woz-robotaxi' : 'atari-demo';
      const { id } = await apiCall<{ id: string }>(
        server.baseUrl,
        'POST',
        '/studies',
        {
          name: `Bench ${i}`,
          slug: `bench-${i}`,
          kind,
          config: { consentText: 'Bench', instructions: 'Bench' },
        },
        s.researcher ? researcher : admin,
      );
      studies.push({ id, kind, researcher: s.researcher, participants: [], sessions: [] });
    }
    const counts = STUDIES.map((s) => Math.round(s.share * sessions));
    counts[0] += sessions - counts.reduce((a, b) => a + b, 0);
    const t0 = performance.now();
    await seedEpisodes(
      server.databaseUrl,
      studies.map((s, i) => ({ id: s.id, kind: s.kind, sessions: counts[i] })),
    );
    const db = new pg.Client({ connectionString: server.databaseUrl });
    await db.connect();
    const seeded = Number(
      (await db.query<{ n: string }>('SELECT count(*) AS n FROM episodes')).rows[0].n,
    );
    for (const s of studies) {
      s.participants = (
        await db.query<{ id: string }>('SELECT id FROM participants WHERE "studyId" = $1', [s.id])
      ).rows.map((r) => r.id);
      s.sessions = (
        await db.query<{ id: string }>('SELECT id FROM sessions WHERE "studyId" = $1', [s.id])
      ).rows.map((r) => r.id);
    }
    const sizes = await db.query<{ heap: string; indexes: string }>(
      `SELECT pg_size_pretty(pg_table_size('episodes')) AS heap,
              pg_size_pretty(pg_indexes_size('episodes')) AS indexes`,
    );
    await db.end();
    console.log(
      `seeded ${seeded} episodes in ${round((performance.now() - t0) / 1000)} s ` +
        `(episodes: table ${sizes.rows[0].heap}, indexes ${sizes.rows[0].indexes})`,
    );

    const callers = [
      { name: 'admin', token: admin, visible: studies },
      { name: 'researcher', token: researcher, visible: studies.filter((s) => s.researcher) },
    ];
    const own = new Set(callers[1].visible.map((s) => s.id));
    const times: Record<string, number[]> = { admin: [], researcher: [] };
    // The floor under the same load: an authenticated request that lists nothing.
    const floor: number[] = [];
    const slowest: Timed[] = [];
    let leaked = 0;
    for (let n = 0; n < WARMUP + QUERIES; n++) {
      const caller = callers[n % 2];
      const filter = randomFilter(caller.visible);
      const sort: [string, string] =
        random() < 0.4 ? ['startedAt', 'DESC'] : [pick(SORTS), random() < 0.5 ? 'ASC' : 'DESC'];
      const take = pick(PAGE_SIZES);
      const pages = [await list(server.baseUrl, caller.token, filter, sort, 0, take)];
      // Then, often, a later page: the next ones, a random one, or the last.
      const last = Math.max(0, Math.ceil(pages[0].total / take) - 1);
      const r = random();
      const later =
        r < 0.2 ? 1 : r < 0.35 ? Math.floor(random() * (last + 1)) : r < 0.45 ? last : -1;
      if (later > 0 && later <= last)
        pages.push(await list(server.baseUrl, caller.token, filter, sort, later * take, take));
      if (n < WARMUP) continue;
      const f0 = performance.now();
      const me = await fetch(`${server.baseUrl}/api/auth/me`, {
        headers: { authorization: `Bearer ${caller.token}` },
      });
      await me.text();
      floor.push(performance.now() - f0);
      for (const page of pages) {
        times[caller.name].push(page.ms);
        slowest.push(page);
        slowest.sort((a, b) => b.ms - a.ms).splice(5);
        if (caller.name === 'researcher')
          leaked += page.rows.filter((row) => !own.has(row.studyId)).length;
      }
    }
    if (leaked) throw new Error(`the researcher saw ${leaked} rows of studies they do not own`);

    const all = [...times.admin, ...times.researcher];
    for (const [name, ms] of Object.entries(times))
      console.log(
        `${name}: ${ms.length} requests, p50 ${round(quantile(ms, 0.5))} ms, p95 ${round(quantile(ms, 0.95))} ms, max ${round(Math.max(...ms))} ms`,
      );
    console.log(
      `floor (GET /api/auth/me between the queries): p50 ${round(quantile(floor, 0.5))} ms, p95 ${round(quantile(floor, 0.95))} ms`,
    );
    console.log('slowest:');
    for (const s of slowest)
      console.log(`  ${round(s.ms)} ms (total ${s.total}) ${decodeURIComponent(s.path)}`);
    console.log(
      `load average at the end: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} (${all.length} requests)`,
    );
    console.log(
      `admin-api rows=${seeded} p50_ms=${round(quantile(all, 0.5))} p95_ms=${round(quantile(all, 0.95))}`,
    );
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
