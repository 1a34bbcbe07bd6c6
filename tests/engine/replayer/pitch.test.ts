// Pitch effects per tick and per format: the period and frequency tables, finetune and C-5 speed,
// portamentos (normal, fine, extra fine, tone portamento with each tracker's memory and instrument
// quirks), vibrato, fine vibrato, arpeggio, glissando, auto-vibrato, pitch envelopes and period limits.
// Periods are in the replayer's units: 4x Amiga periods (MOD, S3M, XM Amiga), FT2 linear periods
// (XM), and Hz (IT).
import { describe, expect, it } from 'vitest';
import type { ProfileBase } from '../../../src/song/profile.js';
import { buildSong, envelope, instrumentFor, oneShotSample, runTicks, semitones, testSample, track, type TestSongSpec } from '../../helpers/song-builder.js';

const freqs = (spec: TestSongSpec, ticks: number) => track(spec, ticks, 'frequency');
/** Semitones of each tick's frequency from the first tick's. */
const steps = (spec: TestSongSpec, ticks: number) => {
  const f = freqs(spec, ticks);
  return f.map((x) => semitones(x, f[0] ?? 1));
};

describe('period and frequency tables', () => {
  it('MOD: ProTracker periods (C-5 = PT C-2 = 428, C-6 = 214, B-4 = 453)', () => {
    const p = (note: string) => track({ base: 'mod', pattern: [[`${note} 01 ... ...`]] }, 1, 'period')[0];
    expect([p('C-5'), p('C-6'), p('B-4'), p('C-4')]).toEqual([428 * 4, 214 * 4, 453 * 4, 856 * 4]);
  });
  it('XM: linear periods fall 64 per semitone; Amiga periods follow FT2\'s table', () => {
    const p = (note: string, linear: boolean) => track({ base: 'xm', flags: { linearSlides: linear }, pattern: [[`${note} 01 ... ...`]] }, 1, 'period')[0];
    expect([p('C-5', true), p('C#5', true), p('C-6', true)]).toEqual([4608, 4544, 3840]);
    expect([p('C-5', false), p('C#5', false), p('C-6', false)]).toEqual([1712, 1616, 856]);
  });
  it('S3M: periods scale with 8363 / C-5 speed; IT plays Hz directly', () => {
    const s3m = (c5: number) => track({ base: 's3m', samples: [testSample('s3m', { tuning: { kind: 'c5speed', c5Speed: c5 } })], pattern: [['C-5 01 ... ...']] }, 1, 'period')[0];
    expect([s3m(8363), s3m(16726)]).toEqual([1712, 856]);
    const it8 = (c5: number, note = 'C-5') => track({ base: 'it', samples: [testSample('it', { tuning: { kind: 'c5speed', c5Speed: c5 } })], pattern: [[`${note} 01 ... ...`]] }, 1, 'period')[0];
    expect([it8(8363), it8(22050), it8(8363, 'C-6'), it8(8363, 'C-4')]).toEqual([8363, 22050, 16726, 4181]);
  });
  it('every format plays C-5 at the sample\'s base pitch', () => {
    for (const base of ['mod', 'xm', 's3m', 'it'] as const) {
      const f = freqs({ base, pattern: [['C-5 01 ... ...']] }, 1)[0] ?? 0;
      // MOD: the PAL Amiga clock gives 8287 Hz for period 428.
      expect(f, base).toBeCloseTo(base === 'mod' ? 3546895 / 428 : 8363, 0);
    }
  });
});

describe('finetune and C-5 speed', () => {
  it('XM: relative note and finetune (1/128 semitone) shift the note', () => {
    const f = (relativeNote: number, finetune: number) =>
      freqs({ base: 'xm', samples: [testSample('xm', { tuning: { kind: 'finetune', relativeNote, finetune } })], pattern: [['C-5 01 ... ...']] }, 1)[0] ?? 0;
    expect(semitones(f(0, 64), 8363)).toBeCloseTo(0.5, 1);
    expect(semitones(f(-12, 0), 8363)).toBe(-12);
    expect(semitones(f(7, -128), 8363)).toBeCloseTo(6, 1);
  });
  it('MOD: E5x sets the finetune of the note on its row (E58 = -8: C-5 period 453.5)', () => {
    expect(track({ base: 'mod', pattern: [['C-5 01 ... E58']] }, 1, 'period')).toEqual([1814]);
    expect(track({ base: 'mod', pattern: [['C-5 01 ... E57']] }, 1, 'period')).toEqual([1628]);
  });
  it('XM: E5x sets finetune (x - 8) * 16 for the note on its row', () => {
    expect(track({ base: 'xm', pattern: [['C-5 01 ... E5C']] }, 1, 'period')).toEqual([4608 - 32]);
  });
  it('S3M/IT: S2x picks a C-5 speed from ST3\'s finetune table', () => {
    expect(track({ base: 'it', pattern: [['C-5 01 ... S20']] }, 1, 'period')).toEqual([7895]);
    // S3M: 8757 Hz at C-5, through ST3's integer period 8363 * 1712 / 8757 = 1634.
    expect(track({ base: 's3m', pattern: [['C-5 01 ... S2F']] }, 1, 'period')).toEqual([1634]);
  });
});

