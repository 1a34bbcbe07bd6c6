// The silent output used when there is no sound card (headless servers, CI, --silent): a clock that
// follows wall time, so the transport, positions and MIDI run as they would on a device, but nothing is
// rendered by an audio library (node-web-audio-api's own `sinkId: 'none'` sink costs a render thread).

import type { LiveAudioContext } from './audio-output.js';

/** Takes audio buffers and sources as a device context would, and drops them. */
const nullBuffer = { copyToChannel(): void {} };

/** A scheduled buffer that nobody hears (one shared object: nothing is kept per chunk). */
const nullSource = {
  buffer: null as unknown,
  connect(): unknown {
    return undefined;
  },
  start(): void {},
  stop(): void {},
};

/**
 * A LiveAudioContext whose clock is the monotonic wall clock (performance.now) from the moment it is
 * opened. Its clock never drifts against wall time and never stalls, and it renders nothing.
 */
export class SilentClockContext implements LiveAudioContext {
  readonly sampleRate: number;
  readonly destination = {};
  /** 'running' until closed (as AudioContext.state). */
  state: 'running' | 'closed' = 'running';
  private readonly t0: number;
  private closedAt = -1;

  constructor(sampleRate: number, now: () => number = () => performance.now()) {
    this.sampleRate = sampleRate;
    this.now = now;
    this.t0 = now();
  }

  private readonly now: () => number;

  /** Seconds since the output was opened (stands still once closed). */
  get currentTime(): number {
    return ((this.closedAt >= 0 ? this.closedAt : this.now()) - this.t0) / 1000;
  }

  createBuffer(): { copyToChannel(source: Float32Array, channel: number): void } {
    return nullBuffer;
  }

  createBufferSource(): typeof nullSource {
    return nullSource;
  }

  async close(): Promise<void> {
    if (this.closedAt < 0) this.closedAt = this.now();
    this.state = 'closed';
  }
}
