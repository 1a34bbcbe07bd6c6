// The running engine: an audio output, the engine core and the chunk scheduler, pumped by a short
// timer, answering UI commands and sending position and audio-status events. It runs in the engine
// process (or in-process for `tracker play`); nothing here may block for long.

import type { AudioStatus, EngineCommand, EngineEvent } from '../protocol.js';
import type { MixFunction } from '../replayer/player.js';
import { listOutputDevices, type OpenedOutput, openOutput, type LiveAudioContext, type OutputPreferences } from './audio-output.js';
import { ChunkScheduler } from './chunk-scheduler.js';
import { EngineCore } from './engine-core.js';
import { MidiHost, type MidiHostOptions } from './midi-host.js';

export interface ServiceOptions {
  readonly prefs: OutputPreferences;
  readonly mix: MixFunction;
  readonly master?: (left: Float32Array, right: Float32Array, frames: number) => void;
  readonly chunkFrames?: number;
  readonly aheadFrames?: number;
  /** Render-ahead while stopped, when only previewed notes sound (default 512 frames). */
  readonly idleAheadFrames?: number;
  /** Position events per second while playing (default 40). */
  readonly positionRate?: number;
  /** Milliseconds between scheduler pumps (default 2). */
  readonly pumpIntervalMs?: number;
  /** Opens an output (tests pass fakes; default: node-web-audio-api via openOutput). */
  readonly open?: (prefs: OutputPreferences) => Promise<OpenedOutput>;
  /** A device whose clock stands still this long while playing counts as gone (default 1500 ms). */
  readonly stallMs?: number;
  /** MIDI output and input (false: none, e.g. for offline tests). Default: easymidi. */
  readonly midi?: MidiHostOptions | false;
}

export class EngineService {
  private ctx: LiveAudioContext | null = null;
  private core: EngineCore | null = null;
  private scheduler: ChunkScheduler | null = null;
  private pumpTimer: ReturnType<typeof setInterval> | null = null;
  private positionTimer: ReturnType<typeof setInterval> | null = null;
  private status: AudioStatus = { kind: 'silent', detail: 'starting', sampleRate: 48000 };
  private pending: EngineCommand[] = [];
  private wasPlaying = false;
  private switching = false;
  private lastClock = -1;
  private lastClockChange = 0;
  /** Render-load statistics from the audio context. */
  load = { average: 0, peak: 0, underrunRatio: 0, updates: 0 };
  /** MIDI ports, clock and input; null when MIDI is off. */
  readonly midi: MidiHost | null;

  private readonly post: (event: EngineEvent) => void;
  private readonly options: ServiceOptions;

  constructor(post: (event: EngineEvent) => void, options: ServiceOptions) {
    this.post = post;
    this.options = options;
    this.midi = options.midi === false ? null : new MidiHost(post, options.midi ?? {});
  }

  /** Opens the output and starts pumping. */
  async start(): Promise<AudioStatus> {
    await this.midi?.start();
    await this.openAndRun(this.options.prefs);
    for (const cmd of this.pending.splice(0)) this.handle(cmd);
    return this.status;
  }

  private async openAndRun(prefs: OutputPreferences, keepCore = false): Promise<void> {
    const opened = await (this.options.open ?? openOutput)(prefs);
    this.ctx = opened.ctx;
    this.status = opened.status;
    if (!keepCore || !this.core || this.core.sampleRate !== opened.ctx.sampleRate) {
      const oldSong = this.core?.currentSong ?? null;
      this.core = new EngineCore({ sampleRate: opened.ctx.sampleRate, mix: this.options.mix, master: this.options.master });
      this.core.onEnded = () => this.post({ type: 'ended' });
      if (oldSong) this.core.handle({ type: 'setSong', song: oldSong });
    }
    this.scheduler = new ChunkScheduler(opened.ctx, this.core, { chunkFrames: this.options.chunkFrames ?? 384, aheadFrames: this.options.aheadFrames ?? 1152 });
    const midi = this.midi;
    if (midi) {
      const core = this.core;
      midi.attachCore(core, opened.ctx.sampleRate, (opened.ctx.outputLatency ?? 0) || (opened.ctx.baseLatency ?? 0));
      midi.observeClock(opened.ctx.currentTime);
      this.scheduler.onChunk = (audioFrame, streamFrame) => midi.dispatch(core.midi.take(), audioFrame, streamFrame);
    }
    this.watchLoad(opened.ctx);
    this.watchDevice(opened.ctx);
    this.post({ type: 'audio', status: this.status });
    this.lastClock = -1;
    this.pumpTimer = setInterval(() => this.pump(), this.options.pumpIntervalMs ?? 3);
    this.positionTimer = setInterval(() => this.sendPosition(), Math.round(1000 / (this.options.positionRate ?? 40)));
    this.pump();
  }

