import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder of OzLab's package.json), from source or from dist alike. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (
      existsSync(pkg) &&
      (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'ozlab'
    )
      return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('Cannot find the OzLab project root');
    dir = up;
  }
}
