// Per-tick modulation of a channel's volume, pan and pitch: tremolo, tremor, panbrello, arpeggio,
// vibrato and sample auto-vibrato, with each tracker's waveform tables and quirks.

import type { ChannelState } from './channel-state.js';
import { CMD } from './commands.js';
import { freqSlide, muldiv, noteFromPeriod, periodFromNote } from './pitch.js';
import { VIB_RAMP_DOWN, VIB_RAMP_UP, VIB_RANDOM, VIB_SQUARE } from './player-sample.js';
import type { ReplayerState } from './state.js';
import { FINE_LINEAR_SLIDE_DOWN, FINE_LINEAR_SLIDE_UP, IT_SINE, LINEAR_SLIDE_DOWN, LINEAR_SLIDE_UP, MOD_RANDOM, MOD_SINE } from './tables.js';

/** Waveform value for vibrato/tremolo/panbrello at a position. */
export function vibratoDelta(r: ReplayerState, type: number, position: number): number {
  if (r.b.itVibratoTremoloPanbrello) {
    const p = position & 0xff;
    switch (type & 0x03) {
      case 1: return 64 - Math.floor((p + 1) / 2);
      case 2: return p < 128 ? 64 : 0;
      case 3: return r.randomByte() >> 1;
      default: return IT_SINE[p] ?? 0;
    }
  }
  const p = position & 0x3f;
  switch (type & 0x03) {
    case 1: return (p < 32 ? 0 : 255) - p * 4;
    case 2: return p < 32 ? 127 : -127;
    case 3: return MOD_RANDOM[p] ?? 0;
    default: return MOD_SINE[p] ?? 0;
  }
}

/** Random volume/pan variation (IT) applied to this tick's values. */
export function volumeSwing(r: ReplayerState, chn: ChannelState, v: { vol: number; insVol: number }): void {
  if (r.b.itSwingBehaviour) {
    v.insVol = Math.max(0, Math.min(64, v.insVol + chn.volSwing));
  } else {
    chn.volume = Math.max(0, Math.min(256, chn.volume + chn.volSwing));
    v.vol = chn.volume;
    chn.volSwing = 0;
  }
}

export function panningSwing(r: ReplayerState, chn: ChannelState): void {
  if (r.b.itSwingBehaviour) chn.realPan = Math.max(0, Math.min(256, chn.pan + chn.panSwing));
  else {
    chn.pan = Math.max(0, Math.min(256, chn.pan + chn.panSwing));
    chn.panSwing = 0;
    chn.realPan = chn.pan;
  }
}

export function tremoloTick(r: ReplayerState, chn: ChannelState, vol: number): number {
  if (!chn.tremoloOn) return vol;
  const b = r.b;
  // ProTracker does not apply or advance tremolo on the first tick. Test: VibratoReset.mod
  if (b.ptMode && r.firstTick) return vol;
  let v = vol;
  if (v > 0 || b.itVibratoTremoloPanbrello) {
    const attenuation = b.ptLineage || b.itVibratoTremoloPanbrello ? 5 : 6;
    let delta = vibratoDelta(r, chn.tremoloType, chn.tremoloPos);
    if ((chn.tremoloType & 0x03) === 1 && b.ft2TremoloRampWaveform) {
      // FT2/ProTracker: the ramp follows the vibrato position. Test: TremoloWaveforms.xm
      let ramp = (chn.tremoloPos * 4) & 0x7f;
      let vibPos = chn.vibratoPos;
      if (!r.firstTick && chn.vibratoOn) vibPos += chn.vibratoSpeed;
      if ((vibPos & 0x3f) >= 32) ramp ^= 0x7f;
      delta = (chn.tremoloPos & 0x3f) >= 32 ? -ramp : ramp;
    }
    v += Math.trunc((delta * chn.tremoloDepth) / 2 ** attenuation);
  }
  if (!r.firstTick || (b.isIt && !b.oldEffects)) {
    chn.tremoloPos = (chn.tremoloPos + (b.itVibratoTremoloPanbrello ? 4 * chn.tremoloSpeed : chn.tremoloSpeed)) & 0xff;
  }
  return v;
}

