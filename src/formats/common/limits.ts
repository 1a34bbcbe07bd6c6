// What each format can hold: one table per format that the writers check against and the UI shows
// (the save screen lists what the chosen format cannot hold; the song settings show the limits).
// Notes are model notes (C-5 = 61 plays a sample at its base pitch).

import type { EffectKind, VolumeKind } from '../../song/effects.js';
import { ALL_EFFECT_KINDS, effectCode } from '../../song/notation.js';

/** The formats a song can be saved in (the same ids as the codec registry). */
export type LimitsFormatId = 'trk' | 'mod' | 'xm' | 's3m' | 'it';

/** Everything one format can hold. Counts are inclusive maxima. */
export interface FormatLimits {
  readonly id: LimitsFormatId;
  readonly channels: { readonly min: number; readonly max: number };
  readonly rows: { readonly min: number; readonly max: number };
  readonly patterns: number;
  readonly orders: number;
  /** Order-list markers: '+++' skip and '---' end. */
  readonly skipMarker: boolean;
  readonly endMarker: boolean;
  readonly samples: number;
  /** 0 = the format has no instruments (cells name samples). */
  readonly instruments: number;
  readonly samplesPerInstrument: number;
  /** Lowest and highest model note the format stores. */
  readonly notes: { readonly lowest: number; readonly highest: number };
  readonly noteOff: boolean;
  readonly noteCut: boolean;
  readonly noteFade: boolean;
  readonly effectColumns: number;
  /** Effect kinds the format has a command for. */
  readonly effects: readonly EffectKind[];
  /** Volume-column commands; empty when the format has no volume column. */
  readonly volumeColumn: readonly VolumeKind[];
  /** Largest volume-column slide/porta value (IT's digits are 0..9, XM's 0..15). */
  readonly volumeColumnDigits: number;
  readonly envelopes: { readonly volume: boolean; readonly pan: boolean; readonly pitch: boolean; readonly filter: boolean; readonly points: number; readonly sustainLoops: boolean; readonly carry: boolean };
  readonly sampleLoops: { readonly pingPong: boolean; readonly sustain: boolean };
  readonly sampleBits: readonly (8 | 16 | 'float')[];
  readonly stereoSamples: boolean;
  readonly sampleFrames: number;
  readonly names: { readonly title: number; readonly sample: number; readonly instrument: number; readonly sampleFile: number; readonly pattern: boolean; readonly channel: boolean };
  readonly message: boolean;
  readonly channelPan: boolean;
  readonly channelVolume: boolean;
  readonly globalVolume: boolean;
  readonly linearSlides: boolean;
  readonly newNoteActions: boolean;
  readonly filters: boolean;
}

const MOD_EFFECTS: readonly EffectKind[] = [
  'arpeggio', 'portaUp', 'portaDown', 'tonePorta', 'vibrato', 'tonePortaVolSlide', 'vibratoVolSlide', 'tremolo',
  'setPan', 'sampleOffset', 'volSlide', 'positionJump', 'setVolume', 'patternBreak', 'setSpeed', 'tempo',
  'setFilter', 'finePortaUp', 'finePortaDown', 'glissando', 'vibratoWaveform', 'setFinetune', 'patternLoop',
  'tremoloWaveform', 'setPanCoarse', 'noteRetrig', 'fineVolSlideUp', 'fineVolSlideDown', 'noteCut', 'noteDelay',
  'patternDelay', 'invertLoop',
];

const XM_EFFECTS: readonly EffectKind[] = [
  ...MOD_EFFECTS, 'setGlobalVolume', 'globalVolSlide', 'keyOff', 'setEnvelopePosition', 'panSlide', 'retrig', 'tremor',
  'panbrello', 'midiMacro', 'smoothMidiMacro', 'extraFinePortaUp', 'extraFinePortaDown', 'panbrelloWaveform',
  'finePatternDelay', 'soundControl', 'setHighOffset',
];

/** Kinds spelled with an upper-case Scream Tracker / Impulse Tracker letter (their own commands). */
const ST3_EFFECTS: readonly EffectKind[] = ALL_EFFECT_KINDS.filter((k) => /^[A-Z]/.test(effectCode(k, 'it')));

const IT_EFFECTS: readonly EffectKind[] = [...ST3_EFFECTS, 'smoothMidiMacro'];

const ALL_VOLUME: readonly VolumeKind[] = [
  'volume', 'panning', 'volSlideUp', 'volSlideDown', 'fineVolUp', 'fineVolDown', 'vibratoSpeed', 'vibratoDepth',
  'panSlideLeft', 'panSlideRight', 'tonePorta', 'portaUp', 'portaDown',
];

const NO_ENVELOPES = { volume: false, pan: false, pitch: false, filter: false, points: 0, sustainLoops: false, carry: false } as const;

