// Replayer basics on songs built in code: timing (speed, tempo, breaks, jumps, loops, delays), pitch of
// a note in each tracker's system, volume and pan commands, and the end of the song.
import { describe, expect, it } from 'vitest';
import { framesPerTick, Player, songDuration } from '../../src/engine/replayer/player.js';
import { FX, VOL, VOLUME_KINDS } from '../../src/song/effects.js';
import { CMD, VOLCMD } from '../../src/engine/replayer/commands.js';
import { buildSong, runTicks, testSample } from '../helpers/song-builder.js';

describe('pitch of C-5 at the base pitch', () => {
  it('IT (frequencies): C-5 plays the sample at its C-5 speed', () => {
    const song = buildSong({ base: 'it', pattern: [['C-5 01 ... ...']] });
    const { states } = runTicks(song, 1);
    expect(states[0]?.frequency).toBeCloseTo(8363, 0);
  });
  it('IT: a note without filter settings plays unfiltered (full cutoff, no resonance); Z40 then filters it', () => {
    // Regression: the note-start filter used no envelope modifier, so every IT note was low-passed.
    const plain = runTicks(buildSong({ base: 'it', pattern: [['C-5 01 ... ...']] }), 2);
    expect((plain.player.state.channels[0] as { voice: { filter: unknown } }).voice.filter).toBeNull();
    const filtered = runTicks(buildSong({ base: 'it', pattern: [['C-5 01 ... Z40']] }), 2);
    expect((filtered.player.state.channels[0] as { voice: { filter: unknown } }).voice.filter).not.toBeNull();
  });

  it('IT: C-6 is an octave up, A-5 is 9 semitones up', () => {
    const a = runTicks(buildSong({ base: 'it', pattern: [['C-6 01 ... ...']] }), 1).states[0];
    const b = runTicks(buildSong({ base: 'it', pattern: [['A-5 01 ... ...']] }), 1).states[0];
    expect(a?.frequency).toBeCloseTo(8363 * 2, -1);
    expect(b?.frequency).toBeCloseTo(8363 * 2 ** (9 / 12), -1);
  });
  it('XM linear: C-5 (FT2 C-4) at relative note 0 plays 8363 Hz', () => {
    const { states } = runTicks(buildSong({ base: 'xm', pattern: [['C-5 01 ... ...']] }), 1);
    expect(states[0]?.period).toBe(4608);
    expect(states[0]?.frequency).toBeCloseTo(8363, 0);
  });
  it('XM Amiga: C-5 has period 1712 (428 x 4)', () => {
    const { states } = runTicks(buildSong({ base: 'xm', flags: { linearSlides: false }, pattern: [['C-5 01 ... ...']] }), 1);
    expect(states[0]?.period).toBe(1712);
    expect(states[0]?.frequency).toBeCloseTo(8363, 0);
  });
  it('MOD: C-5 (ProTracker C-2) is period 428 x 4 at the PAL clock', () => {
    const { states } = runTicks(buildSong({ base: 'mod', pattern: [['C-5 01 ... ...']] }), 1);
    expect(states[0]?.period).toBe(1712);
    expect(states[0]?.frequency).toBeCloseTo(3546895 / 428, 0);
  });
  it('S3M: C-5 with C-5 speed 8363 plays 8363 Hz', () => {
    const { states } = runTicks(buildSong({ base: 's3m', pattern: [['C-5 01 ... ...']] }), 1);
    expect(states[0]?.frequency).toBeCloseTo(8363, 0);
  });
  it('relative note +12 doubles the XM pitch', () => {
    const song = buildSong({ base: 'xm', pattern: [['C-5 01 ... ...']], samples: [testSample('xm', { tuning: { kind: 'finetune', relativeNote: 12, finetune: 0 } })] });
    expect(runTicks(song, 1).states[0]?.frequency).toBeCloseTo(8363 * 2, 0);
  });
});

