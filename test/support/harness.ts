/**
 * The recorder test harness (`test/harness/recorder/`): a page that drives the real client
 * recorder (`client/src/recorder`) against the real API, as a study page would. It is built with
 * Vite into a temporary folder and served by a small loopback server that also forwards `/api/*`
 * to the API under test, so the page and the API share one origin (`http://localhost:<port>`, a
 * secure context for the microphone) exactly as the client and the API do in production, without
 * the API serving test files. No vitest imports: the alignment bench uses it too.
 */
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.css': 'text/css',
};

let built: Promise<string> | undefined;

/** Builds the harness once per process; resolves to the output folder. */
export function buildRecorderHarness(): Promise<string> {
  built ??= (async () => {
    const { build } = await import('vite');
    const outDir = mkdtempSync(join(tmpdir(), 'ozlab-harness-'));
    await build({
      root: join(ROOT, 'test/harness/recorder'),
      base: '/harness/',
      logLevel: 'warn',
      configFile: false,
      build: { outDir, emptyOutDir: true, sourcemap: true, minify: false },
    });
    return outDir;
  })();
  return built;
}

export interface HarnessServer {
  /** `http://localhost:<port>`: open `${origin}/harness/index.html`. */
  origin: string;
  close(): Promise<void>;
}

async function serveFile(dir: string, pathname: string, res: ServerResponse): Promise<void> {
  const file = normalize(join(dir, pathname.replace(/^\/harness\/?/, '') || 'index.html'));
  if (!file.startsWith(dir)) {
    res.writeHead(403).end();
    return;
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end('not found');
  }
}

function forward(api: URL, req: IncomingMessage, res: ServerResponse): void {
  const upstream = request(
    {
      host: api.hostname,
      port: api.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: api.host },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  req.pipe(upstream);
}

/** Serves the built harness at `/harness/` and forwards everything else to `apiBaseUrl`. */
export async function startHarnessServer(apiBaseUrl: string): Promise<HarnessServer> {
  const dir = await buildRecorderHarness();
  const api = new URL(apiBaseUrl);
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === '/harness' || pathname.startsWith('/harness/'))
      void serveFile(dir, pathname, res);
    else forward(api, req, res);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
