// The IT reader on hand-built files: header and flags, channel settings, notes and the volume
// column, masked packing with "last value" memory, instruments, samples in several encodings
// (including IT 2.14/2.15 compression), tracker sniffing, and damaged files.

import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../src/formats/common/format-error.js';
import { probeIT, readIT } from '../../../src/formats/it/read.js';
import { getCell } from '../../../src/song/pattern.js';
import { buildIT, itBlock, itInstrument } from './it-builder.js';

describe('readIT', () => {
  it('reads header flags, channels (as many as the patterns use), orders, message and cells', () => {
    const { song, warnings } = readIT(buildIT({
      title: 'impulse',
      flags: 0x01 | 0x08 | 0x10 | 0x20,
      orders: [0, 0xfe, 0, 0xff, 0xff],
      channelPan: [0, 64, 100, 32 | 0x80],
      channelVolume: [64, 32, 64, 64],
      message: 'line one\nline two',
      patterns: [{
        rows: 32,
        cells: [
          { row: 0, channel: 0, note: 60, instrument: 1, volume: 32, command: 1, param: 3 },
          { row: 1, channel: 1, note: 255 },
          { row: 2, channel: 2, note: 254, volume: 70, command: 3, param: 0x12 },
          { row: 3, channel: 3, note: 200, volume: 150, command: 19, param: 0xd2 },
          { row: 4, channel: 0, volume: 195 },
        ],
      }],
    }));
    expect(warnings).toEqual([]);
    expect(song.title).toBe('impulse');
    expect(song.message).toBe('line one\nline two');
    expect(song.channels).toHaveLength(4);
    expect(song.channels.map((c) => c.pan)).toEqual([0, 256, 128, 128]);
    expect(song.channels[1]!.volume).toBe(32);
    expect(song.channels[2]!.surround).toBe(true);
    expect(song.channels[3]!.muted).toBe(true);
    expect(song.orders).toEqual([0, 'skip', 0]);
    expect(song.profile.flags).toMatchObject({ linearSlides: true, itOldEffects: true, itCompatibleGxx: true });
    const p = song.patterns[0]!;
    expect(p.rows).toBe(32);
    expect(getCell(p, 0, 0)).toEqual({ note: 61, instrument: 1, volume: { kind: 'volume', value: 32 }, effects: [{ kind: 'setSpeed', param: 3 }] });
    expect(getCell(p, 1, 1).note).toBe(255);
    // IT's Cxx row is a plain number (S3M stored decimal digits).
    expect(getCell(p, 2, 2)).toMatchObject({ note: 254, volume: { kind: 'fineVolUp', value: 5 }, effects: [{ kind: 'patternBreak', param: 0x12 }] });
    expect(getCell(p, 3, 3)).toMatchObject({ note: 253, volume: { kind: 'panning', value: 22 }, effects: [{ kind: 'noteDelay', param: 2 }] });
    expect(getCell(p, 4, 0).volume).toEqual({ kind: 'tonePorta', value: 2 });
  });

  it('reuses the last note, instrument, volume and effect of a channel when the mask says so', () => {
    // Channel 1: full cell, then mask 0xF0 (all "last value" bits) on the next row.
    const raw = buildIT({ patterns: [{ rows: 4, cells: [{ row: 0, channel: 0, note: 50, instrument: 1, volume: 20, command: 4, param: 0x0f }] }] });
    const bytes = Array.from(raw);
    // Replace the end-of-row after row 0 with a cell using the last-value bits, keeping the row count.
    const patStart = bytes.length - (8 + 7 + 4);
    const data = [0x81, 0x0f, 50, 1, 20, 4, 0x0f, 0, 0x81, 0xf0, 0, 0, 0];
    const patched = Uint8Array.from([...bytes.slice(0, patStart), data.length & 0xff, data.length >> 8, 4, 0, 0, 0, 0, 0, ...data]);
    const { song } = readIT(patched);
    expect(getCell(song.patterns[0]!, 1, 0)).toEqual(getCell(song.patterns[0]!, 0, 0));
  });

  it('reads unsigned, delta and 16-bit PCM, loops, sustain loops, pan and auto-vibrato', () => {
    const { song } = readIT(buildIT({
      samples: [
        { data: [0x80, 0x81, 0x7f], length: 3, flags: 1 | 0x10 | 0x20 | 0x80, cvt: 0, loopStart: 0, loopEnd: 3, susStart: 1, susEnd: 3, pan: 0x80 | 16, vibrato: [4, 8, 2, 1] },
        { data: [10, 5, 0xfb], length: 3, flags: 1, cvt: 1 | 4 },
        { data: [0x00, 0x80, 0xff, 0x7f], length: 2, flags: 1 | 2, cvt: 1, c5speed: 44100, globalVolume: 32 },
      ],
    }));
    const [a, b, c] = song.samples;
    expect(Array.from(a!.pcm.data)).toEqual([0, 1, -1]);
    expect(a!.loop).toEqual({ start: 0, end: 3, pingPong: false });
    expect(a!.sustainLoop).toEqual({ start: 1, end: 3, pingPong: true });
    expect(a!.pan).toBe(64);
    expect(a!.vibrato).toEqual({ waveform: 'rampDown', speed: 4, depth: 8, sweep: 2 });
    expect(Array.from(b!.pcm.data)).toEqual([10, 15, 10]);
    expect(c!.pcm.bits).toBe(16);
    expect(Array.from(c!.pcm.data)).toEqual([-32768, 32767]);
    expect(c!.tuning).toEqual({ kind: 'c5speed', c5Speed: 44100 });
    expect(c!.globalVolume).toBe(32);
  });

  it('decompresses IT 2.14 and 2.15 samples, following width changes', () => {
    // width 9: +10; escape to width 7 (0x100 | 6); width 7: +5 and -1 (0x7F sign-extended).
    const block = itBlock([[10, 9], [0x106, 9], [5, 7], [0x7f, 7]]);
    const base = { data: block, length: 3, flags: 1 | 8 };
    const { song } = readIT(buildIT({ samples: [{ ...base, cvt: 1 }, { ...base, cvt: 1 | 4 }] }));
    expect(Array.from(song.samples[0]!.pcm.data)).toEqual([10, 15, 14]);
    expect(Array.from(song.samples[1]!.pcm.data)).toEqual([10, 25, 39]);
  });

  it('reads instruments: note/sample maps, NNA, fadeout, default pan, envelopes', () => {
    const { song } = readIT(buildIT({
      instruments: [itInstrument({ name: 'pad', sample: 1, nna: 2, fadeout: 10, pan: 32, volEnv: [[0, 64], [20, 0]], envFlags: 1 | 2 })],
    }));
    const ins = song.instruments[0]!;
    expect(ins.name).toBe('pad');
    expect(ins.sampleMap.every((s) => s === 1)).toBe(true);
    expect(ins.noteMap[59]).toBe(60);
    expect(ins.newNoteAction).toBe('off');
    expect(ins.fadeout).toBe(320);
    expect(ins.pan).toBe(128);
    expect(ins.volumeEnvelope).toEqual({ enabled: true, points: [{ tick: 0, value: 64 }, { tick: 20, value: 0 }], loop: { start: 0, end: 0 }, sustain: null, carry: false });
  });

  it('tells trackers apart: Impulse Tracker keeps IT rules, ModPlug-era files do not', () => {
    const it214 = readIT(buildIT({ cwtv: 0x0214, cmwt: 0x0214, history: 1 })).song;
    expect(it214.origin.tracker).toBe('Impulse Tracker 2.14');
    expect(it214.profile.flags.itQuirks).toBe(true);
    // IT 2.07+ always writes an edit history (or its edit timer): without either, libopenmpt says Unknown.
    expect(readIT(buildIT({ cwtv: 0x0214, cmwt: 0x0214 })).song.origin.tracker).toBe('Unknown');
    const modplug = readIT(buildIT({ cwtv: 0x0217, cmwt: 0x0200, channelPan: [32, 32, 0xff] })).song;
    expect(modplug.origin.tracker).toBe('ModPlug Tracker 1.09 - 1.16');
    expect(modplug.profile.flags.itQuirks).toBe(false);
    expect(modplug.profile.flags.modplugMixLevels).toBe(true);
    const mpt117 = readIT(buildIT({ cwtv: 0x0217, cmwt: 0x0200 })).song;
    expect(mpt117.origin.tracker).toBe('OpenMPT 1.17 (compatibility export)');
    expect(mpt117.profile.flags.itQuirks).toBe(false);
    const schism = readIT(buildIT({ cwtv: 0x1050 + 100, cmwt: 0x0214 })).song;
    expect(schism.origin.tracker).toMatch(/^Schism Tracker 2010-02-08/);
    expect(schism.profile.flags.itShortSampleRetrig).toBe(false);
  });
});

