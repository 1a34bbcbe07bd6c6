// The MOD reader on hand-built files: notes from periods, samples and loops, channel tags and
// layouts, orders and restart, dialect detection into playback-profile flags, Soundtracker files.

import { describe, expect, it } from 'vitest';
import { probeMOD, readMOD } from '../../../src/formats/mod/read.js';
import { periodToNote } from '../../../src/formats/mod/effects.js';
import { getCell } from '../../../src/song/pattern.js';
import { buildMod, PATTERN_START } from './mod-builder.js';

describe('MOD periods to notes', () => {
  it('maps ProTracker C-2 (428) to the model C-5 and its octaves to C-4 and C-6', () => {
    expect(periodToNote(428)).toBe(61);
    expect(periodToNote(856)).toBe(49);
    expect(periodToNote(214)).toBe(73);
    expect(periodToNote(113)).toBe(84);
  });
  it('rounds an odd period to the nearest note and treats 0 and 0xFFF as no note', () => {
    expect(periodToNote(430)).toBe(61);
    expect(periodToNote(410)).toBe(62);
    expect(periodToNote(416)).toBe(62); // halfway between 428 and 404: the higher note, as OpenMPT rounds
    expect(periodToNote(0)).toBe(0);
    expect(periodToNote(0xfff)).toBe(0);
    expect(periodToNote(5000)).toBe(25);
    expect(periodToNote(20)).toBe(108);
  });
});

