// The XM reader on edge cases and lies built in code: header and pattern-header sizes honoured, any
// row count, packed data that ends early or runs on, odd-sized, stereo and ADPCM samples, loops and
// envelopes out of range, absurd counts. Each loads what is there (with warnings) or throws a FormatError.

import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../src/formats/common/format-error.js';
import { probeXM, readXM } from '../../../src/formats/xm/read.js';
import { getCell } from '../../../src/song/pattern.js';
import { buildXM, packCells } from './xm-builder.js';

const PATTERNS_AT = 336;

function formatError(fn: () => unknown): FormatError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FormatError) return e;
    throw e;
  }
  throw new Error('expected a FormatError');
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

function splice(b: Uint8Array, at: number, insert: number[]): Uint8Array {
  return Uint8Array.from([...b.subarray(0, at), ...insert, ...b.subarray(at)]);
}

/** A file whose only sample holds `data` raw (already coded) bytes at the very end. */
function withSampleBytes(raw: number[], flags: number, reserved = 0, loop: [number, number] = [0, 0]): Uint8Array {
  const b = buildXM({ instruments: [{ samples: [{ data: raw.map(() => 0), flags, loopStart: loop[0], loopLength: loop[1] }] }] });
  b.set(raw, b.length - raw.length);
  const header = b.length - raw.length - 40;
  b[header + 14] = flags;
  b[header + 17] = reserved;
  return b;
}