describe('portamento up and down', () => {
  it('MOD and XM Amiga: 1xx/2xx move the period by 4 * xx on every tick but the first', () => {
    expect(track({ base: 'mod', pattern: [['C-5 01 ... 104'], ['... .. ... 202']] }, 8, 'period')).toEqual([1712, 1696, 1680, 1664, 1648, 1632, 1632, 1640]);
    expect(track({ base: 'xm', flags: { linearSlides: false }, pattern: [['C-5 01 ... 104']] }, 3, 'period')).toEqual([1712, 1696, 1680]);
  });
  it('XM linear: 1xx/2xx move 4 * xx in 1/64 semitones (104 = a quarter semitone per tick)', () => {
    expect(track({ base: 'xm', pattern: [['C-5 01 ... 104'], ['... .. ... 210']] }, 8, 'period')).toEqual([4608, 4592, 4576, 4560, 4544, 4528, 4528, 4592]);
  });
  it('IT linear: Fxx/Exx multiply the frequency by 2^(xx/192) per tick', () => {
    expect(track({ base: 'it', pattern: [['C-5 01 ... F04']] }, 6, 'period')).toEqual([8363, 8485, 8608, 8733, 8860, 8989]);
  });
  it('S3M: Fxx/Exx change the period by 4 * xx; FFx/EFx fine (4 * x once); FEx/EEx extra fine (x once)', () => {
    expect(track({ base: 's3m', pattern: [['C-5 01 ... F04'], ['... .. ... FF4'], ['... .. ... FE4']] }, 14, 'period').filter((_, i) => i % 2 === 0))
      .toEqual([1712, 1680, 1648, 1616, 1616, 1616, 1612]);
  });
  it('memory: MOD 100 does nothing; XM 100 repeats 1xx only; S3M E00 repeats the last of any effect; IT E00 the last E/F', () => {
    expect(track({ base: 'mod', pattern: [['C-5 01 ... 104'], ['... .. ... 100']] }, 8, 'period').slice(5)).toEqual([1632, 1632, 1632]);
    expect(track({ base: 'xm', pattern: [['C-5 01 ... 104'], ['... .. ... 100'], ['... .. ... 200']] }, 14, 'period').slice(5)).toEqual([4528, 4528, 4512, 4496, 4480, 4464, 4448, 4448, 4448]);
    expect(track({ base: 's3m', pattern: [['C-5 01 ... D02'], ['... .. ... E00']] }, 8, 'period').slice(5)).toEqual([1712, 1712, 1720]);
    expect(track({ base: 'it', pattern: [['C-5 01 ... F04'], ['... .. ... E00']] }, 9, 'period').slice(5)).toEqual([8989, 8989, 8860, 8733]);
  });
  it('XM: E1x/E2x fine and X1x/X2x extra fine slides act once, with separate memories (Porta-LinkMem.xm)', () => {
    expect(track({ base: 'xm', pattern: [['C-5 01 ... E12'], ['... .. ... X13'], ['... .. ... E10'], ['... .. ... X10'], ['... .. ... E20']] }, 25, 'period').filter((_, i) => i % 6 === 0))
      .toEqual([4600, 4597, 4589, 4586, 4586]);
  });
});

