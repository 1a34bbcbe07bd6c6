// The MIDI driver for real ports: a thin adapter from the engine's MidiDriver interface to easymidi
// (RtMidi). Messages are byte arrays inside the engine; easymidi wants named message types, so this
// translates both ways and nothing else. Where the machine has no MIDI system, easymidi throws
// "Failed to initialise RtMidi": listing ports then throws a reason a user can read.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { MidiBytes } from '../midi/midi-message.js';
import type { MidiDriver, MidiInputPort, MidiOutputPort } from '../midi/midi-port.js';

/** What the adapter uses of easymidi (the tests pass a mock of exactly this). */
export interface EasyMidiModule {
  getInputs(): string[];
  getOutputs(): string[];
  Output: new (name: string) => { send(type: string, args?: unknown): void; close(): void };
  Input: new (name: string) => { on(event: 'message', listener: (msg: Record<string, unknown>) => void): void; close(): void };
}

const CHANNEL_TYPES: Readonly<Record<number, string>> = {
  0x8: 'noteoff', 0x9: 'noteon', 0xa: 'poly aftertouch', 0xb: 'cc', 0xc: 'program', 0xd: 'channel aftertouch', 0xe: 'pitch',
};
const SYSTEM_TYPES: Readonly<Record<number, string>> = {
  0xf1: 'mtc', 0xf2: 'position', 0xf3: 'select', 0xf6: 'tune', 0xf8: 'clock', 0xfa: 'start', 0xfb: 'continue', 0xfc: 'stop', 0xfe: 'activesense', 0xff: 'reset',
};

/** The easymidi call for one message: [type, args]. */
export function toEasyMidi(bytes: MidiBytes): [string, unknown] | null {
  const status = bytes[0] ?? 0;
  const d1 = bytes[1] ?? 0;
  const d2 = bytes[2] ?? 0;
  if (status === 0xf0) return ['sysex', [...bytes]];
  if (status >= 0xf0) {
    const type = SYSTEM_TYPES[status];
    if (!type) return null;
    if (type === 'position') return [type, { value: d1 | (d2 << 7) }];
    if (type === 'select') return [type, { song: d1 }];
    if (type === 'mtc') return [type, { type: (d1 >> 4) & 7, value: d1 & 15 }];
    return [type, undefined];
  }
  const type = CHANNEL_TYPES[status >> 4];
  if (!type) return null;
  const channel = status & 0x0f;
  switch (type) {
    case 'noteon':
    case 'noteoff': return [type, { note: d1, velocity: d2, channel }];
    case 'poly aftertouch': return [type, { note: d1, pressure: d2, channel }];
    case 'cc': return [type, { controller: d1, value: d2, channel }];
    case 'program': return [type, { number: d1, channel }];
    case 'channel aftertouch': return [type, { pressure: d1, channel }];
    default: return [type, { value: d1 | (d2 << 7), channel }];
  }
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** The bytes of a message easymidi parsed (inputs). */
export function fromEasyMidi(msg: Record<string, unknown>): number[] | null {
  const type = msg['_type'];
  const ch = num(msg['channel']) & 0x0f;
  switch (type) {
    case 'noteon': return [0x90 | ch, num(msg['note']), num(msg['velocity'])];
    case 'noteoff': return [0x80 | ch, num(msg['note']), num(msg['velocity'])];
    case 'poly aftertouch': return [0xa0 | ch, num(msg['note']), num(msg['pressure'])];
    case 'cc': return [0xb0 | ch, num(msg['controller']), num(msg['value'])];
    case 'program': return [0xc0 | ch, num(msg['number'])];
    case 'channel aftertouch': return [0xd0 | ch, num(msg['pressure'])];
    case 'pitch': return [0xe0 | ch, num(msg['value']) & 0x7f, (num(msg['value']) >> 7) & 0x7f];
    case 'position': return [0xf2, num(msg['value']) & 0x7f, (num(msg['value']) >> 7) & 0x7f];
    case 'clock': return [0xf8];
    case 'start': return [0xfa];
    case 'continue': return [0xfb];
    case 'stop': return [0xfc];
    default: return null;
  }
}

const NO_SYSTEM = 'no MIDI system on this machine (no ALSA sequencer)';

/** RtMidi's complaint in words a user understands. */
export function midiUnavailableReason(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return /RtMidi/i.test(m) ? NO_SYSTEM : m;
}

/** Linux MIDI goes through the ALSA sequencer: without its device there is nothing to list. */
export function alsaSequencerPresent(): boolean {
  return process.platform !== 'linux' || existsSync('/dev/snd/seq');
}

export class EasyMidiDriver implements MidiDriver {
  private readonly midi: EasyMidiModule;
  private readonly hasSystem: () => boolean;

  /** `hasSystem` is asked before RtMidi, which prints to stderr each time it fails to start. */
  constructor(midi: EasyMidiModule, hasSystem: () => boolean = () => true) {
    this.midi = midi;
    this.hasSystem = hasSystem;
  }

  outputs(): string[] {
    if (!this.hasSystem()) throw new Error(NO_SYSTEM);
    try {
      return this.midi.getOutputs();
    } catch (e) {
      throw new Error(midiUnavailableReason(e));
    }
  }

  inputs(): string[] {
    if (!this.hasSystem()) throw new Error(NO_SYSTEM);
    try {
      return this.midi.getInputs();
    } catch (e) {
      throw new Error(midiUnavailableReason(e));
    }
  }

  openOutput(name: string): MidiOutputPort {
    const out = new this.midi.Output(name);
    return {
      name,
      send: (bytes) => {
        const call = toEasyMidi(bytes);
        if (call) out.send(call[0], call[1]);
      },
      close: () => out.close(),
    };
  }

  openInput(name: string, onMessage: (bytes: number[]) => void): MidiInputPort {
    const input = new this.midi.Input(name);
    input.on('message', (msg) => {
      const bytes = fromEasyMidi(msg);
      if (bytes) onMessage(bytes);
    });
    return { name, close: () => input.close() };
  }
}

/** The driver over the installed easymidi (the sender thread loads this module by path). */
export function createMidiDriver(): MidiDriver {
  const require = createRequire(import.meta.url);
  let midi: EasyMidiModule;
  try {
    midi = require('easymidi') as EasyMidiModule;
  } catch {
    throw new Error('the MIDI library (easymidi) could not be loaded on this machine');
  }
  return new EasyMidiDriver(midi, alsaSequencerPresent);
}
