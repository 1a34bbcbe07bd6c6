// `tracker convert`: what the target cannot hold is printed as warnings on stderr (exit 0, file
// written); --strict refuses instead (exit 1, nothing written); a lossless conversion prints nothing.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSong } from '../../src/formats/registry.js';
import { REPO, runCli } from '../helpers/run-cli.js';

const DEMO = 'songs/demo-night-drive.trk';

describe('tracker convert warnings', () => {
  it('prints every loss as a warning line, writes the file and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-conv-'));
    const out = join(dir, 'night.mod');
    const r = await runCli(['convert', DEMO, out]);
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(l).toMatch(/^warning: .*night\.mod: /);
    expect(r.stderr).toContain('instruments written as their middle-C sample');
    // A semantic loss: the song's Impulse Tracker rules are not ProTracker's.
    expect(r.stderr).toMatch(/MOD playback: .*Impulse Tracker/);
    expect(readSong(new Uint8Array(readFileSync(out))).format.id).toBe('mod');
  });

  it('--strict: the same warnings, "not written", exit 1 and no file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-conv-'));
    const out = join(dir, 'night.mod');
    const r = await runCli(['convert', DEMO, out, '--strict']);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(r.stderr).toContain('instruments written as their middle-C sample');
    expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(/^tracker: .*night\.mod: not written: \d+ things would be lost \(--strict\)$/);
  });

  it('-q hides the warnings but still writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-conv-'));
    const out = join(dir, 'night.s3m');
    const r = await runCli(['convert', DEMO, out, '-q']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(existsSync(out)).toBe(true);
  });

  it('a conversion the target holds whole prints nothing, also with --strict', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-conv-'));
    const out = join(dir, 'night.it');
    const r = await runCli(['convert', join(REPO, DEMO), out, '--strict']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    const back = readSong(new Uint8Array(readFileSync(out)));
    expect(back.format.id).toBe('it');
    expect(back.song.title).toBe('Night Drive');
  });
});
