// Timing effects per tick and per format: speed, tempo and tempo slides, pattern break, position jump,
// pattern loop, pattern delay and fine pattern delay, note delay, note cut, retrigger, key-off and
// note fade. Expected values follow the original trackers as libopenmpt plays them.
import { describe, expect, it } from 'vitest';
import { framesPerTick, songDuration } from '../../../src/engine/replayer/player.js';
import { readSong } from '../../../src/formats/registry.js';
import { corpusEntries, readCorpusFile } from '../../helpers/corpus.js';
import type { ProfileBase } from '../../../src/song/profile.js';
import type { Pattern } from '../../../src/song/pattern.js';
import { buildSong, envelope, instrumentFor, oneShotSample, runTicks, testSample, track, type TestSongSpec } from '../../helpers/song-builder.js';

const empty = (n: number, channels = 1): string[][] => Array.from({ length: n }, () => Array.from({ length: channels }, () => '... .. ... ...'));
const rowsOf = (spec: TestSongSpec, ticks: number) => runTicks(buildSong(spec), ticks).states.map((s) => `${s.order}:${s.row}`);

describe('speed', () => {
  for (const [base, fx] of [['mod', 'F03'], ['xm', 'F03'], ['s3m', 'A03'], ['it', 'A03']] as const) {
    it(`${base}: ${fx} makes every row three ticks long from this row on`, () => {
      const rows = track({ base, speed: 6, pattern: [[`... .. ... ${fx}`], ['... .. ... ...'], ['... .. ... ...']] }, 8, 'row');
      expect(rows).toEqual([0, 0, 0, 1, 1, 1, 2, 2]);
    });
  }
  it('MOD/XM: F20 and above set the tempo, not the speed', () => {
    for (const base of ['mod', 'xm'] as const) {
      const s = runTicks(buildSong({ base, pattern: [['... .. ... F50']] }), 2).states;
      expect(s[1]).toMatchObject({ speed: 6, tempo: 0x50 });
    }
  });
  it('IT/S3M: A00 keeps the speed', () => {
    for (const base of ['s3m', 'it'] as const) expect(track({ base, speed: 4, pattern: [['... .. ... A00'], ['... .. ... ...']] }, 5, 'row')).toEqual([0, 0, 0, 0, 1]);
  });
});

describe('tempo', () => {
  it('a tick lasts floor(rate * 2.5 / tempo) frames from the row that sets it', () => {
    for (const [base, fx] of [['xm', 'F96'], ['it', 'T96'], ['s3m', 'T96'], ['mod', 'F96']] as const) {
      const frames = track({ base, pattern: [['... .. ... ...'], [`... .. ... ${fx}`], ['... .. ... ...']] }, 8, 'frames');
      expect(frames.slice(0, 6)).toEqual(Array(6).fill(framesPerTick(48000, 125)));
      expect(frames[6]).toBe(framesPerTick(48000, 0x96));
      expect(framesPerTick(48000, 0x96)).toBe(800);
    }
  });
  it('ProTracker applies a new tempo one tick late, after the first tick of the row (TempoChange.mod)', () => {
    const frames = track({ base: 'mod', flags: { protrackerMode: true }, pattern: [['... .. ... ...'], ['... .. ... F96'], ['... .. ... ...']] }, 8, 'frames');
    expect(frames).toEqual([960, 960, 960, 960, 960, 960, 960, 800]);
  });
  it('IT/S3M: T0x slides the tempo down and T1x up by x on every tick but the first', () => {
    for (const base of ['it', 's3m'] as const) {
      expect(track({ base, speed: 4, pattern: [['... .. ... T05'], ['... .. ... T12']] }, 8, 'tempo')).toEqual([125, 120, 115, 110, 110, 112, 114, 116]);
    }
  });
  it('IT: T00 repeats the last tempo slide', () => {
    expect(track({ base: 'it', speed: 3, pattern: [['... .. ... T03'], ['... .. ... T00']] }, 6, 'tempo')).toEqual([125, 122, 119, 119, 116, 113]);
  });
  it('IT: tempo slides stop at 32 and at 255', () => {
    expect(track({ base: 'it', speed: 4, tempo: 36, pattern: [['... .. ... T03']] }, 4, 'tempo')).toEqual([36, 33, 32, 32]);
    expect(track({ base: 'it', speed: 4, tempo: 250, pattern: [['... .. ... T13']] }, 4, 'tempo')).toEqual([250, 253, 255, 255]);
  });
  it('XM: tempo slides do not exist (F0x is a speed)', () => {
    expect(track({ base: 'xm', speed: 4, pattern: [['... .. ... F05'], ['... .. ... ...']] }, 6, 'speed')).toEqual([5, 5, 5, 5, 5, 5]);
  });
});

