// New-note actions (IT) and click removal (the others): before a new note, the playing one moves to a
// background channel (the free or quietest one) and is cut, released, faded or left to play on, and
// duplicate checks end earlier notes of the same note, sample or instrument. Follows libopenmpt's
// CheckNNA and GetNNAChannel.

import { isPlayableNote } from '../../song/notes.js';
import type { ChannelState } from './channel-state.js';
import { insHasMidi, keyOff, sampleAt } from './notes.js';
import type { ReplayerState } from './state.js';

/** Finds a free background channel for a new-note action, or the quietest one; -1 if none. */
export function getNnaChannel(r: ReplayerState, ci: number): number {
  const chans = r.channels;
  const end = r.backgroundEnd;
  for (let i = r.numChannels; i < end; i++) {
    const c = chans[i] as ChannelState;
    if (!c.length) return i;
  }
  let vol = 0x800100;
  const src = chans[ci];
  if (src) {
    if (!src.fadeOutVol && src.length) return -1;
    vol = (src.realVolume << 9) | src.volume;
  }
  let result = -1;
  let envPos = 0;
  for (let i = r.numChannels; i < end; i++) {
    const c = chans[i] as ChannelState;
    if (c.length && !c.fadeOutVol) return i;
    let v = (c.realVolume << 9) | c.volume;
    if (c.looping) v = Math.floor(v / 2);
    if (v < vol || (v === vol && (c.volEnvPos > envPos || !c.volEnvOn))) {
      envPos = c.volEnvPos;
      vol = v;
      result = i;
    }
  }
  return result;
}

function moveToBackground(r: ReplayerState, ci: number, nnaIndex: number): ChannelState {
  const src = r.channels[ci] as ChannelState;
  const dst = r.channels[nnaIndex] as ChannelState;
  if (nnaIndex >= r.usedEnd) r.usedEnd = nnaIndex + 1;
  dst.copyFrom(src);
  dst.vibratoOn = dst.tremoloOn = dst.portamento = false;
  dst.panbrelloOffset = 0;
  dst.masterChannel = ci < r.numChannels ? ci + 1 : 0;
  dst.command = 0;
  dst.nnaAge = 0;
  dst.rowNote = dst.rowInstr = dst.rowVolCmd = dst.rowVol = dst.rowCmd = dst.rowParam = 0;
  dst.rowIsTonePorta = false;
  // The pattern channel starts its next note on a fresh voice; the note itself moved.
  src.noteId = 0;
  src.length = 0;
  src.setPosition(0);
  src.voice.kill();
  return dst;
}

/** New-note action: moves the playing note to a background channel and cuts, releases or fades it. */
export function checkNna(r: ReplayerState, ci: number, instr: number, note: number, forceCut: boolean): number {
  const b = r.b;
  const src = r.channels[ci] as ChannelState;
  if (!isPlayableNote(note)) return -1;
  if (!b.isIt || r.numInstruments === 0 || forceCut) {
    if (src.muted) return -1;
    if (!src.length || !(src.voice.currentLeft || src.voice.currentRight || src.voice.gainLeft || src.voice.gainRight)) return -1;
    const nnaChn = getNnaChannel(r, ci);
    if (r.lastMovedChannel === ci) r.lastMovedChannel = nnaChn;
    if (nnaChn < 0) return -1;
    const chn = moveToBackground(r, ci, nnaChn);
    chn.muted = false;
    chn.fadeOutVol = 0;
    chn.noteFade = true;
    chn.fastRamp = true;
    return nnaChn;
  }
  if (instr > r.numInstruments) instr = 0;
  let sample = src.sample;
  const ins = instr > 0 ? (r.instruments[instr] ?? null) : src.instrument;
  let dnaNote = note;
  if (ins) {
    const smpIndex = ins.keyboard[note - 1] ?? 0;
    if (!b.itDctBehaviour || !b.itRealNoteMapping) dnaNote = ins.noteMap[note - 1] ?? note;
    if (smpIndex > 0) sample = sampleAt(r, smpIndex < r.samples.length ? smpIndex : 0);
    else if (b.itEmptyNoteMapSlot && !insHasMidi(ins)) return -1;
  }
  if (src.muted) return -1;

  for (let i = ci; i < r.backgroundEnd; i++) {
    if (i < r.numChannels && i !== ci) continue;
    const chn = r.channels[i] as ChannelState;
    if ((chn.masterChannel === ci + 1 || i === ci) && chn.instrument) {
      let applyDna = false;
      switch (chn.instrument.model.duplicateCheck) {
        case 'note': applyDna = dnaNote !== 0 && chn.note === dnaNote && ins === chn.instrument; break;
        case 'sample': applyDna = sample !== null && sample === chn.sample && (ins === chn.instrument || !b.itDctBehaviour); break;
        case 'instrument': applyDna = ins === chn.instrument; break;
        default: break;
      }
      if (applyDna) {
        switch (chn.instrument.model.duplicateAction) {
          case 'cut': keyOff(r, chn); chn.volume = 0; break;
          case 'off': keyOff(r, chn); break;
          case 'fade': chn.noteFade = true; break;
        }
        if (!chn.volume) {
          chn.fadeOutVol = 0;
          chn.noteFade = true;
          chn.fastRamp = true;
        }
      }
    }
  }
  r.lastMovedChannel = -1;
  if (!src.isSamplePlaying()) return -1;
  const nnaChn = getNnaChannel(r, ci);
  if (src.instrument === ins) r.lastMovedChannel = nnaChn;
  if (nnaChn < 0) return -1;
  const nna = src.nna;
  const chn = moveToBackground(r, ci, nnaChn);
  switch (nna) {
    case 'off': keyOff(r, chn); break;
    case 'cut': chn.fadeOutVol = 0; chn.noteFade = true; break;
    case 'fade': chn.noteFade = true; break;
    case 'continue': break;
  }
  if (!chn.volume) {
    chn.fadeOutVol = 0;
    chn.noteFade = true;
    chn.fastRamp = true;
  }
  return nnaChn;
}
