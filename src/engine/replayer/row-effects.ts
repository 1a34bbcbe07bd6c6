// The per-tick pass over the pattern channels (libopenmpt's ProcessEffects): note delays, note and
// instrument triggers with every tracker's quirks, the volume column, then the effect column.

import { isPlayableNote } from '../../song/notes.js';
import type { ChannelState } from './channel-state.js';
import { CMD, VOLCMD } from './commands.js';
import {
  extendedMod, extendedS3m, extraFine, invertLoop, processSampleOffset, retrigNote, setSpeed, setTempo,
} from './extended.js';
import { checkNna } from './nna.js';
import { instrumentChange, keyOff, noteChange, restorePanAndFilter, sampleIndexFor, setInstrumentPan } from './notes.js';
import { handleNextRow } from './sequencer.js';
import {
  channelVolSlide, fineVibrato, fineVolumeDown, fineVolumeUp, globalVolSlide, initTonePortamento, panbrello, panning, panningSlide,
  portamentoDown, portamentoUp, tonePortaSharesMemory, tonePortamento, tremolo, vibrato, volColTonePorta, volumeSlide,
} from './slides.js';
import type { ReplayerState } from './state.js';

/** ST3: most effects share the last non-zero parameter. Test: ParamMemory.s3m */
function updateS3mEffectMemory(chn: ChannelState, param: number): void {
  chn.oldVolumeSlide = param;
  chn.oldPortaUp = param;
  chn.oldPortaDown = param;
  chn.tremorParam = param;
  chn.arpeggio = param;
  chn.retrigParam = param;
  chn.tremoloDepth = (param & 0x0f) << 2;
  chn.tremoloSpeed = (param >> 4) & 0x0f;
  chn.oldCmdEx = param;
}

/** Runs the effects of one tick on every pattern channel, then the navigation effects. */
export function processEffects(r: ReplayerState): void {
  r.breakRow = -1;
  r.patLoopRow = -1;
  r.posJump = -1;
  for (let ci = 0; ci < r.numChannels; ci++) processChannel(r, ci);
  if (r.firstTick && handleNextRow(r)) r.breakToRow = true;
}