describe('tempo modes', () => {
  const frames = (tempoMode: 'classic' | 'alternative' | 'modern', spec: Partial<TestSongSpec>, ticks: number, tempoSwing: number[] = []) => {
    const song = buildSong({ base: 'it', pattern: [['... .. ... ...'], ['... .. ... ...']], ...spec });
    return runTicks({ ...song, profile: { ...song.profile, tempoMode, tempoSwing } }, ticks).states.map((s) => s.frames);
  };
  it('classic: 2.5 / tempo seconds per tick, fractional tempos included', () => {
    expect(frames('classic', { tempo: 125 }, 2)).toEqual([960, 960]);
    expect(frames('classic', { tempo: 123.45 }, 2)).toEqual([972, 972]);
  });
  it('alternative: 1 / tempo seconds per tick', () => {
    expect(frames('alternative', { tempo: 100 }, 2)).toEqual([480, 480]);
  });
  it('modern: tempo is beats per minute of rows-per-beat rows; the fraction of a frame each tick loses is carried', () => {
    expect(frames('modern', { tempo: 125, speed: 6, rowsPerBeat: 4 }, 2)).toEqual([960, 960]);
    // 48000 * 60 / (139 * 5 * 6) = 690.647 frames.
    expect(frames('modern', { tempo: 139, speed: 5, rowsPerBeat: 6 }, 6)).toEqual([690, 691, 690, 691, 691, 690]);
  });
  it('modern: tempo swing stretches and squeezes alternate rows', () => {
    expect(frames('modern', { tempo: 125, speed: 1, rowsPerBeat: 4 }, 2, [1.5, 0.5])).toEqual([8640, 2880]);
  });
  it('modern: a pattern with its own time signature and swing plays by them, not the song\'s (OpenMPT)', () => {
    const own = (tempoSwing: number[], pattern: Partial<Pattern>) => {
      const song = buildSong({ base: 'it', tempo: 139, speed: 5, rowsPerBeat: 6, pattern: [['... .. ... ...'], ['... .. ... ...']] });
      const patterns = song.patterns.map((p) => ({ ...p, ...pattern }));
      return runTicks({ ...song, patterns, profile: { ...song.profile, tempoMode: 'modern', tempoSwing } }, 6).states.map((x) => x.frames);
    };
    // 48000 * 60 / (139 * 5 * 5) = 828.78 frames: the pattern's 5 rows per beat, not the song's 6.
    expect(own([], { signature: { rowsPerBeat: 5, rowsPerMeasure: 20 } })).toEqual([828, 829, 829, 829, 828, 829]);
    // Without one the song's beat and swing hold; the pattern's swing replaces the song's (row 0: x2 of 690.65).
    expect(own([], {})).toEqual([690, 691, 690, 691, 691, 690]);
    expect(own([2, 0.5], { signature: { rowsPerBeat: 5, rowsPerMeasure: 20 }, swing: [1, 1] })).toEqual([828, 829, 829, 829, 828, 829]);
    expect(own([], { swing: [2, 0.5] }).slice(0, 5)).toEqual([1381, 1381, 1381, 1382, 1381]);
  });
  const corpus = (path: string) => corpusEntries().find((e) => e.path === path);
  it.skipIf(!corpus('xm/openmpt--test.xm'))('OpenMPT files say which mode they use; openmpt--test.xm (modern) lasts as long as in libopenmpt', () => {
    const e = corpus('xm/openmpt--test.xm')!;
    const song = readSong(readCorpusFile(e)).song;
    expect(song.profile.tempoMode).toBe('modern');
    expect(songDuration(song).seconds).toBeCloseTo(e.duration, 2);
  });
  it.skipIf(!corpus('mptm/openmpt--test.mptm'))('MPTM: a fractional tempo and normalised swing factors are read', () => {
    const song = readSong(readCorpusFile(corpus('mptm/openmpt--test.mptm')!)).song;
    // The first sequence's own tempo (the IT header's 123.45 is the second sequence's, selected when saved).
    expect(song.initialTempo).toBe(139.0999);
    expect(song.profile.tempoSwing.map((f) => Math.round(f * 1000) / 1000)).toEqual([1.75, 0.25, 1.75, 0.25, 1.75, 0.25]);
    expect(song.profile.tempoSwing.reduce((a, b) => a + b, 0)).toBeCloseTo(6, 9);
  });
});

