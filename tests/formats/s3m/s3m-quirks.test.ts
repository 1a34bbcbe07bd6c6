// What the S3M reader takes from the tracker that saved a file, as libopenmpt's Load_s3m.cpp does:
// Zxx macros cleared for ST3 and old IT, SoundBlaster SAx stereo control, ST3.01's O00, PixPlay
// panning, ModPlug's stereo and code page, muted gap channels, ADPCM, and tracker names.

import { describe, expect, it } from 'vitest';
import { readS3M } from '../../../src/formats/s3m/read.js';
import { getCell } from '../../../src/song/pattern.js';
import { buildS3M } from './s3m-builder.js';

function setU16(bytes: Uint8Array, at: number, v: number): Uint8Array {
  new DataView(bytes.buffer, bytes.byteOffset).setUint16(at, v, true);
  return bytes;
}

describe('S3M tracker quirks', () => {
  it('clears the Zxx macros of files whose tracker ignored Zxx (ST3, Impulse Tracker < 2.14), keeps them otherwise', () => {
    const st3 = readS3M(buildS3M({ cwtv: 0x1320 })).song;
    expect(st3.midiMacros).not.toBeNull();
    expect(st3.midiMacros!.fixed.every((m) => m === '')).toBe(true);
    expect(st3.midiMacros!.parametered.every((m) => m === '')).toBe(true);
    expect(readS3M(buildS3M({ cwtv: 0x3213 })).song.midiMacros?.parametered[0]).toBe('');
    expect(readS3M(buildS3M({ cwtv: 0x3214 })).song.midiMacros).toBeNull();
    expect(readS3M(buildS3M({ cwtv: 0x5122 })).song.midiMacros).toBeNull();
  });

  it('turns pre-3.20 SAx (SoundBlaster stereo control) into panning, and into nothing under the GUS driver or on AdLib channels', () => {
    const cells = [
      { row: 0, channel: 0, command: 19, param: 0xa0 },
      { row: 0, channel: 1, command: 19, param: 0xa1 },
      { row: 1, channel: 0, command: 19, param: 0xa5 },
      { row: 1, channel: 1, command: 19, param: 0xa9 },
      { row: 2, channel: 2, command: 19, param: 0xa0 },
    ];
    const channels = [0, 8, 16, 9, ...Array(28).fill(0xff)];
    const sb = readS3M(buildS3M({ cwtv: 0x1301, channels, patterns: [cells] })).song.patterns[0]!;
    expect(getCell(sb, 0, 0).effects).toEqual([{ kind: 'setPanCoarse', param: 0x03 }]);
    expect(getCell(sb, 0, 1).effects).toEqual([{ kind: 'setPanCoarse', param: 0x03 }]);
    expect(getCell(sb, 1, 0).effects).toEqual([{ kind: 'setPanCoarse', param: 0x08 }]);
    expect(getCell(sb, 1, 1).effects).toEqual([null]);
    expect(getCell(sb, 2, 2).effects).toEqual([null]);
    const gus = readS3M(buildS3M({ cwtv: 0x1301, channels, patterns: [cells], samples: [{ length: 8, gus: 0x100 }, { length: 8, gus: 0x200 }] })).song.patterns[0]!;
    expect(getCell(gus, 0, 0).effects).toEqual([null]);
    // From ST3.20 on SAx is the high sample offset.
    const st320 = readS3M(buildS3M({ cwtv: 0x1320, patterns: [cells] })).song.patterns[0]!;
    expect(getCell(st320, 0, 0).effects).toEqual([{ kind: 'setHighOffset', param: 0 }]);
  });

  it('drops O00 in ST3.01 files (no offset memory before ST3.03) and keeps it from ST3.20', () => {
    const cells = [{ row: 0, channel: 0, command: 15, param: 0 }];
    expect(getCell(readS3M(buildS3M({ cwtv: 0x1301, patterns: [cells] })).song.patterns[0]!, 0, 0).effects).toEqual([null]);
    expect(getCell(readS3M(buildS3M({ cwtv: 0x1320, patterns: [cells] })).song.patterns[0]!, 0, 0).effects).toEqual([{ kind: 'sampleOffset', param: 0 }]);
  });

  it('reads enough balanced Z00-Z0F in an old ST3 file as PixPlay panning (S8x), but not when some Zxx is higher', () => {
    const cells = [0, 1, 2, 3].map((channel) => ({ row: 0, channel, command: 26, param: channel < 2 ? 0x02 : 0x0d }));
    const pix = readS3M(buildS3M({ cwtv: 0x1301, patterns: [cells] })).song.patterns[0]!;
    expect(getCell(pix, 0, 0).effects).toEqual([{ kind: 'setPanCoarse', param: 0x02 }]);
    expect(getCell(pix, 0, 3).effects).toEqual([{ kind: 'setPanCoarse', param: 0x0d }]);
    const notPix = readS3M(buildS3M({ cwtv: 0x1301, patterns: [[...cells, { row: 1, channel: 0, command: 26, param: 0x40 }]] })).song.patterns[0]!;
    expect(getCell(notPix, 0, 0).effects).toEqual([{ kind: 'midiMacro', param: 0x02 }]);
    const newer = readS3M(buildS3M({ cwtv: 0x1320, patterns: [cells] })).song.patterns[0]!;
    expect(getCell(newer, 0, 0).effects).toEqual([{ kind: 'midiMacro', param: 0x02 }]);
  });

  it("reads S3M's '\\' (command 28) as a plain Zxx, and '@' and '[' as nothing, as libopenmpt does for S3M files", () => {
    const cells = [
      { row: 0, channel: 0, command: 28, param: 0x40 },
      { row: 0, channel: 1, command: 27, param: 0x40 },
      { row: 0, channel: 2, command: 0, param: 0x40 },
    ];
    const p = readS3M(buildS3M({ cwtv: 0x3214, patterns: [cells] })).song.patterns[0]!;
    expect([0, 1, 2].map((ch) => getCell(p, 0, ch).effects)).toEqual([[{ kind: 'midiMacro', param: 0x40 }], [null], [null]]);
  });

  it('mutes an unused (0xFF) channel between used ones, and counts 4 channels when none is used', () => {
    const gap = readS3M(buildS3M({ channels: [0, 0xff, 1, ...Array(29).fill(0xff)] })).song;
    expect(gap.channels).toHaveLength(3);
    expect(gap.channels.map((c) => c.muted)).toEqual([false, true, false]);
    expect(gap.channels[1]!.pan).toBe(128);
    expect(readS3M(buildS3M({ channels: Array(32).fill(0xff) })).song.channels).toHaveLength(4);
  });

  it('keeps AdLib channels 16..31 (centred) in the channel count', () => {
    const song = readS3M(buildS3M({ channels: [0, 8, ...Array(8).fill(0xff), 16, 25, ...Array(20).fill(0xff)] })).song;
    expect(song.channels).toHaveLength(12);
    expect(song.channels[10]!.pan).toBe(128);
    expect(song.channels[11]!.pan).toBe(128);
    expect(song.channels[1]!.pan).toBe(0xcc);
  });

  it('plays ModPlug 1.0 alpha files (no stereo flag) in stereo with Windows-1252 titles, as libopenmpt does', () => {
    const bytes = buildS3M({ cwtv: 0x1320, orders: Array(16).fill(0), ultraClicks: 0, masterVolume: 0x30, panTable: Array(32).fill(0) });
    bytes[0] = 0xe9; // 'é' in Windows-1252, 'Θ' in CP437
    const song = readS3M(bytes).song;
    expect(song.origin.tracker).toBe('ModPlug Tracker 1.0 alpha');
    expect(song.title.startsWith('é')).toBe(true);
    expect(song.channels[0]!.pan).toBe(0x33);
    expect(song.channels[1]!.pan).toBe(0xcc);
    expect(song.mixVolume).toBe(0x30);
    expect(song.profile.flags.st3LimitPeriod).toBe(true);
    const st3 = readS3M(buildS3M({ masterVolume: 0x30 })).song;
    expect(st3.mixVolume).toBe(Math.round((0x30 * 8) / 11));
  });

  it('names the trackers behind the Cwt/v field as libopenmpt does', () => {
    const name = (bytes: Uint8Array) => readS3M(bytes).song.origin.tracker;
    expect(name(setU16(buildS3M({ cwtv: 0x5132 }), 0x36, 0x0020))).toBe('OpenMPT 1.32.00.20');
    expect(name(buildS3M({ cwtv: 0x5117, ultraClicks: 0 }))).toBe('OpenMPT 1.17');
    // Liquid Tracker's id clashes with OpenMPT's; it writes ultra-click 16 and no version in reserved2.
    expect(name(buildS3M({ cwtv: 0x5117, ultraClicks: 16 }))).toBe('Liquid Tracker 1.17');
    expect(name(buildS3M({ cwtv: 0x3216 }))).toBe('Impulse Tracker 2.14p3');
    expect(name(buildS3M({ cwtv: 0x3320 }))).toBe('Impulse Tracker 1.03');
    expect(name(buildS3M({ cwtv: 0x4050 }))).toBe('Schism Tracker 0.50');
    expect(name(buildS3M({ cwtv: 0x4051 }))).toBe('Schism Tracker 2009-11-01');
    expect(name(buildS3M({ cwtv: 0x4100 }))).toBe('BeRoTracker');
    expect(name(buildS3M({ cwtv: 0x1300 }))).toBe('Scream Tracker 3.00 (SB)');
    expect(name(buildS3M({ cwtv: 0x1301, ultraClicks: 0, masterVolume: 0xb0, panTable: Array(32).fill(0), samples: [{ length: 8, gus: 0 }] }))).toBe('UNMO3');
    expect(name(buildS3M({ cwtv: 0x1320, samples: [{ length: 8, gus: 0 }] }))).toBe('unknown tracker (claims Scream Tracker 3)');
  });

  it('decodes ModPlug ADPCM samples and says so in the tracker name', () => {
    const table = Int8Array.from([0, 1, 2, 3, 4, 5, 6, 7, -8, -7, -6, -5, -4, -3, -2, -1]);
    const data = new Uint8Array(16 + 3);
    data.set(new Uint8Array(table.buffer), 0);
    data.set([0x21, 0x8f, 0x03], 16);
    const song = readS3M(buildS3M({ cwtv: 0x1320, ultraClicks: 0, orders: Array(16).fill(0), panTable: Array(32).fill(0x20), samples: [{ length: 6, pack: 4, data }] })).song;
    // Low nibble first: +1, +2, -1, -8, +3, +0.
    expect(Array.from(song.samples[0]!.pcm.data)).toEqual([1, 3, 2, -6, -3, -3]);
    expect(song.origin.tracker).toMatch(/ \(ADPCM packed\)$/);
  });

  it('reads ST3.00 and the fast-slides flag as st3FastVolumeSlides', () => {
    expect(readS3M(buildS3M({ cwtv: 0x1300 })).song.profile.flags.st3FastVolumeSlides).toBe(true);
    expect(readS3M(buildS3M({ cwtv: 0x1320, flags: 0x40 })).song.profile.flags.st3FastVolumeSlides).toBe(true);
    expect(readS3M(buildS3M({ cwtv: 0x1320 })).song.profile.flags.st3FastVolumeSlides).toBe(false);
  });

  it('doubles the 0..64 global volume, reads 0 from files before ST3.20 as full, and fixes ST3\'s unloadable speed 255 and tempo < 33', () => {
    expect(readS3M(buildS3M({ globalVolume: 40 })).song.globalVolume).toBe(80);
    expect(readS3M(buildS3M({ globalVolume: 99 })).song.globalVolume).toBe(128);
    expect(readS3M(buildS3M({ cwtv: 0x1301, globalVolume: 0 })).song.globalVolume).toBe(128);
    expect(readS3M(buildS3M({ cwtv: 0x1320, globalVolume: 0 })).song.globalVolume).toBe(0);
    const st3 = readS3M(buildS3M({ speed: 255, tempo: 20 })).song;
    expect([st3.initialSpeed, st3.initialTempo]).toEqual([6, 125]);
    const it = readS3M(buildS3M({ cwtv: 0x3214, speed: 255, tempo: 20 })).song;
    expect([it.initialSpeed, it.initialTempo]).toEqual([255, 32]);
  });
});
