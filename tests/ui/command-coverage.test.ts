// Every command of the keymap is driven by at least one UI test through its key: the tests press
// keys with app.key('command.id'), which fails unless that key ran that command.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commandIds } from '../../src/ui/keys/keymap.js';

const HERE = dirname(fileURLToPath(import.meta.url));

function testSources(dir: string): string {
  return readdirSync(dir).map((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return testSources(p);
    return /\.test\.tsx$/.test(name) ? readFileSync(p, 'utf8') : '';
  }).join('\n');
}

describe('command coverage', () => {
  it('presses the key of every command in some UI test', () => {
    const src = testSources(HERE);
    const driven = new Set([...src.matchAll(/\.key\('([^']+)'/g)].map((m) => m[1]));
    const pianoLoop = /\.key\(`note\.\$\{i\}`\)/.test(src);
    const missing = commandIds().filter((id) => !driven.has(id) && !(pianoLoop && /^note\.\d+$/.test(id)));
    expect(missing).toEqual([]);
  });
});
