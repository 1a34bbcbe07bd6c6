// The replayer's notes as MIDI: after every tick this reads the channels playing MIDI instruments
// and sends what changed: note-offs (key off, cut, fade, a new note, the new-note action releasing
// a background note), note-ons with velocity from the note's volume (after program and bank
// changes), pitch bend following portamento, vibrato and arpeggio, and controller changes from
// Zxx / \xx macros (or, for an instrument with a controller set, Zxx as a plain "set CC"). Pure: it
// reads replayer state and calls `out` with frame-stamped messages.

import type { ChannelState } from '../replayer/channel-state.js';
import { CMD } from '../replayer/commands.js';
import { DEFAULT_MIDI_MACROS } from '../replayer/macros.js';
import { freqFromPeriod } from '../replayer/pitch.js';
import type { ReplayerState } from '../replayer/state.js';
import { macroToMidi } from './midi-macro.js';
import { controlChange, CC, noteOff, noteOn, pitchBend, programChange, splitMessages } from './midi-message.js';

/** Receives one message: `frame` counts from the start of the stream, `port` null = the default port. */
export type MidiSink = (frame: number, port: string | null, bytes: number[]) => void;

/** The default pitch-bend range of synths (General MIDI: 2 semitones). */
export const DEFAULT_BEND_RANGE = 2;
const BEND_CENTRE = 8192;

/** A note sounding on MIDI (records are reused: the tick path allocates nothing in steady state). */
interface Sounding {
  id: number;
  port: string | null;
  channel: number;
  /** Port and channel as one map key. */
  portChannel: string;
  key: number;
  /** Frequency of the note as struck (no modulation), for pitch bend. */
  refFreq: number;
  bendRange: number;
  /** Channel slot that held it last tick. */
  slot: number;
  /** The bend this note asked for last (notes sharing a MIDI channel only send their own changes). */
  lastBend: number;
  /** The tick in which a channel last held it. */
  seen: number;
}

/** MIDI key of a model note: C-5 (61) is middle C (60). */
export function midiKey(note: number, transpose: number): number {
  return Math.max(0, Math.min(127, note - 1 + transpose));
}

/** Velocity 1..127 of a note volume 0..256. */
export function velocityOf(volume: number): number {
  return Math.max(1, Math.min(127, Math.round((volume * 127) / 256)));
}

const portKey = (port: string | null, channel: number): string => `${port ?? ''}\u0000${channel}`;

/**
 * The value a Zxx (xx) or smooth \xx (a step from `previous` towards xx, reaching it on the row's last
 * tick) gives this tick, 0..127.
 */
export function macroValue(r: ReplayerState, chn: ChannelState, previous: number | undefined): number {
  const z = chn.rowParam & 0x7f;
  if (chn.rowCmd !== CMD.SMOOTHMIDI) return z;
  const from = previous ?? z;
  const ticksLeft = r.ticksOnRow() - r.tick;
  return ticksLeft <= 1 ? z : Math.round(from + (z - from) / ticksLeft);
}

export class MidiNoteGenerator {
  /** Notes sounding on MIDI, by note identity, and the same records as a list (iterated without iterators). */
  private readonly sounding = new Map<number, Sounding>();
  private readonly soundingList: Sounding[] = [];
  /** Released records, reused by the next notes. */
  private readonly spare: Sounding[] = [];
  /** Program/bank last sent per port and channel. */
  private readonly programs = new Map<string, number>();
  /** Pitch bend last sent per port and channel. */
  private readonly bends = new Map<string, number>();
  /** Ports and channels used since the last panic (for all-notes-off). */
  private readonly used = new Map<string, { port: string | null; channel: number }>();
  /** Smooth-macro (\xx) value per pattern channel. */
  private readonly smooth: number[] = [];
  /** Controller value last sent per pattern channel by an instrument's "set CC" (\xx sends only changes). */
  private readonly controllers: number[] = [];
  /** Channels whose note started this tick (reused; `startedCount` are valid). */
  private readonly started: number[] = [];
  private startedCount = 0;
  /** Counts ticks, to mark the notes still held (no per-tick set: the tick path allocates nothing). */
  private tickSerial = 0;

  /** Sends what this tick changed; call after each tick of the replayer. */
  tick(r: ReplayerState, frame: number, out: MidiSink): void {
    const started = this.started;
    this.startedCount = 0;
    const serial = ++this.tickSerial;
    const chans = r.channels;
    const end = Math.min(chans.length, r.usedEnd);
    for (let ci = 0; ci < end; ci++) {
      const chn = chans[ci] as ChannelState;
      const id = chn.noteId;
      if (id === 0) continue;
      const ins = chn.instrument;
      if (!ins || ins.midiChannel <= 0) continue;
      if (ci < r.numChannels && r.userMuted[ci] === true) continue;
      if (chn.keyOff || chn.noteFade || chn.volume <= 0) continue;
      if (ci >= r.numChannels && chn.length === 0) continue;
      const s = this.sounding.get(id);
      if (s) {
        s.slot = ci;
        s.seen = serial;
      } else started[this.startedCount++] = ci;
    }
    const list = this.soundingList;
    let kept = 0;
    for (let i = 0; i < list.length; i++) {
      const s = list[i] as Sounding;
      if (s.seen === serial) {
        list[kept++] = s;
        continue;
      }
      out(frame, s.port, noteOff(s.channel, s.key));
      this.sounding.delete(s.id);
      this.spare.push(s);
    }
    list.length = kept;
    for (let i = 0; i < this.startedCount; i++) this.start(r, started[i] as number, frame, out);
    for (let i = 0; i < list.length; i++) this.bend(r, list[i] as Sounding, frame, out);
    if (r.song.instruments.length > 0) for (let ci = 0; ci < r.numChannels; ci++) this.macro(r, ci, frame, out);
  }

