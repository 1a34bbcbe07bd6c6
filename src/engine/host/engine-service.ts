// The running engine: an audio output, the engine core and the chunk scheduler, woken by a timer when
// the next chunk is due, answering UI commands and sending position and audio-status events. It runs
// in the engine process (or in-process for `tracker play`); nothing here may block for long.

import type { AudioStatus, EngineCommand, EngineEvent } from '../protocol.js';
import type { MixFunction } from '../replayer/player.js';
import { listOutputDevices, type OpenedOutput, openOutput, type LiveAudioContext, type OutputPreferences } from './audio-output.js';
import { ChunkScheduler } from './chunk-scheduler.js';
import { EngineCore } from './engine-core.js';
import { MidiHost, type MidiHostOptions } from './midi-host.js';
import { RenderAhead } from './render-ahead.js';

export interface ServiceOptions {
  readonly prefs: OutputPreferences;
  readonly mix: MixFunction;
  /** Makes the mixer for the output's actual rate (preferred over `mix`, which is for one rate only). */
  readonly mixFor?: (sampleRate: number) => MixFunction;
  readonly master?: (left: Float32Array, right: Float32Array, frames: number) => void;
  /** Frames per chunk (default about 8 ms: 384 at 44.1 and 48 kHz). */
  readonly chunkFrames?: number;
  /**
   * Frames kept scheduled ahead of the audio clock while playing: an edit or a previewed note is heard
   * after this plus up to one chunk. Default: the whole chunks that fit in the output's latency
   * (prefs.latencyMs; 16 ms gives 768 frames at 48 kHz), at least one. When the machine keeps the
   * engine waiting for most of it, it grows by a chunk at a time (up to `maxAheadFrames`) and shrinks
   * back after 10 s of calm, so a busy machine costs some latency rather than gaps.
   */
  readonly aheadFrames?: number;
  /** The most the render-ahead may grow to under load (default aheadFrames + 2 chunks). */
  readonly maxAheadFrames?: number;
  /** Render-ahead while stopped, when only previewed notes sound (default 512 frames). */
  readonly idleAheadFrames?: number;
  /** Position events per second while playing (default 40). */
  readonly positionRate?: number;
  /** Longest sleep between scheduler pumps in ms (default 50); otherwise the engine wakes when a chunk is due. */
  readonly maxPumpMs?: number;
  /** Silence while stopped after which the engine sleeps until the next command (default 500 ms). */
  readonly dormantAfterMs?: number;
  /** Milliseconds between audio-status events (default 1000). */
  readonly statusIntervalMs?: number;
  /** Opens an output (tests pass fakes; default: node-web-audio-api via openOutput). */
  readonly open?: (prefs: OutputPreferences) => Promise<OpenedOutput>;
  /** A device whose clock stands still this long while playing counts as gone (default 1500 ms). */
  readonly stallMs?: number;
  /** MIDI output and input (false: none, e.g. for offline tests). Default: easymidi. */
  readonly midi?: MidiHostOptions | false;
}

/** Render load as renderCapacity reports it (0..1), plus how many reports were seen. */
interface LoadFigures {
  average: number;
  peak: number;
  underrunRatio: number;
  updates: number;
}

export class EngineService {
  private ctx: LiveAudioContext | null = null;
  /** The output preferences in force (the last setOutput, else the options'). */
  private prefs: OutputPreferences;
  private core: EngineCore | null = null;
  private scheduler: ChunkScheduler | null = null;
  private pumpTimer: ReturnType<typeof setTimeout> | null = null;
  private statusTimer: ReturnType<typeof setInterval> | null = null;
  private status: AudioStatus = { kind: 'silent', detail: 'starting', sampleRate: 48000 };
  private pending: EngineCommand[] = [];
  private wasPlaying = false;
  private switching = false;
  private lastClock = -1;
  private lastClockChange = 0;
  private lastPositionAt = 0;
  /** When the pump timer should fire (performance.now ms), and the worst lateness since the last status. */
  private pumpDueAt = -1;
  private wakeLateMs = 0;
  /** How far ahead to render (grows while the machine is slow to wake the engine). */
  private ahead = new RenderAhead({ latencyMs: 16, rate: 48000, chunkFrames: 384 });
  /** No timer runs: stopped, silent, waiting for a command. */
  private dormant = false;
  /** The latest renderCapacity report of a native context (null: the context has none). */
  private nativeLoad: { average: number; peak: number; underrunRatio: number } | null = null;
  /** Scheduler counters at the previous status event (for per-interval figures). */
  private lastStatus = { wall: 0, renderSeconds: 0, lateFrames: 0, audioSeconds: 0 };
  /** Render-load statistics since the output opened. */
  load: LoadFigures = { average: 0, peak: 0, underrunRatio: 0, updates: 0 };
  /** MIDI ports, clock and input; null when MIDI is off. */
  readonly midi: MidiHost | null;

  private readonly post: (event: EngineEvent) => void;
  private readonly options: ServiceOptions;

