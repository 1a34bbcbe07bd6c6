// The XM writer: every corpus XM survives read -> write -> read (apart from the normalisations listed
// below, each with its reason); songs from other formats are converted with their losses reported;
// converted files load in libopenmpt with the song's channels and patterns.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSong } from '../../../src/formats/registry.js';
import { readXM } from '../../../src/formats/xm/read.js';
import { writeXM } from '../../../src/formats/xm/write.js';
import { getCell, patternsEqual } from '../../../src/song/pattern.js';
import type { Song } from '../../../src/song/song.js';
import { corpusEntries, hasCorpus, hasReference, readCorpusFile, REFERENCE_SH } from '../../helpers/corpus.js';
import { buildSong, testSample } from '../../helpers/song-builder.js';

/** What a round trip may change, per file, and why. */
const NORMALISED: Record<string, { orders?: string; flags?: string; timing?: string }> = {
  // The order list names a pattern the file lacks; the reader skips it (+++) and XM has no skip marker.
  'xm/rafkill-data--song2.xm': { orders: 'a +++ for a missing pattern is dropped' },
  // MadTracker's two quirks are not FastTracker 2's; the writer produces a plain XM.
  'xm/ri-li-data--jeu1.xm': { flags: 'MadTracker arpeggio and portamento quirks become FT2 rules' },
  // OpenMPT keeps its modern tempo mode in its extension block, which would also make readers drop
  // FT2's rules: the writer reports the loss and writes classic timing.
  'xm/openmpt--test.xm': { timing: "OpenMPT's modern tempo mode lost: the song plays with classic tempo timing" },
};

function expectSameSong(a: Song, b: Song, path: string): void {
  const n = NORMALISED[path] ?? {};
  expect(b.title).toBe(a.title);
  expect(b.message).toBe(a.message);
  if (!n.orders) expect(b.orders).toEqual(a.orders);
  else expect(b.orders).toEqual(a.orders.filter((o) => o !== 'skip'));
  if (n.timing) expect(b.profile).toEqual({ ...a.profile, tempoMode: 'classic', tempoSwing: [] });
  else if (!n.flags) expect(b.profile).toEqual(a.profile);
  expect([b.initialSpeed, b.initialTempo, b.restartOrder]).toEqual([a.initialSpeed, a.initialTempo, a.restartOrder]);
  expect(b.patterns).toHaveLength(a.patterns.length);
  a.patterns.forEach((p, i) => expect(patternsEqual(p, b.patterns[i]!), `pattern ${i}`).toBe(true));
  expect(b.instruments).toEqual(a.instruments);
  expect(b.samples).toHaveLength(a.samples.length);
  a.samples.forEach((s, i) => {
    const t = b.samples[i]!;
    expect({ ...t, pcm: null }, `sample ${i + 1}`).toEqual({ ...s, pcm: null });
    expect([t.pcm.bits, t.pcm.channels, Array.from(t.pcm.data)], `sample ${i + 1} data`).toEqual([s.pcm.bits, s.pcm.channels, Array.from(s.pcm.data)]);
  });
}

describe.skipIf(!hasCorpus)('XM round trip', () => {
  for (const e of corpusEntries('xm')) {
    it(`${e.path}: read -> write -> read gives the same song${NORMALISED[e.path] ? ' (normalised, see NORMALISED)' : ''}`, () => {
      const a = readXM(readCorpusFile(e)).song;
      const written = writeXM(a);
      const timing = NORMALISED[e.path]?.timing;
      if (timing) expect(written.warnings).toEqual([timing]);
      else if (!NORMALISED[e.path]) expect(written.warnings).toEqual([]);
      expectSameSong(a, readXM(written.bytes).song, e.path);
    });
  }
});

describe('XM export from other formats', () => {
  it('gives sample-mode songs one instrument per sample and reports what XM lacks', () => {
    const song = buildSong({
      base: 'it',
      samples: [testSample('it', { name: 'a', loop: null, sustainLoop: { start: 0, end: 10, pingPong: false } }), testSample('it', { name: 'b' })],
      pattern: [['C-5 01 ... ...', '^^^ .. ... I11'], ['D-5 02 ... C10', '... .. ... ...']],
    });
    const { bytes, warnings } = writeXM(song);
    const text = warnings.join('\n');
    expect(text).toMatch(/note cuts written as volume 0/);
    expect(text).toMatch(/sustain loops played as normal loops/);
    const back = readXM(bytes).song;
    expect(back.instruments.map((i) => i.name)).toEqual(['a', 'b']);
    expect(back.instruments[1]!.sampleMap[60]).toBe(2);
    expect(back.samples[0]!.loop).toEqual({ start: 0, end: 10, pingPong: false });
    // IT's C10 (row 0x10 = 16) becomes FT2's decimal D16.
    expect(getCell(back.patterns[0]!, 1, 0).effects).toEqual([{ kind: 'patternBreak', param: 0x16 }]);
    expect(getCell(back.patterns[0]!, 1, 0).note).toBe(63);
  });

  it('keeps FastTracker 2 rules for an FT2 song with a message or names (not taken for ModPlug)', () => {
    const base = buildSong({ base: 'xm', flags: { ft2PanLaw: true }, samples: [testSample('xm', { name: '' })], pattern: [['C-5 01 ... ...']] });
    const song = { ...base, message: 'hello\nworld', channels: base.channels.map((c, i) => ({ ...c, name: `ch${i}` })) };
    const back = readXM(writeXM(song).bytes).song;
    expect(back.message).toBe('hello\nworld');
    expect(back.profile).toEqual(song.profile);
    expect(back.profile.flags.modplugMixLevels).toBe(false);
  });

  it.skipIf(!hasReference)('writes files libopenmpt loads with the same channels, patterns and instruments', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-xmw-'));
    for (const path of ['it/pingus-data--pingus-2.it', 's3m/pathogen--music.s3m', 'mod/tuxmath-data--game3.mod']) {
      const entry = corpusEntries().find((e) => e.path === path);
      if (!entry) continue;
      const song = readSong(readCorpusFile(entry)).song;
      const out = join(dir, `${path.replace('/', '-')}.xm`);
      writeFileSync(out, writeXM(song).bytes);
      const info = execFileSync('bash', [REFERENCE_SH, '--info', out], { encoding: 'utf8' });
      expect(info).toMatch(/^type: xm$/m);
      expect(info).toMatch(new RegExp(`^channels: ${song.channels.length}$`, 'm'));
      expect(info).toMatch(new RegExp(`^patterns: ${song.patterns.length}$`, 'm'));
      expect(info).toMatch(new RegExp(`^instruments: ${song.instruments.length || song.samples.length}$`, 'm'));
    }
  });
});
