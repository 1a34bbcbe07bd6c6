// Random one-voice songs for the oracle (bench/effect-oracle.ts --random N): notes, volume-column
// commands and effects each format can store, drawn from a seeded generator so a failing seed can be
// replayed and shrunk into a replayer test.
import type { ProfileBase } from '../src/song/profile.js';
import type { Envelope, Instrument } from '../src/song/song.js';
import type { TestSongSpec } from '../tests/helpers/song-builder.js';
import { testInstrument, testSample } from '../tests/helpers/song-builder.js';

/** xorshift32: the same seed gives the same song. */
export function rng(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

const hex = (n: number, w = 2) => n.toString(16).toUpperCase().padStart(w, '0');
const dec2 = (n: number) => String(n).padStart(2, '0');

/** Effect templates per format: a letter (or letter + sub-command) and how to draw its parameter. */
const EFFECTS: Record<ProfileBase, readonly string[]> = {
  mod: ['0', '1', '2', '3', '4', '5', '6', '7', '9', 'A', 'C', 'E1', 'E2', 'E3', 'E4', 'E5', 'E7', 'E9', 'EA', 'EB', 'EC', 'ED', 'EE', 'F'],
  xm: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'C', 'E1', 'E2', 'E3', 'E4', 'E5', 'E7', 'E8', 'E9', 'EA', 'EB', 'EC', 'ED', 'EE', 'F', 'G', 'H', 'K', 'L', 'P', 'R', 'T', 'X1', 'X2'],
  s3m: ['A', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'O', 'Q', 'R', 'U', 'V', 'X', 'S1', 'S2', 'S3', 'S4', 'S8', 'SC', 'SD', 'SE'],
  it: ['A', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'U', 'V', 'W', 'X', 'Y', 'S1', 'S3', 'S4', 'S5', 'S6', 'S8', 'S9', 'SC', 'SD', 'SE'],
};

