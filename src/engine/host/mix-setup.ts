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
  return softClip;
}

const KNEE = 0.9;

/**
 * The soft clip in place. Most frames are below the knee: two compares each. The curve is written
 * out for both sides (a helper returning the clipped value would box it when V8 does not inline it).
 */
function softClip(left: Float32Array, right: Float32Array, frames: number): void {
  for (let i = 0; i < frames; i++) {
    const l = left[i]!;
    if (l > KNEE || l < -KNEE) {
      const y = KNEE + (1 - KNEE) * Math.tanh((Math.abs(l) - KNEE) / (1 - KNEE));
      left[i] = l < 0 ? -y : y;
    }
    const r = right[i]!;
    if (r > KNEE || r < -KNEE) {
      const y = KNEE + (1 - KNEE) * Math.tanh((Math.abs(r) - KNEE) / (1 - KNEE));
      right[i] = r < 0 ? -y : y;
    }
  }
}

/** The engine's defaults (live playback). */
export function defaultMix(sampleRate: number): MixFunction {
  return createMix(sampleRate, 'cubic');
}

export function defaultMaster(): (left: Float32Array, right: Float32Array, frames: number) => void {
  return createMaster();
}
