// Effects whose meaning differs between ProTracker/FastTracker 2 and Scream Tracker 3/Impulse Tracker
// are rewritten for the target where an exact translation exists: the converted file, read back, plays
// tick for tick like the original in our replayer (volume, panning, global volume, pitch); what has no
// exact translation is reported.

import { describe, expect, it } from 'vitest';
import { allCodecs } from '../../../src/formats/registry.js';
import { getCell } from '../../../src/song/pattern.js';
import type { ProfileBase } from '../../../src/song/profile.js';
import type { Song } from '../../../src/song/song.js';
import { buildSong, runTicks, testSample } from '../../helpers/song-builder.js';

type Target = 'mod' | 'xm' | 's3m' | 'it';

function convert(song: Song, target: Target): { back: Song; warnings: readonly string[] } {
  const codec = allCodecs().find((c) => c.id === target)!;
  const { bytes, warnings } = codec.write!(song);
  return { back: codec.read(bytes).song, warnings };
}

/** Per-tick volume, panning and global volume of channel 0, and its frequency to 0.05 %. */
function trace(song: Song, ticks: number): { state: string; frequency: number }[] {
  return runTicks(song, ticks).states.map((s) => ({ state: `${s.row}.${s.tick} v${s.volume} p${s.pan} g${s.globalVolume}`, frequency: s.frequency }));
}

/** The converted song plays like the original: same states, frequencies within 0.05 % (slide rounding). */
function expectSamePlayback(back: Song, song: Song, ticks: number): void {
  const a = trace(song, ticks);
  const b = trace(back, ticks);
  expect(b.map((t) => t.state)).toEqual(a.map((t) => t.state));
  b.forEach((t, i) => expect(Math.abs(t.frequency / a[i]!.frequency - 1), `${t.state}: ${t.frequency} vs ${a[i]!.frequency} Hz`).toBeLessThan(0.0005));
}

function song1(base: ProfileBase, cells: string[], extra: Partial<Parameters<typeof buildSong>[0]> = {}): Song {
  // A silent first channel would hide nothing: channel 0 carries the cells under test.
  return buildSong({ base, pattern: cells.map((c) => [c]), rows: 8, samples: [testSample(base)], flags: base === 'xm' || base === 'it' ? { linearSlides: true } : {}, ...extra });
}

