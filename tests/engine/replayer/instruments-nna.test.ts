// Instrument-level behaviour per tick: sample offset with each tracker's out-of-range rule, IT new-note
// actions with background voices, duplicate checks and S7x, Scream Tracker's shared effect memory, and
// the waveform "no retrigger" variants of vibrato and tremolo.
import { describe, expect, it } from 'vitest';
import type { ProfileBase } from '../../../src/song/profile.js';
import type { Instrument } from '../../../src/song/song.js';
import { buildSong, envelope, instrumentFor, oneShotSample, runTicks, semitones, testSample, track, type TestSongSpec } from '../../helpers/song-builder.js';

const positions = (spec: TestSongSpec, ticks: number) => track(spec, ticks, 'position', 0, { mix: true });

describe('sample offset', () => {
  const long = (base: ProfileBase, frames = 20000) => [oneShotSample(base, frames)];
  it('9xx / Oxx starts the note xx * 256 frames in', () => {
    for (const [base, fx] of [['mod', '910'], ['xm', '910'], ['s3m', 'O10'], ['it', 'O10']] as const) {
      expect(positions({ base, samples: long(base), pattern: [[`C-5 01 ... ${fx}`]] }, 1), base).toEqual([0x1000]);
    }
  });
  it('900 / O00 reuses the last offset; XM remembers only offsets next to a note (OffsetWithoutNote.xm)', () => {
    for (const [base, a, b] of [['xm', '920', '900'], ['it', 'O20', 'O00'], ['s3m', 'O20', 'O00']] as const) {
      expect(positions({ base, samples: long(base), pattern: [[`C-5 01 ... ${a}`], [`C-5 01 ... ${b}`]] }, 7)[6], base).toBe(0x2000);
    }
    expect(positions({ base: 'xm', samples: long('xm'), pattern: [['C-5 01 ... 910'], ['... .. ... 930'], ['C-5 01 ... 900']] }, 13)[12]).toBe(0x1000);
    expect(positions({ base: 'it', samples: long('it'), pattern: [['C-5 01 ... O10'], ['... .. ... O30'], ['C-5 01 ... O00']] }, 13)[12]).toBe(0x3000);
  });
  it('past the end: FT2 and ST3 silence the note, IT starts at 0 (old effects: at the end), MOD loops from the loop start', () => {
    const past = (base: ProfileBase, fx: string, flags = {}) => runTicks(buildSong({ base, flags, samples: long(base, 2000), pattern: [[`C-5 01 ... ${fx}`]] }), 2, 0, { mix: true }).states;
    expect(past('xm', '910')[1]?.playing).toBe(false);
    expect(past('s3m', 'O10')[1]?.playing).toBe(false);
    expect(past('it', 'O10')[0]?.position).toBe(0);
    expect(past('it', 'O10', { itOldEffects: true })[0]?.position).toBe(2000);
    const looped = runTicks(buildSong({ base: 'mod', samples: [oneShotSample('mod', 2000, { loop: { start: 1000, end: 2000, pingPong: false } })], pattern: [['C-5 01 ... 910']] }), 1).states;
    expect(looped[0]?.position).toBe(1000);
  });
  it('IT: SAx adds x * 65536 to the next offset', () => {
    expect(positions({ base: 'it', samples: long('it', 140000), pattern: [['C-5 01 ... SA1'], ['C-5 01 ... O10']] }, 7)[6]).toBe(0x11000);
  });
});

describe('sample loops', () => {
  it('IT: a sample sustain loop repeats until key-off, then the note plays on into the normal loop', () => {
    const sample = testSample('it', { pcm: { bits: 8, channels: 1, data: new Int8Array(1000) }, sustainLoop: { start: 0, end: 300, pingPong: false }, loop: { start: 500, end: 1000, pingPong: false } });
    const pos = positions({ base: 'it', speed: 4, samples: [sample], instruments: [instrumentFor(1)], pattern: [['C-5 01 ... ...'], ['... .. ... ...'], ['=== .. ... ...'], ['... .. ... ...'], ['... .. ... ...']] }, 20).map(Math.round);
    expect(pos).toEqual([0, 167, 35, 202, 69, 236, 104, 271, 138, 305, 473, 640, 807, 974, 642, 809, 976, 643, 811, 978]);
  });
});