describe('pattern break and position jump', () => {
  const twoPatterns = (base: ProfileBase, cells: string[]): TestSongSpec => ({
    base, speed: 1, channels: cells.length, pattern: [cells, ...empty(3, cells.length)], morePatterns: [empty(40, cells.length), empty(40, cells.length)], rows: 4,
  });
  it('MOD/XM read the break row as decimal digits, S3M/IT as hex', () => {
    for (const [base, fx, row] of [['mod', 'D12', 12], ['xm', 'D12', 12], ['s3m', 'C12', 18], ['it', 'C12', 18]] as const) {
      expect(rowsOf(twoPatterns(base, [`... .. ... ${fx}`]), 3), base).toEqual(['0:0', `1:${row}`, `1:${row + 1}`]);
    }
  });
  it('S3M: a break to row 64 or beyond is ignored', () => {
    expect(rowsOf(twoPatterns('s3m', ['... .. ... C40']), 3)).toEqual(['0:0', '0:1', '0:2']);
  });
  it('position jump plays the order from its first row', () => {
    for (const [base, fx] of [['mod', 'B02'], ['xm', 'B02'], ['s3m', 'B02'], ['it', 'B02']] as const) {
      expect(rowsOf(twoPatterns(base, [`... .. ... ${fx}`]), 2), base).toEqual(['0:0', '2:0']);
    }
  });
  it('jump and break on one row go to that row of that order', () => {
    expect(rowsOf(twoPatterns('xm', ['... .. ... B02', '... .. ... D05']), 2)).toEqual(['0:0', '2:5']);
    expect(rowsOf(twoPatterns('it', ['... .. ... B02', '... .. ... C05']), 2)).toEqual(['0:0', '2:5']);
  });
  it('MOD/XM: a jump in a later channel than the break resets the break row (PatternJump.mod)', () => {
    expect(rowsOf(twoPatterns('mod', ['... .. ... D05', '... .. ... B02']), 2)).toEqual(['0:0', '2:0']);
    expect(rowsOf(twoPatterns('it', ['... .. ... C05', '... .. ... B02']), 2)).toEqual(['0:0', '2:5']);
  });
});

