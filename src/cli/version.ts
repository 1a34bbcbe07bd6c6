// The program's version, read from package.json so that it is written down in one place.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** "0.1.0", or "unknown" when package.json cannot be found. */
export function trackerVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'tracker' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here: try the parent directory
    }
    dir = dirname(dir);
  }
  return 'unknown';
}