  /** A sound card that reports an error or closes under us (unplugged USB, a dead driver). */
  private watchDevice(ctx: LiveAudioContext): void {
    try {
      ctx.addEventListener?.('error', (e) => this.deviceLost(ctx, e instanceof Error ? e.message : 'the device reported an error'));
      ctx.addEventListener?.('statechange', () => {
        if ((ctx as { state?: string }).state === 'closed') this.deviceLost(ctx, 'the device closed');
      });
    } catch {
      // Contexts without events are watched through their clock (see pump).
    }
  }

  /**
   * The device is gone: carry on with the silent sink at the same rate so the transport, positions
   * and MIDI keep running, and say so in the status line. Never throws.
   */
  private deviceLost(ctx: LiveAudioContext, why: string): void {
    if (this.switching || ctx !== this.ctx || this.status.kind !== 'device') return;
    this.switching = true;
    const device = this.status.detail;
    process.stderr.write(`audio: ${device}: ${why}; switching to the silent output\n`);
    void (async () => {
      await this.stop();
      try {
        await this.openAndRun({ ...this.options.prefs, sampleRate: this.core?.sampleRate ?? this.options.prefs.sampleRate, silent: true }, true);
        this.status = { ...this.status, detail: `${device} lost (${why})` };
        this.post({ type: 'audio', status: this.status });
      } catch (e) {
        this.post({ type: 'audio', status: { kind: 'error', detail: `audio output lost: ${e instanceof Error ? e.message : String(e)}`, sampleRate: 0 } });
      } finally {
        this.switching = false;
      }
    })();
  }

  private watchLoad(ctx: LiveAudioContext): void {
    const rc = ctx.renderCapacity;
    if (!rc) return;
    try {
      rc.addEventListener('update', (e) => {
        this.load.average = e.averageLoad;
        this.load.peak = Math.max(this.load.peak, e.peakLoad);
        this.load.underrunRatio = e.underrunRatio;
        this.load.updates++;
        const cpu = process.cpuUsage();
        this.post({
          type: 'audio',
          status: {
            ...this.status,
            load: { average: e.averageLoad, peak: e.peakLoad, underrunRatio: e.underrunRatio },
            clock: { audioSeconds: ctx.currentTime, cpuSeconds: (cpu.user + cpu.system) / 1e6, wallSeconds: performance.now() / 1000, lateFrames: this.lateFrames },
          },
        });
      });
      rc.start({ updateInterval: 1 });
    } catch {
      // Older library versions have no render capacity: load is simply not reported.
    }
  }

