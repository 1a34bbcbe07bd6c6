// MIDI file export read back by an independent parser (midi-file): format 1, a tempo map that
// follows speed/tempo changes, one track per channel (or instrument), notes with the right keys,
// velocities and lengths (ended by the next note, a cut, a key-off), and a corpus module's notes.

import { existsSync, readFileSync } from 'node:fs';
import { parseMidi } from 'midi-file';
import { describe, expect, it } from 'vitest';
import { DIVISION, songToMidi } from '../../src/midi/export.js';
import { readSong } from '../../src/formats/registry.js';
import { createInstrument, NO_MIDI } from '../../src/song/create.js';
import { buildSong, testSample } from '../helpers/song-builder.js';
import { CORPUS_DIR, hasCorpus } from '../helpers/corpus.js';

type Ev = { deltaTime: number; type: string; noteNumber?: number; velocity?: number; microsecondsPerBeat?: number; channel?: number; text?: string };

function absolute(track: readonly Ev[]): (Ev & { at: number })[] {
  let at = 0;
  return track.map((e) => ({ ...e, at: (at += e.deltaTime) }));
}

/** Note-on/note-off pairs of a track as [key, start, end, velocity]. */
function notesOf(track: readonly Ev[]): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  const open = new Map<number, { at: number; velocity: number }>();
  for (const e of absolute(track)) {
    if (e.type === 'noteOn' && (e.velocity ?? 0) > 0) open.set(e.noteNumber!, { at: e.at, velocity: e.velocity! });
    else if (e.type === 'noteOff' || (e.type === 'noteOn' && e.velocity === 0)) {
      const o = open.get(e.noteNumber!);
      if (o) out.push([e.noteNumber!, o.at, e.at, o.velocity]);
      open.delete(e.noteNumber!);
    }
  }
  expect(open.size).toBe(0);
  return out;
}

