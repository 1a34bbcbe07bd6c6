// Pure edits of instruments and samples: names, default volume and panning, tuning (finetune or
// C-5 speed), loops, MIDI output settings, and adding or replacing samples and instruments.

import { createInstrument, createSample, sampleFrames } from './create.js';
import type { Instrument, InstrumentMidi, NewNoteAction, Sample, SampleLoop, SampleTuning, Song } from './song.js';

/** The most samples / instruments a song may hold (IT and XM allow up to 255 / 128...; the model 255). */
export const MAX_SAMPLES = 255;
export const MAX_INSTRUMENTS = 255;

/** How a sample loops. */
export type LoopType = 'off' | 'forward' | 'pingPong';

/** C-5 speed range accepted by the editor, in Hz. */
export const C5_SPEED_MIN = 1000;
export const C5_SPEED_MAX = 192000;

function clamp(v: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, Math.round(Number.isFinite(v) ? v : min)));
}

/** A song with a sample or instrument appended and its 1-based number (0 when the song is full). */
export interface AddedItem {
  readonly song: Song;
  readonly number: number;
}

/** Appends a sample. */
export function addSample(song: Song, sample: Sample = createSample()): AddedItem {
  if (song.samples.length >= MAX_SAMPLES) return { song, number: 0 };
  return { song: { ...song, samples: [...song.samples, sample] }, number: song.samples.length + 1 };
}

/** Puts `sample` at 1-based `number`, appending empty samples before it if the list is shorter. */
export function putSample(song: Song, number: number, sample: Sample): Song {
  if (number < 1 || number > MAX_SAMPLES) return song;
  const samples = song.samples.slice();
  while (samples.length < number - 1) samples.push(createSample());
  samples[number - 1] = sample;
  return { ...song, samples };
}

/** Fields of a sample the editor changes directly. */
export interface SampleChanges {
  readonly name?: string;
  /** Default volume 0..64. */
  readonly volume?: number;
  /** Sample global volume 0..64. */
  readonly globalVolume?: number;
  /** Default panning 0..256, or null for none. */
  readonly pan?: number | null;
  readonly tuning?: SampleTuning;
}

function clampTuning(t: SampleTuning): SampleTuning {
  if (t.kind === 'c5speed') return { kind: 'c5speed', c5Speed: clamp(t.c5Speed, C5_SPEED_MIN, C5_SPEED_MAX) };
  return { kind: 'finetune', relativeNote: clamp(t.relativeNote, -128, 127), finetune: clamp(t.finetune, -128, 127) };
}

/** Changes a sample's fields (1-based `number`), clamped to their ranges. */
export function setSampleFields(song: Song, number: number, changes: SampleChanges): Song {
  const sample = song.samples[number - 1];
  if (!sample) return song;
  const next: Sample = {
    ...sample,
    name: changes.name ?? sample.name,
    volume: clamp(changes.volume ?? sample.volume, 0, 64),
    globalVolume: clamp(changes.globalVolume ?? sample.globalVolume, 0, 64),
    pan: changes.pan === undefined ? sample.pan : changes.pan === null ? null : clamp(changes.pan, 0, 256),
    tuning: changes.tuning ? clampTuning(changes.tuning) : sample.tuning,
  };
  return putSample(song, number, next);
}

/** The loop type of a loop (or of no loop). */
export function loopTypeOf(loop: SampleLoop | null): LoopType {
  return !loop ? 'off' : loop.pingPong ? 'pingPong' : 'forward';
}

/**
 * Sets a sample's loop (or sustain loop). Points are clamped to the sample; a loop that would be
 * empty covers the whole sample; type 'off' removes it.
 */
export function setSampleLoop(song: Song, number: number, type: LoopType, start?: number, end?: number, which: 'loop' | 'sustainLoop' = 'loop'): Song {
  const sample = song.samples[number - 1];
  if (!sample) return song;
  const frames = sampleFrames(sample);
  let loop: SampleLoop | null = null;
  if (type !== 'off' && frames > 0) {
    const old = sample[which];
    let s = clamp(start ?? old?.start ?? 0, 0, frames - 1);
    let e = clamp(end ?? old?.end ?? frames, 1, frames);
    if (e <= s) {
      s = 0;
      e = frames;
    }
    loop = { start: s, end: e, pingPong: type === 'pingPong' };
  }
  return putSample(song, number, { ...sample, [which]: loop });
}

