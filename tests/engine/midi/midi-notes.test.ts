// MIDI notes from the replayer: every note semantics a tracker has (note-off, cut, fade, delay,
// retrigger, new-note actions), velocity, program and bank, transposition, pitch bend for portamento,
// vibrato and arpeggio, controller changes from Zxx macros, mutes, and instruments that layer a
// sample with MIDI. Songs are built in code; messages are checked with their exact frames.
import { describe, expect, it } from 'vitest';
import { MemoryMidiDriver } from '../../../src/engine/midi/midi-port.js';
import { buildSong, testSample } from '../../helpers/song-builder.js';
import { deliver, midiInstrument, notes, ofType, playMidi, TICK } from './midi-helpers.js';

const ROW = 6 * TICK;

describe('notes', () => {
  it('plays a MIDI-only instrument: note-on with velocity from the volume column, note-off at the next note and at ===', () => {
    const song = buildSong({
      base: 'it', rows: 12,
      pattern: [['C-5 01 v32 ...'], [], [], [], ['D-5 01 ... ...'], [], [], [], ['=== .. ... ...']],
      instruments: [midiInstrument()],
    });
    const { events } = playMidi(song, { frames: 12 * ROW });
    expect(notes(events)).toEqual([
      [0, 0x90, 60, 64],
      [4 * ROW, 0x80, 60, 64],
      [4 * ROW, 0x90, 62, 127],
      [8 * ROW, 0x80, 62, 64],
    ]);
  });

  it('MIDI channel, transpose and the note map decide the key; the pattern note C-5 is middle C', () => {
    const noteMap = Array.from({ length: 120 }, (_, i) => (i === 60 ? 73 : i + 1));
    const song = buildSong({
      base: 'it', rows: 4,
      pattern: [['C-5 01 ... ...', 'E-5 02 ... ...']],
      instruments: [midiInstrument({ channel: 10 }, { noteMap }), midiInstrument({ channel: 3, transpose: -12 })],
    });
    const on = notes(playMidi(song, { frames: ROW }).events).filter((n) => ((n[1] ?? 0) & 0xf0) === 0x90);
    expect(on).toEqual([[0, 0x99, 72, 127], [0, 0x92, 52, 127]]);
  });

  it('note cut ^^^ and SCx end the note at their tick; note fade ~~~ ends it too', () => {
    const song = buildSong({
      base: 'it', rows: 12,
      pattern: [['C-5 01 ... SC3'], [], ['D-5 01 ... ...'], ['^^^ .. ... ...'], ['E-5 01 ... ...'], ['~~~ .. ... ...']],
      instruments: [midiInstrument()],
    });
    expect(notes(playMidi(song, { frames: 8 * ROW }).events)).toEqual([
      [0, 0x90, 60, 127],
      [3 * TICK, 0x80, 60, 64],
      [2 * ROW, 0x90, 62, 127],
      [3 * ROW, 0x80, 62, 64],
      [4 * ROW, 0x90, 64, 127],
      [5 * ROW, 0x80, 64, 64],
    ]);
  });

  it('note delay SDx starts the note at tick x', () => {
    const song = buildSong({ base: 'it', rows: 4, pattern: [['C-5 01 ... SD2']], instruments: [midiInstrument()] });
    expect(notes(playMidi(song, { frames: ROW }).events)).toEqual([[2 * TICK, 0x90, 60, 127]]);
  });

  it('XM: note delay EDx and key off Kxx', () => {
    const song = buildSong({ base: 'xm', rows: 4, pattern: [['C-5 01 ... ED2'], ['... .. ... K03']], instruments: [midiInstrument()] });
    expect(notes(playMidi(song, { frames: 2 * ROW }).events)).toEqual([[2 * TICK, 0x90, 60, 127], [ROW + 3 * TICK, 0x80, 60, 64]]);
  });

  it('retrigger Q03 strikes the note again every 3 ticks (off, then on)', () => {
    const song = buildSong({ base: 'it', rows: 4, pattern: [['C-5 01 ... Q03']], instruments: [midiInstrument()] });
    expect(notes(playMidi(song, { frames: ROW }).events)).toEqual([
      [0, 0x90, 60, 127],
      [3 * TICK, 0x80, 60, 64],
      [3 * TICK, 0x90, 60, 127],
    ]);
  });

  it('IT new-note actions: continue lets notes overlap, note off releases the old note, cut ends it, fade too', () => {
    const play = (nna: 'continue' | 'off' | 'cut' | 'fade') => notes(playMidi(buildSong({
      base: 'it', rows: 4, pattern: [['C-5 01 ... ...'], ['E-5 01 ... ...'], ['G-5 01 ... ...']], instruments: [midiInstrument({}, { newNoteAction: nna })],
    }), { frames: 3 * ROW }).events);
    expect(play('continue')).toEqual([[0, 0x90, 60, 127], [ROW, 0x90, 64, 127], [2 * ROW, 0x90, 67, 127]]);
    // A fading note is being released: its note-off goes out at once (the synth's release shapes it).
    for (const nna of ['off', 'cut', 'fade'] as const) {
      expect(play(nna)).toEqual([[0, 0x90, 60, 127], [ROW, 0x80, 60, 64], [ROW, 0x90, 64, 127], [2 * ROW, 0x80, 64, 64], [2 * ROW, 0x90, 67, 127]]);
    }
  });

  it('a muted channel sends no notes, and muting ends the sounding note', () => {
    const song = buildSong({ base: 'it', rows: 8, pattern: [['C-5 01 ... ...'], [], ['D-5 01 ... ...']], instruments: [midiInstrument()] });
    const { events } = playMidi(song, { frames: 4 * ROW, at: [{ frame: ROW, run: (core) => core.handle({ type: 'setMute', channel: 0, muted: true }) }] });
    expect(notes(events)).toEqual([[0, 0x90, 60, 127], [ROW, 0x80, 60, 64]]);
  });

  it('an instrument with a sample and a MIDI channel sounds and sends MIDI', () => {
    const song = buildSong({ base: 'it', rows: 4, pattern: [['C-5 01 ... ...']], samples: [testSample('it')], instruments: [midiInstrument({}, {}, 1)] });
    const core = playMidi(song, { frames: ROW });
    expect(notes(core.events)).toEqual([[0, 0x90, 60, 127]]);
    const left = new Float32Array(384);
    core.core.render(left, new Float32Array(384), 384);
    expect(left.some((x) => x !== 0)).toBe(true);
  });

  it('a MIDI-only instrument mixes nothing', () => {
    const song = buildSong({ base: 'it', rows: 4, pattern: [['C-5 01 ... ...']], instruments: [midiInstrument()] });
    const { core } = playMidi(song, { frames: 384 });
    const left = new Float32Array(384);
    const right = new Float32Array(384);
    core.render(left, right, 384);
    expect(left.every((x) => x === 0) && right.every((x) => x === 0)).toBe(true);
  });
});

