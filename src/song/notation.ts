// How cells are spelled on screen and in .trk files. Two effect notations: 'xm' (ProTracker /
// FastTracker 2 letters, used for MOD and XM songs) and 'it' (Scream Tracker 3 / Impulse Tracker
// letters, used for S3M, IT and new songs). Each spells every effect kind: kinds the original
// tracker lacks get a lower-case letter, so parse(format(e)) gives back e for any effect.

import { type Effect, type EffectKind, EFFECT_KINDS, effectParamMax, type VolumeCommand, VOLUME_KINDS } from './effects.js';

/** Which tracker's effect letters a song shows. */
export type Notation = 'xm' | 'it';

/** Letter (and sub-command digit for nibble kinds) that spells a kind in one notation. */
interface Code {
  readonly letter: string;
  readonly sub?: number;
}

type CodeTable = Readonly<Record<Exclude<EffectKind, 'none'>, Code>>;

const XM_CODES: CodeTable = {
  arpeggio: { letter: '0' }, portaUp: { letter: '1' }, portaDown: { letter: '2' },
  tonePorta: { letter: '3' }, vibrato: { letter: '4' }, tonePortaVolSlide: { letter: '5' },
  vibratoVolSlide: { letter: '6' }, tremolo: { letter: '7' }, setPan: { letter: '8' },
  sampleOffset: { letter: '9' }, volSlide: { letter: 'A' }, positionJump: { letter: 'B' },
  setVolume: { letter: 'C' }, patternBreak: { letter: 'D' }, setSpeed: { letter: 'F' },
  tempo: { letter: 'F' }, setGlobalVolume: { letter: 'G' }, globalVolSlide: { letter: 'H' },
  keyOff: { letter: 'K' }, setEnvelopePosition: { letter: 'L' }, panSlide: { letter: 'P' },
  retrig: { letter: 'R' }, tremor: { letter: 'T' }, panbrello: { letter: 'Y' },
  midiMacro: { letter: 'Z' }, smoothMidiMacro: { letter: '\\' },
  setChannelVolume: { letter: 'm' }, channelVolSlide: { letter: 'n' }, fineVibrato: { letter: 'u' },
  setFilter: { letter: 'E', sub: 0 }, finePortaUp: { letter: 'E', sub: 1 },
  finePortaDown: { letter: 'E', sub: 2 }, glissando: { letter: 'E', sub: 3 },
  vibratoWaveform: { letter: 'E', sub: 4 }, setFinetune: { letter: 'E', sub: 5 },
  patternLoop: { letter: 'E', sub: 6 }, tremoloWaveform: { letter: 'E', sub: 7 },
  setPanCoarse: { letter: 'E', sub: 8 }, noteRetrig: { letter: 'E', sub: 9 },
  fineVolSlideUp: { letter: 'E', sub: 10 }, fineVolSlideDown: { letter: 'E', sub: 11 },
  noteCut: { letter: 'E', sub: 12 }, noteDelay: { letter: 'E', sub: 13 },
  patternDelay: { letter: 'E', sub: 14 }, invertLoop: { letter: 'E', sub: 15 },
  extraFinePortaUp: { letter: 'X', sub: 1 }, extraFinePortaDown: { letter: 'X', sub: 2 },
  panbrelloWaveform: { letter: 'X', sub: 5 }, finePatternDelay: { letter: 'X', sub: 6 },
  soundControl: { letter: 'X', sub: 9 }, setHighOffset: { letter: 'X', sub: 10 },
  instrumentControl: { letter: 's', sub: 7 }, setActiveMacro: { letter: 's', sub: 15 },
};

