// A MIDI driver for tests that run the engine in another process: output ports named in
// TRACKER_TEST_MIDI_PORTS (default "Synth A") append every message they are sent to the file
// TRACKER_TEST_MIDI_LOG as JSON lines { port, bytes, time, pid }.
import { appendFileSync } from 'node:fs';
import { monotonicMs } from '../../../src/engine/host/monotonic-clock.js';
import { MemoryMidiDriver } from '../../../src/engine/midi/midi-port.js';

export function createMidiDriver(): MemoryMidiDriver {
  const ports = (process.env['TRACKER_TEST_MIDI_PORTS'] ?? 'Synth A').split(',');
  const log = process.env['TRACKER_TEST_MIDI_LOG'];
  const driver = new MemoryMidiDriver(ports, [], monotonicMs);
  const open = driver.openOutput.bind(driver);
  driver.openOutput = (name: string) => {
    const port = open(name);
    const send = port.send.bind(port);
    port.send = (bytes) => {
      send(bytes);
      if (log) appendFileSync(log, `${JSON.stringify({ port: name, bytes: [...bytes], time: monotonicMs(), pid: process.pid })}\n`);
    };
    return port;
  };
  return driver;
}

/** The messages logged so far. */
export function readMidiLog(text: string): { port: string; bytes: number[]; time: number; pid: number }[] {
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { port: string; bytes: number[]; time: number; pid: number });
}