describe('program, bank and velocity', () => {
  it('sends bank MSB/LSB and program before the first note only', () => {
    const song = buildSong({ base: 'it', rows: 4, pattern: [['C-5 01 ... ...'], ['D-5 01 ... ...']], instruments: [midiInstrument({ program: 5, bank: 130 })] });
    const { events } = playMidi(song, { frames: 2 * ROW });
    expect(events.filter((e) => e.kind === 'note').map((e) => [e.frame, ...e.bytes])).toEqual([
      [0, 0xb0, 0, 1], [0, 0xb0, 32, 2], [0, 0xc0, 5], [0, 0x90, 60, 127],
      [ROW, 0x80, 60, 64], [ROW, 0x90, 62, 127],
    ]);
  });

  it('XM: velocity follows the volume column (v64 = 127, v01 = 2) and the set-volume effect', () => {
    const song = buildSong({ base: 'xm', rows: 4, pattern: [['C-5 01 v64 ...'], ['D-5 01 v01 ...'], ['E-5 01 ... C20']], instruments: [midiInstrument()] });
    const on = notes(playMidi(song, { frames: 3 * ROW }).events).filter((n) => n[1] === 0x90).map((n) => n[3]);
    expect(on).toEqual([127, 2, 64]);
  });
});

describe('pitch bend', () => {
  it('portamento up bends upwards each tick, within the bend range; a new note re-centres first', () => {
    const song = buildSong({ base: 'it', rows: 4, pattern: [['C-5 01 ... F10'], ['D-5 01 ... ...']], instruments: [midiInstrument({ bendRange: 12 })] });
    const { events } = playMidi(song, { frames: 2 * ROW });
    const bends = ofType(events, 0xe0).map((e) => [e.frame, (e.bytes[1] ?? 0) | ((e.bytes[2] ?? 0) << 7)]);
    // F10: 16 x 4 = 64 sixty-fourths of a semitone per tick = one semitone per tick for ticks 1..5
    // (IT's frequencies are whole Hz, so a bend may be one step off the exact value).
    expect(bends.slice(0, 5).map((b) => b[0])).toEqual([1, 2, 3, 4, 5].map((t) => t * TICK));
    bends.slice(0, 5).forEach((b, i) => expect(Math.abs((b[1] ?? 0) - (8192 + ((i + 1) / 12) * 8192))).toBeLessThanOrEqual(1.5));
    // The new note at row 1 starts with the bend back at the centre (before its note-on).
    const row1 = events.filter((e) => e.frame === ROW).map((e) => e.bytes);
    expect(row1).toEqual([[0x80, 60, 64], [0xe0, 0, 64], [0x90, 62, 127]]);
  });

  it('vibrato swings the bend both ways around the centre; bend range 0 sends none', () => {
    const song = (range: number) => buildSong({ base: 'it', rows: 4, pattern: [['C-5 01 ... H48'], ['... .. ... H00'], ['... .. ... H00']], instruments: [midiInstrument({ bendRange: range })] });
    const values = ofType(playMidi(song(2), { frames: 3 * ROW }).events, 0xe0).map((e) => (e.bytes[1] ?? 0) | ((e.bytes[2] ?? 0) << 7));
    expect(Math.max(...values)).toBeGreaterThan(8192 + 500);
    expect(Math.min(...values)).toBeLessThan(8192 - 500);
    expect(ofType(playMidi(song(0), { frames: 3 * ROW }).events, 0xe0)).toEqual([]);
  });

  it('arpeggio J47 bends to +4 and +7 semitones with a 12-semitone range', () => {
    const song = buildSong({ base: 'it', rows: 4, pattern: [['C-5 01 ... J47']], instruments: [midiInstrument({ bendRange: 12 })] });
    const values = ofType(playMidi(song, { frames: ROW }).events, 0xe0).map((e) => (e.bytes[1] ?? 0) | ((e.bytes[2] ?? 0) << 7));
    const expected = [8192 + (4 / 12) * 8192, 8192 + (7 / 12) * 8192, 8192];
    // Ticks 1..5 of the row: +4, +7, 0, +4, +7 (tick 0 plays the note itself, so no bend is sent).
    expect(values).toHaveLength(5);
    values.slice(0, 3).forEach((v, i) => expect(Math.abs(v - (expected[i] ?? 0))).toBeLessThanOrEqual(1.5));
  });
});

