// One test per playback-profile flag: each builds a small song, plays it with the flag on and off,
// and asserts the behaviour the flag names (the flag table in src/song/profile.ts points here).
import { describe, expect, it } from 'vitest';
import type { ChannelState } from '../../src/engine/replayer/channel-state.js';
import { Player } from '../../src/engine/replayer/player.js';
import { PROFILE_FLAG_NAMES, type ProfileBase, type ProfileFlag } from '../../src/song/profile.js';
import type { Sample } from '../../src/song/song.js';
import { buildSong, runTicks, testInstrument, testSample } from '../helpers/song-builder.js';

type Rows = readonly (readonly string[])[];

function play(base: ProfileBase, flags: Partial<Record<ProfileFlag, boolean>>, pattern: Rows, ticks: number, extra: { samples?: Sample[]; speed?: number; instruments?: boolean; mix?: boolean } = {}) {
  const song = buildSong({
    base, flags, pattern, speed: extra.speed ?? 6,
    ...(extra.samples ? { samples: extra.samples } : {}),
    ...(extra.instruments ? { instruments: (extra.samples ?? [testSample(base)]).map((_, i) => testInstrument({ sampleMap: Array.from({ length: 120 }, () => i + 1) })) } : {}),
  });
  return runTicks(song, ticks, 0, { mix: extra.mix ?? false });
}

function both(base: ProfileBase, flag: ProfileFlag, pattern: Rows, ticks: number, extra: Parameters<typeof play>[4] = {}) {
  return { on: play(base, { [flag]: true }, pattern, ticks, extra), off: play(base, { [flag]: false }, pattern, ticks, extra) };
}

function longSample(base: ProfileBase, frames = 20000, changes: Partial<Sample> = {}): Sample {
  return testSample(base, { pcm: { bits: 8, channels: 1, data: Int8Array.from({ length: frames }, (_, i) => ((i * 3) % 200) - 100) }, loop: null, ...changes });
}

const tested = new Set<ProfileFlag>();
function flagTest(flag: ProfileFlag, body: () => void): void {
  tested.add(flag);
  it(flag, body);
}

