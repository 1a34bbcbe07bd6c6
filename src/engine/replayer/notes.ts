// Starting and stopping notes: instrument changes (which sample, volume, pan, envelopes), note changes
// (period, sample position, loops), key off and note cut. Follows libopenmpt's InstrumentChange and
// NoteChange behaviour per tracker; new-note actions are in nna.ts.

import { isPlayableNote, NOTE_CUT, NOTE_OFF } from '../../song/notes.js';
import type { ChannelState } from './channel-state.js';
import { periodFromNote } from './pitch.js';
import { MIDI_ONLY_SAMPLE, type PlayerInstrument, type PlayerSample } from './player-sample.js';
import type { ReplayerState } from './state.js';

export function insHasMidi(ins: PlayerInstrument | null): boolean {
  return ins !== null && ins.midiChannel > 0;
}

/** The sample number an instrument plays for a note (sample mode: the instrument number itself). */
export function sampleIndexFor(r: ReplayerState, note: number, instr: number): number {
  if (r.numInstruments === 0) return instr < r.samples.length ? instr : 0;
  const ins = r.instruments[instr] ?? null;
  if (!ins || !isPlayableNote(note)) return 0;
  return ins.keyboard[note - 1] ?? 0;
}

export function sampleAt(r: ReplayerState, index: number): PlayerSample {
  return (r.samples[index] ?? r.samples[0]) as PlayerSample;
}

/** Sets the channel pan from an instrument or sample (IT keeps the channel pan to restore later). */
export function setInstrumentPan(r: ReplayerState, chn: ChannelState, pan: number): void {
  if (r.b.itDoNotOverrideChannelPan) {
    chn.restorePanOnNewNote = (chn.pan + 1) | (chn.surround ? 0x8000 : 0);
  }
  chn.pan = pan;
}

export function applyInstrumentPanning(r: ReplayerState, chn: ChannelState, ins: PlayerInstrument | null, smp: PlayerSample | null): void {
  let newPan = -1;
  if (ins && ins.pan >= 0) newPan = ins.pan;
  if (smp && smp.pan >= 0) newPan = smp.pan;
  if (newPan >= 0) {
    setInstrumentPan(r, chn, newPan);
    // IT: sample and instrument panning overrides surround. Test: SmpInsPanSurround.it
    if (r.b.panOverride) chn.surround = false;
  }
}

export function restorePanAndFilter(chn: ChannelState): void {
  if (chn.restorePanOnNewNote > 0) {
    chn.pan = (chn.restorePanOnNewNote & 0x7fff) - 1;
    if (chn.restorePanOnNewNote & 0x8000) chn.surround = true;
    chn.restorePanOnNewNote = 0;
  }
  if (chn.restoreResonanceOnNewNote > 0) {
    chn.resonance = chn.restoreResonanceOnNewNote - 1;
    chn.restoreResonanceOnNewNote = 0;
  }
  if (chn.restoreCutoffOnNewNote > 0) {
    chn.cutOff = chn.restoreCutoffOnNewNote - 1;
    chn.restoreCutoffOnNewNote = 0;
  }
}

function updateInstrumentVolume(chn: ChannelState, smp: PlayerSample | null, ins: PlayerInstrument | null): void {
  let v = 64;
  if (smp) v = smp.globalVolume;
  if (ins) v = Math.floor((v * ins.globalVolume) / 64);
  chn.insVol = v;
}

function copyEnvelopeFlags(chn: ChannelState, ins: PlayerInstrument): void {
  chn.volEnvOn = ins.model.volumeEnvelope.enabled;
  chn.panEnvOn = ins.model.panEnvelope.enabled;
  chn.pitchEnvOn = ins.model.pitchEnvelope.enabled;
}

/** Loads the sample's loop settings into the channel (sustain loop first while keyed on). */
function loadSampleLoops(r: ReplayerState, chn: ChannelState, smp: PlayerSample): void {
  chn.length = smp.length;
  chn.looping = smp.hasLoop;
  chn.pingPongLoop = smp.loopPingPong;
  chn.hasSustain = smp.hasSustain;
  chn.sustainPingPong = smp.sustainPingPong;
  chn.loopStart = smp.loopStart;
  chn.loopEnd = smp.loopEnd;
  chn.oneShotPending = r.b.modOneShotLoops && chn.looping && chn.loopStart === 0 && smp.loopEnd < smp.length;
  if (r.b.modOneShotLoops && chn.loopStart === 0) chn.loopEnd = smp.length;
}