describe('controllers from Zxx macros', () => {
  it('the default macros send Z40 as CC 74 (cutoff) and Z80.. as CC 71 (resonance)', () => {
    const song = buildSong({ base: 'it', rows: 4, pattern: [['C-5 01 ... Z40'], ['... .. ... Z81']], instruments: [midiInstrument({ channel: 2 })] });
    const cc = ofType(playMidi(song, { frames: 2 * ROW }).events, 0xb0).map((e) => [e.frame, ...e.bytes]);
    expect(cc).toEqual([[0, 0xb1, 74, 0x40], [ROW, 0xb1, 71, 8]]);
  });

  it('a song macro "Bc07z" selected by SF1 sets CC 7 on the instrument channel; in XM notation too', () => {
    const macros = { global: ['FF', 'FC', '', '', '', '', '', '', ''], parametered: ['F0F000z', 'Bc07z', ...Array.from({ length: 14 }, () => '')], fixed: Array.from({ length: 128 }, () => '') };
    for (const base of ['it', 'xm'] as const) {
      const sf1 = base === 'it' ? 'SF1' : 'sF1';
      const built = buildSong({ base, rows: 4, pattern: [['C-5 01 ... ' + sf1], ['... .. ... Z64']], instruments: [midiInstrument({ channel: 4 })] });
      const song = { ...built, midiMacros: macros };
      const cc = ofType(playMidi(song, { frames: 2 * ROW }).events, 0xb0).map((e) => [e.frame, ...e.bytes]);
      expect(cc, base).toEqual([[ROW, 0xb3, 7, 0x64]]);
    }
  });

  it('an instrument with a controller set turns Zxx into that CC with value xx in XM, S3M and IT (no macro setup needed)', () => {
    for (const base of ['xm', 's3m', 'it'] as const) {
      const song = buildSong({ base, rows: 4, pattern: [['C-5 01 ... Z40'], ['... .. ... Z7F'], ['... .. ... Z81']], instruments: [midiInstrument({ channel: 3, controller: 1 })] });
      const cc = ofType(playMidi(song, { frames: 3 * ROW }).events, 0xb0).map((e) => [e.frame, ...e.bytes]);
      // Z81 is a fixed macro: the default ones set the resonance (CC 71), as before.
      expect(cc, base).toEqual([[0, 0xb2, 1, 0x40], [ROW, 0xb2, 1, 0x7f], [2 * ROW, 0xb2, 71, 8]]);
    }
  });

  it('smooth \\xx with a controller set glides the CC over the row, sending only changes', () => {
    const song = buildSong({ base: 'it', rows: 4, pattern: [['C-5 01 ... Z00'], ['... .. ... \\30']], instruments: [midiInstrument({ controller: 11 })] });
    const cc = ofType(playMidi(song, { frames: 2 * ROW }).events, 0xb0).map((e) => [e.frame / TICK, e.bytes[1], e.bytes[2]]);
    expect(cc[0]).toEqual([0, 11, 0]);
    const glide = cc.slice(1);
    expect(glide.every(([, n]) => n === 11)).toBe(true);
    expect(glide.at(-1)).toEqual([11, 11, 0x30]);
    const values = glide.map(([, , v]) => v as number);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1] as number);
    expect(glide[0]?.[0]).toBe(6);
  });
});