describe('songToMidi', () => {
  // Speed 6, 4 rows per beat: a row is a sixteenth note, DIVISION / 4 ticks.
  const row = DIVISION / 4;
  const sample = testSample('it', { loop: { start: 0, end: 100, pingPong: false } });

  it('writes notes with keys, velocities and lengths ended by the next note, a cut and a key-off', () => {
    const song = buildSong({
      base: 'it',
      samples: [sample],
      pattern: [
        ['C-5 01 v64 ...', '... .. ... ...'],
        ['... .. ... ...', 'G-5 01 v32 ...'],
        ['E-5 01 v64 ...', '... .. ... ...'],
        ['^^^ .. ... ...', '... .. ... ...'],
        ['C-6 01 v64 ...', '=== .. ... ...'],
      ],
      rows: 8,
    });
    const midi = parseMidi(songToMidi(song).bytes) as { header: { format: number; ticksPerBeat: number }; tracks: Ev[][] };
    expect(midi.header.format).toBe(1);
    expect(midi.header.ticksPerBeat).toBe(DIVISION);
    expect(midi.tracks).toHaveLength(3);
    // Channel 1: C-5 (middle C) until the E, E until the cut, C-6 until the song ends.
    const a = notesOf(midi.tracks[1]!);
    expect(a.map(([k, s, e]) => [k, s, e])).toEqual([
      [60, 0, 2 * row],
      [64, 2 * row, 3 * row],
      [72, 4 * row, 8 * row],
    ]);
    expect(a[0]![3]).toBe(127);
    // Channel 2: G-5 at half volume until the key-off on row 4.
    const b = notesOf(midi.tracks[2]!);
    expect(b).toEqual([[67, row, 4 * row, 64]]);
    expect(absolute(midi.tracks[2]!).every((e) => e.type !== 'noteOn' || e.channel === 1)).toBe(true);
  });

  it('follows speed and tempo changes in the tempo map', () => {
    const song = buildSong({
      base: 'it',
      samples: [sample],
      pattern: [['C-5 01 ... T78'], ['... .. ... A03'], ['D-5 01 ... ...']],
      rows: 3,
    });
    const midi = parseMidi(songToMidi(song).bytes) as { tracks: Ev[][] };
    const tempos = absolute(midi.tracks[0]!).filter((e) => e.type === 'setTempo');
    // Speed 6 at tempo 0x78 = 120: a beat (4 rows x 6 ticks x 2.5/120 s) is 0.5 s; then speed 3: 0.25 s.
    expect(tempos.map((e) => [e.at, e.microsecondsPerBeat])).toEqual([[0, 500000], [row, 250000]]);
    // The D-5 lands two rows in, whatever the speed: rows are sixteenths in both tempos.
    expect(notesOf(midi.tracks[1]!).map(([k, s]) => [k, s])).toEqual([[60, 0], [62, 2 * row]]);
  });

  it('a pattern with its own rows per beat has beats of its own rows', () => {
    const built = buildSong({ base: 'it', samples: [sample], pattern: [['C-5 01 ... T78'], ['D-5 01 ... ...']], rows: 2 });
    const song = { ...built, patterns: built.patterns.map((p) => ({ ...p, signature: { rowsPerBeat: 3, rowsPerMeasure: 12 } })) };
    const midi = parseMidi(songToMidi(song).bytes) as { tracks: Ev[][] };
    // A beat of 3 rows x 6 ticks x 2.5/120 s = 0.375 s, and a row a third of a beat.
    expect(absolute(midi.tracks[0]!).filter((e) => e.type === 'setTempo').map((e) => e.microsecondsPerBeat)).toEqual([375000]);
    expect(notesOf(midi.tracks[1]!).map(([k, s]) => [k, s])).toEqual([[60, 0], [62, DIVISION / 3]]);
  });

  it('OpenMPT\'s modern tempo mode: the tempo is the beats per minute whatever the speed', () => {
    const built = buildSong({ base: 'it', samples: [sample], pattern: [['C-5 01 ... T78'], ['... .. ... A03'], ['D-5 01 ... ...']], rows: 3 });
    const song = { ...built, profile: { ...built.profile, tempoMode: 'modern' as const } };
    const midi = parseMidi(songToMidi(song).bytes) as { tracks: Ev[][] };
    const tempos = absolute(midi.tracks[0]!).filter((e) => e.type === 'setTempo');
    expect(tempos.map((e) => e.microsecondsPerBeat)).toEqual([500000, 500000]);
  });

  it('puts each instrument on its own track with --per-instrument', () => {
    const song = buildSong({
      base: 'it',
      samples: [sample, testSample('it', { name: 'second', loop: { start: 0, end: 100, pingPong: false } })],
      pattern: [['C-5 01 ... ...', 'D-5 02 ... ...'], ['E-5 02 ... ...', '... .. ... ...']],
    });
    const midi = parseMidi(songToMidi(song, { perInstrument: true }).bytes) as { tracks: Ev[][] };
    expect(midi.tracks).toHaveLength(3);
    expect(notesOf(midi.tracks[1]!).map(([k]) => k)).toEqual([60]);
    expect(notesOf(midi.tracks[2]!).map(([k]) => k).sort()).toEqual([62, 64]);
  });

  it('writes Zxx as a controller change for an instrument with a controller set (XM), and \\xx as a glide', () => {
    const instrument = createInstrument(1, { midi: { ...NO_MIDI, channel: 5, controller: 74 } });
    const song = buildSong({ base: 'xm', samples: [sample], instruments: [instrument], pattern: [['C-5 01 ... Z40'], ['... .. ... \\7F'], ['... .. ... Z81']] });
    const midi = parseMidi(songToMidi(song).bytes) as { tracks: (Ev & { controllerType?: number; value?: number })[][] };
    const cc = absolute(midi.tracks[1]!).filter((e) => e.type === 'controller').map((e) => [e.at, e.channel, (e as { controllerType?: number }).controllerType, (e as { value?: number }).value]);
    expect(cc[0]).toEqual([0, 4, 74, 0x40]);
    // The glide reaches 7F on the row's last tick; Z81 (a fixed macro, not the controller) sends nothing here.
    expect(cc.at(-1)).toEqual([row + (5 * row) / 6, 4, 74, 0x7f]);
    expect(cc.length).toBeGreaterThan(3);
    expect(cc.every(([at]) => (at as number) < 2 * row)).toBe(true);
  });
});

describe.skipIf(!hasCorpus)('MIDI export of a corpus module', () => {
  it('exports every note start of tuxmath game3.mod, readable by midi-file', () => {
    const path = `${CORPUS_DIR}mod/tuxmath-data--game3.mod`;
    if (!existsSync(path)) return;
    const song = readSong(new Uint8Array(readFileSync(path))).song;
    const result = songToMidi(song);
    const midi = parseMidi(result.bytes) as { tracks: Ev[][] };
    const ons = midi.tracks.flatMap((t) => t.filter((e) => e.type === 'noteOn' && (e.velocity ?? 0) > 0)).length;
    expect(ons).toBe(result.notes);
    expect(ons).toBeGreaterThan(1000);
    expect(result.seconds).toBeCloseTo(215.04, 0);
  });
});
