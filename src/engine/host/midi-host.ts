// MIDI in the engine process: opens the ports the song and the user's setup need (through the
// sender thread for outputs), polls for ports that appear or vanish (RtMidi has no hot-plug events),
// turns each chunk's MIDI messages into wall-clock send times (audio output latency and the port's
// own offset included), listens to the input for notes (forwarded to the editor) and for an
// external clock and transport (followed by the engine core). No MIDI system is a status, not an
// error.

import type { QueuedMidi } from '../midi/engine-midi.js';
import { CLOCK, CONTINUE, SONG_POSITION, START, STOP } from '../midi/midi-message.js';
import type { MidiDriver, MidiInputPort } from '../midi/midi-port.js';
import { portsFor } from '../midi/midi-router.js';
import type { EngineEvent, MidiSetup, MidiStatus } from '../protocol.js';
import type { Song } from '../../song/song.js';
import { ClockMap } from './clock-map.js';
import type { EngineCore } from './engine-core.js';
import { MidiSender, type MidiSenderLike, defaultDriverModule } from './midi-sender.js';
import type { SenderReport, TimedMessage } from './midi-sender-protocol.js';
import { monotonicMs } from './monotonic-clock.js';

export const NO_MIDI_SETUP: MidiSetup = { output: null, input: null, clockOut: false, clockIn: false, latencyMs: {} };

export interface MidiHostOptions {
  /** Module exporting createMidiDriver() (default: easymidi). The sender thread loads it too. */
  readonly driverModule?: string;
  /** Milliseconds between port scans (default 2000). */
  readonly pollMs?: number;
  /** Makes the sender (tests record what would be sent; default: the sender thread). */
  readonly createSender?: (driverModule: string, onReport: (r: SenderReport) => void) => MidiSenderLike;
}


export class MidiHost {
  private driver: MidiDriver | null = null;
  private driverError: string | null = null;
  private sender: MidiSenderLike | null = null;
  private setup: MidiSetup = NO_MIDI_SETUP;
  private song: Song | null = null;
  private core: EngineCore | null = null;
  private outputs: string[] = [];
  private inputs: string[] = [];
  private openOutputs: string[] = [];
  private input: MidiInputPort | null = null;
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private lastStatus = '';
  private readonly clock = new ClockMap();
  private outputLatencyMs = 0;
  private readonly post: (event: EngineEvent) => void;
  private readonly options: MidiHostOptions;
  /** Stream frame -> audio frame offset of the chunks being scheduled. */
  private streamToAudio = 0;
  private sampleRate = 48000;

  constructor(post: (event: EngineEvent) => void, options: MidiHostOptions = {}) {
    this.post = post;
    this.options = options;
  }

  /** Loads the driver and starts polling for ports. */
  async start(): Promise<void> {
    const module = this.options.driverModule ?? defaultDriverModule();
    try {
      const { createMidiDriver } = (await import(module)) as { createMidiDriver: () => MidiDriver };
      this.driver = createMidiDriver();
    } catch (e) {
      this.driverError = e instanceof Error ? e.message : String(e);
    }
    const onReport = (r: SenderReport): void => {
      if (r.op === 'opened') {
        this.openOutputs = [...r.names];
        for (const f of r.failed) process.stderr.write(`midi: cannot open output ${f.name}: ${f.reason}\n`);
        this.sendStatus();
      } else if (r.op === 'error') {
        process.stderr.write(`midi: ${r.port ? `${r.port}: ` : ''}${r.reason}\n`);
        this.rescan();
      }
    };
    this.sender = this.options.createSender ? this.options.createSender(module, onReport) : new MidiSender({ driverModule: module, onReport });
    this.rescan();
    this.pollTimer = setInterval(() => this.rescan(), this.options.pollMs ?? 2000);
    this.pollTimer.unref();
  }

  /** The engine core whose MIDI this host sends (after a restart or a new output device). */
  attachCore(core: EngineCore, sampleRate: number, outputLatencySeconds: number): void {
    this.core = core;
    this.sampleRate = sampleRate;
    this.outputLatencyMs = Math.max(0, outputLatencySeconds * 1000);
    this.clock.reset();
    core.setMidiSettings({ clockOut: this.setup.clockOut, followClock: this.setup.clockIn });
  }

  configure(setup: MidiSetup): void {
    this.setup = setup;
    this.core?.setMidiSettings({ clockOut: setup.clockOut, followClock: setup.clockIn });
    this.rescan(true);
  }

  /** The song whose instruments name the ports to open. */
  setSong(song: Song): void {
    this.song = song;
    this.rescan(true);
  }

  /** One reading of the audio clock (call often: every pump). */
  observeClock(audioSeconds: number): void {
    this.clock.observe(audioSeconds, monotonicMs());
  }

  private defaultOutput(): string | null {
    // Only a port the user chose: a module's MIDI instruments must not play whatever synth is plugged in.
    return this.setup.output;
  }

  /** Instrument ports, the default output and the clock output that exist now. */
  private wantedOutputs(): string[] {
    const wanted = new Set<string>();
    const def = this.defaultOutput();
    for (const ins of this.song?.instruments ?? []) {
      if (ins.midi.channel < 1) continue;
      const p = ins.midi.port ?? def;
      if (p) wanted.add(p);
    }
    if (this.setup.clockOut && def) wanted.add(def);
    return [...wanted].filter((p) => this.outputs.includes(p));
  }

