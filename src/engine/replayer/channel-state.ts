// Everything the replayer remembers about one playing channel: the pattern channel's effect memory and
// the note it plays. Pattern channels come first; background channels (IT new-note actions, and the
// short fade of replaced notes) are copies that keep playing in slots after them.

import { MixVoice } from '../mixer/voice.js';
import type { PlayerInstrument, PlayerSample } from './player-sample.js';

/** Sentinel for "no envelope release value yet". */
export const NOT_RELEASED = -32768;

export class ChannelState {
  /** The mixer slot this channel plays through (never shared between channels). */
  readonly voice = new MixVoice();

  // What is playing.
  /** The sample slot in use (null: none; samples[0] is the silent sample). */
  sample: PlayerSample | null = null;
  instrument: PlayerInstrument | null = null;
  /** Playable length in frames (shortened to the loop end while looping); 0 = not playing. */
  length = 0;
  loopStart = 0;
  loopEnd = 0;
  /** CHN_LOOP: the active loop (normal, or sustain while keyed) is on. */
  looping = false;
  /** CHN_PINGPONGLOOP: the active loop is ping-pong. */
  pingPongLoop = false;
  /** CHN_SUSTAINLOOP / CHN_PINGPONGSUSTAIN: the sample has a (ping-pong) sustain loop. */
  hasSustain = false;
  sustainPingPong = false;
  /** ProTracker one-shot loop: the first pass plays the whole sample, then the loop repeats. */
  oneShotPending = false;
  /**
   * True while the channel advances through its sample (set each tick when it has a period and a
   * length; cleared by IT note cuts). Play position and direction live in `voice`.
   */
  incrementOn = false;

  // Pitch.
  /** Period (Amiga units x4, or XM periods), or frequency in Hz when periods are Hertz; 0 = silent. */
  period = 0;
  c5Speed = 8363;
  fineTune = 0;
  transpose = 0;
  portamentoDest = 0;
  portaTargetReached = false;
  portamentoSlide = 0;
  cachedPeriod = 0;
  glissandoPeriod = 0;

  // Volume and pan.
  /** Note volume 0..256. */
  volume = 0;
  /** Channel volume 0..64 (IT Mxx). */
  globalVol = 64;
  /** Sample x instrument global volume 0..64. */
  insVol = 64;
  /** 0..65536. */
  fadeOutVol = 0;
  pan = 128;
  /** Final values of the last tick. */
  realVolume = 0;
  realPan = 128;
  volSwing = 0;
  panSwing = 0;
  cutSwing = 0;
  resSwing = 0;
  restorePanOnNewNote = 0;
  restoreCutoffOnNewNote = 0;
  restoreResonanceOnNewNote = 0;
  surround = false;
  /** 0..127. */
  cutOff = 0x7f;
  resonance = 0;
  filterHighPass = false;
  filterActive = false;
  /** Cutoff or resonance changed by a MIDI macro: recompute the filter this tick. */
  filterDirty = false;

  // Flags.
  keyOff = true;
  noteFade = true;
  /** Key-off state of the previous tick (IT envelope handling reads it). */
  oldKeyOff = true;
  portamento = false;
  vibratoOn = false;
  tremoloOn = false;
  glissando = false;
  muted = false;
  isFirstTick = false;
  triggerNote = false;
  /** Fast volume ramp requested (note starts and cuts). */
  fastRamp = false;
  /** The last tick turned an audible voice silent (the mixer ramps it down during that tick). */
  rampedToSilence = false;

  // Envelopes.
  volEnvPos = 0;
  volEnvOn = false;
  volEnvRelease = NOT_RELEASED;
  panEnvPos = 0;
  panEnvOn = false;
  pitchEnvPos = 0;
  pitchEnvOn = false;
  autoVibDepth = 0;
  autoVibPos = 0;

  // Notes and instruments.
  note = 0;
  newNote = 0;
  lastNote = 0;
  newIns = 0;
  oldIns = 0;
  swapSampleIndex = 0;
  nna: 'cut' | 'continue' | 'off' | 'fade' = 'cut';
  /** For background channels: 1 + the pattern channel that spawned it; 0 for pattern channels. */
  masterChannel = 0;
  nnaAge = 0;

