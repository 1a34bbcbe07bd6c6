// The IT reader's libopenmpt-compatible corners on hand-built files: edit history that is not there,
// IT 2.14 decompression on damaged blocks, special note bytes, extra effect commands, ModPlug's and
// IT's own per-version quirks, OpenMPT's extension block, and lying or damaged headers.

import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../src/formats/common/format-error.js';
import { readIT } from '../../../src/formats/it/read.js';
import { getCell } from '../../../src/song/pattern.js';
import { buildIT, itBlock, itInstrument } from './it-builder.js';

const text = (s: string, n: number) => Array.from({ length: n }, (_, i) => (i < s.length ? s.charCodeAt(i) : 0));
const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];

/** A MIDI macro block: 9 global, 16 parametered and 128 fixed 32-byte strings. */
function macroBlock(global0: string, fixed0: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < 153; i++) out.push(...text(i === 0 ? global0 : i === 25 ? fixed0 : '', 32));
  return out;
}

function oneCell(cell: { note?: number; volume?: number; command?: number; param?: number }, spec: Parameters<typeof buildIT>[0] = {}) {
  return readIT(buildIT({ ...spec, patterns: [{ rows: 1, cells: [{ row: 0, channel: 0, instrument: 1, ...cell }] }] }));
}

function sampleData(spec: Parameters<typeof buildIT>[0]): Int8Array | Int16Array | Float32Array {
  return readIT(buildIT(spec)).song.samples[0]!.pcm.data;
}

