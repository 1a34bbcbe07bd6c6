// Sample pitch across formats: the rate a sample really plays at C-5 under a song's rules, and that
// rate written back as a C-5 speed (S3M/IT) or as relative note + finetune (XM, MOD). ProTracker-style
// MOD players derive pitch from the PAL Amiga clock (3546895 Hz / period), so a MOD sample tuned to
// "8363 Hz" plays at 8287 Hz; FastTracker 2, Scream Tracker and Impulse Tracker use 8363 Hz at C-5.

import type { ProfileBase } from '../../song/profile.js';
import type { Sample } from '../../song/song.js';

/** The rate of a finetune-0 MOD sample at C-5 (ProTracker's C-2, period 428): 3546895 * 4 / 1712 Hz. */
export const MOD_C5_RATE = (3546895 * 4) / 1712;
/** The nominal C-5 rate of every other format. */
export const NOMINAL_C5_RATE = 8363;

/** Below this, a pitch difference is rounding (period tables, whole-hertz speeds) and is not reported. */
export const PITCH_TOLERANCE_CENTS = 10;

function baseRate(base: ProfileBase): number {
  return base === 'mod' ? MOD_C5_RATE : NOMINAL_C5_RATE;
}

/** The rate in Hz at which a sample plays note C-5 under a song whose profile has this base. */
export function playbackRate(s: Sample, base: ProfileBase): number {
  if (s.tuning.kind === 'c5speed') return s.tuning.c5Speed * (base === 'mod' ? MOD_C5_RATE / NOMINAL_C5_RATE : 1);
  return baseRate(base) * 2 ** ((s.tuning.relativeNote * 128 + s.tuning.finetune) / 1536);
}

/** Cents between two rates. */
export function centsBetween(a: number, b: number): number {
  return 1200 * Math.log2(a / b);
}

/** A rate as relative note and 1/128-semitone finetune for a MOD- or XM-style target. */
export function rateToFinetune(rate: number, target: 'mod' | 'xm'): { relativeNote: number; finetune: number } {
  const total = Math.round(12 * 128 * Math.log2(rate / baseRate(target)));
  const relativeNote = Math.max(-96, Math.min(95, Math.round(total / 128)));
  return { relativeNote, finetune: Math.max(-128, Math.min(127, total - relativeNote * 128)) };
}
