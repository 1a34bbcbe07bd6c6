// Sample pitch across formats: the rate a sample plays at C-5 under a song's rules (MOD: the PAL clock,
// 8287 Hz; others 8363 Hz), written back as a C-5 speed or relative note + finetune, and how many cents
// each tracker's period table puts a note off exact semitones.

import type { ProfileBase } from '../../song/profile.js';
import type { Sample } from '../../song/song.js';
import { MOD_PERIODS } from '../mod/effects.js';

/** The model note of MOD_PERIODS[0] (ProTracker's lowest extended-octave C). */
const MOD_FIRST_NOTE = 25;

/** The rate of a finetune-0 MOD sample at C-5 (ProTracker's C-2, period 428): 3546895 * 4 / 1712 Hz. */
export const MOD_C5_RATE = (3546895 * 4) / 1712;
/** The nominal C-5 rate of every other format. */
export const NOMINAL_C5_RATE = 8363;

/** Below this, a pitch difference is rounding (period tables, whole-hertz speeds) and is not reported. */
export const PITCH_TOLERANCE_CENTS = 10;
/** Note-by-note tuning differences (period tables against exact semitones) from this size on are reported. */
export const TUNING_TOLERANCE_CENTS = 2;

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

/**
 * How a tracker turns notes into pitch: exact equal temperament ('et': linear slides, Impulse Tracker's
 * frequencies), one octave of periods shifted for the others (Scream Tracker 3's 'st3', FastTracker 2's
 * Amiga mode 'ft2'), or ProTracker's table rounded octave by octave ('pt').
 */
export type PitchModel = 'et' | 'st3' | 'ft2' | 'pt';

export function pitchModel(base: ProfileBase, linearSlides: boolean, periodsAreHertz: boolean): PitchModel {
  if (linearSlides) return 'et';
  if (base === 'mod') return 'pt';
  if (base === 'xm') return 'ft2';
  return periodsAreHertz ? 'et' : 'st3';
}

/** One octave of periods (C..B): Scream Tracker 3's, and FastTracker 2's Amiga table at finetune 0. */
const OCTAVE_PERIODS: Readonly<Record<'st3' | 'ft2', readonly number[]>> = {
  st3: [1712, 1616, 1524, 1440, 1356, 1280, 1208, 1140, 1076, 1016, 960, 907],
  ft2: [1712, 1616, 1524, 1440, 1356, 1280, 1208, 1140, 1076, 1016, 960, 906],
};

/** Cents by which a model plays a note above its equal-tempered pitch (C-5 = 0). */
export function tableCents(model: PitchModel, note: number): number {
  if (model === 'et' || note < 1 || note > 120) return 0;
  if (model === 'st3' || model === 'ft2') {
    const semi = (note - 1) % 12;
    return 1200 * Math.log2((1712 * 2 ** (-semi / 12)) / OCTAVE_PERIODS[model][semi]!);
  }
  const i = note - MOD_FIRST_NOTE;
  const period = MOD_PERIODS[i];
  return period === undefined ? 0 : 1200 * Math.log2((MOD_PERIODS[0]! * 2 ** (-i / 12)) / period);
}
