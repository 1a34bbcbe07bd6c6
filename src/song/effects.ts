// The effect vocabulary shared by every format: named effect kinds with a parameter byte, and the
// volume-column commands. Loaders map each tracker's letters to these kinds (src/song/notation.ts
// spells them back); where trackers disagree on a parameter's meaning, the song's playback
// profile (src/song/profile.ts) says which reading applies.

/**
 * Every effect kind. `param: 'byte'` kinds take 0..255; `param: 'nibble'` kinds are the
 * extended sub-commands (MOD/XM Exy, S3M/IT Sxy, XM Xxy) and take 0..15.
 */
export const EFFECT_KINDS = [
  { kind: 'none', param: 'byte', text: 'no effect' },
  { kind: 'arpeggio', param: 'byte', text: 'arpeggio: cycle note, +x, +y semitones each tick' },
  { kind: 'portaUp', param: 'byte', text: 'portamento up (S3M/IT: Fx/Ex params are fine/extra fine)' },
  { kind: 'portaDown', param: 'byte', text: 'portamento down (S3M/IT: Fx/Ex params are fine/extra fine)' },
  { kind: 'tonePorta', param: 'byte', text: 'tone portamento: slide to the note at speed xx' },
  { kind: 'vibrato', param: 'byte', text: 'vibrato: speed x, depth y' },
  { kind: 'tonePortaVolSlide', param: 'byte', text: 'tone portamento + volume slide xy' },
  { kind: 'vibratoVolSlide', param: 'byte', text: 'vibrato + volume slide xy' },
  { kind: 'tremolo', param: 'byte', text: 'tremolo: speed x, depth y' },
  { kind: 'setPan', param: 'byte', text: 'set panning 00 (left) .. FF (right)' },
  { kind: 'sampleOffset', param: 'byte', text: 'start the sample at xx * 256 frames' },
  { kind: 'volSlide', param: 'byte', text: 'volume slide: x up, y down (S3M/IT: xF/Fy fine)' },
  { kind: 'positionJump', param: 'byte', text: 'jump to order xx' },
  { kind: 'setVolume', param: 'byte', text: 'set volume 00..40' },
  { kind: 'patternBreak', param: 'byte', text: 'break to row xx of the next order (MOD/XM: decimal digits)' },
  { kind: 'retrig', param: 'byte', text: 'retrigger every y ticks, volume change x' },
  { kind: 'setSpeed', param: 'byte', text: 'set speed (ticks per row)' },
  { kind: 'tempo', param: 'byte', text: 'set tempo (BPM) 20..FF; IT: 0x slide down, 1x slide up' },
  { kind: 'tremor', param: 'byte', text: 'tremor: on x ticks, off y ticks' },
  { kind: 'setChannelVolume', param: 'byte', text: 'set channel volume 00..40' },
  { kind: 'channelVolSlide', param: 'byte', text: 'channel volume slide xy' },
  { kind: 'setGlobalVolume', param: 'byte', text: 'set global volume (MOD/XM 00..40, S3M/IT 00..80)' },
  { kind: 'globalVolSlide', param: 'byte', text: 'global volume slide xy' },
  { kind: 'keyOff', param: 'byte', text: 'key off at tick xx' },
  { kind: 'fineVibrato', param: 'byte', text: 'fine vibrato: speed x, depth y (quarter depth)' },
  { kind: 'panbrello', param: 'byte', text: 'panbrello: speed x, depth y' },
  { kind: 'panSlide', param: 'byte', text: 'panning slide xy' },
  { kind: 'setEnvelopePosition', param: 'byte', text: 'set envelope position to tick xx' },
  { kind: 'midiMacro', param: 'byte', text: 'MIDI macro (Zxx): filter cutoff/resonance or user macro' },
  { kind: 'smoothMidiMacro', param: 'byte', text: 'smooth MIDI macro: interpolate over the row' },
  { kind: 'setFilter', param: 'nibble', text: 'Amiga LED filter (IT: S00 repeats the last Sxx)' },
  { kind: 'finePortaUp', param: 'nibble', text: 'fine portamento up on the first tick' },
  { kind: 'finePortaDown', param: 'nibble', text: 'fine portamento down on the first tick' },
  { kind: 'glissando', param: 'nibble', text: 'glissando: tone portamento in semitone steps (1 = on)' },
  { kind: 'vibratoWaveform', param: 'nibble', text: 'vibrato waveform: 0 sine, 1 ramp, 2 square, 3 random' },
  { kind: 'setFinetune', param: 'nibble', text: 'set the sample finetune' },
  { kind: 'patternLoop', param: 'nibble', text: 'pattern loop: 0 sets the start, x loops x times' },
  { kind: 'tremoloWaveform', param: 'nibble', text: 'tremolo waveform: 0 sine, 1 ramp, 2 square, 3 random' },
  { kind: 'setPanCoarse', param: 'nibble', text: 'set panning 0 (left) .. F (right)' },
  { kind: 'noteRetrig', param: 'nibble', text: 'retrigger the note every x ticks' },
  { kind: 'fineVolSlideUp', param: 'nibble', text: 'fine volume slide up on the first tick' },
  { kind: 'fineVolSlideDown', param: 'nibble', text: 'fine volume slide down on the first tick' },
  { kind: 'noteCut', param: 'nibble', text: 'cut the note at tick x' },
  { kind: 'noteDelay', param: 'nibble', text: 'delay the note to tick x' },
  { kind: 'patternDelay', param: 'nibble', text: 'repeat the row x times' },
  { kind: 'invertLoop', param: 'nibble', text: 'invert loop (ProTracker funk repeat) at speed x' },
  { kind: 'extraFinePortaUp', param: 'nibble', text: 'extra fine portamento up (quarter steps)' },
  { kind: 'extraFinePortaDown', param: 'nibble', text: 'extra fine portamento down (quarter steps)' },
  { kind: 'panbrelloWaveform', param: 'nibble', text: 'panbrello waveform: 0 sine, 1 ramp, 2 square, 3 random' },
  { kind: 'finePatternDelay', param: 'nibble', text: 'extend the row by x ticks' },
  { kind: 'instrumentControl', param: 'nibble', text: 'S7x: past note cut/off/fade, NNA, envelopes on/off' },
  { kind: 'soundControl', param: 'nibble', text: 'S9x: 0 surround off, 1 surround on, E forward, F backward' },
  { kind: 'setHighOffset', param: 'nibble', text: 'high byte of the next sample offset (x * 65536)' },
  { kind: 'setActiveMacro', param: 'nibble', text: 'select the parametered MIDI macro used by Zxx' },
] as const;