describe('effect translation between ProTracker/FT2 and ST3/IT dialects', () => {
  const cases: { name: string; base: ProfileBase; target: Target; cells: string[] }[] = [
    { name: 'XM fine volume slides EAx/EBx -> IT DxF/DFx', base: 'xm', target: 'it', cells: ['C-5 01 v32 EA4', '... .. ... EB2', '... .. ... EA1'] },
    { name: 'XM Axy with both nibbles (up wins) -> IT Dx0', base: 'xm', target: 'it', cells: ['C-5 01 v32 A35', '... .. ... A35', '... .. ... A0E', '... .. ... AE0'] },
    { name: 'IT D0F/DF0 (slides on the first tick too) -> XM A0F/AF0 with a fine slide in the volume column', base: 'it', target: 'xm', cells: ['C-5 01 ... D0F', '... .. ... DF0', '... .. ... DF0'] },
    { name: 'S3M D0F/DF0 (slides on the first tick too) -> IT D0F/DF0', base: 's3m', target: 'it', cells: ['C-5 01 v32 D0F', '... .. ... DF0'] },
    { name: 'XM Cxx -> IT volume column', base: 'xm', target: 'it', cells: ['C-5 01 ... C20', '... .. ... C08'] },
    { name: 'XM global volume slides Hxy -> IT Wxy at IT\'s half step', base: 'xm', target: 'it', cells: ['C-5 01 ... G20', '... .. ... H30', '... .. ... H03'] },
    { name: 'IT DxF/DFx -> XM EAx/EBx', base: 'it', target: 'xm', cells: ['C-5 01 v32 D4F', '... .. ... DF2', '... .. ... D30', '... .. ... D03'] },
    { name: 'IT Dxy with both nibbles (does nothing) -> nothing in XM', base: 'it', target: 'xm', cells: ['C-5 01 v32 D35', '... .. ... D35'] },
    { name: 'S3M Dxy with both nibbles (down wins) -> IT D0y', base: 's3m', target: 'it', cells: ['C-5 01 v32 D35', '... .. ... D35'] },
    { name: 'IT panning slides P0x/Px0 -> XM (directions swapped, quarter steps)', base: 'it', target: 'xm', cells: ['C-5 01 p32 P02', '... .. ... P20', '... .. ... P03'] },
    { name: 'XM panning slides -> IT', base: 'xm', target: 'it', cells: ['C-5 01 p32 P40', '... .. ... P08', '... .. ... P0C'] },
    { name: 'IT fine portamento FFx/EFx -> XM E1x/E2x', base: 'it', target: 'xm', cells: ['C-5 01 ... FF4', '... .. ... EF2', '... .. ... F03'] },
    { name: 'XM fine portamento E1x/E2x and X1x -> IT FFx/EFx/FEx', base: 'xm', target: 'it', cells: ['C-5 01 ... E14', '... .. ... E22', '... .. ... X13', '... .. ... 203'] },
  ];
  for (const c of cases) {
    it(`${c.name}: plays tick for tick the same and reports nothing`, () => {
      const song = song1(c.base, c.cells);
      const { back, warnings } = convert(song, c.target);
      expect(warnings.filter((w) => !/channel panning and volume/.test(w))).toEqual([]);
      expectSamePlayback(back, song, 6 * c.cells.length);
    });
  }

  it('spells the translations as the target tracker does', () => {
    const { back } = convert(song1('xm', ['C-5 01 ... EA4', '... .. ... E13', '... .. ... C20', '... .. ... X22']), 'it');
    const fx = [0, 1, 2, 3].map((r) => getCell(back.patterns[0]!, r, 0));
    expect(fx[0]!.effects[0]).toEqual({ kind: 'volSlide', param: 0x4f });
    expect(fx[1]!.effects[0]).toEqual({ kind: 'portaUp', param: 0xf3 });
    expect(fx[2]!.volume).toEqual({ kind: 'volume', value: 32 });
    expect(fx[3]!.effects[0]).toEqual({ kind: 'portaDown', param: 0xe2 });
  });

  it('volume-column tone portamento speeds map between XM (x * 16) and IT\'s table, or are reported', () => {
    const xm = song1('xm', ['C-5 01 ... ...', 'D-5 .. g02 ...', 'E-5 .. g03 ...']);
    const { back, warnings } = convert(xm, 'it');
    // XM speed 2 * 16 = 32 is IT's digit 5; speed 48 has no IT digit.
    expect(getCell(back.patterns[0]!, 1, 0).volume).toEqual({ kind: 'tonePorta', value: 5 });
    expect(getCell(back.patterns[0]!, 2, 0).volume).toBeNull();
    expect(warnings.join('\n')).toMatch(/volume-column tone portamento at speed 48 has no exact IT equivalent/);
  });

  it('reports what has no exact translation', () => {
    const cases: { base: ProfileBase; target: Target; cell: string; message: RegExp }[] = [
      { base: 'xm', target: 'it', cell: '... .. ... 1F0', message: /portamento speed F0 is a fine slide in IT/ },
      { base: 'xm', target: 'it', cell: '... .. ... E10', message: /fine portamento from memory has no exact IT equivalent/ },
      { base: 'xm', target: 'it', cell: '... .. ... EBF', message: /fine volume slide down by F has no exact IT equivalent/ },
      { base: 'xm', target: 'it', cell: '... .. ... E52', message: /set finetune \(E5x\) means something else in IT/ },
      { base: 'xm', target: 'it', cell: '... .. ... P30', message: /panning slide 30 has no exact IT equivalent/ },
      { base: 'it', target: 'xm', cell: '... .. ... P0F', message: /panning slide 0F has no exact XM equivalent/ },
      { base: 'it', target: 'mod', cell: '... .. ... FE2', message: /extra fine portamento E2 has no exact MOD equivalent/ },
      { base: 'it', target: 'xm', cell: '... .. ... W03', message: /global volume slide 03 has no exact XM equivalent/ },
      { base: 'xm', target: 'it', cell: '... .. ... A0F', message: /volume slide 0F has no exact IT equivalent/ },
      { base: 'it', target: 'xm', cell: '... .. v20 DF0', message: /volume slide F0 has no exact XM equivalent/ },
    ];
    for (const c of cases) {
      const { warnings } = convert(song1(c.base, ['C-5 01 ... ...', c.cell]), c.target);
      expect(warnings.join('\n'), `${c.base} ${c.cell} -> ${c.target}`).toMatch(c.message);
    }
  });
});
