// The playback profile: named compatibility flags that say how the replayer reads a song. Loaders
// start from their format's preset and switch flags for the tracker that saved the file (the MOD
// loader turns on ProTracker mode for genuine ProTracker files, as libopenmpt does); the replayer
// asks flags, never the file format. Each flag names the test that pins it.

/** The tracker families whose rules a profile starts from. */
export type ProfileBase = 'mod' | 'xm' | 's3m' | 'it';

export const PROFILE_BASES: readonly ProfileBase[] = ['mod', 'xm', 's3m', 'it'];

interface FlagDef {
  /** Default per base tracker. */
  readonly mod: boolean;
  readonly xm: boolean;
  readonly s3m: boolean;
  readonly it: boolean;
  /** What the flag changes. */
  readonly text: string;
  /** The test (file: name) that pins the behaviour. */
  readonly test: string;
}

const T = 'tests/engine/replayer-profile.test.ts';

/** Every profile flag, with its default for each base and the test that pins it. */
export const PROFILE_FLAGS = {
  linearSlides: {
    mod: false, xm: true, s3m: false, it: true,
    text: 'pitch slides in linear steps (1/64 semitone) instead of Amiga periods',
    test: `${T}: linearSlides`,
  },
  periodsAreHertz: {
    mod: false, xm: false, s3m: false, it: true,
    text: 'Impulse Tracker pitch: the channel pitch is a frequency and slides multiply it',
    test: `${T}: periodsAreHertz`,
  },
  amigaPeriodLimits: {
    mod: false, xm: false, s3m: false, it: false,
    text: 'clamp periods to the Amiga range (B-3..C-1 in ProTracker terms)',
    test: `${T}: amigaPeriodLimits`,
  },
  protrackerMode: {
    mod: false, xm: false, s3m: false, it: false,
    text: 'ProTracker 1/2 replayer: no vibrato/tremolo on tick 0, arpeggio wrap, stacked 9xx offsets, instrument swap',
    test: `${T}: protrackerMode`,
  },
  vblankTiming: {
    mod: false, xm: false, s3m: false, it: false,
    text: 'old MODs: every Fxx sets the speed (no BPM tempo)',
    test: `${T}: vblankTiming`,
  },
  modOneShotLoops: {
    mod: false, xm: false, s3m: false, it: false,
    text: 'ProTracker one-shot loops: a loop starting at 0 plays the whole sample first',
    test: `${T}: modOneShotLoops`,
  },
  modIgnorePanning: {
    mod: false, xm: false, s3m: false, it: false,
    text: 'ignore panning effects (ProTracker has none)',
    test: `${T}: modIgnorePanning`,
  },
  st3FastVolumeSlides: {
    mod: false, xm: false, s3m: false, it: false,
    text: 'ST3.00 fast volume slides: volume slides also run on the first tick of a row',
    test: `${T}: st3FastVolumeSlides`,
  },
  st3Quirks: {
    mod: false, xm: false, s3m: true, it: false,
    text: 'Scream Tracker 3 rules: shared effect memory, no effects on muted channels, offset memory, retrigger after cut',
    test: `${T}: st3Quirks`,
  },
  st3LimitPeriod: {
    mod: false, xm: false, s3m: false, it: false,
    text: 'notes sliding above the highest pitch are cut (ModPlug-style S3M)',
    test: `${T}: st3LimitPeriod`,
  },
  st3SampleSwap: {
    mod: false, xm: false, s3m: false, it: false,
    text: 'SoundBlaster ST3: a lone instrument number swaps the sample at the current position',
    test: `${T}: st3SampleSwap`,
  },
  st3PortaSampleChange: {
    mod: false, xm: false, s3m: true, it: false,
    text: 'GUS ST3: portamento with another instrument takes its volume but keeps the playing sample',
    test: `${T}: st3PortaSampleChange`,
  },
  s3mIgnoreCombinedFineSlides: {
    mod: false, xm: false, s3m: false, it: false,
    text: 'ST3: Kxy/Lxy never do fine volume slides on the first tick',
    test: `${T}: s3mIgnoreCombinedFineSlides`,
  },
  ft2Quirks: {
    mod: false, xm: true, s3m: false, it: false,
    text: 'FastTracker 2 replayer rules (key-off, retrigger, tremor, note delay, volume column, envelopes, periods)',
    test: `${T}: ft2Quirks`,
  },
  ft2Arpeggio: {
    mod: false, xm: true, s3m: false, it: false,
    text: 'FT2 arpeggio: tick order from the row end, table overflow past 16 ticks per row',
    test: `${T}: ft2Arpeggio`,
  },
  ft2PortaNoNote: {
    mod: false, xm: true, s3m: false, it: false,
    text: 'FT2: tone portamento to a note when nothing plays is ignored',
    test: `${T}: ft2PortaNoNote`,
  },
  ft2OffsetOutOfRange: {
    mod: false, xm: true, s3m: true, it: false,
    text: 'FT2/ST3: a sample offset past the sample end silences the note',
    test: `${T}: ft2OffsetOutOfRange`,
  },
  ft2PanLaw: {
    mod: false, xm: false, s3m: false, it: false,
    text: 'FT2 square-root pan law (files saved by FastTracker 2 itself)',
    test: `${T}: ft2PanLaw`,
  },
  modplugMixLevels: {
    mod: false, xm: false, s3m: false, it: false,
    text: 'ModPlug Tracker 1.x mix levels: a channel-count pre-amp table and 16x headroom (XM/IT saved by old ModPlug)',
    test: `${T}: modplugMixLevels`,
  },
  tremoloRampWaveform: {
    mod: false, xm: true, s3m: false, it: false,
    text: 'FT2/ProTracker tremolo ramp waveform follows the vibrato position (copy-paste bug)',
    test: `${T}: tremoloRampWaveform`,
  },
  itQuirks: {
    mod: false, xm: false, s3m: false, it: true,
    text: 'Impulse Tracker rules (envelopes, NNA, filters, note mapping, vibrato tables, volume column memory)',
    test: `${T}: itQuirks`,
  },
  itOldEffects: {
    mod: false, xm: false, s3m: false, it: false,
    text: 'IT old effects: vibrato on tick 0 and backwards, offsets past the end clip, S3M-style depths',
    test: `${T}: itOldEffects`,
  },
  itCompatibleGxx: {
    mod: false, xm: false, s3m: false, it: false,
    text: 'IT compatible Gxx: tone portamento keeps its own memory and does not switch samples',
    test: `${T}: itCompatibleGxx`,
  },
  itRetrigger: {
    mod: false, xm: false, s3m: false, it: true,
    text: 'IT retrigger counter (Qxy counts down from the row start)',
    test: `${T}: itRetrigger`,
  },
  itShortSampleRetrig: {
    mod: false, xm: false, s3m: false, it: true,
    text: 'IT: a sample that ended is not retriggered by Qxy',
    test: `${T}: itShortSampleRetrig`,
  },
  itPortaNoNote: {
    mod: false, xm: false, s3m: false, it: true,
    text: 'IT: tone portamento when nothing plays starts the note normally',
    test: `${T}: itPortaNoNote`,
  },
  itPortamentoSwapResetsPos: {
    mod: false, xm: false, s3m: false, it: true,
    text: 'IT: portamento to a note of another sample restarts that sample',
    test: `${T}: itPortamentoSwapResetsPos`,
  },
} as const satisfies Record<string, FlagDef>;

