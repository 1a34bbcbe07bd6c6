// Sample synthesis: basic waveforms and drums computed from formulas, so a new song (and the demo
// songs) can make sound on a machine with no sample library. Deterministic: the same kind and seed
// give the same PCM on every run.

import { createSample } from './create.js';
import type { Sample } from './song.js';

/** What the synthesiser can make. */
export const SYNTH_KINDS = ['sine', 'triangle', 'square', 'saw', 'bass', 'lead', 'pad', 'pluck', 'kick', 'snare', 'hat', 'openhat', 'clap', 'tom', 'noise'] as const;
export type SynthKind = (typeof SYNTH_KINDS)[number];

/** Frequency of C-5, the note at which samples play at their base pitch (middle C). */
export const MIDDLE_C_HZ = 261.6255653005986;

/** Rate of one-shot (drum, pluck) samples. */
const ONE_SHOT_RATE = 44100;
/** Frames in one cycle of a looped waveform: the loop is exactly one cycle, so it never detunes. */
const CYCLE = 256;

/** Small deterministic PRNG (mulberry32) so noise is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function toInt16(values: Float64Array, gain = 1): Int16Array {
  let peak = 0;
  for (const v of values) peak = Math.max(peak, Math.abs(v));
  const scale = peak > 0 ? (gain * 32767) / peak : 0;
  return Int16Array.from(values, (v) => Math.max(-32768, Math.min(32767, Math.round(v * scale))));
}

/** One cycle summed from harmonics with the given amplitude per harmonic number. */
function additiveCycle(harmonics: number, amp: (k: number) => number): Float64Array {
  const out = new Float64Array(CYCLE);
  for (let k = 1; k <= harmonics; k++) {
    const a = amp(k);
    if (a === 0) continue;
    for (let i = 0; i < CYCLE; i++) out[i] = (out[i] ?? 0) + a * Math.sin((2 * Math.PI * k * i) / CYCLE);
  }
  return out;
}

function loopedWave(name: string, cycle: Float64Array, gain: number): Sample {
  return createSample({
    name,
    pcm: { bits: 16, channels: 1, data: toInt16(cycle, gain) },
    loop: { start: 0, end: CYCLE, pingPong: false },
    tuning: { kind: 'c5speed', c5Speed: Math.round(MIDDLE_C_HZ * CYCLE) },
  });
}

function oneShot(name: string, values: Float64Array, gain = 0.9, c5Speed = ONE_SHOT_RATE): Sample {
  return createSample({ name, pcm: { bits: 16, channels: 1, data: toInt16(values, gain) }, tuning: { kind: 'c5speed', c5Speed } });
}

function render(seconds: number, fn: (t: number, i: number) => number): Float64Array {
  const n = Math.round(seconds * ONE_SHOT_RATE);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = fn(i / ONE_SHOT_RATE, i);
  return out;
}

/** One-pole high-pass filter in place (for hats and snares). */
function highPass(x: Float64Array, cutoffHz: number): Float64Array {
  const rc = 1 / (2 * Math.PI * cutoffHz);
  const dt = 1 / ONE_SHOT_RATE;
  const a = rc / (rc + dt);
  let prevX = 0;
  let prevY = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] ?? 0;
    const y = a * (prevY + xi - prevX);
    prevX = xi;
    prevY = y;
    x[i] = y;
  }
  return x;
}

/** Karplus-Strong plucked string tuned to middle C. */
function pluck(seed: number): Sample {
  const rnd = random(seed);
  const period = Math.round(ONE_SHOT_RATE / MIDDLE_C_HZ);
  const buf = Float64Array.from({ length: period }, () => rnd() * 2 - 1);
  const out = new Float64Array(Math.round(ONE_SHOT_RATE * 1.6));
  for (let i = 0; i < out.length; i++) {
    const j = i % period;
    const next = buf[(j + 1) % period] ?? 0;
    const v = 0.996 * 0.5 * ((buf[j] ?? 0) + next);
    out[i] = buf[j] ?? 0;
    buf[j] = v;
  }
  const realHz = ONE_SHOT_RATE / (period + 0.5);
  return oneShot('pluck', out, 0.85, Math.round((ONE_SHOT_RATE * MIDDLE_C_HZ) / realHz));
}

/** Makes a sample of the given kind. `seed` varies the noise of noisy kinds. */
export function synthesize(kind: SynthKind, seed = 1): Sample {
  const rnd = random(seed);
  switch (kind) {
    case 'sine': return loopedWave('sine', additiveCycle(1, () => 1), 0.8);
    case 'triangle': return loopedWave('triangle', additiveCycle(15, (k) => (k % 2 === 1 ? ((k % 4 === 1 ? 1 : -1) / (k * k)) : 0)), 0.8);
    case 'square': return loopedWave('square', additiveCycle(25, (k) => (k % 2 === 1 ? 1 / k : 0)), 0.6);
    case 'saw': return loopedWave('saw', additiveCycle(30, (k) => 1 / k), 0.6);
    case 'bass': return loopedWave('bass', additiveCycle(10, (k) => (1 / k) * (k === 1 ? 1.6 : 1)), 0.75);
    case 'lead': return loopedWave('lead', additiveCycle(20, (k) => (k % 2 === 1 ? 1 / k : 0.35 / k)), 0.6);
    case 'pad': return loopedWave('pad', additiveCycle(12, (k) => 1 / (k * Math.sqrt(k))), 0.6);
    case 'pluck': return pluck(seed);
    case 'kick':
      return oneShot('kick', render(0.45, (t) => {
        const phase = 2 * Math.PI * (45 * t + (110 / 28) * (1 - Math.exp(-28 * t)));
        return Math.sin(phase) * Math.exp(-7 * t) + 0.3 * Math.exp(-300 * t) * (rnd() * 2 - 1);
      }));
    case 'snare': {
      const noise = highPass(render(0.3, () => rnd() * 2 - 1), 1200);
      return oneShot('snare', render(0.3, (t, i) => 0.7 * Math.sin(2 * Math.PI * 185 * t) * Math.exp(-25 * t) + (noise[i] ?? 0) * Math.exp(-14 * t)));
    }
    case 'hat': return oneShot('hat', highPass(render(0.08, (t) => (rnd() * 2 - 1) * Math.exp(-60 * t)), 7000), 0.7);
    case 'openhat': return oneShot('open hat', highPass(render(0.45, (t) => (rnd() * 2 - 1) * Math.exp(-8 * t)), 6500), 0.7);
    case 'clap': {
      const env = (t: number) => [0, 0.011, 0.022].reduce((s, d) => s + (t >= d ? Math.exp(-160 * (t - d)) : 0), 0) + (t >= 0.03 ? 0.6 * Math.exp(-18 * (t - 0.03)) : 0);
      return oneShot('clap', highPass(render(0.3, (t) => (rnd() * 2 - 1) * env(t)), 900));
    }
    case 'tom':
      return oneShot('tom', render(0.5, (t) => Math.sin(2 * Math.PI * (95 * t + (60 / 14) * (1 - Math.exp(-14 * t)))) * Math.exp(-6 * t)));
    case 'noise': return oneShot('noise', render(0.5, () => rnd() * 2 - 1), 0.5);
  }
}
