// A MIDI driver for tests of the sender thread and the engine's MIDI host: memory ports in every
// thread, kept in step through a BroadcastChannel. Outputs report each message they are sent (with
// the monotonic time of sending) on the channel; tests control the ports through it too.
import { BroadcastChannel } from 'node:worker_threads';
import { monotonicMs } from '../../../src/engine/host/monotonic-clock.js';
import { MemoryMidiDriver } from '../../../src/engine/midi/midi-port.js';

export const CHANNEL = 'tracker-test-midi';

export type TestMidiMessage =
  | { readonly op: 'sent'; readonly port: string; readonly bytes: number[]; readonly time: number }
  | { readonly op: 'ports'; readonly outputs: string[]; readonly inputs: string[] }
  | { readonly op: 'fail'; readonly reason: string | null };

const channel = new BroadcastChannel(CHANNEL);
(channel as unknown as { unref?: () => void }).unref?.();

/** This thread's driver (the engine's main thread lists ports and opens inputs with it). */
export const driver = new MemoryMidiDriver(['Synth A', 'Synth B'], ['Keys'], monotonicMs);

const openOutput = driver.openOutput.bind(driver);
driver.openOutput = (name: string) => {
  const port = openOutput(name);
  const send = port.send.bind(port);
  port.send = (bytes) => {
    send(bytes);
    channel.postMessage({ op: 'sent', port: name, bytes: [...bytes], time: monotonicMs() } satisfies TestMidiMessage);
  };
  return port;
};

channel.onmessage = (e: unknown) => {
  const m = (e as { data: TestMidiMessage }).data;
  if (m.op === 'ports') driver.setPorts(m.outputs, m.inputs);
  else if (m.op === 'fail') driver.failure = m.reason;
};

export function createMidiDriver(): MemoryMidiDriver {
  return driver;
}

/** Changes the ports (or makes MIDI unavailable) in every thread. */
export function setTestPorts(outputs: string[], inputs: string[] = ['Keys'], from: BroadcastChannel = new BroadcastChannel(CHANNEL)): void {
  driver.setPorts(outputs, inputs);
  from.postMessage({ op: 'ports', outputs, inputs } satisfies TestMidiMessage);
}

export function setTestFailure(reason: string | null, from: BroadcastChannel = new BroadcastChannel(CHANNEL)): void {
  driver.failure = reason;
  from.postMessage({ op: 'fail', reason } satisfies TestMidiMessage);
}

/** Collects the messages the sender thread sends (listen before starting it). */
export function listen(): { sent: { port: string; bytes: number[]; time: number }[]; close: () => void; channel: BroadcastChannel } {
  const sent: { port: string; bytes: number[]; time: number }[] = [];
  const ch = new BroadcastChannel(CHANNEL);
  ch.onmessage = (e: unknown) => {
    const m = (e as { data: TestMidiMessage }).data;
    if (m.op === 'sent') sent.push({ port: m.port, bytes: m.bytes, time: m.time });
  };
  return { sent, close: () => ch.close(), channel: ch };
}
