// Continuous effects on one channel: volume, pan, channel and global volume slides, portamentos and
// tone portamento, vibrato/tremolo/panbrello parameter setup, panning commands.

import type { ChannelState } from './channel-state.js';
import { CMD } from './commands.js';
import { freqSlide } from './pitch.js';
import { IT_VOLCOL_PORTA } from './tables.js';
import type { ReplayerState } from './state.js';

export function fineVolumeUp(r: ReplayerState, chn: ChannelState, param: number, volCol: boolean): void {
  let p = param;
  if (r.b.isXm) {
    // FT2: EAx / EBx memory is not linked. Test: FineVol-LinkMem.xm
    if (p) chn.oldFineVolUpDown = (p << 4) | (chn.oldFineVolUpDown & 0x0f);
    else p = chn.oldFineVolUpDown >> 4;
  } else if (volCol) {
    if (p) chn.oldVolParam = p;
    else p = chn.oldVolParam;
  } else if (p) chn.oldFineVolUpDown = p;
  else p = chn.oldFineVolUpDown;
  if (chn.isFirstTick) {
    chn.volume = Math.min(256, chn.volume + p * 4);
    if (r.b.isMod) chn.fastRamp = true;
  }
}

export function fineVolumeDown(r: ReplayerState, chn: ChannelState, param: number, volCol: boolean): void {
  let p = param;
  if (r.b.isXm) {
    if (p) chn.oldFineVolUpDown = p | (chn.oldFineVolUpDown & 0xf0);
    else p = chn.oldFineVolUpDown & 0x0f;
  } else if (volCol) {
    if (p) chn.oldVolParam = p;
    else p = chn.oldVolParam;
  } else if (p) chn.oldFineVolUpDown = p;
  else p = chn.oldFineVolUpDown;
  if (chn.isFirstTick) {
    chn.volume = Math.max(0, chn.volume - p * 4);
    if (r.b.isMod) chn.fastRamp = true;
  }
}

/** Dxy / Axy volume slide (S3M/IT: xF and Fy are fine slides). */
export function volumeSlide(r: ReplayerState, chn: ChannelState, param: number, volCol = false): void {
  const b = r.b;
  let p = param;
  if (!volCol) {
    if (p) chn.oldVolumeSlide = p;
    else p = chn.oldVolumeSlide;
  }
  if (b.ptLineage) p = (p & 0xf0) !== 0 ? p & 0xf0 : p & 0x0f;
  let v = chn.volume;
  if (!b.ptLineage) {
    if ((p & 0x0f) === 0x0f) {
      if (p & 0xf0) {
        fineVolumeUp(r, chn, p >> 4, false);
        return;
      }
      if (chn.isFirstTick && !b.fastVolumeSlides) v -= 0x0f * 4;
    } else if ((p & 0xf0) === 0xf0) {
      if (p & 0x0f) {
        fineVolumeDown(r, chn, p & 0x0f, false);
        return;
      }
      if (chn.isFirstTick && !b.fastVolumeSlides) v += 0x0f * 4;
    }
  }
  if (!chn.isFirstTick || b.fastVolumeSlides) {
    if (p & 0x0f) {
      // IT ignores slides with both nibbles set.
      if (!b.isIt || (p & 0xf0) === 0) v -= (p & 0x0f) * 4;
    } else v += (p & 0xf0) >> 2;
    if (b.isMod) chn.fastRamp = true;
  }
  chn.volume = Math.max(0, Math.min(256, v));
}

export function panningSlide(r: ReplayerState, chn: ChannelState, param: number, memory = true): void {
  const b = r.b;
  let p = param;
  if (memory) {
    // FT2: volume-column pan slides have no memory. Test: PanSlideMem.xm
    if (p) chn.oldPanSlide = p;
    else p = chn.oldPanSlide;
  }
  if (b.isXm) p = (p & 0xf0) !== 0 ? p & 0xf0 : p & 0x0f;
  let slide = 0;
  if (!b.isXm) {
    if ((p & 0x0f) === 0x0f && p & 0xf0) {
      if (r.firstTick) slide = -((p & 0xf0) >> 2);
    } else if ((p & 0xf0) === 0xf0 && p & 0x0f) {
      if (r.firstTick) slide = (p & 0x0f) * 4;
    } else if (!r.firstTick) {
      if (p & 0x0f) {
        if (!b.isIt || (p & 0xf0) === 0) slide = (p & 0x0f) * 4;
      } else slide = -((p & 0xf0) >> 2);
    }
  } else if (!r.firstTick) {
    slide = p & 0xf0 ? (p & 0xf0) >> 2 : -((p & 0x0f) * 4);
    // FT2's pan slide is as fine as IT's fine pan slide. Test: PanSlide.xm
    if (b.ft2PanSlide) slide = Math.trunc(slide / 4);
  }
  if (slide) {
    chn.pan = Math.max(0, Math.min(256, chn.pan + slide));
    chn.restorePanOnNewNote = 0;
  }
}

