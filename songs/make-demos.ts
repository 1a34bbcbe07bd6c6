// Composes the demo songs in code and writes them as .trk files: every note is written here and every
// sample is synthesised by src/song/synth.ts, so nothing in songs/ is copied from anywhere.
// Run: npm run demos   (tests/songs/demos.test.ts checks the files match this script).

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeTrkText } from '../src/formats/native/trk-write.js';
import { createChannel, createInstrument, createSong } from '../src/song/create.js';
import { type Notation, parseEffect, parseVolume } from '../src/song/notation.js';
import { parseNote } from '../src/song/notes.js';
import { createPattern, type Pattern, writeCell } from '../src/song/pattern.js';
import { makeProfile } from '../src/song/profile.js';
import type { Envelope, Instrument, Song } from '../src/song/song.js';
import { synthesize, type SynthKind } from '../src/song/synth.js';

/**
 * Writes one channel of a pattern from a compact score: one token per row, "." for an empty row,
 * otherwise "NOTE[/INSTRUMENT][/VOLUME][/EFFECT...]" e.g. "A-4/6/v48/H24" or "===" or "/.../A04".
 */
function track(p: Pattern, channel: number, score: string, notation: Notation, fromRow = 0): void {
  const tokens = score.trim().split(/\s+/);
  tokens.forEach((token, i) => {
    if (token === '.') return;
    const [noteText = '...', instText = '', ...rest] = token.split('/');
    const note = noteText === '' || noteText === '...' ? 0 : parseNote(noteText);
    if (note === undefined) throw new Error(`bad note ${noteText} in ${token}`);
    let volume = null;
    const effects = [];
    for (const t of rest) {
      if (t === '...') continue;
      const v = parseVolume(t);
      if (v) volume = v;
      else {
        const e = parseEffect(t, notation);
        if (!e) throw new Error(`bad field ${t} in ${token}`);
        effects.push(e);
      }
    }
    writeCell(p, fromRow + i, channel, { note, instrument: instText === '' ? 0 : Number(instText), volume, effects });
  });
}

/** Repeats a score fragment `times` times. */
const rep = (fragment: string, times: number) => Array.from({ length: times }, () => fragment).join(' ');

function envelope(points: [number, number][], sustain?: number): Envelope {
  return {
    enabled: true,
    points: points.map(([tick, value]) => ({ tick, value })),
    loop: null,
    sustain: sustain === undefined ? null : { start: sustain, end: sustain },
    carry: false,
  };
}

function instrument(name: string, sample: number, changes: Partial<Instrument> = {}): Instrument {
  return createInstrument(sample, { name, ...changes });
}

