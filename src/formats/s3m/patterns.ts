// S3M packed patterns (always 64 rows) into model patterns, with the per-file effect rewrites
// libopenmpt applies: old SoundBlaster stereo control (SAx), ST3.01's memory-less O00, and
// PixPlay's Z00-Z0F panning.

import type { Effect, VolumeCommand } from '../../song/effects.js';
import { createPattern, getCell, type Pattern, writeCell } from '../../song/pattern.js';
import { convertS3MEffect, convertS3MVolume } from './effects.js';

/** S3M patterns always have 64 rows. */
export const S3M_ROWS = 64;

/** What pattern decoding needs from the header and samples. */
export interface PatternContext {
  readonly channels: number;
  /** The header's 32 channel setting bytes (type in bits 0..6). */
  readonly channelTypes: Uint8Array;
  readonly cwtv: number;
  readonly isST3: boolean;
  readonly useGus: boolean;
}

/** Counts of Zxx commands, for the PixPlay panning guess across all patterns. */
interface ZxxCount {
  left: number;
  right: number;
  /** Some Zxx is above Z0F, so these are not PixPlay panning commands. */
  tooHigh: boolean;
}

/** Decodes all patterns; `damaged` counts those whose data ran out before row 64. */
export function readPatterns(bytes: Uint8Array, offsets: readonly number[], ctx: PatternContext): { patterns: Pattern[]; damaged: number } {
  const zxx: ZxxCount = { left: 0, right: 0, tooHigh: false };
  const patterns: Pattern[] = [];
  let damaged = 0;
  for (const off of offsets) {
    const pattern = createPattern(S3M_ROWS, ctx.channels);
    // A zero parapointer is an empty pattern; the 2-byte length word is not trusted (libopenmpt skips it).
    if (off !== 0 && !readPattern(bytes, off + 2, pattern, ctx, zxx)) damaged++;
    patterns.push(pattern);
  }
  // Only old ST3 files can be PixPlay songs; there must be enough Zxx and both sides used.
  const total = zxx.left + zxx.right;
  if (ctx.cwtv < 0x1320 && !zxx.tooHigh && total >= ctx.channels && zxx.right - zxx.left < ctx.channels) {
    for (const p of patterns) pixPlayToPanning(p);
  }
  return { patterns, damaged };
}

/** One packed pattern; false when its data ran out before 64 rows. */
function readPattern(bytes: Uint8Array, start: number, pattern: Pattern, ctx: PatternContext, zxx: ZxxCount): boolean {
  let o = start;
  let row = 0;
  while (row < S3M_ROWS) {
    if (o >= bytes.length) return false;
    const info = bytes[o++]!;
    if (info === 0) {
      row++;
      continue;
    }
    const ch = info & 0x1f;
    let note = 0;
    let instrument = 0;
    let volume: VolumeCommand | null = null;
    let effect: Effect | null = null;
    if (info & 0x20) {
      if (o + 2 > bytes.length) return false;
      const n = bytes[o]!;
      instrument = bytes[o + 1]!;
      o += 2;
      // ST3 octave/semitone byte; its C-4 (0x40) is the sample's base pitch, model C-5 (61).
      if (n < 0xf0) note = Math.max(1, Math.min(120, (n & 0x0f) + 12 * (n >> 4) + 13));
      else if (n === 0xfe) note = 254;
    }
    if (info & 0x40) {
      if (o + 1 > bytes.length) return false;
      volume = convertS3MVolume(bytes[o++]!);
    }
    if (info & 0x80) {
      if (o + 2 > bytes.length) return false;
      effect = fileEffect(bytes[o]!, bytes[o + 1]!, ch, ctx, zxx);
      o += 2;
    }
    // Channels past the header's count are read (to stay in step) and dropped, as libopenmpt does.
    if (ch < ctx.channels) writeCell(pattern, row, ch, { note, instrument, volume, effects: [effect] });
  }
  return true;
}

function fileEffect(command: number, param: number, ch: number, ctx: PatternContext, zxx: ZxxCount): Effect | null {
  const effect = convertS3MEffect(command, param, true);
  if (!effect) return null;
  if (effect.kind === 'setHighOffset' && ctx.cwtv < 0x1320) return soundBlasterStereo(effect.param, (ctx.channelTypes[ch] ?? 0) & 0x7f, ctx.useGus);
  if (effect.kind === 'midiMacro') {
    if (param > 0x0f) zxx.tooHigh = true;
    else if (param < 0x08) zxx.left++;
    else if (param > 0x08) zxx.right++;
  }
  // ST3.01 quirk: O00 had no effect memory (fixed in ST3.03), so it does nothing.
  if (effect.kind === 'sampleOffset' && param === 0 && ctx.isST3 && ctx.cwtv <= 0x1301) return null;
  return effect;
}

/**
 * SAx before ST3.20 was SoundBlaster stereo control; approximated as panning, as libopenmpt does:
 * SA0/SA2 normal, SA1/SA3 swapped sides, SA4..SA7 centre. Nothing under the GUS driver or on AdLib channels.
 */
function soundBlasterStereo(x: number, type: number, useGus: boolean): Effect | null {
  if (useGus || type >= 0x10) return null;
  const right = (type & 8) !== 0;
  if (x === 0 || x === 2) return { kind: 'setPanCoarse', param: right ? 0x0c : 0x03 };
  if (x === 1 || x === 3) return { kind: 'setPanCoarse', param: right ? 0x03 : 0x0c };
  if (x <= 7) return { kind: 'setPanCoarse', param: 8 };
  return null;
}

/** PixPlay's Z00..Z0F set the panning: rewritten as S80..S8F. */
function pixPlayToPanning(p: Pattern): void {
  for (let row = 0; row < p.rows; row++) {
    for (let ch = 0; ch < p.channels; ch++) {
      const cell = getCell(p, row, ch);
      const e = cell.effects[0];
      if (e && e.kind === 'midiMacro') writeCell(p, row, ch, { ...cell, effects: [{ kind: 'setPanCoarse', param: e.param & 0x0f }] });
    }
  }
}