const IT_CODES: CodeTable = {
  setSpeed: { letter: 'A' }, positionJump: { letter: 'B' }, patternBreak: { letter: 'C' },
  volSlide: { letter: 'D' }, portaDown: { letter: 'E' }, portaUp: { letter: 'F' },
  tonePorta: { letter: 'G' }, vibrato: { letter: 'H' }, tremor: { letter: 'I' },
  arpeggio: { letter: 'J' }, vibratoVolSlide: { letter: 'K' }, tonePortaVolSlide: { letter: 'L' },
  setChannelVolume: { letter: 'M' }, channelVolSlide: { letter: 'N' }, sampleOffset: { letter: 'O' },
  panSlide: { letter: 'P' }, retrig: { letter: 'Q' }, tremolo: { letter: 'R' }, tempo: { letter: 'T' },
  fineVibrato: { letter: 'U' }, setGlobalVolume: { letter: 'V' }, globalVolSlide: { letter: 'W' },
  setPan: { letter: 'X' }, panbrello: { letter: 'Y' }, midiMacro: { letter: 'Z' },
  smoothMidiMacro: { letter: '\\' },
  setVolume: { letter: 'c' }, keyOff: { letter: 'k' }, setEnvelopePosition: { letter: 'l' },
  setFilter: { letter: 'S', sub: 0 }, glissando: { letter: 'S', sub: 1 },
  setFinetune: { letter: 'S', sub: 2 }, vibratoWaveform: { letter: 'S', sub: 3 },
  tremoloWaveform: { letter: 'S', sub: 4 }, panbrelloWaveform: { letter: 'S', sub: 5 },
  finePatternDelay: { letter: 'S', sub: 6 }, instrumentControl: { letter: 'S', sub: 7 },
  setPanCoarse: { letter: 'S', sub: 8 }, soundControl: { letter: 'S', sub: 9 },
  setHighOffset: { letter: 'S', sub: 10 }, patternLoop: { letter: 'S', sub: 11 },
  noteCut: { letter: 'S', sub: 12 }, noteDelay: { letter: 'S', sub: 13 },
  patternDelay: { letter: 'S', sub: 14 }, setActiveMacro: { letter: 'S', sub: 15 },
  finePortaUp: { letter: 'e', sub: 1 }, finePortaDown: { letter: 'e', sub: 2 },
  noteRetrig: { letter: 'e', sub: 9 }, fineVolSlideUp: { letter: 'e', sub: 10 },
  fineVolSlideDown: { letter: 'e', sub: 11 }, invertLoop: { letter: 'e', sub: 15 },
  extraFinePortaUp: { letter: 'x', sub: 1 }, extraFinePortaDown: { letter: 'x', sub: 2 },
};

const TABLES: Readonly<Record<Notation, CodeTable>> = { xm: XM_CODES, it: IT_CODES };

/** In 'xm' notation, speed and tempo share F: below 20h it is speed. Out-of-range values use a/t. */
const XM_SPEED_TEMPO_SPLIT = 0x20;

function buildParseTable(codes: CodeTable): Map<string, EffectKind> {
  const map = new Map<string, EffectKind>();
  for (const [kind, code] of Object.entries(codes) as [Exclude<EffectKind, 'none'>, Code][]) {
    map.set(code.sub === undefined ? code.letter : `${code.letter}${code.sub.toString(16).toUpperCase()}`, kind);
  }
  return map;
}

const PARSE: Readonly<Record<Notation, Map<string, EffectKind>>> = {
  xm: buildParseTable(XM_CODES),
  it: buildParseTable(IT_CODES),
};

const hex2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

/** Three characters for an effect ("A0F", "ED3"), "..." for none. */
export function formatEffect(effect: Effect | null, notation: Notation): string {
  if (!effect || effect.kind === 'none') return '...';
  const param = Math.max(0, Math.min(effectParamMax(effect.kind), Math.trunc(effect.param)));
  if (notation === 'xm') {
    if (effect.kind === 'setSpeed' && param >= XM_SPEED_TEMPO_SPLIT) return `a${hex2(param)}`;
    if (effect.kind === 'tempo' && param < XM_SPEED_TEMPO_SPLIT) return `t${hex2(param)}`;
  }
  const code = TABLES[notation][effect.kind];
  if (code.sub !== undefined) return `${code.letter}${code.sub.toString(16).toUpperCase()}${param.toString(16).toUpperCase()}`;
  return `${code.letter}${hex2(param)}`;
}

