// Every corpus S3M through readS3M: libopenmpt's view (channels, orders, patterns, samples, title,
// the saving tracker) must match, the probe must claim it, and truncated or byte-flipped copies
// (seeded) must load or fail with a FormatError, each in under a second.

import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../src/formats/common/format-error.js';
import { probeS3M, readS3M } from '../../../src/formats/s3m/read.js';
import { corpusEntries, hasCorpus, hasReference, noticeIfMissing, readCorpusFile, referenceInfo } from '../../helpers/corpus.js';
import { rng } from '../../helpers/mutate.js';

noticeIfMissing('S3M corpus tests');

const entries = corpusEntries('s3m');

/**
 * Tracker names where the installed libopenmpt (0.6.9) is older than the OpenMPT source the reader
 * follows: current OpenMPT names ST3 files "3.20 - 3.21" (3.21 writes 3.20) and maps IT Cwt/v 2.17
 * to the 2.14 patches 4-5 (0.6.9 said patch 3), and tells ModPlug 1.16 (some channel without the
 * panning bit) from older ModPlug (every channel's panning bit set). Ours, then libopenmpt 0.6.9's.
 */
const NEWER_TRACKER_NAMES: Record<string, readonly [string, string]> = {
  's3m/njam-data--ritam.s3m': ['Scream Tracker 3.20 - 3.21 (SB)', 'Scream Tracker 3.20 (SB)'],
  's3m/pathogen--music.s3m': ['Impulse Tracker 2.14p4-5', 'Impulse Tracker 2.14p3'],
  's3m/gl-117-data--electro.s3m': ['ModPlug Tracker', 'ModPlug Tracker / OpenMPT 1.17'],
  's3m/gl-117-data--dark.s3m': ['ModPlug Tracker 1.16 / OpenMPT 1.17', 'ModPlug Tracker / OpenMPT 1.17'],
  's3m/monsterz-data--music.s3m': ['ModPlug Tracker', 'ModPlug Tracker / OpenMPT 1.17'],
};

/** libopenmpt's order count: the list up to the last entry that is not the end marker. */
function orderCount(orders: readonly (number | 'skip' | 'end')[]): number {
  let n = orders.length;
  while (n > 0 && orders[n - 1] === 'end') n--;
  return n;
}

function loadsCleanly(bytes: Uint8Array, what: string): void {
  const t0 = performance.now();
  try {
    readS3M(bytes);
  } catch (e) {
    if (!(e instanceof FormatError)) throw new Error(`${what}: ${String(e)}`, { cause: e });
  }
  const ms = performance.now() - t0;
  expect(ms, `${what} took ${ms.toFixed(0)} ms`).toBeLessThan(1000);
}

describe.skipIf(!hasCorpus)('S3M corpus', () => {
  it('lists the S3M files', () => {
    expect(entries.length).toBeGreaterThan(0);
  });

  it('the probe claims no corpus file of another format', () => {
    const others = corpusEntries().filter((x) => x.format !== 's3m');
    expect(others.length).toBeGreaterThan(0);
    expect(others.filter((x) => probeS3M(readCorpusFile(x))).map((x) => x.path)).toEqual([]);
  });

  for (const e of entries) {
    it(`${e.path}: probed by content and loaded with the manifest's channel count`, () => {
      const bytes = readCorpusFile(e);
      expect(probeS3M(bytes)).toBe(true);
      const { song } = readS3M(bytes);
      expect(song.channels).toHaveLength(e.channels);
      expect(song.origin.format).toBe('s3m');
      expect(song.patterns.every((p) => p.rows === 64)).toBe(true);
    });

    it.skipIf(!hasReference)(`${e.path}: agrees with libopenmpt (title, counts, tracker)`, () => {
      const ref = referenceInfo(e.absPath);
      const { song } = readS3M(readCorpusFile(e));
      const renamed = NEWER_TRACKER_NAMES[e.path];
      if (renamed) {
        expect(song.origin.tracker).toBe(renamed[0]);
        expect(ref['tracker']).toBe(renamed[1]);
      }
      expect({
        title: song.title,
        tracker: song.origin.tracker,
        channels: song.channels.length,
        orders: orderCount(song.orders),
        patterns: song.patterns.length,
        instruments: song.instruments.length,
        samples: song.samples.length,
      }).toEqual({
        title: ref['title'] ?? '',
        tracker: renamed ? renamed[0] : (ref['tracker'] ?? ''),
        channels: Number(ref['channels']),
        orders: Number(ref['orders']),
        patterns: Number(ref['patterns']),
        instruments: Number(ref['instruments']),
        samples: Number(ref['samples']),
      });
    });

    it(`${e.path}: truncated at many lengths and with seeded byte flips, loads or fails with a FormatError`, () => {
      const bytes = readCorpusFile(e);
      const cuts = new Set<number>([0, 1, 0x2c, 0x30, 0x5f, 0x60, 0x61]);
      for (let i = 1; i < 48; i++) cuts.add(Math.floor((bytes.length * i) / 48));
      for (let i = 0x60; i < Math.min(bytes.length, 0x400); i += 37) cuts.add(i);
      for (const n of cuts) loadsCleanly(bytes.subarray(0, n), `cut at ${n}`);
      const random = rng(0x53334d + bytes.length);
      for (let k = 0; k < 40; k++) {
        const copy = bytes.slice();
        const flips = 1 + Math.floor(random() * 16);
        for (let f = 0; f < flips; f++) {
          // Most flips land in the header, parapointers and sample headers, where the lies matter.
          const at = Math.floor(random() ** 3 * copy.length);
          copy[at] = Math.floor(random() * 256);
        }
        loadsCleanly(copy, `flip set ${k}`);
      }
    }, 30_000);
  }
});
