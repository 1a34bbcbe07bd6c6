// A MIDI driver for benchmarks: output ports that only count what they are sent (the engine's
// sender thread measures each message's lateness itself, right after the port's send returns).
import { MemoryMidiDriver } from '../../src/engine/midi/midi-port.js';

export function createMidiDriver(): MemoryMidiDriver {
  return new MemoryMidiDriver(['Recorder'], []);
}
