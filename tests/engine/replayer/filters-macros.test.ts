// IT resonant filters per tick: Zxx under Impulse Tracker's default MIDI macros (Z00-Z7F cutoff,
// Z80-Z8F resonance), SFx macro selection, smooth macros, the instrument's initial cutoff and
// resonance, filter envelopes, and songs whose macros are cleared (trackers without Zxx).
import { describe, expect, it } from 'vitest';
import { NO_ZXX_MACROS } from '../../../src/formats/common/midi-macros.js';
import { cutoffToFrequency } from '../../../src/engine/replayer/filter.js';
import { buildSong, envelope, instrumentFor, runTicks, testSample, track, type TestSongSpec } from '../../helpers/song-builder.js';

const filterOf = (spec: TestSongSpec, ticks: number) => runTicks(buildSong(spec), ticks).states.map((s) => ({ cutoff: s.cutoff, resonance: s.resonance, filtered: s.filtered }));

describe('Zxx under the default macros', () => {
  it('Z00..Z7F set the cutoff, Z80..Z8F the resonance (x * 8), on the first tick', () => {
    expect(filterOf({ base: 'it', pattern: [['C-5 01 ... Z40'], ['... .. ... Z81'], ['... .. ... Z20']] }, 13).filter((_, i) => i % 6 === 0))
      .toEqual([{ cutoff: 0x40, resonance: 0, filtered: true }, { cutoff: 0x40, resonance: 8, filtered: true }, { cutoff: 0x20, resonance: 8, filtered: true }]);
  });
  it('a note without filter settings is unfiltered; Z7F without resonance switches the filter off at the next note', () => {
    expect(filterOf({ base: 'it', pattern: [['C-5 01 ... ...']] }, 1)[0]?.filtered).toBe(false);
    const s = filterOf({ base: 'it', pattern: [['C-5 01 ... Z40'], ['... .. ... Z7F'], ['C-5 01 ... ...']] }, 13);
    expect(s[6]).toEqual({ cutoff: 0x7f, resonance: 0, filtered: true });
    expect(s[12]?.filtered).toBe(false);
  });
  it('the cutoff maps to 110 Hz * 2^(0.25 + x / 24) (about 5.1 kHz at 7F), at most half the output rate', () => {
    expect(cutoffToFrequency(0, 0, 48000)).toBeCloseTo(110 * 2 ** 0.25, 6);
    // (256 is the neutral filter-envelope modifier; 0 halves the cutoff.)
    expect(cutoffToFrequency(0x40, 256, 48000)).toBeCloseTo(110 * 2 ** (0.25 + 64 / 24), 6);
    expect(cutoffToFrequency(0x40, 0, 48000)).toBeCloseTo(110 * 2 ** (0.25 + 32 / 24), 6);
    expect(cutoffToFrequency(127, 256, 48000)).toBeCloseTo(110 * 2 ** (0.25 + 127 / 24), 6);
    expect(cutoffToFrequency(127, 256, 8000)).toBe(4000);
  });
  it('SFx selects the parametered macro that Zxx sends (here macro 1 sets the resonance)', () => {
    const macros = { ...NO_ZXX_MACROS, parametered: ['F0F000z', 'F0F001z', ...Array(14).fill('')] };
    expect(filterOf({ base: 'it', midiMacros: macros, pattern: [['C-5 01 ... Z30'], ['... .. ... SF1'], ['... .. ... Z50']] }, 13).filter((_, i) => i % 6 === 0))
      .toEqual([{ cutoff: 0x30, resonance: 0, filtered: true }, { cutoff: 0x30, resonance: 0, filtered: true }, { cutoff: 0x30, resonance: 0x50, filtered: true }]);
  });
  it('songs from trackers without Zxx carry cleared macros: Z40 does nothing', () => {
    expect(filterOf({ base: 'it', midiMacros: NO_ZXX_MACROS, pattern: [['C-5 01 ... Z40']] }, 2)).toEqual([
      { cutoff: 0x7f, resonance: 0, filtered: false }, { cutoff: 0x7f, resonance: 0, filtered: false },
    ]);
  });
  it('\\xx (smooth macro) moves the cutoff towards xx by (xx - cutoff) / ticks left, rounded, reaching it on the last tick', () => {
    const cut = track({ base: 'it', speed: 4, pattern: [['C-5 01 ... Z00'], ['... .. ... \\41']] }, 8, 'cutoff');
    expect(cut).toEqual([0, 0, 0, 0, 16, 32, 49, 65]);
  });
});

describe('instrument filters', () => {
  const ins = (changes: Parameters<typeof instrumentFor>[1]): TestSongSpec => ({ base: 'it', samples: [testSample('it')], instruments: [instrumentFor(1, changes)], pattern: [['C-5 01 ... ...'], ['... .. ... Z60'], ['C-5 01 ... ...']] });
  it('a new note starts from the instrument\'s cutoff and resonance', () => {
    const s = filterOf(ins({ filterCutoff: 0x30, filterResonance: 0x40 }), 13);
    expect(s[0]).toEqual({ cutoff: 0x30, resonance: 0x40, filtered: true });
    expect(s[6]).toEqual({ cutoff: 0x60, resonance: 0x40, filtered: true });
    expect(s[12]).toEqual({ cutoff: 0x30, resonance: 0x40, filtered: true });
  });
  it('a filter envelope sweeps the filter frequency without changing the channel cutoff', () => {
    const spec: TestSongSpec = {
      base: 'it', samples: [testSample('it')],
      instruments: [instrumentFor(1, { pitchEnvelope: envelope([[0, 32], [4, -32]]), pitchEnvelopeIsFilter: true, filterCutoff: 0x60 })],
      pattern: [['C-5 01 ... ...']],
    };
    expect(track(spec, 1, 'cutoff')).toEqual([0x60]);
    const a0 = (ticks: number) => runTicks(buildSong(spec), ticks).player.state.channels[0]!.voice.filter?.a0 ?? 0;
    // The filter closes as the envelope falls from +32 (full) to -32 (cutoff scaled to 0).
    const coeffs = [1, 2, 3, 4, 5].map(a0);
    for (let i = 1; i < coeffs.length; i++) expect(coeffs[i]).toBeLessThan(coeffs[i - 1] ?? 0);
  });
});