  // The current row's command (decoded from the pattern).
  rowNote = 0;
  rowInstr = 0;
  rowVolCmd = 0;
  rowVol = 0;
  rowCmd = 0;
  rowParam = 0;
  /** Commands of extra effect columns on this row: pairs of (command, parameter). */
  extraCmds: number[] = [];
  /** The row has a tone portamento (effect or volume column). */
  rowIsTonePorta = false;
  /** The effect currently active for per-tick processing (arpeggio, tremor...), 0 = none. */
  command = 0;

  // Effect memory.
  arpeggio = 0;
  arpeggioLastNote = 0;
  oldVolumeSlide = 0;
  oldFineVolUpDown = 0;
  oldPortaUp = 0;
  oldPortaDown = 0;
  oldFinePortaUpDown = 0;
  oldExtraFinePortaUpDown = 0;
  oldPanSlide = 0;
  oldChnVolSlide = 0;
  oldGlobalVolSlide = 0;
  oldVolParam = 0;
  oldOffset = 0;
  oldHiOffset = 0;
  oldCmdEx = 0;
  oldTempo = 0;
  prevNoteOffset = 0;
  retrigParam = 0;
  retrigCount = 0;
  tremorParam = 0;
  tremorCount = 0;
  vibratoType = 0;
  vibratoSpeed = 0;
  vibratoDepth = 0;
  vibratoPos = 0;
  tremoloType = 0;
  tremoloSpeed = 0;
  tremoloDepth = 0;
  tremoloPos = 0;
  panbrelloType = 0;
  panbrelloSpeed = 0;
  panbrelloDepth = 0;
  panbrelloPos = 0;
  panbrelloOffset = 0;
  panbrelloRandom = 0;
  patternLoopRow = 0;
  patternLoopCount = 0;
  efxSpeed = 0;
  efxDelay = 0;
  efxOffset = 0;
  activeMacro = 0;
  lastZxxParam = 0xff;

  // MIDI output (src/engine/midi reads these after every tick).
  /** Identity of the note this channel plays (new on every note start and retrigger; moves with NNA); 0 = none. */
  noteId = 0;
  /** The note as the instrument mapped it (1..120, before sample transposition): the MIDI key + 1. */
  midiNote = 0;

  /** True while a sample plays (OpenMPT's IsSamplePlaying: the channel advances). */
  isSamplePlaying(): boolean {
    return this.incrementOn;
  }

  /** Resets the three envelopes to their start. */
  resetEnvelopes(): void {
    this.volEnvPos = 0;
    this.volEnvRelease = NOT_RELEASED;
    this.panEnvPos = 0;
    this.pitchEnvPos = 0;
  }

  /** Copies all playing state of `other` (the voice's mixer state included) into this channel. */
  copyFrom(other: ChannelState): void {
    copyFields(this, other);
    this.voice.copyFrom(other.voice);
  }

  /** Sets the play position in frames (the mixer continues from there). */
  setPosition(frames: number): void {
    this.voice.position = frames;
  }

  /** The current play position in whole frames. */
  get positionInt(): number {
    return Math.floor(this.voice.position);
  }
}

/**
 * Copies every field but `voice` from `src` to `dst`. Object.assign took ~4.6 us per copy (generic
 * lookups for ~120 fields; a new note moves the old one to a background channel this way, so a
 * 32-channel song spent ~3% of its render here); straight-line assignments take ~0.1 us. They are
 * generated once from the field list of a fresh ChannelState, so a field added to the class is copied
 * without touching this code (the names are the class's own, nothing from outside reaches the text).
 */
function copyFields(dst: ChannelState, src: ChannelState): void {
  copier ??= new Function('dst', 'src', Object.keys(new ChannelState()).filter((k) => k !== 'voice').map((k) => `dst.${k} = src.${k};`).join('\n')) as (dst: ChannelState, src: ChannelState) => void;
  copier(dst, src);
}

let copier: ((dst: ChannelState, src: ChannelState) => void) | null = null;
