// Volume and panning effects per tick and per format: volume slides (normal, fine, extra fine, volume
// column), tremolo, tremor, set and slide panning, panbrello, global volume and its slides, channel
// volume, sample and instrument global volume, surround. Volumes are 0..256 (64 = 256), pan 0..256.
import { describe, expect, it } from 'vitest';
import type { ProfileBase } from '../../../src/song/profile.js';
import { buildSong, instrumentFor, runTicks, testSample, track, type TestSongSpec } from '../../helpers/song-builder.js';

const vols = (spec: TestSongSpec, ticks: number) => track(spec, ticks, 'volume');

describe('volume slides', () => {
  it('Axy / Dxy slide up x or down y on every tick but the first', () => {
    for (const [base, up, down] of [['mod', 'A20', 'A03'], ['xm', 'A20', 'A03'], ['s3m', 'D20', 'D03'], ['it', 'D20', 'D03']] as const) {
      expect(vols({ base, pattern: [[`C-5 01 v32 ${up}`], [`... .. ... ${down}`]] }, 12), base).toEqual([128, 136, 144, 152, 160, 168, 168, 156, 144, 132, 120, 108]);
    }
  });
  it('both nibbles: MOD/XM slide up, S3M down, IT ignores the slide', () => {
    expect(vols({ base: 'xm', pattern: [['C-5 01 v32 A23']] }, 3)).toEqual([128, 136, 144]);
    expect(vols({ base: 's3m', pattern: [['C-5 01 v32 D23']] }, 3)).toEqual([128, 116, 104]);
    expect(vols({ base: 'it', pattern: [['C-5 01 v32 D23']] }, 3)).toEqual([128, 128, 128]);
  });
  it('S3M/IT: DxF slides up x and DFy down y once, on the first tick; D0F and DF0 slide on every tick', () => {
    for (const base of ['s3m', 'it'] as const) {
      expect(vols({ base, pattern: [['C-5 01 v32 D3F']] }, 3), base).toEqual([140, 140, 140]);
      expect(vols({ base, pattern: [['C-5 01 v32 DF3']] }, 3), base).toEqual([116, 116, 116]);
      expect(vols({ base, pattern: [['C-5 01 v32 D0F']] }, 3), base).toEqual([68, 8, 0]);
      expect(vols({ base, pattern: [['C-5 01 v32 DF0']] }, 3), base).toEqual([188, 248, 256]);
    }
  });
  it('memory: MOD A00 does nothing; XM A00, S3M/IT D00 repeat the last slide', () => {
    expect(vols({ base: 'mod', pattern: [['C-5 01 v32 A02'], ['... .. ... A00']] }, 8).slice(6)).toEqual([88, 88]);
    expect(vols({ base: 'xm', pattern: [['C-5 01 v32 A02'], ['... .. ... A00']] }, 8).slice(6)).toEqual([88, 80]);
    expect(vols({ base: 's3m', pattern: [['C-5 01 v32 D02'], ['... .. ... D00']] }, 8).slice(6)).toEqual([88, 80]);
    expect(vols({ base: 'it', pattern: [['C-5 01 v32 D02'], ['... .. ... D00']] }, 8).slice(6)).toEqual([88, 80]);
  });
  it('fine slides EAx / EBx act once per row; XM keeps separate memories for up and down (FineVol-LinkMem.xm)', () => {
    expect(vols({ base: 'mod', pattern: [['C-5 01 v32 EA4'], ['... .. ... EB2']] }, 8)).toEqual([144, 144, 144, 144, 144, 144, 136, 136]);
    expect(vols({ base: 'xm', pattern: [['C-5 01 v32 EA4'], ['... .. ... EB2'], ['... .. ... EA0'], ['... .. ... EB0']] }, 19).filter((_, i) => i % 6 === 0))
      .toEqual([144, 136, 152, 144]);
  });
  it('volume column: XM cx/dx slide on non-first ticks, ax/bx once; IT c/d slide, a/b once', () => {
    expect(vols({ base: 'xm', pattern: [['C-5 01 v32 ...'], ['... .. c02 ...'], ['... .. b03 ...']] }, 14).slice(6)).toEqual([128, 136, 144, 152, 160, 168, 156, 156]);
    expect(vols({ base: 'it', pattern: [['C-5 01 v32 ...'], ['... .. d02 ...'], ['... .. a03 ...']] }, 14).slice(6)).toEqual([128, 120, 112, 104, 96, 88, 100, 100]);
  });
  it('ST3.00 fast slides also run on the first tick (profile flag st3FastVolumeSlides)', () => {
    expect(vols({ base: 's3m', flags: { st3FastVolumeSlides: true }, pattern: [['C-5 01 v32 D02']] }, 3)).toEqual([120, 112, 104]);
  });
});