function processChannel(r: ReplayerState, ci: number): void {
  const b = r.b;
  const chn = r.channels[ci] as ChannelState;
  const tickCount = r.tick % (r.speed + r.frameDelay);
  let instr = chn.rowInstr;
  let volcmd = chn.rowVolCmd;
  let vol = chn.rowVol;
  let cmd = chn.rowCmd;
  let param = chn.rowParam;
  let porta = chn.rowIsTonePorta;
  let startTick = 0;
  chn.isFirstTick = r.firstTick;

  // IT: a note + instrument mapping to no sample ignores the whole cell. Test: NoMap.it
  if (b.itEmptyNoteMapSlotIgnoreCell && instr > 0 && instr <= r.numInstruments) {
    const ins = r.instruments[instr];
    if (ins && ins.midiChannel === 0) {
      const note = chn.rowNote !== 0 ? chn.rowNote : chn.newNote;
      if (isPlayableNote(note) && (ins.keyboard[note - 1] ?? 0) === 0) {
        chn.newNote = chn.lastNote = note;
        chn.newIns = instr;
        clearRow(chn);
        return;
      }
    }
  }

  if (!r.firstTick) invertLoop(r, chn);
  else if (instr) chn.efxOffset = 0;

  if (cmd === CMD.MODCMDEX || cmd === CMD.S3MCMDEX) {
    if (!param && b.st3Lineage) param = chn.oldCmdEx;
    else chn.oldCmdEx = param;
    if ((param & 0xf0) === 0xd0) {
      startTick = param & 0x0f;
      if (startTick === 0) {
        // IT: SD0 = SD1; ST3 ignores notes with SD0.
        if (b.isIt) startTick = 1;
        else if (b.isS3m) return;
      } else if (startTick >= r.speed + r.frameDelay && b.itOutOfRangeDelay) {
        // IT: out-of-range delays skip the note. Test: tickdelay.it
        if (instr) chn.newIns = instr;
        return;
      }
    } else if (r.firstTick && (param & 0xf0) === 0xe0) {
      // Pattern delay: ST3/IT only take the first one on a row. Test: PatternDelays.it
      if (!b.st3Lineage || !r.patternDelay) {
        if (!b.isS3m || (param & 0x0f) !== 0) r.patternDelay = 1 + (param & 0x0f);
      }
    }
  }

  // FT2: a delayed note-off ignores panning in the volume column. Test: PanOff.xm
  if (startTick !== 0 && chn.rowNote === 255 && chn.rowVolCmd === VOLCMD.PANNING && b.ft2PanWithDelayedNoteOff) {
    volcmd = VOLCMD.NONE;
    chn.rowVolCmd = VOLCMD.NONE;
  }

  let triggerNote = r.tick === startTick;
  if (b.ft2OutOfRangeDelay && startTick >= r.speed) triggerNote = false;
  else if (b.rowDelayWithNoteDelay && startTick > 0 && tickCount === startTick) triggerNote = true;

  // IT: first-tick effects follow the note delay. Test: SlideDelay.it
  if (b.itFirstTickHandling) chn.isFirstTick = tickCount === startTick;
  chn.triggerNote = false;

  // FT2: note + portamento + note delay = no portamento. Test: PortaDelay.xm
  if (b.ft2PortaDelay && startTick !== 0) porta = false;

  if (b.ptMode && instr && !r.tick) {
    // ProTracker: instrument numbers reset the stacked offset and load sample settings at once.
    chn.prevNoteOffset = 0;
    if (!triggerNote && chn.isSamplePlaying()) {
      chn.newIns = instr;
      chn.swapSampleIndex = sampleIndexFor(r, chn.lastNote, instr);
      const s = r.samples[instr];
      if (s) {
        chn.volume = s.volume;
        chn.fineTune = s.fineTune;
      }
    }
  }

  if (triggerNote) {
    const res = triggerRow(r, ci, chn, instr, volcmd, vol, cmd, param, porta, startTick);
    instr = res.instr;
    porta = res.porta;
  }

  if (b.st3NoMutedChannels && r.userMuted[ci]) return;

  // Volume column.
  let doVolumeColumn = r.tick >= startTick;
  // FT2: no volume column on the first tick of a delayed note. Test: VolColDelay.xm
  if (b.ft2VolColDelay && startTick !== 0) {
    doVolumeColumn = r.tick !== 0 && (r.tick !== startTick || (chn.rowInstr === 0 && volcmd !== VOLCMD.TONEPORTAMENTO));
  }
  // IT: effect memory order for portamentos in both columns. Test: DoubleSlide.it
  if (b.itDoublePortamentoSlides && chn.isFirstTick) {
    const fxTonePorta = cmd === CMD.TONEPORTA || cmd === CMD.TONEPORTAVOL;
    if (fxTonePorta) initTonePortamento(r, chn, cmd === CMD.TONEPORTAVOL ? 0 : param);
    if (volcmd === VOLCMD.TONEPORTAMENTO) initTonePortamento(r, chn, volColTonePorta(r, chn, vol, startTick).speed);
    if (vol && (volcmd === VOLCMD.PORTAUP || volcmd === VOLCMD.PORTADOWN)) {
      chn.oldPortaUp = chn.oldPortaDown = (vol << 2) & 0xff;
      if (!fxTonePorta && tonePortaSharesMemory(r)) chn.portamentoSlide = vol << 2;
    }
    if (param && (cmd === CMD.PORTAUP || cmd === CMD.PORTADOWN)) {
      chn.oldPortaUp = chn.oldPortaDown = param;
      if (tonePortaSharesMemory(r)) chn.portamentoSlide = param;
    }
  }

  if (volcmd > VOLCMD.PANNING && doVolumeColumn) {
    if (volcmd === VOLCMD.TONEPORTAMENTO) {
      const tp = volColTonePorta(r, chn, vol, startTick);
      if (tp.clearEffect) cmd = CMD.NONE;
      tonePortamento(r, chn, tp.speed);
    } else {
      if (b.ft2VolColMemory && vol === 0) {
        if (volcmd === VOLCMD.PANSLIDELEFT && !r.firstTick) chn.pan = 0;
        if (volcmd !== VOLCMD.VIBRATODEPTH) volcmd = VOLCMD.NONE;
      } else if (!b.itVolColMemory) {
        if (vol) chn.oldVolParam = vol;
        else vol = chn.oldVolParam;
      }
      volumeColumn(r, ci, chn, volcmd, vol, startTick);
    }
  }

  // Effect column (extra effect columns follow the first).
  runEffect(r, ci, chn, cmd, param, volcmd, vol, triggerNote, porta);
  for (let k = 0; k < chn.extraCmds.length; k += 2) {
    runEffect(r, ci, chn, chn.extraCmds[k] ?? 0, chn.extraCmds[k + 1] ?? 0, volcmd, vol, triggerNote, porta);
  }
  if (chn.rowInstr) chn.oldIns = chn.rowInstr;
}

