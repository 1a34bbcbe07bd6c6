// The playback profile: named compatibility flags that say how the replayer reads a song.
// Loaders start from their format's preset and adjust flags for the tracker that saved the file;
// the replayer asks flags, never the file format. Each flag names the test that pins it.

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
  /** The test (file and name) that pins the behaviour. */
  readonly test: string;
}

/** Every profile flag, with its default for each base and the test that pins it. */
export const PROFILE_FLAGS = {
  linearSlides: {
    mod: false, xm: true, s3m: false, it: true,
    text: 'pitch slides in linear (1/64 semitone) steps instead of Amiga periods',
    test: 'tests/engine/replayer-pitch.test.ts: linear vs Amiga portamento',
  },
  patternBreakBcd: {
    mod: true, xm: true, s3m: false, it: false,
    text: 'pattern break parameter is two decimal digits (D32 = row 32)',
    test: 'tests/engine/replayer-timing.test.ts: pattern break parameter encoding',
  },
  fineSlidesInParam: {
    mod: false, xm: false, s3m: true, it: true,
    text: 'Dxy/Exx/Fxx/Nxy/Pxy/Wxy with F in one digit (or E for porta) are fine slides on the first tick',
    test: 'tests/engine/replayer-volume.test.ts: S3M/IT fine volume slide encoding',
  },
  st3SharedMemory: {
    mod: false, xm: false, s3m: true, it: false,
    text: 'ST3: most effects share one parameter memory per channel',
    test: 'tests/engine/replayer-memory.test.ts: ST3 shared effect memory',
  },
  itLinkedPortaMemory: {
    mod: false, xm: false, s3m: false, it: true,
    text: 'IT: Exx and Fxx share memory, and Gxx too unless compatible Gxx is on',
    test: 'tests/engine/replayer-memory.test.ts: IT linked portamento memory',
  },
  itCompatibleGxx: {
    mod: false, xm: false, s3m: false, it: false,
    text: 'IT compatible Gxx: tone portamento keeps its own memory and does not switch samples',
    test: 'tests/engine/replayer-memory.test.ts: IT compatible Gxx',
  },
  itOldEffects: {
    mod: false, xm: false, s3m: false, it: false,
    text: 'IT old effects: vibrato updates on tick 0, offsets past the end play from the end, old S3M-style depths',
    test: 'tests/engine/replayer-pitch.test.ts: IT old effects vibrato',
  },
  itVolumeColumn: {
    mod: false, xm: false, s3m: false, it: true,
    text: 'volume-column g/e/f/h digits use IT tables (g: 1,4,8,16,32,64,96,128,255)',
    test: 'tests/engine/replayer-volume.test.ts: IT volume column portamento table',
  },
  globalVolume128: {
    mod: false, xm: false, s3m: true, it: true,
    text: 'set global volume takes 0..80h (IT scale) instead of 0..40h',
    test: 'tests/engine/replayer-volume.test.ts: global volume scale',
  },
  amigaPeriodLimits: {
    mod: true, xm: false, s3m: false, it: false,
    text: 'clamp periods to the ProTracker range (113..856, B-3..C-1)',
    test: 'tests/engine/replayer-pitch.test.ts: ProTracker period limits',
  },
  st3FastVolumeSlides: {
    mod: false, xm: false, s3m: false, it: false,
    text: 'ST3 fast volume slides: slides also apply on the first tick of a row',
    test: 'tests/engine/replayer-volume.test.ts: ST3 fast volume slides',
  },
  ft2Quirks: {
    mod: false, xm: true, s3m: false, it: false,
    text: 'FastTracker 2 replayer quirks (note memory, key-off, retrigger, arpeggio table overflow)',
    test: 'tests/engine/replayer-ft2.test.ts',
  },
  protrackerQuirks: {
    mod: true, xm: false, s3m: false, it: false,
    text: 'ProTracker replayer quirks (sample swap, one-shot loops, tempo on second tick)',
    test: 'tests/engine/replayer-mod.test.ts',
  },
} as const satisfies Record<string, FlagDef>;

/** The name of a profile flag. */
export type ProfileFlag = keyof typeof PROFILE_FLAGS;

export const PROFILE_FLAG_NAMES = Object.keys(PROFILE_FLAGS) as ProfileFlag[];

/** A song's playback profile: its base tracker and every flag's value. */
export interface PlaybackProfile {
  readonly base: ProfileBase;
  readonly flags: Readonly<Record<ProfileFlag, boolean>>;
}

/** The preset for a base tracker, optionally with some flags changed. */
export function makeProfile(base: ProfileBase, changes: Partial<Record<ProfileFlag, boolean>> = {}): PlaybackProfile {
  const flags = {} as Record<ProfileFlag, boolean>;
  for (const name of PROFILE_FLAG_NAMES) flags[name] = changes[name] ?? PROFILE_FLAGS[name][base];
  return { base, flags };
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
