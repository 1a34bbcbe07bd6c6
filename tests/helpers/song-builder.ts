// Builds small songs in code for replayer tests: cells written as tracker text in the song's notation,
// synthetic samples, and a player stepped tick by tick.
import { Player } from '../../src/engine/replayer/player.js';
import { simpleMix } from './simple-mix.js';
import type { ChannelState } from '../../src/engine/replayer/channel-state.js';
import { createChannel, createInstrument, createSample, createSong } from '../../src/song/create.js';
import { parseEffect, parseInstrument, parseVolume, type Notation } from '../../src/song/notation.js';
import { parseNote } from '../../src/song/notes.js';
import { createPattern, writeCell } from '../../src/song/pattern.js';
import { makeProfile, type ProfileBase, type ProfileFlag } from '../../src/song/profile.js';
import type { Channel, Envelope, EnvelopePoint, Instrument, MidiMacros, Sample, Song } from '../../src/song/song.js';

export interface TestSongSpec {
  readonly base: ProfileBase;
  readonly flags?: Partial<Record<ProfileFlag, boolean>>;
  readonly channels?: number;
  readonly rows?: number;
  readonly speed?: number;
  readonly tempo?: number;
  /** Rows of cells: rows[row] = list of cell texts per channel ("C-5 01 v64 A06", "..." fields allowed). */
  readonly rows2?: never;
  readonly pattern: readonly (readonly string[])[];
  /** Extra patterns after the first, same shape. */
  readonly morePatterns?: readonly (readonly (readonly string[])[])[];
  readonly orders?: readonly (number | 'skip' | 'end')[];
  readonly samples?: readonly Sample[];
  readonly instruments?: readonly Instrument[];
  readonly globalVolume?: number;
  /** Per-channel settings (initial pan 0..256, channel volume 0..64, surround). */
  readonly channelSettings?: readonly Partial<Channel>[];
  readonly restartOrder?: number;
  readonly midiMacros?: MidiMacros | null;
  readonly rowsPerBeat?: number;
}

/** A looping 8-bit sample of `frames` frames (a ramp) tuned like the base tracker expects. */
export function testSample(base: ProfileBase, changes: Partial<Sample> = {}): Sample {
  const frames = 1000;
  const data = Int8Array.from({ length: frames }, (_, i) => ((i * 7) % 256) - 128);
  const tuning = base === 'mod' || base === 'xm' ? { kind: 'finetune' as const, relativeNote: 0, finetune: 0 } : { kind: 'c5speed' as const, c5Speed: 8363 };
  return createSample({ name: 'test', pcm: { bits: 8, channels: 1, data }, loop: { start: 0, end: frames, pingPong: false }, tuning, volume: 64, ...changes });
}

function notationOf(base: ProfileBase): Notation {
  return base === 'mod' || base === 'xm' ? 'xm' : 'it';
}

function writeRows(song: { notation: Notation }, rows: readonly (readonly string[])[], channels: number, nRows: number) {
  const p = createPattern(nRows, channels);
  rows.forEach((cells, r) => {
    cells.forEach((text, c) => {
      const f = text.trim().split(/\s+/);
      const note = parseNote(f[0] ?? '...');
      const instrument = parseInstrument(f[1] ?? '..', song.notation);
      const volume = parseVolume(f[2] ?? '...');
      const effect = parseEffect(f[3] ?? '...', song.notation);
      if (note === undefined || instrument === undefined || volume === undefined || effect === undefined) throw new Error(`bad test cell "${text}"`);
      writeCell(p, r, c, { note, instrument, volume, effects: [effect] });
    });
  });
  return p;
}

/** A song from a spec. */
export function buildSong(spec: TestSongSpec): Song {
  const channels = spec.channels ?? Math.max(1, ...spec.pattern.map((r) => r.length));
  const notation = notationOf(spec.base);
  const nRows = spec.rows ?? Math.max(spec.pattern.length, 1);
  const patterns = [spec.pattern, ...(spec.morePatterns ?? [])].map((rows) => writeRows({ notation }, rows, channels, Math.max(nRows, rows.length)));
  return createSong({ channels, notation, profile: makeProfile(spec.base, spec.flags) }, {
    initialSpeed: spec.speed ?? 6,
    initialTempo: spec.tempo ?? 125,
    globalVolume: spec.globalVolume ?? 128,
    mixVolume: 48,
    channels: Array.from({ length: channels }, (_, i) => createChannel(spec.channelSettings?.[i] ?? {})),
    restartOrder: spec.restartOrder ?? 0,
    midiMacros: spec.midiMacros ?? null,
    rowsPerBeat: spec.rowsPerBeat ?? 4,
    patterns,
    orders: spec.orders ?? patterns.map((_, i) => i),
    samples: spec.samples ?? [testSample(spec.base)],
    instruments: spec.instruments ?? [],
  });
}

/** An instrument playing sample 1 (for instrument-mode tests). */
export function testInstrument(changes: Partial<Instrument> = {}): Instrument {
  return createInstrument(1, changes);
}

