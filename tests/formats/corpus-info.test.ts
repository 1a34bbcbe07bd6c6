// Every module in ../shared/corpus loads, is recognised by content (not by its extension), and
// `tracker info --json` agrees with libopenmpt (reference.sh --info) on title, channels, orders,
// patterns, instruments and samples. Intended differences are listed in EXPECTED_DIFFERENCES.

import { describe, expect, it } from 'vitest';
import { readSong } from '../../src/formats/registry.js';
import { corpusEntries, hasCorpus, hasReference, noticeIfMissing, readCorpusFile, referenceInfo } from '../helpers/corpus.js';
import { runCli } from '../helpers/run-cli.js';

noticeIfMissing('corpus info tests');

/** Per file and field: our value where it differs from libopenmpt on purpose, and why. */
const EXPECTED_DIFFERENCES: Record<string, Record<string, { ours: string | number; why: string }>> = {};

/** Files whose length differs from libopenmpt's by more than 0.5 s, and why (at most 5% of the corpus). */
const LENGTH_EXCEPTIONS: Record<string, string> = {
  'mptm/openmpt--test.mptm': "the first of its two order lists has its own tempo, 139.0999 (OpenMPT 1.32+, which saved it); the reference, libopenmpt 0.6.9, predates per-sequence tempos and plays it at the header's 123.45: 70 rows x 60 / (tempo x 5 rows per beat) = 6.04 s here, 6.80 s there",
};

/** The MPTM file is read by the IT codec (MPTM is IT with extra chunks). */
function codecFor(format: string): string {
  return format === 'mptm' ? 'it' : format;
}

describe.skipIf(!hasCorpus)('corpus modules', () => {
  it('has song-length exceptions on at most 5% of the corpus', () => {
    expect(Object.keys(LENGTH_EXCEPTIONS).length).toBeLessThanOrEqual(Math.floor(corpusEntries().length * 0.05));
  });

  for (const entry of corpusEntries()) {
    it(`${entry.path} loads as ${entry.format}`, () => {
      const { song, format } = readSong(readCorpusFile(entry));
      expect(format.id).toBe(codecFor(entry.format));
      expect(song.channels.length).toBe(entry.channels);
    });

    it(`${entry.path}: durationSeconds is within 0.5 s of libopenmpt's ${entry.duration} s${LENGTH_EXCEPTIONS[entry.path] ? ' (known exception)' : ''}`, async () => {
      const r = await runCli(['info', entry.absPath, '--json']);
      const seconds = (JSON.parse(r.stdout) as { durationSeconds: number }).durationSeconds;
      const close = Math.abs(seconds - entry.duration) <= 0.5;
      expect(close, `${seconds} vs ${entry.duration}`).toBe(LENGTH_EXCEPTIONS[entry.path] === undefined);
    });

    it.skipIf(!hasReference)(`${entry.path}: tracker info --json agrees with libopenmpt`, async () => {
      const r = await runCli(['info', entry.absPath, '--json']);
      expect(r.code).toBe(0);
      const info = JSON.parse(r.stdout) as Record<string, string | number>;
      const ref = referenceInfo(entry.absPath);
      const ours: Record<string, string | number> = {
        title: info['title']!,
        channels: info['channels']!,
        orders: info['orders']!,
        patterns: info['patterns']!,
        instruments: info['instruments']!,
        samples: info['samples']!,
      };
      for (const [field, value] of Object.entries(ours)) {
        const expected = EXPECTED_DIFFERENCES[entry.path]?.[field];
        const want = expected ? expected.ours : field === 'title' ? (ref[field] ?? '') : Number(ref[field]);
        expect(value, `${field} (libopenmpt: ${ref[field]})`).toBe(want);
      }
    });
  }
});
