// The export linter's semantic half: the song's playback rules (profile flags, base tracker, tuning) that
// the written file's readers will not reproduce, judged from the profile our reader gives the file back;
// a rule family is reported only when the song uses what it governs.

import type { PlaybackProfile, ProfileBase, ProfileFlag } from '../../song/profile.js';
import type { Song } from '../../song/song.js';
import { type PitchModel, pitchModel, tableCents, TUNING_TOLERANCE_CENTS } from './tuning.js';
import { type SongUsage, scanSongUsage, usesEffect, usesEffectMemory, usesVolume, usesVolumeMemory } from './song-usage.js';

/** A family of playback rules: which trackers share it, which flags switch it, and when a song uses it. */
interface RuleTopic {
  readonly id: string;
  /** What differs, in the linter's words ("{from}" and "{to}" name the trackers). */
  readonly text: string;
  /** Base trackers that follow the same rules here (others each follow their own); null: the base does not matter. */
  readonly families: readonly (readonly ProfileBase[])[] | null;
  /** Profile flags that change these rules. */
  readonly flags: readonly ProfileFlag[];
  /** True when the song uses something these rules govern (as far as these two profiles disagree). */
  readonly uses: (u: SongUsage, song: Song, from: PlaybackProfile, to: PlaybackProfile) => boolean;
  /** Optional finer test of whether the two profiles really disagree here. */
  readonly differs?: (from: PlaybackProfile, to: PlaybackProfile) => boolean;
}

/** ProTracker's arpeggio wraps from model note 85 (one above its B-3). Test: ArpWraparound.mod */
const PT_ARPEGGIO_WRAP = 85;

const ONE_PER_BASE: readonly (readonly ProfileBase[])[] = [['mod'], ['xm'], ['s3m'], ['it']];
const PT_SHARED: readonly (readonly ProfileBase[])[] = [['mod', 'xm'], ['s3m'], ['it']];

const PITCH_SLIDES = ['portaUp', 'portaDown', 'finePortaUp', 'finePortaDown', 'extraFinePortaUp', 'extraFinePortaDown', 'tonePorta', 'tonePortaVolSlide', 'glissando'] as const;

function hasEnvelopeRisk(song: Song): boolean {
  return song.instruments.some((ins) => {
    const v = ins.volumeEnvelope;
    const p = ins.panEnvelope;
    const volumeRisk = v.enabled && v.points.length > 0 && (
      // Loops: FastTracker 2 loops back at the end point, Impulse Tracker a tick after it.
      v.loop !== null
      // Impulse Tracker starts the fadeout when the volume envelope ends; FastTracker 2 only at key-off.
      || (v.sustain === null && ins.fadeout > 0)
      || (v.points[v.points.length - 1]?.value ?? 1) === 0);
    const panRisk = p.enabled && p.points.length > 0 && (p.sustain !== null || p.loop !== null);
    return volumeRisk || panRisk || ins.pitchEnvelope.enabled || v.carry || p.carry;
  });
}

/** Note-offs whose release FT2 and IT handle differently (FT2 cuts an instrument without a volume envelope). */
function hasNoteOffRisk(u: SongUsage, song: Song): boolean {
  if (u.noteFade > 0 || u.noteOffWithInstrument > 0 || usesEffect(u, 'keyOff')) return true;
  if (u.noteOff === 0) return false;
  if (song.instruments.length === 0) return true;
  return song.instruments.some((ins) => !ins.volumeEnvelope.enabled || ins.volumeEnvelope.points.length === 0);
}

function playedSampleUses(song: Song, u: SongUsage, test: (s: Song['samples'][number]) => boolean): boolean {
  for (const n of u.playedSamples) {
    const s = song.samples[n - 1];
    if (s && test(s)) return true;
  }
  return false;
}

