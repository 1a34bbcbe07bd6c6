// The MIDI side of the engine core: attaches the note generator, the clock and the external-clock
// follower to the players, and collects every message of a chunk with its frame offset in the
// chunk, for the host to turn into wall-clock send times. Transport messages (Start, Continue,
// Stop, Song Position) and the all-notes-off of stop and pause are queued here too. Pure.

import { signatureOf } from '../../song/pattern.js';
import type { Song } from '../../song/song.js';
import type { Player } from '../replayer/player.js';
import type { ReplayerState } from '../replayer/state.js';
import { ClockFollower } from './clock-follower.js';
import { MidiClockOut, pulsesPerTick, songPositionMessage } from './midi-clock.js';
import { CC, CONTINUE, controlChange, START, STOP } from './midi-message.js';
import { MidiNoteGenerator, type MidiSink } from './midi-notes.js';

/** A message of the chunk being rendered. `kind` 'clock' goes to the clock ports, 'note' to instrument ports. */
export interface QueuedMidi {
  /** Frames from the chunk's first frame. */
  readonly offset: number;
  readonly kind: 'note' | 'clock';
  /** Instrument port, or null for the default port ('clock' messages: always null). */
  readonly port: string | null;
  readonly bytes: number[];
}

export interface EngineMidiSettings {
  /** Send MIDI clock and transport messages. */
  readonly clockOut: boolean;
  /** Follow an external clock: tick lengths come from its pulses. */
  readonly followClock: boolean;
}

export class EngineMidi {
  readonly notes = new MidiNoteGenerator();
  private readonly clock = new MidiClockOut();
  private events: QueuedMidi[] = [];
  /** Stream frame of the chunk being rendered. */
  private chunkStart = 0;
  private running = false;
  settings: EngineMidiSettings = { clockOut: false, followClock: false };
  /** The external clock being followed (null: the song's tempo rules). */
  follower: ClockFollower | null = null;
  private readonly sampleRate: number;

  constructor(sampleRate: number) {
    this.sampleRate = sampleRate;
  }

  /** The next chunk starts at this stream frame. */
  beginChunk(streamFrame: number): void {
    this.chunkStart = streamFrame;
  }

  /** The messages of the chunk just rendered (and forgets them). */
  take(): QueuedMidi[] {
    const e = this.events;
    this.events = [];
    return e;
  }

  get pending(): number {
    return this.events.length;
  }

  private push(offset: number, kind: QueuedMidi['kind'], port: string | null, bytes: number[]): void {
    this.events.push({ offset, kind, port, bytes });
  }

  private readonly noteSink: MidiSink = (at, port, bytes) => this.push(at, 'note', port, bytes);
  private readonly clockSink: MidiSink = (at, _port, bytes) => this.push(at, 'clock', null, bytes);

  /** Hooks a player: notes of every player, clock and external tempo for the song player only. */
  attach(player: Player, isSongPlayer: boolean): void {
    // A beat is the playing pattern's rows per beat (its own time signature, or the song's).
    const rpb = (r: ReplayerState) => Math.max(1, signatureOf(r.song.patterns[r.pattern], r.song).rowsPerBeat || 4);
    // Made once per player, not per tick: the tick path allocates nothing when there is no MIDI.
    player.onTick = (r, offset, frames) => {
      this.notes.tick(r, offset, this.noteSink);
      if (isSongPlayer && this.running && this.settings.clockOut) this.clock.tick(offset, frames, r.speed, rpb(r), this.clockSink);
    };
    player.tickLength = isSongPlayer && this.settings.followClock
      ? (r, offset) => {
        const f = this.ensureFollower(r.tempo, r.speed, rpb(r));
        return f.nextTickFrames(this.chunkStart + offset, pulsesPerTick(r.speed, rpb(r)));
      }
      : null;
  }

  private ensureFollower(tempo: number, speed: number, rpb: number): ClockFollower {
    if (!this.follower) {
      const tickFrames = (this.sampleRate * 2.5) / Math.max(1, tempo);
      this.follower = new ClockFollower({ initialFramesPerPulse: tickFrames / pulsesPerTick(speed, rpb) });
    }
    return this.follower;
  }

  /** Playback starts at the next chunk's first frame: Start from the top, else Song Position + Continue. */
  started(song: Song, order: number, row: number, withTransport: boolean): void {
    this.notes.resetPrograms();
    this.clock.reset();
    this.running = withTransport;
    if (!withTransport || !this.settings.clockOut) return;
    if (order === 0 && row === 0) this.push(0, 'clock', null, [START]);
    else {
      this.push(0, 'clock', null, songPositionMessage(song, order, row));
      this.push(0, 'clock', null, [CONTINUE]);
    }
  }

  /**
   * Playback stopped (by the user or the song's end): note-offs now, then All Notes Off on every
   * channel notes went to (a synth that missed a note-off is silenced too), and Stop.
   */
  stopped(offset = 0): void {
    this.notes.silence(offset, this.noteSink);
    for (const u of this.notes.usedChannels()) this.push(offset, 'note', u.port, controlChange(u.channel, CC.allNotesOff, 0));
    if (this.running && this.settings.clockOut) this.push(offset, 'clock', null, [STOP]);
    this.running = false;
  }

  paused(): void {
    this.notes.silence(0, this.noteSink);
    if (this.running && this.settings.clockOut) this.push(0, 'clock', null, [STOP]);
  }

  resumed(): void {
    if (this.running && this.settings.clockOut) this.push(0, 'clock', null, [CONTINUE]);
  }

  /** An external clock pulse heard at this stream frame. */
  externalPulse(streamFrame: number): void {
    this.follower?.pulse(streamFrame);
  }

  /** Starts following anew (an external Start or Continue): the next pulse is the song's pulse 0. */
  resetFollower(song: Song): void {
    this.follower = null;
    const rpb = Math.max(1, song.rowsPerBeat || 4);
    this.ensureFollower(song.initialTempo, song.initialSpeed, rpb);
  }
}