export function tremorTick(r: ReplayerState, chn: ChannelState, vol: number): number {
  const b = r.b;
  if (b.ft2Tremor) {
    if (chn.tremorCount & 0x80) {
      if (!r.firstTick && chn.command === CMD.TREMOR) {
        chn.tremorCount &= ~0x20;
        if (chn.tremorCount === 0x80) chn.tremorCount = (chn.tremorParam >> 4) | 0xc0;
        else if (chn.tremorCount === 0xc0) chn.tremorCount = (chn.tremorParam & 0x0f) | 0x80;
        else chn.tremorCount--;
        chn.fastRamp = true;
      }
      if ((chn.tremorCount & 0xe0) === 0x80) return 0;
    }
    return vol;
  }
  if (chn.command !== CMD.TREMOR) return vol;
  let v = vol;
  if (b.itTremor) {
    if (chn.tremorCount & 0x80 && chn.length) {
      if (chn.tremorCount === 0x80) chn.tremorCount = (chn.tremorParam >> 4) | 0xc0;
      else if (chn.tremorCount === 0xc0) chn.tremorCount = (chn.tremorParam & 0x0f) | 0x80;
      else chn.tremorCount--;
    }
    if ((chn.tremorCount & 0xc0) === 0x80) v = 0;
  } else {
    let ontime = chn.tremorParam >> 4;
    let n = ontime + (chn.tremorParam & 0x0f);
    if (!b.isIt || b.oldEffects) {
      n += 2;
      ontime++;
    }
    let count = chn.tremorCount;
    if (!b.isXm) {
      if (count >= n) count = 0;
      if (count >= ontime) v = 0;
      chn.tremorCount = count + 1;
    } else {
      if (r.firstTick) {
        if (count > 0) count--;
      } else chn.tremorCount = count + 1;
      if (count % n >= ontime) v = 0;
    }
  }
  chn.fastRamp = true;
  return v;
}

export function panbrelloTick(r: ReplayerState, chn: ChannelState): void {
  const b = r.b;
  let pdelta = chn.panbrelloOffset;
  if (chn.rowCmd === CMD.PANBRELLO) {
    const panpos = b.itVibratoTremoloPanbrello ? chn.panbrelloPos : (chn.panbrelloPos + 0x10) >> 2;
    pdelta = vibratoDelta(r, chn.panbrelloType, panpos);
    if (b.itSampleAndHoldPanbrello && chn.panbrelloType === 3) {
      if (chn.panbrelloPos === 0 || chn.panbrelloPos >= chn.panbrelloSpeed) {
        chn.panbrelloPos = 0;
        chn.panbrelloRandom = pdelta;
      }
      chn.panbrelloPos++;
      pdelta = chn.panbrelloRandom;
    } else chn.panbrelloPos = (chn.panbrelloPos + chn.panbrelloSpeed) & 0xff;
    // IT: panbrello holds until the next note or pan command. Test: PanbrelloHold.it
    if (b.itPanbrelloHold) chn.panbrelloOffset = pdelta;
  }
  if (pdelta) {
    const d = Math.trunc((pdelta * chn.panbrelloDepth + 2) / 8);
    chn.realPan = Math.max(0, Math.min(256, chn.realPan + d));
  }
}