/** IT/OpenMPT InstrumentChange: switches a channel to instrument (or sample) `instr`. */
export function instrumentChange(r: ReplayerState, ci: number, instr: number, porta: boolean, updVol: boolean, resetEnv = true): void {
  const b = r.b;
  const chn = r.channels[ci] as ChannelState;
  let ins: PlayerInstrument | null = instr <= r.numInstruments ? (r.instruments[instr] ?? null) : null;
  let smp: PlayerSample | null = sampleAt(r, instr < r.samples.length ? instr : 0);
  const oldInsVol = chn.insVol;
  const note = chn.newNote;

  if (note === 0 && b.itInstrWithoutNote) return;

  if (ins && isPlayableNote(note)) {
    // IT ignores empty note-map slots. Test: emptyslot.it
    if ((ins.keyboard[note - 1] ?? 0) === 0 && b.itEmptyNoteMapSlot && !insHasMidi(ins)) {
      chn.instrument = ins;
      return;
    }
    const n = ins.keyboard[note - 1] ?? 0;
    smp = n ? sampleAt(r, n < r.samples.length ? n : 0) : insHasMidi(ins) ? MIDI_ONLY_SAMPLE : null;
  } else if (r.numInstruments > 0) {
    if (note > 120) return;
    if (b.itEmptyNoteMapSlot && (!ins || !insHasMidi(ins))) {
      chn.instrument = null;
      chn.swapSampleIndex = chn.newIns = 0;
      return;
    }
    smp = null;
  }

  let returnAfterVolumeAdjust = false;
  let instrumentChanged = ins !== chn.instrument;
  const sampleChanged = chn.sample !== null && smp !== chn.sample;

  if (sampleChanged && porta) {
    // IT compatible Gxx: no sample change during portamento. Test: PortaInsNumCompat.it
    if (b.itPortamentoInstrument && b.compatibleGxx && chn.isSamplePlaying()) smp = chn.sample;
    // FT2/ST3/ProTracker keep the old sample but take the new one's settings. Test: PortaSmpChange.mod/.s3m
    if ((!instrumentChanged && b.isXm && ins) || (b.isMod && chn.isSamplePlaying()) || (b.st3PortaSampleChange && chn.isSamplePlaying())) {
      returnAfterVolumeAdjust = true;
    }
    if (b.itResetFilterOnPortaSmpChange && r.numInstruments === 0) chn.triggerNote = true;
  }
  // IT: a lone instrument number after a multisample portamento keeps the sample. Test: InstrAfterMultisamplePorta.it
  if (r.numInstruments > 0 && !instrumentChanged && sampleChanged && chn.length > 0 && b.itMultiSampleInstrumentNumber && !isPlayableNote(chn.rowNote)) {
    returnAfterVolumeAdjust = true;
  }
  // IT: envelope pickup after SCx. Test: cut-carry.it
  if (!chn.isSamplePlaying() && b.isIt && (!ins || !insHasMidi(ins))) instrumentChanged = true;

  // FT2: portamento + new instrument reloads the old instrument's settings. Test: porta-delay.xm
  if ((instrumentChanged || sampleChanged) && porta && b.ft2PortaIgnoreInstr && (chn.instrument !== null || chn.sample !== null)) {
    ins = chn.instrument;
    smp = chn.sample;
    instrumentChanged = false;
  } else {
    chn.instrument = ins;
  }

  if (updVol && (!(b.isMod || b.isS3m) || (smp !== null && smp.length > 0) || insHasMidi(ins))) {
    if (smp) chn.volume = smp.volume;
    else chn.volume = 0;
  }

  if (returnAfterVolumeAdjust && sampleChanged && smp) {
    // ProTracker applies the new finetune; ST3 the new C-5 speed. Tests: PortaSwapPT.mod, PortaSwap.s3m
    if (b.modSampleSwap) chn.fineTune = smp.fineTune;
    if (b.isS3m && smp.length > 0) chn.c5Speed = smp.c5Speed;
  }
  if (returnAfterVolumeAdjust) return;

  chn.swapSampleIndex = chn.newIns = 0;

  if (ins && ((!b.itNnaReset && smp) || instrumentChanged)) chn.nna = ins.model.newNoteAction;

  updateInstrumentVolume(chn, smp, ins);

  // FT2 resets pan only on instrument numbers; IT only on note changes. Tests: PanMemory.xm, PanReset.it
  if ((updVol || !b.isXm) && !b.itPanningReset) applyInstrumentPanning(r, chn, ins, smp);

  if (resetEnv) {
    let reset: boolean;
    let resetAlways: boolean;
    if (b.itEnvelopeReset) {
      const insNumber = instr !== 0;
      reset = chn.length === 0 || (insNumber && porta && b.compatibleGxx) || (insNumber && !porta && (chn.noteFade || chn.keyOff) && b.oldEffects);
      resetAlways = chn.fadeOutVol === 0 || instrumentChanged || (b.itCarryAfterNoteOff ? !isPlayableNote(chn.rowNote) : chn.keyOff);
    } else {
      reset = !porta || !b.isIt || b.compatibleGxx || chn.length === 0 || (chn.noteFade && chn.fadeOutVol === 0);
      resetAlways = !b.isIt || instrumentChanged || ins === null || chn.keyOff || chn.noteFade;
    }
    if (reset) {
      chn.fastRamp = true;
      if (ins) {
        if (resetAlways) chn.resetEnvelopes();
        else {
          if (!ins.model.volumeEnvelope.carry) {
            chn.volEnvPos = 0;
            chn.volEnvRelease = -32768;
          }
          if (!ins.model.panEnvelope.carry) chn.panEnvPos = 0;
          if (!ins.model.pitchEnvelope.carry) chn.pitchEnvPos = 0;
        }
      }
      if (!b.itVibratoTremoloPanbrello) {
        chn.autoVibDepth = 0;
        chn.autoVibPos = 0;
      }
    } else if (ins && !ins.model.volumeEnvelope.enabled) {
      if (b.itPortamentoInstrument) {
        chn.volEnvPos = 0;
        chn.volEnvRelease = -32768;
      } else chn.resetEnvelopes();
    }
  }

  if (smp === null && (!ins || !insHasMidi(ins))) {
    chn.sample = null;
    chn.insVol = 0;
    return;
  }

  const wasKeyOff = chn.keyOff;
  if (porta && smp === chn.sample && smp !== null) {
    // IT: instrument change with the same sample still resets key-off. Test: SampleSustainAfterPortaInstrMode.it
    if (instrumentChanged && ins && b.itNoSustainOnPortamento) {
      chn.keyOff = false;
      chn.noteFade = false;
    }
    if (b.st3Lineage && chn.length !== 0) return;
    // FT2: no key-off reset on portamento without instrument number. Test: Off-Porta.xm
    if (!b.isXm || !b.itFt2DontResetNoteOffOnPorta || chn.rowInstr !== 0) {
      chn.keyOff = false;
      chn.noteFade = false;
    }
    chn.looping = chn.pingPongLoop = chn.hasSustain = chn.sustainPingPong = false;
  } else {
    chn.keyOff = false;
    chn.noteFade = false;
    const keepDirection = (b.itPingPongNoReset || !b.isIt) && smp === chn.sample && !instrumentChanged;
    if (!keepDirection) chn.voice.direction = 1;
    chn.looping = chn.pingPongLoop = chn.hasSustain = chn.sustainPingPong = false;
    if (ins) {
      copyEnvelopeFlags(chn, ins);
      if (ins.model.filterCutoff !== null) chn.cutOff = ins.model.filterCutoff;
      if (ins.model.filterResonance !== null) chn.resonance = ins.model.filterResonance;
    }
  }

  if (smp === null) {
    chn.sample = null;
    chn.length = 0;
    return;
  }

  // IT/FT2: a note that just stopped must not restart by portamento. Tests: PortaJustStoppedNote.xm/.it
  if (porta && chn.length === 0 && (b.ft2PortaNoNote || b.itPortaNoNote)) chn.incrementOn = false;

  // IT: note-off + instrument + old effects retriggers envelopes only. Test: ResetEnvNoteOffOldFx.it
  if (chn.rowNote === NOTE_OFF && b.itInstrWithNoteOffOldEffects && b.oldEffects && sampleChanged) {
    if (chn.sample) {
      chn.looping = chn.sample.hasLoop;
      chn.pingPongLoop = chn.sample.loopPingPong;
      chn.hasSustain = chn.sample.hasSustain;
      chn.sustainPingPong = chn.sample.sustainPingPong;
    }
    chn.insVol = oldInsVol;
    chn.volume = smp.volume;
    if (smp.pan >= 0) setInstrumentPan(r, chn, smp.pan);
    return;
  }

  chn.sample = smp;
  loadSampleLoops(r, chn, smp);

  if (b.itVibratoTremoloPanbrello) {
    chn.autoVibDepth = 0;
    chn.autoVibPos = 0;
  }
  // Set finetune only for new samples (keeps E5x changes). Tests: finetune.xm, finetune.mod
  if (!porta || sampleChanged || !b.ptLineage) {
    chn.c5Speed = smp.c5Speed;
    chn.fineTune = smp.fineTune;
  }
  chn.transpose = b.finetuneAndTranspose ? smp.relativeTone : 0;
  // FT2/ProTracker keep the portamento target on new instrument numbers. Tests: Porta-Pickup.xm, PortaTarget.mod
  if (!b.ft2PortaTargetNoReset && !b.isMod) chn.portamentoDest = 0;

  // IT: sustain loop status survives portamento after key-off. Test: SampleSustainAfterPorta.it
  if (chn.hasSustain && (!b.itNoSustainOnPortamento || !porta || (ins && !wasKeyOff))) {
    chn.loopStart = smp.sustainStart;
    chn.loopEnd = smp.sustainEnd;
    chn.pingPongLoop = chn.sustainPingPong;
    chn.looping = true;
  }
  if (chn.looping && chn.loopEnd < chn.length) chn.length = chn.loopEnd;
  if (chn.positionInt >= chn.length && b.isIt) chn.setPosition(0);
}