describe('tremolo and tremor', () => {
  const real = (spec: TestSongSpec, ticks: number) => track(spec, ticks, 'realVolume');
  it('tremolo (7xy / Rxy) swings the output volume around the note volume, which it does not change', () => {
    for (const [base, fx] of [['mod', '748'], ['xm', '748'], ['s3m', 'R48'], ['it', 'R48']] as const) {
      const s = runTicks(buildSong({ base, pattern: [[`C-5 01 v32 ${fx}`]] }), 6).states;
      expect(s.map((x) => x.volume), base).toEqual([128, 128, 128, 128, 128, 128]);
      expect(new Set(s.map((x) => x.realVolume)).size, base).toBeGreaterThan(3);
    }
    // XM: sine at depth 8: 128 + sine * 32 / 32 (note volume units), from the second tick.
    expect(real({ base: 'xm', pattern: [['C-5 01 v32 748']] }, 6).map((v) => (v / 256) * 4)).toEqual([128, 128, 177, 218, 245, 255]);
  });
  it('tremor: ST3 Ixy is on x+1 ticks and off y+1; IT on x and off y; FT2 Txy on x+1, off y+1, counting across rows', () => {
    const onOff = (base: ProfileBase, fx: string) => real({ base, speed: 12, pattern: [[`C-5 01 v32 ${fx}`]] }, 12).map((v) => (v > 0 ? 1 : 0)).join('');
    expect(onOff('s3m', 'I12')).toBe('110001100011');
    expect(onOff('it', 'I12')).toBe('100100100100');
    expect(onOff('xm', 'T12')).toBe('111000110001');
  });
});