export function channelVolSlide(r: ReplayerState, chn: ChannelState, param: number): void {
  let p = param;
  if (p) chn.oldChnVolSlide = p;
  else p = chn.oldChnVolSlide;
  let slide = 0;
  if ((p & 0x0f) === 0x0f && p & 0xf0) {
    if (r.firstTick) slide = p >> 4;
  } else if ((p & 0xf0) === 0xf0 && p & 0x0f) {
    if (r.firstTick) slide = -(p & 0x0f);
  } else if (!r.firstTick) {
    if (p & 0x0f) {
      if (!r.b.isIt || (p & 0xf0) === 0) slide = -(p & 0x0f);
    } else slide = (p & 0xf0) >> 4;
  }
  if (slide) chn.globalVol = Math.max(0, Math.min(64, chn.globalVol + slide));
}

export function globalVolSlide(r: ReplayerState, memChn: ChannelState, param: number): void {
  const b = r.b;
  let p = param;
  if (p) memChn.oldGlobalVolSlide = p;
  else p = memChn.oldGlobalVolSlide;
  if (b.isXm) p = (p & 0xf0) !== 0 ? p & 0xf0 : p & 0x0f;
  let slide = 0;
  if ((p & 0x0f) === 0x0f && p & 0xf0) {
    if (r.firstTick) slide = (p >> 4) * 2;
  } else if ((p & 0xf0) === 0xf0 && p & 0x0f) {
    if (r.firstTick) slide = -(p & 0x0f) * 2;
  } else if (!r.firstTick) {
    if (p & 0xf0) {
      if (!b.isIt || (p & 0x0f) === 0) slide = ((p & 0xf0) >> 4) * 2;
    } else slide = -(p & 0x0f) * 2;
  }
  if (slide) {
    if (!b.isIt) slide *= 2;
    r.globalVolume = Math.max(0, Math.min(256, r.globalVolume + slide));
  }
}

function finePortamentoUp(r: ReplayerState, chn: ChannelState, param: number): void {
  let p = param;
  if (r.b.isXm) {
    // FT2: E1x / E2x / X1x / X2x memories are separate. Test: Porta-LinkMem.xm
    if (p) chn.oldFinePortaUpDown = (chn.oldFinePortaUpDown & 0x0f) | (p << 4);
    else p = chn.oldFinePortaUpDown >> 4;
  }
  if (chn.isFirstTick && chn.period && p) chn.period = freqSlide(r.b, chn, chn.period, p * 4);
}

function finePortamentoDown(r: ReplayerState, chn: ChannelState, param: number): void {
  let p = param;
  if (r.b.isXm) {
    if (p) chn.oldFinePortaUpDown = (chn.oldFinePortaUpDown & 0xf0) | (p & 0x0f);
    else p = chn.oldFinePortaUpDown & 0x0f;
  }
  if (chn.isFirstTick && chn.period && p) {
    chn.period = freqSlide(r.b, chn, chn.period, p * -4);
    if (chn.period > 0xffff && !r.b.periodsAreHertz && (!r.b.linearSlides || r.b.isXm)) chn.period = 0xffff;
  }
}

function extraFinePortamentoUp(r: ReplayerState, chn: ChannelState, param: number): void {
  let p = param;
  if (r.b.isXm) {
    if (p) chn.oldExtraFinePortaUpDown = (chn.oldExtraFinePortaUpDown & 0x0f) | (p << 4);
    else p = chn.oldExtraFinePortaUpDown >> 4;
  }
  if (chn.isFirstTick && chn.period && p) chn.period = freqSlide(r.b, chn, chn.period, p);
}

