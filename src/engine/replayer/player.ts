// The replayer's public face: a Player steps a song tick by tick (pure, deterministic) and renders
// frames through a mixer function. The clock is the frame counter: every tick is a whole number of
// frames, as in the original trackers and libopenmpt.

import type { Song } from '../../song/song.js';
import type { MixVoice } from '../mixer/voice.js';
import { resolveBehaviour } from './behaviour.js';
import type { ChannelState } from './channel-state.js';
import { preparePlayerInstrument, preparePlayerSample, type PlayerInstrument, type PlayerSample, toMixSample } from './player-sample.js';
import { processEffects } from './row-effects.js';
import { advanceTick, RowVisitor, type SequencerMode } from './sequencer.js';
import { PREVIEW_CHANNELS, ReplayerState } from './state.js';
import { instrumentChange, keyOff, noteChange } from './notes.js';
import { tickFrames } from './tempo.js';
import { updateVoices } from './voices.js';

/** Mixes `frames` frames of the given voices into the buffers starting at `offset` (adds). */
export type MixFunction = (voices: readonly MixVoice[], left: Float32Array, right: Float32Array, offset: number, frames: number) => void;

/** Called by render() after each tick is processed: `offset` is the tick's first frame in the buffers. */
export type TickListener = (state: ReplayerState, offset: number, frames: number) => void;

/** Decides a tick's length in frames instead of the tempo (following an external clock). */
export type TickLength = (state: ReplayerState, offset: number) => number;

export interface PlayerOptions {
  /** Output rate in Hz (default 48000). */
  readonly sampleRate?: number;
  /** Start position (default order 0, row 0). */
  readonly startOrder?: number;
  readonly startRow?: number;
  /** Keep playing after the song's end (restarting where the song loops) instead of stopping. */
  readonly repeat?: boolean;
  /** Repeat only the starting pattern. */
  readonly loopPattern?: boolean;
}

/** Where playback is. */
export interface PlayPosition {
  readonly order: number;
  readonly pattern: number;
  readonly row: number;
  readonly tick: number;
  readonly speed: number;
  readonly tempo: number;
}

export { framesPerTick } from './tempo.js';

/** Samples and instruments of a song prepared once (shared by players of the same song). */
export interface PreparedSong {
  readonly samples: PlayerSample[];
  readonly instruments: (PlayerInstrument | null)[];
}

export function prepareSong(song: Song): PreparedSong {
  const samples: PlayerSample[] = [preparePlayerSample(emptySampleModel(), 0)];
  song.samples.forEach((s, i) => samples.push(preparePlayerSample(s, i + 1, toMixSample(s))));
  const instruments: (PlayerInstrument | null)[] = [null];
  song.instruments.forEach((ins, i) => instruments.push(preparePlayerInstrument(ins, i + 1)));
  return { samples, instruments };
}

function emptySampleModel(): Song['samples'][number] {
  return {
    name: '', fileName: '', pcm: { bits: 8, channels: 1, data: new Int8Array(0) }, loop: null, sustainLoop: null,
    tuning: { kind: 'c5speed', c5Speed: 8363 }, volume: 0, globalVolume: 64, pan: null,
    vibrato: { waveform: 'sine', speed: 0, depth: 0, sweep: 0 }, adlib: null,
  };
}

/** Plays one song. */
export class Player {
  readonly state: ReplayerState;
  /** The voices of the channels that ever played (state.usedEnd), in channel order; grows. */
  readonly voices: readonly MixVoice[];
  private readonly voiceList: MixVoice[] = [];
  private readonly visitor = new RowVisitor();
  private readonly repeat: boolean;
  /** The sequencer's options, one object for all ticks (no allocation per tick). */
  private readonly sequencerMode: SequencerMode = { loopPattern: false, repeat: false };
  private remainingInTick = 0;
  /** Frames rendered so far. */
  framesRendered = 0;
  /**
   * Idle players do not move through the song: ticks only update voices (for notes previewed from
   * the keyboard while the song is stopped).
   */
  idle = false;
  /** Hears every tick render() processes (MIDI output). */
  onTick: TickListener | null = null;
  /** Overrides tick lengths (external MIDI clock); null = the song's tempo. */
  tickLength: TickLength | null = null;

  constructor(song: Song, options: PlayerOptions = {}, prepared: PreparedSong = prepareSong(song)) {
    const b = resolveBehaviour(song.profile);
    const r = new ReplayerState(song, b, [...prepared.samples], [...prepared.instruments], options.sampleRate ?? 48000);
    this.state = r;
    this.repeat = options.repeat ?? false;
    r.loopPattern = options.loopPattern ?? false;
    r.speed = Math.max(1, song.initialSpeed);
    r.tempo = Math.max(1, song.initialTempo);
    r.globalVolume = Math.max(0, Math.min(256, song.globalVolume * 2));
    const startOrder = options.startOrder ?? 0;
    r.order = r.nextOrder = startOrder;
    r.row = r.nextRow = options.startRow ?? 0;
    if (r.loopPattern) {
      const e = song.orders[startOrder];
      r.pattern = typeof e === 'number' ? e : 0;
    }
    r.tick = r.ticksOnRow() - 1;
    r.firstTick = true;
    r.breakToRow = false;
    for (let i = 0; i < r.channels.length; i++) {
      const chn = r.channels[i] as ChannelState;
      if (b.itRetrigger) {
        chn.retrigParam = 1;
        chn.retrigCount = 0;
      }
      if (i < r.numChannels) {
        const ch = song.channels[i];
        chn.pan = ch?.pan ?? 128;
        chn.globalVol = ch?.volume ?? 64;
        chn.surround = ch?.surround ?? false;
        // IT: the initial note memory is C-0. Test: InitialNoteMemory.it
        if (b.itInitialNoteMemory) chn.note = chn.newNote = 1;
      }
    }
    this.voices = this.voiceList;
    this.syncVoices();
  }

