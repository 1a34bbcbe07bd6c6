// The end of every tick (libopenmpt's ReadNote): turns each channel's note state into what the mixer
// plays — final volume through envelopes, fades and global volume, final pan, final pitch through
// arpeggio, vibrato and auto-vibrato, the resonant filter — and writes it into the channel's voice.

import type { ChannelState } from './channel-state.js';
import { VOLCMD, CMD } from './commands.js';
import { envelopeValue, incrementEnvelopes, isEnvelopeProcessed } from './envelopes.js';
import { itFilterCoefficients } from './filter.js';
import {
  arpeggioTick, autoVibratoResult, autoVibratoTick, panbrelloTick, panningSwing, tremoloTick, tremorTick, vibratoTick, volumeSwing,
} from './modulation.js';
import { processMacroOnChannel } from './macros.js';
import { pitchPanSeparation } from './notes.js';
import { freq16FromPeriod, muldiv, muldivr, noteFromPeriod, periodFromNote } from './pitch.js';
import { vibrato } from './slides.js';
import type { ReplayerState } from './state.js';
import { LINEAR_SLIDE_DOWN, LINEAR_SLIDE_UP, PT_TUNED_PERIODS, XM_PAN_LAW } from './tables.js';
import { xmToModFinetune } from './pitch.js';

/** Period limits by tracker (4x Amiga units for MOD/S3M, FT2's range for XM). */
function periodLimits(r: ReplayerState): readonly [number, number] {
  const b = r.b;
  if (b.isMod) return MOD_LIMITS;
  if (b.isXm) return XM_LIMITS;
  if (b.isS3m) return b.periodsAreHertz ? S3M_HZ_LIMITS : S3M_LIMITS;
  return IT_LIMITS;
}

// The limits as constants, so that no array is made per tick.
const MOD_LIMITS = [14 * 4, 3424 * 4] as const;
const XM_LIMITS = [1, 31999] as const;
const S3M_HZ_LIMITS = [1, 32767] as const;
const S3M_LIMITS = [64, 32767] as const;
const IT_LIMITS = [0, 0x7fffffff] as const;

function processVolumeEnvelope(r: ReplayerState, chn: ChannelState, vol: number): number {
  if (!isEnvelopeProcessed(r.b, chn, 'volume')) return vol;
  const env = chn.instrument?.model.volumeEnvelope;
  if (!env) return vol;
  if (r.b.itEnvelopePositionHandling && chn.volEnvPos === 0) return vol;
  const pos = chn.volEnvPos - (r.b.itEnvelopePositionHandling ? 1 : 0);
  const value = envelopeValue(env, 'volume', pos, 256);
  return Math.trunc((vol * Math.max(0, Math.min(512, value))) / 256);
}

function processPanningEnvelope(r: ReplayerState, chn: ChannelState): void {
  if (!isEnvelopeProcessed(r.b, chn, 'pan')) return;
  const env = chn.instrument?.model.panEnvelope;
  if (!env) return;
  if (r.b.itEnvelopePositionHandling && chn.panEnvPos === 0) return;
  const pos = chn.panEnvPos - (r.b.itEnvelopePositionHandling ? 1 : 0);
  const envval = envelopeValue(env, 'pan', pos, 64) - 32;
  let pan = chn.realPan;
  if (pan >= 128) pan += Math.trunc((envval * (256 - pan)) / 32);
  else pan += Math.trunc((envval * pan) / 32);
  chn.realPan = Math.max(0, Math.min(256, pan));
}

function processInstrumentFade(chn: ChannelState, vol: number): number {
  if (!chn.noteFade || !chn.instrument) return vol;
  const fadeout = chn.instrument.fadeout;
  if (fadeout) {
    chn.fadeOutVol = Math.max(0, chn.fadeOutVol - fadeout * 2);
    return Math.floor((vol * chn.fadeOutVol) / 65536);
  }
  return chn.fadeOutVol ? vol : 0;
}

/** Scratch for volume swing (the tick loop allocates nothing). */
const SWING = { vol: 0, insVol: 0 };

/** This tick's frequency for writeVoice, in Hz (a double handed over in a field is not boxed, an argument may be). */
const TICK_FREQ = { hz: 0.5 };

/**
 * Pitch envelope (returns the period) or filter envelope: then `pitchFilter.envFilter` is the
 * filter modifier, null when the filter does not change.
 */
const pitchFilter: { envFilter: number | null } = { envFilter: null };