describe('profile flags', () => {
  flagTest('linearSlides', () => {
    // Linear slides move every note by the same interval; Amiga slides move high notes further.
    const ratio = (note: string, linear: boolean) => {
      const s = play('xm', { linearSlides: linear }, [[`${note} 01 ... 110`]], 4).states;
      return (s[3]?.frequency ?? 0) / (s[0]?.frequency ?? 1);
    };
    expect(ratio('C-4', true)).toBeCloseTo(ratio('C-6', true), 3);
    expect(Math.abs(ratio('C-4', false) - ratio('C-6', false))).toBeGreaterThan(0.01);
  });

  flagTest('periodsAreHertz', () => {
    const { on, off } = both('it', 'periodsAreHertz', [['C-5 01 ... ...']], 1);
    expect(on.states[0]?.period).toBe(8363);
    expect(off.states[0]?.period).not.toBe(8363);
    expect(on.states[0]?.frequency).toBeCloseTo(off.states[0]?.frequency ?? 0, -1);
  });

  flagTest('amigaPeriodLimits', () => {
    const { on, off } = both('s3m', 'amigaPeriodLimits', [['C-3 01 ... EFF']], 6);
    expect(on.states[5]?.period).toBe(856 * 4);
    expect(off.states[5]?.period).toBeGreaterThan(856 * 4);
  });

  flagTest('protrackerMode', () => {
    // ProTracker 1/2 stacks 9xx offsets for notes without an instrument. Test module: ptoffset.mod
    const rows: Rows = [['C-5 01 ... 910'], ['C-5 .. ... 910']];
    const smp = [longSample('mod')];
    const on = play('mod', { protrackerMode: true }, rows, 7, { samples: smp }).states;
    const off = play('mod', { protrackerMode: false }, rows, 7, { samples: smp }).states;
    expect(Math.floor(on[6]?.position ?? 0)).toBeGreaterThanOrEqual(0x3000);
    expect(Math.floor(off[6]?.position ?? 0)).toBeLessThan(0x1100);
  });

  flagTest('vblankTiming', () => {
    // (ProTracker sets the tempo after the first tick, so look at the second.)
    const on = play('mod', { vblankTiming: true }, [['... .. ... F40']], 2).states[1];
    const off = play('mod', { vblankTiming: false }, [['... .. ... F40']], 2).states[1];
    expect(on?.speed).toBe(0x40);
    expect(off?.tempo).toBe(0x40);
  });

  flagTest('modOneShotLoops', () => {
    const smp = [longSample('mod', 4000, { loop: { start: 0, end: 1000, pingPong: false } })];
    const chan = (on: boolean) => {
      const { player } = play('mod', { modOneShotLoops: on }, [['C-5 01 ... ...']], 1, { samples: smp });
      return player.state.channels[0] as ChannelState;
    };
    expect(chan(true).loopEnd).toBe(4000);
    expect(chan(false).loopEnd).toBe(1000);
  });

  flagTest('modIgnorePanning', () => {
    const { on, off } = both('mod', 'modIgnorePanning', [['C-5 01 ... 8FF']], 1);
    expect(on.states[0]?.pan).toBe(128);
    expect(off.states[0]?.pan).toBe(255);
  });

  flagTest('st3FastVolumeSlides', () => {
    const { on, off } = both('s3m', 'st3FastVolumeSlides', [['C-5 01 v64 D04']], 2);
    expect(on.states[0]?.volume).toBe(256 - 16);
    expect(off.states[0]?.volume).toBe(256);
  });

  flagTest('st3Quirks', () => {
    // ST3 shares one parameter memory between effects: E00 after D05 slides by 05. Test module: ParamMemory.s3m
    const rows: Rows = [['C-5 01 ... D05'], ['... .. ... E00']];
    const { on, off } = both('s3m', 'st3Quirks', rows, 12);
    expect(on.states[11]?.period).toBeGreaterThan(on.states[6]?.period ?? 0);
    expect(off.states[11]?.period).toBe(off.states[6]?.period);
  });

  flagTest('st3LimitPeriod', () => {
    const { on, off } = both('s3m', 'st3LimitPeriod', [['C-9 01 ... FFF']], 24, { speed: 24 });
    expect(on.states[23]?.playing).toBe(false);
    expect(off.states[23]?.playing).toBe(true);
  });

  flagTest('st3SampleSwap', () => {
    const smp = [longSample('s3m'), longSample('s3m')];
    const rows: Rows = [['C-5 01 ... ...'], ['... 02 ... ...']];
    const idx = (on: boolean) => (play('s3m', { st3SampleSwap: on }, rows, 7, { samples: smp }).player.state.channels[0] as ChannelState).sample?.index;
    expect(idx(true)).toBe(2);
    expect(idx(false)).toBe(1);
  });

  flagTest('st3PortaSampleChange', () => {
    const smp = [longSample('s3m'), longSample('s3m')];
    const rows: Rows = [['C-5 01 ... ...'], ['D-5 02 ... G10']];
    const idx = (on: boolean) => (play('s3m', { st3PortaSampleChange: on }, rows, 7, { samples: smp }).player.state.channels[0] as ChannelState).sample?.index;
    expect(idx(true)).toBe(1);
    expect(idx(false)).toBe(2);
  });

  flagTest('s3mIgnoreCombinedFineSlides', () => {
    const { on, off } = both('s3m', 's3mIgnoreCombinedFineSlides', [['C-5 01 v64 KF4']], 1);
    expect(on.states[0]?.volume).toBe(256);
    expect(off.states[0]?.volume).toBe(256 - 16);
  });

  flagTest('ft2Quirks', () => {
    // FT2 keeps separate memories for 1xx and 2xx. Test module: Porta-LinkMem.xm
    const rows: Rows = [['C-5 01 ... 105'], ['... .. ... 200']];
    const { on, off } = both('xm', 'ft2Quirks', rows, 12);
    expect(on.states[11]?.period).toBe(on.states[6]?.period);
    expect(off.states[11]?.period).toBeGreaterThan(off.states[6]?.period ?? 0);
  });

  flagTest('ft2Arpeggio', () => {
    // FT2 counts arpeggio ticks from the end of the row. Test module: Arpeggio.xm
    const { on, off } = both('xm', 'ft2Arpeggio', [['C-5 01 ... 037']], 2);
    const base = on.states[0]?.frequency ?? 0;
    expect((on.states[1]?.frequency ?? 0) / base).toBeCloseTo(2 ** (7 / 12), 2);
    expect((off.states[1]?.frequency ?? 0) / base).toBeCloseTo(2 ** (3 / 12), 2);
  });

  flagTest('ft2PortaNoNote', () => {
    const { on, off } = both('xm', 'ft2PortaNoNote', [['C-5 01 ... 310']], 1);
    expect(on.states[0]?.playing).toBe(false);
    expect(off.states[0]?.playing).toBe(true);
  });

  flagTest('ft2OffsetOutOfRange', () => {
    // (A looped sample would wrap the offset into its loop; this one is not looped.)
    const { on, off } = both('s3m', 'ft2OffsetOutOfRange', [['C-5 01 ... O10']], 1, { samples: [longSample('s3m', 2000)] });
    expect(on.states[0]?.playing).toBe(false);
    expect(off.states[0]?.playing).toBe(true);
  });

  flagTest('ft2PanLaw', () => {
    const gains = (on: boolean) => {
      const { player } = play('xm', { ft2PanLaw: on }, [['C-5 01 v64 880']], 1);
      return (player.state.channels[0] as ChannelState).voice.gainLeft;
    };
    expect(gains(true) / gains(false)).toBeCloseTo(Math.SQRT2, 2);
  });

  flagTest('modplugMixLevels', () => {
    // "Original" levels: master = (128 * mix volume / 64 << 7) / table[channels / 2], then >> 4.
    const gain = (on: boolean) => (play('it', { modplugMixLevels: on }, [['C-5 01 v64 ...']], 1).player.state.channels[0] as ChannelState).voice.gainLeft;
    const song = buildSong({ base: 'it', pattern: [['C-5 01 ... ...']] });
    const channels = song.channels.length;
    const table = [0x60, 0x60, 0x60, 0x70, 0x80, 0x88, 0x90, 0x98, 0xa0, 0xa4, 0xa8, 0xac, 0xb0, 0xb4, 0xb8, 0xbc];
    const master = Math.floor((Math.floor((128 * song.mixVolume) / 64) << 7) / table[Math.min(31, channels) >> 1]!);
    // Compatible: realvol * mixVolume / 128 / 2 / (2 * 4096); ModPlug: realvol * master / 128 / (16 * 4096).
    expect(gain(true) / gain(false)).toBeCloseTo(master / song.mixVolume / 4, 2);
  });

  flagTest('tremoloRampWaveform', () => {
    const rows: Rows = [['C-5 01 v32 E71'], ['... .. ... 788']];
    const { on, off } = both('xm', 'tremoloRampWaveform', rows, 12);
    const a = on.states.map((s) => s.realVolume);
    const b = off.states.map((s) => s.realVolume);
    expect(a).not.toEqual(b);
  });

  flagTest('itQuirks', () => {
    // IT's arpeggio restarts its tick count on each repetition of a delayed row. Test module: JxxTicks.it
    const seq = (on: boolean) => {
      const song = buildSong({ base: 'it', flags: { itQuirks: on }, speed: 4, channels: 2, pattern: [['C-5 01 ... J37', '... .. ... SE1']] });
      const s = runTicks(song, 8).states;
      const f0 = s[0]?.frequency ?? 1;
      return s.map((x) => Math.round(12 * Math.log2(x.frequency / f0)));
    };
    expect(seq(true)).toEqual([0, 3, 7, 0, 0, 3, 7, 0]);
    expect(seq(false)).not.toEqual(seq(true));
  });

  flagTest('itOldEffects', () => {
    const smp = [longSample('it', 2000)];
    const pos = (on: boolean) => play('it', { itOldEffects: on }, [['C-5 01 ... O40']], 1, { samples: smp }).states[0]?.position;
    expect(pos(true)).toBe(2000);
    expect(pos(false)).toBe(0);
  });

  flagTest('itCompatibleGxx', () => {
    // Without compatible Gxx, G00 takes its speed from the last Exx/Fxx.
    const rows: Rows = [['C-5 01 ... E05'], ['C-6 .. ... G00']];
    const { on, off } = both('it', 'itCompatibleGxx', rows, 12);
    expect(off.states[11]?.period).toBeGreaterThan(off.states[6]?.period ?? 0);
    expect(on.states[11]?.period).toBe(on.states[6]?.period);
  });

  flagTest('itRetrigger', () => {
    // IT counts down from Qxy's speed from each note; the ST3 counter runs on. Test module: retrig.it
    const smp = [longSample('it', 40000)];
    const marks = (on: boolean) => {
      const s = play('it', { itRetrigger: on }, [['C-5 01 ... Q03'], ['C-5 01 ... Q03']], 10, { samples: smp, speed: 5, mix: true }).states;
      return s.map((x, i) => (i > 0 && x.position < (s[i - 1]?.position ?? 0) ? 'R' : '.')).join('');
    };
    expect(marks(true)).toBe('...R.R..R.');
    expect(marks(false)).not.toBe(marks(true));
  });

  flagTest('itShortSampleRetrig', () => {
    const smp = [testSample('it', { pcm: { bits: 8, channels: 1, data: new Int8Array(50).fill(50) }, loop: null })];
    const playingLate = (on: boolean) => play('it', { itShortSampleRetrig: on }, [['C-5 01 ... Q03']], 24, { samples: smp, speed: 24, mix: true }).states[21]?.playing;
    expect(playingLate(true)).toBe(false);
    expect(playingLate(false)).toBe(true);
  });

  flagTest('itPortaNoNote', () => {
    // After a note stopped, IT plays a tone-portamento note at once instead of sliding. Test module: Fade-Porta.it
    const rows: Rows = [['C-5 01 ... ...'], ['^^^ .. ... ...'], ['G-5 .. ... G01']];
    const semis = (on: boolean) => {
      const s = play('it', { itPortaNoNote: on }, rows, 13).states;
      return Math.round(12 * Math.log2((s[12]?.frequency ?? 1) / (s[0]?.frequency ?? 1)));
    };
    expect(semis(true)).toBe(7);
    expect(semis(false)).toBe(0);
  });

  flagTest('itPortamentoSwapResetsPos', () => {
    // With the flag, portamento to another sample restarts that sample and keeps sliding; without, IT
    // drops the portamento and plays the note. Test module: PortaInsNum.it
    const smp = [longSample('it', 40000), longSample('it', 40000)];
    const rows: Rows = [['C-5 01 ... ...'], ['D-5 02 ... G02']];
    const run = (on: boolean) => {
      const s = play('it', { itPortamentoSwapResetsPos: on, itCompatibleGxx: false }, rows, 12, { samples: smp, instruments: true, mix: true }).states;
      return { semis: 12 * Math.log2((s[11]?.frequency ?? 1) / (s[0]?.frequency ?? 1)), pos: s[6]?.position ?? -1 };
    };
    expect(run(true).semis).toBeLessThan(1);
    expect(run(true).pos).toBe(0);
    expect(run(false).semis).toBeCloseTo(2, 3);
  });

  it('every flag has a test here', () => {
    expect(PROFILE_FLAG_NAMES.filter((f) => !tested.has(f))).toEqual([]);
  });
});

describe('the player on its own', () => {
  it('is deterministic', () => {
    const song = buildSong({ base: 'it', pattern: [['C-5 01 v64 H48'], ['... .. ... Y44']] });
    const a = runTicks(song, 12).states;
    const b = runTicks(song, 12).states;
    expect(a).toEqual(b);
    expect(new Player(song).nextTick()).toBeGreaterThan(0);
  });
});