/** The name of a profile flag. */
export type ProfileFlag = keyof typeof PROFILE_FLAGS;

export const PROFILE_FLAG_NAMES = Object.keys(PROFILE_FLAGS) as ProfileFlag[];

/**
 * How the tempo turns into tick lengths. 'classic': a tick lasts 2.5 / tempo seconds (every tracker);
 * 'alternative': 1 / tempo seconds; 'modern' (OpenMPT): tempo is beats per minute of `rowsPerBeat`
 * rows, so a tick lasts 60 / (tempo * speed * rowsPerBeat) seconds, rounding errors carried over.
 * Test: tests/engine/replayer/timing.test.ts "tempo modes"
 */
export type TempoMode = 'classic' | 'alternative' | 'modern';

export const TEMPO_MODES: readonly TempoMode[] = ['classic', 'alternative', 'modern'];

/** A song's playback profile: its base tracker, every flag's value, and how tempo is timed. */
export interface PlaybackProfile {
  readonly base: ProfileBase;
  readonly flags: Readonly<Record<ProfileFlag, boolean>>;
  readonly tempoMode: TempoMode;
  /**
   * OpenMPT tempo swing (modern tempo mode only): tick-length factors for successive rows, cycled
   * (1 = unchanged; they average to 1). Empty: no swing.
   */
  readonly tempoSwing: readonly number[];
}

/** Timing settings of a profile (defaults: classic tempo, no swing). */
export interface ProfileTiming {
  readonly tempoMode?: TempoMode;
  readonly tempoSwing?: readonly number[];
}

/** The preset for a base tracker, optionally with some flags changed. */
export function makeProfile(base: ProfileBase, changes: Partial<Record<ProfileFlag, boolean>> = {}, timing: ProfileTiming = {}): PlaybackProfile {
  const flags = {} as Record<ProfileFlag, boolean>;
  for (const name of PROFILE_FLAG_NAMES) flags[name] = changes[name] ?? PROFILE_FLAGS[name][base];
  return { base, flags, tempoMode: timing.tempoMode ?? 'classic', tempoSwing: timing.tempoSwing ?? [] };
}

/** Flags whose value differs from the base preset (what a .trk file records). */
export function profileOverrides(profile: PlaybackProfile): Partial<Record<ProfileFlag, boolean>> {
  const out: Partial<Record<ProfileFlag, boolean>> = {};
  for (const name of PROFILE_FLAG_NAMES) {
    if (profile.flags[name] !== PROFILE_FLAGS[name][profile.base]) out[name] = profile.flags[name];
  }
  return out;
}

/** True for a known flag name. */
export function isProfileFlag(name: string): name is ProfileFlag {
  return Object.hasOwn(PROFILE_FLAGS, name);
}
