// Streams the engine into a Web Audio context: renders fixed-size chunks ahead of the audio clock and
// starts each as an AudioBuffer at its exact frame (source.start(frame / rate)), so consecutive chunks
// join sample-accurately. Works the same on a live AudioContext and an OfflineAudioContext (tests).

import type { PositionSnapshot } from '../protocol.js';
import type { EngineCore } from './engine-core.js';

/** The parts of a Web Audio context the scheduler uses. */
export interface AudioContextLike {
  readonly currentTime: number;
  readonly sampleRate: number;
  readonly destination: unknown;
  createBuffer(channels: number, length: number, sampleRate: number): AudioBufferLike;
  createBufferSource(): BufferSourceLike;
}

export interface AudioBufferLike {
  copyToChannel(source: Float32Array, channel: number): void;
}

export interface BufferSourceLike {
  buffer: unknown;
  connect(destination: never): unknown;
  start(when: number): void;
  stop(when?: number): void;
}

export interface SchedulerOptions {
  /** Frames per chunk (default 480 = 10 ms at 48 kHz). */
  readonly chunkFrames?: number;
  /** How far ahead of the audio clock to keep chunks scheduled, in frames (default 3 chunks). */
  readonly aheadFrames?: number;
}

export class ChunkScheduler {
  readonly chunkFrames: number;
  /** Frames scheduled ahead of the clock; the engine shortens it while stopped (quicker keyjazz). */
  aheadFrames: number;
  private readonly left: Float32Array;
  private readonly right: Float32Array;
  /** Context frame at which stream frame 0 plays. */
  private startFrame = -1;
  /** Stream frames scheduled so far. */
  private scheduled = 0;
  /** Snapshots at chunk starts, oldest first. */
  private readonly positions: { frame: number; snapshot: PositionSnapshot }[] = [];
  /** Recently scheduled sources with their start frames (to cancel on stop). */
  private readonly sources: { frame: number; source: BufferSourceLike }[] = [];
  /** Called after each chunk is rendered and scheduled: its audio-context frame and stream frame. */
  onChunk: ((audioFrame: number, streamFrame: number) => void) | null = null;
  /** Frames the clock ran ahead of the schedule (audible gaps). */
  lateFrames = 0;
  lateEvents = 0;

  private readonly ctx: AudioContextLike;
  private readonly core: EngineCore;

  constructor(ctx: AudioContextLike, core: EngineCore, options: SchedulerOptions = {}) {
    this.ctx = ctx;
    this.core = core;
    this.chunkFrames = options.chunkFrames ?? 480;
    this.aheadFrames = options.aheadFrames ?? this.chunkFrames * 3;
    this.left = new Float32Array(this.chunkFrames);
    this.right = new Float32Array(this.chunkFrames);
  }

  /** The context frame now. */
  private nowFrame(): number {
    return Math.floor(this.ctx.currentTime * this.ctx.sampleRate);
  }

  /** Schedules chunks until the schedule reaches `aheadFrames` past the clock. */
  pump(): number {
    const now = this.nowFrame();
    if (this.startFrame < 0) this.startFrame = now + this.chunkFrames;
    let next = this.startFrame + this.scheduled;
    if (next < now) {
      // The clock overtook us (the process was starved): skip ahead rather than play late.
      const gap = now - next + this.chunkFrames;
      this.lateFrames += gap;
      this.lateEvents++;
      this.startFrame += gap;
      next += gap;
    }
    let count = 0;
    while (next < now + this.aheadFrames) {
      this.scheduleChunk(next);
      next += this.chunkFrames;
      count++;
    }
    return count;
  }

  /** Schedules exactly `chunks` chunks regardless of the clock (offline rendering). */
  scheduleChunks(chunks: number): void {
    if (this.startFrame < 0) this.startFrame = 0;
    for (let i = 0; i < chunks; i++) this.scheduleChunk(this.startFrame + this.scheduled);
  }

  private scheduleChunk(frame: number): void {
    const snapshot = this.core.snapshot();
    const streamFrame = this.core.streamFrame;
    this.core.render(this.left, this.right, this.chunkFrames);
    const buf = this.ctx.createBuffer(2, this.chunkFrames, this.ctx.sampleRate);
    buf.copyToChannel(this.left, 0);
    buf.copyToChannel(this.right, 1);
    const src = this.ctx.createBufferSource();
    src.buffer = buf;
    src.connect(this.ctx.destination as never);
    src.start(frame / this.ctx.sampleRate);
    this.sources.push({ frame, source: src });
    if (this.sources.length > 64) this.sources.splice(0, this.sources.length - 32);
    this.scheduled += this.chunkFrames;
    this.positions.push({ frame, snapshot });
    if (this.positions.length > 256) this.positions.splice(0, this.positions.length - 128);
    this.onChunk?.(frame, streamFrame);
  }

  /** The position being heard now (the snapshot of the chunk playing at the audio clock). */
  heard(): PositionSnapshot | null {
    const now = this.nowFrame();
    let found: PositionSnapshot | null = null;
    while (this.positions.length > 1 && (this.positions[1]?.frame ?? Infinity) <= now) this.positions.shift();
    const first = this.positions[0];
    if (first && first.frame <= now) found = first.snapshot;
    return found ?? first?.snapshot ?? null;
  }

  /**
   * Drops everything scheduled but not yet heard (after stop or a jump), so the change is heard at
   * once; the stream restarts at the next pump.
   */
  flush(): void {
    const now = this.nowFrame();
    for (const { frame, source } of this.sources) {
      if (frame + this.chunkFrames > now) {
        try {
          source.stop(Math.max(now, frame) / this.ctx.sampleRate);
        } catch {
          // Already stopped.
        }
      }
    }
    this.sources.length = 0;
    this.positions.length = 0;
    this.startFrame = -1;
    this.scheduled = 0;
  }

  /** Frames scheduled so far. */
  get framesScheduled(): number {
    return this.scheduled;
  }
}