function clearRow(chn: ChannelState): void {
  chn.rowNote = chn.rowInstr = chn.rowVolCmd = chn.rowVol = chn.rowCmd = chn.rowParam = 0;
  chn.rowIsTonePorta = false;
  if (chn.extraCmds.length > 0) chn.extraCmds = [];
}

/** triggerRow's result, one object reused by every call (the tick loop allocates nothing). */
const TRIGGERED = { instr: 0, porta: false };

function triggerRow(
  r: ReplayerState, ci: number, chn: ChannelState, instrIn: number, volcmd: number, vol: number, cmd: number, param: number, portaIn: boolean, startTick: number,
): { instr: number; porta: boolean } {
  const b = r.b;
  let instr = instrIn;
  let porta = portaIn;
  let note = chn.rowNote;
  if (instr) {
    chn.newIns = instr;
    chn.swapSampleIndex = sampleIndexFor(r, isPlayableNote(note) ? note : chn.lastNote, instr);
  }
  if (isPlayableNote(note) && b.ft2Transpose) {
    // FT2 ignores notes beyond its range after transposing. Test: NoteLimit.xm
    let transpose = chn.transpose;
    if (instr && !porta) {
      const s = sampleIndexFor(r, note, instr);
      if (s > 0) transpose = r.samples[s]?.relativeTone ?? transpose;
    }
    const computed = note + transpose;
    if (computed < 12 || computed > 131) note = 0;
  } else if (b.isIt && r.numInstruments !== 0 && (note === 0 || isPlayableNote(note))) {
    // IT: invalid instrument numbers do nothing. Test: InstrumentNumberChange.it
    const check = instr !== 0 ? instr : chn.oldIns;
    if (check !== 0 && (check > r.numInstruments || !r.instruments[check])) {
      note = 0;
      instr = 0;
    }
  }
  // FT2 ignores a note next to K00.
  if (cmd === CMD.KEYOFF && param === 0 && b.ft2KeyOff) {
    note = 0;
    instr = 0;
  }
  let retrigEnv = note === 0 && instr !== 0;
  let reloadSampleSettings = b.ft2ReloadSampleSettings && instr !== 0;
  let keepInstr = b.isIt || b.st3SampleSwap;
  if (b.modSampleSwap && !chn.isSamplePlaying() && instr < r.samples.length && r.samples[instr]?.hasLoop) keepInstr = true;

  if (b.isXm) {
    // FT2: key-off + no envelope = note cut (unless an instrument or volume is set). Test: NoteOffVolume.xm
    if (note === 255 && ((!instr && volcmd !== VOLCMD.VOLUME && cmd !== CMD.VOLUME) || !b.ft2KeyOff) && (!chn.instrument || !chn.instrument.model.volumeEnvelope.enabled)) {
      chn.fastRamp = true;
      chn.volume = 0;
      note = 0;
      instr = 0;
      retrigEnv = false;
      if (r.firstTick && b.ft2NoteOffFlags) chn.noteFade = true;
    } else if (b.ft2RetrigWithNoteDelay && !r.firstTick) {
      retrigEnv = true;
      porta = false;
      if (note === 0) note = chn.note - chn.transpose;
      else if (note > 120) {
        note = 0;
        keepInstr = false;
        reloadSampleSettings = true;
      } else if (instr || !b.ft2NoteDelayWithoutInstr) {
        keepInstr = true;
        reloadSampleSettings = true;
      }
    }
  }

  if ((retrigEnv && !b.ft2ReloadSampleSettings) || reloadSampleSettings) {
    const old = r.numInstruments ? chn.sample : instr < r.samples.length ? (r.samples[instr] ?? null) : null;
    if (old) {
      if (!b.isS3m || old.length > 0) {
        chn.volume = old.volume;
        chn.fastRamp = true;
      }
      if (reloadSampleSettings) setInstrumentPan(r, chn, old.pan >= 0 ? old.pan : chn.pan);
    }
  }

  // FT2: instrument numbers reset tremor. Test: TremorInstr.xm
  if (b.ft2Tremor && instr !== 0) chn.tremorCount = 0x20;

  // IT: instrument without note with old effects / compatible Gxx resets envelopes. Test: ins-xx.it
  if (r.numInstruments && b.itInstrWithNoteOffOldEffects && instr && !isPlayableNote(note)) {
    if ((porta && b.compatibleGxx) || (!porta && b.oldEffects)) {
      chn.resetEnvelopes();
      chn.fastRamp = true;
      chn.fadeOutVol = 65536;
    }
  }

  if (retrigEnv) {
    if (b.itInstrWithoutNote) {
      // IT: retrigger after the sample ended to reset portamento. Test: PortaResetAfterRetrigger.it
      const afterEnd = b.itMultiSampleInstrumentNumber && !chn.isSamplePlaying();
      if (r.numInstruments) {
        if (instr <= r.numInstruments && (chn.instrument !== (r.instruments[instr] ?? null) || afterEnd)) note = chn.note;
      } else if (instr < 256 && (chn.sample !== (r.samples[instr] ?? null) || afterEnd)) note = chn.note;
    }
    if (r.numInstruments && b.isXm) {
      chn.resetEnvelopes();
      chn.fastRamp = true;
      chn.noteFade = false;
      chn.autoVibDepth = 0;
      chn.autoVibPos = 0;
      chn.fadeOutVol = 65536;
      if (b.ft2NoteOffFlags) chn.keyOff = false;
    }
    if (!keepInstr) instr = 0;
  }

  if (note > 120) {
    // IT: default volume is recalled next to a note-off. Test: NoteOffInstr.it
    if (b.itInstrWithNoteOff && instr) {
      const s = sampleIndexFor(r, chn.lastNote, instr);
      if (s > 0) chn.volume = r.samples[s]?.volume ?? chn.volume;
    }
    if (!b.itInstrWithNoteOffOldEffects || !b.oldEffects) instr = 0;
  }

  const previousNewNote = chn.newNote;
  if (isPlayableNote(note)) {
    chn.newNote = chn.lastNote = note;
    if (!porta) checkNna(r, ci, instr, note, false);
    restorePanAndFilter(chn);
  }

  if (instr) {
    const oldSample = chn.sample;
    instrumentChange(r, ci, instr, porta, true);
    if (b.isMod) {
      if (!porta || !b.modSampleSwap) chn.newIns = 0;
    } else if (!b.itInstrWithNoteOff || isPlayableNote(note)) chn.newIns = 0;

    if (b.itPortamentoSwapResetsPos) {
      if (isPlayableNote(note) && oldSample !== chn.sample) chn.setPosition(0);
    } else if (b.isIt && oldSample !== chn.sample && isPlayableNote(note)) {
      porta = false;
    } else if (b.st3SampleSwap && oldSample !== chn.sample && (porta || !isPlayableNote(note)) && chn.positionInt > chn.length) {
      chn.length = 0;
    } else if (b.modSampleSwap && !chn.isSamplePlaying()) {
      chn.setPosition(0);
    }
  }

  if (note !== 0) {
    const instrChange = !instr && chn.newIns !== 0 && isPlayableNote(note);
    if (instrChange) {
      if (b.itEmptyNoteMapSlotIgnoreCell && isPlayableNote(previousNewNote)) chn.newNote = previousNewNote;
      instrumentChange(r, ci, chn.newIns, porta, chn.sample === null && chn.instrument === null, !b.isXm);
      chn.newNote = note;
      chn.swapSampleIndex = chn.newIns = 0;
    }
    noteChange(r, ci, note, porta, !b.isXm);
    if (porta && b.isXm && instr) {
      chn.fastRamp = true;
      chn.resetEnvelopes();
      chn.autoVibDepth = 0;
      chn.autoVibPos = 0;
    }
  }

  if (volcmd === VOLCMD.VOLUME) {
    chn.volume = Math.min(64, vol) << 2;
    chn.fastRamp = true;
  } else if (volcmd === VOLCMD.PANNING) {
    panning(r, chn, vol, 6);
  }
  TRIGGERED.instr = instr;
  TRIGGERED.porta = porta;
  return TRIGGERED;
}

