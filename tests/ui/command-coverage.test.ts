// Every command of the keymap is driven by at least one UI test through its key: the tests press
// keys with app.key('command.id'), which fails unless that key ran that command. Presses in
// comments do not count, no UI test is skipped or focused, and every test that presses keys asserts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commandIds } from '../../src/ui/keys/keymap.js';

const HERE = dirname(fileURLToPath(import.meta.url));

function testFiles(dir: string): { name: string; source: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return testFiles(p);
    return /\.test\.tsx$/.test(name) ? [{ name, source: readFileSync(p, 'utf8') }] : [];
  });
}

/** The source without comments (whole-line // comments and block comments). */
function code(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/** Each `it(...)` body of a file, roughly: the text from one `it(` to the next. */
function testBodies(source: string): string[] {
  return source.split(/\n\s*it\(/).slice(1);
}

const files = testFiles(HERE).map((f) => ({ ...f, source: code(f.source) }));

describe('command coverage', () => {
  it('presses the key of every command in some UI test', () => {
    const src = files.map((f) => f.source).join('\n');
    const driven = new Set([...src.matchAll(/\.key\('([^']+)'/g)].map((m) => m[1]));
    const pianoLoop = /\.key\(`note\.\$\{i\}`\)/.test(src);
    const missing = commandIds().filter((id) => !driven.has(id) && !(pianoLoop && /^note\.\d+$/.test(id)));
    expect(missing).toEqual([]);
    expect(driven.size).toBeGreaterThan(100);
  });

  it('skips no UI test and focuses none', () => {
    for (const f of files) expect(f.source, f.name).not.toMatch(/\b(it|describe|test)\.(skip|only|todo|skipIf|runIf)\b|\b[xf](it|describe)\(/);
  });

  it('asserts something in every UI test that presses keys', () => {
    let checked = 0;
    for (const f of files) {
      for (const body of testBodies(f.source)) {
        if (!/\.(key|press)\(/.test(body)) continue;
        checked++;
        expect(body, `${f.name}: ${body.split('\n')[0]}`).toMatch(/\bexpect\(/);
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});