describe('IT reader quirks', () => {
  it('an edit-history flag with no history behind it (early Schism) does not shift the MIDI macros', () => {
    const macros = macroBlock('FF', 'F0F00140');
    const lying = readIT(buildIT({ flags: 0x01 | 0x08 | 0x80, special: 0x02 | 0x08, extra: macros })).song;
    expect(lying.midiMacros?.global[0]).toBe('FF');
    expect(lying.midiMacros?.fixed[0]).toBe('F0F00140');
    const real = readIT(buildIT({ flags: 0x01 | 0x08 | 0x80, special: 0x08, history: 3, extra: macros })).song;
    expect(real.midiMacros?.fixed[0]).toBe('F0F00140');
  });

  it('IT compression: an empty block is skipped and a short block leaves the next to continue', () => {
    const skipped = sampleData({ samples: [{ data: [0, 0, ...itBlock([[10, 9], [20, 9]])], length: 2, flags: 1 | 8, cvt: 1 }] });
    expect(Array.from(skipped)).toEqual([10, 30]);
    const { song, warnings } = readIT(buildIT({ samples: [{ data: [...itBlock([[10, 9], [20, 9]]), ...itBlock([[5, 9]])], length: 3, flags: 1 | 8, cvt: 1 }] }));
    expect(Array.from(song.samples[0]!.pcm.data)).toEqual([10, 30, 5]);
    expect(warnings.join('\n')).toMatch(/compressed data is damaged/);
  });

  it('IT compression: method 3 sets any width up to the top; a larger one ends the block', () => {
    // 0x106 -> width 7; then -3 in 7 bits; 0x1FF -> width 256, which is invalid.
    const ok = sampleData({ samples: [{ data: itBlock([[4, 9], [0x106, 9], [0x7d, 7]]), length: 2, flags: 1 | 8, cvt: 1 }] });
    expect(Array.from(ok)).toEqual([4, 1]);
    // The next block then continues at the second sample (and starts from zero again).
    const cut = readIT(buildIT({ samples: [{ data: [...itBlock([[4, 9], [0x1ff, 9], [1, 9]]), ...itBlock([[7, 9]])], length: 2, flags: 1 | 8, cvt: 1 }] }));
    expect(Array.from(cut.song.samples[0]!.pcm.data)).toEqual([4, 7]);
    expect(cut.warnings.join('\n')).toMatch(/compressed data is damaged/);
  });

  it('IT 2.15 integrates twice and 16-bit blocks sign-extend method-2 deltas', () => {
    const it215 = sampleData({ samples: [{ data: itBlock([[1, 9], [1, 9], [1, 9]]), length: 3, flags: 1 | 8, cvt: 1 | 4 }] });
    expect(Array.from(it215)).toEqual([1, 3, 6]);
    // Width 17 -> 16 via method 3 (0x1000F), then 0xFFFF = -1 in 16 bits.
    const s16 = sampleData({ samples: [{ data: itBlock([[0x1000f, 17], [0xffff, 16], [0xfffe, 16]]), length: 2, flags: 1 | 2 | 8, cvt: 1 }] });
    expect(Array.from(s16)).toEqual([-1, -3]);
  });

  it('note bytes: 0..119 are C-0..B-9, 120..127 and 0xFD are no note, 0xFE cut, 0xFF off, others fade', () => {
    const note = (n: number) => getCell(oneCell({ note: n }).song.patterns[0]!, 0, 0).note;
    expect(note(0)).toBe(1);
    expect(note(119)).toBe(120);
    expect(note(120)).toBe(0);
    expect(note(0xfd)).toBe(0);
    expect(note(0xfe)).toBe(254);
    expect(note(0xff)).toBe(255);
    expect(note(0x80)).toBe(253);
    expect(oneCell({ note: 125 }).warnings.join('\n')).toMatch(/above B-9/);
  });

  it("effects beyond Z: \\ (28) is smooth MIDI, BeRoTracker's key-off and envelope position, OpenMPT's [ dropped", () => {
    const fx = (command: number, param: number, spec: Parameters<typeof buildIT>[0] = {}) => getCell(oneCell({ command, param }, spec).song.patterns[0]!, 0, 0).effects[0];
    expect(fx(28, 0x40)).toEqual({ kind: 'smoothMidiMacro', param: 0x40 });
    expect(fx(0x32, 3)).toEqual({ kind: 'keyOff', param: 3 });
    expect(fx(0x33, 9)).toEqual({ kind: 'setEnvelopePosition', param: 9 });
    expect(fx(27, 1)).toBeNull();
    expect(oneCell({ command: 27, param: 1 }).warnings.join('\n')).toMatch(/parameter extension/);
    expect(fx(19, 0xa1)).toEqual({ kind: 'setHighOffset', param: 1 });
    expect(fx(19, 0xa1, { cwtv: 0x0100, cmwt: 0x0100 })).toBeNull();
    expect(fx(22, 0x90, { cwtv: 0x1020 })).toEqual({ kind: 'setGlobalVolume', param: 0x80 });
    expect(fx(22, 0x90)).toEqual({ kind: 'setGlobalVolume', param: 0x90 });
  });

  it('volume column h: vibrato depth, but vibrato speed in files of ModPlug up to 1.17.02.54', () => {
    const vol = (spec: Parameters<typeof buildIT>[0]) => getCell(oneCell({ volume: 205 }, spec).song.patterns[0]!, 0, 0).volume;
    expect(vol({ history: 1 })).toEqual({ kind: 'vibratoDepth', value: 2 });
    expect(vol({ cwtv: 0x0217, cmwt: 0x0200 })).toEqual({ kind: 'vibratoSpeed', value: 2 });
    expect(getCell(oneCell({ volume: 225 }).song.patterns[0]!, 0, 0).volume).toBeNull();
  });

  it('MIDI program and bank are 1-based in instruments marked 2.14, 0-based in newer ones', () => {
    const ins = (trkvers: number) => {
      const b = itInstrument();
      b[28] = trkvers & 0xff;
      b[29] = trkvers >> 8;
      b[60] = 3;
      b[61] = 5;
      b[62] = 2;
      b[63] = 0;
      return readIT(buildIT({ instruments: [b] })).song.instruments[0]!.midi;
    };
    expect(ins(0x0214)).toMatchObject({ channel: 3, program: 4, bank: 1 });
    expect(ins(0x5131)).toMatchObject({ channel: 3, program: 5, bank: 2 });
  });

  it('the "sample data present" flag is trusted only in files that look saved by Impulse Tracker', () => {
    const smp = { data: [1, 2, 3, 4], length: 4, flags: 0, cvt: 1 };
    expect(readIT(buildIT({ reserved: [1, 0, 0, 0], samples: [smp] })).song.samples[0]!.pcm.data.length).toBe(0);
    expect(readIT(buildIT({ cwtv: 0x1050 + 400, samples: [smp] })).song.samples[0]!.pcm.data.length).toBe(4);
  });

  it('files of Impulse Tracker before 2.14 get no Zxx filter macros', () => {
    const old = readIT(buildIT({ cwtv: 0x0200, cmwt: 0x0200 })).song;
    expect(old.midiMacros?.parametered.every((m) => m === '')).toBe(true);
    expect(old.midiMacros?.fixed.every((m) => m === '')).toBe(true);
    expect(readIT(buildIT({ history: 0 })).song.midiMacros).toBeNull();
  });

  it("ModPlug's CNAM chunk names channels (and counts them); OpenMPT's MSF bits set the IT rules", () => {
    const names = [...text('Bass', 20), ...text('Lead', 20), ...text('Pad', 20)];
    const named = readIT(buildIT({ extra: [...text('CNAM', 4), ...u32(names.length), ...names] })).song;
    expect(named.channels.map((c) => c.name)).toEqual(['Bass', 'Lead', 'Pad']);
    // STPM block: LSWV 1.31.00.00 and MSF with only kITRetrigger (bit 23) set.
    const stpm = [...text('STPM', 4), ...text('VWSL', 4), 4, 0, ...u32(0x01310000), ...text('.FSM', 4), 4, 0, 0, 0, 0x80, 0];
    const base = buildIT({ cwtv: 0x5131, reserved: [...text('OMPT', 4)] });
    const song = readIT(Uint8Array.from([...base, ...stpm])).song;
    expect(song.origin.tracker).toBe('OpenMPT 1.31');
    expect(song.profile.flags.itRetrigger).toBe(true);
    expect(song.profile.flags.itQuirks).toBe(false);
    expect(song.profile.flags.periodsAreHertz).toBe(false);
  });

  it('old-format instruments (cmwt < 2.00): fadeout x 64, node list ends at tick 0xFF, loops checked', () => {
    const b = new Array<number>(554).fill(0);
    b.splice(0, 4, 0x49, 0x4d, 0x50, 0x49);
    b[17] = 1 | 2; // envelope on, loop
    b[18] = 0;
    b[19] = 1;
    b[24] = 10;
    b[26] = 2; // NNA note off
    for (let i = 0; i < 120; i++) b.splice(64 + i * 2, 2, i, 1);
    b.splice(504, 6, 0, 64, 10, 32, 0xff, 0);
    const ins = readIT(buildIT({ cwtv: 0x0100, cmwt: 0x0100, instruments: [b] })).song.instruments[0]!;
    expect(ins.fadeout).toBe(640);
    expect(ins.newNoteAction).toBe('off');
    expect(ins.volumeEnvelope.points).toEqual([{ tick: 0, value: 64 }, { tick: 10, value: 32 }]);
    expect(ins.volumeEnvelope.loop).toEqual({ start: 0, end: 1 });
  });

  it("PolyTracker's 16-bit samples stored as 8-bit deltas decode on a running sum", () => {
    const data = sampleData({ samples: [{ data: [0x10, 0x01, 0x10, 0x01], length: 2, flags: 1 | 2, cvt: 0x08 }] });
    // Low byte = running sum after the first delta, high byte = after the second (libopenmpt DecodeInt16Delta8).
    expect(Array.from(data)).toEqual([0x1110, 0x2221]);
  });
});

