// The S3M writer: every corpus S3M survives read -> write -> read unchanged (channels, panning, flags,
// patterns, samples); songs from other formats are converted with their losses reported and load in
// libopenmpt.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSong } from '../../../src/formats/registry.js';
import { readS3M } from '../../../src/formats/s3m/read.js';
import { writeS3M } from '../../../src/formats/s3m/write.js';
import { getCell, patternsEqual } from '../../../src/song/pattern.js';
import { corpusEntries, hasCorpus, hasReference, readCorpusFile, REFERENCE_SH } from '../../helpers/corpus.js';
import { buildSong, testSample } from '../../helpers/song-builder.js';

describe.skipIf(!hasCorpus)('S3M round trip', () => {
  for (const e of corpusEntries('s3m')) {
    it(`${e.path}: read -> write -> read gives the same song, with no losses`, () => {
      const a = readS3M(readCorpusFile(e)).song;
      const written = writeS3M(a);
      expect(written.warnings).toEqual([]);
      const b = readS3M(written.bytes).song;
      expect({ ...b, patterns: null, samples: null, origin: null }).toEqual({ ...a, patterns: null, samples: null, origin: null });
      a.patterns.forEach((p, i) => expect(patternsEqual(p, b.patterns[i]!), `pattern ${i}`).toBe(true));
      a.samples.forEach((s, i) => {
        const t = b.samples[i]!;
        expect({ ...t, pcm: null }, `sample ${i + 1}`).toEqual({ ...s, pcm: null });
        expect(Array.from(t.pcm.data), `sample ${i + 1} data`).toEqual(Array.from(s.pcm.data));
      });
    });
  }
});

describe('S3M export from other formats', () => {
  it('converts breaks, panning and instruments and reports what S3M lacks', () => {
    const song = buildSong({
      base: 'xm',
      samples: [testSample('xm', { name: 'lead', loop: { start: 0, end: 10, pingPong: true } })],
      pattern: [['C-5 01 ... D12', '=== .. ... 8FF'], ['... .. ... K05', '... .. ... ...']],
      rows: 16,
    });
    const { bytes, warnings } = writeS3M(song);
    const text = warnings.join('\n');
    expect(text).toMatch(/note-offs and fades written as note cuts/);
    expect(text).toMatch(/sample 1: ping-pong loop unrolled into a forward loop/);
    expect(text).not.toMatch(/played forward/);
    expect(text).toMatch(/effect "keyOff" dropped/);
    expect(text).toMatch(/pattern 0: 16 rows padded to 64 with a pattern break/);
    const back = readS3M(bytes).song;
    const p = back.patterns[0]!;
    // XM's D12 means row 12; S3M stores it as decimal digits too, and the reader gives 12 back.
    expect(getCell(p, 0, 0).effects).toEqual([{ kind: 'patternBreak', param: 12 }]);
    // XM panning 0xFF is S3M's X80 (full right).
    expect(getCell(p, 0, 1)).toMatchObject({ note: 254, effects: [{ kind: 'setPan', param: 0x80 }] });
    expect(getCell(p, 15, 0).effects).toEqual([{ kind: 'patternBreak', param: 0 }]);
  });

  it.skipIf(!hasReference)('writes files libopenmpt loads with the same channels and patterns', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-s3mw-'));
    for (const path of ['mod/tuxmath-data--game3.mod', 'xm/heroes-sound-tracks--heroes08.xm', 'it/cuyo-data--cuyo.it']) {
      const entry = corpusEntries().find((x) => x.path === path);
      if (!entry) continue;
      const song = readSong(readCorpusFile(entry)).song;
      const out = join(dir, `${path.replace('/', '-')}.s3m`);
      writeFileSync(out, writeS3M(song).bytes);
      const info = execFileSync('bash', [REFERENCE_SH, '--info', out], { encoding: 'utf8' });
      expect(info).toMatch(/^type: s3m$/m);
      expect(info).toMatch(new RegExp(`^patterns: ${song.patterns.length}$`, 'm'));
    }
  });
});