describe('ports', () => {
  it('messages reach the instrument\'s own port or the default output through the driver interface', () => {
    const song = buildSong({
      base: 'it', rows: 4, pattern: [['C-5 01 ... ...', 'E-5 02 ... ...']],
      instruments: [midiInstrument({ port: 'Synth A' }), midiInstrument({ channel: 2 })],
    });
    const driver = new MemoryMidiDriver(['Synth A', 'Synth B']);
    deliver(playMidi(song, { frames: ROW }).events, driver, { defaultPort: 'Synth B', clockPorts: [] });
    expect(driver.sent('Synth A')).toEqual([[0x90, 60, 127]]);
    expect(driver.sent('Synth B')).toEqual([[0x91, 64, 127]]);
  });
});

describe('stop and panic', () => {
  it('stop sends note-offs for every sounding note, re-centres bends, then All Notes Off on each channel used', () => {
    const song = buildSong({ base: 'it', rows: 8, pattern: [['C-5 01 ... F10', 'E-5 02 ... ...']], instruments: [midiInstrument(), midiInstrument({ channel: 3 })] });
    const { events } = playMidi(song, { frames: 2 * ROW, at: [{ frame: ROW, run: (core) => core.handle({ type: 'stop' }) }] });
    const after = events.filter((e) => e.frame >= ROW).map((e) => e.bytes);
    expect(after).toContainEqual([0x80, 60, 64]);
    expect(after).toContainEqual([0x82, 64, 64]);
    expect(after).toContainEqual([0xe0, 0, 64]);
    expect(after.slice(-2).sort()).toEqual([[0xb0, 123, 0], [0xb2, 123, 0]]);
    expect(events.filter((e) => e.frame > ROW)).toEqual([]);
  });

  it('keyjazz on a MIDI instrument plays it while stopped', () => {
    const song = buildSong({ base: 'it', rows: 4, pattern: [[]], instruments: [midiInstrument({ channel: 5 })] });
    const { events } = playMidi(song, { frames: 2 * 384, start: null, at: [{ frame: 0, run: (core) => core.handle({ type: 'previewNote', note: 61, instrument: 1, volume: 32, channel: 0 }) }] });
    expect(notes(events)).toEqual([[0, 0x94, 60, 64]]);
  });
});
