// The engine's logic without any audio device: holds the song, answers UI commands (play, stop,
// edits, previews, mutes) and renders the next chunk of frames on request. The live scheduler, the
// offline tests and `tracker play` all drive this one class.

import type { Song } from '../../song/song.js';
import { Player, prepareSong, type MixFunction, type PreparedSong } from '../replayer/player.js';
import { preparePlayerInstrument, preparePlayerSample, toMixSample } from '../replayer/player-sample.js';
import { type EngineCommand, type PlayMode, type PositionSnapshot, withItem } from '../protocol.js';
import { EngineMidi, type EngineMidiSettings } from '../midi/engine-midi.js';
import { positionAtSixteenths } from '../midi/midi-clock.js';

export interface EngineCoreOptions {
  readonly sampleRate: number;
  readonly mix: MixFunction;
  /** Applied to every rendered frame (master gain, soft clip); in place. */
  readonly master?: (left: Float32Array, right: Float32Array, frames: number) => void;
}

/** Song playback and preview state, rendered chunk by chunk. */
export class EngineCore {
  readonly sampleRate: number;
  private readonly mix: MixFunction;
  private readonly master: EngineCoreOptions['master'];
  private song: Song | null = null;
  private prepared: PreparedSong | null = null;
  /** Plays the song; null while stopped. */
  private player: Player | null = null;
  /** Keeps preview notes sounding while the song is stopped. */
  private idlePlayer: Player | null = null;
  private mode: PlayMode = 'song';
  private rowPlayed: { order: number; row: number } | null = null;
  private paused = false;
  private readonly muted = new Set<number>();
  private framesPlayed = 0;
  /** Frames until each previewed note is released (terminals report no key-up). */
  private readonly previewHold = new Map<number, number>();
  /** How long a previewed note sounds before its automatic key-off, in seconds. */
  previewSeconds = 0.8;
  /** Called when playback stops by itself (song end, end of a single row). */
  onEnded: (() => void) | null = null;
  /** MIDI output of the song and previews: messages of each chunk with their frame offsets. */
  readonly midi: EngineMidi;

  constructor(options: EngineCoreOptions) {
    this.sampleRate = options.sampleRate;
    this.mix = options.mix;
    this.master = options.master;
    this.midi = new EngineMidi(options.sampleRate);
  }

  get isPlaying(): boolean {
    return this.player !== null && !this.paused;
  }

  /**
   * Nothing will change until the next command: stopped or paused, no previewed note held, and not
   * following an external MIDI clock (whose Start may begin playback at any moment).
   */
  get isIdle(): boolean {
    return (this.player === null || this.paused) && this.previewHold.size === 0 && !this.midi.settings.followClock;
  }

  get currentSong(): Song | null {
    return this.song;
  }

  /** Frames rendered so far: the stream position of the next chunk. */
  get streamFrame(): number {
    return this.framesPlayed;
  }

  /** Applies one command from the UI. */
  handle(cmd: EngineCommand): void {
    switch (cmd.type) {
      case 'setSong':
        this.setSong(cmd.song);
        break;
      case 'setSongFields':
        if (this.song) this.editSong({ ...this.song, ...cmd.fields }, false);
        break;
      case 'setPattern':
        if (this.song) this.editSong({ ...this.song, patterns: withItem(this.song.patterns, cmd.index, cmd.pattern) }, false);
        break;
      case 'setSample':
        if (this.song) this.editSong({ ...this.song, samples: withItem(this.song.samples, cmd.index, cmd.sample) }, true);
        break;
      case 'setInstrument':
        if (this.song) this.editSong({ ...this.song, instruments: withItem(this.song.instruments, cmd.index, cmd.instrument) }, true);
        break;
      case 'play':
        this.play(cmd.mode, cmd.order, cmd.row);
        break;
      case 'stop':
        this.stop();
        break;
      case 'pause':
        if (this.player && !this.paused) {
          this.paused = true;
          this.midi.paused();
        }
        break;
      case 'resume':
        if (this.paused) {
          this.paused = false;
          this.midi.resumed();
        }
        break;
      case 'previewNote': {
        const slot = cmd.channel % 8;
        this.previewPlayer()?.previewNote(slot, cmd.note, cmd.instrument, cmd.volume);
        // Held notes (a MIDI key) wait for their previewOff; terminal keys release themselves.
        if (cmd.hold) this.previewHold.delete(slot);
        else this.previewHold.set(slot, Math.round(this.previewSeconds * this.sampleRate));
        break;
      }
      case 'previewOff':
        this.previewPlayer()?.previewNote(cmd.channel % 8, 255, 0);
        this.previewHold.delete(cmd.channel % 8);
        break;
      case 'setMute':
        if (cmd.muted) this.muted.add(cmd.channel);
        else this.muted.delete(cmd.channel);
        this.player?.setMuted(cmd.channel, cmd.muted);
        break;
      default:
        break;
    }
  }

  private setSong(song: Song): void {
    const wasPlaying = this.player;
    const pos = wasPlaying?.position();
    this.song = song;
    this.prepared = prepareSong(song);
    this.idlePlayer = this.makeIdlePlayer();
    if (wasPlaying && pos) this.play(this.mode, pos.order, pos.row);
    else this.player = null;
  }

  private editSong(song: Song, reprepare: boolean): void {
    if (reprepare && this.prepared && this.song) {
      const prepared = this.prepared;
      song.samples.forEach((s, i) => {
        if (s !== this.song?.samples[i]) prepared.samples[i + 1] = preparePlayerSample(s, i + 1, toMixSample(s));
      });
      prepared.samples.length = song.samples.length + 1;
      song.instruments.forEach((ins, i) => {
        prepared.instruments[i + 1] = preparePlayerInstrument(ins, i + 1);
      });
      prepared.instruments.length = song.instruments.length + 1;
    }
    this.song = song;
    this.player?.replaceSong(song, reprepare ? this.prepared ?? undefined : undefined);
    this.idlePlayer?.replaceSong(song, reprepare ? this.prepared ?? undefined : undefined);
  }