describe('tone portamento', () => {
  it('slides to the note at 4 * xx per tick and stops on it (3xx / Gxx)', () => {
    expect(track({ base: 'mod', pattern: [['C-5 01 ... ...'], ['D-5 .. ... 310'], ['... .. ... 300']] }, 18, 'period').slice(6))
      .toEqual([1712, 1648, 1584, 1524, 1524, 1524, 1524, 1524, 1524, 1524, 1524, 1524]);
    expect(track({ base: 'xm', pattern: [['C-5 01 ... ...'], ['D-5 .. ... 340']] }, 12, 'period').slice(6)).toEqual([4608, 4480, 4480, 4480, 4480, 4480]);
    expect(track({ base: 'it', pattern: [['C-5 01 ... ...'], ['C-6 .. ... G40']] }, 12, 'period').slice(6, 9)).toEqual([8363, 10537, 13276]);
  });
  it('IT: Gxx shares its memory with Exx/Fxx unless compatible Gxx is on; FT2/MOD/S3M keep their own', () => {
    const it8 = (gxx: boolean) => track({ base: 'it', flags: { itCompatibleGxx: gxx }, pattern: [['C-5 01 ... F08'], ['D-5 .. ... G00']] }, 12, 'period').slice(6);
    expect(new Set(it8(false)).size).toBeGreaterThan(1);
    expect(new Set(it8(true)).size).toBe(1);
  });
  it('ProTracker and FT2 keep the target after it was reached; IT forgets it (PortaTarget.mod, PortaReset.it)', () => {
    // Row 2 slides again with 300 and no note: MOD stops (the target was cleared once reached), FT2 keeps sliding back.
    const mod = track({ base: 'mod', pattern: [['C-5 01 ... ...'], ['D-5 .. ... 3FF'], ['... .. ... 104'], ['... .. ... 300']] }, 24, 'period');
    expect(mod.slice(18)).toEqual([1444, 1444, 1444, 1444, 1444, 1444]);
    const xm = track({ base: 'xm', pattern: [['C-5 01 ... ...'], ['D-5 .. ... 3FF'], ['... .. ... 104'], ['... .. ... 300']] }, 24, 'period');
    expect(xm.slice(18)).toEqual([4400, 4480, 4480, 4480, 4480, 4480]);
  });
  it('FT2: tone portamento to a note when nothing plays is ignored; IT plays the note (3xx-no-old-samp.xm, Fade-Porta.it)', () => {
    expect(track({ base: 'xm', pattern: [['D-5 01 ... 310']] }, 2, 'playing')).toEqual([false, false]);
    expect(track({ base: 'it', pattern: [['D-5 01 ... G10']] }, 2, 'period')).toEqual([9387, 9387]);
  });
  it('S3M: tone portamento after a note cut restarts the sample (libopenmpt rewinds a voice it ramps down)', () => {
    const s = runTicks(buildSong({ base: 's3m', speed: 3, samples: [oneShotSample('s3m', 30000)], pattern: [['C-5 01 ... ...'], ['^^^ .. ... ...'], ['G-4 01 ... G00'], ['... .. ... ...']] }), 8, 0, { mix: true }).states;
    expect(s[6]?.position).toBe(0);
    expect(s[7]?.position).toBeCloseTo(8363 * 960 / 48000, 0);
  });
  it('S3M: tone portamento resumes a note that was silent already where it stopped', () => {
    // Tremor (I01) silences the note before the cut, so there is no ramp down and no rewind.
    const s = runTicks(buildSong({ base: 's3m', speed: 3, samples: [oneShotSample('s3m', 30000)], pattern: [['C-5 01 ... ...'], ['... .. ... I0A'], ['^^^ .. ... ...'], ['G-4 01 ... G00']] }), 10, 0, { mix: true }).states;
    expect(s[9]?.position).toBeGreaterThan(1000);
  });
  it('tone portamento to another instrument: MOD and GUS ST3 keep the sample but take the new volume, FT2 keeps both, IT restarts the new sample (PortaSmpChange.mod/.s3m, porta-delay.xm, PortaInsNum.it)', () => {
    const result = (base: ProfileBase) => {
      const spec: TestSongSpec = {
        base, channels: base === 'mod' ? 4 : 1, samples: [oneShotSample(base, 30000, { volume: 20 }), oneShotSample(base, 40000, { volume: 50 })],
        ...(base === 'xm' || base === 'it' ? { instruments: [instrumentFor(1), instrumentFor(2)] } : {}),
        pattern: [['C-5 01 ... ...'], [`D-5 02 ... ${base === 'mod' || base === 'xm' ? '305' : 'G05'}`]],
      };
      const { player, states } = runTicks(buildSong(spec), 8, 0, { mix: true });
      return { sample: player.state.channels[0]!.sample?.index, volume: states[7]?.volume, restarted: (states[6]?.position ?? 1) === 0 };
    };
    expect(result('mod')).toEqual({ sample: 1, volume: 200, restarted: false });
    expect(result('s3m')).toEqual({ sample: 1, volume: 200, restarted: false });
    expect(result('xm')).toEqual({ sample: 1, volume: 80, restarted: false });
    expect(result('it')).toEqual({ sample: 2, volume: 200, restarted: true });
  });
  it('FT2: portamento with an instrument number reloads the instrument\'s volume but not its sample (porta-delay.xm)', () => {
    const spec: TestSongSpec = { base: 'xm', pattern: [['C-5 01 v20 ...'], ['D-5 01 ... 310']] };
    expect(track(spec, 8, 'volume').slice(5)).toEqual([80, 256, 256]);
  });
});

