// Effects whose parameters mean different things for ProTracker/FT2 and ST3/IT, rewritten for the target
// where an exact translation exists (fine slides, slide nibbles and units, Cxx into the volume column,
// volume-column porta speeds); what has none is reported and left out.

import { type Effect, EFFECT_KINDS, type EffectKind, type VolumeCommand } from '../../song/effects.js';
import type { Cell } from '../../song/pattern.js';
import type { ProfileBase } from '../../song/profile.js';
import type { Song } from '../../song/song.js';
import type { Losses } from './losses.js';

/** The module formats a cell can be translated for. */
export type TargetFormat = 'mod' | 'xm' | 's3m' | 'it';

/** What the translation of one song's cells needs to know. */
export interface TranslationContext {
  readonly from: ProfileBase;
  readonly to: TargetFormat;
  /** FastTracker 2 slides panning in quarter steps (its rules are on for this song). */
  readonly ft2PanSteps: boolean;
  /** The song uses fine volume slides (then A00/D00 may recall one, and the other family would not). */
  readonly fineVolumeSlides: boolean;
  readonly label: string;
}

const LABEL: Readonly<Record<TargetFormat, string>> = { mod: 'MOD', xm: 'XM', s3m: 'S3M', it: 'IT' };

const isPt = (b: ProfileBase): boolean => b === 'mod' || b === 'xm';

/** Impulse Tracker's volume-column tone portamento speeds for the digits 0..9. */
const IT_VOL_PORTA = [0, 1, 4, 8, 16, 32, 64, 96, 128, 255] as const;

export function translationContext(song: Song, to: TargetFormat): TranslationContext {
  const played = new Set(song.orders.filter((o): o is number => typeof o === 'number'));
  // Fine slides in the song's own dialect: EAx/EBx, or DxF/DFx for S3M/IT songs.
  const fine = [...played].some((p) => hasFineVolumeSlide(song, p));
  return { from: song.profile.base, to, ft2PanSteps: song.profile.base === 'xm' && song.profile.flags.ft2Quirks, fineVolumeSlides: fine, label: LABEL[to] };
}

function hasFineVolumeSlide(song: Song, p: number): boolean {
  const pat = song.patterns[p];
  if (!pat) return false;
  const st3 = !isPt(song.profile.base);
  for (let r = 0; r < pat.rows; r++) {
    for (let c = 0; c < pat.channels; c++) {
      const o = (r * pat.channels + c) * (4 + 2 * pat.effectColumns);
      for (let k = 0; k < pat.effectColumns; k++) {
        const id = pat.data[o + 4 + 2 * k] ?? 0;
        const param = pat.data[o + 5 + 2 * k] ?? 0;
        if (id === 0) continue;
        const kind = EFFECT_BY_ID[id];
        if (kind === 'fineVolSlideUp' || kind === 'fineVolSlideDown') return true;
        if (st3 && (kind === 'volSlide' || kind === 'vibratoVolSlide' || kind === 'tonePortaVolSlide') && isFineNibbles(param)) return true;
      }
    }
  }
  return false;
}

const EFFECT_BY_ID: readonly EffectKind[] = EFFECT_KINDS.map((e) => e.kind);

function isFineNibbles(p: number): boolean {
  const hi = p >> 4;
  const lo = p & 15;
  return (lo === 15 && hi > 0) || (hi === 15 && lo > 0);
}

/** How one tracker family reads a two-nibble slide parameter. */
interface SlideDialect {
  /** xF / Fx are fine slides. */
  readonly fine: boolean;
  /** Which nibble wins when both are set ('none': the command does nothing). */
  readonly both: 'hi' | 'lo' | 'none';
  /** Internal units per nibble step. */
  readonly unit: number;
  /** The high nibble slides up (volume) or right (panning). */
  readonly hiIsUp: boolean;
  /** ST3/IT volume slides by F (D0F, DF0) also slide on the row's first tick. */
  readonly fFirstTick: boolean;
}

type SlideKind = 'volSlide' | 'vibratoVolSlide' | 'tonePortaVolSlide' | 'globalVolSlide' | 'panSlide' | 'channelVolSlide';
const SLIDE_KINDS: ReadonlySet<EffectKind> = new Set<SlideKind>(['volSlide', 'vibratoVolSlide', 'tonePortaVolSlide', 'globalVolSlide', 'panSlide', 'channelVolSlide']);

function dialect(kind: SlideKind, base: ProfileBase, ft2PanSteps: boolean): SlideDialect {
  if (isPt(base)) {
    const unit = kind === 'globalVolSlide' ? 4 : kind === 'panSlide' ? (ft2PanSteps ? 1 : 4) : 1;
    return { fine: false, both: 'hi', unit, hiIsUp: true, fFirstTick: false };
  }
  const fFirstTick = kind === 'volSlide' || kind === 'vibratoVolSlide' || kind === 'tonePortaVolSlide';
  const unit = kind === 'globalVolSlide' ? (base === 'it' ? 2 : 4) : kind === 'panSlide' ? 4 : 1;
  const hiIsUp = kind !== 'panSlide';
  if (base === 'it') return { fine: true, both: 'none', unit, hiIsUp, fFirstTick };
  return { fine: true, both: kind === 'globalVolSlide' ? 'hi' : 'lo', unit, hiIsUp, fFirstTick };
}

