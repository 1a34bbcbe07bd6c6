// OpenMPT's MPTM block (read from ../shared/corpus/mptm/openmpt--test.mptm, OpenMPT's loader test
// file): its order lists with their own restart, tempo and speed, and per-pattern time signatures and
// swing; the song plays the first order list. A damaged block (cut at every length, bytes flipped)
// reads as absent or partial, never as an exception.

import { describe, expect, it } from 'vitest';
import { songDuration } from '../../../src/engine/replayer/player.js';
import { readMptmBlock } from '../../../src/formats/it/mptm-block.js';
import { readIT } from '../../../src/formats/it/read.js';
import { corpusEntries, hasCorpus, noticeIfMissing, readCorpusFile } from '../../helpers/corpus.js';
import { rng } from '../../helpers/mutate.js';

noticeIfMissing('MPTM block tests');

const entry = hasCorpus ? corpusEntries('mptm').find((e) => e.path === 'mptm/openmpt--test.mptm') : undefined;
const bytes = entry ? readCorpusFile(entry) : new Uint8Array(0);
const blockAt = bytes.length >= 4 ? (bytes[bytes.length - 4]! | (bytes[bytes.length - 3]! << 8) | (bytes[bytes.length - 2]! << 16) | (bytes[bytes.length - 1]! << 24)) >>> 0 : 0;

describe.skipIf(!entry)('MPTM block of openmpt--test.mptm', () => {
  it('holds two order lists with their names, restart positions, fractional tempos and speeds; the second was selected', () => {
    const block = readMptmBlock(bytes, blockAt);
    expect(block.sequences).toEqual({
      current: 1,
      sequences: [
        { name: 'First Sequence', orders: [0xfffe, 0, 0xfffe], restartOrder: 1, tempo: 139.0999, speed: 5 },
        { name: 'Second Sequence', orders: [1, 2, 3], restartOrder: 2, tempo: 123.45, speed: 67 },
      ],
    });
  });

  it('gives pattern 0 its own time signature and swing', () => {
    const block = readMptmBlock(bytes, blockAt);
    expect(block.signatures.get(0)?.rowsPerBeat).toBe(5);
    expect(block.signatures.get(0)!.rowsPerMeasure).toBeGreaterThanOrEqual(5);
    expect(block.signatures.has(1)).toBe(false);
    expect(block.swings.has(0)).toBe(true);
  });

  it('the song plays the first order list at its tempo and speed, and pattern 0 by its own beat and swing', () => {
    const { song, warnings } = readIT(bytes);
    expect(song.orders).toEqual(['skip', 0, 'skip']);
    expect(song.restartOrder).toBe(1);
    expect(song.initialTempo).toBe(139.0999);
    expect(song.initialSpeed).toBe(5);
    expect(song.patterns[0]?.signature?.rowsPerBeat).toBe(5);
    const swing = song.patterns[0]?.swing ?? [];
    expect(swing).toHaveLength(5);
    expect(swing.reduce((a, b) => a + b, 0)).toBeCloseTo(5, 9);
    expect(warnings).toContain('the file has 2 order lists (sequences); tracker plays and keeps the first ("First Sequence")');
    // Pattern 0 (70 empty rows) in the modern tempo mode: 70 x 60 / (139.0999 x 5) = 6.039 s (the
    // reference, libopenmpt 0.6.9, predates per-sequence tempos and plays it at 123.45: 6.803 s).
    expect(song.profile.tempoMode).toBe('modern');
    expect(songDuration(song).seconds).toBeCloseTo((70 * 60) / (139.0999 * 5), 2);
  });

  it('a block cut at any length reads without throwing, and its order lists are whole or absent', () => {
    const whole = readMptmBlock(bytes, blockAt).sequences;
    for (let end = blockAt; end <= bytes.length; end++) {
      const cut = bytes.subarray(0, end);
      const block = readMptmBlock(cut, blockAt);
      if (block.sequences) expect(block.sequences.sequences.length).toBeLessThanOrEqual(whole!.sequences.length);
    }
  });

  it('flipped bytes in the block never throw, in the block reader or the IT reader', () => {
    const random = rng(7);
    for (let round = 0; round < 300; round++) {
      const copy = bytes.slice();
      for (let k = 0; k < 4; k++) {
        const at = blockAt + Math.floor(random() * (bytes.length - 4 - blockAt));
        copy[at] = Math.floor(random() * 256);
      }
      expect(() => readMptmBlock(copy, blockAt)).not.toThrow();
      expect(() => readIT(copy)).not.toThrow();
    }
  });
});

describe('MPTM block reader on bytes that are not a block', () => {
  it('reads nothing from empty, short or foreign bytes', () => {
    for (const b of [new Uint8Array(0), new Uint8Array([0x32, 0x32, 0x38]), new TextEncoder().encode('228\u0004mptx....')]) {
      const block = readMptmBlock(b, 0);
      expect(block.sequences).toBeNull();
      expect(block.signatures.size).toBe(0);
    }
  });
});