describe('pattern loop', () => {
  const loopSong = (base: ProfileBase, start: string, loop: string, extra = '... .. ... ...'): TestSongSpec => ({
    base, speed: 1, pattern: [[`... .. ... ${start}`], [`... .. ... ${loop}`], [`... .. ... ${extra}`], ['... .. ... ...']],
  });
  it('loops the rows from the loop start x more times, in every format', () => {
    for (const [base, s, l] of [['mod', 'E60', 'E62'], ['xm', 'E60', 'E62'], ['s3m', 'SB0', 'SB2'], ['it', 'SB0', 'SB2']] as const) {
      expect(track(loopSong(base, s, l), 8, 'row'), base).toEqual([0, 1, 0, 1, 0, 1, 2, 3]);
    }
  });
  it('IT/S3M: after a loop ends the next loop starts after it; FT2 and ProTracker loop back to the old start forever', () => {
    expect(track(loopSong('it', 'SB0', 'SB1', 'SB1'), 7, 'row')).toEqual([0, 1, 0, 1, 2, 2, 3]);
    expect(track(loopSong('s3m', 'SB0', 'SB1', 'SB1'), 7, 'row')).toEqual([0, 1, 0, 1, 2, 2, 3]);
    // (The second E61 finds the counter at 0 and jumps back to row 0 again: an endless loop, which
    // ends the song as soon as a row repeats in the same loop state.)
    expect(track(loopSong('xm', 'E60', 'E61', 'E61'), 11, 'row')).toEqual([0, 1, 0, 1, 2]);
    expect(track(loopSong('mod', 'E60', 'E61', 'E61'), 11, 'row')).toEqual([0, 1, 0, 1, 2]);
  });
  it('S3M: one loop start for all channels; IT: one per channel', () => {
    // Channel 1 sets the loop start at row 1; channel 2 loops at row 2 without a start of its own.
    const song = (base: ProfileBase): TestSongSpec => ({
      base, speed: 1, channels: 2,
      pattern: [empty(1, 2)[0]!, ['... .. ... SB0', '... .. ... ...'], ['... .. ... ...', '... .. ... SB1'], empty(1, 2)[0]!],
    });
    expect(track(song('s3m'), 7, 'row')).toEqual([0, 1, 2, 1, 2, 3]);
    expect(track(song('it'), 7, 'row')).toEqual([0, 1, 2, 0, 1, 2, 3]);
  });
  it('FT2: after a loop the next pattern starts at the loop row (PatLoop-Jumps.xm)', () => {
    const spec: TestSongSpec = { base: 'xm', speed: 1, pattern: [['... .. ... ...'], ['... .. ... E60'], ['... .. ... E61'], ['... .. ... ...']], morePatterns: [empty(4)] };
    expect(rowsOf(spec, 9)).toEqual(['0:0', '0:1', '0:2', '0:1', '0:2', '0:3', '1:1', '1:2', '1:3']);
    expect(rowsOf({ ...spec, base: 'it', pattern: [['... .. ... ...'], ['... .. ... SB0'], ['... .. ... SB1'], ['... .. ... ...']] }, 9)).toEqual(['0:0', '0:1', '0:2', '0:1', '0:2', '0:3', '1:0', '1:1', '1:2']);
  });
});