/** The limits of every format, by id. */
export const FORMAT_LIMITS: Readonly<Record<LimitsFormatId, FormatLimits>> = {
  trk: {
    id: 'trk', channels: { min: 1, max: 127 }, rows: { min: 1, max: 1024 }, patterns: 65535, orders: 65535,
    skipMarker: true, endMarker: true, samples: 65535, instruments: 65535, samplesPerInstrument: 255,
    notes: { lowest: 1, highest: 120 }, noteOff: true, noteCut: true, noteFade: true, effectColumns: 4,
    effects: ALL_EFFECT_KINDS, volumeColumn: ALL_VOLUME, volumeColumnDigits: 15,
    envelopes: { volume: true, pan: true, pitch: true, filter: true, points: 65535, sustainLoops: true, carry: true },
    sampleLoops: { pingPong: true, sustain: true }, sampleBits: [8, 16, 'float'], stereoSamples: true, sampleFrames: 2 ** 31,
    names: { title: 65535, sample: 65535, instrument: 65535, sampleFile: 65535, pattern: true, channel: true },
    message: true, channelPan: true, channelVolume: true, globalVolume: true, linearSlides: true, newNoteActions: true, filters: true,
  },
  mod: {
    id: 'mod', channels: { min: 1, max: 99 }, rows: { min: 64, max: 64 }, patterns: 128, orders: 128,
    skipMarker: false, endMarker: false, samples: 31, instruments: 0, samplesPerInstrument: 1,
    // The ProTracker period table: C-2..B-8 in the model's numbering (ProTracker's C-0..B-6 with its extended octaves).
    notes: { lowest: 25, highest: 108 }, noteOff: false, noteCut: false, noteFade: false, effectColumns: 1,
    effects: MOD_EFFECTS, volumeColumn: [], volumeColumnDigits: 0, envelopes: NO_ENVELOPES,
    sampleLoops: { pingPong: false, sustain: false }, sampleBits: [8], stereoSamples: false, sampleFrames: 0x1fffe,
    names: { title: 20, sample: 22, instrument: 0, sampleFile: 0, pattern: false, channel: false },
    message: false, channelPan: false, channelVolume: false, globalVolume: false, linearSlides: false, newNoteActions: false, filters: false,
  },
  xm: {
    id: 'xm', channels: { min: 1, max: 127 }, rows: { min: 1, max: 256 }, patterns: 256, orders: 256,
    skipMarker: false, endMarker: false, samples: 128 * 16, instruments: 128, samplesPerInstrument: 16,
    // Eight octaves: FT2's C-0..B-7 (the model's C-1..B-8).
    notes: { lowest: 13, highest: 108 }, noteOff: true, noteCut: false, noteFade: false, effectColumns: 1,
    effects: XM_EFFECTS,
    volumeColumn: ['volume', 'panning', 'volSlideUp', 'volSlideDown', 'fineVolUp', 'fineVolDown', 'vibratoSpeed', 'vibratoDepth', 'panSlideLeft', 'panSlideRight', 'tonePorta'],
    volumeColumnDigits: 15,
    envelopes: { volume: true, pan: true, pitch: false, filter: false, points: 12, sustainLoops: false, carry: false },
    sampleLoops: { pingPong: true, sustain: false }, sampleBits: [8, 16], stereoSamples: true, sampleFrames: 2 ** 31,
    names: { title: 20, sample: 22, instrument: 22, sampleFile: 0, pattern: true, channel: true },
    message: true, channelPan: false, channelVolume: false, globalVolume: false, linearSlides: true, newNoteActions: false, filters: false,
  },
  s3m: {
    id: 's3m', channels: { min: 1, max: 32 }, rows: { min: 64, max: 64 }, patterns: 255, orders: 255,
    skipMarker: true, endMarker: true, samples: 255, instruments: 0, samplesPerInstrument: 1,
    // Octaves 0..7 as ST3 stores them (the model's C-1..B-8).
    notes: { lowest: 13, highest: 108 }, noteOff: false, noteCut: true, noteFade: false, effectColumns: 1,
    effects: ST3_EFFECTS, volumeColumn: ['volume', 'panning'], volumeColumnDigits: 0, envelopes: NO_ENVELOPES,
    sampleLoops: { pingPong: false, sustain: false }, sampleBits: [8, 16], stereoSamples: true, sampleFrames: 2 ** 31,
    names: { title: 28, sample: 28, instrument: 0, sampleFile: 12, pattern: false, channel: false },
    message: false, channelPan: true, channelVolume: false, globalVolume: true, linearSlides: false, newNoteActions: false, filters: false,
  },
  it: {
    // Impulse Tracker itself stops at 200 rows and 99 samples/instruments; OpenMPT, Schism and libopenmpt
    // read what the file format holds (rows up to 1024, 240 patterns, 255 samples and instruments).
    id: 'it', channels: { min: 1, max: 64 }, rows: { min: 1, max: 1024 }, patterns: 240, orders: 255,
    skipMarker: true, endMarker: true, samples: 255, instruments: 255, samplesPerInstrument: 120,
    notes: { lowest: 1, highest: 120 }, noteOff: true, noteCut: true, noteFade: true, effectColumns: 1,
    effects: IT_EFFECTS,
    volumeColumn: ['volume', 'panning', 'volSlideUp', 'volSlideDown', 'fineVolUp', 'fineVolDown', 'vibratoDepth', 'tonePorta', 'portaUp', 'portaDown'],
    volumeColumnDigits: 9,
    envelopes: { volume: true, pan: true, pitch: true, filter: true, points: 25, sustainLoops: true, carry: true },
    sampleLoops: { pingPong: true, sustain: true }, sampleBits: [8, 16], stereoSamples: true, sampleFrames: 2 ** 31,
    names: { title: 26, sample: 26, instrument: 26, sampleFile: 12, pattern: false, channel: false },
    message: true, channelPan: true, channelVolume: true, globalVolume: true, linearSlides: true, newNoteActions: true, filters: true,
  },
};

