// Every module in ../shared/corpus loads, is recognised by content (not by its extension), and
// agrees with libopenmpt (reference.sh --info) on title, channels, orders, patterns, instruments
// and samples. Intended differences are listed in EXPECTED_DIFFERENCES with their reason.

import { describe, expect, it } from 'vitest';
import { readSong } from '../../src/formats/registry.js';
import { corpusEntries, hasCorpus, hasReference, noticeIfMissing, readCorpusFile, referenceInfo } from '../helpers/corpus.js';

noticeIfMissing('corpus info tests');

/** Per file and field: our value where it differs from libopenmpt on purpose, and why. */
const EXPECTED_DIFFERENCES: Record<string, Record<string, { ours: string | number; why: string }>> = {};

/** The MPTM file is read by the IT codec (MPTM is IT with extra chunks). */
function codecFor(format: string): string {
  return format === 'mptm' ? 'it' : format;
}

describe.skipIf(!hasCorpus)('corpus modules', () => {
  for (const entry of corpusEntries()) {
    it(`${entry.path} loads as ${entry.format}`, () => {
      const { song, format } = readSong(readCorpusFile(entry));
      expect(format.id).toBe(codecFor(entry.format));
      expect(song.channels.length).toBe(entry.channels);
    });

    it.skipIf(!hasReference)(`${entry.path} agrees with libopenmpt`, () => {
      const { song } = readSong(readCorpusFile(entry));
      const ref = referenceInfo(entry.absPath);
      const ours: Record<string, string | number> = {
        title: song.title,
        channels: song.channels.length,
        orders: song.orders.length,
        patterns: song.patterns.length,
        instruments: song.instruments.length,
        samples: song.samples.length,
      };
      for (const [field, value] of Object.entries(ours)) {
        const expected = EXPECTED_DIFFERENCES[entry.path]?.[field];
        const want = expected ? expected.ours : field === 'title' ? (ref[field] ?? '') : Number(ref[field]);
        expect(value, `${field} (libopenmpt: ${ref[field]})`).toBe(want);
      }
    });
  }
});