/** The name of an effect kind. */
export type EffectKind = (typeof EFFECT_KINDS)[number]['kind'];

/** One effect in a cell: a kind and its parameter (0..255, or 0..15 for nibble kinds). */
export interface Effect {
  readonly kind: EffectKind;
  readonly param: number;
}

const effectIds = new Map<string, number>(EFFECT_KINDS.map((e, i) => [e.kind, i]));

/** Numeric id of an effect kind, as stored in pattern data (0 = none). */
export function effectId(kind: EffectKind): number {
  return effectIds.get(kind) ?? 0;
}

/** The effect kind stored as `id` in pattern data ('none' for unknown ids). */
export function effectKindOf(id: number): EffectKind {
  return EFFECT_KINDS[id]?.kind ?? 'none';
}

/** Numeric ids by name, for the replayer's switch statements. */
export const FX = Object.fromEntries(EFFECT_KINDS.map((e, i) => [e.kind, i])) as {
  readonly [K in EffectKind]: number;
};

/** Largest parameter an effect kind accepts. */
export function effectParamMax(kind: EffectKind): number {
  const def = EFFECT_KINDS[effectId(kind)];
  return def?.param === 'nibble' ? 15 : 255;
}

/** Human description of an effect kind (for the help screen and the linter). */
export function describeEffect(kind: EffectKind): string {
  return EFFECT_KINDS[effectId(kind)]?.text ?? kind;
}

/**
 * Volume-column commands. Values: volume and panning 0..64; the others 0..15 as the tracker
 * stored them (IT g/e/f/h digits are 0..9 and use IT's tables; XM's are 0..15).
 */
export const VOLUME_KINDS = [
  { kind: 'none', letter: '.', max: 0, text: 'empty' },
  { kind: 'volume', letter: 'v', max: 64, text: 'set volume' },
  { kind: 'panning', letter: 'p', max: 64, text: 'set panning 0 (left) .. 64 (right)' },
  { kind: 'volSlideUp', letter: 'c', max: 15, text: 'volume slide up' },
  { kind: 'volSlideDown', letter: 'd', max: 15, text: 'volume slide down' },
  { kind: 'fineVolUp', letter: 'a', max: 15, text: 'fine volume slide up' },
  { kind: 'fineVolDown', letter: 'b', max: 15, text: 'fine volume slide down' },
  { kind: 'vibratoSpeed', letter: 'u', max: 15, text: 'set vibrato speed' },
  { kind: 'vibratoDepth', letter: 'h', max: 15, text: 'vibrato with depth' },
  { kind: 'panSlideLeft', letter: 'l', max: 15, text: 'panning slide left' },
  { kind: 'panSlideRight', letter: 'r', max: 15, text: 'panning slide right' },
  { kind: 'tonePorta', letter: 'g', max: 15, text: 'tone portamento' },
  { kind: 'portaUp', letter: 'f', max: 15, text: 'portamento up' },
  { kind: 'portaDown', letter: 'e', max: 15, text: 'portamento down' },
] as const;

/** The name of a volume-column command. */
export type VolumeKind = (typeof VOLUME_KINDS)[number]['kind'];

/** The volume column of a cell. */
export interface VolumeCommand {
  readonly kind: VolumeKind;
  readonly value: number;
}

const volumeIds = new Map<string, number>(VOLUME_KINDS.map((v, i) => [v.kind, i]));

/** Numeric id of a volume-column kind (0 = none). */
export function volumeId(kind: VolumeKind): number {
  return volumeIds.get(kind) ?? 0;
}

/** The volume-column kind stored as `id` ('none' for unknown ids). */
export function volumeKindOf(id: number): VolumeKind {
  return VOLUME_KINDS[id]?.kind ?? 'none';
}

/** Numeric ids of volume-column kinds by name. */
export const VOL = Object.fromEntries(VOLUME_KINDS.map((v, i) => [v.kind, i])) as {
  readonly [K in VolumeKind]: number;
};

/** Largest value a volume-column kind accepts. */
export function volumeValueMax(kind: VolumeKind): number {
  return VOLUME_KINDS[volumeId(kind)]?.max ?? 0;
}
