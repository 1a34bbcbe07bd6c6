// IT MIDI macros (Zxx / \xx with the SFx and Z80-ZFF tables): the internal messages that drive the
// resonant filter (F0 F0 00 z cutoff, F0 F0 01 z resonance, F0 F0 02 z filter mode). Messages for
// external MIDI devices are left to the MIDI output.

import type { MidiMacros } from '../../song/song.js';
import type { ChannelState } from './channel-state.js';
import { CMD } from './commands.js';
import type { ReplayerState } from './state.js';

/** Impulse Tracker's default macro configuration. */
export const DEFAULT_MIDI_MACROS: MidiMacros = {
  global: ['FF', 'FC', '', '', '', '', '', '', ''],
  parametered: ['F0F000z', ...Array.from({ length: 15 }, () => '')],
  fixed: Array.from({ length: 128 }, (_, i) => (i < 16 ? `F0F001${(i * 8).toString(16).toUpperCase().padStart(2, '0')}` : '')),
};

/** The bytes of a macro with `z` replaced by the parameter (other placeholders read as 0). */
export function macroBytes(macro: string, param: number): number[] {
  const text = macro.replace(/\s+/g, '');
  const out: number[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/[0-9A-Fa-f]/.test(c) && i + 1 < text.length && /[0-9A-Fa-f]/.test(text[i + 1] as string)) {
      out.push(parseInt(text.slice(i, i + 2), 16));
      i += 2;
    } else if (c === 'z') {
      out.push(param & 0x7f);
      i++;
    } else {
      out.push(0);
      i++;
    }
  }
  return out;
}

/** Runs a channel's Zxx/\xx of this tick: updates cutoff, resonance or filter mode. */
export function processMacroOnChannel(r: ReplayerState, chn: ChannelState): void {
  const isSmooth = chn.rowCmd === CMD.SMOOTHMIDI;
  if (!((chn.rowCmd === CMD.MIDI && r.firstTick) || isSmooth)) return;
  const cfg = r.song.midiMacros ?? DEFAULT_MIDI_MACROS;
  const param = chn.rowParam & 0xff;
  const macro = param < 0x80 ? (cfg.parametered[chn.activeMacro] ?? '') : (cfg.fixed[param & 0x7f] ?? '');
  const bytes = macroBytes(macro, param);
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (bytes[i] !== 0xf0 || bytes[i + 1] !== 0xf0) continue;
    const code = bytes[i + 2] ?? 0;
    const value = bytes[i + 3] ?? 0;
    if (code === 0x00 && value < 0x80) {
      chn.cutOff = isSmooth ? smooth(r, chn.cutOff, value) : value;
      chn.filterDirty = true;
    } else if (code === 0x01 && value < 0x80) {
      chn.resonance = isSmooth ? smooth(r, chn.resonance, value) : value;
      chn.filterDirty = true;
    } else if (code === 0x02 && value < 0x20) {
      chn.filterHighPass = value >> 4 === 1;
      chn.filterDirty = true;
    }
    i += 3;
  }
  chn.lastZxxParam = param;
}

/** \xx interpolates towards the target across the row. */
function smooth(r: ReplayerState, current: number, target: number): number {
  const ticksLeft = r.ticksOnRow() - r.tick;
  if (ticksLeft <= 1) return target;
  return Math.round(current + (target - current) / ticksLeft);
}