describe('vibrato', () => {
  it('MOD: 4xy adds sine * 4y / 64 to the period from the second tick on, then advances by x (ProTracker: not on tick 0)', () => {
    const p = track({ base: 'mod', pattern: [['C-5 01 ... 448']] }, 6, 'period');
    expect(p).toEqual([1712, 1712, 1712, 1712, 1712, 1712]);
    const f = track({ base: 'mod', pattern: [['C-5 01 ... 448']] }, 6, 'frequency').map((x) => Math.round(3546895 * 4 / x));
    expect(f).toEqual([1712, 1712, 1736, 1757, 1770, 1775]);
  });
  it('XM linear: the same sine in 1/64 semitones', () => {
    const f = track({ base: 'xm', pattern: [['C-5 01 ... 448']] }, 6, 'frequency');
    expect(f.map((x) => semitones(x, 8363))).toEqual([0, 0, -0.38, -0.7, -0.91, -0.98]);
  });
  it('IT: the vibrato position advances before it is used and IT\'s own sine table is finer', () => {
    const f = track({ base: 'it', pattern: [['C-5 01 ... H48']] }, 6, 'frequency');
    expect(f.map((x) => semitones(x, 8363))).toEqual([0.19, 0.31, 0.44, 0.5, 0.44, 0.31]);
  });
  it('S3M: vibrato depth is 4y like MOD, measured in periods', () => {
    const f = track({ base: 's3m', pattern: [['C-5 01 ... H48']] }, 6, 'period');
    expect(f).toEqual([1712, 1712, 1712, 1712, 1712, 1712]);
  });
  it('waveforms: E4x / S3x choose sine, ramp down, square or random; the position runs on across rows', () => {
    const wave = (x: number) => track({ base: 'xm', pattern: [[`C-5 01 ... E4${x}`], ['... .. ... 448'], ['... .. ... 400']] }, 18, 'frequency').slice(6).map((f) => semitones(f, 8363));
    expect(wave(0)).toEqual([0, 0, -0.38, -0.7, -0.91, -0.98, -0.91, -0.91, -0.7, -0.38, 0, 0.37]);
    expect(wave(1)).toEqual([0, 0, -0.13, -0.25, -0.38, -0.5, -0.63, -0.63, -0.75, -0.88, 0.98, 0.86]);
    expect(wave(2)).toEqual(Array(10).fill(-0.98).concat([0.98, 0.98]));
    // IT's square is 64 or 0 (not +-64), its ramp starts at the top.
    const itWave = (x: number) => track({ base: 'it', pattern: [[`C-5 01 ... S3${x}`], ['... .. ... H48'], ['... .. ... H00']] }, 18, 'frequency').slice(6).map((f) => semitones(f, 8363));
    expect(itWave(0)).toEqual([0.19, 0.31, 0.44, 0.5, 0.44, 0.31, 0.19, 0, -0.19, -0.31, -0.44, -0.5]);
    expect(itWave(1)).toEqual([0.44, 0.37, 0.31, 0.25, 0.19, 0.13, 0.06, 0, -0.06, -0.12, -0.19, -0.25]);
    expect(itWave(2)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0, 0]);
    // Random: a different value (almost) every tick.
    expect(new Set(track({ base: 'xm', pattern: [['C-5 01 ... E43'], ['... .. ... 448']] }, 12, 'frequency').slice(7)).size).toBeGreaterThan(3);
  });
  it('fine vibrato Uxy has a quarter of the depth', () => {
    const h = track({ base: 'it', pattern: [['C-5 01 ... H48']] }, 6, 'frequency').map((f) => semitones(f, 8363));
    const u = track({ base: 'it', pattern: [['C-5 01 ... U48']] }, 6, 'frequency').map((f) => semitones(f, 8363));
    u.forEach((v, i) => expect(v).toBeCloseTo((h[i] ?? 0) / 4, 1));
  });
});