const VOLUMES: Record<ProfileBase, readonly string[]> = {
  mod: [],
  xm: ['v', 'v', 'c', 'd', 'a', 'b', 'u', 'h', 'p', 'l', 'r', 'g'],
  s3m: ['v'],
  it: ['v', 'v', 'p', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
};

function effectText(base: ProfileBase, r: () => number): string {
  const list = EFFECTS[base];
  const t = list[Math.floor(r() * list.length)] as string;
  const small = () => (r() < 0.3 ? 0 : Math.floor(r() * 16));
  const byte = () => (r() < 0.15 ? 0 : r() < 0.5 ? Math.floor(r() * 16) * (r() < 0.5 ? 1 : 16) : Math.floor(r() * 256));
  if (t.length === 2) {
    let p = small();
    if ((t === 'ED' || t === 'SD' || t === 'EC' || t === 'SC') && p > 8) p = Math.floor(p / 2);
    if (t === 'EE' || t === 'SE') p = Math.min(p, 2);
    if (t === 'S9') p = [0, 1, 0xe, 0xf][Math.floor(r() * 4)] ?? 0;
    return `${t}${hex(p, 1)}`;
  }
  let p = byte();
  if (t === 'F' && (base === 'mod' || base === 'xm')) p = 1 + Math.floor(r() * 10);
  if (t === 'A' && (base === 's3m' || base === 'it')) p = 1 + Math.floor(r() * 10);
  if (t === 'T' && base === 'xm') p = Math.floor(r() * 256);
  if (t === 'C' && (base === 'mod' || base === 'xm')) p = Math.floor(r() * 0x41);
  if (t === 'V' && base === 'it') p = Math.floor(r() * 0x81);
  if (t === 'M') p = Math.floor(r() * 0x41);
  return `${t}${hex(p)}`;
}

function volumeText(base: ProfileBase, r: () => number): string {
  const list = VOLUMES[base];
  if (list.length === 0 || r() < 0.5) return '...';
  const k = list[Math.floor(r() * list.length)] as string;
  const max = k === 'v' || k === 'p' ? 64 : base === 'it' && k !== 'v' && k !== 'p' ? 9 : 15;
  return `${k}${dec2(Math.floor(r() * (max + 1)))}`;
}

const NOTES = ['C-', 'C#', 'D-', 'D#', 'E-', 'F-', 'F#', 'G-', 'G#', 'A-', 'A#', 'B-'];

function noteText(r: () => number): string {
  const x = r();
  if (x < 0.45) return '...';
  if (x < 0.5) return '===';
  if (x < 0.52) return '^^^';
  return `${NOTES[Math.floor(r() * 12)]}${4 + Math.floor(r() * 3)}`;
}

function randomEnvelope(r: () => number, kind: 'volume' | 'pan' | 'pitch'): Envelope {
  if (r() < 0.35) return { enabled: false, points: [], loop: null, sustain: null, carry: false };
  const n = 2 + Math.floor(r() * 5);
  const points = [];
  let tick = 0;
  for (let i = 0; i < n; i++) {
    const value = kind === 'volume' ? Math.floor(r() * 65) : Math.floor(r() * 65) - 32;
    points.push({ tick, value });
    tick += 1 + Math.floor(r() * 12);
  }
  const a = Math.floor(r() * n);
  const b = Math.min(n - 1, a + Math.floor(r() * 3));
  const loop = r() < 0.4 ? { start: a, end: b } : null;
  const s = Math.floor(r() * n);
  const sustain = r() < 0.5 ? { start: s, end: s } : null;
  return { enabled: true, points, loop, sustain, carry: false };
}

function randomInstrument(base: ProfileBase, r: () => number, sample: number): Instrument {


  return testInstrument({
    sampleMap: Array.from({ length: 120 }, () => sample),
    volumeEnvelope: randomEnvelope(r, 'volume'),
    panEnvelope: randomEnvelope(r, 'pan'),
    ...(base === 'it' ? { pitchEnvelope: r() < 0.5 ? randomEnvelope(r, 'pitch') : randomEnvelope(() => 0.1, 'pitch') } : {}),
    fadeout: r() < 0.3 ? 0 : Math.floor(r() * 64) * (base === 'it' ? 32 : 16),
    globalVolume: base === 'it' ? 64 + Math.floor(r() * 65) : 128,
    newNoteAction: 'cut',
  });
}

/** A random one-channel song of `rows` rows for a format (XM and IT: with random instruments). */
export function randomSpec(base: ProfileBase, seed: number, rows = 8, withInstruments = false): TestSongSpec {
  const r = rng(seed);
  const pattern: string[][] = [];
  const inst = (n: number) => (base === 'mod' || base === 'xm' ? hex(n) : dec2(n));
  for (let i = 0; i < rows; i++) {
    let note = i === 0 ? `C-${5}` : noteText(r);
    if (base === 'mod' && (note === '===' || note === '^^^')) note = '...';
    if (base === 's3m' && note === '===') note = '^^^';
    const ins = note !== '...' && note.length === 3 && note[2] !== '=' && note[2] !== '^' ? (r() < 0.8 ? inst(1 + Math.floor(r() * 2)) : '..') : r() < 0.05 ? inst(1) : '..';
    const fx = r() < 0.85 ? effectText(base, r) : '...';
    let vol = volumeText(base, r);
    // Newer OpenMPT (the model here) fixed IT's slides in both columns after libopenmpt 0.6.9 (the
    // reference): DoubleSlide.it and the volume-column memory fix. Keep such cells out of the comparison.
    if (base === 'it' && /^[efg]/.test(vol) && /^[EFGL]/.test(fx)) vol = '...';
    if (base === 'it' && /^[cd]/.test(vol) && /^[DKL]/.test(fx)) vol = '...';
    pattern.push([`${note} ${i === 0 ? inst(1) : ins} ${vol} ${fx}`]);
  }
  const long = testSample(base, {
    pcm: { bits: 8, channels: 1, data: new Int8Array(30000) },
    loop: null,
  });
  const looped = testSample(base, { volume: 48 });
  const speed = 3 + Math.floor(r() * 5);
  if (withInstruments && (base === 'xm' || base === 'it')) {
    const vib = (): Partial<import('../src/song/song.js').Sample> => (r() < 0.5 ? {} : {
      vibrato: { waveform: (['sine', 'square', 'rampUp', 'rampDown'] as const)[Math.floor(r() * 4)] ?? 'sine', speed: Math.floor(r() * 32), depth: Math.floor(r() * 16), sweep: Math.floor(r() * 64) },
    });
    const s1 = { ...looped, ...vib() };
    const s2 = { ...long, ...vib() };
    return { base, pattern, speed, samples: [s1, s2], instruments: [randomInstrument(base, r, 1), randomInstrument(base, r, 2)] };
  }
  return { base, pattern, speed, samples: [looped, long] };
}
