// Notes, periods and frequencies in each tracker's system: ProTracker periods (MOD), FastTracker 2
// linear and Amiga periods (XM), Scream Tracker periods from C-5 speeds (S3M), and Impulse Tracker's
// frequencies (IT, "periods are Hertz"). Integer arithmetic follows the originals where rounding matters.

import type { Behaviour } from './behaviour.js';
import type { ChannelState } from './channel-state.js';
import {
  FINE_LINEAR_SLIDE_DOWN, FINE_LINEAR_SLIDE_UP, LINEAR_SLIDE_DOWN, LINEAR_SLIDE_UP, PT_PERIODS, PT_TUNED_PERIODS,
  S3M_PERIODS, XM_LINEAR, XM_PERIODS,
} from './tables.js';

/** floor(a * b / c) for non-negative integers (exact in doubles for the ranges used here). */
export function muldiv(a: number, b: number, c: number): number {
  return Math.floor((a * b) / c);
}

/** a * b / c rounded half away from zero, as OpenMPT's muldivr. */
export function muldivr(a: number, b: number, c: number): number {
  const v = (a * b) / c;
  return v < 0 ? -Math.floor(-v + 0.5) : Math.floor(v + 0.5);
}

/** XM finetune (-128..127) to ProTracker's finetune index 0..15. */
export function xmToModFinetune(fineTune: number): number {
  return (fineTune >> 4) & 0x0f;
}

/** ProTracker finetune nibble (0..15, 8..15 negative) to XM finetune. */
export function modToXmFinetune(nibble: number): number {
  const n = nibble & 0x0f;
  return (n < 8 ? n : n - 16) * 16;
}

/** The period (or Hz, when periods are Hertz) of a note; 0 for no note. */
export function periodFromNote(b: Behaviour, note: number, fineTune: number, c5Speed: number): number {
  if (note < 1 || note > 120) return 0;
  let n = note - 1;
  if (!b.finetuneAndTranspose) {
    const c5 = c5Speed > 0 ? c5Speed : 8363;
    const oct = Math.floor(n / 12);
    const semi = n % 12;
    if (b.periodsAreHertz) {
      return Math.min(0x7fffffff, muldiv(c5, (LINEAR_SLIDE_UP[semi * 16] ?? 65536) * 2 ** oct, 65536 * 32));
    }
    if (b.linearSlides) return Math.floor(((S3M_PERIODS[semi] ?? 0) * 32) / 2 ** oct);
    return muldiv(8363, (S3M_PERIODS[semi] ?? 0) * 32, c5 * 2 ** oct);
  }
  if (b.isXm || b.linearSlides) {
    if (n < 12) n = 12;
    n -= 12;
    let ft = fineTune;
    if (b.ft2FinetunePrecision) ft &= ~7;
    if (b.linearSlides) return Math.max(1, ((120 - n) << 6) - Math.trunc(ft / 2));
    const rnote = (n % 12) << 3;
    const roct = Math.floor(n / 12);
    let rfine = Math.trunc(ft / 16);
    const i1 = Math.max(0, Math.min(103, rnote + rfine + 8));
    let per1 = XM_PERIODS[i1] ?? 0;
    if (ft < 0) {
      rfine--;
      ft = -ft;
    } else rfine++;
    const i2 = Math.max(0, Math.min(103, rnote + rfine + 8));
    let per2 = XM_PERIODS[i2] ?? 0;
    rfine = ft & 0x0f;
    per1 *= 16 - rfine;
    per2 *= rfine;
    return Math.floor(((per1 + per2) * 2) / 2 ** roct);
  }
  const ft = xmToModFinetune(fineTune);
  if (ft !== 0 || n < 24 || n >= 24 + PT_PERIODS.length) {
    return Math.floor(((PT_TUNED_PERIODS[ft * 12 + (n % 12)] ?? 0) * 32) / 2 ** Math.floor(n / 12));
  }
  return (PT_PERIODS[n - 24] ?? 0) * 4;
}

/** The lowest note whose period is at or below `period` (at or above, in Hertz mode). */
export function noteFromPeriod(b: Behaviour, period: number, fineTune: number, c5Speed: number): number {
  if (!period) return 0;
  const ft = b.ft2Periods ? fineTune + 64 : fineTune;
  let lo = 1;
  let count = 120;
  while (count > 0) {
    const step = count >> 1;
    const mid = lo + step;
    const p = periodFromNote(b, mid, ft, c5Speed);
    if ((p > period && !b.periodsAreHertz) || (p < period && b.periodsAreHertz) || !p) {
      lo = mid + 1;
      count -= step + 1;
    } else count = step;
  }
  return lo;
}

