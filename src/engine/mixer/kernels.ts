// The mixer's inner loops: one per interpolation for mono unfiltered voices (nearly every voice), and
// one general loop for stereo samples and filtered voices. They add into the mixer's interleaved
// float64 accumulator over a stretch where every tap lies inside the sample (the caller proved it).
// Hot-path rules, measured with bench/alloc.bench.ts: only objects and small integers cross calls
// (a double passed to or returned from a call that V8 does not inline is boxed on the heap), so the
// increment and gains travel on the voice and results come back through the voice or a scratch array.

import { SINC_PHASES, SINC_TABLE, SINC_TAPS } from './sinc-table.js';
import type { InterpolationMode, MixVoice } from './voice.js';

/** The sinc weights as doubles (the same values; saves a conversion per tap). */
const SINC_W = Float64Array.from(SINC_TABLE);

// In every kernel: `a` is the accumulator (left, right interleaved), `o` the first frame in it, `n`
// frames. Reads v.position, v.increment, the current gains and (when ramping) the ramp steps, and
// leaves the position and gains where the stretch ends. Taps are proven in range, so the non-null
// assertions on typed-array reads hold. The right gain carries the surround sign inside the loop.
// Each kernel has a loop for a volume ramp and a shorter one for steady gains (most frames).

export function nearestMono(v: MixVoice, d: Float64Array, a: Float64Array, o: number, n: number): void {
  const inc = v.increment;
  const sign = v.surround ? -1 : 1;
  let pos = v.position;
  let gl = v.currentLeft;
  let gr = v.currentRight * sign;
  const e = 2 * (o + n);
  if (v.rampFramesLeft > 0) {
    const dl = v.rampStepLeft;
    const dr = v.rampStepRight * sign;
    for (let k = 2 * o; k < e; k += 2) {
      const x = d[pos | 0]!;
      a[k]! += x * gl;
      a[k + 1]! += x * gr;
      gl += dl;
      gr += dr;
      pos += inc;
    }
    v.currentLeft = gl;
    v.currentRight = gr * sign;
  } else {
    for (let k = 2 * o; k < e; k += 2) {
      const x = d[pos | 0]!;
      a[k]! += x * gl;
      a[k + 1]! += x * gr;
      pos += inc;
    }
  }
  v.position = pos;
}

export function linearMono(v: MixVoice, d: Float64Array, a: Float64Array, o: number, n: number): void {
  const inc = v.increment;
  const sign = v.surround ? -1 : 1;
  let pos = v.position;
  let gl = v.currentLeft;
  let gr = v.currentRight * sign;
  const e = 2 * (o + n);
  if (v.rampFramesLeft > 0) {
    const dl = v.rampStepLeft;
    const dr = v.rampStepRight * sign;
    for (let k = 2 * o; k < e; k += 2) {
      const i = pos | 0;
      const p = d[i]!;
      const x = p + (d[i + 1]! - p) * (pos - i);
      a[k]! += x * gl;
      a[k + 1]! += x * gr;
      gl += dl;
      gr += dr;
      pos += inc;
    }
    v.currentLeft = gl;
    v.currentRight = gr * sign;
  } else {
    for (let k = 2 * o; k < e; k += 2) {
      const i = pos | 0;
      const p = d[i]!;
      const x = p + (d[i + 1]! - p) * (pos - i);
      a[k]! += x * gl;
      a[k + 1]! += x * gr;
      pos += inc;
    }
  }
  v.position = pos;
}

export function cubicMono(v: MixVoice, d: Float64Array, a: Float64Array, o: number, n: number): void {
  const inc = v.increment;
  const sign = v.surround ? -1 : 1;
  let pos = v.position;
  let gl = v.currentLeft;
  let gr = v.currentRight * sign;
  const e = 2 * (o + n);
  if (v.rampFramesLeft > 0) {
    const dl = v.rampStepLeft;
    const dr = v.rampStepRight * sign;
    for (let k = 2 * o; k < e; k += 2) {
      const i = pos | 0;
      const t = pos - i;
      const p0 = d[i - 1]!;
      const p1 = d[i]!;
      const p2 = d[i + 1]!;
      const p3 = d[i + 2]!;
      const x = p1 + 0.5 * t * (p2 - p0 + t * (2 * p0 - 5 * p1 + 4 * p2 - p3 + t * (3 * (p1 - p2) + p3 - p0)));
      a[k]! += x * gl;
      a[k + 1]! += x * gr;
      gl += dl;
      gr += dr;
      pos += inc;
    }
    v.currentLeft = gl;
    v.currentRight = gr * sign;
  } else {
    for (let k = 2 * o; k < e; k += 2) {
      const i = pos | 0;
      const t = pos - i;
      const p0 = d[i - 1]!;
      const p1 = d[i]!;
      const p2 = d[i + 1]!;
      const p3 = d[i + 2]!;
      const x = p1 + 0.5 * t * (p2 - p0 + t * (2 * p0 - 5 * p1 + 4 * p2 - p3 + t * (3 * (p1 - p2) + p3 - p0)));
      a[k]! += x * gl;
      a[k + 1]! += x * gr;
      pos += inc;
    }
  }
  v.position = pos;
}