describe('new-note actions (IT)', () => {
  const nnaSong = (ins: Partial<Instrument>, cells: string[][], speed = 3): TestSongSpec => ({
    base: 'it', speed, samples: [testSample('it')], instruments: [instrumentFor(1, ins)], pattern: cells,
  });
  /** Background voices after each tick (mixed, so voices that were audible fade out over a tick). */
  const background = (spec: TestSongSpec, ticks: number) => track(spec, ticks, 'background', 0, { mix: true });
  it('cut: the old note stops at once (its voice fades within one tick)', () => {
    expect(background(nnaSong({ newNoteAction: 'cut' }, [['C-5 01 ... ...'], ['E-5 01 ... ...'], ['... .. ... ...']]), 8)).toEqual([0, 0, 0, 1, 0, 0, 0, 0]);
  });
  it('continue: the old note plays on in the background', () => {
    expect(background(nnaSong({ newNoteAction: 'continue' }, [['C-5 01 ... ...'], ['E-5 01 ... ...'], ['G-5 01 ... ...']]), 8)).toEqual([0, 0, 0, 1, 1, 1, 2, 2]);
  });
  it('note off: the old note is released (its envelope leaves the sustain point and it ends with the envelope)', () => {
    const ins = { newNoteAction: 'off' as const, volumeEnvelope: envelope([[0, 64], [1, 64], [3, 0]], { sustain: [1, 1] }) };
    expect(background(nnaSong(ins, [['C-5 01 ... ...'], ['E-5 01 ... ...'], ['... .. ... ...'], ['... .. ... ...']]), 10)).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0]);
  });
  it('fade: the old note fades out by the instrument fade-out', () => {
    const ins = { newNoteAction: 'fade' as const, fadeout: 16384 };
    expect(background(nnaSong(ins, [['C-5 01 ... ...'], ['E-5 01 ... ...'], ['... .. ... ...']]), 8)).toEqual([0, 0, 0, 1, 1, 0, 0, 0]);
  });
  it('S73/S74 change the action of the playing note (cut, continue); S70 cuts the channel\'s background notes', () => {
    expect(background(nnaSong({ newNoteAction: 'cut' }, [['C-5 01 ... S74'], ['E-5 01 ... ...'], ['... .. ... ...']]), 8)).toEqual([0, 0, 0, 1, 1, 1, 1, 1]);
    expect(background(nnaSong({ newNoteAction: 'continue' }, [['C-5 01 ... S73'], ['E-5 01 ... ...'], ['... .. ... ...']]), 8)).toEqual([0, 0, 0, 1, 0, 0, 0, 0]);
    expect(background(nnaSong({ newNoteAction: 'continue' }, [['C-5 01 ... ...'], ['E-5 01 ... ...'], ['... .. ... S70']]), 8)).toEqual([0, 0, 0, 1, 1, 1, 1, 0]);
  });
  it('duplicate check: a new note of the same kind cuts the old one even with NNA continue', () => {
    const dct = (check: Instrument['duplicateCheck']) => background(nnaSong({ newNoteAction: 'continue', duplicateCheck: check, duplicateAction: 'cut' }, [['C-5 01 ... ...'], ['C-5 01 ... ...'], ['E-5 01 ... ...'], ['... .. ... ...']]), 12);
    expect(dct('off')).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
    // Same note: the repeated C-5 cuts the first at once (it never reaches the background); the E-5 is
    // a different note, so the second C-5 continues.
    expect(dct('note')).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    // Same instrument: every new note cuts the old one.
    expect(dct('instrument')).toEqual(Array(12).fill(0));
    // Same sample: the E-5 plays the same sample, so it cuts too.
    expect(dct('sample')).toEqual(Array(12).fill(0));
  });
  it('duplicate action off releases and fade fades the old note instead of cutting it', () => {
    const dca = (action: Instrument['duplicateAction'], extra: Partial<Instrument>) => background(nnaSong({ newNoteAction: 'continue', duplicateCheck: 'note', duplicateAction: action, ...extra }, [['C-5 01 ... ...'], ['C-5 01 ... ...'], ['... .. ... ...'], ['... .. ... ...']]), 12);
    // Off: the old note leaves its sustain point and ends with its envelope two ticks later.
    expect(dca('off', { volumeEnvelope: envelope([[0, 64], [1, 64], [3, 0]], { sustain: [1, 1] }) })).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    // Fade: the old note fades out by the instrument fade-out, as the fade new-note action does.
    expect(dca('fade', { fadeout: 16384 })).toEqual([0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
    // Cut, for comparison: gone at once.
    expect(dca('cut', {})).toEqual(Array(12).fill(0));
  });
  it('MOD/XM/S3M: a new note fades the old one out in a background voice for one tick (click removal), never longer', () => {
    for (const base of ['xm', 's3m'] as const) {
      expect(track({ base, speed: 3, pattern: [['C-5 01 ... ...'], ['E-5 01 ... ...'], ['... .. ... ...']] }, 8, 'background', 0, { mix: true }), base).toEqual([0, 0, 0, 1, 0, 0, 0, 0]);
    }
  });
});

