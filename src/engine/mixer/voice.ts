// The contract between the replayer and the mixer: a MixVoice is one mixer slot playing one sample.
// The replayer writes the "what to play" fields (sample, loop, frequency, gains, filter) once per
// tick; the mixer renders frames from them, advances the position, and ramps gains between ticks.
// A pattern channel is not a voice: IT new-note actions leave old voices playing in the background.

/**
 * Sample PCM converted once per song to float (-1..1), one array per side. Doubles rather than
 * floats: the kernels run ~10% faster without a conversion per tap (measured on the corpus with
 * bench/speed.bench.ts), for 8 instead of 4 bytes per frame.
 */
export interface MixSample {
  /** Left (or only) channel. */
  readonly left: Float64Array;
  /** Right channel of a stereo sample, or null for mono. */
  readonly right: Float64Array | null;
  /** Frames (both arrays hold at least this many). */
  readonly frames: number;
}

/** How a voice loops. */
export type LoopMode = 'none' | 'forward' | 'pingpong';

/** Interpolation used to read between sample frames. */
export type InterpolationMode = 'nearest' | 'linear' | 'cubic' | 'sinc';

/** A resonant low-pass (or high-pass) biquad as IT computes it: y = a0*x + b0*y1 + b1*y2. */
export interface FilterCoefficients {
  readonly a0: number;
  readonly b0: number;
  readonly b1: number;
  /** IT's filter can be a high-pass (MPT extension): output x - y instead of y. */
  readonly highPass: boolean;
}

/** One mixer slot. The replayer owns the fields marked "set by the replayer". */
export class MixVoice {
  /** True while the voice produces sound (false once a one-shot sample ends or a stop ramp ends). */
  active = false;
  // --- set by the replayer ---
  sample: MixSample | null = null;
  /** Loop region in frames (end exclusive), used when loopMode is not 'none'. */
  loopStart = 0;
  loopEnd = 0;
  loopMode: LoopMode = 'none';
  /** Playback rate of the sample in Hz (frames per second); the mixer divides by the output rate. */
  frequency = 0;
  /** Target gains (linear, 1 = full scale per side) reached by ramping over `rampFrames`. */
  gainLeft = 0;
  gainRight = 0;
  /** Invert the right side's phase (surround). */
  surround = false;
  /** Resonant filter coefficients, or null for no filter. */
  filter: FilterCoefficients | null = null;
  /** When true, the voice ramps its gains to zero and then becomes inactive. */
  stopping = false;
  /**
   * ProTracker one-shot loops: when a forward loop reaches loopEnd the first time, play from
   * loopStart with this as the new loopEnd (then it is set back to -1). -1 = none.
   */
  pendingLoopEnd = -1;
  /**
   * Where a ping-pong loop turns at its end: 1 (Impulse Tracker) mirrors the position around
   * loopEnd - 1, so the last frame sounds twice; 0 (FastTracker 2 and the others, as libopenmpt
   * plays them) mirrors it around loopEnd, whose frame reads as the last one: three times.
   */
  pingPongTurn: 0 | 1 = 1;
  /** How many times a sample was started on this voice (MIDI export watches it for note-ons). */
  triggers = 0;
  // --- kept by the mixer ---
  /** Play position in frames (integer part plus fraction). */
  position = 0;
  /** +1 forwards, -1 backwards (ping-pong loops, or reverse playback). */
  direction: 1 | -1 = 1;
  /** Current (ramped) gains. */
  currentLeft = 0;
  currentRight = 0;
  /** Filter history (two per side). */
  filterY1L = 0;
  filterY2L = 0;
  filterY1R = 0;
  filterY2R = 0;
  /** Frames rendered since the last trigger (for analysis and tests). */
  framesPlayed = 0;
  /** Mixer's ramp state: targets being ramped to, per-frame steps and frames left. */
  rampTargetLeft = 0;
  rampTargetRight = 0;
  rampStepLeft = 0;
  rampStepRight = 0;
  rampFramesLeft = 0;
  /** Sample frames per output frame (frequency / output rate), set at each mix call. */
  step = 0;
  /** step * direction: what the position moves per output frame in the stretch being mixed. */
  increment = 0;

  /**
   * Starts `sample` at `position` frames. With `ramp` true the gains rise from 0 to the targets
   * (avoids clicks); otherwise they jump to the targets at the first rendered frame.
   */
  trigger(sample: MixSample, position: number, ramp = true): void {
    this.triggers++;
    this.sample = sample;
    this.position = Math.max(0, Math.min(position, sample.frames));
    this.direction = 1;
    this.active = sample.frames > 0 && this.position < sample.frames;
    this.stopping = false;
    this.pendingLoopEnd = -1;
    this.framesPlayed = 0;
    this.rampFramesLeft = 0;
    this.rampTargetLeft = this.rampTargetRight = NaN;
    this.filterY1L = this.filterY2L = this.filterY1R = this.filterY2R = 0;
    if (ramp) {
      this.currentLeft = 0;
      this.currentRight = 0;
    } else {
      this.currentLeft = this.gainLeft;
      this.currentRight = this.gainRight;
    }
  }

  /** Fades the voice out over the ramp and then frees it. */
  stop(): void {
    if (this.active) this.stopping = true;
  }

  /** Frees the voice at once (no ramp: may click; for resets). */
  kill(): void {
    this.active = false;
    this.stopping = false;
    this.sample = null;
    this.currentLeft = this.currentRight = 0;
  }

  /** Copies another voice's complete state (used to move a voice to a background slot). */
  copyFrom(other: MixVoice): void {
    this.active = other.active;
    this.sample = other.sample;
    this.loopStart = other.loopStart;
    this.loopEnd = other.loopEnd;
    this.loopMode = other.loopMode;
    this.frequency = other.frequency;
    this.gainLeft = other.gainLeft;
    this.gainRight = other.gainRight;
    this.surround = other.surround;
    this.filter = other.filter;
    this.stopping = other.stopping;
    this.pendingLoopEnd = other.pendingLoopEnd;
    this.pingPongTurn = other.pingPongTurn;
    this.position = other.position;
    this.direction = other.direction;
    this.currentLeft = other.currentLeft;
    this.currentRight = other.currentRight;
    this.filterY1L = other.filterY1L;
    this.filterY2L = other.filterY2L;
    this.filterY1R = other.filterY1R;
    this.filterY2R = other.filterY2R;
    this.framesPlayed = other.framesPlayed;
    this.rampTargetLeft = other.rampTargetLeft;
    this.rampTargetRight = other.rampTargetRight;
    this.rampStepLeft = other.rampStepLeft;
    this.rampStepRight = other.rampStepRight;
    this.rampFramesLeft = other.rampFramesLeft;
    this.step = other.step;
    this.increment = other.increment;
  }
}

/** Settings of the mixer, fixed for a render. */
export interface MixerSettings {
  /** Output rate in Hz, 8000..192000. */
  readonly sampleRate: number;
  readonly interpolation: InterpolationMode;
  /** Frames over which gain changes are ramped (about 1.5 ms by default). */
  readonly rampFrames: number;
}
