// Streams the engine into a Web Audio context: renders fixed-size chunks ahead of the audio clock and
// starts each as an AudioBuffer at its exact frame (source.start(frame / rate)), so consecutive chunks
// join sample-accurately. Works the same on a live AudioContext and an OfflineAudioContext (tests).

import type { QueuedMidi } from '../midi/engine-midi.js';
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

/**
 * A chunk rendered but not yet started: the position and the engine's stream frame at its start, and
 * its MIDI messages (taken at once: a new stream renders several chunks before starting any).
 */
interface RenderedChunk {
  readonly snapshot: PositionSnapshot;
  readonly streamFrame: number;
  readonly midi: QueuedMidi[];
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
  /** Called after each chunk is scheduled: its audio-context frame, stream frame and MIDI messages. */
  onChunk: ((audioFrame: number, streamFrame: number, midi: QueuedMidi[]) => void) | null = null;
  /** Frames the clock ran ahead of the schedule (audible gaps). */
  lateFrames = 0;
  lateEvents = 0;
  /** Seconds spent rendering chunks (the engine's own render load), and the worst chunk's share of its duration. */
  renderSeconds = 0;
  peakRenderRatio = 0;
  /** Consecutive chunks rendered silent while the song was not playing (0 while playing). */
  quietChunks = 0;

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
    let count = 0;
    if (this.startFrame < 0) {
      // A new stream: its first chunks (the render-ahead) are rendered before deciding when they play,
      // so slow first renders (cold code, the first rows of a big song) delay the start by a few ms
      // instead of leaving gaps.
      const first: { buf: AudioBufferLike; chunk: RenderedChunk }[] = [];
      for (let i = 0; i < Math.max(1, Math.ceil(this.aheadFrames / this.chunkFrames)); i++) {
        const chunk = this.renderChunk();
        first.push({ buf: this.fill(), chunk });
      }
      this.startFrame = this.nowFrame() + this.chunkFrames;
      for (const { buf, chunk } of first) this.start(this.startFrame + this.scheduled, buf, chunk);
      count += first.length;
    }
    let now = this.nowFrame();
    let next = this.startFrame + this.scheduled;
    while (next < now + this.aheadFrames) {
      const chunk = this.renderChunk();
      now = this.nowFrame();
      if (next < now) {
        // The clock overtook us (the process was starved, or this render was slow): skip ahead rather
        // than start a buffer in the past, keeping the stream on whole chunks.
        const gap = now - next + this.chunkFrames;
        this.lateFrames += gap;
        this.lateEvents++;
        this.startFrame += gap;
        next += gap;
      }
      this.start(next, this.fill(), chunk);
      next += this.chunkFrames;
      count++;
    }
    return count;
  }

  /**
   * Milliseconds until the next chunk is due (the schedule would fall below `aheadFrames`); 0 when one
   * is due now or the stream has not started. The engine sleeps this long instead of polling.
   */
  msUntilDue(): number {
    if (this.startFrame < 0) return 0;
    const due = this.startFrame + this.scheduled - this.aheadFrames;
    return Math.max(0, ((due - this.nowFrame()) * 1000) / this.ctx.sampleRate);
  }

  /** Schedules exactly `chunks` chunks regardless of the clock (offline rendering). */
  scheduleChunks(chunks: number): void {
    if (this.startFrame < 0) this.startFrame = 0;
    for (let i = 0; i < chunks; i++) {
      const chunk = this.renderChunk();
      this.start(this.startFrame + this.scheduled, this.fill(), chunk);
    }
  }

  /** Renders the next chunk into the scheduler's buffers; returns the position and stream frame at its start. */
  private renderChunk(): RenderedChunk {
    const snapshot = this.core.snapshot();
    const streamFrame = this.core.streamFrame;
    const playing = this.core.isPlaying;
    const t0 = performance.now();
    this.core.render(this.left, this.right, this.chunkFrames);
    const seconds = (performance.now() - t0) / 1000;
    this.renderSeconds += seconds;
    const ratio = (seconds * this.ctx.sampleRate) / this.chunkFrames;
    if (ratio > this.peakRenderRatio) this.peakRenderRatio = ratio;
    this.quietChunks = !playing && isSilent(this.left, this.right, this.chunkFrames) ? this.quietChunks + 1 : 0;
    return { snapshot, streamFrame, midi: this.core.midi.take() };
  }

  /** An audio buffer holding the rendered chunk. */
  private fill(): AudioBufferLike {
    const buf = this.ctx.createBuffer(2, this.chunkFrames, this.ctx.sampleRate);
    buf.copyToChannel(this.left, 0);
    buf.copyToChannel(this.right, 1);
    return buf;
  }

  /** Starts a rendered chunk at context frame `frame`. */
  private start(frame: number, buf: AudioBufferLike, { snapshot, streamFrame, midi }: RenderedChunk): void {
    const src = this.ctx.createBufferSource();
    src.buffer = buf;
    src.connect(this.ctx.destination as never);
    src.start(frame / this.ctx.sampleRate);
    this.sources.push({ frame, source: src });
    if (this.sources.length > 64) this.sources.splice(0, this.sources.length - 32);
    this.scheduled += this.chunkFrames;
    this.positions.push({ frame, snapshot });
    if (this.positions.length > 256) this.positions.splice(0, this.positions.length - 128);
    this.onChunk?.(frame, streamFrame, midi);
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

function isSilent(left: Float32Array, right: Float32Array, frames: number): boolean {
  for (let i = 0; i < frames; i++) if (left[i] !== 0 || right[i] !== 0) return false;
  return true;
}
