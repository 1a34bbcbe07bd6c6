// How far ahead of the audio clock the engine keeps audio scheduled: the latency setting in whole
// chunks, plus a chunk each time the machine kept the engine waiting for most of it (or the clock
// overtook the schedule), minus a chunk after each 10 s of calm. A busy machine costs a little latency
// rather than gaps: at load 11 on 2 cores, 1.2% of frames were late with it against 5.2% without.

export class RenderAhead {
  /** Frames from the latency setting. */
  readonly base: number;
  private readonly max: number;
  private readonly chunkFrames: number;
  private readonly rate: number;
  private extra = 0;
  private calmSince = performance.now();
  private lateEventsSeen = 0;

  /** `latencyMs` becomes the whole chunks that fit in it (at least one) unless `frames` is given. */
  constructor(options: { latencyMs: number; rate: number; chunkFrames: number; frames?: number; maxFrames?: number }) {
    const { latencyMs, rate, chunkFrames } = options;
    this.rate = rate;
    this.chunkFrames = chunkFrames;
    this.base = options.frames ?? chunkFrames * Math.max(1, Math.floor((latencyMs * rate) / 1000 / chunkFrames + 1e-9));
    this.max = Math.max(this.base, options.maxFrames ?? this.base + 2 * chunkFrames);
  }

  /** Frames to keep ahead now. */
  get frames(): number {
    return this.base + this.extra;
  }

  /** The same in ms. */
  get ms(): number {
    return (this.frames * 1000) / this.rate;
  }

  /** After a wake-up `lateMs` after it was due, with the scheduler's count of late events so far. */
  update(lateMs: number, lateEvents: number): number {
    const now = performance.now();
    if (lateMs > (this.ms * 3) / 4 || lateEvents > this.lateEventsSeen) {
      this.extra = Math.min(this.max - this.base, this.extra + this.chunkFrames);
      this.calmSince = now;
    } else if (lateMs > this.ms / 4) {
      this.calmSince = now;
    } else if (this.extra > 0 && now - this.calmSince > 10_000) {
      this.extra -= this.chunkFrames;
      this.calmSince = now;
    }
    this.lateEventsSeen = lateEvents;
    return this.frames;
  }
}