describe('pattern delay', () => {
  it('repeats the row x more times (EEx / SEx)', () => {
    for (const [base, fx] of [['mod', 'EE2'], ['xm', 'EE2'], ['s3m', 'SE2'], ['it', 'SE2']] as const) {
      expect(track({ base, speed: 2, pattern: [[`... .. ... ${fx}`], ['... .. ... ...']] }, 8, 'row'), base).toEqual([0, 0, 0, 0, 0, 0, 1, 1]);
    }
  });
  it('S3M/IT take the first delay on a row, MOD/XM the last (PatternDelays.it)', () => {
    const rows = (base: ProfileBase, a: string, b: string) => track({ base, speed: 1, channels: 2, pattern: [[`... .. ... ${a}`, `... .. ... ${b}`], empty(1, 2)[0]!] }, 6, 'row');
    expect(rows('it', 'SE1', 'SE3')).toEqual([0, 0, 1]);
    expect(rows('s3m', 'SE1', 'SE3')).toEqual([0, 0, 1]);
    expect(rows('xm', 'EE1', 'EE3')).toEqual([0, 0, 0, 0, 1]);
    expect(rows('mod', 'EE1', 'EE3')).toEqual([0, 0, 0, 0, 1]);
  });
  it('S3M: SE0 is ignored; IT: SE0 is no delay', () => {
    expect(track({ base: 's3m', speed: 2, pattern: [['... .. ... SE0'], ['... .. ... ...']] }, 3, 'row')).toEqual([0, 0, 1]);
    expect(track({ base: 'it', speed: 2, pattern: [['... .. ... SE0'], ['... .. ... ...']] }, 3, 'row')).toEqual([0, 0, 1]);
  });
  it('first-tick effects run on every repetition in IT/S3M/ProTracker, once in FT2 (PatternDelaysRetrig.s3m)', () => {
    const vol = (base: ProfileBase, slide: string, delay: string, flags = {}) =>
      track({ base, flags, speed: 2, channels: 2, pattern: [[`C-5 01 v32 ${slide}`, `... .. ... ${delay}`], empty(1, 2)[0]!] }, 6, 'volume');
    expect(vol('it', 'D1F', 'SE2')).toEqual([132, 132, 136, 136, 140, 140]);
    expect(vol('s3m', 'D1F', 'SE2')).toEqual([132, 132, 136, 136, 140, 140]);
    expect(vol('xm', 'EA1', 'EE2')).toEqual([132, 132, 132, 132, 132, 132]);
    expect(vol('mod', 'EA1', 'EE2', { protrackerMode: true })).toEqual([132, 132, 136, 136, 140, 140]);
  });
  it('IT: S6x adds x ticks to the row, on each repetition of a delayed row', () => {
    expect(track({ base: 'it', speed: 3, pattern: [['... .. ... S62'], ['... .. ... ...']] }, 6, 'row')).toEqual([0, 0, 0, 0, 0, 1]);
    const rows = track({ base: 'it', speed: 3, channels: 2, pattern: [['... .. ... S62', '... .. ... SE1'], empty(1, 2)[0]!] }, 11, 'row');
    expect(rows).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });
  it('FT2: X6x (an OpenMPT extension) does nothing in files made by FastTracker 2', () => {
    expect(track({ base: 'xm', speed: 3, pattern: [['... .. ... X62'], ['... .. ... ...']] }, 4, 'row')).toEqual([0, 0, 0, 1]);
  });
});

describe('note delay', () => {
  const delayed = (base: ProfileBase, fx: string, speed = 6) => ({ base, speed, pattern: [[`C-5 01 v40 ${fx}`], ['... .. ... ...']] });
  it('starts the note on tick x (EDx / SDx)', () => {
    for (const [base, fx] of [['mod', 'ED2'], ['xm', 'ED2'], ['s3m', 'SD2'], ['it', 'SD2']] as const) {
      const s = runTicks(buildSong(delayed(base, fx)), 4, 0, { mix: true }).states;
      expect(s.map((x) => x.playing), base).toEqual([false, false, true, true]);
      expect(s[2]?.position, base).toBe(0);
    }
  });
  it('SD0: IT plays on tick 1, S3M ignores the note; ED0 plays at once', () => {
    expect(track(delayed('it', 'SD0'), 3, 'playing')).toEqual([false, true, true]);
    expect(track(delayed('s3m', 'SD0'), 8, 'playing')).toEqual(Array(8).fill(false));
    expect(track(delayed('xm', 'ED0'), 2, 'playing')).toEqual([true, true]);
  });
  it('a delay past the row skips the note', () => {
    expect(track(delayed('it', 'SD7'), 12, 'playing')).toEqual(Array(12).fill(false));
    expect(track(delayed('xm', 'ED7'), 12, 'playing')).toEqual(Array(12).fill(false));
    expect(track(delayed('s3m', 'SD7'), 12, 'playing')).toEqual(Array(12).fill(false));
  });
  it('ProTracker: the pitch of a note delayed past the row reaches the playing note on the next row (NoteDelay-NextRow.mod)', () => {
    const spec = (pt: boolean): TestSongSpec => ({ base: 'mod', flags: { protrackerMode: pt }, pattern: [['C-5 01 ... ...'], ['G-5 01 ... ED7'], ['... .. ... ...']] });
    // C-5 is period 428 (x4), G-5 is 285.
    expect(track(spec(true), 13, 'period').filter((_, i) => i % 6 === 0)).toEqual([1712, 1712, 1140]);
    expect(track(spec(false), 13, 'period').filter((_, i) => i % 6 === 0)).toEqual([1712, 1712, 1712]);
  });
  it('the volume column of a delayed note applies with the note', () => {
    expect(track(delayed('it', 'SD2'), 3, 'volume')).toEqual([0, 0, 160]);
  });
});

