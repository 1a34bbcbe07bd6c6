// Impulse Tracker's resonant low-pass filter: cutoff and resonance (0..127) to biquad coefficients,
// with IT's own frequency mapping (110 Hz * 2^(0.25 + x/24)) and damping.

import type { FilterCoefficients } from '../mixer/voice.js';

/** Cutoff (0..127, modulated by the filter envelope -256..256) to Hz. */
export function cutoffToFrequency(cutoff: number, envModifier: number, sampleRate: number): number {
  const computed = cutoff * (envModifier + 256);
  let f = 110 * 2 ** (0.25 + computed / (24 * 512));
  f = Math.max(120, Math.min(20000, f));
  return Math.min(f, sampleRate * 0.5);
}

/** Biquad coefficients for IT's filter at `sampleRate`. */
export function itFilterCoefficients(cutoff: number, resonance: number, envModifier: number, sampleRate: number, highPass: boolean): FilterCoefficients {
  const dmpfac = 10 ** ((-resonance * (24 / 128)) / 20);
  const fc = cutoffToFrequency(cutoff, envModifier, sampleRate) * 2 * Math.PI;
  const r = sampleRate / fc;
  const d = dmpfac * r + dmpfac - 1;
  const e = r * r;
  const fg = 1 / (1 + d + e);
  const fb0 = (d + e + e) / (1 + d + e);
  const fb1 = -e / (1 + d + e);
  return { a0: highPass ? 1 - fg : fg, b0: fb0, b1: fb1, highPass };
}