describe('XM edge cases and lies', () => {
  it('empty input, a wrong signature and a header cut before its fields fail with a FormatError', () => {
    expect(probeXM(new Uint8Array(0))).toBe(false);
    expect(formatError(() => readXM(new Uint8Array(0))).offset).toBe(0);
    const wrong = buildXM();
    wrong[16] = 0x21;
    expect(probeXM(wrong)).toBe(false);
    expect(formatError(() => readXM(wrong)).message).toMatch(/Extended Module/);
    expect(() => readXM(buildXM().subarray(0, 79))).toThrow(FormatError);
  });

  it('honours a header size larger than FT2 writes: patterns start at 60 + size', () => {
    const b = splice(buildXM(), PATTERNS_AT, [0xde, 0xad, 0xbe, 0xef]);
    view(b).setUint32(60, 280, true);
    const { song, warnings } = readXM(b);
    expect(warnings).toEqual([]);
    expect(getCell(song.patterns[0]!, 0, 0).note).toBe(61);
    expect(song.samples[0]!.pcm.data.length).toBe(8);
  });

  it('a header size pointing past the end leaves empty patterns and instruments, with warnings', () => {
    const b = buildXM();
    view(b).setUint32(60, 0xfffffff0, true);
    const { song, warnings } = readXM(b);
    expect(song.patterns).toHaveLength(1);
    expect(getCell(song.patterns[0]!, 0, 0).note).toBe(0);
    expect(song.instruments).toHaveLength(1);
    expect(warnings.join('\n')).toMatch(/patterns from 0 on are missing/);
  });

  it('patterns of 1, 256 and 0 (= 64) rows, a longer pattern header, and packed size 0 as an empty pattern', () => {
    const b = buildXM({
      orders: [0, 1, 2, 3],
      patterns: [
        { rows: 1, data: packCells(1, 4, { '0,3': [50, 0, 0, 0, 0] }) },
        { rows: 256, data: packCells(256, 4, { '255,0': [51, 0, 0, 0, 0] }) },
        { rows: 0, data: [] },
        { rows: 32, data: [] },
      ],
    });
    // Give pattern 0 a 13-byte header (4 unknown bytes the reader must skip).
    const p = splice(b, PATTERNS_AT + 9, [1, 2, 3, 4]);
    view(p).setUint32(PATTERNS_AT, 13, true);
    const { song, warnings } = readXM(p);
    expect(warnings).toEqual([]);
    expect(song.patterns.map((x) => x.rows)).toEqual([1, 256, 64, 32]);
    expect(getCell(song.patterns[0]!, 0, 3).note).toBe(62);
    expect(getCell(song.patterns[1]!, 255, 0).note).toBe(63);
  });

  it('packed data running past its rows is ignored, and a cell cut by the packed size reads zeros; the next pattern is intact', () => {
    const first = [...packCells(1, 4, { '0,0': [49, 1, 0, 0, 0] }), 0x9f, 50, 2, 0x20, 0x0f, 0x03];
    const second = packCells(2, 4, { '1,1': [52, 0, 0, 0, 0] });
    const b = buildXM({ orders: [0, 1], patterns: [{ rows: 1, data: first }, { rows: 2, data: second }] });
    const { song, warnings } = readXM(b);
    expect(warnings.join('\n')).toMatch(/pattern 0: packed data runs past its 1 rows/);
    expect(getCell(song.patterns[1]!, 1, 1).note).toBe(64);
    // Now cut pattern 0's data inside its first cell: note present, the rest lies past the packed size.
    const cut = buildXM({ orders: [0, 1], patterns: [{ rows: 1, data: [0x9f, 49, 1, 0x30] }, { rows: 2, data: second }] });
    view(cut).setUint16(PATTERNS_AT + 7, 2, true);
    const r = readXM(cut);
    expect(getCell(r.song.patterns[0]!, 0, 0)).toMatchObject({ note: 61, instrument: 0, volume: null });
  });

  it('unknown effect commands and volume bytes 0x51..0x5F become nothing', () => {
    const data = packCells(4, 4, { '0,0': [0, 0, 0x55, 18, 0x12], '1,0': [0, 0, 0, 38, 0x40], '2,0': [0, 0, 0, 200, 0x01], '3,0': [0, 0, 0x10, 0x21, 0x30] });
    const { song } = readXM(buildXM({ patterns: [{ rows: 4, data }] }));
    const p = song.patterns[0]!;
    for (let row = 0; row < 3; row++) expect(getCell(p, row, 0), `row ${row}`).toMatchObject({ volume: null, effects: [null] });
    // X3x is no FT2 command either; volume 0x10 is "v00".
    expect(getCell(p, 3, 0)).toMatchObject({ volume: { kind: 'volume', value: 0 }, effects: [null] });
  });

  it('loops past the sample are cut to it, loops starting past it dropped with a warning, zero-length samples have none', () => {
    const past = readXM(buildXM({ instruments: [{ samples: [{ data: [1, 2, 3, 4], loopStart: 6, loopLength: 10, flags: 1 }] }] }));
    expect(past.song.samples[0]!.loop).toBeNull();
    expect(past.warnings.join('\n')).toMatch(/loop 6\.\.16 lies outside its 4 frames; dropped/);
    const empty = readXM(buildXM({ instruments: [{ samples: [{ data: [], loopStart: 0, loopLength: 4, flags: 2 }] }] }));
    expect(empty.song.samples[0]!.pcm.data.length).toBe(0);
    expect(empty.song.samples[0]!.loop).toBeNull();
    const noLength = readXM(buildXM({ instruments: [{ samples: [{ data: [1, 2, 3], loopStart: 1, loopLength: 0, flags: 1 }] }] }));
    expect(noLength.song.samples[0]!.loop).toBeNull();
  });

  it('a 16-bit sample with an odd byte size keeps whole frames; loop bytes become frames', () => {
    // 5 bytes: two 16-bit frames (delta 0x0100, 0x0100) and one spare byte; loop 2..6 bytes = frames 1..3 -> cut to 2.
    const b = withSampleBytes([0x00, 0x01, 0x00, 0x01, 0x7f], 0x11, 0, [2, 4]);
    const { song } = readXM(b);
    const s = song.samples[0]!;
    expect(s.pcm.bits).toBe(16);
    expect(Array.from(s.pcm.data)).toEqual([256, 512]);
    expect(s.loop).toEqual({ start: 1, end: 2, pingPong: false });
  });

  it('stereo samples (flag 0x20) hold the left half then the right half, each delta-coded on its own', () => {
    const b = withSampleBytes([10, 10, 10, 0xfb, 0xfb, 0xfb], 0x21, 0, [0, 6]);
    const s = readXM(b).song.samples[0]!;
    expect(s.pcm.channels).toBe(2);
    expect(Array.from(s.pcm.data)).toEqual([10, -5, 20, -10, 30, -15]);
    expect(s.loop).toEqual({ start: 0, end: 3, pingPong: false });
  });

  it('ModPlug ADPCM samples (reserved byte 0xAD): a 16-entry delta table, then two 4-bit indices per byte', () => {
    const table = [0, 1, 2, 3, 4, 5, 6, 7, -8, -7, -6, -5, -4, -3, -2, -1].map((v) => v & 0xff);
    // Six frames in three bytes: indices 1,2 | 3,4 | 15,8 -> +1 +2 +3 +4 -1 -8.
    const packed = [0x21, 0x43, 0x8f];
    const b = buildXM({ instruments: [{ samples: [{ data: [0, 0, 0, 0, 0, 0] }] }] });
    const header = b.length - 6 - 40;
    const file = Uint8Array.from([...b.subarray(0, b.length - 6), ...table, ...packed]);
    file[header + 17] = 0xad;
    const { song } = readXM(file);
    expect(Array.from(song.samples[0]!.pcm.data)).toEqual([1, 3, 6, 10, 9, 1]);
    expect(song.origin.tracker).toMatch(/\(ADPCM packed\)$/);
  });

  it('envelopes claiming 200 points keep 12; sustain and loop indices past the points are ignored', () => {
    const points: [number, number][] = Array.from({ length: 12 }, (_, i) => [i * 4, 64 - i]);
    const b = buildXM({ instruments: [{ volumeEnvelope: { points, flags: 7, sustain: 40, loopStart: 2, loopEnd: 30 }, samples: [{ data: [1] }] }] });
    const insAt = PATTERNS_AT + 9 + packCells(64, 4, { '0,0': [49, 1, 0x40, 0x0c, 0x20] }).length;
    b[insAt + 225] = 200;
    const env = readXM(b).song.instruments[0]!.volumeEnvelope;
    expect(env.points).toHaveLength(12);
    expect(env.points[11]).toEqual({ tick: 44, value: 53 });
    expect(env.sustain).toBeNull();
    expect(env.loop).toBeNull();
    expect(env.enabled).toBe(true);
  });

  it('absurd counts: 65535 orders, patterns and instruments in a small file load quickly with warnings', () => {
    const b = buildXM({ restart: 300 });
    const v = view(b);
    v.setUint16(64, 0xffff, true);
    v.setUint16(70, 0xffff, true);
    v.setUint16(72, 0xffff, true);
    const t0 = performance.now();
    const { song, warnings } = readXM(b);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(song.orders).toHaveLength(256);
    expect(song.patterns).toHaveLength(256);
    expect(song.instruments).toHaveLength(255);
    expect(song.restartOrder).toBe(0);
    const text = warnings.join('\n');
    expect(text).toMatch(/65535 orders/);
    expect(text).toMatch(/65535 patterns/);
    expect(text).toMatch(/65535 instruments/);
  });

  it('more than 127 channels is refused; 127 is accepted', () => {
    const b = buildXM({ channels: 128 });
    expect(probeXM(b)).toBe(false);
    expect(formatError(() => readXM(b)).message).toMatch(/128 channels/);
    const ok = buildXM({ channels: 127, patterns: [{ rows: 1, data: [] }] });
    expect(readXM(ok).song.channels).toHaveLength(127);
  });

  it('ModPlug-era +++/--- order bytes are dropped and end the song; FT2 files skip them like any missing pattern', () => {
    const modplug = readXM(buildXM({ nulPaddedTitle: true, orders: [0, 0xfe, 0, 0xff] }));
    expect(modplug.song.origin.tracker).toMatch(/^ModPlug/);
    expect(modplug.song.orders).toEqual([0, 0, 'end']);
    const ft2 = readXM(buildXM({ orders: [0, 0xfe, 0, 0xff] }));
    expect(ft2.song.orders).toEqual([0, 'skip', 0, 'skip']);
  });

  it('NitroTracker ignores instrument numbers without a note', () => {
    const data = packCells(2, 4, { '0,0': [0, 3, 0, 0, 0], '1,0': [49, 3, 0, 0, 0] });
    const nitro = readXM(buildXM({ tracker: 'NitroTracker\0\0\0\0\0\0\0\0', patterns: [{ rows: 2, data }] })).song.patterns[0]!;
    expect(getCell(nitro, 0, 0).instrument).toBe(0);
    expect(getCell(nitro, 1, 0).instrument).toBe(3);
    const ft2 = readXM(buildXM({ patterns: [{ rows: 2, data }] })).song.patterns[0]!;
    expect(getCell(ft2, 0, 0).instrument).toBe(3);
  });

  it('trailing chunks with lying lengths are cut at the end of the file', () => {
    const b = buildXM();
    const text = [...'text'].map((c) => c.charCodeAt(0));
    const file = Uint8Array.from([...b, ...text, 0xff, 0xff, 0xff, 0x7f, 0x48, 0x69]);
    const { song } = readXM(file);
    expect(song.message).toBe('Hi');
  });
});

