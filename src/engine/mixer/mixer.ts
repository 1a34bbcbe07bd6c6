// The production mixer: adds every active voice into the output with the chosen interpolation,
// volume ramps, loops and the resonant filter. Speed comes from tight per-interpolation loops
// (kernels.ts) over stretches where all taps lie inside the sample and no loop boundary is crossed;
// the few frames at boundaries go through a careful single-frame path. Voices add into a float64
// accumulator (left and right interleaved: one bounds check and no float32 rounding per voice), which
// is added into the caller's float32 buffers once per call. Nothing is allocated while mixing: no
// double crosses a call that V8 might not inline (it would be boxed); see kernels.ts.

import { cubicMono, generalKernel, linearMono, nearestMono, sincMono } from './kernels.js';
import { SINC_PHASES, SINC_TABLE, SINC_TAPS } from './sinc-table.js';
import type { InterpolationMode, MixerSettings, MixVoice } from './voice.js';

/** Taps each interpolation reads left and right of the current frame. */
const TAPS_LEFT: Readonly<Record<InterpolationMode, number>> = { nearest: 0, linear: 0, cubic: 1, sinc: 3 };
const TAPS_RIGHT: Readonly<Record<InterpolationMode, number>> = { nearest: 0, linear: 1, cubic: 2, sinc: 4 };

/** The accumulator: frame k of a call at [2k] (left) and [2k + 1] (right). Grows on demand, once. */
let acc = new Float64Array(2 * 4096);

/** Adds all active voices into out[offset .. offset + frames). */
export function mixVoices(voices: readonly MixVoice[], outLeft: Float32Array, outRight: Float32Array, offset: number, frames: number, settings: MixerSettings): void {
  mixAll(voices, outLeft, outRight, offset, frames, settings, true);
}

/**
 * The same mix through the careful single-frame path only (no kernels): slow, for tests that check
 * the kernels against it sample for sample.
 */
export function mixVoicesFrameByFrame(voices: readonly MixVoice[], outLeft: Float32Array, outRight: Float32Array, offset: number, frames: number, settings: MixerSettings): void {
  mixAll(voices, outLeft, outRight, offset, frames, settings, false);
}

