// The IT writer: every corpus IT survives read -> write -> read unchanged (instruments, samples,
// channels, flags); songs from other formats load in libopenmpt after conversion, and a written IT
// renders like the original in libopenmpt.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readIT } from '../../../src/formats/it/read.js';
import { writeIT } from '../../../src/formats/it/write.js';
import { readSong } from '../../../src/formats/registry.js';
import { getCell, patternsEqual } from '../../../src/song/pattern.js';
import { corpusEntries, hasCorpus, hasReference, readCorpusFile, REFERENCE_SH, SHARED_DIR } from '../../helpers/corpus.js';
import { buildSong, testSample } from '../../helpers/song-builder.js';

describe.skipIf(!hasCorpus)('IT round trip', () => {
  for (const e of corpusEntries('it')) {
    it(`${e.path}: read -> write -> read gives the same song, with no losses`, () => {
      const a = readIT(readCorpusFile(e)).song;
      const written = writeIT(a);
      expect(written.warnings).toEqual([]);
      const b = readIT(written.bytes).song;
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

describe('IT export from other formats', () => {
  it('converts XM break rows and global volume, keeps silent trailing channels, reports losses', () => {
    const song = buildSong({
      base: 'xm',
      channels: 6,
      samples: [testSample('xm')],
      pattern: [['C-5 01 ... D12', '... .. ... G20', '... .. ... ...'], ['... .. u05 ...', '... .. ... ...', '... .. ... ...']],
    });
    const { bytes, warnings } = writeIT(song);
    expect(warnings.join('\n')).toMatch(/volume column "vibratoSpeed" dropped/);
    const back = readIT(bytes).song;
    expect(back.channels).toHaveLength(6);
    expect(getCell(back.patterns[0]!, 0, 0).effects).toEqual([{ kind: 'patternBreak', param: 12 }]);
    expect(getCell(back.patterns[0]!, 0, 1).effects).toEqual([{ kind: 'setGlobalVolume', param: 0x40 }]);
  });

  it.skipIf(!hasReference)('a written IT renders like the original in libopenmpt; converted songs load there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-itw-'));
    const entry = corpusEntries().find((e) => e.path === 'it/cuyo-data--cuyo.it');
    if (entry) {
      const out = join(dir, 'cuyo.it');
      writeFileSync(out, writeIT(readIT(readCorpusFile(entry)).song).bytes);
      execFileSync('bash', [REFERENCE_SH, '--end-time', '20', entry.absPath, join(dir, 'a.wav')]);
      execFileSync('bash', [REFERENCE_SH, '--end-time', '20', out, join(dir, 'b.wav')]);
      const cmp = JSON.parse(execFileSync('node', [join(SHARED_DIR, 'tools', 'wavcompare.mjs'), join(dir, 'a.wav'), join(dir, 'b.wav'), '--json'], { encoding: 'utf8' })) as { env_corr: number; spec_sim: number };
      expect(cmp.env_corr).toBeGreaterThan(0.99);
      expect(cmp.spec_sim).toBeGreaterThan(0.99);
    }
    for (const path of ['xm/heroes-sound-tracks--heroes08.xm', 's3m/pathogen--music.s3m', 'mod/tuxmath-data--game3.mod']) {
      const e = corpusEntries().find((x) => x.path === path);
      if (!e) continue;
      const song = readSong(readCorpusFile(e)).song;
      const out = join(dir, `${path.replace('/', '-')}.it`);
      writeFileSync(out, writeIT(song).bytes);
      const info = execFileSync('bash', [REFERENCE_SH, '--info', out], { encoding: 'utf8' });
      expect(info).toMatch(/^type: it$/m);
      expect(info).toMatch(new RegExp(`^channels: ${song.channels.length}$`, 'm'));
      expect(info).toMatch(new RegExp(`^patterns: ${song.patterns.length}$`, 'm'));
    }
  });
});