describe('timing', () => {
  it('frames per tick follow tempo: 2.5 / tempo seconds, truncated', () => {
    expect(framesPerTick(48000, 125)).toBe(960);
    expect(framesPerTick(48000, 118)).toBe(1016);
  });
  it('speed sets ticks per row (F03 / A03)', () => {
    for (const [base, fx] of [['xm', 'F03'], ['it', 'A03']] as const) {
      const song = buildSong({ base, pattern: [[`... .. ... ${fx}`], ['... .. ... ...']] });
      const { states } = runTicks(song, 5);
      expect(states.map((s) => s.row)).toEqual([0, 0, 0, 1, 1]);
    }
  });
  it('tempo sets the tick length (T96 / F96)', () => {
    const p = new Player(buildSong({ base: 'it', pattern: [['... .. ... T96']] }));
    expect(p.nextTick()).toBe(framesPerTick(48000, 0x96));
  });
  it('pattern break jumps to the row of the next order (XM decimal, IT hex)', () => {
    const more = [Array.from({ length: 20 }, () => ['... .. ... ...'])];
    const xm = buildSong({ base: 'xm', speed: 1, pattern: [['... .. ... D12'], ['... .. ... ...']], morePatterns: more, rows: 20 });
    const it = buildSong({ base: 'it', speed: 1, pattern: [['... .. ... C12'], ['... .. ... ...']], morePatterns: more, rows: 20 });
    expect(runTicks(xm, 2).states[1]).toMatchObject({ order: 1, row: 12 });
    expect(runTicks(it, 2).states[1]).toMatchObject({ order: 1, row: 18 });
  });
  it('position jump goes to the order', () => {
    const song = buildSong({ base: 'it', speed: 1, pattern: [['... .. ... B02']], morePatterns: [[['... .. ... ...']], [['... .. ... ...']]] });
    expect(runTicks(song, 2).states[1]).toMatchObject({ order: 2, row: 0 });
  });
  it('pattern loop repeats rows (E62 / SB2)', () => {
    for (const [base, start, loop] of [['xm', 'E60', 'E62'], ['it', 'SB0', 'SB2']] as const) {
      const song = buildSong({ base, speed: 1, pattern: [[`... .. ... ${start}`], [`... .. ... ${loop}`], ['... .. ... ...']] });
      const rows = runTicks(song, 7).states.map((s) => s.row);
      expect(rows).toEqual([0, 1, 0, 1, 0, 1, 2]);
    }
  });
  it('pattern delay repeats a row (EE2 / SE2)', () => {
    for (const [base, fx] of [['xm', 'EE2'], ['it', 'SE2']] as const) {
      const song = buildSong({ base, speed: 2, pattern: [[`... .. ... ${fx}`], ['... .. ... ...']] });
      expect(runTicks(song, 8).states.map((s) => s.row)).toEqual([0, 0, 0, 0, 0, 0, 1, 1]);
    }
  });
  it('the song ends when it loops back to a visited row', () => {
    const song = buildSong({ base: 'it', speed: 3, tempo: 125, pattern: [['... .. ... ...'], ['... .. ... ...']] });
    const d = songDuration(song);
    expect(d.capped).toBe(false);
    expect(d.seconds).toBeCloseTo((2 * 3 * 960) / 48000, 6);
  });
  it('a song that jumps back to itself ends once every row was played', () => {
    const song = buildSong({ base: 'xm', speed: 1, pattern: [['... .. ... ...'], ['... .. ... B00']] });
    expect(songDuration(song).seconds).toBeCloseTo((2 * 960) / 48000, 6);
  });
});

describe('volume and pan', () => {
  it('volume column sets the note volume (0..64 -> 0..256)', () => {
    const song = buildSong({ base: 'it', pattern: [['C-5 01 v32 ...']] });
    expect(runTicks(song, 1).states[0]?.volume).toBe(128);
  });
  it('XM volume slide A0F lowers by 15 per non-first tick', () => {
    const song = buildSong({ base: 'xm', pattern: [['C-5 01 v64 A0F']] });
    expect(runTicks(song, 4).states.map((s) => s.volume)).toEqual([256, 196, 136, 76]);
  });
  it('IT fine volume slide DF4 lowers by 4 on the first tick only', () => {
    const song = buildSong({ base: 'it', pattern: [['C-5 01 v64 DF4']] });
    expect(runTicks(song, 3).states.map((s) => s.volume)).toEqual([240, 240, 240]);
  });
  it('set panning 8xx / Xxx', () => {
    expect(runTicks(buildSong({ base: 'xm', pattern: [['C-5 01 ... 840']] }), 1).states[0]?.pan).toBe(0x40);
    expect(runTicks(buildSong({ base: 'it', pattern: [['C-5 01 ... X40']] }), 1).states[0]?.pan).toBe(0x40);
  });
  it('global volume Vxx (IT) and Gxx (XM, doubled)', () => {
    expect(runTicks(buildSong({ base: 'it', pattern: [['C-5 01 ... V40']] }), 1).states[0]?.globalVolume).toBe(128);
    expect(runTicks(buildSong({ base: 'xm', pattern: [['C-5 01 ... G20']] }), 1).states[0]?.globalVolume).toBe(128);
  });
});

describe('command numbering', () => {
  it('volume-column ids in patterns are the replayer command codes', () => {
    expect(VOLUME_KINDS.length).toBe(Object.keys(VOLCMD).length);
    expect(VOL.tonePorta).toBe(VOLCMD.TONEPORTAMENTO);
    expect(VOL.portaDown).toBe(VOLCMD.PORTADOWN);
    expect(FX.none).toBe(CMD.NONE);
  });
});
