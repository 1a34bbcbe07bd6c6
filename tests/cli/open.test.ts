// `tracker [FILE]`: unreadable files and unwritable new names fail in one line with exit code 1
// before any screen is drawn; without a terminal the editor says it needs one.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

describe('tracker [FILE]', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tracker-open-'));

  it('reports a damaged song in one line and exits 1', async () => {
    writeFileSync(join(dir, 'bad.trk'), 'tracker-song 1\n[song]\ntitle = "x\n');
    const r = await runCli(['bad.trk'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^tracker: bad\.trk.*\n$/);
  });

  it('reports a folder and a file type it cannot save to', async () => {
    const folder = await runCli(['.'], dir);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(/is a directory/);
    const unknown = await runCli(['new-song.xyz'], dir);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/new-song\.xyz: unknown file type; use one of: \.trk/);
  });

  it('needs a terminal for the editor itself', async () => {
    const r = await runCli(['fresh.trk'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('tracker: the editor needs a terminal (stdin and stdout must be a TTY); for scripts use "tracker info" or "tracker convert"\n');
  });
});
