// Named replayer behaviours, resolved once from a song's playback profile. The replayer tests these
// names; each is one documented quirk of an original tracker (the comment names the libopenmpt test
// module that demonstrates it), switched on by a profile flag or by the profile's base tracker.

import type { PlaybackProfile } from '../../song/profile.js';

/** Every behaviour switch the replayer consults. */
export interface Behaviour {
  readonly base: 'mod' | 'xm' | 's3m' | 'it';
  // Dialect of the base tracker: how parameters of shared effects are read.
  /** MOD or XM (ProTracker lineage): volume/pan/global slide nibble priority, no fine-slide encoding. */
  readonly ptLineage: boolean;
  /** S3M or IT: Dxy/Exx/Fxx/Pxy/Nxy/Wxy encode fine slides with F/E nibbles, S00 and friends recall memory. */
  readonly st3Lineage: boolean;
  readonly isXm: boolean;
  readonly isMod: boolean;
  readonly isS3m: boolean;
  readonly isIt: boolean;
  // Flags.
  readonly linearSlides: boolean;
  readonly periodsAreHertz: boolean;
  /** MOD/XM pitch: samples carry relative note + finetune (period tables), not a C-5 speed. */
  readonly finetuneAndTranspose: boolean;
  readonly amigaLimits: boolean;
  readonly ptMode: boolean;
  readonly vblankTiming: boolean;
  readonly modOneShotLoops: boolean;
  readonly modIgnorePanning: boolean;
  readonly modSampleSwap: boolean;
  /** OpenMPT's "Original" mix levels (old ModPlug files). Test: profile flag modplugMixLevels */
  readonly modplugMixLevels: boolean;
  readonly modOutOfRangeNoteDelay: boolean;
  readonly modTempoOnSecondTick: boolean;
  readonly fastVolumeSlides: boolean;
  readonly oldEffects: boolean;
  readonly compatibleGxx: boolean;
  // FastTracker 2 (test modules named after OpenMPT's test suite).
  readonly ft2Arpeggio: boolean;            // Arpeggio.xm, ArpSlide.xm
  readonly ft2Retrigger: boolean;           // retrig.xm
  readonly ft2VolColVibrato: boolean;       // VibratoDouble.xm
  readonly ft2PortaNoNote: boolean;         // 3xx-no-old-samp.xm
  readonly ft2KeyOff: boolean;              // keyoff+instr.xm
  readonly ft2PanSlide: boolean;            // PanSlide.xm
  readonly ft2St3OffsetOutOfRange: boolean; // 3xx-no-old-samp.xm, OffsetPastSampleEnd.s3m
  readonly ft2RestrictXCommand: boolean;
  readonly ft2RetrigWithNoteDelay: boolean; // delay2.xm
  readonly ft2SetPanEnvPos: boolean;        // SetEnvPos.xm
  readonly ft2PortaIgnoreInstr: boolean;    // porta-delay.xm
  readonly ft2VolColMemory: boolean;        // PanSlideZero.xm
  readonly ft2LoopE60Restart: boolean;      // PatLoop-Jumps.xm
  readonly ft2ProcessSilentChannels: boolean; // FadeoutPickup.xm
  readonly ft2ReloadSampleSettings: boolean;  // keyoff+instr.xm
  readonly ft2PortaDelay: boolean;          // PortaDelay.xm
  readonly ft2Transpose: boolean;           // NoteLimit.xm
  readonly ft2PatternLoopWithJumps: boolean; // PatLoop-Various.xm
  readonly ft2PortaTargetNoReset: boolean;  // Porta-Pickup.xm
  readonly ft2EnvelopeEscape: boolean;      // EnvLoops.xm
  readonly ft2Tremor: boolean;              // Tremor.xm
  readonly ft2OutOfRangeDelay: boolean;     // DelayCombination.xm
  readonly ft2Periods: boolean;             // FreqWraparound.xm
  readonly ft2PanWithDelayedNoteOff: boolean; // PanOff.xm
  readonly ft2VolColDelay: boolean;         // VolColDelay.xm
  readonly ft2FinetunePrecision: boolean;   // Finetune-Precision.xm
  readonly ft2NoteOffFlags: boolean;        // NoteOffFadeNoEnv.xm
  readonly ft2TremoloRampWaveform: boolean; // TremoloWaveforms.xm
  readonly ft2PortaUpDownMemory: boolean;   // Porta-LinkMem.xm
  readonly ft2PanSustainRelease: boolean;   // PanSustainRelease.xm
  readonly ft2NoteDelayWithoutInstr: boolean; // DelayVolume.xm
  readonly ft2PortaResetDirection: boolean; // PortaResetDirection.xm
  readonly ft2AutoVibratoAbortSweep: boolean; // AutoVibratoSweepKeyOff.xm
  readonly ft2OffsetMemoryRequiresNote: boolean; // OffsetWithoutNote.xm
  readonly ft2PanLaw: boolean;              // FT2PanLaw.xm
  // Scream Tracker 3.
  readonly st3NoMutedChannels: boolean;
  readonly st3PortaSampleChange: boolean;   // PortaSmpChange.s3m
  readonly st3EffectMemory: boolean;        // ParamMemory.s3m
  readonly st3VibratoMemory: boolean;       // VibratoTypeChange.s3m
  readonly st3PortaAfterArpeggio: boolean;  // PortaAfterArp.s3m
  readonly st3OffsetWithoutInstrument: boolean; // OxxMemory.s3m
  readonly st3RetrigAfterNoteCut: boolean;  // RetrigAfterNoteCut.s3m
  readonly st3SampleSwap: boolean;          // SampleSwap.s3m
  readonly st3LimitPeriod: boolean;
  readonly applyUpperPeriodLimit: boolean;  // PeriodLimitUpper.s3m
  readonly s3mIgnoreCombinedFineSlides: boolean; // NoCombinedSlidesOnFirstTick-Normal.s3m
  // Impulse Tracker.
  readonly itInstrWithoutNote: boolean;
  readonly itVolColFinePortamento: boolean;
  readonly itArpeggio: boolean;             // JxxTicks.it
  readonly itOutOfRangeDelay: boolean;      // tickdelay.it
  readonly itPortaMemoryShare: boolean;
  readonly itPatternLoopTargetReset: boolean;
  readonly itFt2PatternLoop: boolean;
  readonly itPingPongNoReset: boolean;
  readonly itEnvelopeReset: boolean;        // EnvReset.it
  readonly itClearOldNoteAfterCut: boolean;
  readonly itVibratoTremoloPanbrello: boolean; // vibrato.it
  readonly itTremor: boolean;
  readonly itRetrigger: boolean;            // retrig.it
  readonly itMultiSampleBehaviour: boolean; // freqreset-noins.it
  readonly itPortaTargetReached: boolean;
  readonly itPatternLoopBreak: boolean;     // gm-trippy01.it
  readonly itOffset: boolean;
  readonly itSwingBehaviour: boolean;
  readonly itNnaReset: boolean;             // s7xinsnum.it
  readonly itScxStopsSample: boolean;       // scx.it
  readonly itEnvelopePositionHandling: boolean; // s77.it
  readonly itPortamentoInstrument: boolean; // PortaInsNumCompat.it
  readonly itPingPongMode: boolean;
  readonly itRealNoteMapping: boolean;
  readonly itHighOffsetNoRetrig: boolean;
  readonly itFilterBehaviour: boolean;      // filter-reset.it
  readonly itNoSurroundPan: boolean;        // surround-pan.it
  readonly itShortSampleRetrig: boolean;    // retrig-short.it
  readonly itPortaNoNote: boolean;          // Fade-Porta.it
  readonly itFt2DontResetNoteOffOnPorta: boolean; // Off-Porta.it, Off-Porta.xm
  readonly itVolColMemory: boolean;         // VolColMemory.it
  readonly itPortamentoSwapResetsPos: boolean; // PortaInsNum.it
  readonly itEmptyNoteMapSlot: boolean;     // emptyslot.it
  readonly itFirstTickHandling: boolean;    // SlideDelay.it
  readonly itSampleAndHoldPanbrello: boolean; // RandomWaveform.it
  readonly itClearPortaTarget: boolean;     // PortaReset.it
  readonly itPanbrelloHold: boolean;        // PanbrelloHold.it
  readonly itPanningReset: boolean;         // PanReset.it
  readonly itPatternLoopWithJumps: boolean; // LoopBreak.it
  readonly itInstrWithNoteOff: boolean;     // NoteOffInstr.it
  readonly itMultiSampleInstrumentNumber: boolean; // InstrAfterMultisamplePorta.it
  readonly rowDelayWithNoteDelay: boolean;  // PatternDelay-NoteDelay.it/.xm
  readonly itInstrWithNoteOffOldEffects: boolean; // ResetEnvNoteOffOldFx.it
  readonly itDoNotOverrideChannelPan: boolean; // PanResetInstr.it
  readonly itDctBehaviour: boolean;         // dct_smp_note_test.it
  readonly itPitchPanSeparation: boolean;   // PitchPanReset.it
  readonly itResetFilterOnPortaSmpChange: boolean;
  readonly itInitialNoteMemory: boolean;    // InitialNoteMemory.it
  readonly itNoSustainOnPortamento: boolean; // SampleSustainAfterPorta.it
  readonly itEmptyNoteMapSlotIgnoreCell: boolean; // NoMap.it
  readonly itOffsetWithInstrNumber: boolean; // OffsetWithInstr.it
  readonly itDoublePortamentoSlides: boolean; // DoubleSlide.it
  readonly itCarryAfterNoteOff: boolean;
  readonly itNoteCutWithPorta: boolean;     // SCx-Reset.it
  readonly itVolColNoSlidePropagation: boolean;
  readonly itStoppedFilterEnvAtStart: boolean;
  readonly tempoClamp: boolean;
  readonly perChannelGlobalVolSlide: boolean;
  readonly panOverride: boolean;            // SmpInsPanSurround.it
}

