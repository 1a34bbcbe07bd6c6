// The Song: everything a tracker module holds, as immutable plain data. Loaders build it,
// edits (src/song/edit-*.ts) return new Songs, the replayer reads it and never writes to it.

import type { Notation } from './notation.js';
import type { Pattern } from './pattern.js';
import type { PlaybackProfile } from './profile.js';

/** An order-list entry: a pattern index, '+++' (skip) or '---' (end of song). */
export type OrderEntry = number | 'skip' | 'end';

/** A pattern column's settings. */
export interface Channel {
  readonly name: string;
  /** Initial panning 0 (left) .. 256 (right), 128 = centre. */
  readonly pan: number;
  /** Initial channel volume 0..64 (IT Mxx scale). */
  readonly volume: number;
  readonly muted: boolean;
  readonly surround: boolean;
}

/** A loop in sample frames; `end` is exclusive. */
export interface SampleLoop {
  readonly start: number;
  readonly end: number;
  readonly pingPong: boolean;
}

/** How a sample's pitch is given. Both play at note C-5 (61) at their base pitch. */
export type SampleTuning =
  /** S3M/IT: the playback rate in Hz at C-5. */
  | { readonly kind: 'c5speed'; readonly c5Speed: number }
  /** MOD/XM: semitones (-128..127) and 1/128 semitones (-128..127) from 8363 Hz at C-5. */
  | { readonly kind: 'finetune'; readonly relativeNote: number; readonly finetune: number };

/** Auto-vibrato shapes. */
export type VibratoWaveform = 'sine' | 'rampDown' | 'square' | 'random' | 'rampUp';

/** Sample auto-vibrato, as the format stored it (XM: sweep in ticks; IT: rate per tick). */
export interface AutoVibrato {
  readonly waveform: VibratoWaveform;
  readonly speed: number;
  readonly depth: number;
  readonly sweep: number;
}

/** PCM storage: interleaved frames; 8 and 16 bit are signed integers, 'float' is -1..1. */
export type SamplePcm =
  | { readonly bits: 8; readonly channels: 1 | 2; readonly data: Int8Array }
  | { readonly bits: 16; readonly channels: 1 | 2; readonly data: Int16Array }
  | { readonly bits: 'float'; readonly channels: 1 | 2; readonly data: Float32Array };

/** A sample (a waveform and how to play it). */
export interface Sample {
  readonly name: string;
  /** DOS file name (S3M/IT keep one); '' when none. */
  readonly fileName: string;
  readonly pcm: SamplePcm;
  readonly loop: SampleLoop | null;
  readonly sustainLoop: SampleLoop | null;
  readonly tuning: SampleTuning;
  /** Default volume 0..64. */
  readonly volume: number;
  /** Sample global volume 0..64 (IT). */
  readonly globalVolume: number;
  /** Default panning 0..256, or null to keep the channel's. */
  readonly pan: number | null;
  readonly vibrato: AutoVibrato;
  /** S3M AdLib (OPL2) instrument registers, kept but not played. */
  readonly adlib: Uint8Array | null;
}

/** An envelope node: `tick` from the note start, value in the envelope's range. */
export interface EnvelopePoint {
  readonly tick: number;
  readonly value: number;
}

/** A point-index range (start = end for a single-point sustain). */
export interface EnvelopeRange {
  readonly start: number;
  readonly end: number;
}

/** Volume 0..64, panning and pitch -32..32, filter 0..64. */
export interface Envelope {
  readonly enabled: boolean;
  readonly points: readonly EnvelopePoint[];
  readonly loop: EnvelopeRange | null;
  readonly sustain: EnvelopeRange | null;
  /** Keep the envelope position when a new note starts (IT carry). */
  readonly carry: boolean;
}

export type NewNoteAction = 'cut' | 'continue' | 'off' | 'fade';
export type DuplicateCheck = 'off' | 'note' | 'sample' | 'instrument';
export type DuplicateAction = 'cut' | 'off' | 'fade';

