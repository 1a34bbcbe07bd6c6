// The S3M reader on hand-built files: notes, volumes, effects (with S sub-commands and decimal Cxx),
// channel setup and panning, samples (unsigned/signed, 16-bit, stereo, loops, AdLib), tracker
// sniffing into profile flags, and broken files that load what is there or fail with a FormatError.

import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../src/formats/common/format-error.js';
import { probeS3M, readS3M } from '../../../src/formats/s3m/read.js';
import { getCell } from '../../../src/song/pattern.js';
import { buildS3M } from './s3m-builder.js';

describe('readS3M', () => {
  it('reads header, orders and cells; ST3 C-4 is the model C-5', () => {
    const { song, warnings } = readS3M(
      buildS3M({
        title: 'tune',
        speed: 5,
        tempo: 140,
        globalVolume: 48,
        orders: [0, 0xfe, 0, 0xff, 0xff],
        patterns: [[
          { row: 0, channel: 0, note: 0x40, instrument: 1, volume: 32, command: 4, param: 0x0f },
          { row: 1, channel: 1, note: 0xfe },
          { row: 2, channel: 2, command: 3, param: 0x12 },
          { row: 3, channel: 3, command: 19, param: 0xd2 },
          { row: 4, channel: 0, volume: 128 + 32 },
          { row: 5, channel: 1, command: 24, param: 0x80 },
        ]],
      }),
    );
    expect(warnings).toEqual([]);
    expect(song.title).toBe('tune');
    expect(song.initialSpeed).toBe(5);
    expect(song.initialTempo).toBe(140);
    expect(song.globalVolume).toBe(96);
    expect(song.orders).toEqual([0, 'skip', 0]);
    expect(song.notation).toBe('it');
    const p = song.patterns[0]!;
    expect(getCell(p, 0, 0)).toEqual({ note: 61, instrument: 1, volume: { kind: 'volume', value: 32 }, effects: [{ kind: 'volSlide', param: 0x0f }] });
    expect(getCell(p, 1, 1).note).toBe(254);
    // C12 in an S3M means row 12 (two decimal digits).
    expect(getCell(p, 2, 2).effects).toEqual([{ kind: 'patternBreak', param: 12 }]);
    expect(getCell(p, 3, 3).effects).toEqual([{ kind: 'noteDelay', param: 2 }]);
    expect(getCell(p, 4, 0).volume).toEqual({ kind: 'panning', value: 32 });
    expect(getCell(p, 5, 1).effects).toEqual([{ kind: 'setPan', param: 0x80 }]);
  });

  it('sets up channels: count up to the last used one, stereo halves, panning table, muted channels', () => {
    const { song } = readS3M(buildS3M({ channels: [0, 8, 0x81, 0xff, 9, ...Array(27).fill(0xff)], panTable: [0x20 | 0x0f, 0, 0, 0, 0x20 | 0x07] }));
    expect(song.channels).toHaveLength(5);
    expect(song.channels[0]!.pan).toBe(256);
    expect(song.channels[1]!.pan).toBe(0xcc);
    expect(song.channels[2]!.pan).toBe(0x33);
    expect(song.channels[2]!.muted).toBe(true);
    expect(song.channels[4]!.pan).toBe(Math.floor((7 * 256 + 8) / 15));
    const mono = readS3M(buildS3M({ masterVolume: 0x30 })).song;
    expect(mono.channels.every((c) => c.pan === 128)).toBe(true);
  });

  it('decodes unsigned and signed 8-bit, 16-bit and split-stereo samples, with loops and C-5 speed', () => {
    const u8 = Uint8Array.from([0x80, 0x81, 0x7f, 0x00]);
    const s16 = Uint8Array.from([0x00, 0x80, 0xff, 0x7f, 0x01, 0x00]);
    const stereo = Uint8Array.from([0x80, 0x90, 0x70, 0x60]);
    const { song } = readS3M(buildS3M({
      samples: [
        { length: 4, data: u8, flags: 1, loopStart: 1, loopEnd: 4, c5speed: 22050 },
        { length: 3, data: s16, flags: 4 },
        { length: 2, data: stereo, flags: 2 },
        { length: 4, data: u8, c5speed: 0 },
      ],
    }));
    const [a, b, c, d] = song.samples;
    expect(Array.from(a!.pcm.data)).toEqual([0, 1, -1, -128]);
    expect(a!.loop).toEqual({ start: 1, end: 4, pingPong: false });
    expect(a!.tuning).toEqual({ kind: 'c5speed', c5Speed: 22050 });
    expect(b!.pcm.bits).toBe(16);
    expect(Array.from(b!.pcm.data)).toEqual([0, -1, -32767]);
    expect(c!.pcm.channels).toBe(2);
    expect(Array.from(c!.pcm.data)).toEqual([0, -16, 16, -32]);
    expect(d!.tuning).toEqual({ kind: 'c5speed', c5Speed: 8363 });
    const signed = readS3M(buildS3M({ formatVersion: 1, samples: [{ length: 2, data: Uint8Array.from([0x01, 0xff]) }] })).song;
    expect(Array.from(signed.samples[0]!.pcm.data)).toEqual([1, -1]);
  });

  it('keeps AdLib instruments (their registers) with a warning that they are not played', () => {
    const { song, warnings } = readS3M(buildS3M({ samples: [{ type: 2, name: 'fm bass', length: 0x04030201, data: new Uint8Array(0) }] }));
    expect(song.samples[0]!.adlib).not.toBeNull();
    expect(Array.from(song.samples[0]!.adlib!.slice(0, 4))).toEqual([1, 2, 3, 4]);
    expect(warnings.some((w) => /AdLib/.test(w))).toBe(true);
  });

  it('tells the saving tracker apart and sets its quirks', () => {
    const st3sb = readS3M(buildS3M({ cwtv: 0x1320, samples: [{ length: 16, gus: 1 }] })).song;
    expect(st3sb.origin.tracker).toBe('Scream Tracker 3.20 - 3.21 (SB)');
    expect(st3sb.profile.flags.st3SampleSwap).toBe(true);
    expect(st3sb.profile.flags.s3mIgnoreCombinedFineSlides).toBe(true);
    const st3gus = readS3M(buildS3M({ cwtv: 0x1320, samples: [{ length: 16, gus: 0x100 }, { length: 16, gus: 0x200 }] })).song;
    expect(st3gus.origin.tracker).toMatch(/\(GUS\)$/);
    expect(st3gus.profile.flags.st3PortaSampleChange).toBe(true);
    expect(st3gus.mixVolume).toBe(48);
    const it = readS3M(buildS3M({ cwtv: 0x3214 })).song;
    expect(it.origin.tracker).toBe('Impulse Tracker 2.14');
    expect(it.profile.flags.st3Quirks).toBe(false);
    expect(it.profile.flags.periodsAreHertz).toBe(true);
    const mpt = readS3M(buildS3M({ cwtv: 0x1320, orders: Array(16).fill(0), ultraClicks: 0, panTable: Array(32).fill(0x28) })).song;
    expect(mpt.origin.tracker).toMatch(/ModPlug/);
    expect(mpt.profile.flags.st3LimitPeriod).toBe(true);
    expect(readS3M(buildS3M({ cwtv: 0x1300 })).song.profile.flags.st3FastVolumeSlides).toBe(true);
    expect(readS3M(buildS3M({ flags: 0x10 })).song.profile.flags.amigaPeriodLimits).toBe(true);
  });
});