/** Works out every behaviour from a profile. */
export function resolveBehaviour(profile: PlaybackProfile): Behaviour {
  const f = profile.flags;
  const base = profile.base;
  const it = f.itQuirks;
  const ft2 = f.ft2Quirks;
  const st3 = f.st3Quirks;
  const ptMode = f.protrackerMode;
  return {
    base,
    ptLineage: base === 'mod' || base === 'xm',
    st3Lineage: base === 's3m' || base === 'it',
    isXm: base === 'xm',
    isMod: base === 'mod',
    isS3m: base === 's3m',
    isIt: base === 'it',
    linearSlides: f.linearSlides,
    periodsAreHertz: f.periodsAreHertz,
    finetuneAndTranspose: base === 'mod' || base === 'xm',
    amigaLimits: f.amigaPeriodLimits || ptMode,
    ptMode,
    vblankTiming: f.vblankTiming,
    modOneShotLoops: f.modOneShotLoops,
    modIgnorePanning: f.modIgnorePanning,
    modSampleSwap: ptMode,
    modplugMixLevels: f.modplugMixLevels,
    modOutOfRangeNoteDelay: ptMode,
    modTempoOnSecondTick: ptMode,
    fastVolumeSlides: f.st3FastVolumeSlides,
    oldEffects: f.itOldEffects,
    compatibleGxx: f.itCompatibleGxx,
    ft2Arpeggio: f.ft2Arpeggio,
    ft2Retrigger: ft2,
    ft2VolColVibrato: ft2,
    ft2PortaNoNote: f.ft2PortaNoNote,
    ft2KeyOff: ft2,
    ft2PanSlide: ft2,
    ft2St3OffsetOutOfRange: f.ft2OffsetOutOfRange,
    ft2RestrictXCommand: ft2,
    ft2RetrigWithNoteDelay: ft2,
    ft2SetPanEnvPos: ft2,
    ft2PortaIgnoreInstr: ft2,
    ft2VolColMemory: ft2,
    ft2LoopE60Restart: ft2,
    ft2ProcessSilentChannels: ft2,
    ft2ReloadSampleSettings: ft2,
    ft2PortaDelay: ft2,
    ft2Transpose: ft2,
    ft2PatternLoopWithJumps: ft2,
    ft2PortaTargetNoReset: ft2,
    ft2EnvelopeEscape: ft2,
    ft2Tremor: ft2,
    ft2OutOfRangeDelay: ft2,
    ft2Periods: ft2,
    ft2PanWithDelayedNoteOff: ft2,
    ft2VolColDelay: ft2,
    ft2FinetunePrecision: ft2,
    ft2NoteOffFlags: ft2,
    ft2TremoloRampWaveform: f.tremoloRampWaveform,
    ft2PortaUpDownMemory: ft2,
    ft2PanSustainRelease: ft2,
    ft2NoteDelayWithoutInstr: ft2,
    ft2PortaResetDirection: ft2,
    ft2AutoVibratoAbortSweep: ft2,
    ft2OffsetMemoryRequiresNote: ft2,
    ft2PanLaw: f.ft2PanLaw,
    st3NoMutedChannels: st3,
    st3PortaSampleChange: f.st3PortaSampleChange,
    st3EffectMemory: st3,
    st3VibratoMemory: st3,
    st3PortaAfterArpeggio: st3,
    st3OffsetWithoutInstrument: st3,
    st3RetrigAfterNoteCut: st3,
    st3SampleSwap: f.st3SampleSwap,
    st3LimitPeriod: f.st3LimitPeriod,
    applyUpperPeriodLimit: st3,
    s3mIgnoreCombinedFineSlides: f.s3mIgnoreCombinedFineSlides,
    itInstrWithoutNote: it,
    itVolColFinePortamento: it,
    itArpeggio: it,
    itOutOfRangeDelay: it,
    itPortaMemoryShare: it,
    itPatternLoopTargetReset: it,
    itFt2PatternLoop: it || ft2,
    itPingPongNoReset: it,
    itEnvelopeReset: it,
    itClearOldNoteAfterCut: it,
    itVibratoTremoloPanbrello: it,
    itTremor: it,
    itRetrigger: f.itRetrigger,
    itMultiSampleBehaviour: it,
    itPortaTargetReached: it,
    itPatternLoopBreak: it,
    itOffset: it,
    itSwingBehaviour: it,
    itNnaReset: it,
    itScxStopsSample: it,
    itEnvelopePositionHandling: it,
    itPortamentoInstrument: it,
    itPingPongMode: it,
    itRealNoteMapping: it,
    itHighOffsetNoRetrig: it,
    itFilterBehaviour: it,
    itNoSurroundPan: it,
    itShortSampleRetrig: f.itShortSampleRetrig,
    itPortaNoNote: f.itPortaNoNote,
    itFt2DontResetNoteOffOnPorta: it || ft2,
    itVolColMemory: it,
    itPortamentoSwapResetsPos: f.itPortamentoSwapResetsPos,
    itEmptyNoteMapSlot: it,
    itFirstTickHandling: it,
    itSampleAndHoldPanbrello: it,
    itClearPortaTarget: it,
    itPanbrelloHold: it || st3,
    itPanningReset: it,
    itPatternLoopWithJumps: it,
    itInstrWithNoteOff: it,
    itMultiSampleInstrumentNumber: it,
    rowDelayWithNoteDelay: true,
    itInstrWithNoteOffOldEffects: it,
    itDoNotOverrideChannelPan: it,
    itDctBehaviour: it,
    itPitchPanSeparation: it,
    itResetFilterOnPortaSmpChange: it,
    itInitialNoteMemory: it,
    itNoSustainOnPortamento: it,
    itEmptyNoteMapSlotIgnoreCell: it,
    itOffsetWithInstrNumber: it,
    itDoublePortamentoSlides: it,
    itCarryAfterNoteOff: it,
    itNoteCutWithPorta: it,
    itVolColNoSlidePropagation: it,
    itStoppedFilterEnvAtStart: it,
    tempoClamp: it || ft2 || st3,
    perChannelGlobalVolSlide: it || ft2,
    panOverride: it || ft2 || st3,
  };
}