/** MIDI output for an instrument. */
export interface InstrumentMidi {
  /** Output port name, or null for the default port. */
  readonly port: string | null;
  /** 0 = no MIDI, 1..16. */
  readonly channel: number;
  /** -1 = none, 0..127. */
  readonly program: number;
  /** -1 = none, 0..16383 (MSB * 128 + LSB). */
  readonly bank: number;
  /** Semitones added to every note sent. */
  readonly transpose: number;
  /** The synth's pitch-bend range in semitones (portamento and vibrato are sent as pitch bend); 0 = send no bends. */
  readonly bendRange: number;
  /**
   * -1: Zxx 00-7F runs the song's MIDI macro (IT's way; the default macro moves the filter cutoff).
   * 0..127: Zxx 00-7F (and \\xx) sends this controller with the value xx, a plain "set CC" that works
   * in any format with a Z effect. Z80-ZFF always run the fixed macros.
   */
  readonly controller: number;
}

/** An instrument: maps notes to samples and shapes them over time. */
export interface Instrument {
  readonly name: string;
  readonly fileName: string;
  /** For each of the 120 notes (index = note - 1): the note to play, 1..120. */
  readonly noteMap: readonly number[];
  /** For each of the 120 notes: the sample number (1-based), 0 = none. */
  readonly sampleMap: readonly number[];
  readonly volumeEnvelope: Envelope;
  readonly panEnvelope: Envelope;
  readonly pitchEnvelope: Envelope;
  /** IT: the pitch envelope drives the resonant filter instead of pitch. */
  readonly pitchEnvelopeIsFilter: boolean;
  /** Volume lost per tick after key off, in 1/65536 of full volume (XM units; IT * 32). */
  readonly fadeout: number;
  /** Instrument global volume 0..128. */
  readonly globalVolume: number;
  /** Default panning 0..256, or null to keep the channel's. */
  readonly pan: number | null;
  /** Pitch-pan separation -32..32 and centre note (1..120). */
  readonly pitchPanSeparation: number;
  readonly pitchPanCenter: number;
  /** Random variation: volume 0..100 %, panning 0..64. */
  readonly randomVolume: number;
  readonly randomPan: number;
  readonly newNoteAction: NewNoteAction;
  readonly duplicateCheck: DuplicateCheck;
  readonly duplicateAction: DuplicateAction;
  /** Initial filter cutoff and resonance 0..127, or null when not set. */
  readonly filterCutoff: number | null;
  readonly filterResonance: number | null;
  readonly midi: InstrumentMidi;
}

/** IT MIDI macro configuration: global macros, SFx parametered macros and Z80..ZFF fixed macros. */
export interface MidiMacros {
  readonly global: readonly string[];
  readonly parametered: readonly string[];
  readonly fixed: readonly string[];
}

/** Where a song came from (shown by `tracker info`; playback never reads it). */
export interface SongOrigin {
  readonly format: 'trk' | 'mod' | 'xm' | 's3m' | 'it';
  /** The tracker that saved the file, as far as the loader could tell. */
  readonly tracker: string;
}

/** A whole song. */
export interface Song {
  readonly title: string;
  readonly message: string;
  /** Ticks per row at the start. */
  readonly initialSpeed: number;
  /** Tempo in BPM at the start (a tick lasts 2.5 / tempo seconds). */
  readonly initialTempo: number;
  /** Initial global volume 0..128. */
  readonly globalVolume: number;
  /** Mixing volume 0..128 (IT mix volume, S3M master volume). */
  readonly mixVolume: number;
  /** Stereo separation 0..128 (128 = full). */
  readonly stereoSeparation: number;
  /** Row highlights. */
  readonly rowsPerBeat: number;
  readonly rowsPerMeasure: number;
  /** Order the song loops back to when it ends. */
  readonly restartOrder: number;
  readonly notation: Notation;
  readonly profile: PlaybackProfile;
  readonly channels: readonly Channel[];
  readonly orders: readonly OrderEntry[];
  readonly patterns: readonly Pattern[];
  /** Empty in sample mode (MOD, S3M, IT without instruments): cells then name samples. */
  readonly instruments: readonly Instrument[];
  readonly samples: readonly Sample[];
  readonly midiMacros: MidiMacros | null;
  readonly origin: SongOrigin;
}
