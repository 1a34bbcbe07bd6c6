// The production mixer: adds every active voice into the output with the chosen interpolation,
// volume ramps, loops and the resonant filter. Speed comes from tight per-interpolation loops over
// stretches where all taps lie inside the sample and no loop boundary is crossed; the few frames at
// boundaries go through a careful single-frame path. No allocation happens while mixing.

import { SINC_PHASES, SINC_TABLE, SINC_TAPS } from './sinc-table.js';
import type { InterpolationMode, MixerSettings, MixVoice } from './voice.js';

/** Taps each interpolation reads left and right of the current frame. */
const TAPS_LEFT: Readonly<Record<InterpolationMode, number>> = { nearest: 0, linear: 0, cubic: 1, sinc: 3 };
const TAPS_RIGHT: Readonly<Record<InterpolationMode, number>> = { nearest: 0, linear: 1, cubic: 2, sinc: 4 };

/** Adds all active voices into out[offset .. offset + frames). */
export function mixVoices(voices: readonly MixVoice[], outLeft: Float32Array, outRight: Float32Array, offset: number, frames: number, settings: MixerSettings): void {
  for (let i = 0; i < voices.length; i++) {
    const v = voices[i] as MixVoice;
    if (v.active && v.sample) mixVoice(v, outLeft, outRight, offset, frames, settings);
  }
}

function startRamp(v: MixVoice, rampFrames: number): void {
  const tl = v.stopping ? 0 : v.gainLeft;
  const tr = v.stopping ? 0 : v.gainRight;
  const settled = v.rampFramesLeft === 0 && (v.currentLeft !== tl || v.currentRight !== tr);
  if (tl === v.rampTargetLeft && tr === v.rampTargetRight && !settled) return;
  const n = Math.max(1, rampFrames);
  v.rampTargetLeft = tl;
  v.rampTargetRight = tr;
  v.rampStepLeft = (tl - v.currentLeft) / n;
  v.rampStepRight = (tr - v.currentRight) / n;
  v.rampFramesLeft = v.currentLeft === tl && v.currentRight === tr ? 0 : n;
}

/** The loop's effective end (exclusive) in frames. */
function endOf(v: MixVoice, frames: number): number {
  const e = v.loopMode === 'none' ? (v.loopEnd > 0 ? v.loopEnd : frames) : v.loopEnd;
  return Math.min(e, frames);
}

function mixVoice(v: MixVoice, outLeft: Float32Array, outRight: Float32Array, offset: number, frames: number, settings: MixerSettings): void {
  const s = v.sample;
  if (!s) return;
  startRamp(v, settings.rampFrames);
  const mode = settings.interpolation;
  const tapsL = TAPS_LEFT[mode];
  const tapsR = TAPS_RIGHT[mode];
  const step = v.frequency / settings.sampleRate;
  // A silent voice (no gain, no ramp) is not mixed, only moved on, as libopenmpt does: faded
  // notes of FT2-style channels keep running silently for later portamento pickup.
  if (v.rampFramesLeft === 0 && v.currentLeft === 0 && v.currentRight === 0 && !v.stopping) {
    advanceSilently(v, step, frames, s.frames);
    return;
  }
  let done = 0;
  while (done < frames) {
    if (!v.active) return;
    if (v.rampFramesLeft === 0 && v.stopping) {
      v.active = false;
      v.stopping = false;
      return;
    }
    let n = frames - done;
    if (v.rampFramesLeft > 0 && v.rampFramesLeft < n) n = v.rampFramesLeft;
    const end = endOf(v, s.frames);
    const start = v.loopMode === 'none' ? 0 : v.loopStart;
    // The region where every tap reads real frames of the current pass without wrapping. Playing
    // forwards, frames before the loop start are plain sample data too (the first pass).
    const lo = (v.direction > 0 ? 0 : start) + tapsL;
    const hi = end - tapsR - 1;
    const pos = v.position;
    const inc = step * v.direction;
    let fast = 0;
    if (pos >= lo && pos < hi + 1 && step > 0) {
      fast = v.direction > 0 ? Math.ceil((hi + 1 - pos) / step) : Math.ceil((pos - lo) / step);
      // Stay strictly inside: the last fast frame must start below hi + 1 (or at/above lo).
      if (v.direction > 0) {
        while (fast > 0 && pos + (fast - 1) * inc >= hi + 1) fast--;
      } else {
        while (fast > 0 && pos + (fast - 1) * inc < lo) fast--;
      }
    }
    if (fast > 0) {
      if (fast > n) fast = n;
      runKernel(v, s.left, s.right, mode, outLeft, outRight, offset + done, fast, inc);
      // Only the last step of a fast stretch can leave the region: wrap it like a single frame.
      wrap(v, end, start, s.frames);
      afterFrames(v, fast);
      done += fast;
    } else {
      mixOneFrame(v, outLeft, outRight, offset + done, mode, step, end, start);
      afterFrames(v, 1);
      done += 1;
    }
  }
}