  private start(r: ReplayerState, ci: number, frame: number, out: MidiSink): void {
    const chn = r.channels[ci] as ChannelState;
    const m = chn.instrument?.model.midi;
    if (!m || m.channel < 1) return;
    const channel = m.channel - 1;
    const port = m.port;
    const key = portKey(port, channel);
    if (!this.used.has(key)) this.used.set(key, { port, channel });
    const patch = m.program < 0 ? -1 : Math.max(0, m.bank) * 128 + m.program;
    if (patch >= 0 && this.programs.get(key) !== patch) {
      if (m.bank >= 0) {
        out(frame, port, controlChange(channel, CC.bankMsb, m.bank >> 7));
        out(frame, port, controlChange(channel, CC.bankLsb, m.bank & 0x7f));
      }
      out(frame, port, programChange(channel, m.program));
      this.programs.set(key, patch);
    }
    const bendRange = m.bendRange;
    if (bendRange > 0 && (this.bends.get(key) ?? BEND_CENTRE) !== BEND_CENTRE) {
      out(frame, port, pitchBend(channel, BEND_CENTRE));
      this.bends.set(key, BEND_CENTRE);
    }
    const note = midiKey(chn.midiNote, m.transpose);
    out(frame, port, noteOn(channel, note, velocityOf(chn.volume)));
    const s = this.spare.pop() ?? { id: 0, port: null, channel: 0, portChannel: '', key: 0, refFreq: 0, bendRange: 0, slot: 0, lastBend: 0, seen: 0 };
    s.id = chn.noteId;
    s.port = port;
    s.channel = channel;
    s.portChannel = key;
    s.key = note;
    s.refFreq = chn.period > 0 ? freqFromPeriod(r.b, chn.period, chn.c5Speed, 0) : 0;
    s.bendRange = bendRange;
    s.slot = ci;
    s.lastBend = BEND_CENTRE;
    s.seen = this.tickSerial;
    this.sounding.set(s.id, s);
    this.soundingList.push(s);
  }



  private bend(r: ReplayerState, s: Sounding, frame: number, out: MidiSink): void {
    if (s.bendRange <= 0 || s.refFreq <= 0) return;
    const freq = (r.channels[s.slot] as ChannelState).voice.frequency;
    if (freq <= 0) return;
    const semitones = 12 * Math.log2(freq / s.refFreq);
    const value = Math.max(0, Math.min(16383, Math.round(BEND_CENTRE + (semitones / s.bendRange) * BEND_CENTRE)));
    if (value === s.lastBend) return;
    s.lastBend = value;
    const key = s.portChannel;
    if ((this.bends.get(key) ?? BEND_CENTRE) === value) return;
    this.bends.set(key, value);
    out(frame, s.port, pitchBend(s.channel, value));
  }

  /** Zxx on the first tick, \xx on every tick (moving towards its value), for MIDI instruments. */
  private macro(r: ReplayerState, ci: number, frame: number, out: MidiSink): void {
    const chn = r.channels[ci] as ChannelState;
    const isSmooth = chn.rowCmd === CMD.SMOOTHMIDI;
    if (!((chn.rowCmd === CMD.MIDI && r.firstTick) || isSmooth)) return;
    const m = chn.instrument?.model.midi;
    if (!m || m.channel < 1) return;
    const cfg = r.song.midiMacros ?? DEFAULT_MIDI_MACROS;
    const param = chn.rowParam & 0xff;
    const macro = param < 0x80 ? (cfg.parametered[chn.activeMacro] ?? '') : (cfg.fixed[param & 0x7f] ?? '');
    const z = macroValue(r, chn, this.smooth[ci]);
    this.smooth[ci] = z;
    const channel = m.channel - 1;
    if (m.controller >= 0 && param < 0x80) {
      // The instrument's plain "set CC": Zxx sends controller n with value xx.
      if (this.controllers[ci] !== z || r.firstTick) out(frame, m.port, controlChange(channel, m.controller, z));
      this.controllers[ci] = z;
      return;
    }
    const sounding = chn.noteId ? this.sounding.get(chn.noteId) : undefined;
    const bytes = macroToMidi(macro, {
      channel, key: sounding?.key ?? midiKey(chn.midiNote || 61, m.transpose), velocity: velocityOf(chn.volume),
      volume: Math.min(127, chn.volume >> 1), pan: Math.min(127, chn.realPan >> 1), program: m.program, bank: m.bank,
      param: z, patternChannel: ci,
    });
    for (const msg of splitMessages(bytes)) out(frame, m.port, msg);
  }

  /** Note-offs for every sounding note and bends back to centre (stop, pause, jumps). */
  silence(frame: number, out: MidiSink): void {
    for (const s of this.soundingList) {
      out(frame, s.port, noteOff(s.channel, s.key));
      this.spare.push(s);
    }
    this.soundingList.length = 0;
    this.sounding.clear();
    for (const [key, value] of this.bends) {
      if (value === BEND_CENTRE) continue;
      const u = this.used.get(key);
      if (u) out(frame, u.port, pitchBend(u.channel, BEND_CENTRE));
    }
    this.bends.clear();
  }

  /** Forgets programs sent (a new playback re-sends them on the first note). */
  resetPrograms(): void {
    this.programs.clear();
  }

  /** Ports and channels notes were sent to. */
  usedChannels(): { port: string | null; channel: number }[] {
    return [...this.used.values()];
  }

  /** Notes sounding now (tests, status). */
  get soundingCount(): number {
    return this.sounding.size;
  }
}