function volumeColumn(r: ReplayerState, ci: number, chn: ChannelState, volcmd: number, volIn: number, startTick: number): void {
  const b = r.b;
  let vol = volIn;
  switch (volcmd) {
    case VOLCMD.VOLSLIDEUP:
    case VOLCMD.VOLSLIDEDOWN:
      if (vol === 0 && b.itVolColMemory) {
        vol = chn.oldVolParam;
        if (vol === 0) break;
      } else chn.oldVolParam = vol;
      volumeSlide(r, chn, volcmd === VOLCMD.VOLSLIDEUP ? vol << 4 : vol, b.itVolColNoSlidePropagation);
      break;
    case VOLCMD.FINEVOLUP:
      if (r.tick === startTick || !b.itVolColMemory) fineVolumeUp(r, chn, vol, b.itVolColMemory);
      break;
    case VOLCMD.FINEVOLDOWN:
      if (r.tick === startTick || !b.itVolColMemory) fineVolumeDown(r, chn, vol, b.itVolColMemory);
      break;
    case VOLCMD.VIBRATOSPEED:
      if (b.ft2VolColVibrato) chn.vibratoSpeed = vol & 0x0f;
      else vibrato(chn, vol << 4);
      break;
    case VOLCMD.VIBRATODEPTH:
      vibrato(chn, vol);
      break;
    case VOLCMD.PANSLIDELEFT:
      panningSlide(r, chn, vol, !b.ft2VolColMemory);
      break;
    case VOLCMD.PANSLIDERIGHT:
      panningSlide(r, chn, vol << 4, !b.ft2VolColMemory);
      break;
    case VOLCMD.PORTAUP:
      portamentoUp(r, chn, (vol << 2) & 0xff, b.itVolColFinePortamento);
      break;
    case VOLCMD.PORTADOWN:
      portamentoDown(r, chn, (vol << 2) & 0xff, b.itVolColFinePortamento);
      break;
    default:
      break;
  }
  void ci;
}