/**
 * Replaces a sample's waveform (as when loading a WAV), keeping its name when the new one has none
 * and its default volume and panning.
 */
export function replaceSampleData(song: Song, number: number, incoming: Sample): Song {
  const old = song.samples[number - 1];
  const merged: Sample = old
    ? { ...incoming, name: incoming.name || old.name, volume: old.volume, globalVolume: old.globalVolume, pan: old.pan, vibrato: old.vibrato }
    : incoming;
  return putSample(song, number, merged);
}

/** Appends an instrument (by default one that plays sample `sample` on every note). */
export function addInstrument(song: Song, instrument: Instrument = createInstrument(1)): AddedItem {
  if (song.instruments.length >= MAX_INSTRUMENTS) return { song, number: 0 };
  return { song: { ...song, instruments: [...song.instruments, instrument] }, number: song.instruments.length + 1 };
}

/** Fields of an instrument the editor changes directly. */
export interface InstrumentChanges {
  readonly name?: string;
  /** 0..128 */
  readonly globalVolume?: number;
  /** 0..256, or null for none. */
  readonly pan?: number | null;
  /** 0..65535 (XM units per tick). */
  readonly fadeout?: number;
  readonly newNoteAction?: NewNoteAction;
  readonly midi?: Partial<InstrumentMidi>;
}

function clampMidi(m: InstrumentMidi): InstrumentMidi {
  return {
    port: m.port === null || m.port.trim() === '' ? null : m.port.trim(),
    channel: clamp(m.channel, 0, 16),
    program: clamp(m.program, -1, 127),
    bank: clamp(m.bank, -1, 16383),
    transpose: clamp(m.transpose, -127, 127),
    bendRange: clamp(m.bendRange, 0, 48),
    controller: clamp(m.controller, -1, 127),
  };
}

/** Changes an instrument's fields (1-based `number`), clamped to their ranges. */
export function setInstrumentFields(song: Song, number: number, changes: InstrumentChanges): Song {
  const inst = song.instruments[number - 1];
  if (!inst) return song;
  const next: Instrument = {
    ...inst,
    name: changes.name ?? inst.name,
    globalVolume: clamp(changes.globalVolume ?? inst.globalVolume, 0, 128),
    pan: changes.pan === undefined ? inst.pan : changes.pan === null ? null : clamp(changes.pan, 0, 256),
    fadeout: clamp(changes.fadeout ?? inst.fadeout, 0, 65535),
    newNoteAction: changes.newNoteAction ?? inst.newNoteAction,
    midi: changes.midi ? clampMidi({ ...inst.midi, ...changes.midi }) : inst.midi,
  };
  const instruments = song.instruments.slice();
  instruments[number - 1] = next;
  return { ...song, instruments };
}

/** Makes every note of an instrument play sample `sample` (1-based; 0 = none). */
export function setInstrumentSample(song: Song, number: number, sample: number): Song {
  const inst = song.instruments[number - 1];
  if (!inst) return song;
  const s = clamp(sample, 0, MAX_SAMPLES);
  const instruments = song.instruments.slice();
  instruments[number - 1] = { ...inst, sampleMap: inst.sampleMap.map(() => s) };
  return { ...song, instruments };
}

/** Enables or disables one of an instrument's envelopes. */
export function setEnvelopeEnabled(song: Song, number: number, envelope: 'volumeEnvelope' | 'panEnvelope' | 'pitchEnvelope', enabled: boolean): Song {
  const inst = song.instruments[number - 1];
  if (!inst) return song;
  const instruments = song.instruments.slice();
  instruments[number - 1] = { ...inst, [envelope]: { ...inst[envelope], enabled } };
  return { ...song, instruments };
}