  /** Adds the voices of channels that started playing to the mixed list. */
  private syncVoices(): void {
    const r = this.state;
    const list = this.voiceList;
    while (list.length < r.usedEnd) list.push((r.channels[list.length] as ChannelState).voice);
  }

  /** Current position. */
  position(): PlayPosition {
    const r = this.state;
    return { order: r.order, pattern: r.pattern, row: r.row, tick: r.tick, speed: r.speed, tempo: r.tempo };
  }

  /** True once the song has ended. */
  get ended(): boolean {
    return this.state.ended;
  }

  /** Mutes or unmutes a pattern channel (effects keep running). */
  setMuted(channel: number, muted: boolean): void {
    if (channel >= 0 && channel < this.state.userMuted.length) this.state.userMuted[channel] = muted;
  }

  /**
   * Processes one tick (rows, effects, voice settings). Returns the tick's length in frames, or 0 when
   * the song has ended.
   */
  nextTick(offset = 0): number {
    const r = this.state;
    for (let i = 0; i < r.usedEnd; i++) {
      const chn = r.channels[i] as ChannelState;
      if (chn.length && !chn.voice.active && !chn.sample?.midiOnly) chn.length = 0;
      if (chn.oneShotPending && chn.voice.pendingLoopEnd < 0 && chn.voice.framesPlayed > 0 && chn.sample) {
        // The mixer finished the one-shot pass: loop the sample's real loop from now on.
        chn.oneShotPending = false;
        chn.loopEnd = chn.length = chn.sample.loopEnd;
      }
    }
    if (this.idle) {
      r.samplesPerTick = this.tickLength ? Math.max(1, this.tickLength(r, offset)) : tickFrames(r);
      r.firstTick = false;
      updateVoices(r);
      this.syncVoices();
      return r.samplesPerTick;
    }
    if (r.ended) return 0;
    this.sequencerMode.loopPattern = r.loopPattern;
    this.sequencerMode.repeat = this.repeat;
    if (!advanceTick(r, this.visitor, this.sequencerMode)) {
      r.ended = true;
      return 0;
    }
    processEffects(r);
    if (r.tempo <= 0) {
      r.ended = true;
      return 0;
    }
    r.samplesPerTick = this.tickLength ? Math.max(1, this.tickLength(r, offset)) : tickFrames(r);
    updateVoices(r);
    this.syncVoices();
    return r.samplesPerTick;
  }

  /**
   * Plays a note on a preview voice (keyjazz), independent of the song's channels: `slot` 0..7,
   * `instrument` 1-based (a sample number in sample mode), `volume` 0..64 or -1 for the default.
   * Note-off, note-cut and note-fade values release or stop the slot.
   */
  previewNote(slot: number, note: number, instrument: number, volume = -1): void {
    const r = this.state;
    const ci = r.backgroundEnd + Math.max(0, Math.min(PREVIEW_CHANNELS - 1, slot));
    const chn = r.channels[ci] as ChannelState;
    if (ci >= r.usedEnd) {
      r.usedEnd = ci + 1;
      this.syncVoices();
    }
    if (note > 120) {
      if (note === 255) keyOff(r, chn);
      else {
        chn.noteFade = true;
        if (note === 254) chn.fadeOutVol = 0;
      }
      return;
    }
    if (note < 1) return;
    chn.rowNote = note;
    chn.rowInstr = instrument;
    chn.rowVolCmd = chn.rowVol = chn.rowCmd = chn.rowParam = 0;
    chn.rowIsTonePorta = false;
    chn.newNote = chn.lastNote = note;
    chn.masterChannel = 0;
    chn.pan = 128;
    chn.globalVol = 64;
    instrumentChange(r, ci, instrument, false, true);
    noteChange(r, ci, note, false, true);
    if (volume >= 0) chn.volume = Math.min(64, volume) * 4;
  }

  /** Replaces the song being played (after an edit); the next rows read the new patterns. */
  replaceSong(song: Song, prepared?: PreparedSong): void {
    const r = this.state;
    r.song = song;
    if (prepared) {
      r.samples.length = 0;
      r.samples.push(...prepared.samples);
      r.instruments.length = 0;
      r.instruments.push(...prepared.instruments);
      r.numInstruments = song.instruments.length;
    }
  }

  /** Renders up to `frames` frames (added into the buffers); returns how many were rendered. */
  render(mix: MixFunction, left: Float32Array, right: Float32Array, frames: number, offset = 0): number {
    let done = 0;
    while (done < frames) {
      if (this.remainingInTick === 0) {
        const n = this.nextTick(offset + done);
        if (n === 0) break;
        this.remainingInTick = n;
        this.onTick?.(this.state, offset + done, n);
      }
      const n = Math.min(this.remainingInTick, frames - done);
      mix(this.voices, left, right, offset + done, n);
      done += n;
      this.remainingInTick -= n;
    }
    this.framesRendered += done;
    return done;
  }
}

/** The song's length in seconds (playing subsong 0 once), computed without mixing; capped at `maxSeconds`. */
export function songDuration(song: Song, maxSeconds = 3600, sampleRate = 48000): { seconds: number; capped: boolean } {
  const player = new Player(song, { sampleRate });
  let frames = 0;
  const cap = maxSeconds * sampleRate;
  while (frames < cap) {
    const n = player.nextTick();
    if (n === 0) return { seconds: frames / sampleRate, capped: false };
    frames += n;
  }
  return { seconds: maxSeconds, capped: true };
}
