// The engine's handle on its MIDI sender thread: queues time-stamped messages, cancels the future
// on stop and jumps, panics, and reports which ports opened and how late messages went out.

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import type { SendTiming, SenderReport, SenderRequest, TimedMessage } from './midi-sender-protocol.js';

export type { TimedMessage };

export interface MidiSenderOptions {
  /** Module exporting createMidiDriver() (default: the easymidi adapter). */
  readonly driverModule?: string;
  /** Reports from the thread (ports opened, send errors). */
  readonly onReport?: (report: SenderReport) => void;
}

function sibling(name: string): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const ts = here.endsWith('.ts');
  const file = join(dirname(here), `${name}.${ts ? 'ts' : 'js'}`);
  return { file, execArgv: ts ? ['--import', join(dirname(here), '../../../bench/lib/ts-hooks.mjs')] : [] };
}

/** Path of the default driver module (easymidi through RtMidi). */
export function defaultDriverModule(): string {
  return sibling('easymidi-driver').file;
}

/** What the engine's MIDI host needs of a sender (MidiSender; tests record instead). */
export interface MidiSenderLike {
  setPorts(names: readonly string[]): void;
  send(messages: readonly TimedMessage[]): void;
  cancelAfter(after: number): void;
  panic(ports?: readonly string[]): void;
  stats(reset?: boolean): Promise<{ notes: SendTiming; clock: SendTiming }>;
  close(timeoutMs?: number): Promise<void>;
}

export class MidiSender implements MidiSenderLike {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly wake: Int32Array;
  private readonly onReport: ((report: SenderReport) => void) | undefined;
  private statsWaiters: ((s: { notes: SendTiming; clock: SendTiming }) => void)[] = [];
  private closedWaiters: (() => void)[] = [];
  private exited = false;

  constructor(options: MidiSenderOptions = {}) {
    const { file, execArgv } = sibling('midi-sender-worker');
    const channel = new MessageChannel();
    const wake = new SharedArrayBuffer(4);
    this.wake = new Int32Array(wake);
    this.port = channel.port1;
    this.onReport = options.onReport;
    this.worker = new Worker(file, {
      workerData: { port: channel.port2, wake, driverModule: options.driverModule ?? defaultDriverModule() },
      transferList: [channel.port2],
      execArgv,
      stdout: false,
      stderr: false,
    });
    this.worker.unref();
    this.port.unref();
    this.port.on('message', (r: SenderReport) => this.received(r));
    this.worker.on('error', (e) => this.onReport?.({ op: 'error', port: '', reason: `MIDI sender stopped: ${e.message}` }));
    this.worker.on('exit', () => {
      this.exited = true;
      for (const w of this.closedWaiters.splice(0)) w();
    });
  }

  private received(r: SenderReport): void {
    if (r.op === 'stats') for (const w of this.statsWaiters.splice(0)) w({ notes: r.notes, clock: r.clock });
    else if (r.op === 'closed') for (const w of this.closedWaiters.splice(0)) w();
    this.onReport?.(r);
  }

  private request(req: SenderRequest): void {
    if (this.exited) return;
    this.port.postMessage(req);
    Atomics.add(this.wake, 0, 1);
    Atomics.notify(this.wake, 0);
  }

  /** Opens exactly these outputs (others are released and closed). */
  setPorts(names: readonly string[]): void {
    this.request({ op: 'ports', names });
  }

  send(messages: readonly TimedMessage[]): void {
    if (messages.length > 0) this.request({ op: 'send', messages });
  }

  /** Drops messages due after `after` (monotonic ms); their note-offs go out at once. */
  cancelAfter(after: number): void {
    this.request({ op: 'cancel', after });
  }

  panic(ports?: readonly string[]): void {
    this.request(ports ? { op: 'panic', ports } : { op: 'panic' });
  }

  /** How late messages went out (sent - due), since the last reset. */
  stats(reset = false): Promise<{ notes: SendTiming; clock: SendTiming }> {
    return new Promise((resolve) => {
      this.statsWaiters.push(resolve);
      this.request({ op: 'stats', reset });
    });
  }

  /** All notes off, ports closed, thread ended (within `timeoutMs`). */
  close(timeoutMs = 500): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        void this.worker.terminate();
        resolve();
      }, timeoutMs);
      this.closedWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
      this.request({ op: 'close' });
    });
  }
}
