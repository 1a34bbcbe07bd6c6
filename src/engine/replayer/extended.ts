// One-shot and sequencing effects: retrigger, sample offset, the ProTracker Exy and Scream Tracker /
// Impulse Tracker Sxy families, pattern loops, speed and tempo.

import { isPlayableNote } from '../../song/notes.js';
import type { ChannelState } from './channel-state.js';
import { CMD, VOLCMD } from './commands.js';
import { checkNna } from './nna.js';
import { instrumentChange, keyOff, noteChange, noteCut } from './notes.js';
import { modToXmFinetune, periodFromNote } from './pitch.js';
import {
  extraFinePortamentoDown, extraFinePortamentoUp, fineVolumeDown, fineVolumeUp, finePortamentoDown, finePortamentoUp, panning,
} from './slides.js';
import { MOD_EFX_SPEED, RETRIG_ADD, RETRIG_MULTIPLY, S3M_FINETUNE_C5 } from './tables.js';
import type { ReplayerState } from './state.js';

/** Qxy / Rxy / E9x retrigger. Bit 8 of `param` marks FT2's Rxy (as opposed to E9x). */
export function retrigNote(r: ReplayerState, ci: number, param: number): void {
  const b = r.b;
  const chn = r.channels[ci] as ChannelState;
  let retrigSpeed = param & 0x0f;
  let retrigCount = chn.retrigCount;
  let doRetrig = false;
  if (b.itRetrigger) {
    if (r.tick === 0 && chn.rowNote) chn.retrigCount = param & 0x0f;
    else if (!chn.retrigCount || !--chn.retrigCount) {
      chn.retrigCount = param & 0x0f;
      doRetrig = true;
    }
  } else if (b.ft2Retrigger && param & 0x100) {
    // FT2's Rxy. Tests: retrig.xm, RetrigTick0.xm
    if (r.firstTick) {
      if (chn.rowInstr > 0 && (chn.rowNote === 0 || isPlayableNote(chn.rowNote))) retrigCount = 1;
      if (chn.rowVolCmd === VOLCMD.VOLUME && chn.rowVol !== 0) {
        chn.retrigCount = retrigCount;
        return;
      }
    }
    if (retrigCount >= retrigSpeed && (!r.firstTick || !isPlayableNote(chn.rowNote))) {
      doRetrig = true;
      retrigCount = 0;
    }
  } else if (b.st3Lineage) {
    if (!retrigSpeed) retrigSpeed = 1;
    if (retrigCount && !(retrigCount % retrigSpeed)) doRetrig = true;
    retrigCount++;
  } else if (b.isMod) {
    // ProTracker retrigger. Test: PTRetrigger.mod
    const tick = r.tick % r.speed;
    if (!tick && isPlayableNote(chn.rowNote)) return;
    if (retrigSpeed && !(tick % retrigSpeed)) doRetrig = true;
  } else {
    let realspeed = retrigSpeed;
    if (param & 0x100 && chn.rowVolCmd === VOLCMD.VOLUME && chn.rowParam & 0xf0) realspeed++;
    if (!r.firstTick || param & 0x100) {
      if (!realspeed) realspeed = 1;
      if (!(param & 0x100) && r.speed && !(r.tick % realspeed)) doRetrig = true;
      retrigCount++;
    } else if (b.isXm) retrigCount = 0;
    if (retrigCount >= realspeed && (r.tick || (param & 0x100 && !chn.rowNote))) doRetrig = true;
    // FT2: E90 retriggers once, on tick 0.
    if (b.ft2Retrigger && param === 0) doRetrig = r.tick === 0;
  }
  // IT: a sample that already ended is not retriggered. Test: retrig-short.it
  if (chn.length === 0 && b.itShortSampleRetrig) return;
  // ST3: no retrigger after a note cut. Test: RetrigAfterNoteCut.s3m
  if (b.st3RetrigAfterNoteCut && !chn.fadeOutVol) return;

  if (doRetrig) {
    const dv = (param >> 4) & 0x0f;
    let vol = chn.volume;
    if (dv) {
      if (!b.ft2Retrigger || chn.rowVolCmd !== VOLCMD.VOLUME) {
        const mul = RETRIG_MULTIPLY[dv] ?? 0;
        vol = mul ? Math.trunc((vol * mul) / 16) : vol + (RETRIG_ADD[dv] ?? 0) * 4;
      }
      vol = Math.max(0, Math.min(256, vol));
      chn.fastRamp = true;
    }
    const note = chn.newNote;
    const oldPeriod = chn.period;
    if (isPlayableNote(note) && chn.length && !b.isS3m) checkNna(r, ci, 0, note, true);
    let resetEnv = false;
    if (b.isXm) {
      if (chn.rowInstr && param < 0x100) {
        instrumentChange(r, ci, chn.rowInstr, false, false);
        resetEnv = true;
      }
      if (param < 0x100) resetEnv = true;
    }
    // ProTracker: retrigger with a lone instrument number swaps the sample. Test: InstrSwapRetrigger.mod
    if (b.modSampleSwap && chn.rowInstr) {
      const oldFine = chn.fineTune;
      instrumentChange(r, ci, chn.rowInstr, false, false);
      chn.fineTune = oldFine;
    }
    const fading = chn.noteFade;
    const oldPrevOffset = chn.prevNoteOffset;
    if (b.isS3m) chn.prevNoteOffset = 0;
    const itS3mStyle = b.itRetrigger || (b.isS3m && chn.length > 0);
    noteChange(r, ci, note, itS3mStyle, resetEnv);
    if (!chn.rowInstr) chn.prevNoteOffset = oldPrevOffset;
    if (fading && b.isXm) chn.noteFade = true;
    chn.volume = vol;
    if (b.isIt && chn.rowNote === 0 && oldPeriod !== 0) chn.period = oldPeriod;
    if (!b.st3Lineage) retrigCount = 0;
    if (itS3mStyle) {
      chn.setPosition(0);
      if (chn.sample) {
        chn.voice.trigger(chn.sample.mix, 0, true);
        chn.noteId = ++r.noteSerial;
      }
    }
  }
  if (b.ft2Retrigger && param & 0x100) retrigCount++;
  if (!b.itRetrigger) chn.retrigCount = retrigCount;
}