function processPitchFilterEnvelope(r: ReplayerState, chn: ChannelState, periodIn: number): number {
  let period = periodIn;
  pitchFilter.envFilter = null;
  if (!isEnvelopeProcessed(r.b, chn, 'pitch')) return period;
  const ins = chn.instrument?.model;
  if (!ins) return period;
  const isFilter = ins.pitchEnvelopeIsFilter;
  if (r.b.itEnvelopePositionHandling && chn.pitchEnvPos === 0) {
    pitchFilter.envFilter = isFilter ? 0 : null;
    return period;
  }
  const pos = chn.pitchEnvPos - (r.b.itEnvelopePositionHandling ? 1 : 0);
  const envval = envelopeValue(ins.pitchEnvelope, 'pitch', pos, 512) - 256;
  if (isFilter) {
    pitchFilter.envFilter = envval;
    return period;
  }
  const up = r.b.periodsAreHertz ? LINEAR_SLIDE_UP : LINEAR_SLIDE_DOWN;
  const down = r.b.periodsAreHertz ? LINEAR_SLIDE_DOWN : LINEAR_SLIDE_UP;
  if (envval < 0) period = muldiv(period, down[Math.min(255, -envval)] ?? 65536, 65536);
  else period = muldiv(period, up[Math.min(255, envval)] ?? 65536, 65536);
  return period;
}

/** Sets the channel's filter (IT). Returns nothing; coefficients land on the voice. */
function setupFilter(r: ReplayerState, chn: ChannelState, reset: boolean, envModifier: number): void {
  const cutoff = Math.max(0, Math.min(127, chn.cutOff + chn.cutSwing));
  const resonance = Math.max(0, Math.min(127, (chn.resonance & 0x7f) + chn.resSwing));
  chn.cutOff = cutoff;
  chn.cutSwing = 0;
  chn.resonance = resonance;
  chn.resSwing = 0;
  const computed = Math.trunc((cutoff * (envModifier + 256)) / 256);
  if (r.b.itFilterBehaviour && resonance === 0 && computed >= 254) {
    if (chn.triggerNote) chn.filterActive = false;
    return;
  }
  chn.filterActive = true;
  chn.voice.filter = itFilterCoefficients(cutoff, resonance, envModifier, r.sampleRate, chn.filterHighPass);
  if (reset) {
    chn.voice.filterY1L = chn.voice.filterY2L = chn.voice.filterY1R = chn.voice.filterY2R = 0;
  }
}

/** ModPlug's attenuation by channel count, indexed by channels / 2 (1..31). */
const PRE_AMP_TABLE = [0x60, 0x60, 0x60, 0x70, 0x80, 0x88, 0x90, 0x98, 0xa0, 0xa4, 0xa8, 0xac, 0xb0, 0xb4, 0xb8, 0xbc];

/** The master volume of OpenMPT's "Original" mix levels: pre-amp 128 scaled by the channel count. */
function modplugMasterVolume(r: ReplayerState): number {
  const channels = Math.max(1, Math.min(31, r.numChannels));
  const master = Math.floor((128 * (r.song.mixVolume || 48)) / 64);
  return Math.floor((master << 7) / (PRE_AMP_TABLE[channels >> 1] ?? 0x60));
}