describe('panning', () => {
  const pans = (spec: TestSongSpec, ticks: number) => track(spec, ticks, 'pan');
  it('set panning: 8xx and IT Xxx 0..255, S3M X00..X80 (doubled), E8x / S8x in 16 steps, volume column p0..64', () => {
    expect(pans({ base: 'xm', pattern: [['C-5 01 ... 8C0']] }, 1)).toEqual([0xc0]);
    expect(pans({ base: 'it', pattern: [['C-5 01 ... XC0']] }, 1)).toEqual([0xc0]);
    expect(pans({ base: 's3m', pattern: [['C-5 01 ... X60']] }, 1)).toEqual([0xc0]);
    expect(pans({ base: 'xm', pattern: [['C-5 01 ... E8C']] }, 1)).toEqual([Math.floor((12 * 256 + 8) / 15)]);
    expect(pans({ base: 'it', pattern: [['C-5 01 ... S8F']] }, 1)).toEqual([256]);
    expect(pans({ base: 'it', pattern: [['C-5 01 p48 ...']] }, 1)).toEqual([192]);
    expect(pans({ base: 'xm', pattern: [['C-5 01 p16 ...']] }, 1)).toEqual([64]);
  });
  it('S3M: XA4 is surround; IT: S91 is surround (centre pan, right side inverted)', () => {
    const s3m = runTicks(buildSong({ base: 's3m', pattern: [['C-5 01 ... XA4']] }), 1).states[0];
    expect(s3m).toMatchObject({ surround: true, pan: 128 });
    const it8 = runTicks(buildSong({ base: 'it', pattern: [['C-5 01 ... X20'], ['... .. ... S91'], ['... .. ... S90']] }), 13).states;
    expect([it8[0]?.surround, it8[6]?.surround, it8[12]?.surround]).toEqual([false, true, false]);
    expect(it8[6]?.pan).toBe(128);
    const voice = runTicks(buildSong({ base: 'it', pattern: [['C-5 01 ... S91']] }), 1).player.state.channels[0]!.voice;
    expect(voice.surround).toBe(true);
  });
  it('pan slide: FT2 Pxy moves 1 per tick (PanSlide.xm); S3M/IT Pxy 4 per tick (left x, right y), PxF/PFy fine', () => {
    expect(pans({ base: 'xm', pattern: [['C-5 01 ... 880'], ['... .. ... P10'], ['... .. ... P01']] }, 18).slice(5)).toEqual([128, 128, 129, 130, 131, 132, 133, 133, 132, 131, 130, 129, 128]);
    expect(pans({ base: 'it', pattern: [['C-5 01 ... X80'], ['... .. ... P02'], ['... .. ... P20']] }, 18).slice(5)).toEqual([128, 128, 136, 144, 152, 160, 168, 168, 160, 152, 144, 136, 128]);
    expect(pans({ base: 'it', pattern: [['C-5 01 ... X80'], ['... .. ... P2F'], ['... .. ... PF3']] }, 13).filter((_, i) => i % 6 === 0)).toEqual([128, 120, 132]);
  });
  it('XM volume column l/r slide the pan left/right by x per tick', () => {
    expect(pans({ base: 'xm', pattern: [['C-5 01 p32 ...'], ['... .. r04 ...'], ['... .. l02 ...']] }, 14).slice(6)).toEqual([128, 132, 136, 140, 144, 148, 148, 146]);
  });
  it('the song\'s stereo separation narrows the output towards mono (128: as panned, 64: half-way, 0: mono)', () => {
    const gains = (separation: number) => {
      const built = buildSong({ base: 'it', pattern: [['C-5 01 ... X00']] });
      const voice = runTicks({ ...built, stereoSeparation: separation }, 1).player.state.channels[0]!.voice;
      return [voice.gainLeft, voice.gainRight];
    };
    const [fullL, fullR] = gains(128);
    expect(fullL).toBeGreaterThan(0);
    expect(fullR).toBe(0);
    const [halfL, halfR] = gains(64);
    expect(halfL).toBeCloseTo((fullL! * 192) / 256, 9);
    expect(halfR).toBeCloseTo((fullL! * 64) / 256, 9);
    const [monoL, monoR] = gains(0);
    expect(monoL).toBe(monoR);
    expect(monoL).toBeGreaterThan(0);
  });
  it('ProTracker files ignore panning effects (modIgnorePanning)', () => {
    expect(pans({ base: 'mod', flags: { modIgnorePanning: true }, pattern: [['C-5 01 ... 8FF']] }, 1)).toEqual([128]);
  });
  it('IT: panbrello Yxy swings the output pan, not the channel pan; S5x picks the waveform', () => {
    const s = runTicks(buildSong({ base: 'it', pattern: [['C-5 01 ... X80'], ['... .. ... Y48']] }), 12).states;
    expect(s.map((x) => x.pan)).toEqual(Array(12).fill(128));
    expect(s.slice(6).map((x) => x.realPan)).toEqual([128, 134, 140, 147, 152, 158]);
    expect(new Set(s.slice(6).map((x) => x.realPan)).size).toBeGreaterThan(3);
    // S51: ramp down from the right edge of the depth (+64 at depth 8), moving 2 per tick at speed 4.
    const ramp = runTicks(buildSong({ base: 'it', pattern: [['C-5 01 ... X80'], ['... .. ... S51'], ['... .. ... Y48']] }), 18).states.slice(12).map((x) => x.realPan);
    expect(ramp).toEqual([192, 190, 188, 186, 184, 182]);
  });
});