/** An instrument playing `sample` on every note. */
export function instrumentFor(sample: number, changes: Partial<Instrument> = {}): Instrument {
  return createInstrument(sample, changes);
}

/** An enabled envelope from [tick, value] pairs, with optional loop / sustain point ranges. */
export function envelope(points: readonly (readonly [number, number])[], options: { loop?: [number, number]; sustain?: [number, number]; carry?: boolean } = {}): Envelope {
  const pts: EnvelopePoint[] = points.map(([tick, value]) => ({ tick, value }));
  return {
    enabled: true,
    points: pts,
    loop: options.loop ? { start: options.loop[0], end: options.loop[1] } : null,
    sustain: options.sustain ? { start: options.sustain[0], end: options.sustain[1] } : null,
    carry: options.carry ?? false,
  };
}

/** A one-shot (unlooped) sample of `frames` frames. */
export function oneShotSample(base: ProfileBase, frames: number, changes: Partial<Sample> = {}): Sample {
  const data = Int8Array.from({ length: frames }, (_, i) => ((i * 3) % 200) - 100);
  return testSample(base, { pcm: { bits: 8, channels: 1, data }, loop: null, ...changes });
}

/**
 * Steps a player tick by tick and records a channel's state after each tick's row processing. With
 * `mix`, each tick's frames are also mixed (by a simple test mixer) so sample positions advance.
 */
export function runTicks(song: Song, ticks: number, channel = 0, options: { mix?: boolean; repeat?: boolean } = {}): { player: Player; states: ChannelSnapshot[] } {
  const player = new Player(song, { sampleRate: 48000, ...(options.repeat ? { repeat: true } : {}) });
  const states: ChannelSnapshot[] = [];
  const mix = simpleMix(48000);
  let left = new Float32Array(0);
  let right = new Float32Array(0);
  for (let i = 0; i < ticks; i++) {
    const frames = player.nextTick();
    if (frames === 0) break;
    states.push(snapshot(player, player.state.channels[channel] as ChannelState));
    if (options.mix) {
      if (left.length < frames) {
        left = new Float32Array(frames);
        right = new Float32Array(frames);
      }
      mix(player.voices, left, right, 0, frames);
    }
  }
  return { player, states };
}

export interface ChannelSnapshot {
  readonly row: number;
  readonly tick: number;
  readonly period: number;
  readonly frequency: number;
  readonly volume: number;
  readonly realVolume: number;
  readonly pan: number;
  readonly realPan: number;
  readonly position: number;
  readonly playing: boolean;
  readonly globalVolume: number;
  readonly speed: number;
  readonly tempo: number;
  readonly order: number;
  /** Frames in this tick. */
  readonly frames: number;
  /** Channel volume 0..64 (IT Mxx) and sample x instrument global volume 0..64. */
  readonly channelVolume: number;
  readonly insVol: number;
  /** Envelope positions in ticks (IT counts one ahead: 1 = the first point was used). */
  readonly volEnv: number;
  readonly panEnv: number;
  readonly pitchEnv: number;
  /** Fade-out volume 0..65536 and the key-off / note-fade state. */
  readonly fadeOut: number;
  readonly keyOff: boolean;
  readonly noteFade: boolean;
  readonly surround: boolean;
  /** Resonant filter: cutoff and resonance 0..127, and whether the voice is filtered. */
  readonly cutoff: number;
  readonly resonance: number;
  readonly filtered: boolean;
  /** Background channels (IT new-note actions) that still hold a note. */
  readonly background: number;
}

function snapshot(player: Player, chn: ChannelState): ChannelSnapshot {
  const r = player.state;
  let background = 0;
  for (let i = r.numChannels; i < r.backgroundEnd; i++) if ((r.channels[i] as ChannelState).length > 0) background++;
  return {
    row: r.row, tick: r.tick, order: r.order, speed: r.speed, tempo: r.tempo, globalVolume: r.globalVolume,
    period: chn.period, frequency: chn.voice.frequency, volume: chn.volume, realVolume: chn.realVolume,
    pan: chn.pan, realPan: chn.realPan, position: chn.voice.position, playing: chn.length > 0 && chn.incrementOn,
    frames: r.samplesPerTick, channelVolume: chn.globalVol, insVol: chn.insVol,
    volEnv: chn.volEnvPos, panEnv: chn.panEnvPos, pitchEnv: chn.pitchEnvPos,
    fadeOut: chn.fadeOutVol, keyOff: chn.keyOff, noteFade: chn.noteFade, surround: chn.surround,
    cutoff: chn.cutOff, resonance: chn.resonance, filtered: chn.voice.filter !== null, background,
  };
}

/** Semitones between two frequencies (rounded to 1/100). */
export function semitones(freq: number, ref: number): number {
  return Math.round(1200 * Math.log2(freq / ref)) / 100;
}

/** Plays a spec and returns one field of the subject channel per tick. */
export function track<K extends keyof ChannelSnapshot>(spec: TestSongSpec, ticks: number, key: K, channel = 0, options: { mix?: boolean } = {}): ChannelSnapshot[K][] {
  return runTicks(buildSong(spec), ticks, channel, options).states.map((s) => s[key]);
}
