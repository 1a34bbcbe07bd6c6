// Samples and instruments prepared for playback: PCM converted for the mixer, loops and tuning in
// the units the replayer computes with (volume 0..256, pan 0..256, XM-style finetune).

import type { Instrument, Sample } from '../../song/song.js';
import type { MixSample } from '../mixer/voice.js';

/** Auto-vibrato waveforms in the numbering the replayer uses. */
export const VIB_SINE = 0;
export const VIB_SQUARE = 1;
export const VIB_RAMP_UP = 2;
export const VIB_RAMP_DOWN = 3;
export const VIB_RANDOM = 4;

/** A sample ready to play. Index 0 is the silent "no sample". */
export interface PlayerSample {
  readonly index: number;
  readonly mix: MixSample;
  /** Frames of PCM (0 when the sample has no data). */
  readonly length: number;
  readonly hasLoop: boolean;
  readonly loopStart: number;
  readonly loopEnd: number;
  readonly loopPingPong: boolean;
  readonly hasSustain: boolean;
  readonly sustainStart: number;
  readonly sustainEnd: number;
  readonly sustainPingPong: boolean;
  /** Default volume 0..256. */
  readonly volume: number;
  /** Sample global volume 0..64. */
  readonly globalVolume: number;
  /** Default pan 0..256, or -1 when the sample does not set one. */
  readonly pan: number;
  /** Hz at C-5 (S3M/IT pitch), derived from relative note + finetune for MOD/XM samples. */
  readonly c5Speed: number;
  /** 1/128 semitone (-128..127), MOD/XM pitch. */
  readonly fineTune: number;
  /** Semitones, MOD/XM pitch. */
  readonly relativeTone: number;
  readonly vibType: number;
  readonly vibSweep: number;
  readonly vibDepth: number;
  readonly vibRate: number;
  /** The stand-in of a MIDI-only instrument: pitch and volume run as for a sample, nothing is mixed. */
  readonly midiOnly?: boolean;
}

/** An instrument with the lookups the replayer needs precomputed. */
export interface PlayerInstrument {
  readonly index: number;
  readonly model: Instrument;
  /** Sample number per note (0..119 index), 0 = none. */
  readonly keyboard: readonly number[];
  /** Output note per note index. */
  readonly noteMap: readonly number[];
  /** Fadeout per tick in 1/65536 units (XM scale). */
  readonly fadeout: number;
  /** 0..64 (IT instrument global volume is 0..128 in the model). */
  readonly globalVolume: number;
  /** 0..256 or -1. */
  readonly pan: number;
  readonly midiChannel: number;
}

const EMPTY_MIX: MixSample = { left: new Float64Array(0), right: null, frames: 0 };

/** Converts model PCM to float arrays for the mixer. */
export function toMixSample(sample: Sample): MixSample {
  const { pcm } = sample;
  const frames = Math.floor(pcm.data.length / pcm.channels);
  if (frames === 0) return EMPTY_MIX;
  const scale = pcm.bits === 8 ? 1 / 128 : pcm.bits === 16 ? 1 / 32768 : 1;
  const left = new Float64Array(frames);
  const right = pcm.channels === 2 ? new Float64Array(frames) : null;
  const d = pcm.data;
  if (right) {
    for (let i = 0; i < frames; i++) {
      left[i] = (d[i * 2] ?? 0) * scale;
      right[i] = (d[i * 2 + 1] ?? 0) * scale;
    }
  } else {
    for (let i = 0; i < frames; i++) left[i] = (d[i] ?? 0) * scale;
  }
  return { left, right, frames };
}

function vibType(w: Sample['vibrato']['waveform']): number {
  switch (w) {
    case 'square': return VIB_SQUARE;
    case 'rampUp': return VIB_RAMP_UP;
    case 'rampDown': return VIB_RAMP_DOWN;
    case 'random': return VIB_RANDOM;
    default: return VIB_SINE;
  }
}

/** Prepares one sample; `mix` may be shared when the same sample is prepared again. */
export function preparePlayerSample(sample: Sample, index: number, mix: MixSample = toMixSample(sample)): PlayerSample {
  const length = mix.frames;
  const loop = sample.loop && sample.loop.end > sample.loop.start && sample.loop.start < length ? sample.loop : null;
  const sus = sample.sustainLoop && sample.sustainLoop.end > sample.sustainLoop.start && sample.sustainLoop.start < length ? sample.sustainLoop : null;
  const t = sample.tuning;
  const c5Speed = t.kind === 'c5speed' ? t.c5Speed : 8363 * 2 ** ((t.relativeNote * 128 + t.finetune) / 1536);
  let fineTune = 0;
  let relativeTone = 0;
  if (t.kind === 'finetune') {
    fineTune = t.finetune;
    relativeTone = t.relativeNote;
  } else {
    const semis = 12 * Math.log2(Math.max(1, t.c5Speed) / 8363);
    relativeTone = Math.round(semis);
    fineTune = Math.max(-128, Math.min(127, Math.round((semis - relativeTone) * 128)));
  }
  return {
    index,
    mix,
    length,
    hasLoop: loop !== null,
    loopStart: loop ? loop.start : 0,
    loopEnd: loop ? Math.min(loop.end, length) : 0,
    loopPingPong: loop?.pingPong ?? false,
    hasSustain: sus !== null,
    sustainStart: sus ? sus.start : 0,
    sustainEnd: sus ? Math.min(sus.end, length) : 0,
    sustainPingPong: sus?.pingPong ?? false,
    volume: Math.max(0, Math.min(64, sample.volume)) * 4,
    globalVolume: Math.max(0, Math.min(64, sample.globalVolume)),
    pan: sample.pan === null ? -1 : Math.max(0, Math.min(256, sample.pan)),
    c5Speed,
    fineTune,
    relativeTone,
    vibType: vibType(sample.vibrato.waveform),
    vibSweep: sample.vibrato.sweep,
    vibDepth: sample.vibrato.depth,
    vibRate: sample.vibrato.speed,
  };
}

/** The silent sample 0. */
export const NO_SAMPLE: PlayerSample = preparePlayerSample(
  { name: '', fileName: '', pcm: { bits: 8, channels: 1, data: new Int8Array(0) }, loop: null, sustainLoop: null, tuning: { kind: 'c5speed', c5Speed: 8363 }, volume: 0, globalVolume: 64, pan: null, vibrato: { waveform: 'sine', speed: 0, depth: 0, sweep: 0 }, adlib: null },
  0,
  EMPTY_MIX,
);

/**
 * What a MIDI instrument plays where its note map names no sample: an endless silent "sample" at
 * 8363 Hz and full volume, so the replayer's pitch, volume and envelope logic runs as for any note
 * and the MIDI output can follow it; the mixer never sees it.
 */
export const MIDI_ONLY_SAMPLE: PlayerSample = {
  ...NO_SAMPLE,
  length: 0x3fffffff,
  volume: 256,
  midiOnly: true,
};

/** Prepares an instrument. */
export function preparePlayerInstrument(inst: Instrument, index: number): PlayerInstrument {
  return {
    index,
    model: inst,
    keyboard: inst.sampleMap,
    noteMap: inst.noteMap,
    fadeout: inst.fadeout,
    globalVolume: Math.max(0, Math.min(128, inst.globalVolume)) / 2,
    pan: inst.pan === null ? -1 : Math.max(0, Math.min(256, inst.pan)),
    midiChannel: inst.midi.channel,
  };
}