/** IT/OpenMPT NoteChange: plays `note` on the channel (period, sample start, loops, fades). */
export function noteChange(r: ReplayerState, ci: number, noteIn: number, portaIn: boolean, resetEnv: boolean, manual = false): void {
  const b = r.b;
  const chn = r.channels[ci] as ChannelState;
  let note = noteIn;
  let porta = portaIn;
  if (note < 1) return;
  const origNote = note;
  let smp = chn.sample;
  const ins = chn.instrument;
  const realNote = note;

  if (ins && note - 1 < ins.keyboard.length) {
    const n = ins.keyboard[note - 1] ?? 0;
    if (n > 0) smp = sampleAt(r, n < r.samples.length ? n : 0);
    else if (insHasMidi(ins)) smp = MIDI_ONLY_SAMPLE;
    else if (b.itEmptyNoteMapSlot) return;
    note = ins.noteMap[note - 1] ?? note;
  }
  const mappedNote = note;

  if (note > 120) {
    if (note === NOTE_OFF || !b.isIt) {
      keyOff(r, chn);
      // IT: note-off + instrument releases the sample sustain only. Test: noteoff3.it
      if (!porta && b.itInstrWithNoteOffOldEffects && b.oldEffects && chn.rowInstr) {
        chn.noteFade = false;
        chn.keyOff = false;
      }
    } else if (r.numInstruments > 0) {
      chn.noteFade = true;
    }
    if (note === NOTE_CUT) {
      chn.noteFade = true;
      chn.fastRamp = true;
      // IT: ^^^ stops the sample rather than zeroing the volume. Test: NoteOffInstr.it
      if (!b.isIt || (r.numInstruments !== 0 && !b.itInstrWithNoteOff)) chn.volume = 0;
      if (b.itInstrWithNoteOff) chn.incrementOn = false;
      chn.fadeOutVol = 0;
    }
    if (b.itClearOldNoteAfterCut) chn.note = chn.newNote = 0;
    return;
  }

  if (!porta && b.isXm && smp) {
    chn.transpose = smp.relativeTone;
    chn.fineTune = smp.fineTune;
  }
  // IT: multisample instruments update the C-5 speed even without instrument. Test: freqreset-noins.it
  if (!porta && smp && b.itMultiSampleBehaviour) chn.c5Speed = smp.c5Speed;

  if (porta && !chn.isSamplePlaying()) {
    if (b.ft2PortaNoNote && !insHasMidi(chn.instrument)) {
      // FT2 ignores porta notes when nothing plays. Test: 3xx-no-old-samp.xm
      chn.period = 0;
      return;
    } else if (b.itPortaNoNote) {
      // IT plays the note normally. Test: Fade-Porta.it
      porta = false;
    }
  }

  if (b.finetuneAndTranspose) {
    note += chn.transpose;
    note = Math.max(12, Math.min(131, note));
  } else {
    note = Math.max(1, Math.min(120, note));
  }
  chn.note = b.itRealNoteMapping ? Math.max(1, Math.min(120, realNote)) : note;

  if (!porta || b.st3Lineage) chn.swapSampleIndex = chn.newIns = 0;

  const period = periodFromNote(b, note, chn.fineTune, chn.c5Speed);
  chn.panbrelloOffset = 0;

  if (b.itPanningReset) applyInstrumentPanning(r, chn, ins, smp);
  // IT: pitch-pan separation can be overridden by panning commands. Test: PitchPanReset.it
  if (b.itPitchPanSeparation && ins && ins.model.pitchPanSeparation !== 0) {
    if (!chn.restorePanOnNewNote) chn.restorePanOnNewNote = chn.pan + 1;
    chn.pan = pitchPanSeparation(chn.pan, origNote, ins);
  }

  if (resetEnv && !porta) {
    chn.volSwing = chn.panSwing = 0;
    chn.resSwing = chn.cutSwing = 0;
    if (ins) {
      if (b.itNnaReset) chn.nna = ins.model.newNoteAction;
      if (!ins.model.volumeEnvelope.carry) {
        chn.volEnvPos = 0;
        chn.volEnvRelease = -32768;
      }
      if (!ins.model.panEnvelope.carry) chn.panEnvPos = 0;
      if (!ins.model.pitchEnvelope.carry) chn.pitchEnvPos = 0;
      if (ins.model.randomVolume) {
        const base = b.itSwingBehaviour ? chn.insVol : Math.floor((chn.volume + 1) / 2);
        chn.volSwing = Math.trunc(((Math.trunc((r.randomByte() * ins.model.randomVolume) / 64) + 1) * base) / 199);
      }
      if (ins.model.randomPan) {
        chn.panSwing = Math.trunc((r.randomByte() * ins.model.randomPan * 4) / 128);
        if (!b.itSwingBehaviour && chn.restorePanOnNewNote === 0) chn.restorePanOnNewNote = chn.pan + 1;
      }
    }
  }

  if (!smp) return;
  if (period) {
    if (!porta || !chn.period) chn.period = period;
    // FT2/ProTracker keep, IT clears the portamento target with new notes. Tests: Porta-Pickup.xm, PortaReset.it
    if (porta || !(b.ft2PortaTargetNoReset || b.itClearPortaTarget || b.isMod)) {
      chn.portamentoDest = period;
      chn.portaTargetReached = false;
    }
    if (!porta || (chn.length === 0 && !b.isS3m)) {
      chn.sample = smp;
      chn.length = smp.length;
      chn.loopEnd = smp.length;
      chn.loopStart = 0;
      chn.setPosition(0);
      if ((b.ptMode || b.st3OffsetWithoutInstrument) && !chn.rowInstr) {
        chn.setPosition(Math.max(0, Math.min(chn.prevNoteOffset, chn.length - 1)));
      } else {
        chn.prevNoteOffset = 0;
      }
      chn.voice.direction = 1;
      chn.looping = smp.hasLoop;
      chn.pingPongLoop = smp.loopPingPong;
      chn.hasSustain = smp.hasSustain;
      chn.sustainPingPong = smp.sustainPingPong;
      chn.portamento = false;
      if (chn.hasSustain) {
        chn.loopStart = smp.sustainStart;
        chn.loopEnd = smp.sustainEnd;
        chn.pingPongLoop = chn.sustainPingPong;
        chn.looping = true;
        if (chn.length > chn.loopEnd) chn.length = chn.loopEnd;
      } else if (chn.looping) {
        chn.loopStart = smp.loopStart;
        chn.loopEnd = smp.loopEnd;
        if (chn.length > chn.loopEnd) chn.length = chn.loopEnd;
      }
      // ProTracker one-shot loops: a loop starting at 0 plays the whole sample once first.
      chn.oneShotPending = b.modOneShotLoops && chn.looping && chn.loopStart === 0 && smp.loopEnd < smp.length;
      if (b.modOneShotLoops && chn.loopStart === 0) chn.loopEnd = chn.length = smp.length;
      if (chn.vibratoType < 4) {
        if (!b.itVibratoTremoloPanbrello && b.isIt && !b.oldEffects) chn.vibratoPos = 0x10;
        else chn.vibratoPos = 0;
      }
      if (!b.itVibratoTremoloPanbrello && chn.tremoloType < 4) chn.tremoloPos = 0;
      chn.voice.trigger(smp.mix, chn.positionInt, true);
      chn.noteId = ++r.noteSerial;
      chn.midiNote = mappedNote;
    }
    if (chn.positionInt >= chn.length) chn.setPosition(chn.loopStart);
  } else {
    porta = false;
  }

  if (!porta || !b.isIt || (chn.noteFade && chn.fadeOutVol === 0) || (b.compatibleGxx && chn.rowInstr !== 0)) {
    if (b.isIt && chn.noteFade && chn.fadeOutVol === 0) {
      chn.resetEnvelopes();
      if (!b.itVibratoTremoloPanbrello) {
        chn.autoVibDepth = 0;
        chn.autoVibPos = 0;
      }
      chn.noteFade = false;
      chn.fadeOutVol = 65536;
    }
    if (!porta || !b.compatibleGxx || chn.rowInstr) {
      if (!b.isXm || chn.rowInstr) {
        chn.noteFade = false;
        chn.fadeOutVol = 65536;
      }
    }
  }

  // IT/FT2: porta notes keep the key-off state unless compatible Gxx. Tests: Off-Porta.it, Off-Porta.xm
  if (!(b.itFt2DontResetNoteOffOnPorta && porta && (!b.compatibleGxx || chn.rowInstr === 0))) chn.keyOff = false;

  if (!porta) {
    chn.triggerNote = true;
    chn.filterActive = false;
    chn.fastRamp = true;
    if (!b.itRetrigger && !b.itTremor && !b.ft2Retrigger && !b.ft2Tremor) {
      chn.retrigCount = 0;
      chn.tremorCount = 0;
    }
    if (resetEnv) {
      chn.autoVibDepth = 0;
      chn.autoVibPos = 0;
    }
  }
  if (manual) chn.muted = false;
}

