// Enforces the layer rules of ARCHITECTURE.md by reading every import in src/: the song model, the
// codecs and the replayer/mixer import nothing but each other (no Node, React or audio), and imports
// only point down (ui -> engine -> song, formats -> song, cli -> everything).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of text.matchAll(re)) specs.push((m[1] ?? m[2]) as string);
  return specs;
}

/** The layer of a path under src/: "song", "formats", "engine/replayer", "engine", "ui", ... */
function layerOf(path: string): string {
  const rel = relative(SRC, path).split('/');
  if (rel[0] === 'engine' && (rel[1] === 'replayer' || rel[1] === 'mixer' || rel[1] === 'midi')) return `engine/${rel[1]}`;
  return rel[0] ?? '';
}

/** What each layer may import (other layers) and whether it may use packages or node: modules. */
const RULES: Record<string, { layers: string[]; external: boolean }> = {
  song: { layers: ['song'], external: false },
  formats: { layers: ['formats', 'song'], external: false },
  'engine/replayer': { layers: ['engine/replayer', 'engine/mixer', 'song'], external: false },
  'engine/mixer': { layers: ['engine/mixer', 'song'], external: false },
  'engine/midi': { layers: ['engine/midi', 'engine/replayer', 'engine/mixer', 'song'], external: false },
  engine: { layers: ['engine', 'engine/replayer', 'engine/mixer', 'engine/midi', 'song', 'formats', 'storage'], external: true },
  storage: { layers: ['storage', 'formats', 'song'], external: true },
  midi: { layers: ['midi', 'engine', 'engine/replayer', 'engine/midi', 'song', 'storage'], external: true },
  ui: { layers: ['ui', 'engine', 'engine/replayer', 'engine/mixer', 'engine/midi', 'song', 'formats', 'storage', 'midi'], external: true },
  cli: { layers: ['cli', 'ui', 'engine', 'engine/replayer', 'engine/mixer', 'engine/midi', 'song', 'formats', 'storage', 'midi'], external: true },
};

describe('layer rules', () => {
  const all = files(SRC);

  it('finds the source tree', () => {
    expect(all.length).toBeGreaterThan(10);
  });

  it('every file belongs to a known layer', () => {
    const unknown = all.filter((f) => !(layerOf(f) in RULES)).map((f) => relative(SRC, f));
    expect(unknown).toEqual([]);
  });

  it('imports only point down, and pure layers use no Node, React or audio modules', () => {
    const violations: string[] = [];
    for (const file of all) {
      const layer = layerOf(file);
      const rule = RULES[layer];
      if (!rule) continue;
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.')) {
          const target = layerOf(resolve(dirname(file), spec));
          if (!rule.layers.includes(target)) violations.push(`${relative(SRC, file)} (${layer}) imports ${spec} (${target})`);
        } else if (!rule.external) {
          violations.push(`${relative(SRC, file)} (${layer}) imports external module ${spec}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('would catch a violation (the checker itself works)', () => {
    expect(importsOf(join(SRC, 'storage/song-file.ts'))).toContain('node:fs');
    expect(RULES['song']?.external).toBe(false);
  });
});
