// Mutations of module files for fuzzing the loaders: truncation, byte flips, and 16/32-bit fields
// overwritten with extreme values (the lies hostile files tell: huge counts, offsets past the end).
// Used by tests/formats/fuzz.test.ts (time-boxed) and bench/fuzz.ts (long local runs).

import { FormatError } from '../../src/formats/common/format-error.js';
import { readSong } from '../../src/formats/registry.js';

/** A tiny deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXTREMES = [0, 1, 0x7f, 0x80, 0xff, 0xffff, 0x7fff, 0x8000, 0xffffffff, 0x7fffffff, 0x80000000];

/** One mutated copy of `bytes`, chosen by `random`. */
export function mutate(bytes: Uint8Array, random: () => number): Uint8Array {
  const kind = Math.floor(random() * 4);
  if (kind === 0) return bytes.slice(0, Math.floor(random() * bytes.length));
  const out = bytes.slice();
  if (out.length === 0) return out;
  const view = new DataView(out.buffer);
  const edits = 1 + Math.floor(random() * 8);
  // Headers hold the fields worth lying about: bias edits towards the first KBs.
  const pick = (size: number) => Math.min(out.length - size, Math.floor(random() ** 2 * out.length));
  for (let e = 0; e < edits; e++) {
    const value = EXTREMES[Math.floor(random() * EXTREMES.length)]!;
    if (kind === 1) {
      const i = pick(1);
      if (i >= 0) out[i] = Math.floor(random() * 256);
    } else if (kind === 2 && out.length >= 2) {
      const i = pick(2);
      if (i >= 0) view.setUint16(i, value & 0xffff, random() < 0.5);
    } else if (out.length >= 4) {
      const i = pick(4);
      if (i >= 0) view.setUint32(i, value >>> 0, random() < 0.5);
    }
  }
  return out;
}

/** Outcome of loading one mutated file. */
export interface FuzzOutcome {
  readonly ok: boolean;
  readonly ms: number;
  /** Set when the loader threw something other than a FormatError (a bug). */
  readonly crash?: unknown;
}

export function loadOnce(bytes: Uint8Array): FuzzOutcome {
  const t0 = performance.now();
  try {
    readSong(bytes);
    return { ok: true, ms: performance.now() - t0 };
  } catch (e) {
    const ms = performance.now() - t0;
    return e instanceof FormatError ? { ok: false, ms } : { ok: false, ms, crash: e };
  }
}
