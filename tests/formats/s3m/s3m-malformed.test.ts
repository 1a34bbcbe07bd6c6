// Hand-made broken S3M files (a valid minimal file from the builder, then damaged): each must fail
// with a FormatError saying what and where, or load what is there with a warning, never hang or
// allocate more than the file can hold.

import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../src/formats/common/format-error.js';
import { probeS3M, readS3M } from '../../../src/formats/s3m/read.js';
import { getCell } from '../../../src/song/pattern.js';
import { buildS3M } from './s3m-builder.js';

function formatError(fn: () => unknown): FormatError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FormatError) return e;
    throw e;
  }
  throw new Error('expected a FormatError');
}

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** Where the builder put sample 1's header (its parapointer follows the orders). */
function sampleHeaderAt(b: Uint8Array): number {
  const ordNum = view(b).getUint16(0x20, true);
  return view(b).getUint16(0x60 + ordNum, true) * 16;
}

/** Where the builder put pattern 0 (its parapointer follows the sample parapointers). */
function patternAt(b: Uint8Array): number {
  const v = view(b);
  return v.getUint16(0x60 + v.getUint16(0x20, true) + v.getUint16(0x22, true) * 2, true) * 16;
}

describe('malformed S3M input', () => {
  it('empty input is not an S3M, with the offset of the missing signature', () => {
    expect(probeS3M(new Uint8Array(0))).toBe(false);
    const e = formatError(() => readS3M(new Uint8Array(0)));
    expect(e.offset).toBe(0x2c);
    expect(e.what).toMatch(/SCRM/);
  });

  it('a file cut inside the header after its signature says it ends inside the header', () => {
    const e = formatError(() => readS3M(buildS3M().subarray(0, 0x50)));
    expect(e.what).toMatch(/ends inside the 96-byte S3M header/);
    expect(e.offset).toBe(0x50);
  });

  it('a wrong file type or format version is refused by probe and reader, at its offset', () => {
    const type = buildS3M();
    type[0x1d] = 0x11;
    expect(probeS3M(type)).toBe(false);
    expect(formatError(() => readS3M(type)).offset).toBe(0x1d);
    const version = setU16(buildS3M(), 0x2a, 3);
    expect(probeS3M(version)).toBe(false);
    expect(formatError(() => readS3M(version)).what).toMatch(/format version 3/);
  });

  it('an order count of 65535 in a small file is capped to the bytes present, with a warning', () => {
    const b = setU16(buildS3M(), 0x20, 0xffff);
    const { song, warnings } = readS3M(b);
    expect(song.orders.length).toBeLessThanOrEqual(b.length);
    expect(warnings.join('\n')).toMatch(/claims 65535 orders/);
  });

  it('a sample whose data lies past the end of the file loads empty, with a warning', () => {
    const b = buildS3M({ samples: [{ length: 32 }] });
    const at = sampleHeaderAt(b);
    b[at + 0x0d] = 0xff; // data parapointer high byte: far beyond the file
    const { song, warnings } = readS3M(b);
    expect(song.samples[0]!.pcm.data.length).toBe(0);
    expect(warnings.join('\n')).toMatch(/sample 1: claims 32 frames .* the file holds 0/);
  });

  it('a split-stereo 16-bit sample cut inside its right half keeps the whole frames that exist', () => {
    // Unsigned 16-bit, left block (2 frames) then right block; the file ends after the right's first frame.
    const data = Uint8Array.from([0x00, 0x90, 0x00, 0xa0, 0x00, 0x70]);
    const b = buildS3M({ samples: [{ length: 2, flags: 2 | 4, data }] });
    // The builder puts the sample data last, in its own 16-byte paragraph.
    const dataStart = b.length - 16;
    const { song, warnings } = readS3M(b.subarray(0, dataStart + data.length));
    expect(song.samples[0]!.pcm).toMatchObject({ bits: 16, channels: 2 });
    expect(Array.from(song.samples[0]!.pcm.data)).toEqual([0x1000, -0x1000]);
    expect(warnings.join('\n')).toMatch(/sample 1: claims 2 frames at offset \d+, the file holds 1/);
  });

  it('a truncated ADPCM sample keeps the decoded frames, with a warning', () => {
    const data = new Uint8Array(16 + 8).fill(0x11);
    const b = buildS3M({ samples: [{ length: 1000, pack: 4, data }] });
    const { song, warnings } = readS3M(b);
    expect(song.samples[0]!.pcm.data.length).toBeLessThan(1000);
    expect(song.samples[0]!.pcm.data.length).toBeGreaterThanOrEqual(16);
    expect(warnings.join('\n')).toMatch(/ADPCM data; cut short/);
  });

  it('loop points far outside the sample are clamped, and an empty loop is dropped with a warning', () => {
    const clamped = readS3M(buildS3M({ samples: [{ length: 16, flags: 1, loopStart: 2, loopEnd: 0xffffffff }] })).song.samples[0]!;
    expect(clamped.loop).toEqual({ start: 2, end: 16, pingPong: false });
    // Both points past the end clamp to the last frame, as libopenmpt does: a one-frame loop remains.
    expect(readS3M(buildS3M({ samples: [{ length: 16, flags: 1, loopStart: 0xfffffff0, loopEnd: 0xffffffff }] })).song.samples[0]!.loop).toEqual({ start: 15, end: 16, pingPong: false });
    const { song, warnings } = readS3M(buildS3M({ samples: [{ length: 16, flags: 1, loopStart: 0xfffffff0, loopEnd: 1 }] }));
    expect(song.samples[0]!.loop).toBeNull();
    expect(warnings.join('\n')).toMatch(/sample 1: loop .* dropped/);
  });

  it('a zero-length sample with the loop flag loads without a loop or data', () => {
    const { song } = readS3M(buildS3M({ samples: [{ length: 0, flags: 1, loopStart: 0, loopEnd: 10 }] }));
    expect(song.samples[0]!.pcm.data.length).toBe(0);
    expect(song.samples[0]!.loop).toBeNull();
  });

  it('a pattern parapointer past the end of the file gives an empty pattern, with a warning', () => {
    const b = buildS3M();
    const v = view(b);
    setU16(b, 0x60 + v.getUint16(0x20, true) + v.getUint16(0x22, true) * 2, 0xfff0);
    const { song, warnings } = readS3M(b);
    expect(song.patterns).toHaveLength(1);
    expect(getCell(song.patterns[0]!, 0, 0).note).toBe(0);
    expect(warnings.join('\n')).toMatch(/1 pattern end early or lie past the end/);
  });

  it('a cell cut in the middle of its bytes ends the pattern there; earlier rows are kept', () => {
    const b = buildS3M({ patterns: [[{ row: 0, channel: 0, note: 0x40, instrument: 1 }, { row: 1, channel: 1, note: 0x41, instrument: 1, command: 1, param: 3 }]] });
    const at = patternAt(b);
    // Row 0: length word (2), cell (3), end of row (1); row 1's cell: info, note, instrument, command...
    const { song, warnings } = readS3M(b.subarray(0, at + 2 + 4 + 4));
    expect(getCell(song.patterns[0]!, 0, 0).note).toBe(61);
    expect(getCell(song.patterns[0]!, 1, 1).note).toBe(0);
    expect(warnings.join('\n')).toMatch(/end early/);
  });

  it('notes outside ST3\'s range are clamped to the model\'s 1..120, and 0xF0-0xFD bytes are no note', () => {
    const { song } = readS3M(buildS3M({ patterns: [[{ row: 0, channel: 0, note: 0x9f, instrument: 1 }, { row: 1, channel: 0, note: 0xf3, instrument: 2 }]] }));
    const p = song.patterns[0]!;
    expect(getCell(p, 0, 0).note).toBe(120);
    expect(getCell(p, 1, 0)).toMatchObject({ note: 0, instrument: 2 });
  });

  it('an absurd C-5 speed is clamped: 0 is 8363 Hz, tiny values 1024 Hz, ST3 files at most 65535 Hz', () => {
    const speeds = (cwtv: number) => readS3M(buildS3M({ cwtv, samples: [{ length: 4, c5speed: 0 }, { length: 4, c5speed: 5 }, { length: 4, c5speed: 0xffffffff }] })).song.samples.map((s) => (s.tuning.kind === 'c5speed' ? s.tuning.c5Speed : -1));
    expect(speeds(0x1320)).toEqual([8363, 1024, 65535]);
    expect(speeds(0x3214)).toEqual([8363, 1024, 0xffffffff]);
  });

  it('a pattern parapointer into the header reads garbage cells without failing', () => {
    const b = buildS3M();
    const v = view(b);
    setU16(b, 0x60 + v.getUint16(0x20, true) + v.getUint16(0x22, true) * 2, 0x0001);
    const { song } = readS3M(b);
    expect(song.patterns).toHaveLength(1);
    expect(song.patterns[0]!.rows).toBe(64);
  });

  it('sample and pattern counts above 255 load the first 255 of each, with warnings', () => {
    const b = setU16(setU16(buildS3M(), 0x22, 300), 0x24, 300);
    const { song, warnings } = readS3M(b);
    expect(song.samples.length).toBeLessThanOrEqual(255);
    expect(song.patterns.length).toBeLessThanOrEqual(255);
    expect(warnings.join('\n')).toMatch(/claims 300 samples; patterns can only name 255/);
  });
});

function setU16(b: Uint8Array, at: number, v: number): Uint8Array {
  view(b).setUint16(at, v, true);
  return b;
}