/** Arpeggio on this tick; returns the period to play (the channel's own period is not changed). */
export function arpeggioTick(r: ReplayerState, chn: ChannelState, periodIn: number): number {
  const b = r.b;
  let period = periodIn;
  if (chn.command !== CMD.ARPEGGIO) return period;
  if (b.itArpeggio) {
    const tick = r.tick % (r.speed + r.frameDelay);
    if (chn.arpeggio !== 0) {
      let ratio = 65536;
      if (tick % 3 === 1) ratio = LINEAR_SLIDE_UP[(chn.arpeggio >> 4) * 16] ?? 65536;
      else if (tick % 3 === 2) ratio = LINEAR_SLIDE_UP[(chn.arpeggio & 0x0f) * 16] ?? 65536;
      period = b.periodsAreHertz ? Math.round((period * ratio) / 65536) : Math.round((period * 65536) / ratio);
    }
    return period;
  }
  if (b.ft2Arpeggio) {
    if (!r.firstTick) {
      // FT2's arpeggio table overflows past 16 ticks per row. Test: Arpeggio.xm
      let arpPos = r.speed - (r.tick % r.speed);
      if (arpPos > 16) arpPos = 2;
      else if (arpPos === 16) arpPos = 0;
      else arpPos %= 3;
      let note = arpPos === 1 ? chn.arpeggio >> 4 : arpPos === 2 ? chn.arpeggio & 0x0f : 0;
      if (arpPos !== 0) {
        note += noteFromPeriod(b, period, chn.fineTune, chn.c5Speed);
        period = periodFromNote(b, note, chn.fineTune, chn.c5Speed);
        // FT2 limits arpeggio notes. Test: ArpeggioClamp.xm
        if (note >= 108 + 1) period = Math.max(period, periodFromNote(b, 109, 0, chn.c5Speed));
      }
    }
    return period;
  }
  let note = b.isMod ? noteFromPeriod(b, period, chn.fineTune, chn.c5Speed) : chn.note;
  const t = r.tick % 3;
  if (t === 1) note += chn.arpeggio >> 4;
  else if (t === 2) note += chn.arpeggio & 0x0f;
  if (note !== chn.note || b.st3PortaAfterArpeggio) {
    if (b.ptMode) {
      // ProTracker arpeggio wraps around. Test: ArpWraparound.mod
      if (note === 61 + 24) return 65536;
      if (note > 61 + 24) note -= 37;
    }
    period = periodFromNote(b, note, chn.fineTune, chn.c5Speed);
    if (b.st3PortaAfterArpeggio) chn.arpeggioLastNote = note;
  }
  return period;
}

/** Vibrato on this tick; returns the modulated period. */
export function vibratoTick(r: ReplayerState, chn: ChannelState, periodIn: number): number {
  const b = r.b;
  if (!chn.vibratoOn) return periodIn;
  const advance = !r.firstTick || (b.isIt && !b.oldEffects);
  if (advance && b.itVibratoTremoloPanbrello) chn.vibratoPos = (chn.vibratoPos + 4 * chn.vibratoSpeed) & 0xff;
  let vdelta = vibratoDelta(r, chn.vibratoType, chn.vibratoPos);
  let period = periodIn;
  // ProTracker does not apply vibrato on the first tick. Test: VibratoReset.mod
  if (b.ptMode && r.firstTick) return period;
  if (b.ptLineage && (chn.vibratoType & 0x03) === 1) vdelta = -vdelta;
  let vdepth: number;
  if (b.itVibratoTremoloPanbrello) {
    if (b.oldEffects) vdepth = 5;
    else {
      vdepth = 6;
      vdelta = -vdelta;
    }
  } else {
    vdepth = b.isIt && !b.oldEffects ? 7 : 6;
    if (b.st3VibratoMemory && chn.rowCmd === CMD.FINEVIBRATO) vdepth += 2;
  }
  vdelta = Math.trunc((-vdelta * chn.vibratoDepth) / 2 ** vdepth);
  period = freqSlide(b, chn, period, vdelta);
  if (advance && !b.itVibratoTremoloPanbrello) chn.vibratoPos = (chn.vibratoPos + chn.vibratoSpeed) & 0xff;
  return period;
}

/** Sample auto-vibrato; returns [period, 1/256 period fraction]. */
/** The fractional period part of the last autoVibratoTick call (kept here so the tick allocates nothing). */
export const autoVibratoResult = { frac: 0 };