describe('XM 1.02/1.03 layout', () => {
  it('version 0x0103: instruments and sample headers first, then patterns, then all sample data', () => {
    const spec = {
      orders: [0],
      patterns: [{ rows: 2, data: packCells(2, 4, { '1,2': [49, 1, 0, 0, 0] }) }],
      instruments: [
        { name: 'one', samples: [{ data: [5, 6, 7], loopStart: 1, loopLength: 2, flags: 1 }] },
        { name: 'two', samples: [{ data: [-1, -2] }] },
      ],
    };
    const b = buildXM(spec);
    const patternBytes = 9 + spec.patterns[0]!.data.length;
    const patternsEnd = PATTERNS_AT + patternBytes;
    // Instrument 1 = 263 + 40 header bytes + 3 data bytes; instrument 2 = 263 + 40 + 2.
    const ins1 = b.subarray(patternsEnd, patternsEnd + 303);
    const data1 = b.subarray(patternsEnd + 303, patternsEnd + 306);
    const ins2 = b.subarray(patternsEnd + 306, patternsEnd + 609);
    const data2 = b.subarray(patternsEnd + 609);
    const old = Uint8Array.from([...b.subarray(0, PATTERNS_AT), ...ins1, ...ins2, ...b.subarray(PATTERNS_AT, patternsEnd), ...data1, ...data2]);
    view(old).setUint16(58, 0x0103, true);
    const { song, warnings } = readXM(old);
    expect(warnings).toEqual([]);
    expect(song.instruments.map((i) => i.name)).toEqual(['one', 'two']);
    expect(getCell(song.patterns[0]!, 1, 2).note).toBe(61);
    expect(Array.from(song.samples[0]!.pcm.data)).toEqual([5, 6, 7]);
    expect(song.samples[0]!.loop).toEqual({ start: 1, end: 3, pingPong: false });
    expect(Array.from(song.samples[1]!.pcm.data)).toEqual([-1, -2]);
    expect(song.origin.tracker).toBe('FastTracker 2 or compatible');
  });
});
