// Impulse Tracker pattern bytes to the model: effect commands (A..Z as in S3M, plus the extra
// commands OpenMPT and BeRoTracker store past Z), volume-column bytes, and note bytes.

import type { Effect, VolumeCommand } from '../../song/effects.js';
import { convertS3MEffect } from '../s3m/effects.js';

/** Effect command numbers beyond S3M's A..Z that IT files carry. */
export const IT_SMOOTH_MIDI = 28; // '\' (OpenMPT, Schism)
const IT_EXTRA_NAMES: Readonly<Record<number, string>> = {
  27: "OpenMPT's parameter extension '['",
  29: "OpenMPT's delay-cut ']'",
  30: "OpenMPT's finetune '^'",
  31: "OpenMPT's smooth finetune '_'",
};
/** BeRoTracker's key-off and set-envelope-position commands ('1' and '2' + 0x41, minus 0x40). */
const BERO_KEY_OFF = 0x32;
const BERO_ENV_POSITION = 0x33;

/** What the effect reader needs to know about the file. */
export interface ITEffectContext {
  /** Cwt/v of the header. */
  readonly cwtv: number;
  /** Warnings, one per kind of dropped command. */
  readonly warnings: string[];
}

/**
 * An IT effect command and parameter to a model effect; null for none or a command the model has
 * no kind for (with a warning).
 */
export function convertITEffect(command: number, param: number, ctx: ITEffectContext): Effect | null {
  if (command === 0) return null;
  if (command === IT_SMOOTH_MIDI) return { kind: 'smoothMidiMacro', param };
  if (command === BERO_KEY_OFF) return { kind: 'keyOff', param };
  if (command === BERO_ENV_POSITION) return { kind: 'setEnvelopePosition', param };
  if (command > 26) {
    ctx.warnings.push(`effect ${IT_EXTRA_NAMES[command] ?? `command ${command}`} is not supported; dropped`);
    return null;
  }
  const effect = convertS3MEffect(command, param, false);
  if (!effect) {
    ctx.warnings.push(`effect S${(param >> 4).toString(16).toUpperCase()}x has no meaning; dropped`);
    return null;
  }
  // IT 1.xx quirk (OpenMPT Load_it.cpp): there is no high offset command; SAx does nothing.
  if (effect.kind === 'setHighOffset' && ctx.cwtv < 0x0200) return null;
  // Old Schism Tracker (cwtv 0x1000..0x1050) quirk: V81..VFF act as V80.
  if (effect.kind === 'setGlobalVolume' && param > 0x80 && ctx.cwtv >= 0x1000 && ctx.cwtv <= 0x1050) return { kind: 'setGlobalVolume', param: 0x80 };
  return effect;
}

/**
 * IT volume column: 0..64 volume, then a/b/c/d/e/f ranges of ten, 128..192 panning, g and h.
 * `vibratoIsSpeed`: old ModPlug (up to 1.17.02.54) saved vibrato speed where IT has depth.
 */
export function convertITVolume(v: number, vibratoIsSpeed: boolean, warnings: string[]): VolumeCommand | null {
  if (v <= 64) return { kind: 'volume', value: v };
  if (v <= 74) return { kind: 'fineVolUp', value: v - 65 };
  if (v <= 84) return { kind: 'fineVolDown', value: v - 75 };
  if (v <= 94) return { kind: 'volSlideUp', value: v - 85 };
  if (v <= 104) return { kind: 'volSlideDown', value: v - 95 };
  if (v <= 114) return { kind: 'portaDown', value: v - 105 };
  if (v <= 124) return { kind: 'portaUp', value: v - 115 };
  if (v >= 128 && v <= 192) return { kind: 'panning', value: v - 128 };
  if (v >= 193 && v <= 202) return { kind: 'tonePorta', value: v - 193 };
  if (v >= 203 && v <= 212) return { kind: vibratoIsSpeed && v > 203 ? 'vibratoSpeed' : 'vibratoDepth', value: v - 203 };
  if (v >= 223 && v <= 232) warnings.push("volume-column sample offsets (OpenMPT's o0..o9) are not supported; dropped");
  return null;
}

/** Model note for an IT note byte: 0..119 -> 1..120, 255 off, 254 cut, others fade (0 = none). */
export function convertITNote(n: number, mptm: boolean, warnings: string[]): number {
  if (n < 120) return n + 1;
  if (n < 0x80) {
    // OpenMPT stores these as notes above B-9, which nothing plays.
    warnings.push(`note byte ${n} is above B-9; dropped`);
    return 0;
  }
  if (n === 0xff) return 255;
  if (n === 0xfe) return 254;
  // 0xFD is "no note" in IT files but note fade in MPTM (OpenMPT Load_it.cpp).
  if (n === 0xfd && !mptm) return 0;
  return 253;
}