/** Oxx / 9xx: the offset in frames from the row's parameter and high offset (SAx). */
export function processSampleOffset(r: ReplayerState, chn: ChannelState, param: number): void {
  let offset = param << 8;
  // FT2: 9xx without a note does not update the memory. Test: OffsetWithoutNote.xm
  if (offset && (!r.b.ft2OffsetMemoryRequiresNote || isPlayableNote(chn.rowNote))) chn.oldOffset = offset;
  else offset = chn.oldOffset;
  const high = chn.oldHiOffset << 16;
  sampleOffset(r, chn, offset + high);
}

export function sampleOffset(r: ReplayerState, chn: ChannelState, paramIn: number): void {
  const b = r.b;
  let param = Math.min(paramIn, 0x7fffffff);
  if (b.st3OffsetWithoutInstrument) chn.prevNoteOffset = 0;
  chn.prevNoteOffset += param;
  // ST3 (GUS): offsets past the loop end wrap into the loop. Test: OffsetLoopWraparound.s3m
  if (param >= chn.loopEnd && b.isS3m && chn.looping && chn.loopEnd > 0) {
    param = ((param - chn.loopStart) % (chn.loopEnd - chn.loopStart)) + chn.loopStart;
  }
  const note = b.itOffsetWithInstrNumber && chn.rowInstr ? chn.newNote : chn.rowNote;
  if (!isPlayableNote(note)) return;
  if (chn.instrument) {
    const smp = chn.instrument.keyboard[note - 1] ?? 0;
    if (smp === 0 || smp >= r.samples.length) return;
  }
  if (b.ptMode) {
    // ProTracker 1/2 applies the offset twice (stacked). Test: ptoffset.mod
    chn.setPosition(chn.prevNoteOffset);
    chn.prevNoteOffset += param;
  } else chn.setPosition(param);
  const pos = chn.positionInt;
  if (pos >= chn.length || (chn.looping && pos >= chn.loopEnd)) {
    if (b.ft2St3OffsetOutOfRange) {
      chn.fastRamp = true;
      chn.period = 0;
    } else if (!b.ptLineage) {
      if (b.itOffset) chn.setPosition(b.oldEffects ? chn.length : 0);
      else {
        chn.setPosition(chn.loopStart);
        if (b.oldEffects && chn.length > 4) chn.setPosition(chn.length - 2);
      }
    } else if (b.isMod && chn.looping) chn.setPosition(chn.loopStart);
  }
}