describe('malformed S3M files', () => {
  function formatError(fn: () => unknown): FormatError {
    try {
      fn();
    } catch (e) {
      if (e instanceof FormatError) return e;
      throw e;
    }
    throw new Error('expected a FormatError');
  }

  it('wrong magic is not an S3M', () => {
    const b = buildS3M();
    b[0x2c] = 0x58;
    expect(probeS3M(b)).toBe(false);
    expect(formatError(() => readS3M(b)).offset).toBe(0x2c);
  });

  it('a file cut inside the header is not an S3M; empty input neither', () => {
    expect(probeS3M(buildS3M().subarray(0, 50))).toBe(false);
    expect(probeS3M(new Uint8Array(0))).toBe(false);
  });

  it('counts past the end of the file are capped by what is present, with warnings', () => {
    const b = buildS3M();
    new DataView(b.buffer).setUint16(0x24, 60000, true);
    const { song, warnings } = readS3M(b);
    expect(song.patterns.length).toBeLessThanOrEqual(255);
    expect(warnings.join('\n')).toMatch(/claims 60000 patterns/);
  });

  it('a sample header past the end of the file leaves the slot empty', () => {
    const b = buildS3M();
    new DataView(b.buffer).setUint16(0x60 + 1, 0xfff0, true);
    const { song, warnings } = readS3M(b);
    expect(song.samples[0]!.pcm.data.length).toBe(0);
    expect(warnings.join('\n')).toMatch(/sample 1: its header lies past the end/);
  });

  it('a sample claiming 4 GB gets the bytes that exist', () => {
    const b = buildS3M({ samples: [{ length: 16 }] });
    const smp = new DataView(b.buffer).getUint16(0x60 + 1, true) * 16;
    new DataView(b.buffer).setUint32(smp + 0x10, 0xffffffff, true);
    const { song, warnings } = readS3M(b);
    expect(song.samples[0]!.pcm.data.length).toBeLessThan(b.length);
    expect(warnings.join('\n')).toMatch(/claims 4294967295 frames/);
  });

  it('a loop reaching past the sample is clamped into it; an inverted loop is dropped with a warning', () => {
    expect(readS3M(buildS3M({ samples: [{ length: 16, flags: 1, loopStart: 4, loopEnd: 80 }] })).song.samples[0]!.loop).toEqual({ start: 4, end: 16, pingPong: false });
    const { song, warnings } = readS3M(buildS3M({ samples: [{ length: 16, flags: 1, loopStart: 12, loopEnd: 6 }] }));
    expect(song.samples[0]!.loop).toBeNull();
    expect(warnings.join('\n')).toMatch(/loop 12\.\.6/);
  });

  it('pattern data that stops early leaves the rest of the pattern empty', () => {
    const b = buildS3M({ patterns: [[{ row: 0, channel: 0, note: 0x40, instrument: 1 }, { row: 63, channel: 0, note: 0x41, instrument: 1 }]] });
    const cut = b.subarray(0, b.length - 64 - 40);
    const { song, warnings } = readS3M(cut);
    expect(getCell(song.patterns[0]!, 0, 0).note).toBe(61);
    expect(warnings.join('\n')).toMatch(/end early/);
  });

  it('an order naming a missing pattern is skipped (as libopenmpt plays it), with a warning', () => {
    const { song, warnings } = readS3M(buildS3M({ orders: [0, 7] }));
    expect(song.orders).toEqual([0, 'skip']);
    expect(song.patterns).toHaveLength(1);
    expect(warnings.join('\n')).toMatch(/pattern 7/);
  });

  it('unknown effect letters and channels beyond the header are ignored', () => {
    const { song } = readS3M(buildS3M({ patterns: [[{ row: 0, channel: 0, command: 30, param: 1 }, { row: 1, channel: 20, note: 0x40 }]] }));
    expect(getCell(song.patterns[0]!, 0, 0).effects).toEqual([null]);
    expect(song.channels).toHaveLength(4);
  });
});
