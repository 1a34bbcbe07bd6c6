// The MOD writer: every corpus MOD survives read -> write -> read unchanged; songs from richer formats
// are converted with every loss reported; converted files load in libopenmpt.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMOD } from '../../../src/formats/mod/read.js';
import { writeMOD } from '../../../src/formats/mod/write.js';
import { readSong } from '../../../src/formats/registry.js';
import { getCell, patternsEqual } from '../../../src/song/pattern.js';
import type { Song } from '../../../src/song/song.js';
import { corpusEntries, hasCorpus, hasReference, readCorpusFile, REFERENCE_SH } from '../../helpers/corpus.js';
import { buildSong, testInstrument, testSample } from '../../helpers/song-builder.js';

function expectSameSong(a: Song, b: Song): void {
  expect(b.title).toBe(a.title);
  expect(b.orders).toEqual(a.orders);
  expect(b.restartOrder).toBe(a.restartOrder);
  expect(b.channels).toEqual(a.channels);
  expect(b.profile).toEqual(a.profile);
  expect(b.patterns).toHaveLength(a.patterns.length);
  a.patterns.forEach((p, i) => expect(patternsEqual(p, b.patterns[i]!), `pattern ${i}`).toBe(true));
  a.samples.forEach((s, i) => {
    const t = b.samples[i]!;
    expect({ name: t.name, loop: t.loop, tuning: t.tuning, volume: t.volume }, `sample ${i + 1}`).toEqual({ name: s.name, loop: s.loop, tuning: s.tuning, volume: s.volume });
    expect(Array.from(t.pcm.data), `sample ${i + 1} data`).toEqual(Array.from(s.pcm.data));
  });
}

describe.skipIf(!hasCorpus)('MOD round trip', () => {
  for (const e of corpusEntries('mod')) {
    it(`${e.path}: read -> write -> read gives the same song, with no losses`, () => {
      const a = readMOD(readCorpusFile(e)).song;
      const written = writeMOD(a);
      expect(written.warnings).toEqual([]);
      expectSameSong(a, readMOD(written.bytes).song);
    });
  }
});

describe('MOD export from other formats', () => {
  it('converts what MOD can hold and reports each loss once', () => {
    const sample16 = testSample('it', { pcm: { bits: 16, channels: 2, data: Int16Array.from([256, 512, -256, -512, 768, 768, -768, -768]) }, loop: { start: 0, end: 4, pingPong: true } });
    const song: Song = {
      ...buildSong({
        base: 'it',
        samples: [sample16],
        instruments: [testInstrument({ name: 'keys' })],
        speed: 4,
        tempo: 140,
        channels: 4,
        pattern: [
          ['C-5 01 v32 ...', '=== .. ... ...'],
          ['... .. ... C12', '... .. ... I11'],
        ],
        rows: 32,
      }),
    };
    const { bytes, warnings } = writeMOD(song);
    const text = warnings.join('\n');
    expect(text).toMatch(/instruments written as their middle-C sample/);
    expect(text).toMatch(/16-bit audio reduced to 8 bits/);
    expect(text).toMatch(/stereo mixed down to mono/);
    expect(text).toMatch(/sample 1: ping-pong loop unrolled into a forward loop \(10 frames longer\)/);
    expect(text).toMatch(/note-offs written as C00/);
    expect(text).toMatch(/effect "tremor" dropped/);
    expect(text).toMatch(/pattern 0: 32 rows padded to 64 with a pattern break/);
    const back = readMOD(bytes).song;
    const p = back.patterns[0]!;
    // Speed and tempo start values land on the first row; the volume column became Cxx.
    expect(getCell(p, 0, 0)).toMatchObject({ note: 61, instrument: 1, effects: [{ kind: 'setVolume', param: 32 }] });
    expect(getCell(p, 0, 1).effects).toEqual([{ kind: 'setVolume', param: 0 }]);
    expect([getCell(p, 0, 2).effects[0], getCell(p, 0, 3).effects[0]]).toEqual([{ kind: 'setSpeed', param: 4 }, { kind: 'tempo', param: 140 }]);
    // IT's C12 breaks to row 0x12 = 18, written as ProTracker's decimal digits D18 (0x18).
    expect(getCell(p, 1, 0).effects).toEqual([{ kind: 'patternBreak', param: 0x18 }]);
    expect(getCell(p, 31, 0).effects).toEqual([{ kind: 'patternBreak', param: 0 }]);
    // Stereo 16-bit frames averaged and reduced to 8 bits; the ping-pong cycle (up 0..3, down 3..1:
    // 7 frames) written twice, as MOD loops count in words.
    expect(Array.from(back.samples[0]!.pcm.data)).toEqual([2, -1, 3, -3, -3, 3, -1, 2, -1, 3, -3, -3, 3, -1]);
    expect(back.samples[0]!.loop).toEqual({ start: 0, end: 14, pingPong: false });
  });

  it.skipIf(!hasReference)('writes files libopenmpt loads with the same channels and patterns (XM and S3M sources)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-modw-'));
    for (const path of ['xm/vor--mph.xm', 's3m/njam-data--ritam.s3m']) {
      const entry = corpusEntries().find((e) => e.path === path);
      if (!entry) continue;
      const song = readSong(readCorpusFile(entry)).song;
      const out = join(dir, `${path.replace('/', '-')}.mod`);
      writeFileSync(out, writeMOD(song).bytes);
      const info = execFileSync('bash', [REFERENCE_SH, '--info', out], { encoding: 'utf8' });
      expect(info).toMatch(/^type: mod$/m);
      expect(info).toMatch(new RegExp(`^channels: ${song.channels.length}$`, 'm'));
    }
  });
});