  constructor(post: (event: EngineEvent) => void, options: ServiceOptions) {
    this.post = post;
    this.options = options;
    this.prefs = options.prefs;
    this.midi = options.midi === false ? null : new MidiHost(post, options.midi ?? {});
  }

  /** Opens the output and starts pumping. */
  async start(): Promise<AudioStatus> {
    await this.midi?.start();
    await this.openAndRun(this.prefs);
    for (const cmd of this.pending.splice(0)) this.handle(cmd);
    return this.status;
  }

  private async openAndRun(prefs: OutputPreferences, keepCore = false): Promise<void> {
    const opened = await (this.options.open ?? openOutput)(prefs);
    this.prefs = prefs;
    this.ctx = opened.ctx;
    this.status = opened.status;
    const rate = opened.ctx.sampleRate;
    if (!keepCore || !this.core || this.core.sampleRate !== rate) {
      // A new rate (the device may not offer the one asked for) needs a core and a mixer made for it;
      // the song carries over, and so does playback, from the row it had reached.
      const old = this.core;
      const playing = old?.isPlaying ? old.snapshot() : null;
      this.core = new EngineCore({ sampleRate: rate, mix: this.options.mixFor?.(rate) ?? this.options.mix, master: this.options.master });
      this.core.onEnded = () => this.post({ type: 'ended' });
      const song = old?.currentSong;
      if (song) this.core.handle({ type: 'setSong', song });
      if (song && playing) this.core.handle({ type: 'play', mode: 'song', order: playing.order, row: playing.row });
    }
    const chunkFrames = this.options.chunkFrames ?? 128 * Math.max(1, Math.round((rate * 0.008) / 128));
    this.ahead = new RenderAhead({
      latencyMs: prefs.latencyMs,
      rate,
      chunkFrames,
      ...(this.options.aheadFrames !== undefined ? { frames: this.options.aheadFrames } : {}),
      ...(this.options.maxAheadFrames !== undefined ? { maxFrames: this.options.maxAheadFrames } : {}),
    });
    this.scheduler = new ChunkScheduler(opened.ctx, this.core, { chunkFrames, aheadFrames: this.ahead.base });
    const midi = this.midi;
    if (midi) {
      const core = this.core;
      midi.attachCore(core, rate, (opened.ctx.outputLatency ?? 0) || (opened.ctx.baseLatency ?? 0));
      midi.observeClock(opened.ctx.currentTime);
      this.scheduler.onChunk = (audioFrame, streamFrame, messages) => midi.dispatch(messages, audioFrame, streamFrame);
    }
    this.nativeLoad = null;
    this.watchLoad(opened.ctx);
    this.watchDevice(opened.ctx);
    this.post({ type: 'audio', status: this.status });
    this.lastClock = -1;
    this.lastStatus = { wall: performance.now() / 1000, renderSeconds: 0, lateFrames: 0, audioSeconds: opened.ctx.currentTime };
    this.statusTimer = setInterval(() => this.sendStatus(), this.options.statusIntervalMs ?? 1000);
    this.dormant = false;
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
        await this.openAndRun({ ...this.prefs, sampleRate: this.core?.sampleRate ?? this.prefs.sampleRate, silent: true }, true);
        this.status = { ...this.status, detail: `${device} lost (${why})` };
        this.post({ type: 'audio', status: this.status });
      } catch (e) {
        this.post({ type: 'audio', status: { kind: 'error', detail: `audio output lost: ${e instanceof Error ? e.message : String(e)}`, sampleRate: 0 } });
      } finally {
        this.switching = false;
      }
    })();
  }

  /** Records a native context's renderCapacity reports (sent on with the next status event). */
  private watchLoad(ctx: LiveAudioContext): void {
    const rc = ctx.renderCapacity;
    if (!rc) return;
    try {
      rc.addEventListener('update', (e) => {
        this.nativeLoad = { average: e.averageLoad, peak: e.peakLoad, underrunRatio: e.underrunRatio };
      });
      rc.start({ updateInterval: 1 });
    } catch {
      // Older library versions have no render capacity: the engine's own figures are reported.
    }
  }

  /**
   * The audio status with render load, clock and CPU time, once a second. A native context's load is
   * its renderCapacity; otherwise (the silent clock) the engine's own: render time per wall time, the
   * slowest chunk against its duration, and the share of frames the clock overtook the schedule.
   */
  private sendStatus(): void {
    const ctx = this.ctx;
    const sched = this.scheduler;
    if (!ctx || !sched) return;
    const wall = performance.now() / 1000;
    const audioSeconds = ctx.currentTime;
    const prev = this.lastStatus;
    let load = this.nativeLoad;
    if (!load) {
      const frames = Math.max(1, (audioSeconds - prev.audioSeconds) * ctx.sampleRate);
      load = {
        average: (sched.renderSeconds - prev.renderSeconds) / Math.max(1e-6, wall - prev.wall),
        peak: sched.peakRenderRatio,
        underrunRatio: Math.min(1, (sched.lateFrames - prev.lateFrames) / frames),
      };
      sched.peakRenderRatio = 0;
    }
    this.lastStatus = { wall, renderSeconds: sched.renderSeconds, lateFrames: sched.lateFrames, audioSeconds };
    this.load.average = load.average;
    this.load.peak = Math.max(this.load.peak, load.peak);
    this.load.underrunRatio = load.underrunRatio;
    this.load.updates++;
    const cpu = process.cpuUsage();
    this.post({
      type: 'audio',
      status: {
        ...this.status,
        load,
        clock: {
          audioSeconds,
          cpuSeconds: (cpu.user + cpu.system) / 1e6,
          wallSeconds: wall,
          lateFrames: sched.lateFrames,
          wakeLateMs: this.wakeLateMs,
          aheadMs: this.ahead.ms,
        },
      },
    });
    this.wakeLateMs = 0;
  }

  /**
   * Schedules the chunks that are due, sends the position when it is time, and sleeps until the next
   * chunk is due (a timer per chunk rather than polling). While stopped and silent for a while, it
   * sleeps until the next command instead.
   */
  private pump(): void {
    if (this.pumpTimer) clearTimeout(this.pumpTimer);
    this.pumpTimer = null;
    const late = this.pumpDueAt >= 0 ? performance.now() - this.pumpDueAt : 0;
    this.wakeLateMs = Math.max(this.wakeLateMs, late);
    this.pumpDueAt = -1;
    const ctx = this.ctx;
    const sched = this.scheduler;
    const core = this.core;
    if (!ctx || !sched || !core) return;
    const ahead = this.ahead.update(late, sched.lateEvents);
    this.midi?.observeClock(ctx.currentTime);
    // Stopped, only previews sound: a short lead so a key is heard sooner (the lead grows on play).
    sched.aheadFrames = core.isPlaying ? ahead : Math.min(ahead, this.options.idleAheadFrames ?? 512);
    try {
      sched.pump();
    } catch (e) {
      if (this.status.kind === 'device') this.deviceLost(ctx, e instanceof Error ? e.message : String(e));
      else this.post({ type: 'error', message: `audio: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    const now = performance.now();
    // A device can also just stop: its clock stands still while we are playing.
    if (this.status.kind === 'device' && core.isPlaying) {
      if (ctx.currentTime !== this.lastClock) {
        this.lastClock = ctx.currentTime;
        this.lastClockChange = now;
      } else if (now - this.lastClockChange > (this.options.stallMs ?? 1500)) {
        this.deviceLost(ctx, 'its clock stopped');
        return;
      }
    } else {
      this.lastClockChange = now;
    }
    // Positions ride on the pump (no timer of their own): at least every 1000/positionRate ms, give or
    // take half a chunk.
    const chunkMs = (sched.chunkFrames * 1000) / ctx.sampleRate;
    if (now - this.lastPositionAt + chunkMs / 2 >= 1000 / (this.options.positionRate ?? 40)) {
      this.lastPositionAt = now;
      this.sendPosition();
    }
    const quietChunks = ((this.options.dormantAfterMs ?? 500) * ctx.sampleRate) / 1000 / sched.chunkFrames;
    if (core.isIdle && !this.wasPlaying && sched.quietChunks >= quietChunks) {
      // Nothing sounds and nothing will until a command arrives (which wakes the engine).
      this.dormant = true;
      return;
    }
    const wait = Math.min(this.options.maxPumpMs ?? 50, Math.max(1, Math.ceil(sched.msUntilDue())));
    this.pumpTimer = setTimeout(() => this.pump(), wait);
    this.pumpDueAt = performance.now() + wait;
  }

  /** Starts pumping again after a dormant spell: a fresh stream from now. */
  private wake(): void {
    if (!this.dormant) return;
    this.dormant = false;
    this.scheduler?.flush();
  }

  private sendPosition(): void {
    const core = this.core;
    const sched = this.scheduler;
    if (!core || !sched) return;
    const playing = core.isPlaying;
    if (!playing && !this.wasPlaying) return;
    this.wasPlaying = playing;
    // Playing: the chunk being heard. Just paused or stopped: the state now, so the last position the
    // UI gets says so (the chunks still being heard were rendered before).
    const heard = playing ? sched.heard() : null;
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
    const dormant = this.dormant;
    this.wake();
    if (cmd.type === 'stop' || cmd.type === 'play') {
      // Cut what is already queued so stop and play are heard at once (MIDI too; its note-offs go out).
      this.scheduler?.flush();
      this.midi?.cancelQueued();
      this.pump();
    } else if (dormant) {
      this.pump();
    }
    if (cmd.type === 'stop') this.post({ type: 'position', position: this.core.snapshot() });
  }

  /** Another device, rate or latency: playback carries on there from where it was. */
  private async reopen(prefs: OutputPreferences): Promise<void> {
    await this.stop();
    await this.openAndRun(prefs, true);
  }

  /** Stops pumping, sends all notes off and closes the output and the MIDI ports. */
  async shutdown(): Promise<void> {
    await this.stop();
    await this.midi?.close();
  }

  /** Stops pumping and closes the output. */
  async stop(): Promise<void> {
    if (this.pumpTimer) clearTimeout(this.pumpTimer);
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.pumpTimer = this.statusTimer = null;
    this.dormant = false;
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
