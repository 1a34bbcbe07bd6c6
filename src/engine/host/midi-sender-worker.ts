// The MIDI sender thread: owns the output ports and sends each message at its due time on the
// monotonic clock. It sleeps in Atomics.wait until just before the next message and spins the last
// fraction of a millisecond, so neither the engine's rendering nor its garbage collection delays a
// note or a clock pulse. Requests arrive on a MessagePort and wake it through a shared counter.

import { type MessagePort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { CC, controlChange, noteOff } from '../midi/midi-message.js';
import type { MidiDriver, MidiOutputPort } from '../midi/midi-port.js';
import type { SendTiming, SenderReport, SenderRequest, TimedMessage } from './midi-sender-protocol.js';
import { monotonicMs } from './monotonic-clock.js';

interface WorkerInput {
  readonly port: MessagePort;
  readonly wake: SharedArrayBuffer;
  /** Module exporting createMidiDriver(): MidiDriver. */
  readonly driverModule: string;
}

/**
 * Sleep until this long before a message is due, then spin. The margin follows how late this thread
 * has been waking up (twice a running average, plus 0.1 ms), between 0.2 and 1 ms: a quiet machine
 * spins little, a busy one wakes early enough to still send on time.
 */
const SPIN_MIN_MS = 0.2;
const SPIN_MAX_MS = 1;
let spinMs = 0.3;
let wakeLateAvg = 0.1;

const input = workerData as WorkerInput;
const wake = new Int32Array(input.wake);
const port = input.port;
const report = (r: SenderReport): void => port.postMessage(r);

const { createMidiDriver } = (await import(input.driverModule)) as { createMidiDriver: () => MidiDriver };
let driver: MidiDriver | null = null;
try {
  driver = createMidiDriver();
} catch (e) {
  report({ op: 'error', port: '', reason: e instanceof Error ? e.message : String(e) });
}

const outputs = new Map<string, MidiOutputPort>();
/** Notes on per port: (channel << 7 | key) -> count, so panic can release each one. */
const notesOn = new Map<string, Map<number, number>>();
let queue: TimedMessage[] = [];
const lateNotes: number[] = [];
const lateClock: number[] = [];

function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function track(name: string, bytes: readonly number[]): void {
  const status = (bytes[0] ?? 0) & 0xf0;
  if (status !== 0x90 && status !== 0x80) return;
  const id = (((bytes[0] ?? 0) & 0x0f) << 7) | ((bytes[1] ?? 0) & 0x7f);
  let on = notesOn.get(name);
  if (!on) notesOn.set(name, (on = new Map()));
  const n = on.get(id) ?? 0;
  if (status === 0x90 && (bytes[2] ?? 0) > 0) on.set(id, n + 1);
  else if (n <= 1) on.delete(id);
  else on.set(id, n - 1);
}

/** Sends one message; false when the port is not open (or just failed). */
function sendNow(name: string, bytes: readonly number[]): boolean {
  const out = outputs.get(name);
  if (!out) return false;
  try {
    out.send(bytes);
    track(name, bytes);
    return true;
  } catch (e) {
    outputs.delete(name);
    report({ op: 'error', port: name, reason: reason(e) });
    return false;
  }
}

/** Note-offs for every note this thread started on the port, then all-notes-off on all channels. */
function panic(name: string): void {
  const on = notesOn.get(name);
  if (on) for (const id of on.keys()) sendNow(name, noteOff(id >> 7, id & 0x7f));
  notesOn.delete(name);
  for (let ch = 0; ch < 16; ch++) {
    sendNow(name, controlChange(ch, CC.allNotesOff, 0));
    sendNow(name, controlChange(ch, CC.allSoundOff, 0));
  }
}

function setPorts(names: readonly string[]): void {
  for (const [name, out] of outputs) {
    if (names.includes(name)) continue;
    panic(name);
    try {
      out.close();
    } catch {
      // Closing a vanished port can fail; it is gone either way.
    }
    outputs.delete(name);
  }
  const failed: { name: string; reason: string }[] = [];
  for (const name of names) {
    if (outputs.has(name)) continue;
    if (!driver) {
      failed.push({ name, reason: 'MIDI is unavailable' });
      continue;
    }
    try {
      outputs.set(name, driver.openOutput(name));
      // Whatever a crashed engine left sounding on this port stops now.
      panic(name);
    } catch (e) {
      failed.push({ name, reason: reason(e) });
    }
  }
  report({ op: 'opened', names: [...outputs.keys()], failed });
}

function insert(messages: readonly TimedMessage[]): void {
  if (messages.length === 0) return;
  const last = queue[queue.length - 1];
  const first = messages[0] as TimedMessage;
  // Batches come in time order; merge only when they overlap.
  if (!last || last.due <= first.due) {
    for (const m of messages) queue.push(m);
    if (messages.some((m, i) => i > 0 && m.due < (messages[i - 1] as TimedMessage).due)) queue.sort((a, b) => a.due - b.due);
    return;
  }
  queue = queue.concat(messages).sort((a, b) => a.due - b.due);
}

function cancel(after: number): void {
  const keep: TimedMessage[] = [];
  for (const m of queue) {
    if (m.due <= after) keep.push(m);
    else if (((m.bytes[0] ?? 0) & 0xf0) === 0x80) sendNow(m.port, m.bytes);
  }
  queue = keep;
}

function timing(values: number[]): SendTiming {
  if (values.length === 0) return { count: 0, p50: 0, p99: 0, max: 0 };
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))] ?? 0;
  return { count: s.length, p50: at(0.5), p99: at(0.99), max: s[s.length - 1] ?? 0 };
}

function handle(req: SenderRequest): boolean {
  switch (req.op) {
    case 'ports': setPorts(req.names); break;
    case 'send': insert(req.messages); break;
    case 'cancel': cancel(req.after); break;
    case 'panic': for (const name of req.ports ?? [...outputs.keys()]) panic(name); break;
    case 'stats':
      report({ op: 'stats', notes: timing(lateNotes), clock: timing(lateClock) });
      if (req.reset) lateNotes.length = lateClock.length = 0;
      break;
    case 'close':
      queue = [];
      setPorts([]);
      report({ op: 'closed' });
      return false;
  }
  return true;
}

function drain(): boolean {
  for (;;) {
    const m = receiveMessageOnPort(port);
    if (!m) return true;
    if (!handle(m.message as SenderRequest)) return false;
  }
}

let seen = Atomics.load(wake, 0);
for (;;) {
  if (!drain()) break;
  let now = monotonicMs();
  while (queue.length > 0 && (queue[0] as TimedMessage).due <= now + spinMs) {
    const m = queue.shift() as TimedMessage;
    while (now < m.due) now = monotonicMs();
    if (sendNow(m.port, m.bytes)) {
      const late = monotonicMs() - m.due;
      const list = m.clock ? lateClock : lateNotes;
      if (list.length < 1_000_000) list.push(late);
    }
    now = monotonicMs();
  }
  const next = queue[0];
  const timeout = next ? Math.max(0, next.due - now - spinMs) : undefined;
  const asleep = monotonicMs();
  if (Atomics.wait(wake, 0, seen, timeout) === 'timed-out' && timeout !== undefined) {
    // How much later than asked the system woke us: the spin margin must cover it.
    const late = Math.max(0, monotonicMs() - asleep - timeout);
    wakeLateAvg += (late - wakeLateAvg) * 0.05;
    spinMs = Math.max(SPIN_MIN_MS, Math.min(SPIN_MAX_MS, wakeLateAvg * 2 + 0.1));
  }
  seen = Atomics.load(wake, 0);
}
port.close();