/** "Night Drive": an 8-channel groove in A minor, IT rules and letters. */
export function nightDrive(): Song {
  const kinds: SynthKind[] = ['kick', 'snare', 'hat', 'openhat', 'clap', 'bass', 'pad', 'lead', 'pluck'];
  const samples = kinds.map((k, i) => synthesize(k, i + 1));
  const instruments = [
    instrument('Kick', 1),
    instrument('Snare', 2),
    instrument('Closed hat', 3),
    instrument('Open hat', 4),
    instrument('Clap', 5),
    instrument('Bass', 6, { volumeEnvelope: envelope([[0, 64], [6, 52], [40, 36]], 2), fadeout: 2048 }),
    instrument('Pad', 7, { volumeEnvelope: envelope([[0, 0], [24, 48], [60, 40]], 2), fadeout: 512 }),
    instrument('Lead', 8, { volumeEnvelope: envelope([[0, 64], [10, 50], [80, 44]], 2), fadeout: 1024 }),
    instrument('Pluck', 9),
  ];
  const N: Notation = 'it';
  const chords = [['A-3', 'C-5', 'E-5'], ['F-3', 'A-4', 'C-5'], ['C-4', 'E-5', 'G-4'], ['G-3', 'B-4', 'D-5']] as const;
  const pattern = () => createPattern(64, 8);

  const drumsHalf = rep('C-5/1/v64 . . . . . . . C-5/2/v56 . . . . . . .', 4);
  const drumsFull = rep('C-5/1/v64 . . . C-5/1/v60 . . . C-5/1/v64 . . . C-5/1/v60 . . .', 4);
  const snareFull = rep('. . . . C-5/2/v56 . . . . . . . C-5/5/v50 . . .', 4);
  const hats = rep('. . C-5/3/v32 . . . C-5/3/v40 . . . C-5/3/v32 . . . C-5/4/v28 .', 4);
  const bassBar = (root: string, up: string) => `${root}/6/v60 . ${root}/6/v44/SC2 . ${up}/6/v52 . ${root}/6/v44/SC2 . ${root}/6/v60 . ${up}/6/v48/SC2 . ${root}/6/v52 . ${up}/6/v44/SC3 .`;
  const bass = chords.map(([r]) => bassBar(r, r.replace(/[0-9]$/, (o) => String(Number(o) + 1)))).join(' ');
  const padBar = (note: string) => `${note}/7/v40 ${rep('.', 15)}`;
  const pad3 = chords.map((c) => padBar(c[1])).join(' ');
  const pad5 = chords.map((c) => padBar(c[2])).join(' ');
  const pluckBar = (c: readonly string[]) => `${c[1]}/9/v48 . ${c[2]}/9/v40 . ${c[1]}/9/v24 . ${c[2]}/9/v20 . ${c[1]}/9/v44 . ${c[2]}/9/v36/SD2 . ${c[1]}/9/v20 . ${c[2]}/9/v16 .`;
  const pluckAll = chords.map(pluckBar).join(' ');

  const intro = pattern();
  track(intro, 4, chords.map((c) => `${c[1]}/7/v16/D14 ${rep('.', 15)}`).join(' '), N);
  track(intro, 5, chords.map((c) => `${c[2]}/7/v16/D14 ${rep('.', 15)}`).join(' '), N);
  track(intro, 7, pluckAll, N);
  track(intro, 2, `${rep('.', 32)} ${rep('. . C-5/3/v20 . . . C-5/3/v28 .', 3)} C-5/3/v24/Q03 . . . C-5/3/v32/Q02 . . .`, N);

  const verse = pattern();
  track(verse, 0, drumsHalf, N);
  track(verse, 1, snareFull.replace(/C-5\/5/g, 'C-5/2'), N);
  track(verse, 2, hats, N);
  track(verse, 3, bass, N);
  track(verse, 4, pad3, N);
  track(verse, 5, pad5, N);
  track(verse, 7, pluckAll, N);

  const melodyA =
    'E-6/8/v56 . . . D-6/8 . C-6 . . . A-5/8/v52/H34 . . . . . ' +
    'C-6/8/v56 . . . A-5 . . . F-5/8/v50 . . . G-5/8/G10 . . . ' +
    'G-5/8/v56 . . . E-5 . G-5 . C-6/8/v54/H35 . . . . . B-5 . ' +
    'D-6/8/v58 . . . . . C-6 . B-5/8/v52 . . . G-5/8/H34 . . /D04';
  const melodyB =
    'A-5/8/v56 . C-6 . E-6/8/H24 . . . D-6 . C-6 . D-6/8/v50/H34 . . . ' +
    'C-6/8/v56 . . . A-5 . . . C-6/8/G08 . . . F-6/8/v58/G06 . . . ' +
    'E-6/8/v58/H35 . . . . . D-6 . C-6 . D-6 . E-6/8/H24 . . . ' +
    'D-6/8/v56 . . . B-5 . . . G-5/8/v50/H34 . . . ===/0/... . . .';

  const chorus = pattern();
  track(chorus, 0, drumsFull, N);
  track(chorus, 1, snareFull, N);
  track(chorus, 2, hats, N);
  track(chorus, 3, bass, N);
  track(chorus, 4, pad3, N);
  track(chorus, 5, pad5, N);
  track(chorus, 6, melodyA, N);
  track(chorus, 7, pluckAll, N);

  const chorus2 = pattern();
  track(chorus2, 0, drumsFull.split(' ').slice(0, 48).join(' ') + ' C-5/1/v64 . . . C-5/1/v60 . . . C-5/1/v64 . C-5/1/v52 . C-5/1/v64 . C-5/1/v56 .', N);
  track(chorus2, 1, snareFull.split(' ').slice(0, 48).join(' ') + ' . . . . C-5/2/v40/Q03 . . . C-5/2/v48/Q02 . . . C-5/2/v56/Q01 . . .', N);
  track(chorus2, 2, hats, N);
  track(chorus2, 3, bass, N);
  track(chorus2, 4, pad3, N);
  track(chorus2, 5, pad5, N);
  track(chorus2, 6, melodyB, N);
  track(chorus2, 7, pluckAll, N);

  const breakdown = pattern();
  track(breakdown, 3, chords.map(([r]) => `${r}/6/v56 ${rep('.', 15)}`).join(' '), N);
  track(breakdown, 4, chords.map((c) => `${c[1]}/7/v44 ${rep('.', 15)}`).join(' '), N);
  track(breakdown, 5, chords.map((c) => `${c[2]}/7/v44 ${rep('.', 15)}`).join(' '), N);
  track(breakdown, 6, melodyA.replace(/\/v5[0-9]/g, '/v44'), N);
  track(breakdown, 2, `${rep('.', 48)} ${rep('C-5/3/v24 .', 4)} C-5/3/v28/Q02 . C-5/3/v36/Q01 . C-5/4/v40 . . .`, N);
  track(breakdown, 0, `${rep('.', 60)} C-5/1/v48 . C-5/1/v56 .`, N);

  const outro = pattern();
  track(outro, 0, drumsHalf.split(' ').slice(0, 32).join(' '), N);
  track(outro, 3, bass.split(' ').slice(0, 32).join(' ') + ' A-3/6/v56/D02', N);
  track(outro, 4, `${chords.map((c) => padBar(c[1])).slice(0, 2).join(' ')} A-4/7/v40/D02`, N);
  track(outro, 5, `${chords.map((c) => padBar(c[2])).slice(0, 2).join(' ')} E-5/7/v40/D02`, N);
  track(outro, 7, `${chords.map(pluckBar).slice(0, 2).join(' ')} A-5/9/v40 . . . E-6/9/v32 . . . C-6/9/v24 . . . A-5/9/v16 . . . ${rep('.', 15)} ^^^/0/.../C00`, N);

  const panning = [128, 120, 168, 128, 80, 176, 136, 96];
  return createSong({}, {
    title: 'Night Drive',
    message: 'Demo song for tracker: composed in songs/make-demos.ts; every sample is synthesised by src/song/synth.ts.',
    initialSpeed: 6,
    initialTempo: 118,
    notation: N,
    profile: makeProfile('it'),
    channels: ['Kick', 'Snare', 'Hats', 'Bass', 'Pad 3rd', 'Pad 5th', 'Lead', 'Pluck'].map((name, i) => createChannel({ name, pan: panning[i] ?? 128 })),
    patterns: [intro, verse, chorus, chorus2, breakdown, outro],
    orders: [0, 1, 2, 3, 4, 2, 3, 5],
    instruments,
    samples,
    origin: { format: 'trk', tracker: 'tracker (songs/make-demos.ts)' },
  });
}