/** Moves a silent voice `frames` output frames on, through loops, without reading the sample. */
function advanceSilently(v: MixVoice, step: number, frames: number, sampleFrames: number): void {
  v.framesPlayed += frames;
  if (step <= 0) return;
  const end = endOf(v, sampleFrames);
  const start = v.loopMode === 'none' ? 0 : v.loopStart;
  let left = frames;
  // Inside a plain forward loop the end position is a modulo away.
  if (v.loopMode === 'forward' && v.pendingLoopEnd < 0 && v.direction > 0 && v.position >= start && v.position < end && end > start) {
    const len = end - start;
    v.position = start + ((v.position - start + left * step) % len);
    return;
  }
  while (left > 0 && v.active) {
    // Frames until the position crosses the boundary it is heading for.
    const k = v.direction > 0 ? Math.max(1, Math.ceil((end - v.position) / step)) : Math.max(1, Math.floor((v.position - start) / step) + 1);
    if (k > left) {
      v.position += left * step * v.direction;
      return;
    }
    v.position += k * step * v.direction;
    left -= k;
    wrap(v, end, start, sampleFrames);
    if (v.loopMode !== 'none' && end - start <= 0) {
      v.active = false;
      return;
    }
  }
}

/** Counts ramp frames; snaps gains to the target when the ramp ends. */
function afterFrames(v: MixVoice, n: number): void {
  v.framesPlayed += n;
  if (v.rampFramesLeft > 0) {
    v.rampFramesLeft -= n;
    if (v.rampFramesLeft <= 0) {
      v.rampFramesLeft = 0;
      v.currentLeft = v.rampTargetLeft;
      v.currentRight = v.rampTargetRight;
    }
  }
}

function runKernel(v: MixVoice, left: Float32Array, right: Float32Array | null, mode: InterpolationMode, outL: Float32Array, outR: Float32Array, o: number, n: number, inc: number): void {
  const ramping = v.rampFramesLeft > 0;
  const dgl = ramping ? v.rampStepLeft : 0;
  const dgr = ramping ? v.rampStepRight : 0;
  const sign = v.surround ? -1 : 1;
  if (right === null && v.filter === null) {
    switch (mode) {
      case 'nearest': nearestMono(v, left, outL, outR, o, n, inc, dgl, dgr, sign); return;
      case 'linear': linearMono(v, left, outL, outR, o, n, inc, dgl, dgr, sign); return;
      case 'cubic': cubicMono(v, left, outL, outR, o, n, inc, dgl, dgr, sign); return;
      case 'sinc': sincMono(v, left, outL, outR, o, n, inc, dgl, dgr, sign); return;
    }
  }
  generalKernel(v, left, right, mode, outL, outR, o, n, inc, dgl, dgr, sign);
}

// The mono kernels below read taps that runKernel's caller proved to be inside the sample, so the
// non-null assertions on typed-array reads hold.

function nearestMono(v: MixVoice, d: Float32Array, L: Float32Array, R: Float32Array, o: number, n: number, inc: number, dgl: number, dgr: number, sign: number): void {
  let pos = v.position;
  let gl = v.currentLeft;
  let gr = v.currentRight * sign;
  const dr = dgr * sign;
  for (let k = 0; k < n; k++) {
    const x = d[pos | 0]!;
    L[o + k]! += x * gl;
    R[o + k]! += x * gr;
    gl += dgl;
    gr += dr;
    pos += inc;
  }
  v.position = pos;
  v.currentLeft = gl;
  v.currentRight = gr * sign;
}

function linearMono(v: MixVoice, d: Float32Array, L: Float32Array, R: Float32Array, o: number, n: number, inc: number, dgl: number, dgr: number, sign: number): void {
  let pos = v.position;
  let gl = v.currentLeft;
  let gr = v.currentRight * sign;
  const dr = dgr * sign;
  for (let k = 0; k < n; k++) {
    const i = pos | 0;
    const a = d[i]!;
    const x = a + (d[i + 1]! - a) * (pos - i);
    L[o + k]! += x * gl;
    R[o + k]! += x * gr;
    gl += dgl;
    gr += dr;
    pos += inc;
  }
  v.position = pos;
  v.currentLeft = gl;
  v.currentRight = gr * sign;
}

