// The installed entry point: bin/tracker.js started by the system Node (20 here and in CI) re-runs
// itself on the project's Node 24 and keeps exit codes and one-line errors.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { REPO, runBinary } from '../helpers/run-cli.js';

describe('bin/tracker.js', () => {
  beforeAll(() => {
    if (!existsSync(join(REPO, 'dist/cli/run.js'))) {
      execFileSync(join(REPO, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], { cwd: REPO });
    }
  });

  it('runs on Node 24 whatever Node started it', () => {
    const r = runBinary(['info', 'songs/demo-night-drive.trk', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ title: 'Night Drive', format: 'trk', channels: 8 });
  });

  it('exits 1 with one line for a missing file and 2 for a bad flag', () => {
    const missing = runBinary(['info', 'no-such-song.xm']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const bad = runBinary(['info', 'x', '--frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
