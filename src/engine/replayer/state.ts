// The replayer's complete state: the song it reads (never written), samples prepared for playback,
// every channel, and the sequencer position. All fields are plain data so a state can be inspected
// tick by tick in tests.

import type { Song } from '../../song/song.js';
import type { Behaviour } from './behaviour.js';
import { buildCommandTable, type CommandTable } from './commands.js';
import { ChannelState } from './channel-state.js';
import type { PlayerInstrument, PlayerSample } from './player-sample.js';

/** Slots for background voices (IT new-note actions and fading replaced notes). */
export const BACKGROUND_CHANNELS = 192;
/** Slots after the background ones for notes previewed from the keyboard (keyjazz). */
export const PREVIEW_CHANNELS = 8;

export class ReplayerState {
  /** The song being played; replaced (never mutated) when the user edits it during playback. */
  song: Song;
  readonly b: Behaviour;
  /** Samples by number (index 0 = the silent sample). */
  readonly samples: PlayerSample[];
  /** Instruments by number (index 0 = null); empty in sample mode. */
  readonly instruments: (PlayerInstrument | null)[];
  numInstruments: number;
  /** Pattern channels, then background channels. */
  readonly channels: ChannelState[];
  readonly numChannels: number;
  /** Index of the first preview channel (pattern channels + background channels). */
  readonly backgroundEnd: number;
  /**
   * Channels [0, usedEnd) are all that ever played: the pattern channels, the background slots up to
   * the highest one a new-note action took, and the preview slots once one was used. Per-tick loops
   * stop here (looping over ~200 untouched slots took half the tick time of a 4-channel song).
   */
  usedEnd: number;
  /** Output rate in Hz. */
  readonly sampleRate: number;
  /** How this song's effects translate to replayer commands. */
  readonly commandTable: CommandTable;
  /** Repeat the current pattern (editor "play pattern"). */
  loopPattern = false;

  // Sequencer.
  order = 0;
  pattern = 0;
  row = 0;
  tick = 0;
  speed = 6;
  tempo = 125;
  /** Global volume 0..256. */
  globalVolume = 256;
  patternDelay = 0;
  frameDelay = 0;
  nextOrder = 0;
  nextRow = 0;
  nextPatStartRow = 0;
  breakRow = -1;
  posJump = -1;
  patLoopRow = -1;
  firstTick = true;
  breakToRow = false;
  /** Frames in the current tick. */
  samplesPerTick = 0;
  /** Modern tempo mode: the fraction of a frame the ticks so far were short (carried, -1..1). */
  tempoError = 0;
  /** True once the song has ended. */
  ended = false;
  /** Pattern channels the user muted (no sound, effects still run except in ST3). */
  readonly userMuted: boolean[];
  /** Deterministic random state (IT random volume/pan, random waveforms). */
  rngState = 0x12345678;
  /** Where the last NNA note was moved (IT carry quirk). */
  lastMovedChannel = -1;
  /** Last note identity handed out (ChannelState.noteId). */
  noteSerial = 0;

  constructor(song: Song, b: Behaviour, samples: PlayerSample[], instruments: (PlayerInstrument | null)[], sampleRate: number) {
    this.song = song;
    this.b = b;
    this.samples = samples;
    this.instruments = instruments;
    this.numInstruments = song.instruments.length;
    this.numChannels = song.channels.length;
    this.sampleRate = sampleRate;
    this.commandTable = buildCommandTable(b);
    this.backgroundEnd = this.numChannels + BACKGROUND_CHANNELS;
    this.usedEnd = this.numChannels;
    this.channels = Array.from({ length: this.backgroundEnd + PREVIEW_CHANNELS }, () => new ChannelState());
    this.userMuted = song.channels.map((c) => c.muted);
  }

  /** Ticks in the current row including fine row delays. */
  ticksOnRow(): number {
    return (this.speed + this.frameDelay) * Math.max(this.patternDelay, 1);
  }

  /** A signed byte from the deterministic generator (-128..127). */
  randomByte(): number {
    let x = this.rngState | 0;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.rngState = x;
    return ((x >>> 8) & 0xff) - 128;
  }
}