function extraFinePortamentoDown(r: ReplayerState, chn: ChannelState, param: number): void {
  let p = param;
  if (r.b.isXm) {
    if (p) chn.oldExtraFinePortaUpDown = (chn.oldExtraFinePortaUpDown & 0xf0) | (p & 0x0f);
    else p = chn.oldExtraFinePortaUpDown & 0x0f;
  }
  if (chn.isFirstTick && chn.period && p) {
    chn.period = freqSlide(r.b, chn, chn.period, -p);
    if (chn.period > 0xffff && !r.b.periodsAreHertz && (!r.b.linearSlides || r.b.isXm)) chn.period = 0xffff;
  }
}

export { finePortamentoUp, finePortamentoDown, extraFinePortamentoUp, extraFinePortamentoDown };

/** Portamento up (S3M/IT: EF/FF parameters are extra-fine/fine). `asRegular`: volume column slides. */
export function portamentoUp(r: ReplayerState, chn: ChannelState, param: number, asRegular: boolean): void {
  const b = r.b;
  let p = param;
  if (p && !b.itDoublePortamentoSlides) {
    if (!b.ft2PortaUpDownMemory) chn.oldPortaDown = p;
    chn.oldPortaUp = p;
  } else p = chn.oldPortaUp;
  const fine = !asRegular && b.st3Lineage;
  if (fine && p >= 0xe0) {
    if (p & 0x0f) {
      if ((p & 0xf0) === 0xf0) return finePortamentoUp(r, chn, p & 0x0f);
      if ((p & 0xf0) === 0xe0) return extraFinePortamentoUp(r, chn, p & 0x0f);
    }
    return;
  }
  if (!chn.isFirstTick) chn.period = freqSlide(b, chn, chn.period, p * 4);
}

export function portamentoDown(r: ReplayerState, chn: ChannelState, param: number, asRegular: boolean): void {
  const b = r.b;
  let p = param;
  if (p && !b.itDoublePortamentoSlides) {
    if (!b.ft2PortaUpDownMemory) chn.oldPortaUp = p;
    chn.oldPortaDown = p;
  } else p = chn.oldPortaDown;
  const fine = !asRegular && b.st3Lineage;
  if (fine && p >= 0xe0) {
    if (p & 0x0f) {
      if ((p & 0xf0) === 0xf0) return finePortamentoDown(r, chn, p & 0x0f);
      if ((p & 0xf0) === 0xe0) return extraFinePortamentoDown(r, chn, p & 0x0f);
    }
    return;
  }
  if (!chn.isFirstTick) chn.period = freqSlide(b, chn, chn.period, p * -4);
}

/** True when Gxx shares memory with Exx/Fxx (IT without compatible Gxx). */
export function tonePortaSharesMemory(r: ReplayerState): boolean {
  return !r.b.compatibleGxx && r.b.itPortaMemoryShare;
}

export function initTonePortamento(r: ReplayerState, chn: ChannelState, param: number): void {
  let p = param;
  if (tonePortaSharesMemory(r)) {
    if (p === 0) p = chn.oldPortaUp;
    chn.oldPortaUp = chn.oldPortaDown = p & 0xff;
  }
  if (p) chn.portamentoSlide = p;
}

/** Tone portamento towards the target period. */
export function tonePortamento(r: ReplayerState, chn: ChannelState, param: number): void {
  const b = r.b;
  chn.portamento = true;
  if (!b.itDoublePortamentoSlides) initTonePortamento(r, chn, param);
  let delta = chn.portamentoSlide;
  const doPorta = !chn.isFirstTick;
  delta *= 4;
  if (chn.period && chn.portamentoDest && doPorta) {
    const actual = b.periodsAreHertz ? delta : -delta;
    // IT: Lxx without a prior tone portamento always slides down. Test: LxxWith0Portamento-Linear.it
    if (b.itDoublePortamentoSlides && !delta && chn.rowCmd === CMD.TONEPORTAVOL) {
      if (chn.period > 1 && b.linearSlides) chn.period--;
      if (chn.period < chn.portamentoDest) chn.period = chn.portamentoDest;
    } else if (chn.period < chn.portamentoDest || chn.portaTargetReached) {
      chn.period = freqSlide(b, chn, chn.period, actual, true);
      if (chn.period > chn.portamentoDest) chn.period = chn.portamentoDest;
    } else if (chn.period > chn.portamentoDest) {
      chn.period = freqSlide(b, chn, chn.period, -actual, true);
      if (chn.period < chn.portamentoDest) chn.period = chn.portamentoDest;
      // FT2: reaching the target from below flips later slides. Test: PortaResetDirection.xm
      if (chn.period === chn.portamentoDest && b.ft2PortaResetDirection) chn.portaTargetReached = true;
    }
  }
  // IT/ProTracker stop the portamento at the target. Test: PortaTarget.mod
  if (chn.period === chn.portamentoDest && (b.itPortaTargetReached || b.isMod)) chn.portamentoDest = 0;
}