  private pump(): void {
    const ctx = this.ctx;
    const sched = this.scheduler;
    // Stopped, only previews sound: a short lead so a key is heard sooner (the lead grows on play).
    if (sched && this.core) sched.aheadFrames = this.core.isPlaying ? (this.options.aheadFrames ?? 1152) : Math.min(this.options.aheadFrames ?? 1152, this.options.idleAheadFrames ?? 512);
    if (ctx) this.midi?.observeClock(ctx.currentTime);
    try {
      sched?.pump();
    } catch (e) {
      if (ctx && this.status.kind === 'device') this.deviceLost(ctx, e instanceof Error ? e.message : String(e));
      else this.post({ type: 'error', message: `audio: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    // A device can also just stop: its clock stands still while we are playing.
    if (ctx && this.status.kind === 'device' && this.core?.isPlaying) {
      const now = performance.now();
      if (ctx.currentTime !== this.lastClock) {
        this.lastClock = ctx.currentTime;
        this.lastClockChange = now;
      } else if (now - this.lastClockChange > (this.options.stallMs ?? 1500)) {
        this.deviceLost(ctx, 'its clock stopped');
      }
    } else {
      this.lastClockChange = performance.now();
    }
  }

  private sendPosition(): void {
    const core = this.core;
    const sched = this.scheduler;
    if (!core || !sched) return;
    const playing = core.isPlaying;
    if (!playing && !this.wasPlaying) return;
    this.wasPlaying = playing;
    const heard = sched.heard();
    this.post({ type: 'position', position: heard ?? core.snapshot() });
  }

  /** Applies a command from the UI. */
  handle(cmd: EngineCommand): void {
    if (cmd.type === 'listDevices') {
      void listOutputDevices().then(
        (devices) => this.post({ type: 'devices', devices }),
        () => this.post({ type: 'devices', devices: [] }),
      );
      return;
    }
    if (!this.core) {
      this.pending.push(cmd);
      return;
    }
    if (cmd.type === 'setOutput') {
      void this.reopen({ device: cmd.device, sampleRate: cmd.sampleRate, latencyMs: cmd.latencyMs });
      return;
    }
    if (cmd.type === 'shutdown') {
      void this.shutdown();
      return;
    }
    if (cmd.type === 'setMidi') {
      this.midi?.configure(cmd.setup);
      return;
    }
    if (cmd.type === 'midiPanic') {
      this.midi?.panic();
      return;
    }
    if (cmd.type === 'midiTiming') {
      const none = { count: 0, p50: 0, p99: 0, max: 0 };
      const timing = this.midi?.sendTiming();
      if (!timing) this.post({ type: 'midiTiming', notes: none, clock: none });
      else void timing.then((t) => this.post({ type: 'midiTiming', notes: t.notes, clock: t.clock }));
      return;
    }
    this.core.handle(cmd);
    if (cmd.type === 'setSong' || cmd.type === 'setInstrument') {
      const song = this.core.currentSong;
      if (song) this.midi?.setSong(song);
    }
    if (cmd.type === 'stop' || cmd.type === 'play') {
      // Cut what is already queued so stop and play are heard at once (MIDI too; its note-offs go out).
      this.scheduler?.flush();
      this.midi?.cancelQueued();
      this.pump();
    }
    if (cmd.type === 'stop') this.post({ type: 'position', position: this.core.snapshot() });
  }

  private async reopen(prefs: OutputPreferences): Promise<void> {
    await this.stop();
    await this.openAndRun(prefs);
  }

  /** Stops pumping, sends all notes off and closes the output and the MIDI ports. */
  async shutdown(): Promise<void> {
    await this.stop();
    await this.midi?.close();
  }

  /** Stops pumping and closes the output. */
  async stop(): Promise<void> {
    if (this.pumpTimer) clearInterval(this.pumpTimer);
    if (this.positionTimer) clearInterval(this.positionTimer);
    this.pumpTimer = this.positionTimer = null;
    const ctx = this.ctx;
    this.ctx = null;
    this.scheduler = null;
    if (ctx) {
      try {
        await ctx.close();
      } catch {
        // Closing a context that lost its device can fail; it is gone either way.
      }
    }
  }

  /** Frames the audio clock overtook the schedule (0 when playback never starved). */
  get lateFrames(): number {
    return this.scheduler?.lateFrames ?? 0;
  }

  get audioStatus(): AudioStatus {
    return this.status;
  }

  /** The audio clock in seconds. */
  get clockSeconds(): number {
    return this.ctx?.currentTime ?? 0;
  }
}