describe('global volume', () => {
  const gv = (spec: TestSongSpec, ticks: number) => track(spec, ticks, 'globalVolume');
  it('Gxx (MOD/XM 0..40) and Vxx (S3M/IT 0..80) set it on the scale 0..256', () => {
    expect(gv({ base: 'xm', pattern: [['C-5 01 ... G20']] }, 1)).toEqual([128]);
    expect(gv({ base: 'it', pattern: [['C-5 01 ... V40']] }, 1)).toEqual([128]);
    expect(gv({ base: 's3m', pattern: [['C-5 01 ... V20']] }, 1)).toEqual([128]);
  });
  it('out of range: XM G41+ is the maximum, IT/S3M ignore V81+ (globalvol-invalid.it)', () => {
    expect(gv({ base: 'xm', pattern: [['C-5 01 ... G20'], ['... .. ... G50']] }, 7).slice(5)).toEqual([128, 256]);
    expect(gv({ base: 'it', pattern: [['C-5 01 ... V40'], ['... .. ... V90']] }, 7).slice(5)).toEqual([128, 128]);
  });
  it('Hxy (XM) slides x up or y down by 1 of 64 per tick; Wxy (IT) by 1 of 128, WxF / WFy fine', () => {
    expect(gv({ base: 'xm', pattern: [['C-5 01 ... G20'], ['... .. ... H02']] }, 9).slice(5)).toEqual([128, 128, 120, 112]);
    expect(gv({ base: 'it', pattern: [['C-5 01 ... V40'], ['... .. ... W02'], ['... .. ... W3F']] }, 13).slice(5)).toEqual([128, 128, 124, 120, 116, 112, 108, 114]);
  });
  it('global volume scales the output volume', () => {
    const half = track({ base: 'it', pattern: [['C-5 01 ... V40']] }, 1, 'realVolume')[0] ?? 0;
    const full = track({ base: 'it', pattern: [['C-5 01 ... V80']] }, 1, 'realVolume')[0] ?? 0;
    expect(half * 2).toBe(full);
  });
});

describe('channel, sample and instrument volume (IT)', () => {
  it('Mxx sets and Nxy slides the channel volume 0..64; it scales the output', () => {
    const s = runTicks(buildSong({ base: 'it', pattern: [['C-5 01 ... M20'], ['... .. ... N02'], ['... .. ... N1F']] }), 13).states;
    expect(s.map((x) => x.channelVolume)).toEqual([32, 32, 32, 32, 32, 32, 32, 30, 28, 26, 24, 22, 23]);
    expect((s[1]?.realVolume ?? 0) * 2).toBe(runTicks(buildSong({ base: 'it', pattern: [['C-5 01 ... M40']] }), 2).states[1]?.realVolume);
  });
  it('the channel\'s initial volume comes from the song', () => {
    expect(track({ base: 'it', channelSettings: [{ volume: 48 }], pattern: [['C-5 01 ... ...']] }, 1, 'channelVolume')).toEqual([48]);
  });
  it('sample global volume (0..64) times instrument global volume (0..128) / 128 scales the note', () => {
    const spec = (sampleGv: number, insGv: number): TestSongSpec => ({
      base: 'it', samples: [testSample('it', { globalVolume: sampleGv })], instruments: [instrumentFor(1, { globalVolume: insGv })], pattern: [['C-5 01 ... ...']],
    });
    expect(track(spec(32, 128), 1, 'insVol')).toEqual([32]);
    expect(track(spec(64, 64), 1, 'insVol')).toEqual([32]);
    expect(track(spec(32, 64), 1, 'insVol')).toEqual([16]);
    const full = track(spec(64, 128), 1, 'realVolume')[0] ?? 0;
    expect(track(spec(32, 64), 1, 'realVolume')[0]).toBe(full / 4);
  });
});