type Slide =
  | { readonly type: 'memory' }
  | { readonly type: 'nothing' }
  | { readonly type: 'slide'; readonly up: boolean; readonly fine: boolean; readonly amount: number; readonly firstTick: boolean };

function readSlide(p: number, d: SlideDialect): Slide {
  if (p === 0) return { type: 'memory' };
  const hi = p >> 4;
  const lo = p & 15;
  if (d.fine && lo === 15 && hi > 0) return { type: 'slide', up: d.hiIsUp, fine: true, amount: hi * d.unit, firstTick: true };
  if (d.fine && hi === 15 && lo > 0) return { type: 'slide', up: !d.hiIsUp, fine: true, amount: lo * d.unit, firstTick: true };
  const useHi = hi > 0 && (lo === 0 || d.both === 'hi');
  if (hi > 0 && lo > 0 && d.both === 'none') return { type: 'nothing' };
  const n = useHi ? hi : lo;
  return { type: 'slide', up: useHi === d.hiIsUp, fine: false, amount: n * d.unit, firstTick: d.fFirstTick && n === 15 };
}

/** The effect for a slide in the target dialect, or undefined when none is exact. */
function writeSlide(kind: SlideKind, s: Slide, d: SlideDialect): Effect | null | undefined {
  if (s.type === 'memory') return { kind, param: 0 };
  if (s.type === 'nothing') return null;
  const n = s.amount / d.unit;
  if (!Number.isInteger(n) || n < 1 || n > 15) return undefined;
  const onHi = s.up === d.hiIsUp;
  if (s.fine) {
    if (!d.fine) {
      if (kind !== 'volSlide') return undefined;
      return { kind: s.up ? 'fineVolSlideUp' : 'fineVolSlideDown', param: n };
    }
    if (onHi) return { kind, param: (n << 4) | 0x0f };
    return n < 15 ? { kind, param: 0xf0 | n } : undefined;
  }
  // A slide by F is an every-tick slide in ST3/IT volume slides and a ticks-1..n slide elsewhere.
  if (s.firstTick !== (d.fFirstTick && n === 15)) return undefined;
  return { kind, param: onHi ? n << 4 : n };
}

const SLIDE_NAMES: Readonly<Record<SlideKind, string>> = {
  volSlide: 'volume slide', vibratoVolSlide: 'vibrato + volume slide', tonePortaVolSlide: 'tone portamento + volume slide',
  globalVolSlide: 'global volume slide', panSlide: 'panning slide', channelVolSlide: 'channel volume slide',
};

function hex(p: number): string {
  return p.toString(16).toUpperCase().padStart(2, '0');
}