describe('malformed IT files', () => {
  function formatError(fn: () => unknown): FormatError {
    try {
      fn();
    } catch (e) {
      if (e instanceof FormatError) return e;
      throw e;
    }
    throw new Error('expected a FormatError');
  }

  it('wrong magic and a header cut short are not IT', () => {
    const b = buildIT();
    expect(probeIT(b.subarray(0, 100))).toBe(false);
    b[3] = 0x58;
    expect(probeIT(b)).toBe(false);
    expect(formatError(() => readIT(b)).message).toMatch(/IMPM/);
  });

  it('pointer tables past the end of the file are capped, with a warning', () => {
    const b = buildIT();
    new DataView(b.buffer).setUint16(0x24, 40000, true);
    const { warnings } = readIT(b);
    expect(warnings.join('\n')).toMatch(/claims 40000 samples/);
  });

  it('a sample pointing past the end of the file is empty; one claiming 4 GB gets what exists', () => {
    const b = buildIT({ samples: [{ data: [1, 2, 3, 4], length: 4, flags: 1, cvt: 1 }] });
    const smpHeader = new DataView(b.buffer).getUint32(0xc0 + 1, true);
    new DataView(b.buffer).setUint32(smpHeader + 48, 0xffffffff, true);
    const { song, warnings } = readIT(b);
    expect(song.samples[0]!.pcm.data.length).toBeLessThan(b.length);
    expect(warnings.join('\n')).toMatch(/claims 4294967295 frames/);
  });

  it('damaged compressed data gives silence for the missing part, not an error', () => {
    const block = itBlock([[10, 9], [20, 9]]);
    block[0] = 0xff; // claims 255 bytes of packed data
    const { song, warnings } = readIT(buildIT({ samples: [{ data: block, length: 100, flags: 1 | 8, cvt: 1 }] }));
    expect(song.samples[0]!.pcm.data[0]).toBe(10);
    expect(warnings.join('\n')).toMatch(/compressed data is damaged/);
  });

  it('a pattern with an absurd row count loads as an empty pattern', () => {
    const b = buildIT();
    const patPtr = new DataView(b.buffer).getUint32(0xc0 + 1 + 4, true);
    new DataView(b.buffer).setUint16(patPtr + 2, 60000, true);
    const { song, warnings } = readIT(b);
    expect(song.patterns[0]!.rows).toBe(64);
    expect(warnings.join('\n')).toMatch(/damaged or cut short/);
  });
});
