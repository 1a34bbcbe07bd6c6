// FastTracker 2 pattern data to the model: the ProTracker commands 0..F plus FT2's letters G..Z
// (and ModPlug's extensions), X sub-commands, and the volume column.

import type { Effect, EffectKind, VolumeCommand } from '../../song/effects.js';
import { ALL_EFFECT_KINDS, effectCode } from '../../song/notation.js';
import { convertModCommand } from '../mod/effects.js';

/** 'G'..'Z', '\' and 'X1'..'XF' -> kind, from the model's own XM notation table. */
const BY_CODE = new Map<string, EffectKind>();
for (const kind of ALL_EFFECT_KINDS) {
  const code = effectCode(kind, 'xm');
  const first = code[0] ?? '';
  if (((first >= 'G' && first <= 'Z') || first === '\\') && !BY_CODE.has(code)) BY_CODE.set(code, kind);
}

/** Stored command numbers 16.. in letter order (G = 16, H = 17, ..., Z = 35, then '\', '#'). */
function letterOf(command: number): string | undefined {
  if (command >= 16 && command <= 35) return String.fromCharCode(0x47 + command - 16);
  if (command === 36 || command === 37) return '\\';
  return undefined;
}

/** An XM effect (command byte and parameter) as a model effect; null for none or unknown. */
export function convertXMEffect(command: number, param: number): Effect | null {
  if (command < 16) return convertModCommand(command, param);
  const letter = letterOf(command);
  if (!letter) return null;
  if (letter === 'X') {
    const kind = BY_CODE.get(`X${(param >> 4).toString(16).toUpperCase()}`);
    return kind ? { kind, param: param & 0x0f } : null;
  }
  const kind = BY_CODE.get(letter);
  return kind ? { kind, param } : null;
}

const VOLUME_EFFECTS: readonly VolumeCommand['kind'][] = [
  'volSlideDown', 'volSlideUp', 'fineVolDown', 'fineVolUp', 'vibratoSpeed', 'vibratoDepth', 'panning', 'panSlideLeft', 'panSlideRight', 'tonePorta',
];

/** The volume-column byte: 10..50 volume, 6x..Fx effects (pan Cx is x * 4, as FT2 scales it). */
export function convertXMVolume(byte: number): VolumeCommand | null {
  if (byte >= 0x10 && byte <= 0x50) return { kind: 'volume', value: byte - 0x10 };
  if (byte < 0x60) return null;
  const kind = VOLUME_EFFECTS[(byte - 0x60) >> 4]!;
  const value = byte & 0x0f;
  return { kind, value: kind === 'panning' ? value * 4 : value };
}
