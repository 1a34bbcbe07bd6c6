// The checked writer reads the written file back and names what the writer clamped or dropped without
// saying so (song settings, sample lengths, loops, pitch), and stays quiet when nothing changed.
import { describe, expect, it } from 'vitest';
import { allCodecs } from '../../../src/formats/registry.js';
import type { Song } from '../../../src/song/song.js';
import { buildSong, testInstrument, testSample } from '../../helpers/song-builder.js';

function warnings(song: Song, target: 'mod' | 'xm' | 's3m' | 'it'): string {
  return allCodecs().find((c) => c.id === target)!.write!(song).warnings.join('\n');
}

describe('losses found by reading the written file back', () => {
  const base = buildSong({ base: 'it', pattern: [['C-5 01 ... ...']], flags: { linearSlides: true }, samples: [testSample('it')] });

  it('an IT song written as IT loses nothing', () => {
    expect(warnings(base, 'it')).toBe('');
  });

  it('a pattern\'s own time signature and swing (MPTM) are named as lost by every module format', () => {
    const own = { ...base, patterns: base.patterns.map((p) => ({ ...p, signature: { rowsPerBeat: 5, rowsPerMeasure: 20 }, swing: [1.5, 0.5] })) };
    for (const target of ['mod', 'xm', 's3m', 'it'] as const) {
      const said = warnings(own, target);
      expect(said, target).toMatch(/pattern 0: own rows per beat\/measure not kept/);
      expect(said, target).toMatch(/pattern 0: own tempo swing not kept/);
    }
  });

  it('song settings the target cannot store are named with their old and new values', () => {
    expect(warnings({ ...base, mixVolume: 100 }, 'xm')).toMatch(/mix volume 100 written as \d+ \(XM\)/);
    expect(warnings({ ...base, initialTempo: 32 }, 's3m')).toMatch(/initial tempo 32 written as 33 \(S3M\)/);
    expect(warnings({ ...base, initialSpeed: 40 }, 'xm')).toMatch(/initial speed 40 written as 31 \(XM\)/);
    expect(warnings({ ...base, rowsPerBeat: 6, rowsPerMeasure: 12 }, 's3m')).toMatch(/row highlights 6\/12 not kept/);
  });

  it('instrument MIDI settings the target has no field for are named', () => {
    const withMidi = buildSong({ base: 'it', pattern: [['C-5 01 ... ...']], samples: [testSample('it')], instruments: [testInstrument({ midi: { port: 'synth', channel: 2, program: 5, bank: 3, transpose: 12, bendRange: 12, controller: 7 } })] });
    expect(warnings(withMidi, 'it')).toMatch(/instrument MIDI port, transpose, bendRange, controller not kept \(IT\)/);
    expect(warnings(withMidi, 'xm')).toMatch(/instrument MIDI bank, port, transpose, bendRange, controller not kept \(XM\)/);
  });

  it('a sample rate S3M cannot store is reported as a pitch error', () => {
    const fast = { ...base, samples: [testSample('it', { tuning: { kind: 'c5speed', c5Speed: 88000 } })] };
    expect(warnings(fast, 's3m')).toMatch(/sample 1: pitch off by \d+ cents \(S3M\)/);
  });

  it('MOD\'s word-sized samples: odd lengths and loop points are reported', () => {
    const odd = { ...base, samples: [testSample('it', { pcm: { bits: 8, channels: 1, data: new Int8Array(1001) }, loop: { start: 101, end: 1001, pingPong: false } })] };
    const text = warnings(odd, 'mod');
    expect(text).toMatch(/sample 1: 1001 frames written as 1002 \(MOD\)/);
    expect(text).toMatch(/sample 1: loop changed \(MOD\)/);
  });
});

describe('instrument settings the target rounds', () => {
  it('an XM fadeout IT stores more than 1 % off is named; one within 1 % is not', () => {
    const song = (fadeout: number) => buildSong({ base: 'xm', pattern: [['C-5 01 ... ...']], flags: { linearSlides: true }, samples: [testSample('xm')], instruments: [testInstrument({ fadeout })] });
    const text = (fadeout: number) => allCodecs().find((c) => c.id === 'it')!.write!(song(fadeout)).warnings.join('\n');
    expect(text(40)).toMatch(/instrument 1: fadeout changed \(IT\)/);
    expect(text(1861)).not.toMatch(/fadeout/);
  });
});
