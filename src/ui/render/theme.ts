// Colours as SGR strings for truecolor, 256 and 16 colour terminals, and none (NO_COLOR: inverse,
// bold and underline only). Screens build each line as one pre-coloured string from these codes.

import type { ColorMode } from '../settings/settings.js';

/** What the terminal gets: 24-bit colour, the xterm 256 palette, the 16 ANSI colours, or none. */
export type ColorLevel = 'truecolor' | '256' | '16' | 'none';

/** Foreground roles. */
export type Fg =
  | 'default' | 'dim' | 'rowNumber' | 'beat' | 'measure' | 'note' | 'instrument' | 'volume' | 'effect'
  | 'header' | 'muted' | 'solo' | 'vuLow' | 'vuMid' | 'vuHigh' | 'title' | 'accent' | 'error' | 'ok' | 'key';

/** Background roles. */
export type Bg = 'none' | 'cursorRow' | 'playRow' | 'selection' | 'cursor' | 'bar' | 'beatRow' | 'measureRow';

type Rgb = readonly [number, number, number];

interface ColorDef {
  readonly rgb: Rgb;
  /** ANSI colour 0..15 for 16-colour terminals. */
  readonly ansi: number;
}

const FG: Readonly<Record<Fg, ColorDef | null>> = {
  default: null,
  dim: { rgb: [110, 110, 130], ansi: 8 },
  rowNumber: { rgb: [140, 140, 160], ansi: 8 },
  beat: { rgb: [230, 200, 90], ansi: 3 },
  measure: { rgb: [255, 230, 120], ansi: 11 },
  note: { rgb: [235, 235, 240], ansi: 15 },
  instrument: { rgb: [110, 200, 240], ansi: 14 },
  volume: { rgb: [130, 220, 130], ansi: 10 },
  effect: { rgb: [240, 150, 220], ansi: 13 },
  header: { rgb: [220, 220, 230], ansi: 15 },
  muted: { rgb: [240, 90, 90], ansi: 9 },
  solo: { rgb: [250, 210, 80], ansi: 11 },
  vuLow: { rgb: [90, 210, 90], ansi: 2 },
  vuMid: { rgb: [230, 210, 80], ansi: 3 },
  vuHigh: { rgb: [240, 80, 80], ansi: 1 },
  title: { rgb: [255, 255, 255], ansi: 15 },
  accent: { rgb: [120, 200, 255], ansi: 12 },
  error: { rgb: [255, 110, 110], ansi: 9 },
  ok: { rgb: [120, 230, 140], ansi: 10 },
  key: { rgb: [255, 220, 120], ansi: 11 },
};

const BG: Readonly<Record<Bg, ColorDef | null>> = {
  none: null,
  cursorRow: { rgb: [35, 45, 85], ansi: 4 },
  playRow: { rgb: [90, 30, 60], ansi: 5 },
  selection: { rgb: [30, 80, 110], ansi: 6 },
  cursor: { rgb: [200, 200, 220], ansi: 7 },
  bar: { rgb: [40, 60, 110], ansi: 4 },
  beatRow: { rgb: [32, 32, 32], ansi: 0 },
  measureRow: { rgb: [50, 50, 50], ansi: 0 },
};

function to256([r, g, b]: Rgb): number {
  if (r === g && g === b) {
    if (r < 8) return 16;
    if (r > 248) return 231;
    return Math.round(((r - 8) / 247) * 24) + 232;
  }
  const c = (v: number) => Math.round((v / 255) * 5);
  return 16 + 36 * c(r) + 6 * c(g) + c(b);
}

function fgCode(def: ColorDef, level: ColorLevel): string {
  if (level === 'truecolor') return `38;2;${def.rgb.join(';')}`;
  if (level === '256') return `38;5;${to256(def.rgb)}`;
  return String(def.ansi < 8 ? 30 + def.ansi : 90 + def.ansi - 8);
}

function bgCode(def: ColorDef, level: ColorLevel): string {
  if (level === 'truecolor') return `48;2;${def.rgb.join(';')}`;
  if (level === '256') return `48;5;${to256(def.rgb)}`;
  return String(def.ansi < 8 ? 40 + def.ansi : 100 + def.ansi - 8);
}

/** Picks the colour level from the setting and the environment (NO_COLOR, COLORTERM, TERM). */
export function detectColorLevel(mode: ColorMode, env: Readonly<Record<string, string | undefined>> = process.env): ColorLevel {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return 'none';
  if (mode !== 'auto') return mode;
  const colorterm = (env['COLORTERM'] ?? '').toLowerCase();
  // GNU screen (STY set) passes COLORTERM on from the outer terminal but draws no 24-bit colour itself.
  const isGnuScreen = (env['STY'] ?? '') !== '';
  if ((colorterm === 'truecolor' || colorterm === '24bit') && !isGnuScreen) return 'truecolor';
  const term = (env['TERM'] ?? '').toLowerCase();
  if (term === 'dumb') return 'none';
  if (term.includes('256color') || term.includes('direct')) return '256';
  return '16';
}

/** SGR codes for a colour level, cached per (foreground, background, bold). */
export class Theme {
  private readonly cache = new Map<string, string>();
  /** Resets every attribute. */
  readonly reset = '\u001b[0m';

  constructor(readonly level: ColorLevel) {}

  /** The SGR string that sets exactly this style (starting from a reset). */
  sgr(fg: Fg, bg: Bg = 'none', bold = false): string {
    const key = `${fg}|${bg}|${bold ? 1 : 0}`;
    let s = this.cache.get(key);
    if (s !== undefined) return s;
    const codes: string[] = ['0'];
    if (this.level === 'none') {
      if (bg === 'cursor' || bg === 'bar') codes.push('7');
      if (bg === 'selection') codes.push('4');
      if (bold || bg === 'playRow') codes.push('1');
    } else {
      if (bold) codes.push('1');
      const f = FG[fg];
      // 16 colours have no shade dark enough for beat and measure rows: their row numbers say it.
      const b = this.level === '16' && (bg === 'beatRow' || bg === 'measureRow') ? null : BG[bg];
      if (bg === 'cursor') codes.push(this.level === '16' ? '30' : fgCode({ rgb: [10, 10, 20], ansi: 0 }, this.level));
      else if (f) codes.push(fgCode(f, this.level));
      if (b) codes.push(bgCode(b, this.level));
    }
    s = codes.length === 1 ? '\u001b[0m' : `\u001b[${codes.join(';')}m`;
    this.cache.set(key, s);
    return s;
  }
}

/** Strips SGR codes (tests, width checks). */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