/** The limits of one format. */
export function formatLimits(id: LimitsFormatId): FormatLimits {
  return FORMAT_LIMITS[id];
}

/** Short lines that say what a format holds (for the song settings and the save screen). */
export function describeLimits(id: LimitsFormatId): string[] {
  const l = FORMAT_LIMITS[id];
  if (id === 'trk') return ['holds everything tracker can edit'];
  const rows = l.rows.min === l.rows.max ? `${l.rows.max}` : `${l.rows.min}-${l.rows.max}`;
  const envs = [l.envelopes.volume && 'volume', l.envelopes.pan && 'pan', l.envelopes.pitch && 'pitch/filter'].filter(Boolean).join('/');
  return [
    `${l.channels.max} channels, ${rows} rows, ${l.patterns} patterns, ${l.orders} orders`,
    `${l.instruments > 0 ? `${l.instruments} instruments, ` : 'no instruments, '}${l.samples > 255 ? `${l.samplesPerInstrument} samples each` : `${l.samples} samples`}, ${l.sampleBits.join('/')}-bit${l.stereoSamples ? ' stereo' : ' mono'}`,
    `notes ${noteName(l.notes.lowest)}..${noteName(l.notes.highest)}${l.noteOff ? ', ===' : ''}${l.noteCut ? ', ^^^' : ''}${l.noteFade ? ', ~~~' : ''}; ${l.effects.length} effects, ${l.volumeColumn.length > 0 ? `volume column (${l.volumeColumn.length} commands)` : 'no volume column'}`,
    `${envs ? `${envs} envelopes of ${l.envelopes.points} points` : 'no envelopes'}; loops: forward${l.sampleLoops.pingPong ? ', ping-pong' : ' (ping-pong unrolled)'}${l.sampleLoops.sustain ? ', sustain' : ''}`,
    `names: title ${l.names.title}, sample ${l.names.sample}${l.names.instrument ? `, instrument ${l.names.instrument}` : ''} characters${l.message ? '; song message' : ''}`,
  ];
}

const NAMES = ['C-', 'C#', 'D-', 'D#', 'E-', 'F-', 'F#', 'G-', 'G#', 'A-', 'A#', 'B-'];
function noteName(n: number): string {
  return `${NAMES[(n - 1) % 12]}${Math.floor((n - 1) / 12)}`;
}

/** Reports the title, sample and instrument names longer than a format keeps (they are cut). */
export function reportLongNames(song: { readonly title: string; readonly samples: readonly { readonly name: string; readonly fileName: string }[]; readonly instruments: readonly { readonly name: string }[] }, id: LimitsFormatId, losses: { add(what: string): void }): void {
  const n = FORMAT_LIMITS[id].names;
  const label = id.toUpperCase();
  if (song.title.trimEnd().length > n.title) losses.add(`title cut to ${n.title} characters (${label})`);
  const sampleNames = n.sample;
  // Without instruments a format that has none shows instrument names as its sample names.
  const instrumentNames = n.instrument > 0 ? n.instrument : n.sample;
  if (song.samples.some((s) => s.name.trimEnd().length > sampleNames)) losses.add(`sample names cut to ${sampleNames} characters (${label})`);
  if (n.sampleFile > 0 && song.samples.some((s) => s.fileName.trimEnd().length > n.sampleFile)) losses.add(`sample file names cut to ${n.sampleFile} characters (${label})`);
  if (song.instruments.some((i) => i.name.trimEnd().length > instrumentNames)) losses.add(`instrument names cut to ${instrumentNames} characters (${label})`);
}
