// Runs once before the test files: builds dist/ (what bin/tracker.js runs) when it is missing or
// older than src/, so tests that start the real binary never race each other to build it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function newestMtime(dir: string): number {
  return readdirSync(dir).reduce((m, name) => {
    const p = join(dir, name);
    const st = statSync(p);
    return Math.max(m, st.isDirectory() ? newestMtime(p) : st.mtimeMs);
  }, 0);
}

export default function setup(): void {
  const entry = join(ROOT, 'dist', 'cli', 'run.js');
  if (existsSync(entry) && statSync(entry).mtimeMs >= newestMtime(join(ROOT, 'src'))) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, encoding: 'utf8' });
  if (!existsSync(entry)) throw new Error(`could not build dist/ for the binary tests:\n${r.stdout}${r.stderr}`);
}
