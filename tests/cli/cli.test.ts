// The headless CLI: info (text and --json), convert, help, version, and one-line errors with the
// documented exit codes (1 bad input, 2 bad usage), never a stack trace.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/run-cli.js';

const DEMOS = ['songs/demo-night-drive.trk', 'songs/demo-pocket-arcade.trk'];

function oneLineError(r: { stderr: string }): void {
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(r.stderr).toMatch(/^tracker: /);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('tracker info', () => {
  it('prints exactly the documented JSON keys for each demo song', async () => {
    for (const file of DEMOS) {
      const r = await runCli(['info', file, '--json']);
      expect(r.code).toBe(0);
      const info = JSON.parse(r.stdout) as Record<string, unknown>;
      expect(Object.keys(info)).toEqual(['title', 'format', 'channels', 'orders', 'patterns', 'instruments', 'samples', 'durationSeconds']);
      expect(info['format']).toBe('trk');
      expect(typeof info['title']).toBe('string');
      expect(info['channels']).toBeGreaterThanOrEqual(4);
    }
  });

  it('prints a readable summary without --json', async () => {
    const r = await runCli(['info', DEMOS[0] as string]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^file: +songs\/demo-night-drive\.trk$/m);
    expect(r.stdout).toMatch(/^title: +Night Drive$/m);
    expect(r.stdout).toMatch(/^channels: +8$/m);
  });
});

describe('errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tracker-cli-'));

  it('missing file: one line, exit 1', async () => {
    const r = await runCli(['info', 'nope.trk'], dir);
    expect(r.code).toBe(1);
    oneLineError(r);
    expect(r.stderr).toContain('nope.trk: no such file or directory');
  });

  it('a directory: one line, exit 1', async () => {
    mkdirSync(join(dir, 'adir'), { recursive: true });
    const r = await runCli(['info', 'adir'], dir);
    expect(r.code).toBe(1);
    oneLineError(r);
    expect(r.stderr).toContain('adir: is a directory');
  });

  it('an empty file: one line, exit 1', async () => {
    writeFileSync(join(dir, 'empty.trk'), '');
    const r = await runCli(['info', 'empty.trk'], dir);
    expect(r.code).toBe(1);
    oneLineError(r);
    expect(r.stderr).toContain('empty.trk: the file is empty');
  });

  it('an unreadable file: one line, exit 1', async () => {
    const f = join(dir, 'locked.trk');
    writeFileSync(f, 'tracker-song 1\n');
    chmodSync(f, 0o000);
    const r = await runCli(['info', 'locked.trk'], dir);
    chmodSync(f, 0o644);
    // root can read anything: then the file loads as a (broken) song instead.
    expect(r.code).toBe(1);
    oneLineError(r);
  });

  it('a malformed .trk names the file and line: exit 1', async () => {
    const text = readFileSync(join(REPO, DEMOS[1] as string), 'utf8').replace('tempo = 140', 'tempo = quick');
    writeFileSync(join(dir, 'bad.trk'), text);
    const r = await runCli(['info', 'bad.trk'], dir);
    expect(r.code).toBe(1);
    oneLineError(r);
    expect(r.stderr).toMatch(/bad\.trk:\d+: tempo must be a whole number/);
  });

  it('not a song at all: exit 1', async () => {
    writeFileSync(join(dir, 'notes.txt'), 'shopping list\n');
    const r = await runCli(['info', 'notes.txt'], dir);
    expect(r.code).toBe(1);
    oneLineError(r);
    expect(r.stderr).toContain('not a song file');
  });

  it('usage errors exit 2 with one line', async () => {
    for (const args of [['info'], ['info', 'a', 'b'], ['info', 'x.trk', '--bogus'], ['convert', 'a.trk'], ['help', 'nosuch']]) {
      const r = await runCli(args, dir);
      expect(r.code, args.join(' ')).toBe(2);
      oneLineError(r);
    }
  });

  it('convert to an unknown extension: exit 1 naming the types that work', async () => {
    const r = await runCli(['convert', join(REPO, DEMOS[0] as string), 'out.wav'], dir);
    expect(r.code).toBe(1);
    oneLineError(r);
    expect(r.stderr).toContain('.trk');
  });
});

describe('convert', () => {
  it('.trk to .trk gives the same song', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-conv-'));
    const out = join(dir, 'copy.trk');
    const r = await runCli(['convert', DEMOS[1] as string, out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(REPO, DEMOS[1] as string), 'utf8'));
  });
});

describe('help and version', () => {
  it('--help lists the commands', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}info /m);
    expect(r.stdout).toMatch(/^ {2}convert /m);
  });

  it('each command has --help generated from its options', async () => {
    const r = await runCli(['info', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('usage: tracker info FILE');
    expect(r.stdout).toContain('--json');
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    const r = await runCli(['--version']);
    expect(r.stdout.trim()).toBe(`tracker ${pkg.version}`);
  });
});