/** Computes every channel's output for this tick and writes it to the voices. */
export function updateVoices(r: ReplayerState): void {
  const b = r.b;
  const limits = periodLimits(r);
  const minPeriod = limits[0];
  const maxPeriod = limits[1];
  const masterVol = b.modplugMixLevels ? modplugMasterVolume(r) : Math.max(1, r.song.mixVolume || 48);
  for (let ci = 0; ci < r.usedEnd; ci++) {
    const chn = r.channels[ci] as ChannelState;
    const voice = chn.voice;
    const isBackground = ci >= r.numChannels;
    if (isBackground && chn.nnaAge < 0xffff) chn.nnaAge++;
    if (isBackground && !chn.length) {
      if (voice.active) voice.stop();
      continue;
    }
    const mutedByUser = !isBackground && r.userMuted[ci] === true;
    chn.incrementOn = false;
    chn.realVolume = 0;
    let period = 0;
    const samplePlaying = chn.period !== 0 && chn.length !== 0;
    if (samplePlaying) {
      const v = SWING;
      v.vol = chn.volume;
      v.insVol = chn.insVol;
      volumeSwing(r, chn, v);
      panningSwing(r, chn);
      let vol = tremoloTick(r, chn, v.vol);
      vol = tremorTick(r, chn, vol);
      vol = Math.max(0, Math.min(256, vol)) << 6;
      if (chn.instrument) {
        if (b.itEnvelopePositionHandling) incrementEnvelopes(b, chn);
        vol = processVolumeEnvelope(r, chn, vol);
        vol = processInstrumentFade(chn, vol);
        processPanningEnvelope(r, chn);
        if (!b.itPitchPanSeparation && chn.note !== 0 && chn.instrument.model.pitchPanSeparation !== 0) {
          chn.realPan = pitchPanSeparation(chn.realPan, chn.note, chn.instrument);
        }
      } else if (chn.noteFade) {
        chn.fadeOutVol = 0;
        vol = 0;
      }
      if (vol) chn.realVolume = muldiv(vol * r.globalVolume, chn.globalVol * v.insVol, 1 << 20);
      // ST3 only clamps the output period. Test: PeriodLimit.s3m
      if (chn.period < minPeriod && !b.isS3m && !b.periodsAreHertz) chn.period = minPeriod;
      else if (chn.period >= maxPeriod && b.applyUpperPeriodLimit && !b.periodsAreHertz) chn.period = maxPeriod;
      if (b.ft2Periods) chn.period = Math.max(1, Math.min(31999, chn.period));
      period = chn.period;
      if (chn.glissando && chn.portamento && (!b.ptMode || (chn.rowIsTonePorta && !r.firstTick))) {
        if (period !== chn.cachedPeriod) {
          chn.cachedPeriod = period;
          chn.glissandoPeriod = periodFromNote(b, noteFromPeriod(b, period, chn.fineTune, chn.c5Speed), chn.fineTune, chn.c5Speed);
        }
        period = chn.glissandoPeriod;
      }
      period = arpeggioTick(r, chn, period);
      if (b.amigaLimits && period !== 0x7fffffff) {
        let lo = 113 * 4;
        let hi = 856 * 4;
        if (!b.isS3m) {
          const off = xmToModFinetune(chn.fineTune) * 12;
          lo = Math.floor((PT_TUNED_PERIODS[off + 11] ?? 0) / 2);
          hi = (PT_TUNED_PERIODS[off] ?? 0) * 2;
          if (lo < 113 * 4) lo = 113 * 4;
        }
        period = Math.max(lo, Math.min(hi, period));
        chn.period = Math.max(lo, Math.min(hi, chn.period));
      }
      panbrelloTick(r, chn);
    }
    // IT: no pan modulation on surround channels. Test: surround-pan.it
    if (chn.surround && b.itNoSurroundPan) chn.realPan = 128;

    // Initial filter of a new note (libopenmpt's HandleNoteChangeFilter).
    if (chn.triggerNote) {
      const ins = chn.instrument?.model;
      if (ins) {
        if (ins.filterResonance !== null) chn.resonance = ins.filterResonance;
        if (ins.filterCutoff !== null) chn.cutOff = ins.filterCutoff;
      } else {
        chn.volSwing = chn.panSwing = 0;
        chn.cutSwing = chn.resSwing = 0;
      }
      // No envelope modifier here (256 = neutral): full cutoff without resonance means no filter.
      if (chn.cutOff < 0x7f || b.itFilterBehaviour) setupFilter(r, chn, true, 256);
      chn.filterDirty = false;
    }
    if (ci < r.numChannels) processMacroOnChannel(r, chn);
    if (chn.filterDirty) {
      // Zxx changed cutoff or resonance.
      setupFilter(r, chn, !chn.filterActive, 256);
      chn.filterDirty = false;
    }

    let frac = 0;
    if (samplePlaying) {
      period = processPitchFilterEnvelope(r, chn, period);
      if (pitchFilter.envFilter !== null) setupFilter(r, chn, chn.triggerNote, pitchFilter.envFilter);
    }
    if (chn.rowVolCmd === VOLCMD.VIBRATODEPTH && (chn.rowCmd === CMD.VIBRATO || chn.rowCmd === CMD.VIBRATOVOL || chn.rowCmd === CMD.FINEVIBRATO)) {
      if (b.isXm) {
        // FT2 advances vibrato twice with both columns. Test: VibratoDouble.xm
        if (!r.firstTick) chn.vibratoPos = (chn.vibratoPos + chn.vibratoSpeed) & 0xff;
      } else if (b.isIt) {
        vibrato(chn, chn.rowVol);
        period = vibratoTick(r, chn, period);
      }
    }
    period = vibratoTick(r, chn, period);

    let freq = 0;
    if (samplePlaying) {
      period = autoVibratoTick(r, chn, period);
      frac = autoVibratoResult.frac;
      if (period <= minPeriod) {
        if (b.st3LimitPeriod) chn.length = 0;
        period = minPeriod;
      }
      freq = freq16FromPeriod(b, Math.max(1, period), chn, frac);
      chn.incrementOn = true;
    }

    if (chn.instrument && !b.itEnvelopePositionHandling) incrementEnvelopes(b, chn);

    // FT2: silent faded notes keep running for later portamento pickup. Test: FadeoutPickup.xm
    // Only a pattern channel can pick a note up again: a faded background voice simply ends.
    if (chn.noteFade && !(chn.fadeOutVol || voice.currentLeft || voice.currentRight) && (!b.ft2ProcessSilentChannels || isBackground)) {
      chn.length = 0;
      // libopenmpt's mixer rewinds a voice that it ramps down to silence (not one that was silent
      // already), so a later ST3 portamento, which does not restart the sample, picks the note up from
      // the start. Test: pitch.test.ts "S3M: tone portamento after a note cut restarts the sample"
      if (chn.rampedToSilence) chn.setPosition(0);
    }

    chn.oldKeyOff = chn.keyOff;
    chn.triggerNote = false;
    TICK_FREQ.hz = freq / 16;
    writeVoice(r, chn, masterVol, mutedByUser);
    // A background voice that can no longer be heard ends after this tick's fade (as libopenmpt
    // does); otherwise faded-out looping notes would be mixed, silently, forever.
    if (isBackground && !(chn.volume && chn.globalVol && chn.insVol)) chn.length = 0;
  }
}