/** Auto-vibrato for this tick: returns the period; the fractional part is in autoVibratoResult.frac. */
export function autoVibratoTick(r: ReplayerState, chn: ChannelState, periodIn: number): number {
  const smp = chn.sample;
  autoVibratoResult.frac = 0;
  if (!smp || !smp.vibDepth) return periodIn;
  const b = r.b;
  let period = periodIn;
  let frac = 0;
  const upTable = b.periodsAreHertz ? LINEAR_SLIDE_UP : LINEAR_SLIDE_DOWN;
  const downTable = b.periodsAreHertz ? LINEAR_SLIDE_DOWN : LINEAR_SLIDE_UP;
  if (b.itVibratoTremoloPanbrello) {
    if (!smp.vibRate) return period;
    const fineUp = b.periodsAreHertz ? FINE_LINEAR_SLIDE_UP : FINE_LINEAR_SLIDE_DOWN;
    const fineDown = b.periodsAreHertz ? FINE_LINEAR_SLIDE_DOWN : FINE_LINEAR_SLIDE_UP;
    const vibpos = chn.autoVibPos & 0xff;
    let adepth = chn.autoVibDepth + smp.vibSweep;
    adepth = Math.min(adepth, smp.vibDepth * 256);
    chn.autoVibDepth = adepth;
    adepth = Math.floor(adepth / 256);
    chn.autoVibPos = (chn.autoVibPos + smp.vibRate) & 0xff;
    let vdelta: number;
    switch (smp.vibType) {
      case VIB_RANDOM: vdelta = (r.randomByte() >> 1); break;
      case VIB_RAMP_DOWN: vdelta = 64 - Math.floor((vibpos + 1) / 2); break;
      case VIB_RAMP_UP: vdelta = Math.floor((vibpos + 1) / 2) - 64; break;
      case VIB_SQUARE: vdelta = vibpos < 128 ? 64 : 0; break;
      default: vdelta = IT_SINE[vibpos] ?? 0;
    }
    vdelta = Math.trunc((vdelta * adepth) / 64);
    const l = Math.abs(vdelta);
    period = Math.min(period, Math.floor(0x7fffffff / 256)) * 256;
    let d: number;
    if (vdelta < 0) {
      d = muldiv(period, downTable[l >> 2] ?? 65536, 0x10000) - period;
      if (l & 3) d += muldiv(period, (fineDown[l & 3] ?? 65536), 0x10000) - period;
    } else {
      d = muldiv(period, upTable[l >> 2] ?? 65536, 0x10000) - period;
      if (l & 3) d += muldiv(period, (fineUp[l & 3] ?? 65536), 0x10000) - period;
    }
    const total = period + d;
    autoVibratoResult.frac = d & 0xff;
    return Math.floor(total / 256);
  }
  let depth = chn.autoVibDepth;
  const full = smp.vibDepth * 256;
  if (smp.vibSweep === 0 && !b.isIt) depth = full;
  else if (b.isIt) {
    depth = Math.min(depth + smp.vibSweep * 2, full);
    chn.autoVibDepth = depth;
  } else {
    if (!chn.keyOff && depth <= full) {
      depth += Math.floor(full / smp.vibSweep);
      chn.autoVibDepth = depth;
    }
    // FT2: key-off before the sweep completes resets the depth. Test: AutoVibratoSweepKeyOff.xm
    if (depth > full) depth = full;
    else if (chn.keyOff && b.ft2AutoVibratoAbortSweep) depth = Math.floor(full / smp.vibSweep);
  }
  chn.autoVibPos = (chn.autoVibPos + smp.vibRate) & 0xff;
  let vdelta: number;
  switch (smp.vibType) {
    case VIB_RANDOM:
      vdelta = MOD_RANDOM[chn.autoVibPos & 0x3f] ?? 0;
      chn.autoVibPos = (chn.autoVibPos + 1) & 0xff;
      break;
    case VIB_RAMP_DOWN: vdelta = ((0x40 - (chn.autoVibPos >> 1)) & 0x7f) - 0x40; break;
    case VIB_RAMP_UP: vdelta = ((0x40 + (chn.autoVibPos >> 1)) & 0x7f) - 0x40; break;
    case VIB_SQUARE: vdelta = chn.autoVibPos & 128 ? 64 : -64; break;
    default: vdelta = -(IT_SINE[chn.autoVibPos & 0xff] ?? 0);
  }
  let n = Math.trunc((vdelta * depth) / 256);
  if (!b.isXm) {
    let df1: number;
    let df2: number;
    if (n < 0) {
      n = -n;
      const n1 = n >> 8;
      df1 = downTable[n1] ?? 65536;
      df2 = downTable[n1 + 1] ?? 65536;
    } else {
      const n1 = n >> 8;
      df1 = upTable[n1] ?? 65536;
      df2 = upTable[n1 + 1] ?? 65536;
    }
    n >>= 2;
    const p = muldiv(period, df1 + Math.trunc(((df2 - df1) * (n & 0x3f)) / 64), 256);
    frac = p & 0xff;
    period = Math.floor(p / 256);
  } else {
    period += Math.trunc(n / 64);
  }
  autoVibratoResult.frac = frac;
  return period;
}