const TOPICS: readonly RuleTopic[] = [
  {
    id: 'pitch',
    text: 'pitch slides and portamento follow {from}\'s pitch model (Amiga periods, limits); {to} slides pitch its own way',
    families: null,
    flags: ['linearSlides', 'periodsAreHertz', 'amigaPeriodLimits', 'st3LimitPeriod', 'protrackerMode'],
    uses: (u) => usesEffect(u, ...PITCH_SLIDES) || usesVolume(u, 'tonePorta', 'portaUp', 'portaDown'),
    // Linear slides move by the same 1/64-semitone steps everywhere; period slides by the same period
    // units in ProTracker, FT2's Amiga mode, ST3 and IT's period mode; frequency slides are IT's own.
    differs: (a, b) => {
      if (a.flags.linearSlides && b.flags.linearSlides) return false;
      const domain = (p: PlaybackProfile) => (pitchModel(p.base, p.flags.linearSlides, p.flags.periodsAreHertz) === 'et' ? 'frequency' : 'period');
      if (domain(a) !== domain(b)) return true;
      return (['amigaPeriodLimits', 'st3LimitPeriod', 'protrackerMode'] as const).some((f) => a.flags[f] !== b.flags[f]);
    },
  },
  {
    id: 'modulation',
    text: 'vibrato, tremolo and panbrello (depth, waveforms, first-tick update) play by {from}\'s rules, not {to}\'s',
    families: PT_SHARED,
    flags: ['protrackerMode', 'itOldEffects', 'tremoloRampWaveform', 'st3Quirks'],
    uses: (u) => usesEffect(u, 'vibrato', 'fineVibrato', 'tremolo', 'panbrello', 'vibratoVolSlide', 'vibratoWaveform', 'tremoloWaveform', 'panbrelloWaveform') || usesVolume(u, 'vibratoSpeed', 'vibratoDepth'),
  },
  {
    id: 'autoVibrato',
    text: 'sample auto-vibrato follows {from}\'s tables and sweep, not {to}\'s',
    families: ONE_PER_BASE,
    flags: ['itQuirks', 'ft2Quirks'],
    uses: (u, song) => playedSampleUses(song, u, (s) => s.vibrato.depth > 0),
  },
  {
    id: 'arpeggio',
    text: 'arpeggio follows {from}\'s tick order and note wrap, not {to}\'s',
    // MOD, S3M and IT step note, +x, +y from the row's first tick; FT2 counts from the row's end.
    families: [['mod', 's3m', 'it'], ['xm']],
    flags: ['ft2Arpeggio', 'protrackerMode'],
    // ProTracker's arpeggio differs from the others only where it runs past B-3 and wraps.
    uses: (u, _song, a, b) => usesEffect(u, 'arpeggio') && (a.base !== b.base && (a.base === 'xm' || b.base === 'xm') || a.flags.ft2Arpeggio !== b.flags.ft2Arpeggio || u.arpeggioReach >= PT_ARPEGGIO_WRAP),
  },
  {
    id: 'retrigger',
    text: 'note retrigger (Qxy/Rxy/E9x) counts ticks the way {from} does, not {to}',
    families: ONE_PER_BASE,
    flags: ['itRetrigger', 'itShortSampleRetrig', 'ft2Quirks', 'st3Quirks', 'protrackerMode'],
    uses: (u) => usesEffect(u, 'retrig', 'noteRetrig'),
  },
  {
    id: 'tremor',
    text: 'tremor on/off ticks follow {from}, not {to}',
    families: ONE_PER_BASE,
    flags: ['itOldEffects', 'ft2Quirks'],
    uses: (u) => usesEffect(u, 'tremor'),
  },
  {
    id: 'flow',
    text: 'pattern loops combined with jumps and breaks follow {from}\'s rules, not {to}\'s',
    families: ONE_PER_BASE,
    flags: ['ft2Quirks', 'itQuirks', 'protrackerMode'],
    uses: (u) => usesEffect(u, 'patternLoop') || u.flowCombos > 0,
  },
  {
    id: 'patternDelay',
    text: 'pattern delays with notes or effects on the same row repeat them the way {from} does, not {to}',
    families: ONE_PER_BASE,
    flags: ['ft2Quirks', 'itQuirks', 'st3Quirks', 'protrackerMode'],
    uses: (u) => u.patternDelayBusy > 0,
  },
  {
    id: 'offset',
    text: 'sample offsets past the sample end, without a note or from memory follow {from}, not {to}',
    families: ONE_PER_BASE,
    flags: ['ft2OffsetOutOfRange', 'protrackerMode', 'itOldEffects', 'st3Quirks'],
    uses: (u) => u.offsetSpecial > 0 || usesEffect(u, 'setHighOffset'),
  },
  {
    id: 'noteOff',
    text: 'note-offs and fades release instruments the way {from} does (envelopes, fadeout, volume), not {to}',
    families: ONE_PER_BASE,
    flags: ['ft2Quirks', 'itQuirks'],
    uses: hasNoteOffRisk,
  },
  {
    id: 'instrumentWithoutNote',
    text: 'instrument numbers without a note reset or swap samples the way {from} does, not {to}',
    families: ONE_PER_BASE,
    flags: ['st3SampleSwap', 'protrackerMode', 'ft2Quirks', 'itQuirks'],
    uses: (u) => u.instrumentWithoutNote > 0,
  },
  {
    id: 'tonePorta',
    text: 'tone portamento with an instrument, without a note or from memory follows {from}\'s rules, not {to}\'s',
    families: ONE_PER_BASE,
    flags: ['itCompatibleGxx', 'ft2PortaNoNote', 'itPortaNoNote', 'itPortamentoSwapResetsPos', 'st3PortaSampleChange', 'ft2Quirks', 'itQuirks'],
    uses: (u) => u.tonePortaSpecial > 0,
  },
  {
    id: 'delayCut',
    text: 'note delays and cuts at tick 0, past the row or without an instrument follow {from}, not {to}',
    families: ONE_PER_BASE,
    flags: ['ft2Quirks', 'itQuirks', 'st3Quirks', 'protrackerMode'],
    uses: (u) => u.noteDelaySpecial > 0 || u.noteCutSpecial > 0,
  },
  {
    id: 'memory',
    text: 'effects with a 00 parameter recall {from}\'s effect memory, which {to} keeps differently',
    families: ONE_PER_BASE,
    flags: ['st3Quirks', 'ft2Quirks', 'itQuirks', 'itCompatibleGxx'],
    uses: (u) => usesEffectMemory(u, 'arpeggio', 'portaUp', 'portaDown', 'finePortaUp', 'finePortaDown', 'extraFinePortaUp', 'extraFinePortaDown', 'tremor', 'retrig', 'globalVolSlide', 'panSlide', 'channelVolSlide', 'fineVolSlideUp', 'fineVolSlideDown', 'tempo', 'midiMacro')
      || usesVolumeMemory(u, 'volSlideUp', 'volSlideDown', 'fineVolUp', 'fineVolDown', 'panSlideLeft', 'panSlideRight', 'portaUp', 'portaDown'),
  },
  {
    id: 'sharedMemory',
    text: 'Scream Tracker 3 shares one effect memory between commands; {to} keeps one per command',
    families: null,
    flags: ['st3Quirks'],
    uses: (u) => [...u.effects.values()].some((c) => c.zero > 0),
    differs: (a, b) => a.flags.st3Quirks && !b.flags.st3Quirks,
  },
  {
    id: 'volumeSlides',
    text: 'volume slides on the first tick (ST3.00 fast slides, combined fine slides) follow {from}, not {to}',
    families: null,
    flags: ['st3FastVolumeSlides', 's3mIgnoreCombinedFineSlides'],
    uses: (u) => usesEffect(u, 'volSlide', 'vibratoVolSlide', 'tonePortaVolSlide'),
  },
  {
    id: 'envelopes',
    text: 'envelope loops, sustain release and end-of-envelope fades follow {from}, not {to}',
    families: ONE_PER_BASE,
    flags: ['ft2Quirks', 'itQuirks'],
    uses: (u, song) => hasEnvelopeRisk(song) || usesEffect(u, 'setEnvelopePosition', 'instrumentControl'),
  },
  {
    id: 'panning',
    text: 'panning commands are ignored by {from} (ProTracker has none) but played by {to}',
    families: null,
    flags: ['modIgnorePanning'],
    uses: (u) => usesEffect(u, 'setPan', 'setPanCoarse', 'panSlide') || usesVolume(u, 'panning', 'panSlideLeft', 'panSlideRight'),
  },
  {
    id: 'panLaw',
    text: 'FastTracker 2\'s square-root pan law (louder off-centre mixing) is not {to}\'s',
    families: null,
    flags: ['ft2PanLaw'],
    uses: () => true,
  },
  {
    id: 'mixLevels',
    text: 'old ModPlug Tracker mix levels (pre-amp by channel count) are not {to}\'s',
    families: null,
    flags: ['modplugMixLevels'],
    uses: () => true,
  },
  {
    id: 'timing',
    text: 'old MOD timing (every Fxx sets the speed) is not {to}\'s',
    families: null,
    flags: ['vblankTiming'],
    uses: (u) => usesEffect(u, 'tempo'),
  },
  {
    id: 'oneShot',
    text: 'ProTracker one-shot loops (a loop from 0 plays the whole sample first) are not {to}\'s',
    families: null,
    flags: ['modOneShotLoops'],
    uses: (u, song) => playedSampleUses(song, u, (s) => s.loop !== null && s.loop.start === 0 && s.loop.end < Math.floor(s.pcm.data.length / s.pcm.channels)),
  },
];