function cubicMono(v: MixVoice, d: Float32Array, L: Float32Array, R: Float32Array, o: number, n: number, inc: number, dgl: number, dgr: number, sign: number): void {
  let pos = v.position;
  let gl = v.currentLeft;
  let gr = v.currentRight * sign;
  const dr = dgr * sign;
  for (let k = 0; k < n; k++) {
    const i = pos | 0;
    const t = pos - i;
    const p0 = d[i - 1]!;
    const p1 = d[i]!;
    const p2 = d[i + 1]!;
    const p3 = d[i + 2]!;
    const x = p1 + 0.5 * t * (p2 - p0 + t * (2 * p0 - 5 * p1 + 4 * p2 - p3 + t * (3 * (p1 - p2) + p3 - p0)));
    L[o + k]! += x * gl;
    R[o + k]! += x * gr;
    gl += dgl;
    gr += dr;
    pos += inc;
  }
  v.position = pos;
  v.currentLeft = gl;
  v.currentRight = gr * sign;
}

function sincMono(v: MixVoice, d: Float32Array, L: Float32Array, R: Float32Array, o: number, n: number, inc: number, dgl: number, dgr: number, sign: number): void {
  let pos = v.position;
  let gl = v.currentLeft;
  let gr = v.currentRight * sign;
  const dr = dgr * sign;
  const w = SINC_TABLE;
  for (let k = 0; k < n; k++) {
    const i = pos | 0;
    const p = (((pos - i) * SINC_PHASES) | 0) * SINC_TAPS;
    const b = i - 3;
    const x = d[b]! * w[p]! + d[b + 1]! * w[p + 1]! + d[b + 2]! * w[p + 2]! + d[b + 3]! * w[p + 3]!
      + d[b + 4]! * w[p + 4]! + d[b + 5]! * w[p + 5]! + d[b + 6]! * w[p + 6]! + d[b + 7]! * w[p + 7]!;
    L[o + k]! += x * gl;
    R[o + k]! += x * gr;
    gl += dgl;
    gr += dr;
    pos += inc;
  }
  v.position = pos;
  v.currentLeft = gl;
  v.currentRight = gr * sign;
}

/** Reads one interpolated value at `pos` from `d` (taps inside the sample). */
function readAt(mode: InterpolationMode, d: Float32Array, pos: number): number {
  const i = pos | 0;
  const t = pos - i;
  switch (mode) {
    case 'nearest': return d[i]!;
    case 'linear': {
      const a = d[i]!;
      return a + (d[i + 1]! - a) * t;
    }
    case 'cubic': {
      const p0 = d[i - 1]!;
      const p1 = d[i]!;
      const p2 = d[i + 1]!;
      const p3 = d[i + 2]!;
      return p1 + 0.5 * t * (p2 - p0 + t * (2 * p0 - 5 * p1 + 4 * p2 - p3 + t * (3 * (p1 - p2) + p3 - p0)));
    }
    case 'sinc': {
      const p = ((t * SINC_PHASES) | 0) * SINC_TAPS;
      let x = 0;
      for (let j = 0; j < SINC_TAPS; j++) x += d[i - 3 + j]! * SINC_TABLE[p + j]!;
      return x;
    }
  }
}

/** Stereo samples and filtered voices: one loop with both sides and the biquad. */
function generalKernel(v: MixVoice, left: Float32Array, right: Float32Array | null, mode: InterpolationMode, L: Float32Array, R: Float32Array, o: number, n: number, inc: number, dgl: number, dgr: number, sign: number): void {
  let pos = v.position;
  let gl = v.currentLeft;
  let gr = v.currentRight;
  const f = v.filter;
  for (let k = 0; k < n; k++) {
    let xl = readAt(mode, left, pos);
    let xr = right ? readAt(mode, right, pos) : xl;
    if (f) {
      const yl = f.a0 * xl + f.b0 * v.filterY1L + f.b1 * v.filterY2L;
      v.filterY2L = v.filterY1L;
      v.filterY1L = yl;
      xl = f.highPass ? xl - yl : yl;
      const yr = f.a0 * xr + f.b0 * v.filterY1R + f.b1 * v.filterY2R;
      v.filterY2R = v.filterY1R;
      v.filterY1R = yr;
      xr = f.highPass ? xr - yr : yr;
    }
    L[o + k]! += xl * gl;
    R[o + k]! += xr * gr * sign;
    gl += dgl;
    gr += dgr;
    pos += inc;
  }
  v.position = pos;
  v.currentLeft = gl;
  v.currentRight = gr;
}

