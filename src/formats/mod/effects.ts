// MOD pattern data to the model: Amiga periods to notes (nearest ProTracker note, as OpenMPT
// rounds) and the sixteen ProTracker commands, E-subcommands included, to effect kinds.

import type { Effect, EffectKind } from '../../song/effects.js';
import { NOTE_NONE } from '../../song/notes.js';

/** ProTracker's finetune-0 periods, seven octaves from the model's C-2 (3424) to B-8 (28). */
export const MOD_PERIODS: readonly number[] = [
  3424, 3232, 3048, 2880, 2712, 2560, 2416, 2280, 2152, 2032, 1920, 1812,
  1712, 1616, 1524, 1440, 1356, 1280, 1208, 1140, 1076, 1016, 960, 907,
  856, 808, 762, 720, 678, 640, 604, 570, 538, 508, 480, 453,
  428, 404, 381, 360, 339, 320, 302, 285, 269, 254, 240, 226,
  214, 202, 190, 180, 170, 160, 151, 143, 135, 127, 120, 113,
  107, 101, 95, 90, 85, 80, 75, 71, 67, 63, 60, 56,
  53, 50, 47, 45, 42, 40, 37, 35, 33, 31, 30, 28,
];

/** Model note of MOD_PERIODS[0]. Period 428 (ProTracker C-2) is then C-5 (61), a sample's base pitch. */
const FIRST_NOTE = 25;

/** The model note for an Amiga period (0 = none); odd periods go to the nearest table entry. */
export function periodToNote(period: number): number {
  if (period <= 0 || period === 0xfff) return NOTE_NONE;
  for (let i = 0; i < MOD_PERIODS.length; i++) {
    const p2 = MOD_PERIODS[i]!;
    if (period >= p2) {
      if (period !== p2 && i > 0 && MOD_PERIODS[i - 1]! - period < period - p2) return i - 1 + FIRST_NOTE;
      return i + FIRST_NOTE;
    }
  }
  return MOD_PERIODS.length - 1 + FIRST_NOTE;
}

/** The Amiga range ProTracker can play: C-1..B-3 in its terms, C-4..B-6 in the model's. */
export function isAmigaNote(note: number): boolean {
  return note === NOTE_NONE || (note >= 49 && note < 85);
}

const MAIN: readonly EffectKind[] = [
  'arpeggio', 'portaUp', 'portaDown', 'tonePorta', 'vibrato', 'tonePortaVolSlide', 'vibratoVolSlide', 'tremolo',
  'setPan', 'sampleOffset', 'volSlide', 'positionJump', 'setVolume', 'patternBreak', 'none', 'setSpeed',
];

const EXTENDED: readonly EffectKind[] = [
  'setFilter', 'finePortaUp', 'finePortaDown', 'glissando', 'vibratoWaveform', 'setFinetune', 'patternLoop', 'tremoloWaveform',
  'setPanCoarse', 'noteRetrig', 'fineVolSlideUp', 'fineVolSlideDown', 'noteCut', 'noteDelay', 'patternDelay', 'invertLoop',
];

/**
 * A ProTracker command and parameter as a model effect (null for "no effect").
 * Fxx below 0x20 sets the speed, from 0x20 the tempo; Dxx keeps its decimal digits as stored.
 */
export function convertModCommand(command: number, param: number): Effect | null {
  if (command === 0 && param === 0) return null;
  if (command === 0x0e) return { kind: EXTENDED[param >> 4]!, param: param & 0x0f };
  if (command === 0x0f) return { kind: param < 0x20 ? 'setSpeed' : 'tempo', param };
  return { kind: MAIN[command & 0x0f]!, param };
}

/**
 * How many bytes of a 4-channel, 64-row pattern look like garbage for an old Soundtracker file:
 * a high nibble in the first byte, or a period that is not one Soundtracker can produce.
 */
export function countMalformedCells(bytes: Uint8Array, offset: number, cells: number): number {
  let bad = 0;
  for (let i = 0; i < cells; i++) {
    const o = offset + i * 4;
    const b0 = bytes[o] ?? 0;
    if (b0 & 0xf0) bad++;
    const period = ((b0 & 0x0f) << 8) | (bytes[o + 1] ?? 0);
    if (period !== 0 && period !== 0xfff && !isSoundtrackerPeriod(period)) bad += 2;
  }
  return bad;
}

/** Periods of ProTracker's three octaves (856..113), allowing an off-by-one as Soundtracker files have. */
function isSoundtrackerPeriod(period: number): boolean {
  for (let i = 24; i < 60; i++) {
    const p = MOD_PERIODS[i]!;
    if (period === p || period === p + 1 || period === p - 1) return true;
  }
  return false;
}
