// Saves never leave a broken file: failures (disk full, permission denied, missing directory) keep
// the old file and say why in one line; backups rotate; and a process killed at random points in the
// middle of saving leaves either the complete old or the complete new file.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { backupPath, writeFileAtomic, type SaveFs } from '../../src/storage/atomic-write.js';
import { UserError } from '../../src/storage/user-error.js';
import { REPO } from '../helpers/run-cli.js';

const enc = (s: string) => new TextEncoder().encode(s);

function failingFs(op: keyof SaveFs, code: string): SaveFs {
  return {
    ...fs,
    [op]: () => {
      throw Object.assign(new Error(code), { code });
    },
  } as SaveFs;
}

describe('atomic writes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tracker-save-'));

  it('writes the new content', () => {
    const f = join(dir, 'a.trk');
    writeFileAtomic(f, enc('one'));
    writeFileAtomic(f, enc('two'));
    expect(readFileSync(f, 'utf8')).toBe('two');
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  for (const [op, code, words] of [['writeSync', 'ENOSPC', 'the disk is full'], ['openSync', 'EACCES', 'permission denied'], ['fsyncSync', 'EIO', 'input/output error'], ['renameSync', 'EROFS', 'read-only']] as const) {
    it(`keeps the old file when ${op} fails with ${code}`, () => {
      const f = join(dir, `${code}.trk`);
      writeFileSync(f, 'old');
      let error: unknown;
      try {
        writeFileAtomic(f, enc('new content'), { fs: failingFs(op, code) });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UserError);
      expect((error as Error).message).toContain(words);
      expect((error as Error).message.split('\n')).toHaveLength(1);
      expect(readFileSync(f, 'utf8')).toBe('old');
      expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    });
  }

  it('says so when the directory is gone', () => {
    expect(() => writeFileAtomic(join(dir, 'nope', 'x.trk'), enc('x'))).toThrow(/no such file or directory/);
  });

  it('keeps the configured number of backups, newest first', () => {
    const f = join(dir, 'b.trk');
    for (const v of ['v1', 'v2', 'v3', 'v4']) writeFileAtomic(f, enc(v), { backups: 2 });
    expect(readFileSync(f, 'utf8')).toBe('v4');
    expect(readFileSync(backupPath(f, 1), 'utf8')).toBe('v3');
    expect(readFileSync(backupPath(f, 2), 'utf8')).toBe('v2');
    expect(fs.existsSync(backupPath(f, 3))).toBe(false);
  });
});

describe('SIGKILL during saves', () => {
  it('leaves the complete old or the complete new file at 200 random kill points', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-kill-'));
    const target = join(dir, 'big.trk');
    const size = 3 * 1024 * 1024;
    const versions = ['A', 'B', 'C'].map((c) => c.repeat(size));
    writeFileSync(target, versions[0] as string);
    // The saver runs the built module (dist/, made by the test setup) with plain Node: no TypeScript
    // loader, so each of the 200 processes starts quickly.
    const child = join(dir, 'saver.mjs');
    writeFileSync(
      child,
      `import { writeFileAtomic } from ${JSON.stringify(pathToFileURL(join(REPO, 'dist/storage/atomic-write.js')).href)};\n` +
        `const v = ['A', 'B', 'C'].map((c) => new TextEncoder().encode(c.repeat(${size})));\n` +
        `process.stdout.write('ready\\n');\n` +
        `for (let i = 0; ; i++) writeFileAtomic(${JSON.stringify(target)}, v[i % 3]);\n`,
    );
    const node = join(REPO, 'node_modules/.bin/node');
    let killedWhileRunning = 0;
    let p: ReturnType<typeof spawn> | null = null;
    try {
      for (let round = 0; round < 200; round++) {
        const proc = spawn(node, [child], { stdio: ['ignore', 'pipe', 'ignore'] });
        p = proc;
        await new Promise<void>((resolve) => proc.stdout?.once('data', () => resolve()));
        await new Promise((r) => setTimeout(r, Math.random() * 40));
        if (proc.exitCode === null) killedWhileRunning++;
        proc.kill('SIGKILL');
        await new Promise((r) => proc.once('exit', r));
        p = null;
        const content = readFileSync(target, 'latin1');
        expect(versions.includes(content), `round ${round}: file has ${content.length} bytes starting ${content.slice(0, 4)}`).toBe(true);
      }
    } finally {
      // A failed or timed-out run must not leave a saver writing forever.
      p?.kill('SIGKILL');
    }
    expect(killedWhileRunning).toBe(200);
    // Kills that interrupted a write leave their temporary file behind: many must have.
    const interrupted = fs.readdirSync(dir).filter((n) => n.endsWith('.tmp')).length;
    expect(interrupted).toBeGreaterThan(40);
  }, 180_000);
});