/** Sample playback rate in Hz for a period. `frac` is 1/256 of a period unit. */
export function freqFromPeriod(b: Behaviour, period: number, c5Speed: number, frac = 0): number {
  return freq16FromPeriod(b, period, { c5Speed }, frac) / 16;
}

/**
 * The same rate in 1/16 Hz, a whole number, with the C-5 speed read from `tuning` (the channel): the
 * tick loop calls this one, because doubles that cross a call V8 does not inline are boxed on the
 * heap, and C-5 speeds and frequencies are fractional.
 */
export function freq16FromPeriod(b: Behaviour, period: number, tuning: { readonly c5Speed: number }, frac = 0): number {
  if (!period) return 0;
  if (b.isXm || (b.linearSlides && b.finetuneAndTranspose)) {
    let p = period;
    if (b.ft2Periods) p &= 0xffff;
    if (b.linearSlides) {
      let octave: number;
      if (b.ft2Periods) {
        const div = Math.floor(((9216 + 767 - p) >>> 0) / 768);
        octave = (14 - div) & 0x1f;
      } else {
        if (p > 29 * 768) return 0;
        octave = Math.floor(p / 768) + 2;
      }
      // floor(x / 2 ** octave) as a shift: x < 2^26 and octave is 0..31 (Math.pow was ~10% of a tick).
      return ((XM_LINEAR[p % 768] ?? 0) * 64) >>> octave;
    }
    return Math.floor((8363 * 1712 * 16) / Math.max(1, p));
  }
  if (b.finetuneAndTranspose) return Math.floor((3546895 * 4 * 16) / period);
  if (b.periodsAreHertz) return Math.floor((period * 256 + frac) / 16);
  const c5Speed = tuning.c5Speed;
  const c5 = b.linearSlides ? (c5Speed > 0 ? c5Speed : 8363) : 8363;
  return Math.floor((c5 * 1712 * 256 * 16) / (period * 256 + frac));
}

/**
 * A frequency slide by `amount` (positive = higher pitch; units of 1/64 semitone in linear modes, of
 * periods otherwise). Returns the new period; may silence the channel as the trackers did.
 */
export function freqSlide(b: Behaviour, chn: ChannelState, period: number, amount: number, isTonePorta = false): number {
  if (!period || !amount) return period;
  let p = period;
  if (b.linearSlides && !b.ptLineage) {
    const old = p;
    let abs = Math.abs(amount);
    const up = b.periodsAreHertz === amount > 0;
    if (abs < 16) {
      const ratio = up ? (FINE_LINEAR_SLIDE_UP[abs] ?? 65536) : (FINE_LINEAR_SLIDE_DOWN[abs] ?? 65536);
      p = muldivr(p, ratio, 65536);
    } else {
      abs = Math.floor(abs / 4);
      while (abs > 0) {
        const n = Math.min(abs, 255);
        p = muldivr(p, up ? (LINEAR_SLIDE_UP[n] ?? 65536) : (LINEAR_SLIDE_DOWN[n] ?? 65536), 65536);
        abs -= n;
      }
    }
    if (p === old) {
      const inc = b.periodsAreHertz === amount > 0;
      if (inc && p < 0x7fffffff) p++;
      else if (!inc && p > 1) p--;
    }
  } else if (!b.linearSlides && b.periodsAreHertz) {
    if (amount < 0) {
      p = Math.min(0x7fffffff, Math.floor((1712 * 8363 * p) / (p * -amount + 1712 * 8363)));
    } else {
      const div = 1712 * 8363 - p * amount;
      if (div <= 0) {
        if (isTonePorta) return 0x7fffffff;
        chn.fadeOutVol = 0;
        chn.noteFade = true;
        chn.fastRamp = true;
        return 0;
      }
      p = Math.min(0x7fffffff, Math.floor((1712 * 8363 * p) / div));
    }
  } else {
    p -= amount;
  }
  if (p < 1) {
    p = 1;
    if (b.isS3m && !isTonePorta) {
      chn.fadeOutVol = 0;
      chn.noteFade = true;
      chn.fastRamp = true;
    }
  }
  return p;
}
