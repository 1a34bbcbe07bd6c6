// The master soft clip (host/mix-setup.ts): untouched below the knee, the tanh curve above it, never
// past full scale, and the same wherever a loud frame falls relative to the blocks it scans.
import { describe, expect, it } from 'vitest';
import { createMaster } from '../../../src/engine/host/mix-setup.js';

const KNEE = 0.9;
const curve = (x: number): number => {
  const a = Math.abs(x);
  if (a <= KNEE) return x;
  const y = KNEE + (1 - KNEE) * Math.tanh((a - KNEE) / (1 - KNEE));
  return x < 0 ? -y : y;
};

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 4294967296;
  };
}

describe('master soft clip', () => {
  it('leaves frames below the knee bit for bit', () => {
    const r = rng(1);
    const left = Float32Array.from({ length: 5000 }, () => (r() * 2 - 1) * KNEE);
    const right = Float32Array.from({ length: 5000 }, () => (r() * 2 - 1) * KNEE);
    const l0 = left.slice();
    const r0 = right.slice();
    createMaster()(left, right, 5000);
    expect(left).toEqual(l0);
    expect(right).toEqual(r0);
  });

  it('follows the tanh curve above the knee, keeps the sign and stays inside full scale', () => {
    const n = 3000;
    const r = rng(2);
    const left = Float32Array.from({ length: n }, () => (r() * 2 - 1) * 4);
    const right = Float32Array.from({ length: n }, () => (r() * 2 - 1) * 1.2);
    const l0 = left.slice();
    const r0 = right.slice();
    createMaster()(left, right, n);
    for (let i = 0; i < n; i++) {
      expect(left[i]).toBe(Math.fround(curve(l0[i]!)));
      expect(right[i]).toBe(Math.fround(curve(r0[i]!)));
      expect(Math.abs(left[i]!)).toBeLessThanOrEqual(1);
    }
  });

  it('clips a single loud frame anywhere in a chunk (first, last, across block edges) and only that frame', () => {
    for (const at of [0, 1, 255, 256, 257, 511, 1000, 4095]) {
      const left = new Float32Array(4096).fill(0.5);
      const right = new Float32Array(4096).fill(-0.25);
      left[at] = 1.7;
      right[at] = -2.5;
      createMaster()(left, right, 4096);
      expect(left[at]).toBe(Math.fround(curve(1.7)));
      expect(right[at]).toBe(Math.fround(curve(-2.5)));
      expect(left.filter((x) => x === 0.5).length).toBe(4095);
      expect(right.filter((x) => x === -0.25).length).toBe(4095);
    }
  });

  it('touches only the frames it is given', () => {
    const left = new Float32Array(600).fill(3);
    const right = new Float32Array(600).fill(3);
    createMaster()(left, right, 300);
    expect(left[299]).toBe(Math.fround(curve(3)));
    expect(left[300]).toBe(3);
    expect(right[599]).toBe(3);
  });
});