describe('readMOD', () => {
  it('reads title, orders, cells and samples of an M.K. file', () => {
    const bytes = buildMod({
      title: 'hello',
      orders: [0, 1, 0],
      cells: [
        { row: 0, channel: 0, period: 428, sample: 1, command: 0x0c, param: 0x20 },
        { row: 1, channel: 3, period: 214, sample: 17, command: 0x0e, param: 0xd3 },
        { row: 64 + 2, channel: 1, command: 0x0f, param: 0x7d },
        { row: 3, channel: 2, command: 0x0f, param: 0x03 },
        { row: 4, channel: 2, command: 0x0d, param: 0x12 },
      ],
    });
    const { song, warnings } = readMOD(bytes);
    expect(warnings).toEqual([]);
    expect(song.title).toBe('hello');
    expect(song.orders).toEqual([0, 1, 0]);
    expect(song.patterns).toHaveLength(2);
    expect(song.channels.map((c) => c.pan)).toEqual([0x40, 0xc0, 0xc0, 0x40]);
    expect(song.origin).toEqual({ format: 'mod', tracker: 'ProTracker or compatible' });
    expect(getCell(song.patterns[0]!, 0, 0)).toEqual({ note: 61, instrument: 1, volume: null, effects: [{ kind: 'setVolume', param: 0x20 }] });
    expect(getCell(song.patterns[0]!, 1, 3)).toEqual({ note: 73, instrument: 17, volume: null, effects: [{ kind: 'noteDelay', param: 3 }] });
    expect(getCell(song.patterns[1]!, 2, 1).effects).toEqual([{ kind: 'tempo', param: 0x7d }]);
    expect(getCell(song.patterns[0]!, 3, 2).effects).toEqual([{ kind: 'setSpeed', param: 3 }]);
    // Dxx keeps its decimal digits as stored; the replayer reads them as tens and units.
    expect(getCell(song.patterns[0]!, 4, 2).effects).toEqual([{ kind: 'patternBreak', param: 0x12 }]);
    expect(song.samples).toHaveLength(31);
    expect(song.initialSpeed).toBe(6);
    expect(song.initialTempo).toBe(125);
    expect(song.mixVolume).toBe(64);
  });

  it('reads sample lengths and loops in words, finetune nibbles and volumes', () => {
    const bytes = buildMod({
      samples: [
        { name: 'lead', lengthWords: 100, finetune: 0x0f, volume: 48, loopStartWords: 10, loopLengthWords: 20 },
        { name: 'oneshot', lengthWords: 8, finetune: 7, volume: 64, loopStartWords: 0, loopLengthWords: 1 },
      ],
    });
    const { song } = readMOD(bytes);
    const [lead, oneshot] = song.samples;
    expect(lead!.name).toBe('lead');
    expect(lead!.pcm.data).toHaveLength(200);
    expect(Array.from(lead!.pcm.data.slice(0, 3))).toEqual([0, 1, 2]);
    expect(lead!.loop).toEqual({ start: 20, end: 60, pingPong: false });
    expect(lead!.tuning).toEqual({ kind: 'finetune', relativeNote: 0, finetune: -16 });
    expect(lead!.volume).toBe(48);
    expect(oneshot!.loop).toBeNull();
    expect(oneshot!.tuning).toEqual({ kind: 'finetune', relativeNote: 0, finetune: 112 });
    // Sample 2's bytes follow sample 1's.
    expect(oneshot!.pcm.data[0]).toBe(0);
    expect(oneshot!.pcm.data[15]).toBe(15);
  });

  it('halves a loop start stored in bytes instead of words, as ProTracker-era players did', () => {
    const { song } = readMOD(buildMod({ samples: [{ lengthWords: 100, loopStartWords: 120, loopLengthWords: 40 }] }));
    expect(song.samples[0]!.loop).toEqual({ start: 120, end: 200, pingPong: false });
  });

  it('recognises channel tags: xCHN, xxCH, CD81, OKTA, TDZx, FLT4', () => {
    const cases: [string, number, string][] = [
      ['6CHN', 6, 'generic MOD-compatible tracker'],
      ['12CH', 12, 'generic MOD-compatible tracker'],
      ['32CN', 32, 'generic MOD-compatible tracker'],
      ['CD81', 8, 'Octalyser (Atari)'],
      ['OKTA', 8, 'Oktalyzer'],
      ['TDZ3', 3, 'TakeTracker'],
      ['FLT4', 4, 'Startrekker'],
    ];
    for (const [tag, channels, tracker] of cases) {
      const { song } = readMOD(buildMod({ tag, channels, cells: [{ row: 0, channel: channels - 1, period: 428, sample: 1 }] }));
      expect(song.channels, tag).toHaveLength(channels);
      expect(song.origin.tracker, tag).toBe(tracker);
      expect(getCell(song.patterns[0]!, 0, channels - 1).note, tag).toBe(61);
      expect(song.mixVolume, tag).toBe(Math.max(32, Math.min(128, Math.floor(256 / channels))));
    }
  });

  it('joins FLT8 pattern pairs into one 8-channel pattern and halves the order numbers', () => {
    const bytes = buildMod({
      tag: 'FLT8',
      channels: 4,
      orders: [0, 2],
      patterns: 4,
      cells: [
        { row: 5, channel: 2, period: 428, sample: 1 },
        { row: 64 + 5, channel: 2, period: 214, sample: 1 },
        { row: 128 + 7, channel: 0, period: 856, sample: 1 },
      ],
    });
    const { song } = readMOD(bytes);
    expect(song.channels).toHaveLength(8);
    expect(song.orders).toEqual([0, 1]);
    expect(song.patterns).toHaveLength(2);
    expect(getCell(song.patterns[0]!, 5, 2).note).toBe(61);
    expect(getCell(song.patterns[0]!, 5, 6).note).toBe(73);
    expect(getCell(song.patterns[1]!, 7, 0).note).toBe(49);
  });

  it('counts patterns from the whole order list, ignoring hidden ones when the file size says they are absent', () => {
    // Order 5 names pattern 3 after the song's end; the file is exactly big enough for patterns 0..1.
    const bytes = buildMod({ orders: [0, 1, 0, 1, 0, 3], songLength: 5, patterns: 2 });
    const { song } = readMOD(bytes);
    expect(song.orders).toHaveLength(5);
    expect(song.patterns).toHaveLength(2);
  });

  it('keeps a valid restart position and ignores 0x78 (a Soundtracker tempo) in 4-channel files', () => {
    expect(readMOD(buildMod({ orders: [0, 0, 0], restart: 1 })).song.restartOrder).toBe(1);
    expect(readMOD(buildMod({ orders: [0, 0, 0], restart: 0x78 })).song.restartOrder).toBe(0);
    expect(readMOD(buildMod({ orders: [0, 0, 0], restart: 9 })).song.restartOrder).toBe(0);
  });

  it('plays M.K. files with only Amiga notes in ProTracker mode; notes beyond make them generic', () => {
    const amiga = readMOD(buildMod({ cells: [{ row: 0, channel: 0, period: 856, sample: 1 }] })).song.profile.flags;
    expect(amiga.protrackerMode).toBe(true);
    expect(amiga.amigaPeriodLimits).toBe(true);
    expect(amiga.modOneShotLoops).toBe(true);
    expect(amiga.modIgnorePanning).toBe(true);
    const wide = readMOD(buildMod({ cells: [{ row: 0, channel: 0, period: 1712, sample: 1 }] })).song.profile.flags;
    expect(wide.protrackerMode).toBe(false);
    expect(wide.modOneShotLoops).toBe(false);
    // A sample with a zero loop length would freeze ProTracker: not a ProTracker file.
    const repLen0 = readMOD(buildMod({ samples: [{ lengthWords: 8, loopLengthWords: 0 }] })).song.profile.flags;
    expect(repLen0.protrackerMode).toBe(false);
  });

  it('uses 8xx panning when the file pans for real, and doubles 7-bit panning (8A4 = surround)', () => {
    const cells = [
      { row: 0, channel: 0, command: 8, param: 0x00 },
      { row: 1, channel: 0, command: 8, param: 0x40 },
      { row: 2, channel: 0, command: 8, param: 0x80 },
      { row: 3, channel: 0, command: 8, param: 0xa4 },
    ];
    const { song } = readMOD(buildMod({ cells }));
    expect(song.profile.flags.modIgnorePanning).toBe(false);
    expect(getCell(song.patterns[0]!, 1, 0).effects).toEqual([{ kind: 'setPan', param: 0x80 }]);
    expect(getCell(song.patterns[0]!, 2, 0).effects).toEqual([{ kind: 'setPan', param: 0xff }]);
    expect(getCell(song.patterns[0]!, 3, 0).effects).toEqual([{ kind: 'soundControl', param: 1 }]);
  });

  it('treats tiny 8xx values as sync markers: panning ignored', () => {
    const { song } = readMOD(buildMod({ cells: [{ row: 0, channel: 0, command: 8, param: 0x01 }] }));
    expect(song.profile.flags.modIgnorePanning).toBe(true);
  });

  it('sets VBlank timing for NoiseTracker and Startrekker tags, the ramp tremolo waveform for M.K. and multichannel', () => {
    expect(readMOD(buildMod({ tag: 'N.T.' })).song.profile.flags.vblankTiming).toBe(true);
    expect(readMOD(buildMod({ tag: 'FLT4' })).song.profile.flags.vblankTiming).toBe(true);
    expect(readMOD(buildMod({ tag: 'M.K.' })).song.profile.flags.vblankTiming).toBe(false);
    expect(readMOD(buildMod({ tag: 'M.K.' })).song.profile.flags.tremoloRampWaveform).toBe(true);
    expect(readMOD(buildMod({ tag: '8CHN', channels: 8 })).song.profile.flags.tremoloRampWaveform).toBe(true);
    expect(readMOD(buildMod({ tag: 'FLT4' })).song.profile.flags.tremoloRampWaveform).toBe(false);
  });

  it('drops the Dxx row in NoiseTracker files (NoiseTracker had no row parameter)', () => {
    const { song } = readMOD(buildMod({ tag: 'N.T.', cells: [{ row: 0, channel: 0, command: 0x0d, param: 0x16 }] }));
    expect(getCell(song.patterns[0]!, 0, 0).effects).toEqual([{ kind: 'patternBreak', param: 0 }]);
  });

  it("decodes ModPlug's ADPCM-packed samples", () => {
    const table = Int8Array.from([0, 1, 2, 4, 8, 16, 32, 64, -1, -2, -4, -8, -16, -32, -64, -128]);
    const packed = Uint8Array.from([0x21, 0x83]); // nibbles 1,2,3,8 -> +1 +2 +4 -1
    const data = new Uint8Array(5 + 16 + 2);
    data.set([65, 68, 80, 67, 77]);
    data.set(new Uint8Array(table.buffer), 5);
    data.set(packed, 21);
    const { song } = readMOD(buildMod({ samples: [{ lengthWords: 2, loopLengthWords: 1, data }] }));
    expect(Array.from(song.samples[0]!.pcm.data)).toEqual([1, 3, 7, 6]);
    expect(song.origin.tracker).toContain('ADPCM');
  });
});

