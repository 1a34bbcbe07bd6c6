// The 8-tap windowed-sinc interpolation table: 1024 phases between two frames, taps for frames
// i-3 .. i+4, Blackman-Harris window, cutoff slightly under Nyquist, each phase normalised to unity gain.

export const SINC_TAPS = 8;
export const SINC_PHASES = 1024;

function blackmanHarris(x: number): number {
  // x in [0, 1]
  const a0 = 0.35875;
  const a1 = 0.48829;
  const a2 = 0.14128;
  const a3 = 0.01168;
  const t = 2 * Math.PI * x;
  return a0 - a1 * Math.cos(t) + a2 * Math.cos(2 * t) - a3 * Math.cos(3 * t);
}

function buildTable(): Float32Array {
  const table = new Float32Array(SINC_PHASES * SINC_TAPS);
  const cutoff = 0.97;
  for (let p = 0; p < SINC_PHASES; p++) {
    const frac = p / SINC_PHASES;
    let sum = 0;
    const w = new Float64Array(SINC_TAPS);
    for (let j = 0; j < SINC_TAPS; j++) {
      const x = j - 3 - frac;
      const s = x === 0 ? cutoff : Math.sin(Math.PI * cutoff * x) / (Math.PI * x);
      const win = blackmanHarris((x + 4) / 8);
      w[j] = s * win;
      sum += w[j] as number;
    }
    for (let j = 0; j < SINC_TAPS; j++) table[p * SINC_TAPS + j] = (w[j] as number) / sum;
  }
  return table;
}

/** SINC_TABLE[phase * 8 + j] weighs frame (i - 3 + j). */
export const SINC_TABLE: Float32Array = buildTable();
