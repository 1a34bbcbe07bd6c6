// The replayer's internal command set: each pattern effect is translated once per song into one of
// these codes plus a parameter byte, in the shape the original trackers dispatched them (Exy for the
// ProTracker family, Sxy for Scream Tracker/Impulse Tracker), so the effect logic reads like theirs.

import { EFFECT_KINDS, type EffectKind, FX } from '../../song/effects.js';
import { effectCode } from '../../song/notation.js';
import type { Behaviour } from './behaviour.js';

export const CMD = {
  NONE: 0, ARPEGGIO: 1, PORTAUP: 2, PORTADOWN: 3, TONEPORTA: 4, VIBRATO: 5, TONEPORTAVOL: 6, VIBRATOVOL: 7,
  TREMOLO: 8, PANNING8: 9, OFFSET: 10, VOLUMESLIDE: 11, POSITIONJUMP: 12, VOLUME: 13, PATTERNBREAK: 14,
  RETRIG: 15, SPEED: 16, TEMPO: 17, TREMOR: 18, MODCMDEX: 19, S3MCMDEX: 20, CHANNELVOLUME: 21,
  CHANNELVOLSLIDE: 22, GLOBALVOLUME: 23, GLOBALVOLSLIDE: 24, KEYOFF: 25, FINEVIBRATO: 26, PANBRELLO: 27,
  XFINEPORTAUPDOWN: 28, PANNINGSLIDE: 29, SETENVPOSITION: 30, MIDI: 31, SMOOTHMIDI: 32,
} as const;

/** Volume-column commands: the same numbers as the model's volume kind ids (a test pins this). */
export const VOLCMD = {
  NONE: 0, VOLUME: 1, PANNING: 2, VOLSLIDEUP: 3, VOLSLIDEDOWN: 4, FINEVOLUP: 5, FINEVOLDOWN: 6,
  VIBRATOSPEED: 7, VIBRATODEPTH: 8, PANSLIDELEFT: 9, PANSLIDERIGHT: 10, TONEPORTAMENTO: 11, PORTAUP: 12, PORTADOWN: 13,
} as const;

const DIRECT: Partial<Record<EffectKind, number>> = {
  arpeggio: CMD.ARPEGGIO, portaUp: CMD.PORTAUP, portaDown: CMD.PORTADOWN, tonePorta: CMD.TONEPORTA,
  vibrato: CMD.VIBRATO, tonePortaVolSlide: CMD.TONEPORTAVOL, vibratoVolSlide: CMD.VIBRATOVOL, tremolo: CMD.TREMOLO,
  setPan: CMD.PANNING8, sampleOffset: CMD.OFFSET, volSlide: CMD.VOLUMESLIDE, positionJump: CMD.POSITIONJUMP,
  setVolume: CMD.VOLUME, patternBreak: CMD.PATTERNBREAK, retrig: CMD.RETRIG, setSpeed: CMD.SPEED, tempo: CMD.TEMPO,
  tremor: CMD.TREMOR, setChannelVolume: CMD.CHANNELVOLUME, channelVolSlide: CMD.CHANNELVOLSLIDE,
  setGlobalVolume: CMD.GLOBALVOLUME, globalVolSlide: CMD.GLOBALVOLSLIDE, keyOff: CMD.KEYOFF,
  fineVibrato: CMD.FINEVIBRATO, panbrello: CMD.PANBRELLO, panSlide: CMD.PANNINGSLIDE,
  setEnvelopePosition: CMD.SETENVPOSITION, midiMacro: CMD.MIDI, smoothMidiMacro: CMD.SMOOTHMIDI,
};

/** Translation of an effect id into (command, parameter) for one song's dialect. */
export interface CommandTable {
  /** Command code per effect id. */
  readonly cmd: Uint8Array;
  /** For sub-command kinds: the high nibble added to the parameter (e.g. 0xD0 for note delay). */
  readonly high: Uint8Array;
}

function subOf(code: string): number {
  return parseInt(code.slice(1), 16);
}

/** Builds the translation for a song: E/X sub-commands in the ProTracker family, S otherwise. */
export function buildCommandTable(b: Behaviour): CommandTable {
  const cmd = new Uint8Array(EFFECT_KINDS.length);
  const high = new Uint8Array(EFFECT_KINDS.length);
  for (const def of EFFECT_KINDS) {
    if (def.kind === 'none') continue;
    const id = FX[def.kind];
    const direct = DIRECT[def.kind];
    if (direct !== undefined) {
      cmd[id] = direct;
      continue;
    }
    const xm = effectCode(def.kind, 'xm');
    const it = effectCode(def.kind, 'it');
    const inE = xm[0] === 'E';
    const inX = xm[0] === 'X';
    const inS = it[0] === 'S';
    if (b.ptLineage && inE) {
      cmd[id] = CMD.MODCMDEX;
      high[id] = subOf(xm) << 4;
    } else if (b.ptLineage && inX) {
      cmd[id] = CMD.XFINEPORTAUPDOWN;
      high[id] = subOf(xm) << 4;
    } else if (inS) {
      cmd[id] = CMD.S3MCMDEX;
      high[id] = subOf(it) << 4;
    } else if (inE) {
      cmd[id] = CMD.MODCMDEX;
      high[id] = subOf(xm) << 4;
    } else if (inX) {
      cmd[id] = CMD.XFINEPORTAUPDOWN;
      high[id] = subOf(xm) << 4;
    }
  }
  return { cmd, high };
}