/** Converts the channel's final volume and pan into mixer gains and loop settings. */
function writeVoice(r: ReplayerState, chn: ChannelState, masterVol: number, mutedByUser: boolean): void {
  const voice = chn.voice;
  const smp = chn.sample;
  const wasAudible = voice.gainLeft !== 0 || voice.gainRight !== 0;
  chn.rampedToSilence = false;
  if (smp?.midiOnly) {
    // A MIDI-only note: the MIDI output reads its pitch; nothing is mixed.
    voice.frequency = chn.incrementOn ? TICK_FREQ.hz : 0;
    voice.gainLeft = voice.gainRight = 0;
    if (voice.active) voice.stop();
    return;
  }
  if (!smp || smp.length === 0 || !chn.length || !chn.incrementOn) {
    chn.length = smp && smp.length === 0 ? 0 : chn.length;
    voice.gainLeft = voice.gainRight = 0;
    if (voice.active) voice.stop();
    return;
  }
  if (voice.sample !== smp.mix) voice.sample = smp.mix;
  if (!voice.active) {
    voice.active = voice.position < smp.length;
    voice.stopping = false;
  }
  voice.frequency = TICK_FREQ.hz;
  voice.loopMode = chn.looping ? (chn.pingPongLoop ? 'pingpong' : 'forward') : 'none';
  // libopenmpt turns IT's ping-pong loops a frame before the end, every other format's at the end
  // (kITPingPongMode). Test: mixer.test.ts "the replayer turns IT ping-pong loops".
  voice.pingPongTurn = r.b.isIt ? 1 : 0;
  voice.loopStart = chn.loopStart;
  voice.loopEnd = chn.looping ? Math.min(chn.loopEnd, smp.length) : smp.length;
  if (chn.oneShotPending) voice.pendingLoopEnd = smp.loopEnd;
  if (!chn.looping && chn.length < smp.length) voice.loopEnd = chn.length;
  voice.surround = chn.surround;
  if (!chn.filterActive) voice.filter = null;
  // The song's stereo separation narrows every pan towards the centre (128: as panned; 0: mono).
  const sep = r.song.stereoSeparation;
  const clamped = Math.max(0, Math.min(256, chn.realPan));
  const pan = sep >= 128 ? clamped : 128 + Math.round(((clamped - 128) * Math.max(0, sep)) / 128);
  let realvol = Math.floor((chn.realVolume * masterVol) / 128);
  // Compatible mix levels halve here; ModPlug's levels keep the pre-amp and attenuate 16x below.
  if (!r.b.modplugMixLevels) realvol = Math.floor(realvol / 2);
  let left: number;
  let right: number;
  if (r.b.ft2PanLaw) {
    const p = Math.min(255, pan);
    const panL = p > 0 ? (XM_PAN_LAW[256 - p] ?? 65536) : 65536;
    const panR = XM_PAN_LAW[p] ?? 0;
    left = Math.floor((realvol * panL) / 65536);
    right = Math.floor((realvol * panR) / 65536);
  } else {
    left = Math.floor((realvol * (256 - pan)) / 256);
    right = Math.floor((realvol * pan) / 256);
  }
  // One extra halving as libopenmpt's compatible mix levels do; 4096 is unity gain. ModPlug's
  // levels attenuate by 4 bits instead (measured against libopenmpt: bench/corpus-compare.ts).
  const scale = mutedByUser ? 0 : r.b.modplugMixLevels ? 1 / (16 * 4096) : 1 / (2 * 4096);
  voice.gainLeft = left * scale;
  voice.gainRight = right * scale;
  chn.rampedToSilence = wasAudible && voice.gainLeft === 0 && voice.gainRight === 0;
  void muldivr;
}