/** IT pitch-pan separation: pan moves with the distance from the centre note. */
export function pitchPanSeparation(pan: number, note: number, ins: PlayerInstrument): number {
  const pps = ins.model.pitchPanSeparation;
  if (!pps || note === 0) return pan;
  const delta = Math.trunc(((note - ins.model.pitchPanCenter) * pps) / 2);
  return Math.max(0, Math.min(256, pan + delta));
}

/** Key off: releases sustain loops and envelopes and starts the fade where the tracker does. */
export function keyOff(r: ReplayerState, chn: ChannelState): void {
  const b = r.b;
  const keyIsOn = !chn.keyOff;
  chn.keyOff = true;
  if (chn.instrument && !chn.volEnvOn) chn.noteFade = true;
  if (!chn.length) return;
  const smp = chn.sample;
  if (chn.hasSustain && smp && keyIsOn) {
    if (smp.hasLoop) {
      chn.pingPongLoop = smp.loopPingPong;
      if (!smp.loopPingPong) chn.voice.direction = 1;
      chn.looping = true;
      chn.length = smp.length;
      chn.loopStart = smp.loopStart;
      chn.loopEnd = smp.loopEnd;
      if (chn.length > chn.loopEnd) chn.length = chn.loopEnd;
      if (chn.positionInt > chn.length) {
        // Test: SusAfterLoop.it
        const len = chn.loopEnd - chn.loopStart;
        chn.setPosition(chn.loopStart + ((chn.positionInt - chn.loopStart) % Math.max(1, len)));
      }
    } else {
      chn.looping = false;
      chn.pingPongLoop = false;
      chn.voice.direction = 1;
      chn.length = smp.length;
    }
  }
  if (chn.instrument) {
    const ins = chn.instrument;
    if ((ins.model.volumeEnvelope.loop !== null || b.isXm) && ins.fadeout !== 0) chn.noteFade = true;
  }
}

/** Cuts the note at `tick`: stops the sample (IT/S3M) or just zeroes the volume (MOD/XM). */
export function noteCut(r: ReplayerState, ci: number, tick: number, cutSample: boolean): void {
  const b = r.b;
  const chn = r.channels[ci] as ChannelState;
  let tickCount = r.tick;
  // IT: note + tone portamento + SCx does not cut (except on row-delay repetitions). Test: SCx-Reset.it
  if (b.itNoteCutWithPorta && isPlayableNote(chn.rowNote) && isTonePortaRow(chn)) {
    const rowLength = r.speed + r.frameDelay;
    if (r.tick < rowLength) return;
    if (r.patternDelay !== 0 && r.tick >= rowLength) tickCount %= rowLength;
  }
  if (tickCount === tick) {
    if (cutSample) {
      if (b.itNoteCutWithPorta) chn.period = 0;
      chn.incrementOn = false;
      chn.fadeOutVol = 0;
      chn.noteFade = true;
    } else {
      chn.volume = 0;
    }
    chn.fastRamp = true;
  }
}

/** True when the row holds a tone portamento (effect or volume column). */
export function isTonePortaRow(chn: ChannelState): boolean {
  return chn.rowIsTonePorta;
}
