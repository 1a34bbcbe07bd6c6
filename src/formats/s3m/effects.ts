// Scream Tracker 3 / Impulse Tracker effect letters (A..Z, S sub-commands) to model effects, shared
// by the S3M and IT readers; S3M volume-column bytes to volume commands.

import type { Effect, EffectKind, VolumeCommand } from '../../song/effects.js';
import { ALL_EFFECT_KINDS, effectCode } from '../../song/notation.js';

/** 'A'..'Z' and 'S0'..'SF' -> kind, from the model's own IT notation table. */
const BY_CODE = new Map<string, EffectKind>();
for (const kind of ALL_EFFECT_KINDS) {
  const code = effectCode(kind, 'it');
  const first = code[0] ?? '';
  // Upper-case letters are the tracker's own; lower-case ones are the model's extensions.
  if (first >= 'A' && first <= 'Z' && !BY_CODE.has(code)) BY_CODE.set(code, kind);
}

/** S3M command 28 is '\\' (0x5C - 0x40): in S3M files libopenmpt reads it as a plain Zxx MIDI macro. */
const S3M_BACKSLASH = 28;

/**
 * An effect as stored in S3M/IT pattern data: command 1 = 'A' .. 26 = 'Z'; in S3M files 28 ('\\')
 * is Zxx too. Unknown commands (0 '@', 27 '[', 29.. and IT's extensions) give null. S3M's Cxx row is
 * stored as two decimal digits (`bcdBreak`).
 */
export function convertS3MEffect(command: number, param: number, bcdBreak: boolean): Effect | null {
  if (command === S3M_BACKSLASH) return { kind: 'midiMacro', param };
  if (command === 0 || command > 26) return null;
  const letter = String.fromCharCode(0x40 + command);
  if (letter === 'S') {
    const kind = BY_CODE.get(`S${(param >> 4).toString(16).toUpperCase()}`);
    return kind ? { kind, param: param & 0x0f } : null;
  }
  const kind = BY_CODE.get(letter);
  if (!kind) return null;
  if (kind === 'patternBreak' && bcdBreak) return { kind, param: (param >> 4) * 10 + (param & 0x0f) };
  return { kind, param };
}

/** S3M volume column: 0..64 volume, 128..192 panning 0..64 (ModPlug extension). */
export function convertS3MVolume(byte: number): VolumeCommand {
  if (byte >= 128 && byte <= 192) return { kind: 'panning', value: byte - 128 };
  return { kind: 'volume', value: Math.min(byte, 64) };
}