  /** Lists the ports; opens, closes and reports what changed. */
  private rescan(force = false): void {
    let outputs: string[] = [];
    let inputs: string[] = [];
    let error = this.driverError;
    if (this.driver) {
      try {
        outputs = this.driver.outputs();
        inputs = this.driver.inputs();
        error = null;
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    }
    const changed = force || error !== this.driverError || outputs.join('\n') !== this.outputs.join('\n') || inputs.join('\n') !== this.inputs.join('\n');
    this.driverError = error;
    this.outputs = outputs;
    this.inputs = inputs;
    if (!changed) return;
    this.sender?.setPorts(this.wantedOutputs());
    this.openInputPort();
    this.sendStatus();
  }

  private openInputPort(): void {
    const want = this.setup.input !== null && this.inputs.includes(this.setup.input) ? this.setup.input : null;
    if (this.input && this.input.name === want) return;
    try {
      this.input?.close();
    } catch {
      // A vanished port may refuse to close.
    }
    this.input = null;
    if (!want || !this.driver) return;
    try {
      this.input = this.driver.openInput(want, (bytes) => this.received(bytes));
    } catch (e) {
      process.stderr.write(`midi: cannot open input ${want}: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  }

  /** A message from the input: notes to the editor, clock and transport to the core when following. */
  private received(bytes: number[]): void {
    const status = bytes[0] ?? 0;
    const core = this.core;
    if (status >= 0xf0) {
      if (!this.setup.clockIn || !core) return;
      if (status === CLOCK) core.midi.externalPulse(this.streamFrameAt(monotonicMs()));
      else if (status === START) core.externalTransport('start');
      else if (status === CONTINUE) core.externalTransport('continue');
      else if (status === STOP) core.externalTransport('stop');
      else if (status === SONG_POSITION) core.externalTransport('position', (bytes[1] ?? 0) | ((bytes[2] ?? 0) << 7));
      return;
    }
    const kind = status & 0xf0;
    if (kind === 0x90 || kind === 0x80 || kind === 0xb0 || kind === 0xe0) this.post({ type: 'midiInput', bytes });
  }

  /** The stream frame being heard at wall-clock `wallMs`. */
  private streamFrameAt(wallMs: number): number {
    if (!this.clock.ready) return 0;
    const audioFrame = this.clock.audioAt(wallMs - this.outputLatencyMs) * this.sampleRate;
    return audioFrame - this.streamToAudio;
  }

  /**
   * Sends a chunk's messages: the chunk starts at audio-context frame `audioFrame` and stream frame
   * `streamFrame`. Due times are when those frames are heard, shifted by each port's offset.
   */
  dispatch(events: readonly QueuedMidi[], audioFrame: number, streamFrame: number): void {
    this.streamToAudio = audioFrame - streamFrame;
    if (events.length === 0 || !this.sender || !this.clock.ready) return;
    const routing = { defaultPort: this.defaultOutput(), clockPorts: this.setup.clockOut && this.defaultOutput() ? [this.defaultOutput() as string] : [] };
    const messages: TimedMessage[] = [];
    for (const e of events) {
      const base = this.clock.wallAt((audioFrame + e.offset) / this.sampleRate) + this.outputLatencyMs;
      for (const port of portsFor(e, routing)) {
        if (!this.openOutputs.includes(port)) continue;
        messages.push({ due: base + (this.setup.latencyMs[port] ?? 0), port, bytes: e.bytes, ...(e.kind === 'clock' ? { clock: true } : {}) });
      }
    }
    this.sender.send(messages);
  }

  /** Playback was cut (stop, jump): what is queued for later than now is dropped, its note-offs sent. */
  cancelQueued(): void {
    this.sender?.cancelAfter(monotonicMs());
  }

  panic(): void {
    this.sender?.panic();
  }

  /** Timing of the sends so far (benchmarks and `tracker play --stats`). */
  sendTiming(reset = false): ReturnType<MidiSenderLike['stats']> | null {
    return this.sender?.stats(reset) ?? null;
  }

  status(): MidiStatus {
    const bpm = this.setup.clockIn ? this.core?.midi.follower?.bpm(this.sampleRate) : undefined;
    return {
      available: this.driverError === null,
      detail: this.driverError ?? (this.outputs.length + this.inputs.length === 0 ? 'no MIDI ports' : 'ok'),
      outputs: this.outputs,
      inputs: this.inputs,
      openOutputs: this.openOutputs,
      openInput: this.input?.name ?? null,
      ...(bpm !== undefined && this.core?.midi.follower && this.core.midi.follower.pulsesReceived > 1 ? { externalBpm: bpm } : {}),
    };
  }

  private sendStatus(): void {
    const s = this.status();
    const key = JSON.stringify(s);
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    this.post({ type: 'midi', status: s });
  }

  /** All notes off, ports closed, polling stopped. */
  async close(): Promise<void> {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    try {
      this.input?.close();
    } catch {
      // Closing is best effort.
    }
    this.input = null;
    await this.sender?.close();
    this.sender = null;
  }
}