/**
 * One sample value at integer frame `i`, following the voice's loop: past the loop end, taps wrap (or
 * mirror, for ping-pong, also before the loop start when playing backwards); outside the sample, 0.
 */
function fetch(v: MixVoice, d: Float32Array, i: number, end: number, start: number): number {
  const frames = d.length;
  if (v.loopMode === 'none' || end <= start) return i >= 0 && i < frames ? d[i]! : 0;
  if (i < end && i >= 0 && (i >= start || v.direction > 0)) return i < frames ? d[i]! : 0;
  if (i < 0) return 0;
  const len = end - start;
  if (v.loopMode === 'forward') return d[start + ((((i - start) % len) + len) % len)]!;
  const period = 2 * len;
  let k = (((i - start) % period) + period) % period;
  if (k >= len) k = period - 1 - k;
  return d[start + k]!;
}

function interpolateSlow(mode: InterpolationMode, v: MixVoice, d: Float32Array, pos: number, end: number, start: number): number {
  const i = Math.floor(pos);
  const t = pos - i;
  switch (mode) {
    case 'nearest': return fetch(v, d, i, end, start);
    case 'linear': {
      const a = fetch(v, d, i, end, start);
      return a + (fetch(v, d, i + 1, end, start) - a) * t;
    }
    case 'cubic': {
      const p0 = fetch(v, d, i - 1, end, start);
      const p1 = fetch(v, d, i, end, start);
      const p2 = fetch(v, d, i + 1, end, start);
      const p3 = fetch(v, d, i + 2, end, start);
      return p1 + 0.5 * t * (p2 - p0 + t * (2 * p0 - 5 * p1 + 4 * p2 - p3 + t * (3 * (p1 - p2) + p3 - p0)));
    }
    case 'sinc': {
      const p = ((t * SINC_PHASES) | 0) * SINC_TAPS;
      let x = 0;
      for (let j = 0; j < SINC_TAPS; j++) x += fetch(v, d, i - 3 + j, end, start) * SINC_TABLE[p + j]!;
      return x;
    }
  }
}

/** Mixes one frame with loop-aware taps and handles the loop boundary after it. */
function mixOneFrame(v: MixVoice, L: Float32Array, R: Float32Array, o: number, mode: InterpolationMode, step: number, end: number, start: number): void {
  const s = v.sample;
  if (!s) return;
  if (v.position < 0 || (v.loopMode === 'none' && v.position >= end)) {
    v.active = false;
    return;
  }
  let xl = interpolateSlow(mode, v, s.left, v.position, end, start);
  let xr = s.right ? interpolateSlow(mode, v, s.right, v.position, end, start) : xl;
  const f = v.filter;
  if (f) {
    const yl = f.a0 * xl + f.b0 * v.filterY1L + f.b1 * v.filterY2L;
    v.filterY2L = v.filterY1L;
    v.filterY1L = yl;
    xl = f.highPass ? xl - yl : yl;
    const yr = f.a0 * xr + f.b0 * v.filterY1R + f.b1 * v.filterY2R;
    v.filterY2R = v.filterY1R;
    v.filterY1R = yr;
    xr = f.highPass ? xr - yr : yr;
  }
  L[o]! += xl * v.currentLeft;
  R[o]! += (v.surround ? -xr : xr) * v.currentRight;
  if (v.rampFramesLeft > 0) {
    v.currentLeft += v.rampStepLeft;
    v.currentRight += v.rampStepRight;
  }
  v.position += step * v.direction;
  wrap(v, end, start, s.frames);
}

/** Applies loop wrap, ping-pong reflection, one-shot hand-over or the end of a one-shot sample. */
function wrap(v: MixVoice, end: number, start: number, frames: number): void {
  if (v.loopMode === 'none') {
    if (v.position >= end || v.position < 0) v.active = false;
    return;
  }
  if (v.loopMode === 'forward') {
    if (v.position >= end) {
      if (v.pendingLoopEnd >= 0) {
        v.position = start + (v.position - end);
        v.loopEnd = Math.min(v.pendingLoopEnd, frames);
        v.pendingLoopEnd = -1;
        return;
      }
      const len = end - start;
      v.position = start + ((v.position - start) % len);
    } else if (v.direction < 0 && v.position < start) {
      const len = end - start;
      v.position = end - ((start - v.position) % len);
    }
    return;
  }
  if (v.direction > 0 && v.position >= end) {
    v.position = Math.max(start, 2 * end - v.position - 1);
    v.direction = -1;
  } else if (v.direction < 0 && v.position < start) {
    v.position = Math.min(end - 1, 2 * start - v.position);
    v.direction = 1;
  }
}