  private makeIdlePlayer(): Player | null {
    if (!this.song || !this.prepared) return null;
    const p = new Player(this.song, { sampleRate: this.sampleRate }, this.prepared);
    p.idle = true;
    this.midi.attach(p, false);
    return p;
  }

  private previewPlayer(): Player | null {
    return this.player ?? this.idlePlayer;
  }

  private play(mode: PlayMode, order: number, row: number): void {
    if (!this.song || !this.prepared) return;
    this.mode = mode;
    this.paused = false;
    this.rowPlayed = mode === 'row' ? { order, row } : null;
    if (this.player) this.midi.stopped();
    const p = new Player(this.song, { sampleRate: this.sampleRate, startOrder: order, startRow: row, repeat: true, loopPattern: mode === 'pattern' }, this.prepared);
    for (const ch of this.muted) p.setMuted(ch, true);
    this.midi.attach(p, true);
    this.midi.started(this.song, order, row, mode !== 'row');
    this.player = p;
  }

  private stop(): void {
    if (this.player) this.midi.stopped();
    this.player = null;
    this.paused = false;
    this.idlePlayer = this.makeIdlePlayer();
  }

  /** Clock out and clock following (the host applies the user's MIDI settings here). */
  setMidiSettings(settings: EngineMidiSettings): void {
    this.midi.settings = settings;
    if (this.player) this.midi.attach(this.player, true);
  }

  /**
   * Transport from an external MIDI clock: Start plays the song from the top, Continue resumes
   * (or starts at the last Song Position), Stop pauses, Song Position moves there.
   */
  externalTransport(message: 'start' | 'continue' | 'stop' | 'position', sixteenths = 0): void {
    if (!this.song) return;
    switch (message) {
      case 'start':
        this.midi.resetFollower(this.song);
        this.play('song', 0, 0);
        break;
      case 'continue':
        this.midi.resetFollower(this.song);
        if (this.player && this.paused) this.handle({ type: 'resume' });
        else if (!this.player) this.play('song', this.cuedPosition.order, this.cuedPosition.row);
        break;
      case 'stop':
        this.handle({ type: 'pause' });
        break;
      case 'position':
        this.cuedPosition = positionAtSixteenths(this.song, sixteenths);
        if (this.player) {
          this.play('song', this.cuedPosition.order, this.cuedPosition.row);
          this.paused = true;
        }
        break;
    }
  }

  /** Where an external Continue starts playing (set by Song Position Pointer). */
  private cuedPosition = { order: 0, row: 0 };

  /** Renders `frames` frames into the buffers (overwrites them). */
  render(left: Float32Array, right: Float32Array, frames: number): void {
    this.midi.beginChunk(this.framesPlayed);
    left.fill(0, 0, frames);
    right.fill(0, 0, frames);
    let done = 0;
    if (this.player && !this.paused) {
      done = this.renderPlaying(left, right, frames);
    }
    if (done < frames && !this.paused) {
      const idle = this.player ? null : this.idlePlayer;
      if (idle) idle.render(this.mix, left, right, frames - done, done);
    }
    this.framesPlayed += frames;
    // Only while previews sound: iterating a Map allocates, and this runs for every chunk.
    if (this.previewHold.size > 0) this.releasePreviews(frames);
    this.master?.(left, right, frames);
  }

  /** Counts previewed notes down and releases those whose time is up. */
  private releasePreviews(frames: number): void {
    for (const [slot, left0] of this.previewHold) {
      const leftFrames = left0 - frames;
      if (leftFrames > 0) this.previewHold.set(slot, leftFrames);
      else {
        this.previewPlayer()?.previewNote(slot, 255, 0);
        this.previewHold.delete(slot);
      }
    }
  }

  private renderPlaying(left: Float32Array, right: Float32Array, frames: number): number {
    const p = this.player as Player;
    if (this.rowPlayed) {
      // Play one row: render tick by tick until the row changes.
      let done = 0;
      while (done < frames) {
        const n = p.render(this.mix, left, right, Math.min(frames - done, 64), done);
        done += n;
        const pos = p.position();
        if (n === 0 || pos.row !== this.rowPlayed.row || pos.order !== this.rowPlayed.order) {
          this.endPlayback(done);
          break;
        }
      }
      return done;
    }
    const n = p.render(this.mix, left, right, frames);
    if (n < frames) this.endPlayback(n);
    return n;
  }

  private endPlayback(offset: number): void {
    this.midi.stopped(offset);
    this.player = null;
    this.rowPlayed = null;
    this.idlePlayer = this.makeIdlePlayer();
    this.onEnded?.();
  }

  /** Where playback is now (the start of the next chunk). */
  snapshot(): PositionSnapshot {
    const p = this.player;
    const numChannels = this.song?.channels.length ?? 0;
    const vu: number[] = new Array<number>(numChannels).fill(0);
    if (p) {
      const chans = p.state.channels;
      for (let i = 0; i < numChannels; i++) {
        const c = chans[i];
        if (c && c.length > 0 && c.incrementOn) vu[i] = Math.min(1, c.realVolume / 16384);
      }
      const pos = p.position();
      return { playing: true, paused: this.paused, ...pos, vu, seconds: p.framesRendered / this.sampleRate };
    }
    return { playing: false, paused: false, order: 0, pattern: 0, row: 0, tick: 0, speed: this.song?.initialSpeed ?? 6, tempo: this.song?.initialTempo ?? 125, vu, seconds: 0 };
  }
}
