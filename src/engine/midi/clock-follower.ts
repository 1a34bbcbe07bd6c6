// Following an external MIDI clock, phase-locked: every incoming pulse (24 per beat) is placed on
// the stream's frame axis; the pulse period is a least-squares fit over the last pulses, and each
// tick's length is that period times the tick's share of a pulse, stretched or shrunk so that the
// gap between the pulses received and the pulses played closes within `horizon` pulses. The song
// therefore stays on the external beat instead of drifting with an estimated tempo. Pure.

/** Tick starts remembered to place arriving pulses against the song's own pulse count. */
const HISTORY = 512;

export interface ClockFollowerOptions {
  /** Frames per pulse to assume before two pulses have arrived. */
  readonly initialFramesPerPulse: number;
  /** Pulses over which a phase error is closed (default 24: one beat). */
  readonly horizon?: number;
  /** Pulses in the period fit (default 12). */
  readonly window?: number;
  /** Largest tempo correction, as a fraction (default 0.1 = 10 %). */
  readonly maxCorrection?: number;
}

export class ClockFollower {
  private framesPerPulse: number;
  private readonly horizon: number;
  private readonly window: number;
  private readonly maxCorrection: number;
  /** Arrival frames of the recent pulses (for the period fit). */
  private readonly arrivals: number[] = [];
  /** Pulses received since start (the next pulse's number). */
  private received = 0;
  /** Pulses played: the song's position in pulses at the end of the last tick handed out. */
  private played = 0;
  /** Tick starts: stream frame and pulse position, oldest first (ring). */
  private readonly tickFrames = new Float64Array(HISTORY);
  private readonly tickPhases = new Float64Array(HISTORY);
  private ticks = 0;
  private lastTickEnd = -1;
  private carry = 0;
  /** Last measured phase error in pulses (received - played at the pulse's frame). */
  error = 0;

  constructor(options: ClockFollowerOptions) {
    this.framesPerPulse = options.initialFramesPerPulse;
    this.horizon = options.horizon ?? 24;
    this.window = options.window ?? 12;
    this.maxCorrection = options.maxCorrection ?? 0.1;
  }

  /** Beats per minute of the external clock at `sampleRate`. */
  bpm(sampleRate: number): number {
    return (60 * sampleRate) / (this.framesPerPulse * 24);
  }

  /** Pulses received so far. */
  get pulsesReceived(): number {
    return this.received;
  }

  /** The song's position in pulses at the end of the ticks handed out so far. */
  get pulsesPlayed(): number {
    return this.played;
  }

  /** A pulse arrived; `frame` is the stream frame being heard when it arrived. */
  pulse(frame: number): void {
    const k = this.received++;
    this.arrivals.push(frame);
    if (this.arrivals.length > this.window) this.arrivals.shift();
    this.fitPeriod();
    if (this.ticks > 0) this.error = k - this.phaseAt(frame);
  }

  /** Length in frames of the tick starting at stream `frame`, which carries `pulses` pulses. */
  nextTickFrames(frame: number, pulses: number): number {
    if (this.ticks === 0 && this.received > 0) {
      // Pulses arrived before the song started: it is behind by the time since the last of them.
      const last = this.arrivals[this.arrivals.length - 1] ?? frame;
      this.error = this.received - 1 + (frame - last) / this.framesPerPulse;
    }
    const slot = this.ticks % HISTORY;
    this.tickFrames[slot] = frame;
    this.tickPhases[slot] = this.played;
    this.ticks++;
    // Close the phase gap over the horizon: behind (error > 0) plays faster, ahead slower.
    const correction = Math.max(-this.maxCorrection, Math.min(this.maxCorrection, this.error / this.horizon));
    const exact = (this.framesPerPulse * pulses) / (1 + correction) + this.carry;
    const frames = Math.max(1, Math.floor(exact));
    this.carry = exact - frames;
    this.played += pulses;
    this.lastTickEnd = frame + frames;
    // The error measured last is being corrected from now on; decay it as the played pulses catch up.
    this.error -= pulses * correction;
    return frames;
  }

  /** The song's pulse position at a stream frame (interpolated between tick starts). */
  phaseAt(frame: number): number {
    const n = Math.min(this.ticks, HISTORY);
    const first = this.ticks - n;
    let lo = -1;
    for (let i = this.ticks - 1; i >= first; i--) {
      if ((this.tickFrames[i % HISTORY] ?? 0) <= frame) {
        lo = i;
        break;
      }
    }
    if (lo < 0) {
      const f0 = this.tickFrames[first % HISTORY] ?? 0;
      return (this.tickPhases[first % HISTORY] ?? 0) - (f0 - frame) / this.framesPerPulse;
    }
    const f = this.tickFrames[lo % HISTORY] ?? 0;
    const p = this.tickPhases[lo % HISTORY] ?? 0;
    const nextFrame = lo + 1 < this.ticks ? (this.tickFrames[(lo + 1) % HISTORY] ?? 0) : this.lastTickEnd;
    const nextPhase = lo + 1 < this.ticks ? (this.tickPhases[(lo + 1) % HISTORY] ?? 0) : this.played;
    if (nextFrame <= f) return p;
    return p + ((Math.min(frame, nextFrame) - f) / (nextFrame - f)) * (nextPhase - p) + Math.max(0, frame - nextFrame) / this.framesPerPulse;
  }

  /** Least-squares slope of arrival frame against pulse number over the window. */
  private fitPeriod(): void {
    const a = this.arrivals;
    const n = a.length;
    if (n < 2) return;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    for (let i = 0; i < n; i++) {
      const y = (a[i] ?? 0) - (a[0] ?? 0);
      sx += i;
      sy += y;
      sxx += i * i;
      sxy += i * y;
    }
    const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    if (Number.isFinite(slope) && slope > 0) this.framesPerPulse = slope;
  }
}