/** "Pocket Arcade": a 6-channel chiptune with FastTracker 2 rules and letters. */
export function pocketArcade(): Song {
  const samples = (['square', 'triangle', 'noise', 'kick', 'saw'] as const).map((k, i) => synthesize(k, 20 + i));
  const instruments = [
    instrument('Square lead', 1, { volumeEnvelope: envelope([[0, 60], [4, 48], [30, 40]], 2), fadeout: 1536 }),
    instrument('Triangle bass', 2),
    instrument('Noise', 3, { volumeEnvelope: envelope([[0, 64], [3, 20], [8, 0]]) }),
    instrument('Kick', 4),
    instrument('Saw arp', 5, { volumeEnvelope: envelope([[0, 48], [12, 32], [40, 24]], 1), fadeout: 1024 }),
  ];
  const N: Notation = 'xm';
  const a = createPattern(64, 6);
  const b = createPattern(64, 6);
  const arps = ['C-5/5/v40/037', 'A-4/5/v40/037', 'F-4/5/v40/047', 'G-4/5/v40/047'];
  const bassLine = ['C-4', 'A-3', 'F-3', 'G-3'].map((n) => `${n}/2/v60 . . . ${n}/2/v40 . . . ${n.replace(/[0-9]$/, (o) => String(Number(o) + 1))}/2/v56 . . . ${n}/2/v44 . ${n}/2/v48 .`).join(' ');
  const drums = rep('C-5/4/v64 . . . C-6/3/v40 . . . C-5/4/v60 . C-5/4/v48 . C-6/3/v48 . C-7/3/v24 .', 4);
  const hats = rep('. . C-7/3/v20 . . . C-7/3/v24 . . . C-7/3/v20 . . . C-7/3/v28/E92 .', 4);
  for (const p of [a, b]) {
    track(p, 2, bassLine, N);
    track(p, 3, drums, N);
    track(p, 4, hats, N);
    track(p, 5, arps.map((x) => `${x} ${rep('.', 15)}`).join(' '), N);
  }
  track(a, 0,
    'C-6/1/v48 . . . E-6 . G-6 . . . E-6 . G-6/1/v48/4A4 . . . ' +
    'A-6/1/v48 . . . G-6 . E-6 . C-6/1/v40 . . . E-6 . . . ' +
    'F-6/1/v48 . . . E-6 . C-6 . A-5 . . . C-6/1/v48/303 . . . ' +
    'D-6/1/v48 . . . B-5 . G-5 . D-6/1/v44/4A4 . . . . . === .', N);
  track(b, 0,
    'G-6/1/v52 . . . E-6/1/v44/ED2 . . . C-6/1/v48 . E-6 . G-6/1/v48/4A4 . . . ' +
    'C-7/1/v52/308 . . . A-6 . . . E-6/1/v44 . . . G-6 . . . ' +
    'A-6/1/v52 . . . G-6/1/v48/1A1 . . . F-6/1/v48/2A1 . . . E-6/1/v44/A04 . . . ' +
    'D-6/1/v52/4B5 . . . . . . . B-5/1/v40/A06 . . . === . . .', N);
  track(b, 1, `${rep('.', 32)} C-5/1/v24/4A4 ${rep('.', 15)} G-5/1/v24/4A4 ${rep('.', 11)} . . . .`, N);
  return createSong({}, {
    title: 'Pocket Arcade',
    message: 'Demo song for tracker in FastTracker 2 style: composed in songs/make-demos.ts, samples synthesised.',
    initialSpeed: 4,
    initialTempo: 140,
    notation: N,
    profile: makeProfile('xm'),
    channels: ['Lead', 'Echo', 'Bass', 'Drums', 'Hats', 'Arp'].map((name, i) => createChannel({ name, pan: [112, 176, 128, 128, 160, 96][i] ?? 128 })),
    patterns: [a, b],
    orders: [0, 1, 0, 1],
    instruments,
    samples,
    origin: { format: 'trk', tracker: 'tracker (songs/make-demos.ts)' },
  });
}

/** The demo songs by file name. */
export const DEMOS: Readonly<Record<string, () => Song>> = {
  'demo-night-drive.trk': nightDrive,
  'demo-pocket-arcade.trk': pocketArcade,
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [name, make] of Object.entries(DEMOS)) {
    writeFileSync(new URL(name, import.meta.url), writeTrkText(make()));
    process.stdout.write(`wrote songs/${name}\n`);
  }
}
