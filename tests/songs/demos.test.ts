// The demo songs in songs/ are exactly what songs/make-demos.ts composes, load back as .trk, and are
// real music-sized songs (one at least 64 rows x 8 channels using several effects).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTrk } from '../../src/formats/native/trk-read.js';
import { writeTrkText } from '../../src/formats/native/trk-write.js';
import { getCell } from '../../src/song/pattern.js';
import { DEMOS } from '../../songs/make-demos.js';
import { REPO } from '../helpers/run-cli.js';

describe('demo songs', () => {
  for (const [name, make] of Object.entries(DEMOS)) {
    it(`${name} matches songs/make-demos.ts (run "npm run demos" after changing it)`, () => {
      const text = readFileSync(join(REPO, 'songs', name), 'utf8');
      expect(text === writeTrkText(make())).toBe(true);
      expect(readTrk(new TextEncoder().encode(text)).song).toEqual(make());
    });
  }

  it('at least one is 64+ rows x 8+ channels and uses several effects', () => {
    const song = DEMOS['demo-night-drive.trk']?.();
    expect(song).toBeDefined();
    if (!song) return;
    expect(song.channels.length).toBeGreaterThanOrEqual(8);
    expect(Math.min(...song.patterns.map((p) => p.rows))).toBeGreaterThanOrEqual(64);
    const kinds = new Set<string>();
    for (const p of song.patterns) {
      for (let r = 0; r < p.rows; r++) for (let c = 0; c < p.channels; c++) for (const e of getCell(p, r, c).effects) if (e) kinds.add(e.kind);
    }
    expect(kinds.size).toBeGreaterThanOrEqual(5);
    expect(song.samples.every((s) => s.pcm.data.length > 0)).toBe(true);
  });
});