describe('arpeggio', () => {
  it('cycles note, +x, +y: MOD/S3M/IT by tick, FT2 counting from the end of the row (Arpeggio.xm)', () => {
    const arp = (base: ProfileBase, fx: string) => steps({ base, pattern: [[`C-5 01 ... ${fx}`]] }, 6).map(Math.round);
    expect(arp('mod', '037')).toEqual([0, 3, 7, 0, 3, 7]);
    expect(arp('s3m', 'J37')).toEqual([0, 3, 7, 0, 3, 7]);
    expect(arp('it', 'J37')).toEqual([0, 3, 7, 0, 3, 7]);
    expect(arp('xm', '037')).toEqual([0, 7, 3, 0, 7, 3]);
  });
  it('S3M/IT: J00 repeats the last arpeggio; MOD/XM 000 is no effect', () => {
    expect(steps({ base: 'it', pattern: [['C-5 01 ... J37'], ['... .. ... J00']] }, 9).slice(6).map(Math.round)).toEqual([0, 3, 7]);
    expect(steps({ base: 'xm', pattern: [['C-5 01 ... 037'], ['... .. ... 000']] }, 9).slice(6).map(Math.round)).toEqual([0, 0, 0]);
  });
});

describe('glissando', () => {
  it('E31 / S11 make tone portamento move in semitones', () => {
    const xm = steps({ base: 'xm', pattern: [['C-5 01 ... E31'], ['E-5 .. ... 310'], ['... .. ... 300']] }, 18).slice(6);
    expect(xm.every((v) => Number.isInteger(v))).toBe(true);
    expect(xm[xm.length - 1]).toBe(4);
    const it8 = steps({ base: 'it', pattern: [['C-5 01 ... S11'], ['E-5 .. ... G10'], ['... .. ... G00']] }, 18).slice(6);
    expect(it8.every((v) => Number.isInteger(v))).toBe(true);
  });
});

describe('auto-vibrato and pitch envelopes', () => {
  it('XM: sample auto-vibrato grows over the sweep ticks to its depth', () => {
    const spec = (sweep: number): TestSongSpec => ({
      base: 'xm', samples: [testSample('xm', { vibrato: { waveform: 'square', speed: 64, depth: 8, sweep } })], instruments: [instrumentFor(1)],
      pattern: [['C-5 01 ... ...']],
    });
    expect(track(spec(4), 6, 'frequency').map((f) => semitones(f, 8363))).toEqual([0.03, -0.06, -0.09, 0.12, 0.12, -0.13]);
    expect(track(spec(0), 3, 'frequency').map((f) => semitones(f, 8363))).toEqual([0.12, -0.13, -0.13]);
  });
  it('IT: auto-vibrato depth grows by the sweep each tick (1/256 steps)', () => {
    const spec: TestSongSpec = {
      base: 'it', samples: [testSample('it', { vibrato: { waveform: 'sine', speed: 32, depth: 16, sweep: 200 } })], instruments: [instrumentFor(1)],
      pattern: [['C-5 01 ... ...']],
    };
    expect(track(spec, 6, 'frequency')).toEqual([8363, 8363, 8378, 8378, 8363, 8347.9375]);
  });
  it('IT: the pitch envelope bends the note in half semitones per point value', () => {
    const spec: TestSongSpec = {
      base: 'it', samples: [testSample('it')], instruments: [instrumentFor(1, { pitchEnvelope: envelope([[0, 0], [4, 8]]) })],
      pattern: [['C-5 01 ... ...']],
    };
    expect(track(spec, 6, 'frequency').map((f) => semitones(f, 8363))).toEqual([0, 1, 2, 3, 4, 4]);
  });
});

describe('period limits', () => {
  it('MOD with Amiga limits clamps to B-3..C-1 (periods 113..856 x 4)', () => {
    expect(track({ base: 'mod', flags: { amigaPeriodLimits: true }, pattern: [['C-4 01 ... 2FF']] }, 3, 'period')).toEqual([3424, 3424, 3424].map(() => 856 * 4));
    // (B-3 is 113.375: the limit is 907 / 2 = 453 in 4x units.)
    expect(track({ base: 'mod', flags: { amigaPeriodLimits: true }, pattern: [['B-6 01 ... 1FF']] }, 3, 'period')).toEqual([453, 453, 453]);
  });
  it('XM: linear periods stay within 1..31999', () => {
    expect(track({ base: 'xm', speed: 20, pattern: [['C-9 01 ... 1FF']] }, 20, 'period').at(-1)).toBe(1);
  });
});