function runEffect(
  r: ReplayerState, ci: number, chn: ChannelState, cmd: number, paramIn: number, volcmd: number, vol: number, triggerNote: boolean, porta: boolean,
): void {
  const b = r.b;
  let param = paramIn;
  if (cmd === CMD.NONE) return;
  switch (cmd) {
    case CMD.VOLUME:
      if (r.firstTick) {
        chn.volume = param < 64 ? param * 4 : 256;
        chn.fastRamp = true;
      }
      break;
    case CMD.PORTAUP:
      if (param || !b.isMod) portamentoUp(r, chn, param, false);
      break;
    case CMD.PORTADOWN:
      if (param || !b.isMod) portamentoDown(r, chn, param, false);
      break;
    case CMD.VOLUMESLIDE:
      if (param || !b.isMod) volumeSlide(r, chn, param);
      break;
    case CMD.TONEPORTA:
      tonePortamento(r, chn, param);
      break;
    case CMD.TONEPORTAVOL:
      if (param || !b.isMod) {
        if (!chn.isFirstTick || !b.s3mIgnoreCombinedFineSlides) volumeSlide(r, chn, param);
      }
      tonePortamento(r, chn, 0);
      break;
    case CMD.VIBRATO:
      vibrato(chn, param);
      break;
    case CMD.VIBRATOVOL:
      if (param || !b.isMod) {
        if (!chn.isFirstTick || !b.s3mIgnoreCombinedFineSlides) volumeSlide(r, chn, param);
      }
      vibrato(chn, 0);
      break;
    case CMD.SPEED:
      if (r.firstTick) setSpeed(r, param);
      break;
    case CMD.TEMPO:
      if (b.vblankTiming) {
        if (r.firstTick && param !== 0) setSpeed(r, param);
      } else {
        if (b.st3Lineage) {
          if (param) chn.oldTempo = param;
          else param = chn.oldTempo;
        }
        setTempo(r, param);
      }
      break;
    case CMD.OFFSET:
      if (triggerNote) {
        // FT2: portamento + offset ignores the offset. Test: porta-offset.xm
        if (porta && b.isXm) break;
        processSampleOffset(r, chn, param);
      }
      break;
    case CMD.ARPEGGIO:
      if (r.tick) break;
      if ((!chn.period || !chn.note) && !b.itArpeggio && b.isIt) break;
      if (!param && b.ptLineage) break;
      chn.command = CMD.ARPEGGIO;
      if (param) chn.arpeggio = param;
      break;
    case CMD.RETRIG:
      if (b.isXm) {
        if (!(param & 0xf0)) param |= chn.retrigParam & 0xf0;
        if (!(param & 0x0f)) param |= chn.retrigParam & 0x0f;
        param |= 0x100;
      }
      if (b.itRetrigger) {
        if (param) chn.retrigParam = param & 0xff;
        retrigNote(r, ci, chn.retrigParam);
      } else {
        if (param) chn.retrigParam = param & 0xff;
        else param = chn.retrigParam;
        retrigNote(r, ci, param);
      }
      break;
    case CMD.TREMOR:
      if (!r.firstTick) break;
      if (b.itTremor) {
        if (param && !b.oldEffects) {
          if (param & 0xf0) param -= 0x10;
          if (param & 0x0f) param -= 0x01;
          chn.tremorParam = param;
        }
        chn.tremorCount |= 0x80;
      } else if (b.ft2Tremor) chn.tremorCount |= 0x80;
      chn.command = CMD.TREMOR;
      if (param) chn.tremorParam = param;
      break;
    case CMD.GLOBALVOLUME:
      if (!r.firstTick) break;
      if (!b.isIt) param *= 2;
      // ST3/IT ignore out-of-range values. Test: globalvol-invalid.it
      if (param <= 128) r.globalVolume = param * 2;
      else if (!b.st3Lineage) r.globalVolume = 256;
      break;
    case CMD.GLOBALVOLSLIDE:
      globalVolSlide(r, r.channels[b.perChannelGlobalVolSlide ? ci : 0] as ChannelState, param);
      break;
    case CMD.PANNING8:
      if (r.firstTick) panning(r, chn, param, 8);
      break;
    case CMD.PANNINGSLIDE:
      panningSlide(r, chn, param);
      break;
    case CMD.TREMOLO:
      tremolo(chn, param);
      break;
    case CMD.FINEVIBRATO:
      fineVibrato(r, chn, param);
      break;
    case CMD.MODCMDEX:
      extendedMod(r, ci, param);
      break;
    case CMD.S3MCMDEX:
      extendedS3m(r, ci, param);
      break;
    case CMD.KEYOFF:
      if (b.ft2KeyOff) {
        if (r.tick === param) {
          if (!chn.instrument || !chn.instrument.model.volumeEnvelope.enabled) {
            if (param === 0 && (chn.rowInstr || chn.rowVolCmd !== VOLCMD.NONE)) chn.noteFade = true;
            else {
              chn.fastRamp = true;
              chn.volume = 0;
            }
          }
          keyOff(r, chn);
        }
      } else if (r.firstTick) keyOff(r, chn);
      break;
    case CMD.XFINEPORTAUPDOWN:
      extraFine(r, ci, param);
      break;
    case CMD.CHANNELVOLUME:
      if (!r.firstTick) break;
      if (param <= 64) {
        chn.globalVol = param;
        chn.fastRamp = true;
      }
      break;
    case CMD.CHANNELVOLSLIDE:
      channelVolSlide(r, chn, param);
      break;
    case CMD.PANBRELLO:
      panbrello(chn, param);
      break;
    case CMD.SETENVPOSITION:
      if (r.firstTick) {
        chn.volEnvPos = param;
        // FT2 sets the pan envelope only if the volume envelope has sustain. Test: SetEnvPos.xm
        if (!b.ft2SetPanEnvPos || chn.instrument?.model.volumeEnvelope.sustain) {
          chn.panEnvPos = param;
          chn.pitchEnvPos = param;
        }
      }
      break;
    case CMD.POSITIONJUMP:
      r.nextPatStartRow = 0;
      r.posJump = param;
      // MOD/XM: Bxx after Dxx resets the break row. Test: PatternJump.mod
      if (b.ptLineage && r.breakRow >= 0) r.breakRow = 0;
      break;
    case CMD.PATTERNBREAK: {
      if (param >= 64 && b.isS3m) break;
      r.nextPatStartRow = 0;
      r.breakRow = b.ptLineage ? (param >> 4) * 10 + (param & 0x0f) : param;
      break;
    }
    default:
      break;
  }
  if (b.st3EffectMemory && cmd !== CMD.NONE && param !== 0) updateS3mEffectMemory(chn, param & 0xff);
  void volcmd;
  void vol;
}