/** E6x / SBx pattern loop. */
export function patternLoop(r: ReplayerState, ci: number, param: number): void {
  const b = r.b;
  if (b.st3NoMutedChannels && r.userMuted[ci]) return;
  const chn = r.channels[b.isS3m ? 0 : ci] as ChannelState;
  if (!param) {
    chn.patternLoopRow = r.row;
    return;
  }
  if (chn.patternLoopCount) {
    chn.patternLoopCount--;
    if (!chn.patternLoopCount) {
      if (b.itPatternLoopTargetReset || b.isS3m) chn.patternLoopRow = r.row + 1;
      return;
    }
  } else {
    if (!b.itFt2PatternLoop && !(b.isMod || b.isS3m)) {
      for (let i = 0; i < r.numChannels; i++) {
        const other = r.channels[i] as ChannelState;
        if (other !== chn && other.patternLoopCount) return;
      }
    }
    chn.patternLoopCount = param;
  }
  r.nextPatStartRow = chn.patternLoopRow;
  if (r.breakRow >= 0 && b.ft2PatternLoopWithJumps) r.breakRow = chn.patternLoopRow;
  r.patLoopRow = chn.patternLoopRow;
  if (b.itPatternLoopWithJumps) r.posJump = -1;
}

export function setSpeed(r: ReplayerState, param: number): void {
  if (param > 0) r.speed = param;
}

/** Txx: tempo, or (below 20h, S3M/IT) a tempo slide on non-first ticks. */
export function setTempo(r: ReplayerState, param: number): void {
  const b = r.b;
  const minTempo = b.isIt || b.isS3m ? 0x20 : 0x20;
  const maxTempo = b.tempoClamp ? 255 : 512;
  if (param >= minTempo && r.firstTick === !b.modTempoOnSecondTick) {
    r.tempo = Math.min(param, maxTempo);
  } else if (param < minTempo && !r.firstTick) {
    const diff = param & 0x0f;
    if ((param & 0xf0) === 0x10) r.tempo += diff;
    else r.tempo -= diff;
    r.tempo = Math.max(32, Math.min(maxTempo, r.tempo));
  }
}

/** ProTracker EFx invert loop: flips a byte of the loop every few ticks (changes the sound, not the song). */
export function invertLoop(r: ReplayerState, chn: ChannelState): void {
  if (!r.b.isMod || chn.efxSpeed === 0) return;
  const smp = chn.sample;
  if (!smp || smp.length === 0 || !(smp.hasLoop || smp.hasSustain)) return;
  chn.efxDelay += MOD_EFX_SPEED[chn.efxSpeed & 0x0f] ?? 0;
  if (chn.efxDelay < 128) return;
  chn.efxDelay = 0;
  const start = smp.hasLoop ? smp.loopStart : smp.sustainStart;
  const end = smp.hasLoop ? smp.loopEnd : smp.sustainEnd;
  if (++chn.efxOffset >= end - start) chn.efxOffset = 0;
  const data = smp.mix.left;
  const i = start + chn.efxOffset;
  // Invert the 8-bit value in place: x -> ~x, i.e. -(x + 1/128) in float terms.
  if (i < data.length) data[i] = -(data[i] ?? 0) - 1 / 128;
}

/** MOD/XM Exy. */
export function extendedMod(r: ReplayerState, ci: number, paramIn: number): void {
  const b = r.b;
  const chn = r.channels[ci] as ChannelState;
  const command = paramIn & 0xf0;
  const param = paramIn & 0x0f;
  switch (command) {
    case 0x00: break; // Amiga LED filter: not emulated.
    case 0x10: if (param || b.isXm) finePortamentoUp(r, chn, param); break;
    case 0x20: if (param || b.isXm) finePortamentoDown(r, chn, param); break;
    case 0x30: chn.glissando = param !== 0; break;
    case 0x40: chn.vibratoType = param & 0x07; break;
    case 0x50:
      if (!r.firstTick) break;
      if (b.isMod) {
        chn.fineTune = modToXmFinetune(param);
        if (chn.period && isPlayableNote(chn.rowNote)) chn.period = periodFromNote(b, chn.note, chn.fineTune, chn.c5Speed);
      } else if (isPlayableNote(chn.rowNote)) {
        chn.fineTune = modToXmFinetune(param - 8);
        if (chn.period) chn.period = periodFromNote(b, chn.note, chn.fineTune, chn.c5Speed);
      }
      break;
    case 0x60: if (r.firstTick) patternLoop(r, ci, param); break;
    case 0x70: chn.tremoloType = param & 0x07; break;
    case 0x80: if (r.firstTick) panning(r, chn, param, 4); break;
    case 0x90: retrigNote(r, ci, param); break;
    case 0xa0: if (param || b.isXm) fineVolumeUp(r, chn, param, false); break;
    case 0xb0: if (param || b.isXm) fineVolumeDown(r, chn, param, false); break;
    case 0xc0: noteCut(r, ci, param, false); break;
    case 0xf0:
      if (b.isMod) {
        chn.efxSpeed = param;
        if (r.firstTick) invertLoop(r, chn);
      } else chn.activeMacro = param;
      break;
    default: break;
  }
}

