// The interface between the engine and MIDI hardware: a driver lists and opens ports, an output
// port sends one message at a time, an input port calls back with each message. The easymidi
// adapter (src/engine/host/easymidi-driver.ts) implements it for RtMidi; MemoryMidiDriver
// implements it in memory for tests and benchmarks.

import type { MidiBytes } from './midi-message.js';

export interface MidiOutputPort {
  readonly name: string;
  send(bytes: MidiBytes): void;
  close(): void;
}

export interface MidiInputPort {
  readonly name: string;
  close(): void;
}

export interface MidiDriver {
  /** Output port names; throws (with the system's reason) when MIDI is unavailable. */
  outputs(): string[];
  /** Input port names; throws when MIDI is unavailable. */
  inputs(): string[];
  openOutput(name: string): MidiOutputPort;
  openInput(name: string, onMessage: (bytes: number[]) => void): MidiInputPort;
}

/** One message a memory port received, with the time the sender gave it. */
export interface RecordedMidi {
  readonly time: number;
  readonly bytes: number[];
}

/** An output port that keeps what it was sent. */
export class MemoryOutputPort implements MidiOutputPort {
  readonly name: string;
  readonly received: RecordedMidi[] = [];
  closed = false;
  private readonly clock: () => number;

  constructor(name: string, clock: () => number = () => 0) {
    this.name = name;
    this.clock = clock;
  }

  send(bytes: MidiBytes): void {
    if (this.closed) throw new Error(`${this.name}: port closed`);
    this.received.push({ time: this.clock(), bytes: [...bytes] });
  }

  close(): void {
    this.closed = true;
  }
}

/** A MIDI system in memory: named ports, messages injected into inputs, ports that come and go. */
export class MemoryMidiDriver implements MidiDriver {
  private outputNames: string[];
  private inputNames: string[];
  readonly opened = new Map<string, MemoryOutputPort>();
  private readonly listeners = new Map<string, (bytes: number[]) => void>();
  /** When set, every call throws it (no MIDI system). */
  failure: string | null = null;
  private readonly clock: () => number;

  constructor(outputs: string[] = [], inputs: string[] = [], clock: () => number = () => 0) {
    this.outputNames = outputs;
    this.inputNames = inputs;
    this.clock = clock;
  }

  private check(): void {
    if (this.failure) throw new Error(this.failure);
  }

  outputs(): string[] {
    this.check();
    return [...this.outputNames];
  }

  inputs(): string[] {
    this.check();
    return [...this.inputNames];
  }

  openOutput(name: string): MemoryOutputPort {
    this.check();
    if (!this.outputNames.includes(name)) throw new Error(`No MIDI output found with name: ${name}`);
    const port = new MemoryOutputPort(name, this.clock);
    this.opened.set(name, port);
    return port;
  }

  openInput(name: string, onMessage: (bytes: number[]) => void): MidiInputPort {
    this.check();
    if (!this.inputNames.includes(name)) throw new Error(`No MIDI input found with name: ${name}`);
    this.listeners.set(name, onMessage);
    return { name, close: () => this.listeners.delete(name) };
  }

  /** A message arrives at an input port. */
  inject(name: string, bytes: number[]): void {
    this.listeners.get(name)?.(bytes);
  }

  /** Ports appear or vanish (hot-plug). */
  setPorts(outputs: string[], inputs: string[] = this.inputNames): void {
    this.outputNames = outputs;
    this.inputNames = inputs;
  }

  /** Everything sent to an output port so far (empty if never opened). */
  sent(name: string): number[][] {
    return this.opened.get(name)?.received.map((m) => m.bytes) ?? [];
  }
}