describe('malformed IT files (more)', () => {
  it('empty input and a lone signature are not IT', () => {
    expect(() => readIT(new Uint8Array(0))).toThrow(FormatError);
    expect(() => readIT(Uint8Array.from([0x49, 0x4d, 0x50, 0x4d]))).toThrow(/IT header cut short: 4 of 192 bytes/);
  });

  it('loops outside the sample are dropped and loops past its end clamped, with warnings', () => {
    const { song, warnings } = readIT(buildIT({ samples: [{ data: [1, 2, 3, 4, 5, 6, 7, 8], length: 8, flags: 1 | 0x10 | 0x20, cvt: 1, loopStart: 9, loopEnd: 20, susStart: 2, susEnd: 50 }] }));
    expect(song.samples[0]!.loop).toBeNull();
    expect(song.samples[0]!.sustainLoop).toEqual({ start: 2, end: 8, pingPong: false });
    expect(warnings.join('\n')).toMatch(/sample 1: loop \(9\.\.20\) is empty or outside/);
    expect(warnings.join('\n')).toMatch(/sample 1: sustain loop ends past the sample/);
  });

  it('an instrument pointer past the end of the file gives an empty instrument and a warning', () => {
    const b = buildIT({ instruments: [itInstrument()] });
    new DataView(b.buffer).setUint32(0xc0 + 1, b.length + 100, true);
    const { song, warnings } = readIT(b);
    expect(song.instruments).toHaveLength(1);
    expect(song.instruments[0]!.sampleMap.every((s) => s === 0)).toBe(true);
    expect(warnings.join('\n')).toMatch(/instrument 1: missing or damaged/);
  });

  it('a message offset and length past the end of the file give what exists', () => {
    const b = buildIT({ message: 'hello' });
    new DataView(b.buffer).setUint16(0x36, 60000, true);
    expect(readIT(b).song.message).toBe('hello');
    new DataView(b.buffer).setUint32(0x38, b.length + 10, true);
    expect(readIT(b).song.message).toBe('');
  });

  it('an order list longer than the file is capped; orders naming missing patterns become skips', () => {
    const b = buildIT({ orders: [0, 7, 0xff] });
    expect(readIT(b).song.orders).toEqual([0, 'skip']);
    const cut = buildIT({ orders: [0] });
    new DataView(cut.buffer).setUint16(0x20, 5000, true);
    const { warnings } = readIT(cut.subarray(0, 0xc0 + 10));
    expect(warnings.join('\n')).toMatch(/claims 5000 orders/);
  });

  it('pattern data running past its declared length stops there; a channel byte past 64 is ignored', () => {
    const b = buildIT({ patterns: [{ rows: 4, cells: [{ row: 0, channel: 0, note: 60 }, { row: 1, channel: 100, note: 61 }, { row: 2, channel: 0, note: 62 }] }] });
    const patPtr = new DataView(b.buffer).getUint32(0xc0 + 1 + 4, true);
    const { song } = readIT(b);
    expect(getCell(song.patterns[0]!, 2, 0).note).toBe(63);
    expect(song.channels.length).toBeLessThanOrEqual(101);
    new DataView(b.buffer).setUint16(patPtr, 4, true);
    const cut = readIT(b).song;
    expect(getCell(cut.patterns[0]!, 0, 0).note).toBe(61);
    expect(getCell(cut.patterns[0]!, 2, 0).note).toBe(0);
  });
});