/** Parses three characters of effect text; undefined when they are not a valid effect. */
export function parseEffect(text: string, notation: Notation): Effect | null | undefined {
  if (text === '...' || text === '---') return null;
  if (text.length !== 3) return undefined;
  const letter = text[0] as string;
  if (notation === 'xm' && (letter === 'a' || letter === 't')) {
    const param = parseHex(text.slice(1));
    if (param === undefined) return undefined;
    return { kind: letter === 'a' ? 'setSpeed' : 'tempo', param };
  }
  const upperLetter = /[a-z]/.test(letter) ? letter : letter.toUpperCase();
  const withSub = PARSE[notation].get(`${upperLetter}${(text[1] as string).toUpperCase()}`);
  if (withSub !== undefined) {
    const param = parseHex(text.slice(2));
    return param === undefined ? undefined : { kind: withSub, param };
  }
  const param = parseHex(text.slice(1));
  if (param === undefined) return undefined;
  if (notation === 'xm' && upperLetter === 'F') {
    return { kind: param < XM_SPEED_TEMPO_SPLIT ? 'setSpeed' : 'tempo', param };
  }
  const kind = PARSE[notation].get(upperLetter);
  return kind === undefined ? undefined : { kind, param };
}

function parseHex(text: string): number | undefined {
  if (!/^[0-9A-Fa-f]+$/.test(text)) return undefined;
  return parseInt(text, 16);
}

/** The letter(s) a kind shows as in a notation, e.g. "E" or "SD" (for help and the linter). */
export function effectCode(kind: Exclude<EffectKind, 'none'>, notation: Notation): string {
  const code = TABLES[notation][kind];
  return code.sub === undefined ? code.letter : `${code.letter}${code.sub.toString(16).toUpperCase()}`;
}

/** Every effect kind except 'none', in table order. */
export const ALL_EFFECT_KINDS: readonly Exclude<EffectKind, 'none'>[] = EFFECT_KINDS.slice(1).map((e) => e.kind) as Exclude<EffectKind, 'none'>[];

/** Three characters for a volume column: "v64", "p32", "c05", "..." for none. */
export function formatVolume(vol: VolumeCommand | null): string {
  if (!vol || vol.kind === 'none') return '...';
  const def = VOLUME_KINDS.find((v) => v.kind === vol.kind);
  const value = Math.max(0, Math.min(def?.max ?? 0, Math.trunc(vol.value)));
  return `${def?.letter ?? '?'}${value.toString().padStart(2, '0')}`;
}

/** Parses three characters of volume-column text; undefined when invalid. */
export function parseVolume(text: string): VolumeCommand | null | undefined {
  if (text === '...' || text === '---') return null;
  if (text.length !== 3 || !/^[0-9]{2}$/.test(text.slice(1))) return undefined;
  const def = VOLUME_KINDS.find((v) => v.letter === text[0] && v.kind !== 'none');
  if (!def) return undefined;
  const value = parseInt(text.slice(1), 10);
  return value > def.max ? undefined : { kind: def.kind, value };
}

/**
 * Two characters for an instrument number 1..255 ("..": none). 'xm' notation is hexadecimal as in
 * FastTracker 2; 'it' is decimal as in Impulse Tracker, with 100..255 as A0..P5 (A = 10 tens).
 */
export function formatInstrument(instrument: number, notation: Notation): string {
  if (instrument <= 0) return '..';
  if (notation === 'xm') return hex2(Math.min(255, instrument));
  const n = Math.min(255, instrument);
  if (n < 100) return n.toString().padStart(2, '0');
  return `${String.fromCharCode(55 + Math.floor(n / 10))}${n % 10}`;
}

/** Parses two characters of instrument text; undefined when invalid. */
export function parseInstrument(text: string, notation: Notation): number | undefined {
  if (text === '..' || text === '--') return 0;
  if (text.length !== 2) return undefined;
  if (notation === 'xm') {
    const n = parseHex(text);
    return n === undefined || n === 0 ? undefined : n;
  }
  if (/^[0-9]{2}$/.test(text)) {
    const n = parseInt(text, 10);
    return n === 0 ? undefined : n;
  }
  if (/^[A-Z][0-9]$/.test(text)) {
    const n = ((text.charCodeAt(0) - 55) * 10) + (text.charCodeAt(1) - 48);
    return n <= 255 ? n : undefined;
  }
  return undefined;
}