describe('note cut', () => {
  it('MOD/XM: ECx sets the volume to 0 on tick x, the sample keeps running', () => {
    for (const base of ['mod', 'xm'] as const) {
      const s = runTicks(buildSong({ base, pattern: [['C-5 01 ... EC2']] }), 4).states;
      expect(s.map((x) => x.volume), base).toEqual([256, 256, 0, 0]);
      expect(s[3]?.playing).toBe(true);
    }
  });
  it('S3M/IT: SCx stops the note on tick x', () => {
    for (const base of ['s3m', 'it'] as const) {
      const s = runTicks(buildSong({ base, pattern: [['C-5 01 ... SC2']] }), 4, 0, { mix: true }).states;
      expect(s.map((x) => x.realVolume > 0), base).toEqual([true, true, false, false]);
      expect(s[3]?.playing, base).toBe(false);
    }
  });
  it('SC0: IT cuts on tick 1, S3M ignores it', () => {
    expect(track({ base: 'it', pattern: [['C-5 01 ... SC0']] }, 3, 'fadeOut')).toEqual([65536, 0, 0]);
    expect(track({ base: 's3m', pattern: [['C-5 01 ... SC0']] }, 3, 'volume')).toEqual([256, 256, 256]);
  });
  it('^^^ cuts at once', () => {
    for (const base of ['xm', 's3m', 'it'] as const) {
      expect(track({ base, pattern: [['C-5 01 ... ...'], ['^^^ .. ... ...']] }, 8, 'realVolume', 0, { mix: true }).map((v) => v > 0), base).toEqual([true, true, true, true, true, true, false, false]);
    }
  });
});

describe('retrigger', () => {
  const retrigMarks = (spec: TestSongSpec, ticks: number) => {
    const s = runTicks(buildSong({ samples: [oneShotSample(spec.base, 40000)], ...spec }), ticks, 0, { mix: true }).states;
    return s.map((x, i) => (i > 0 && x.position < (s[i - 1]?.position ?? 0) ? 'R' : x.position === 0 ? 'N' : '.')).join('');
  };
  it('E9x restarts the note every x ticks; FT2 not on the first tick of a row without a note (PTRetrigger.mod)', () => {
    expect(retrigMarks({ base: 'mod', speed: 6, pattern: [['C-5 01 ... E92'], ['... .. ... E92']] }, 12)).toBe('N.R.R.R.R.R.');
    expect(retrigMarks({ base: 'xm', speed: 6, pattern: [['C-5 01 ... E92'], ['... .. ... E92']] }, 12)).toBe('N.R.R...R.R.');
  });
  it('Qxy (S3M/IT) and Rxy (XM) restart every y ticks, counting on across rows', () => {
    expect(retrigMarks({ base: 'it', speed: 4, pattern: [['C-5 01 ... Q03'], ['... .. ... Q03']] }, 8)).toBe('N..R..R.');
    expect(retrigMarks({ base: 's3m', speed: 4, pattern: [['C-5 01 ... Q03'], ['... .. ... Q03']] }, 8)).toBe('N..R..R.');
    // FT2's Rxy counter starts one tick ahead after a note (retrig.xm).
    expect(retrigMarks({ base: 'xm', speed: 4, pattern: [['C-5 01 ... R03'], ['... .. ... R03']] }, 8)).toBe('N.R..R..');
  });
  it('the volume change x: -1, -2, -4, -8, -16, *10/16, *1/2, +1 .. +16, *24/16, *2 (volume 0..256 scale)', () => {
    const vols = (x: string) => track({ base: 'it', speed: 2, samples: [oneShotSample('it', 40000)], pattern: [[`C-5 01 v32 Q${x}1`], [`... .. ... Q${x}1`], [`... .. ... Q${x}1`]] }, 6, 'volume');
    expect(vols('1')).toEqual([128, 124, 120, 116, 112, 108]);
    expect(vols('5')).toEqual([128, 64, 0, 0, 0, 0]);
    // (libopenmpt's *10/16 stands in for IT's *2/3.)
    expect(vols('6')).toEqual([128, 80, 50, 31, 19, 11]);
    expect(vols('7')).toEqual([128, 64, 32, 16, 8, 4]);
    expect(vols('B')).toEqual([128, 144, 160, 176, 192, 208]);
    expect(vols('E')).toEqual([128, 192, 256, 256, 256, 256]);
    expect(vols('F')).toEqual([128, 256, 256, 256, 256, 256]);
  });
});