/** One effect in the target's dialect: the same effect, a translation, or null (reported when lost). */
function translateEffect(e: Effect, ctx: TranslationContext, losses: Losses): Effect | null {
  const fromPt = isPt(ctx.from);
  const toPt = isPt(ctx.to);
  const p = e.param;
  if (SLIDE_KINDS.has(e.kind)) {
    const kind = e.kind as SlideKind;
    const src = dialect(kind, ctx.from, ctx.ft2PanSteps);
    const dst = dialect(kind, ctx.to, ctx.to === 'xm');
    if (src.fine === dst.fine && src.both === dst.both && src.unit === dst.unit && src.hiIsUp === dst.hiIsUp) return e;
    if (p === 0 && src.fine !== dst.fine && kind !== 'panSlide' && kind !== 'globalVolSlide' && ctx.fineVolumeSlides) {
      losses.add(`${SLIDE_NAMES[kind]} from memory (${hex(0)}) may recall a fine slide, which ${ctx.label} remembers apart`);
    }
    const out = writeSlide(kind, readSlide(p, src), dst);
    if (out === undefined) {
      losses.add(`${SLIDE_NAMES[kind]} ${hex(p)} has no exact ${ctx.label} equivalent; dropped`);
      return null;
    }
    return out;
  }
  if (fromPt && !toPt) {
    switch (e.kind) {
      case 'finePortaUp':
      case 'finePortaDown':
      case 'extraFinePortaUp':
      case 'extraFinePortaDown': {
        const up = e.kind === 'finePortaUp' || e.kind === 'extraFinePortaUp';
        const extra = e.kind.startsWith('extra');
        if (p === 0) {
          losses.add(`${extra ? 'extra ' : ''}fine portamento from memory has no exact ${ctx.label} equivalent (its memory is shared with Exx/Fxx); dropped`);
          return null;
        }
        return { kind: up ? 'portaUp' : 'portaDown', param: (extra ? 0xe0 : 0xf0) | p };
      }
      case 'fineVolSlideUp':
      case 'fineVolSlideDown': {
        const up = e.kind === 'fineVolSlideUp';
        if (p === 0 || (!up && p === 15)) {
          losses.add(`fine volume slide ${up ? 'up' : 'down'} ${p === 0 ? 'from memory' : 'by F'} has no exact ${ctx.label} equivalent; dropped`);
          return null;
        }
        return { kind: 'volSlide', param: up ? (p << 4) | 0x0f : 0xf0 | p };
      }
      case 'portaUp':
      case 'portaDown':
        if (p >= 0xe0) {
          losses.add(`portamento speed ${hex(p)} is a fine slide in ${ctx.label} (speeds E0..FF); dropped`);
          return null;
        }
        return e;
      case 'setFinetune':
      case 'setFilter':
        losses.add(`${e.kind === 'setFinetune' ? 'set finetune (E5x)' : 'Amiga filter (E0x)'} means something else in ${ctx.label}; dropped`);
        return null;
      case 'vibratoWaveform':
      case 'tremoloWaveform':
        if (p > 3) {
          losses.add(`${ctx.label} has no waveforms that keep their position on a new note (E4x/E7x with x > 3); written as x - 4`);
          return { kind: e.kind, param: p & 3 };
        }
        return e;
      default:
        return e;
    }
  }
  if (!fromPt && toPt) {
    switch (e.kind) {
      case 'portaUp':
      case 'portaDown': {
        const up = e.kind === 'portaUp';
        if (p >= 0xe0) {
          const extra = p < 0xf0;
          if ((p & 15) === 0 || (extra && ctx.to === 'mod')) {
            losses.add(`${extra ? 'extra ' : ''}fine portamento ${hex(p)} has no exact ${ctx.label} equivalent; dropped`);
            return null;
          }
          return { kind: extra ? (up ? 'extraFinePortaUp' : 'extraFinePortaDown') : (up ? 'finePortaUp' : 'finePortaDown'), param: p & 15 };
        }
        return e;
      }
      case 'setFinetune':
      case 'setFilter':
        losses.add(`${e.kind === 'setFinetune' ? 'set finetune (S2x)' : 'S0x'} means something else in ${ctx.label}; dropped`);
        return null;
      default:
        return e;
    }
  }
  return e;
}

/** A volume-column command in the target's dialect, or null (reported) when none is exact. */
function translateVolume(v: VolumeCommand, ctx: TranslationContext, losses: Losses): VolumeCommand | null {
  if (v.kind !== 'tonePorta') return v;
  const fromIt = ctx.from === 'it';
  const toIt = ctx.to === 'it';
  if (fromIt === toIt || ctx.to === 'mod' || ctx.to === 's3m') return v;
  // XM's Mx is speed x * 16; IT's g digits index a table.
  const speed = fromIt ? IT_VOL_PORTA[Math.min(9, v.value)]! : v.value * 16;
  if (toIt) {
    const d = IT_VOL_PORTA.indexOf(speed as (typeof IT_VOL_PORTA)[number]);
    if (d >= 0) return { kind: 'tonePorta', value: d };
  } else if (speed % 16 === 0 && speed <= 240) return { kind: 'tonePorta', value: speed / 16 };
  losses.add(`volume-column tone portamento at speed ${speed} has no exact ${ctx.label} equivalent; dropped`);
  return null;
}

/** A cell rewritten for the target format's dialect (the same object when nothing changes). */
export function translateCell(cell: Cell, ctx: TranslationContext, losses: Losses): Cell {
  if (ctx.from === ctx.to) return cell;
  let volume = cell.volume && cell.volume.kind !== 'none' ? translateVolume(cell.volume, ctx, losses) : cell.volume;
  let changed = volume !== cell.volume;
  const effects = cell.effects.map((e) => {
    if (!e || e.kind === 'none') return e;
    // ST3/IT D0F/DF0 slide by F on every tick, the first included: in XM that is A0F/AF0 for the other
    // ticks plus a fine slide by F in a free volume column for the first.
    if (e.kind === 'volSlide' && (e.param === 0x0f || e.param === 0xf0) && !isPt(ctx.from) && ctx.to === 'xm' && !volume) {
      volume = { kind: e.param === 0x0f ? 'fineVolDown' : 'fineVolUp', value: 15 };
      changed = true;
      return e;
    }
    let out = translateEffect(e, ctx, losses);
    // Cxx becomes the volume column in S3M and IT, whose letters have no set-volume command.
    if (out?.kind === 'setVolume' && (ctx.to === 'it' || ctx.to === 's3m') && !volume) {
      volume = { kind: 'volume', value: Math.min(64, out.param) };
      out = null;
    }
    if (out !== e) changed = true;
    return out;
  });
  return changed ? { ...cell, volume, effects } : cell;
}