const MODEL_NAME: Readonly<Record<PitchModel, string>> = {
  et: 'exact semitones', st3: 'Scream Tracker 3\'s period table', ft2: 'FastTracker 2\'s Amiga period table', pt: 'ProTracker\'s period table',
};

const TRACKER: Readonly<Record<ProfileBase, string>> = { mod: 'ProTracker', xm: 'FastTracker 2', s3m: 'Scream Tracker 3', it: 'Impulse Tracker' };

function familyOf(families: readonly (readonly ProfileBase[])[], base: ProfileBase): number {
  return families.findIndex((f) => f.includes(base));
}

/**
 * The playback rules of `song` that a file read back with profile `target` will not reproduce, one
 * line each, for the rule families the song uses. Empty when the target plays the song by its rules.
 */
export function playbackRuleLosses(song: Song, target: PlaybackProfile, targetLabel: string): string[] {
  const from = song.profile;
  const candidates = TOPICS.filter((t) => {
    const baseDiffers = t.families !== null && familyOf(t.families, from.base) !== familyOf(t.families, target.base);
    const flagDiffers = t.flags.some((f) => from.flags[f] !== target.flags[f]);
    if (!baseDiffers && !flagDiffers) return false;
    return t.differs ? t.differs(from, target) : true;
  });
  const fromModel = pitchModel(from.base, from.flags.linearSlides, from.flags.periodsAreHertz);
  const toModel = pitchModel(target.base, target.flags.linearSlides, target.flags.periodsAreHertz);
  if (candidates.length === 0 && fromModel === toModel) return [];
  const usage = scanSongUsage(song);
  let fromName = TRACKER[from.base];
  let toName = TRACKER[target.base];
  if (fromName === toName) {
    // Same base tracker, other flags: name the tracker the song came from and the target's readers.
    fromName = song.origin.tracker !== '' && song.origin.tracker !== toName ? song.origin.tracker : `this song (${from.base})`;
    toName = `${targetLabel} readers`;
  }
  const lines = candidates
    .filter((t) => t.uses(usage, song, from, target))
    .map((t) => `${targetLabel} playback: ${t.text.replaceAll('{from}', fromName).replaceAll('{to}', toName).replaceAll("s's", "s'")}`);
  // Tuning: period tables round each note's pitch by a few cents, differently per tracker; unisons and
  // chords then beat at other rates.
  let worst = 0;
  for (const n of usage.notes) worst = Math.max(worst, Math.abs(tableCents(fromModel, n) - tableCents(toModel, n)));
  if (worst >= TUNING_TOLERANCE_CENTS) {
    lines.push(`${targetLabel} playback: notes are tuned by ${MODEL_NAME[fromModel]}, ${MODEL_NAME[toModel]} in ${targetLabel}: some play up to ${worst.toFixed(1)} cents apart (chords beat differently)`);
  }
  return lines;
}

/** The rule families the linter knows (for tests and documentation). */
export const RULE_TOPIC_IDS: readonly string[] = [...TOPICS.map((t) => t.id), 'tuning'];
