#!/usr/bin/env node
// Makes a fresh clone runnable: installs dependencies and builds what is missing or stale.
// Only Node built-ins here: this runs before `npm ci`.
//   --install       npm install (from the lockfile) when node_modules is missing or older than package-lock.json.
//                   Not `npm ci`: registries that mirror only some platforms' optional binaries
//                   (@swc/core-*, msgpackr-extract-*) leave them out of the lockfile, which `npm ci` rejects.
//   --build-server  nest build when dist/ is missing or older than src/ or migrations/
//   --build-ui      vite builds of admin/ and client/ when missing or stale
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = new Set(process.argv.slice(2));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd, cmdArgs) {
  process.stdout.write(`> ${cmd} ${cmdArgs.join(' ')}\n`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** Newest modification time of the files under `paths`, skipping build output and dependencies. */
function newest(paths) {
  let max = 0;
  const walk = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p))
        if (!['node_modules', 'dist', '.vite'].includes(name)) walk(join(p, name));
    } else max = Math.max(max, st.mtimeMs);
  };
  paths.forEach((p) => walk(join(root, p)));
  return max;
}

if (args.has('--install')) {
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(marker) || mtime(marker) < mtime(join(root, 'package-lock.json')))
    run(npm, ['install', '--no-audit', '--no-fund']);
}
if (args.has('--build-server')) {
  const out = join(root, 'dist', 'src', 'main.js');
  if (
    !existsSync(out) ||
    mtime(out) < newest(['src', 'migrations', 'tsconfig.json', 'tsconfig.build.json'])
  )
    run(npm, ['run', 'build:server']);
}
if (args.has('--build-ui')) {
  const shared = newest(['src/games/common']);
  for (const app of ['admin', 'client']) {
    const out = join(root, app, 'dist', 'index.html');
    if (
      !existsSync(out) ||
      mtime(out) <
        Math.max(shared, newest([`${app}/src`, `${app}/index.html`, `${app}/vite.config.ts`]))
    )
      run(npm, ['run', `build:${app}`]);
  }
}
