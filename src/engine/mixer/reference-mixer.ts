// A straightforward mixer that favours obviousness over speed: it reads every tap through a
// loop-aware fetch and ramps gains linearly. It renders offline and live until the optimised mixer
// replaces it, and stays afterwards as the reference the optimised one is tested against.

import { SINC_PHASES, SINC_TABLE, SINC_TAPS } from './sinc-table.js';
import type { InterpolationMode, MixerSettings, MixVoice } from './voice.js';

interface RampState {
  targetLeft: number;
  targetRight: number;
  stepLeft: number;
  stepRight: number;
  remaining: number;
}

const ramps = new WeakMap<MixVoice, RampState>();

/** The sample value at integer index `i`, following the voice's loop (0 outside the sample). */
function fetch(v: MixVoice, data: Float64Array, i: number): number {
  const frames = data.length;
  if (v.loopMode === 'none' || v.loopEnd <= v.loopStart) return i >= 0 && i < frames ? (data[i] as number) : 0;
  const start = v.loopStart;
  const end = Math.min(v.loopEnd, frames);
  const len = end - start;
  if (i < end && i >= 0 && (i >= start || v.direction > 0)) return i < frames ? (data[i] as number) : 0;
  if (i < 0) return 0;
  if (v.loopMode === 'forward') return data[start + ((((i - start) % len) + len) % len)] as number;
  // Ping-pong: mirror at both ends (period 2 * len).
  const period = 2 * len;
  let k = (((i - start) % period) + period) % period;
  if (k >= len) k = period - 1 - k;
  return data[start + k] as number;
}

function interpolate(mode: InterpolationMode, v: MixVoice, data: Float64Array, pos: number): number {
  const i = Math.floor(pos);
  const t = pos - i;
  switch (mode) {
    case 'nearest':
      return fetch(v, data, i);
    case 'linear': {
      const a = fetch(v, data, i);
      return a + (fetch(v, data, i + 1) - a) * t;
    }
    case 'sinc': {
      const p = Math.floor(t * SINC_PHASES) * SINC_TAPS;
      let x = 0;
      for (let j = 0; j < SINC_TAPS; j++) x += fetch(v, data, i - 3 + j) * (SINC_TABLE[p + j] as number);
      return x;
    }
    case 'cubic': {
      // Catmull-Rom spline through four neighbours.
      const p0 = fetch(v, data, i - 1);
      const p1 = fetch(v, data, i);
      const p2 = fetch(v, data, i + 1);
      const p3 = fetch(v, data, i + 2);
      return p1 + 0.5 * t * (p2 - p0 + t * (2 * p0 - 5 * p1 + 4 * p2 - p3 + t * (3 * (p1 - p2) + p3 - p0)));
    }
  }
}

/** Adds all active voices into out[offset .. offset + frames). */
export function mixVoicesReference(voices: readonly MixVoice[], outLeft: Float32Array, outRight: Float32Array, offset: number, frames: number, settings: MixerSettings): void {
  for (const v of voices) {
    if (!v.active || !v.sample) continue;
    mixVoice(v, outLeft, outRight, offset, frames, settings);
  }
}

function mixVoice(v: MixVoice, outLeft: Float32Array, outRight: Float32Array, offset: number, frames: number, settings: MixerSettings): void {
  const s = v.sample;
  if (!s) return;
  const step = v.frequency / settings.sampleRate;
  let ramp = ramps.get(v);
  if (!ramp) {
    ramp = { targetLeft: NaN, targetRight: NaN, stepLeft: 0, stepRight: 0, remaining: 0 };
    ramps.set(v, ramp);
  }
  const targetL = v.stopping ? 0 : v.gainLeft;
  const targetR = v.stopping ? 0 : v.gainRight;
  const settled = ramp.remaining === 0 && (v.currentLeft !== targetL || v.currentRight !== targetR);
  if (targetL !== ramp.targetLeft || targetR !== ramp.targetRight || settled) {
    const n = Math.max(1, settings.rampFrames);
    ramp.targetLeft = targetL;
    ramp.targetRight = targetR;
    ramp.stepLeft = (targetL - v.currentLeft) / n;
    ramp.stepRight = (targetR - v.currentRight) / n;
    ramp.remaining = v.currentLeft === targetL && v.currentRight === targetR ? 0 : n;
  }
  const end = v.loopMode === 'none' ? Math.min(v.loopEnd || s.frames, s.frames) : Math.min(v.loopEnd, s.frames);
  const f = v.filter;
  for (let k = 0; k < frames; k++) {
    if (ramp.remaining === 0 && v.stopping) {
      v.active = false;
      v.stopping = false;
      return;
    }
    let l = interpolate(settings.interpolation, v, s.left, v.position);
    let r = s.right ? interpolate(settings.interpolation, v, s.right, v.position) : l;
    if (f) {
      const yl = f.a0 * l + f.b0 * v.filterY1L + f.b1 * v.filterY2L;
      v.filterY2L = v.filterY1L;
      v.filterY1L = yl;
      l = f.highPass ? l - yl : yl;
      const yr = f.a0 * r + f.b0 * v.filterY1R + f.b1 * v.filterY2R;
      v.filterY2R = v.filterY1R;
      v.filterY1R = yr;
      r = f.highPass ? r - yr : yr;
    }
    const i = offset + k;
    outLeft[i] = (outLeft[i] as number) + l * v.currentLeft;
    outRight[i] = (outRight[i] as number) + (v.surround ? -r : r) * v.currentRight;
    // Gains move after each frame; the ramp ends exactly on its target.
    if (ramp.remaining > 0) {
      v.currentLeft += ramp.stepLeft;
      v.currentRight += ramp.stepRight;
      if (--ramp.remaining === 0) {
        v.currentLeft = ramp.targetLeft;
        v.currentRight = ramp.targetRight;
      }
    }
    v.position += step * v.direction;
    v.framesPlayed++;
    if (v.loopMode === 'none') {
      if (v.position >= end || v.position < 0) {
        v.active = false;
        return;
      }
    } else if (v.loopMode === 'forward') {
      if (v.position >= end && v.pendingLoopEnd >= 0) {
        // One-shot loop: the first pass ended; loop the real loop from now on.
        v.position = v.loopStart + (v.position - end);
        v.loopEnd = Math.min(v.pendingLoopEnd, s.frames);
        v.pendingLoopEnd = -1;
        return mixVoice(v, outLeft, outRight, offset + k + 1, frames - k - 1, settings);
      }
      const len = end - v.loopStart;
      if (v.position >= end) v.position = v.loopStart + ((v.position - v.loopStart) % len);
      else if (v.direction < 0 && v.position < v.loopStart) v.position = end - ((v.loopStart - v.position) % len);
    } else {
      if (v.direction > 0 && v.position >= end) {
        v.position = Math.max(v.loopStart, 2 * end - v.position - v.pingPongTurn);
        v.direction = -1;
      } else if (v.direction < 0 && v.position < v.loopStart) {
        v.position = Math.min(end - 1, 2 * v.loopStart - v.position);
        v.direction = 1;
      }
    }
  }
}
