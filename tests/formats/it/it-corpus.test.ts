// The IT reader on the shared corpus (IT and MPTM files): each loads with the tracker libopenmpt
// names, decodes every compressed sample completely, and survives truncation at many lengths and
// seeded byte flips with a FormatError or a song, each load in under a second.

import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../src/formats/common/format-error.js';
import { probeIT, readIT } from '../../../src/formats/it/read.js';
import { corpusEntries, hasCorpus, noticeIfMissing, readCorpusFile } from '../../helpers/corpus.js';
import { rng } from '../../helpers/mutate.js';

noticeIfMissing('IT corpus tests');

const entries = hasCorpus ? [...corpusEntries('it'), ...corpusEntries('mptm')] : [];

/** libopenmpt's "made with" for each corpus file (the source in .mirror; see the 2.14p test below). */
const TRACKERS: Record<string, string> = {
  'biniax2-data--biniax_common02.it': 'ModPlug Tracker 1.09 - 1.16',
  'biniax2-data--biniax_common04.it': 'ModPlug Tracker 1.09 - 1.16',
  'cuyo-data--cuyo.it': 'CheeseTracker',
  'libxmp--mpt116_32chn.it': 'ModPlug Tracker 1.09 - 1.16',
  'pingus-data--the_big_march_in_space.it': 'ModPlug Tracker 1.09 - 1.16',
  'openmpt--test.mptm': 'OpenMPT 1.33.00.12 (test build)',
  'openmpt-testcase--PatternDelay-NoteDelay.it': 'Impulse Tracker 2.14p4-5',
  'openmpt-testcase--retrig-short.it': 'Impulse Tracker 2.14p4-5',
  'pingus-data--gd-matth.it': 'Impulse Tracker 2.14p1-2',
  'pingus-data--pingus-2.it': 'Impulse Tracker 2.14p4-5',
};

function loadOrFormatError(bytes: Uint8Array): 'ok' | 'error' {
  try {
    readIT(bytes);
    return 'ok';
  } catch (e) {
    if (e instanceof FormatError) return 'error';
    throw e;
  }
}

describe.skipIf(!hasCorpus)('IT corpus', () => {
  it('finds IT and MPTM files in the corpus', () => {
    expect(entries.length).toBeGreaterThanOrEqual(9);
  });

  for (const entry of entries) {
    const name = entry.path.split('/').pop() ?? entry.path;
    it(`${name}: loads by content, names its tracker as libopenmpt does, and decodes its samples whole`, () => {
      const bytes = readCorpusFile(entry);
      expect(probeIT(bytes)).toBe(true);
      const { song, warnings } = readIT(bytes);
      if (TRACKERS[name] !== undefined) expect(song.origin.tracker).toBe(TRACKERS[name]);
      expect(warnings.filter((w) => /damaged|cut short|clamped|dropped/.test(w) && !/external file|not supported/.test(w))).toEqual([]);
      for (const s of song.samples) {
        for (const l of [s.loop, s.sustainLoop]) if (l) expect(l.end).toBeLessThanOrEqual(s.pcm.data.length / s.pcm.channels);
      }
    });

    it(`${name}: truncated at 64 lengths and with 40 seeded byte flips, loads or fails with a FormatError, each < 1 s`, () => {
      const bytes = readCorpusFile(entry);
      const random = rng(0x17 + bytes.length);
      const cases: Uint8Array[] = [];
      for (let i = 0; i < 64; i++) cases.push(bytes.subarray(0, Math.floor((bytes.length * i) / 64)));
      for (let i = 0; i < 40; i++) {
        const b = bytes.slice();
        for (let k = 0; k < 1 + (i % 8); k++) b[Math.floor(random() * b.length)] = Math.floor(random() * 256);
        cases.push(b);
      }
      let errors = 0;
      for (const c of cases) {
        const t = performance.now();
        if (loadOrFormatError(c) === 'error') errors++;
        expect(performance.now() - t).toBeLessThan(1000);
      }
      // Cuts inside the 192-byte header are errors; most others load with warnings.
      expect(errors).toBeGreaterThanOrEqual(1);
      expect(errors).toBeLessThan(cases.length);
    }, 60_000);
  }

  it('IT 2.14 patch names follow the libopenmpt source, not older builds ("2.14p3" there for Cwt/v 0x217)', () => {
    // Debian's openmpt123 reports "Impulse Tracker 2.14p3" for Cwt/v 0x0217 and "2.14p1" for 0x0215;
    // OpenMPT's current GetImpulseTrackerVersion (soundlib/Load_it.cpp) says "2.14p4-5" and "2.14p1-2".
    const entry = entries.find((e) => e.path.endsWith('pingus-2.it'));
    expect(entry).toBeDefined();
    const bytes = readCorpusFile(entry!);
    expect(bytes[0x28]! | (bytes[0x29]! << 8)).toBe(0x0217);
    expect(readIT(bytes).song.origin.tracker).toBe('Impulse Tracker 2.14p4-5');
  });
});