function mixAll(voices: readonly MixVoice[], outLeft: Float32Array, outRight: Float32Array, offset: number, frames: number, settings: MixerSettings, kernels: boolean): void {
  if (acc.length < 2 * frames) acc = new Float64Array(2 * frames);
  const a = acc;
  let used = false;
  for (let i = 0; i < voices.length; i++) {
    const v = voices[i]!;
    if (!v.active || !v.sample) continue;
    startRamp(v, settings.rampFrames);
    v.step = v.frequency / settings.sampleRate;
    // A silent voice (no gain, no ramp) is not mixed, only moved on, as libopenmpt does: faded
    // notes of FT2-style channels keep running silently for later portamento pickup.
    if (v.rampFramesLeft === 0 && v.currentLeft === 0 && v.currentRight === 0 && !v.stopping) {
      advanceSilently(v, frames, v.sample.frames);
      continue;
    }
    if (!used) {
      a.fill(0, 0, 2 * frames);
      used = true;
    }
    mixVoice(v, a, frames, settings.interpolation, kernels);
  }
  if (!used) return;
  for (let k = 0; k < frames; k++) {
    outLeft[offset + k]! += a[2 * k]!;
    outRight[offset + k]! += a[2 * k + 1]!;
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

/** Mixes one audible voice into the accumulator's first `frames` frames. */
function mixVoice(v: MixVoice, a: Float64Array, frames: number, mode: InterpolationMode, kernels: boolean): void {
  const s = v.sample!;
  const tapsL = TAPS_LEFT[mode];
  const tapsR = TAPS_RIGHT[mode];
  const step = v.step;
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
    v.increment = inc;
    let fast = 0;
    if (kernels && pos >= lo && pos < hi + 1 && step > 0) {
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
      if (s.right === null && v.filter === null) {
        switch (mode) {
          case 'nearest': nearestMono(v, s.left, a, done, fast); break;
          case 'linear': linearMono(v, s.left, a, done, fast); break;
          case 'cubic': cubicMono(v, s.left, a, done, fast); break;
          case 'sinc': sincMono(v, s.left, a, done, fast); break;
        }
      } else generalKernel(v, mode, s.left, s.right, a, done, fast);
      // Only the last step of a fast stretch can leave the region: wrap it like a single frame.
      wrap(v, end, start, s.frames);
      afterFrames(v, fast);
      done += fast;
    } else {
      mixOneFrame(v, a, done, mode, end, start);
      afterFrames(v, 1);
      done += 1;
    }
  }
}

/** Moves a silent voice `frames` output frames on, through loops, without reading the sample. */
function advanceSilently(v: MixVoice, frames: number, sampleFrames: number): void {
  const step = v.step;
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

/**
 * The index of the sample frame that tap `i` reads, following the voice's loop: past the loop end,
 * taps wrap (or mirror, for ping-pong, also before the loop start when playing backwards); -1 outside
 * the sample (the tap reads 0).
 */
function tapIndex(v: MixVoice, i: number, frames: number, end: number, start: number): number {
  if (v.loopMode === 'none' || end <= start) return i >= 0 && i < frames ? i : -1;
  if (i < end && i >= 0 && (i >= start || v.direction > 0)) return i < frames ? i : -1;
  if (i < 0) return -1;
  const len = end - start;
  if (v.loopMode === 'forward') {
    // Most taps are at most one loop past the end: no division needed.
    if (i >= end && i < end + len) return i - len;
    return start + ((((i - start) % len) + len) % len);
  }
  const period = 2 * len;
  let k = (((i - start) % period) + period) % period;
  if (k >= len) k = period - 1 - k;
  return start + k;
}

/** Interpolated values of the single-frame path: [0] left, [1] right (doubles stay unboxed here). */
const SLOW = new Float64Array(2);

/** Interpolates `d` at the voice's position with loop-aware taps into SLOW[slot]. */
function interpolateSlow(mode: InterpolationMode, v: MixVoice, d: Float64Array, end: number, start: number, slot: number): void {
  const pos = v.position;
  const i = Math.floor(pos);
  const t = pos - i;
  const frames = d.length;
  const first = i - TAPS_LEFT[mode];
  const count = TAPS_LEFT[mode] + TAPS_RIGHT[mode] + 1;
  const taps = TAPS;
  for (let j = 0; j < count; j++) {
    const at = tapIndex(v, first + j, frames, end, start);
    taps[j] = at < 0 ? 0 : d[at]!;
  }
  // An if-chain ending in else (a switch could leave x undefined to V8, which would box every x).
  let x: number;
  if (mode === 'nearest') x = taps[0]!;
  else if (mode === 'linear') {
    const p = taps[0]!;
    x = p + (taps[1]! - p) * t;
  } else if (mode === 'cubic') {
    const p0 = taps[0]!;
    const p1 = taps[1]!;
    const p2 = taps[2]!;
    const p3 = taps[3]!;
    x = p1 + 0.5 * t * (p2 - p0 + t * (2 * p0 - 5 * p1 + 4 * p2 - p3 + t * (3 * (p1 - p2) + p3 - p0)));
  } else {
    const p = ((t * SINC_PHASES) | 0) * SINC_TAPS;
    x = 0;
    for (let j = 0; j < SINC_TAPS; j++) x += taps[j]! * SINC_TABLE[p + j]!;
  }
  SLOW[slot] = x;
}

/** The taps of the single-frame path. */
const TAPS = new Float64Array(SINC_TAPS);

/** Mixes one frame with loop-aware taps and handles the loop boundary after it. */
function mixOneFrame(v: MixVoice, a: Float64Array, o: number, mode: InterpolationMode, end: number, start: number): void {
  const s = v.sample!;
  if (v.position < 0 || (v.loopMode === 'none' && v.position >= end)) {
    v.active = false;
    return;
  }
  interpolateSlow(mode, v, s.left, end, start, 0);
  if (s.right) interpolateSlow(mode, v, s.right, end, start, 1);
  let xl = SLOW[0]!;
  let xr = s.right ? SLOW[1]! : xl;
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
  a[2 * o]! += xl * v.currentLeft;
  a[2 * o + 1]! += (v.surround ? -xr : xr) * v.currentRight;
  if (v.rampFramesLeft > 0) {
    v.currentLeft += v.rampStepLeft;
    v.currentRight += v.rampStepRight;
  }
  v.position += v.increment;
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
    v.position = Math.max(start, 2 * end - v.position - v.pingPongTurn);
    v.direction = -1;
  } else if (v.direction < 0 && v.position < start) {
    v.position = Math.min(end - 1, 2 * start - v.position);
    v.direction = 1;
  }
}
