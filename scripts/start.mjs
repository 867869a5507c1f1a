#!/usr/bin/env node
// `npm start`: install and build whatever is missing, then run OzLab (API + admin + client + renderer).
import { spawn, spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const ensure = spawnSync(
  process.execPath,
  ['scripts/ensure.mjs', '--install', '--build-server', '--build-ui'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (ensure.status !== 0) process.exit(ensure.status ?? 1);

const child = spawn(process.execPath, ['--enable-source-maps', 'dist/src/main.js'], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
