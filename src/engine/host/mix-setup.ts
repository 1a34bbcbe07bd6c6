// The mixer the engine uses, configured in one place: interpolation, volume ramp and the master
// section (soft clip that leaves normal levels untouched).

import { mixVoices } from '../mixer/mixer.js';
import type { InterpolationMode, MixerSettings } from '../mixer/voice.js';
import type { MixFunction } from '../replayer/player.js';

export const INTERPOLATIONS: readonly InterpolationMode[] = ['nearest', 'linear', 'cubic', 'sinc'];

/** Volume ramp length: about 1.5 ms, at least 8 frames. */
export function rampFramesFor(sampleRate: number): number {
  return Math.max(8, Math.round(sampleRate * 0.0015));
}

/** A mix function for the given rate and interpolation. */
export function createMix(sampleRate: number, interpolation: InterpolationMode = 'cubic'): MixFunction {
  const settings: MixerSettings = { sampleRate, interpolation, rampFrames: rampFramesFor(sampleRate) };
  return (voices, left, right, offset, frames) => mixVoices(voices, left, right, offset, frames, settings);
}

/** Soft clip above 0.9 that never exceeds full scale; identity below. */
export function createMaster(): (left: Float32Array, right: Float32Array, frames: number) => void {
  const knee = 0.9;
  const clip = (x: number): number => {
    const a = Math.abs(x);
    if (a <= knee) return x;
    const over = (a - knee) / (1 - knee);
    const y = knee + (1 - knee) * Math.tanh(over);
    return x < 0 ? -y : y;
  };
  // Most frames are below the knee: test with two compares and only call clip() above it.
  return (left, right, frames) => {
    for (let i = 0; i < frames; i++) {
      const l = left[i]!;
      const r = right[i]!;
      if (l > knee || l < -knee) left[i] = clip(l);
      if (r > knee || r < -knee) right[i] = clip(r);
    }
  };
}

/** The engine's defaults (live playback). */
export function defaultMix(sampleRate: number): MixFunction {
  return createMix(sampleRate, 'cubic');
}

export function defaultMaster(): (left: Float32Array, right: Float32Array, frames: number) => void {
  return createMaster();
}
