// Factories for new songs, channels, samples and instruments with the defaults a tracker starts from.

import type { Notation } from './notation.js';
import { NOTE_MAX, NOTE_MIDDLE_C } from './notes.js';
import { createPattern } from './pattern.js';
import { makeProfile, type PlaybackProfile } from './profile.js';
import type { AutoVibrato, Channel, Envelope, Instrument, InstrumentMidi, Sample, SamplePcm, Song } from './song.js';

export const DEFAULT_SPEED = 6;
export const DEFAULT_TEMPO = 125;
export const DEFAULT_ROWS = 64;

/** A centred, full-volume channel. */
export function createChannel(changes: Partial<Channel> = {}): Channel {
  return { name: '', pan: 128, volume: 64, muted: false, surround: false, ...changes };
}

/** No auto-vibrato. */
export const NO_VIBRATO: AutoVibrato = { waveform: 'sine', speed: 0, depth: 0, sweep: 0 };

/** An empty, disabled envelope. */
export const EMPTY_ENVELOPE: Envelope = { enabled: false, points: [], loop: null, sustain: null, carry: false };

/** No MIDI output. */
export const NO_MIDI: InstrumentMidi = { port: null, channel: 0, program: -1, bank: -1, transpose: 0, bendRange: 2, controller: -1 };

const EMPTY_PCM: SamplePcm = { bits: 8, channels: 1, data: new Int8Array(0) };

/** A silent sample at 8363 Hz. */
export function createSample(changes: Partial<Sample> = {}): Sample {
  return {
    name: '',
    fileName: '',
    pcm: EMPTY_PCM,
    loop: null,
    sustainLoop: null,
    tuning: { kind: 'c5speed', c5Speed: 8363 },
    volume: 64,
    globalVolume: 64,
    pan: null,
    vibrato: NO_VIBRATO,
    adlib: null,
    ...changes,
  };
}

/** Number of frames in a sample. */
export function sampleFrames(sample: Sample): number {
  return Math.floor(sample.pcm.data.length / sample.pcm.channels);
}

/** An instrument that plays `sample` (1-based; 0 = none) on every note, unshaped. */
export function createInstrument(sample = 0, changes: Partial<Instrument> = {}): Instrument {
  const noteMap = Array.from({ length: NOTE_MAX }, (_, i) => i + 1);
  const sampleMap = Array.from({ length: NOTE_MAX }, () => sample);
  return {
    name: '',
    fileName: '',
    noteMap,
    sampleMap,
    volumeEnvelope: EMPTY_ENVELOPE,
    panEnvelope: EMPTY_ENVELOPE,
    pitchEnvelope: EMPTY_ENVELOPE,
    pitchEnvelopeIsFilter: false,
    fadeout: 0,
    globalVolume: 128,
    pan: null,
    pitchPanSeparation: 0,
    pitchPanCenter: NOTE_MIDDLE_C,
    randomVolume: 0,
    randomPan: 0,
    newNoteAction: 'cut',
    duplicateCheck: 'off',
    duplicateAction: 'cut',
    filterCutoff: null,
    filterResonance: null,
    midi: NO_MIDI,
    ...changes,
  };
}

export interface NewSongOptions {
  readonly channels?: number;
  readonly rows?: number;
  readonly notation?: Notation;
  readonly profile?: PlaybackProfile;
}

/** A new, empty song: one pattern in the order list, IT rules and letters unless told otherwise. */
export function createSong(options: NewSongOptions = {}, changes: Partial<Song> = {}): Song {
  const channelCount = options.channels ?? 8;
  const channels = Array.from({ length: channelCount }, () => createChannel());
  return {
    title: '',
    message: '',
    initialSpeed: DEFAULT_SPEED,
    initialTempo: DEFAULT_TEMPO,
    globalVolume: 128,
    mixVolume: 48,
    stereoSeparation: 128,
    rowsPerBeat: 4,
    rowsPerMeasure: 16,
    restartOrder: 0,
    notation: options.notation ?? 'it',
    profile: options.profile ?? makeProfile('it', { linearSlides: true }),
    channels,
    orders: [0],
    patterns: [createPattern(options.rows ?? DEFAULT_ROWS, channelCount)],
    instruments: [],
    samples: [],
    midiMacros: null,
    origin: { format: 'trk', tracker: 'tracker' },
    ...changes,
  };
}