/** Volume-column tone portamento speed: IT's table or FT2's x * 16 (doubled next to 3xx). */
export function volColTonePorta(r: ReplayerState, chn: ChannelState, vol: number, startTick: number): { speed: number; clearEffect: boolean } {
  if (r.b.isIt) return volColPortaResult(IT_VOLCOL_PORTA[vol & 0x0f] ?? 0, false);
  let v = vol;
  let clearEffect = false;
  if (chn.rowCmd === CMD.TONEPORTA && r.b.isXm) {
    // FT2: Mx next to 3xx ignores 3xx and doubles Mx. Test: TonePortamentoMemory.xm
    clearEffect = true;
    v *= 2;
  }
  if (r.b.ft2PortaDelay && startTick !== 0) return volColPortaResult(0, clearEffect);
  return volColPortaResult(v * 16, clearEffect);
}

/** volColTonePorta's result, one object reused by every call (read at once by the caller). */
const VOLCOL_PORTA = { speed: 0, clearEffect: false };

function volColPortaResult(speed: number, clearEffect: boolean): { speed: number; clearEffect: boolean } {
  VOLCOL_PORTA.speed = speed;
  VOLCOL_PORTA.clearEffect = clearEffect;
  return VOLCOL_PORTA;
}

export function vibrato(chn: ChannelState, param: number): void {
  if (param & 0x0f) chn.vibratoDepth = (param & 0x0f) * 4;
  if (param & 0xf0) chn.vibratoSpeed = (param >> 4) & 0x0f;
  chn.vibratoOn = true;
}

export function fineVibrato(r: ReplayerState, chn: ChannelState, param: number): void {
  if (param & 0x0f) chn.vibratoDepth = param & 0x0f;
  if (param & 0xf0) chn.vibratoSpeed = (param >> 4) & 0x0f;
  chn.vibratoOn = true;
  // ST3 keeps one vibrato memory for Hxy and Uxy. Test: VibratoTypeChange.s3m
  if (r.b.st3VibratoMemory && param & 0x0f) chn.vibratoDepth *= 4;
}

export function tremolo(chn: ChannelState, param: number): void {
  if (param & 0x0f) chn.tremoloDepth = (param & 0x0f) << 2;
  if (param & 0xf0) chn.tremoloSpeed = (param >> 4) & 0x0f;
  chn.tremoloOn = true;
}

export function panbrello(chn: ChannelState, param: number): void {
  if (param & 0x0f) chn.panbrelloDepth = param & 0x0f;
  if (param & 0xf0) chn.panbrelloSpeed = (param >> 4) & 0x0f;
}

export type PanBits = 4 | 6 | 8;

export function panning(r: ReplayerState, chn: ChannelState, param: number, bits: PanBits): void {
  if (r.b.modIgnorePanning) return;
  if (bits === 8 || r.b.panOverride) chn.surround = false;
  if (bits === 4) chn.pan = Math.floor((param * 256 + 8) / 15);
  else if (bits === 6) chn.pan = Math.min(64, param) * 4;
  else if (!r.b.isS3m) chn.pan = param;
  else if (param <= 0x80) chn.pan = param << 1;
  else if (param === 0xa4) {
    chn.surround = true;
    chn.pan = 0x80;
  }
  chn.fastRamp = true;
  chn.restorePanOnNewNote = 0;
  if (r.b.panOverride) {
    chn.panSwing = 0;
    chn.panbrelloOffset = 0;
  }
}