describe('Scream Tracker shared effect memory (ParamMemory.s3m)', () => {
  it('S3M: effects without a parameter take the last non-zero parameter of any effect', () => {
    // D04 slides down; K00 then slides with 04 too (and vibrates); the tremolo memory is shared as well.
    expect(track({ base: 's3m', pattern: [['C-5 01 v32 D04'], ['... .. ... K00']] }, 12, 'volume').slice(5)).toEqual([48, 48, 32, 16, 0, 0, 0]);
    expect(track({ base: 'it', pattern: [['C-5 01 v32 D04'], ['... .. ... K00']] }, 12, 'volume').slice(5)).toEqual([48, 48, 32, 16, 0, 0, 0]);
    expect(track({ base: 's3m', pattern: [['C-5 01 v32 F04'], ['... .. ... D00']] }, 12, 'volume').slice(6)).toEqual([128, 112, 96, 80, 64, 48]);
    expect(track({ base: 'it', pattern: [['C-5 01 v32 F04'], ['... .. ... D00']] }, 12, 'volume').slice(6)).toEqual([128, 128, 128, 128, 128, 128]);
  });
});

describe('waveforms that keep their position on new notes', () => {
  it('vibrato waveform 0..3 restarts on every note, 4..7 runs on (E4x / S3x)', () => {
    const wave = (fx: string) => track({ base: 'xm', speed: 3, pattern: [[`C-5 01 ... ${fx}`], ['... .. ... 448'], ['C-5 01 ... 448']] }, 9, 'frequency').slice(6).map((f) => semitones(f, 8363));
    expect(wave('E40')).toEqual([0, 0, -0.38]);
    expect(wave('E44')).not.toEqual([0, 0, -0.38]);
  });
  it('tremolo waveform 4..7 runs on across notes too (E7x); IT never restarts tremolo on a note', () => {
    const xm = (fx: string) => track({ base: 'xm', speed: 3, pattern: [[`C-5 01 v32 ${fx}`], ['... .. ... 748'], ['C-5 01 v32 748']] }, 9, 'realVolume').slice(6).map((v) => v / 64);
    expect(xm('E70')).toEqual([128, 128, 177]);
    expect(xm('E74')).toEqual([218, 218, 245]);
    const it8 = (fx: string) => track({ base: 'it', speed: 3, pattern: [[`C-5 01 v32 ${fx}`], ['... .. ... R48'], ['C-5 01 v32 R48']] }, 9, 'realVolume').slice(6);
    expect(it8('S40')).toEqual(it8('S44'));
  });
});