export function sincMono(v: MixVoice, d: Float64Array, a: Float64Array, o: number, n: number): void {
  const inc = v.increment;
  const sign = v.surround ? -1 : 1;
  let pos = v.position;
  let gl = v.currentLeft;
  let gr = v.currentRight * sign;
  const w = SINC_W;
  const e = 2 * (o + n);
  if (v.rampFramesLeft > 0) {
    const dl = v.rampStepLeft;
    const dr = v.rampStepRight * sign;
    for (let k = 2 * o; k < e; k += 2) {
      const i = pos | 0;
      const p = (((pos - i) * SINC_PHASES) | 0) * SINC_TAPS;
      const b = i - 3;
      const x = d[b]! * w[p]! + d[b + 1]! * w[p + 1]! + d[b + 2]! * w[p + 2]! + d[b + 3]! * w[p + 3]!
        + d[b + 4]! * w[p + 4]! + d[b + 5]! * w[p + 5]! + d[b + 6]! * w[p + 6]! + d[b + 7]! * w[p + 7]!;
      a[k]! += x * gl;
      a[k + 1]! += x * gr;
      gl += dl;
      gr += dr;
      pos += inc;
    }
    v.currentLeft = gl;
    v.currentRight = gr * sign;
  } else {
    for (let k = 2 * o; k < e; k += 2) {
      const i = pos | 0;
      const p = (((pos - i) * SINC_PHASES) | 0) * SINC_TAPS;
      const b = i - 3;
      const x = d[b]! * w[p]! + d[b + 1]! * w[p + 1]! + d[b + 2]! * w[p + 2]! + d[b + 3]! * w[p + 3]!
        + d[b + 4]! * w[p + 4]! + d[b + 5]! * w[p + 5]! + d[b + 6]! * w[p + 6]! + d[b + 7]! * w[p + 7]!;
      a[k]! += x * gl;
      a[k + 1]! += x * gr;
      pos += inc;
    }
  }
  v.position = pos;
}

/**
 * Stereo samples and filtered voices: both sides, then the biquad. The interpolation is written out
 * here for both sides (a helper returning the value would box it whenever V8 does not inline it).
 */
export function generalKernel(v: MixVoice, mode: InterpolationMode, left: Float64Array, right: Float64Array | null, a: Float64Array, o: number, n: number): void {
  const inc = v.increment;
  const sign = v.surround ? -1 : 1;
  const ramp = v.rampFramesLeft > 0;
  const dl = ramp ? v.rampStepLeft : 0;
  const dr = ramp ? v.rampStepRight : 0;
  const m = mode === 'nearest' ? 0 : mode === 'linear' ? 1 : mode === 'cubic' ? 2 : 3;
  const r = right ?? left;
  const w = SINC_W;
  let pos = v.position;
  let gl = v.currentLeft;
  let gr = v.currentRight;
  const f = v.filter;
  const e = 2 * (o + n);
  for (let k = 2 * o; k < e; k += 2) {
    const i = pos | 0;
    const t = pos - i;
    let xl: number;
    let xr: number;
    if (m === 0) {
      xl = left[i]!;
      xr = r[i]!;
    } else if (m === 1) {
      const p = left[i]!;
      xl = p + (left[i + 1]! - p) * t;
      const q = r[i]!;
      xr = q + (r[i + 1]! - q) * t;
    } else if (m === 2) {
      let p0 = left[i - 1]!;
      let p1 = left[i]!;
      let p2 = left[i + 1]!;
      let p3 = left[i + 2]!;
      xl = p1 + 0.5 * t * (p2 - p0 + t * (2 * p0 - 5 * p1 + 4 * p2 - p3 + t * (3 * (p1 - p2) + p3 - p0)));
      p0 = r[i - 1]!;
      p1 = r[i]!;
      p2 = r[i + 1]!;
      p3 = r[i + 2]!;
      xr = p1 + 0.5 * t * (p2 - p0 + t * (2 * p0 - 5 * p1 + 4 * p2 - p3 + t * (3 * (p1 - p2) + p3 - p0)));
    } else {
      const p = ((t * SINC_PHASES) | 0) * SINC_TAPS;
      const b = i - 3;
      xl = left[b]! * w[p]! + left[b + 1]! * w[p + 1]! + left[b + 2]! * w[p + 2]! + left[b + 3]! * w[p + 3]!
        + left[b + 4]! * w[p + 4]! + left[b + 5]! * w[p + 5]! + left[b + 6]! * w[p + 6]! + left[b + 7]! * w[p + 7]!;
      xr = r[b]! * w[p]! + r[b + 1]! * w[p + 1]! + r[b + 2]! * w[p + 2]! + r[b + 3]! * w[p + 3]!
        + r[b + 4]! * w[p + 4]! + r[b + 5]! * w[p + 5]! + r[b + 6]! * w[p + 6]! + r[b + 7]! * w[p + 7]!;
    }
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
    a[k]! += xl * gl;
    a[k + 1]! += xr * gr * sign;
    gl += dl;
    gr += dr;
    pos += inc;
  }
  v.position = pos;
  v.currentLeft = gl;
  v.currentRight = gr;
}