describe('key-off and note fade', () => {
  const fadeIns = (base: ProfileBase, changes: Parameters<typeof instrumentFor>[1]) => ({ samples: [testSample(base)], instruments: [instrumentFor(1, changes)] });
  it('XM: key-off without a volume envelope cuts the note (volume 0)', () => {
    expect(track({ base: 'xm', ...fadeIns('xm', {}), pattern: [['C-5 01 ... ...'], ['=== .. ... ...']] }, 8, 'volume')).toEqual([256, 256, 256, 256, 256, 256, 0, 0]);
  });
  it('XM: key-off with a volume envelope releases the sustain and starts the fade-out', () => {
    const spec: TestSongSpec = {
      base: 'xm', speed: 2,
      ...fadeIns('xm', { volumeEnvelope: envelope([[0, 64], [2, 32], [20, 0]], { sustain: [1, 1] }), fadeout: 4096 }),
      pattern: [['C-5 01 ... ...'], ['... .. ... ...'], ['=== .. ... ...'], ['... .. ... ...']],
    };
    const s = runTicks(buildSong(spec), 8).states;
    // The envelope holds at its sustain point (tick 2) until the key-off on tick 4, then moves on.
    expect(s.map((x) => x.volEnv)).toEqual([1, 2, 2, 2, 3, 4, 5, 6]);
    expect(s.map((x) => x.fadeOut)).toEqual([65536, 65536, 65536, 65536, 57344, 49152, 40960, 32768]);
  });
  it('XM: Kxx keys off on tick xx', () => {
    const spec: TestSongSpec = { base: 'xm', ...fadeIns('xm', { volumeEnvelope: envelope([[0, 64], [10, 64]], { sustain: [0, 0] }), fadeout: 1024 }), pattern: [['C-5 01 ... K03']] };
    expect(track(spec, 6, 'keyOff')).toEqual([false, false, false, true, true, true]);
  });
  it('IT: === releases the envelope sustain; the fade starts only at the envelope end', () => {
    const spec: TestSongSpec = {
      base: 'it', speed: 2,
      ...fadeIns('it', { volumeEnvelope: envelope([[0, 64], [2, 64], [4, 32]], { sustain: [1, 1] }), fadeout: 8192 }),
      pattern: [['C-5 01 ... ...'], ['... .. ... ...'], ['=== .. ... ...'], ['... .. ... ...']],
    };
    const s = runTicks(buildSong(spec), 8).states;
    // IT counts positions one ahead (1 = point 0 used) and reads the key-off one tick late.
    expect(s.map((x) => x.volEnv)).toEqual([1, 2, 3, 3, 3, 4, 5, 5]);
    expect(s.map((x) => x.noteFade)).toEqual([false, false, false, false, false, false, false, true]);
  });
  it('IT: ~~~ fades the note out by the instrument fade-out per tick', () => {
    const spec: TestSongSpec = { base: 'it', ...fadeIns('it', { fadeout: 8192 }), pattern: [['C-5 01 ... ...'], ['~~~ .. ... ...']] };
    expect(track(spec, 9, 'fadeOut')).toEqual([65536, 65536, 65536, 65536, 65536, 65536, 49152, 32768, 16384]);
  });
});
