// Broken and hostile MOD files: each either fails with a FormatError that says what and where,
// or loads what is there with a warning. Never another exception, never memory beyond the file.

import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../src/formats/common/format-error.js';
import { readMOD } from '../../../src/formats/mod/read.js';
import { readSong } from '../../../src/formats/registry.js';
import { buildMod } from './mod-builder.js';

function formatError(fn: () => unknown): FormatError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FormatError) return e;
    throw e;
  }
  throw new Error('expected a FormatError');
}

describe('malformed MOD files', () => {
  it('empty input', () => {
    expect(formatError(() => readMOD(new Uint8Array(0))).message).toMatch(/too short for a MOD/);
    expect(formatError(() => readSong(new Uint8Array(0))).message).toMatch(/empty/);
  });

  it('a file that ends inside the header', () => {
    const e = formatError(() => readMOD(buildMod().subarray(0, 1000)));
    expect(e.message).toMatch(/too short/);
    expect(e.offset).toBe(1000);
  });

  it('an unknown tag at byte 1080', () => {
    const e = formatError(() => readMOD(buildMod({ tag: 'ABCD' })));
    expect(e.offset).toBe(1080);
    expect(e.message).toMatch(/no channel tag/);
  });

  it('a file that ends inside the pattern data loads the rows that are there', () => {
    const full = buildMod({ orders: [0, 1], cells: [{ row: 3, channel: 0, period: 428, sample: 1 }] });
    const { song, warnings } = readMOD(full.subarray(0, 1084 + 1024 + 100));
    expect(song.patterns).toHaveLength(2);
    expect(song.patterns[0]!.data.some((b) => b !== 0)).toBe(true);
    expect(warnings.some((w) => /ends inside pattern 1/.test(w))).toBe(true);
  });

  it('a file that ends inside the sample data keeps the frames that exist', () => {
    const full = buildMod({ samples: [{ lengthWords: 500, loopLengthWords: 1 }] });
    const { song, warnings } = readMOD(full.subarray(0, full.length - 600));
    expect(song.samples[0]!.pcm.data).toHaveLength(400);
    expect(warnings.some((w) => /ends inside the sample data/.test(w))).toBe(true);
  });

  it('a sample claiming 128 KB in a small file gets only the bytes present', () => {
    const bytes = buildMod({ samples: [{ lengthWords: 0xffff, loopLengthWords: 1, data: new Uint8Array(10) }] });
    const { song } = readMOD(bytes);
    expect(song.samples[0]!.pcm.data.length).toBe(10);
    expect(bytes.length).toBeLessThan(3000);
  });

  it('a loop reaching past the end of the file is cut back to the audio that exists', () => {
    const bytes = buildMod({ samples: [{ lengthWords: 20, loopStartWords: 10, loopLengthWords: 500 }] });
    const { song } = readMOD(bytes);
    const s = song.samples[0]!;
    expect(s.loop).not.toBeNull();
    expect(s.loop!.end).toBeLessThanOrEqual(s.pcm.data.length);
  });

  it('a loop starting after the sample ends is dropped', () => {
    const bytes = buildMod({ samples: [{ lengthWords: 20, loopStartWords: 900, loopLengthWords: 4 }] });
    expect(readMOD(bytes).song.samples[0]!.loop).toBeNull();
  });

  it('a song length of 0 takes the orders the list holds, with a warning', () => {
    const { song, warnings } = readMOD(buildMod({ orders: [0, 1, 1], songLength: 0 }));
    expect(song.orders).toEqual([0, 1, 1]);
    expect(warnings.some((w) => /claims 0 orders/.test(w))).toBe(true);
  });

  it('a song length above 128 is clamped, with a warning', () => {
    const { song, warnings } = readMOD(buildMod({ orders: [0], songLength: 200 }));
    expect(song.orders).toHaveLength(128);
    expect(warnings.some((w) => /claims 200 orders/.test(w))).toBe(true);
  });

  it('an order naming a pattern the file lacks becomes a skip, with a warning', () => {
    const { song, warnings } = readMOD(buildMod({ orders: [0, 200], patterns: 1 }));
    expect(song.orders).toEqual([0, 'skip']);
    expect(warnings.some((w) => /pattern 200/.test(w))).toBe(true);
  });

  it('0xFE and 0xFF orders are skip and end markers', () => {
    const { song } = readMOD(buildMod({ orders: [0, 0xfe, 0, 0xff], patterns: 1 }));
    expect(song.orders).toEqual([0, 'skip', 0, 'end']);
  });

  it('a sample volume above 64 is clamped, with a warning', () => {
    const { song, warnings } = readMOD(buildMod({ samples: [{ lengthWords: 8, volume: 99 }] }));
    expect(song.samples[0]!.volume).toBe(64);
    expect(warnings.some((w) => /volume 99/.test(w))).toBe(true);
  });

  it('sample headers full of garbage are not a MOD', () => {
    const bytes = buildMod();
    for (let i = 20; i < 950; i++) bytes[i] = 0xff;
    expect(formatError(() => readMOD(bytes)).message).toMatch(/not a MOD file/);
  });

  it('unknown commands never throw: every command/parameter byte pair loads', () => {
    const cells = [];
    for (let c = 0; c < 256; c++) cells.push({ row: c % 64 + 64 * Math.floor(c / 64), channel: 0, command: c & 15, param: (c * 37) & 255 });
    const { song } = readMOD(buildMod({ orders: [0, 1, 2, 3], cells }));
    expect(song.patterns).toHaveLength(4);
  });
});
