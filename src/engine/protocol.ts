// The messages between the user interface and the audio engine, defined once. They are plain,
// structured-cloneable data so the engine can run in a worker, a child process, or (later) a
// long-lived server that several terminals attach to.

import type { Pattern } from '../song/pattern.js';
import type { Instrument, Sample, Song } from '../song/song.js';

/** How playback should proceed. */
export type PlayMode =
  /** The song from an order (and row), following the order list. */
  | 'song'
  /** The pattern at an order, repeated. */
  | 'pattern'
  /** One row, then stop (the editor's "play row"). */
  | 'row';

/**
 * Song fields that can change under a playing song without rebuilding the player: the sequencer
 * reads the order list and restart as it goes; the rest are start values, display, or read each tick.
 */
export const LIVE_SONG_FIELDS = ['title', 'message', 'initialSpeed', 'initialTempo', 'globalVolume', 'mixVolume', 'stereoSeparation', 'rowsPerBeat', 'rowsPerMeasure', 'restartOrder', 'notation', 'orders', 'origin'] as const;
export type LiveSongField = (typeof LIVE_SONG_FIELDS)[number];

/** Commands from the UI to the engine. */
export type EngineCommand =
  /** Replace the whole song (on open, new, undo of structural edits). */
  | { readonly type: 'setSong'; readonly song: Song }
  /**
   * Song fields the replayer reads as it goes changed (the order list, restart, initial settings,
   * highlights, title...): playback carries on where it is, no note is cut.
   */
  | { readonly type: 'setSongFields'; readonly fields: Partial<Pick<Song, LiveSongField>> }
  /** One pattern changed (the common edit): heard within one render-ahead chunk. */
  | { readonly type: 'setPattern'; readonly index: number; readonly pattern: Pattern }
  | { readonly type: 'setSample'; readonly index: number; readonly sample: Sample }
  | { readonly type: 'setInstrument'; readonly index: number; readonly instrument: Instrument }
  | { readonly type: 'play'; readonly mode: PlayMode; readonly order: number; readonly row: number }
  | { readonly type: 'stop' }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  /** Preview (keyjazz): play `note` with `instrument` (1-based; sample in sample mode) on a preview voice. */
  | { readonly type: 'previewNote'; readonly note: number; readonly instrument: number; readonly volume: number; readonly channel: number; readonly hold?: boolean }
  | { readonly type: 'previewOff'; readonly channel: number }
  | { readonly type: 'setMute'; readonly channel: number; readonly muted: boolean }
  | { readonly type: 'setOutput'; readonly device: string | null; readonly sampleRate: number; readonly latencyMs: number }
  /** Ask for the output devices (answered by a 'devices' event). */
  | { readonly type: 'listDevices' }
  /** MIDI ports, clock and latency (remembered in the settings file by the UI). */
  | { readonly type: 'setMidi'; readonly setup: MidiSetup }
  /** All notes off on every MIDI output, now. */
  | { readonly type: 'midiPanic' }
  /** Ask how late MIDI messages went out (answered by a 'midiTiming' event). */
  | { readonly type: 'midiTiming' }
  | { readonly type: 'shutdown' };

/** Where playback is, sent at least 30 times a second while playing. */
export interface PositionSnapshot {
  readonly playing: boolean;
  readonly paused: boolean;
  readonly order: number;
  readonly pattern: number;
  readonly row: number;
  readonly tick: number;
  readonly speed: number;
  readonly tempo: number;
  /** Per pattern channel, 0..1 peak level of the last tick. */
  readonly vu: readonly number[];
  /** Seconds of song played. */
  readonly seconds: number;
}

/** The audio output's state, for the status line. */
export interface AudioStatus {
  /** 'device': playing to a sound card; 'silent': no device, the clock still runs; 'error': failed. */
  readonly kind: 'device' | 'silent' | 'error';
  /** Device name, or the reason there is none. */
  readonly detail: string;
  readonly sampleRate: number;
  /** Average and peak render load 0..1 and the underrun ratio, when measured. */
  readonly load?: { readonly average: number; readonly peak: number; readonly underrunRatio: number };
  /** The audio clock (seconds), the engine process's CPU time (seconds) and its wall time when measured. */
  readonly clock?: {
    readonly audioSeconds: number;
    readonly cpuSeconds: number;
    readonly wallSeconds: number;
    readonly lateFrames: number;
    /** The longest the engine's timer fired late since the previous status, in ms (the machine kept it waiting). */
    readonly wakeLateMs?: number;
    /** How far ahead of the clock the engine renders while playing, in ms (it grows while the machine is slow). */
    readonly aheadMs?: number;
  };
}

/** Lateness of sent MIDI messages in milliseconds. */
export interface MidiTiming {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** The user's MIDI choices. */
export interface MidiSetup {
  /** Output for instruments without a port of their own (and for the clock); null = none (nothing is sent to a port the user did not choose). */
  readonly output: string | null;
  /** Input for note entry (and the external clock); null = none. */
  readonly input: string | null;
  /** Send MIDI clock and transport to the output. */
  readonly clockOut: boolean;
  /** Follow the clock and transport arriving at the input. */
  readonly clockIn: boolean;
  /** Per output port: milliseconds added to (or, negative, taken from) every send time, to line up with the audio. */
  readonly latencyMs: Readonly<Record<string, number>>;
}

/** The MIDI side's state, for the status line and the MIDI setup dialog. */
export interface MidiStatus {
  /** False when the machine has no MIDI system (then `detail` says why). */
  readonly available: boolean;
  readonly detail: string;
  readonly outputs: readonly string[];
  readonly inputs: readonly string[];
  /** Outputs open now, and the input listened to. */
  readonly openOutputs: readonly string[];
  readonly openInput: string | null;
  /** Tempo of the followed external clock (BPM), when following. */
  readonly externalBpm?: number;
}

/** Events from the engine to the UI. */
export type EngineEvent =
  | { readonly type: 'position'; readonly position: PositionSnapshot }
  | { readonly type: 'audio'; readonly status: AudioStatus }
  | { readonly type: 'ended' }
  /** The audio output devices the engine can open (ids for setOutput and the settings file). */
  | { readonly type: 'devices'; readonly devices: readonly { readonly id: string; readonly label: string }[] }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'midi'; readonly status: MidiStatus }
  /** A note or controller from the MIDI input (note entry, keyjazz): raw bytes. */
  | { readonly type: 'midiInput'; readonly bytes: readonly number[] }
  /** How late MIDI messages left (sent - due, ms) for notes and for clock, since the engine started. */
  | { readonly type: 'midiTiming'; readonly notes: MidiTiming; readonly clock: MidiTiming };

/** What the UI holds of the engine: a way to send commands and hear events. */
export interface EngineClient {
  send(command: EngineCommand): void;
  /** Adds a listener; returns a function that removes it. */
  onEvent(listener: (event: EngineEvent) => void): () => void;
  /** Stops the engine and releases the audio device. */
  close(): Promise<void>;
}

/**
 * How setPattern, setSample and setInstrument apply on either side: item `index` replaced, or
 * appended when `index` is one past the end (a pattern, sample or instrument added while playing).
 */
export function withItem<T>(list: readonly T[], index: number, item: T): readonly T[] {
  if (index < 0 || index > list.length) return list;
  const out = list.slice();
  out[index] = item;
  return out;
}
