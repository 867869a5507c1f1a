/**
 * Seeds sessions, participants and 10 episodes per session straight into PostgreSQL, in a few
 * `INSERT ... SELECT` statements (generate_series), for `bench/admin-api.ts`: 100,000 episodes take
 * seconds instead of the hours it would take to play them. The studies themselves are created
 * through the API first, so that their owners are real researchers.
 *
 * The shape follows a real deployment: studies of very different sizes that run at the same time
 * (episodes of all studies interleaved in insertion order, as the game loops write them), RoboTaxi
 * sessions with a teacher and a wizard, Atari sessions with a demonstrator, participants who play
 * two sessions on average, practice rounds, a few aborted or running episodes, Atari verification.
 */
import pg from 'pg';
import type { StudyKind } from '../../src/games/common/api.js';

export interface SeedStudy {
  id: string;
  kind: StudyKind;
  sessions: number;
}

export const EPISODES_PER_SESSION = 10;
export const ATARI_GAMES = ['space-invaders', 'ms-pacman', 'seaquest', 'enduro'] as const;

/** A RoboTaxi level as the study issue stores it (a few hundred bytes of JSON). */
const LEVEL = JSON.stringify({
  name: 'bench',
  width: 8,
  height: 8,
  grid: [
    '########',
    '#..P...#',
    '#.##.#.#',
    '#....#.#',
    '#.#B...#',
    '#.#.##.#',
    '#...D..#',
    '########',
  ],
  passenger: [3, 1],
  destination: [4, 6],
  bombs: [[4, 4]],
});

export async function seedEpisodes(databaseUrl: string, studies: SeedStudy[]): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT setseed(0.42)');
    // Participants: RoboTaxi studies get as many teachers and wizards as half their sessions
    // (each plays two sessions on average), Atari studies as many demonstrators.
    await client.query(
      `INSERT INTO participants ("studyId", "participantId", role, status, "inviteToken", "consentedAt")
       SELECT s.id, r.prefix || lpad(g::text, 4, '0'), r.role, 'completed',
              md5(s.id::text || r.prefix || g), now()
         FROM unnest($1::uuid[], $2::text[], $3::int[]) AS s(id, kind, sessions)
         JOIN (VALUES ('woz-robotaxi', 'T', 'teacher'), ('woz-robotaxi', 'W', 'wizard'),
                      ('atari-demo', 'D', 'demonstrator')) AS r(kind, prefix, role)
           ON r.kind = s.kind
        CROSS JOIN LATERAL generate_series(1, GREATEST(1, s.sessions / 2)) AS g`,
      [studies.map((s) => s.id), studies.map((s) => s.kind), studies.map((s) => s.sessions)],
    );
    // Sessions spread over January to November 2026, every one finished.
    await client.query(
      `WITH numbered AS (
         SELECT id, "studyId", role,
                row_number() OVER (PARTITION BY "studyId", role ORDER BY "participantId") AS n,
                count(*) OVER (PARTITION BY "studyId", role) AS total
           FROM participants)
       INSERT INTO sessions ("studyId", kind, status, "teacherId", "wizardId", "demonstratorId",
                             seed, pairing, "startedAt", "endedAt", "createdAt")
       SELECT s.id, s.kind,
              (CASE WHEN s.k % 23 = 0 THEN 'aborted' ELSE 'completed' END)::session_status,
              t.id, w.id, d.id, s.k,
              'auto', s.at, s.at + interval '40 minutes', s.at
         FROM (SELECT u.id, u.kind, k,
                      timestamptz '2026-01-01T08:00:00Z' + random() * interval '320 days' AS at
                 FROM unnest($1::uuid[], $2::text[], $3::int[]) AS u(id, kind, sessions)
                CROSS JOIN LATERAL generate_series(0, u.sessions - 1) AS k) AS s
         LEFT JOIN numbered t ON t."studyId" = s.id AND t.role = 'teacher'
                              AND t.n = s.k % t.total + 1
         LEFT JOIN numbered w ON w."studyId" = s.id AND w.role = 'wizard'
                              AND w.n = (s.k * 7 + 3) % w.total + 1
         LEFT JOIN numbered d ON d."studyId" = s.id AND d.role = 'demonstrator'
                              AND d.n = s.k % d.total + 1`,
      [studies.map((s) => s.id), studies.map((s) => s.kind), studies.map((s) => s.sessions)],
    );
    // Episodes, inserted in the order they were played across all studies.
    await client.query(
      `INSERT INTO episodes ("sessionId", "studyId", index, round, practice, game, status, outcome,
                             steps, score, seed, level, "initialState", "romMd5", verification,
                             verified, "startedAt", "endedAt", "createdAt", "updatedAt")
       SELECT s.id, s."studyId", i,
              CASE WHEN s.kind = 'woz-robotaxi' THEN i END,
              s.kind = 'woz-robotaxi' AND i = 0,
              game, e.status::episode_status,
              CASE e.status WHEN 'completed' THEN (ARRAY['delivered', 'bomb', 'step-limit', 'game-over'])[1 + (s.seed + i) % 4]
                          WHEN 'aborted' THEN 'aborted' END,
              steps, score, s.seed * 10 + i,
              CASE WHEN s.kind = 'woz-robotaxi' THEN $1::jsonb END,
              CASE WHEN s.kind = 'woz-robotaxi' THEN '{"taxi":[3,1],"carrying":false}'::jsonb END,
              CASE WHEN s.kind = 'atari-demo' THEN md5(game) END,
              CASE WHEN verified IS NOT NULL THEN jsonb_build_object('checkedHashes', steps / 60,
                     'firstDivergingFrame', CASE WHEN verified THEN NULL ELSE steps / 2 END,
                     'at', started) END,
              verified, started,
              CASE WHEN e.status <> 'running' THEN started + steps * interval '100 ms' END,
              started, started
         FROM sessions s
        CROSS JOIN LATERAL generate_series(0, ${EPISODES_PER_SESSION - 1}) AS i
        CROSS JOIN LATERAL (SELECT
              CASE WHEN s.kind = 'woz-robotaxi' THEN 'robotaxi'
                   ELSE ($2::text[])[1 + abs(hashtext(s."studyId"::text || (s.seed % 3)::text)) % ${ATARI_GAMES.length}] END AS game,
              CASE WHEN s.status = 'aborted' AND i = ${EPISODES_PER_SESSION - 1} THEN 'aborted'
                   WHEN random() < 0.01 THEN 'running'
                   WHEN random() < 0.06 THEN 'aborted' ELSE 'completed' END AS status,
              50 + floor(random() * 4950)::int AS steps,
              floor(random() * 600)::int - 50 AS score,
              s."startedAt" + i * interval '3 minutes' + random() * interval '60 seconds' AS started,
              CASE WHEN s.kind = 'woz-robotaxi' THEN NULL
                   WHEN random() < 0.8 THEN true WHEN random() < 0.3 THEN false END AS verified
              ) AS e
        ORDER BY started`,
      [LEVEL, [...ATARI_GAMES]],
    );
    await client.query('COMMIT');
    // What autovacuum would have done by the time a study has 100,000 episodes: statistics for
    // the planner and a visibility map for index-only scans.
    await client.query('VACUUM ANALYZE participants, sessions, episodes');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
