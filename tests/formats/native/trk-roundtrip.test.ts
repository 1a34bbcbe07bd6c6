// .trk save -> load gives back a deep-equal Song for anything the model can hold (property test),
// and editing one cell changes only that pattern's line (the format diffs well in git).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTrk } from '../../../src/formats/native/trk-read.js';
import { writeTrk, writeTrkText } from '../../../src/formats/native/trk-write.js';
import { createSample, createSong } from '../../../src/song/create.js';
import { createPattern, writeCell } from '../../../src/song/pattern.js';
import { songArb } from '../../helpers/arbitrary-song.js';

describe('.trk round trip', () => {
  it('save then load gives back the same song (generated songs)', () => {
    fc.assert(
      fc.property(songArb, (song) => {
        const back = readTrk(writeTrk(song)).song;
        expect(back).toEqual(song);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps sample data exactly, including 16-bit, float and stereo', () => {
    const song = createSong({}, {
      samples: [
        createSample({ pcm: { bits: 16, channels: 2, data: Int16Array.from([-32768, 32767, 0, 1, -1, 12345]) } }),
        createSample({ pcm: { bits: 'float', channels: 1, data: Float32Array.from([0.5, -0.25, 1, -1]) } }),
      ],
    });
    expect(readTrk(writeTrk(song)).song).toEqual(song);
  });

  it('keeps OpenMPT timing: tempo mode, tempo swing and a fractional tempo', () => {
    const base = createSong({}, { initialTempo: 123.45 });
    const song = { ...base, profile: { ...base.profile, tempoMode: 'modern' as const, tempoSwing: [1.75, 0.25] } };
    const text = writeTrkText(song);
    expect(text).toMatch(/^tempo = 123\.45$/m);
    expect(text).toMatch(/^tempo-mode = modern$/m);
    expect(text).toMatch(/^tempo-swing = 1\.75,0\.25$/m);
    expect(readTrk(writeTrk(song)).song).toEqual(song);
    expect(writeTrkText(base)).not.toMatch(/tempo-mode|tempo-swing/);
  });

  it('changes only the edited pattern line when one cell changes', () => {
    const p = createPattern(64, 4);
    const a = createSong({ channels: 4 }, { patterns: [p] });
    const edited = createPattern(64, 4);
    writeCell(edited, 17, 2, { note: 61, instrument: 1, volume: null, effects: [{ kind: 'setSpeed', param: 3 }] });
    const b = { ...a, patterns: [edited] };
    const la = writeTrkText(a).split('\n');
    const lb = writeTrkText(b).split('\n');
    expect(lb.length).toBe(la.length);
    const changed = la.map((l, i) => (l === lb[i] ? -1 : i)).filter((i) => i >= 0);
    expect(changed).toHaveLength(1);
    expect(lb[changed[0] as number]).toBe('17 | ... .. ... ... | ... .. ... ... | C-5 01 ... A03 | ... .. ... ...');
  });
});