/** S3M/IT Sxy. */
export function extendedS3m(r: ReplayerState, ci: number, paramIn: number): void {
  const b = r.b;
  const chn = r.channels[ci] as ChannelState;
  const command = paramIn & 0xf0;
  let param = paramIn & 0x0f;
  switch (command) {
    case 0x10: chn.glissando = param !== 0; break;
    case 0x20:
      if (!r.firstTick) break;
      chn.c5Speed = S3M_FINETUNE_C5[param] ?? 8363;
      chn.fineTune = modToXmFinetune(param);
      if (chn.period) chn.period = periodFromNote(b, chn.note, chn.fineTune, chn.c5Speed);
      break;
    case 0x30:
      if (b.isS3m) chn.vibratoType = param & 0x03;
      else chn.vibratoType = b.itVibratoTremoloPanbrello ? (param < 4 ? param : 0) : param & 0x07;
      break;
    case 0x40:
      if (b.isS3m) chn.tremoloType = param & 0x03;
      else chn.tremoloType = b.itVibratoTremoloPanbrello ? (param < 4 ? param : 0) : param & 0x07;
      break;
    case 0x50:
      if (b.itVibratoTremoloPanbrello) {
        chn.panbrelloType = param < 4 ? param : 0;
        chn.panbrelloPos = 0;
      } else chn.panbrelloType = param & 0x07;
      break;
    case 0x60: if (r.firstTick && r.tick === 0) r.frameDelay += param; break;
    case 0x70:
      if (!r.firstTick) break;
      if (param <= 2) {
        for (let i = r.numChannels; i < r.backgroundEnd; i++) {
          const bk = r.channels[i] as ChannelState;
          if (bk.masterChannel !== ci + 1) continue;
          if (param === 1) keyOff(r, bk);
          else if (param === 2) bk.noteFade = true;
          else {
            bk.noteFade = true;
            bk.fadeOutVol = 0;
          }
        }
      } else instrumentControl(chn, param);
      break;
    case 0x80: if (r.firstTick) panning(r, chn, param, 4); break;
    case 0x90: if (r.firstTick) soundControl(chn, param); break;
    case 0xa0:
      if (r.firstTick) {
        chn.oldHiOffset = param;
        if (!b.itHighOffsetNoRetrig && isPlayableNote(chn.rowNote)) {
          const pos = param << 16;
          if (pos < chn.length) chn.setPosition(pos);
        }
      }
      break;
    case 0xb0: if (r.firstTick) patternLoop(r, ci, param); break;
    case 0xc0:
      if (param === 0) {
        if (b.isIt) param = 1;
        else if (b.isS3m) return;
      }
      noteCut(r, ci, param, b.itScxStopsSample || b.isS3m);
      break;
    case 0xf0: if (!b.isS3m) chn.activeMacro = param; break;
    default: break;
  }
}

/** S7x (x >= 3): NNA and envelope switches. */
function instrumentControl(chn: ChannelState, param: number): void {
  switch (param) {
    case 0x3: chn.nna = 'cut'; break;
    case 0x4: chn.nna = 'continue'; break;
    case 0x5: chn.nna = 'off'; break;
    case 0x6: chn.nna = 'fade'; break;
    case 0x7: chn.volEnvOn = false; break;
    case 0x8: chn.volEnvOn = true; break;
    case 0x9: chn.panEnvOn = false; break;
    case 0xa: chn.panEnvOn = true; break;
    case 0xb: chn.pitchEnvOn = false; break;
    case 0xc: chn.pitchEnvOn = true; break;
    default: break;
  }
}

/** S9x: surround and play direction. */
function soundControl(chn: ChannelState, param: number): void {
  switch (param & 0x0f) {
    case 0x0: chn.surround = false; break;
    case 0x1: chn.surround = true; chn.pan = 128; break;
    case 0xe: chn.voice.direction = 1; break;
    case 0xf:
      if (chn.voice.position === 0 && chn.length && (isPlayableNote(chn.rowNote) || !chn.looping)) chn.setPosition(chn.length - 1e-6);
      chn.voice.direction = -1;
      break;
    default: break;
  }
}

/** XM Xxy: extra fine portamento, and OpenMPT's X5x..XAx extensions (off for FT2 files). */
export function extraFine(r: ReplayerState, ci: number, param: number): void {
  const chn = r.channels[ci] as ChannelState;
  switch (param & 0xf0) {
    case 0x10: extraFinePortamentoUp(r, chn, param & 0x0f); break;
    case 0x20: extraFinePortamentoDown(r, chn, param & 0x0f); break;
    case 0x50: case 0x60: case 0x70: case 0x90: case 0xa0:
      if (!r.b.ft2RestrictXCommand) extendedS3m(r, ci, param);
      break;
    default: break;
  }
}

