// IT-style MIDI macros evaluated for a MIDI instrument: hex digits and 'c' (the MIDI channel) are
// nibbles, the other letters whole bytes (n note, v velocity, u volume, x pan, p program, a/b bank
// high/low, z the Zxx parameter, h the pattern channel). Impulse Tracker's internal filter messages
// (F0 F0 00 z cutoff, F0 F0 01 z resonance) become CC 74 and CC 71, so the default Zxx macros move a
// synth's filter the way they move the sampler's.

import { CC } from './midi-message.js';

/** Values the placeholders of a macro stand for. */
export interface MacroContext {
  /** MIDI channel 0..15. */
  readonly channel: number;
  readonly key: number;
  readonly velocity: number;
  /** Current volume 0..127. */
  readonly volume: number;
  /** Current pan 0..127. */
  readonly pan: number;
  readonly program: number;
  readonly bank: number;
  /** The Zxx (or \xx) parameter 0..127. */
  readonly param: number;
  /** Pattern channel 0-based. */
  readonly patternChannel: number;
}

const BYTE_PLACEHOLDERS = new Set(['n', 'v', 'u', 'x', 'y', 'p', 'a', 'b', 'z', 'h', 'o', 'm', 's']);

function placeholder(letter: string, c: MacroContext): number {
  switch (letter) {
    case 'n': return c.key & 0x7f;
    case 'v': return c.velocity & 0x7f;
    case 'u': return c.volume & 0x7f;
    case 'x':
    case 'y': return c.pan & 0x7f;
    case 'p': return Math.max(0, c.program) & 0x7f;
    case 'a': return (Math.max(0, c.bank) >> 7) & 0x7f;
    case 'b': return Math.max(0, c.bank) & 0x7f;
    case 'z': return c.param & 0x7f;
    case 'h': return c.patternChannel & 0x7f;
    default: return 0;
  }
}

/** The raw bytes of a macro for a MIDI instrument (internal F0 F0 messages included). */
export function evaluateMacro(macro: string, c: MacroContext): number[] {
  const out: number[] = [];
  let pending = -1;
  const flush = () => {
    if (pending >= 0) out.push(pending);
    pending = -1;
  };
  for (const ch of macro) {
    let nibble = -1;
    if (/[0-9A-F]/.test(ch)) nibble = parseInt(ch, 16);
    else if (ch === 'c') nibble = c.channel & 0x0f;
    if (nibble >= 0) {
      if (pending < 0) pending = nibble;
      else {
        out.push((pending << 4) | nibble);
        pending = -1;
      }
      continue;
    }
    if (BYTE_PLACEHOLDERS.has(ch)) {
      flush();
      out.push(placeholder(ch, c));
    }
    // Spaces and unknown characters separate nothing and add nothing.
  }
  flush();
  return out;
}

/**
 * The bytes a macro sends to a MIDI device: Impulse Tracker's internal filter messages are turned
 * into controller changes on the instrument's channel (cutoff CC 74, resonance CC 71); other
 * internal messages (filter mode, plugin parameters) are dropped.
 */
export function macroToMidi(macro: string, c: MacroContext): number[] {
  const bytes = evaluateMacro(macro, c);
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0xf0 && bytes[i + 1] === 0xf0) {
      const code = bytes[i + 2] ?? -1;
      const value = bytes[i + 3] ?? 0;
      if (code === 0x00) out.push(0xb0 | (c.channel & 0x0f), CC.cutoff, value & 0x7f);
      else if (code === 0x01) out.push(0xb0 | (c.channel & 0x0f), CC.resonance, value & 0x7f);
      i += 3;
      continue;
    }
    out.push(bytes[i] ?? 0);
  }
  return out;
}