describe('15-sample Soundtracker files', () => {
  const stk = () =>
    buildMod({
      soundtracker: true,
      title: 'ust song',
      samples: [{ name: 'st-01:bass', lengthWords: 64, volume: 64, loopStartWords: 32, loopLengthWords: 16 }],
      orders: [0],
      cells: [
        { row: 0, channel: 0, period: 428, sample: 1, command: 1, param: 0x37 },
        { row: 1, channel: 1, period: 214, sample: 1, command: 2, param: 0x03 },
      ],
    });

  it('are recognised by plausibility and read with Ultimate Soundtracker effects', () => {
    const bytes = stk();
    expect(probeMOD(bytes)).toBe(true);
    const { song } = readMOD(bytes);
    expect(song.samples).toHaveLength(15);
    expect(song.channels).toHaveLength(4);
    expect(song.title).toBe('ust song');
    expect(getCell(song.patterns[0]!, 0, 0)).toMatchObject({ note: 61, instrument: 1, effects: [{ kind: 'arpeggio', param: 0x37 }] });
    expect(getCell(song.patterns[0]!, 1, 1).effects).toEqual([{ kind: 'portaUp', param: 3 }]);
    expect(song.origin.tracker).toMatch(/Ultimate Soundtracker/);
  });

  it('start looped samples at their loop start (loop starts are in bytes)', () => {
    const { song } = readMOD(stk());
    const s = song.samples[0]!;
    expect(s.pcm.data).toHaveLength(128 - 32);
    expect(s.pcm.data[0]).toBe(32);
    expect(s.loop).toEqual({ start: 0, end: 32, pingPong: false });
  });

  it('are not claimed when the bytes are text or silence', () => {
    const text = new TextEncoder().encode('This is a README file, not a module. '.repeat(60));
    expect(probeMOD(text)).toBe(false);
    expect(probeMOD(new Uint8Array(4000))).toBe(false);
  });
});

describe('MOD probe', () => {
  it('accepts a tag at 1080 with plausible sample headers and rejects garbage headers', () => {
    const good = buildMod();
    expect(probeMOD(good)).toBe(true);
    const bad = good.slice();
    for (let i = 0; i < 31; i++) {
      bad[20 + i * 30 + 24] = 0xff; // finetune > 15
      bad[20 + i * 30 + 25] = 0xff; // volume > 64
    }
    expect(probeMOD(bad)).toBe(false);
  });

  it('pattern data starts right after the tag', () => {
    const bytes = buildMod({ cells: [{ row: 0, channel: 0, period: 428 }] });
    expect((bytes[PATTERN_START]! << 8) | bytes[PATTERN_START + 1]!).toBe(428);
  });
});
