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
/** Frames whose peak is checked before any of them is clipped. */
const CLIP_BLOCK = 256;

/**
 * The soft clip in place. Most music stays below the knee: each block of frames is scanned for its
 * peak (cheaper than two compares per value) and only blocks that reach the knee are clipped.
 */
function softClip(left: Float32Array, right: Float32Array, frames: number): void {
  for (let start = 0; start < frames; start += CLIP_BLOCK) {
    const end = Math.min(frames, start + CLIP_BLOCK);
    let peak = 0;
    for (let i = start; i < end; i++) {
      const l = Math.abs(left[i]!);
      const r = Math.abs(right[i]!);
      if (l > peak) peak = l;
      if (r > peak) peak = r;
    }
    if (peak > KNEE) clipBlock(left, right, start, end);
  }
}

/** The curve, written out for both sides (a helper returning the value would box it). */
function clipBlock(left: Float32Array, right: Float32Array, start: number, end: number): void {
  for (let i = start; i < end; i++) {
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
