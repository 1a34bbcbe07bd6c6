// Plays songs through the engine core and collects its MIDI messages with their stream frames, and
// builds songs with MIDI instruments.
import { EngineCore } from '../../../src/engine/host/engine-core.js';
import type { EngineMidiSettings, QueuedMidi } from '../../../src/engine/midi/engine-midi.js';
import { MemoryMidiDriver } from '../../../src/engine/midi/midi-port.js';
import { portsFor, type MidiRouting } from '../../../src/engine/midi/midi-router.js';
import { createInstrument, NO_MIDI } from '../../../src/song/create.js';
import type { Instrument, InstrumentMidi, Song } from '../../../src/song/song.js';
import { simpleMix } from '../../helpers/simple-mix.js';

export const RATE = 48000;
/** Frames per tick at tempo 125: floor(48000 * 2.5 / 125). */
export const TICK = 960;

export interface TimedMidi extends QueuedMidi {
  /** Stream frame. */
  readonly frame: number;
}

/** A MIDI-only instrument (no sample) on `channel` 1..16. */
export function midiInstrument(midi: Partial<InstrumentMidi> = {}, changes: Partial<Instrument> = {}, sample = 0): Instrument {
  return createInstrument(sample, { name: 'synth', ...changes, midi: { ...NO_MIDI, channel: 1, ...midi } });
}

export interface PlayOptions {
  readonly frames?: number;
  readonly chunk?: number;
  readonly settings?: EngineMidiSettings;
  /** Commands sent at stream frames (applied before the chunk containing that frame). */
  readonly at?: readonly { frame: number; run: (core: EngineCore) => void }[];
  readonly start?: { order: number; row: number; mode?: 'song' | 'pattern' | 'row' } | null;
}

/** Plays `song` from the top for `frames` frames; returns every MIDI message with its frame. */
export function playMidi(song: Song, options: PlayOptions = {}): { events: TimedMidi[]; core: EngineCore } {
  const core = new EngineCore({ sampleRate: RATE, mix: simpleMix(RATE) });
  core.handle({ type: 'setSong', song });
  if (options.settings) core.setMidiSettings(options.settings);
  const start = options.start === undefined ? { order: 0, row: 0 } : options.start;
  if (start) core.handle({ type: 'play', mode: start.mode ?? 'song', order: start.order, row: start.row });
  const chunk = options.chunk ?? 384;
  const total = options.frames ?? RATE;
  const left = new Float32Array(chunk);
  const right = new Float32Array(chunk);
  const events: TimedMidi[] = [];
  const pending = [...(options.at ?? [])].sort((a, b) => a.frame - b.frame);
  for (let f = 0; f < total; f += chunk) {
    while (pending.length > 0 && (pending[0]?.frame ?? Infinity) <= f) pending.shift()?.run(core);
    core.render(left, right, chunk);
    for (const e of core.midi.take()) events.push({ ...e, frame: f + e.offset });
  }
  return { events, core };
}

/** Sends the messages to the memory driver's ports as the host routes them. */
export function deliver(events: readonly TimedMidi[], driver: MemoryMidiDriver, routing: MidiRouting): void {
  const open = new Map<string, ReturnType<MemoryMidiDriver['openOutput']>>();
  for (const e of events) {
    for (const name of portsFor(e, routing)) {
      let port = open.get(name);
      if (!port) {
        port = driver.openOutput(name);
        open.set(name, port);
      }
      port.send(e.bytes);
    }
  }
}

/** Note messages only, as [frame, status, data1, data2]. */
export function notes(events: readonly TimedMidi[]): number[][] {
  return events.filter((e) => e.kind === 'note' && ((e.bytes[0] ?? 0) & 0xe0) === 0x80).map((e) => [e.frame, ...e.bytes]);
}

/** Messages with a status high nibble (e.g. 0xe0 pitch bend, 0xb0 CC). */
export function ofType(events: readonly TimedMidi[], high: number): TimedMidi[] {
  return events.filter((e) => ((e.bytes[0] ?? 0) & 0xf0) === high);
}
