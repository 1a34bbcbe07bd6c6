// The XM reader on the corpus XMs: libopenmpt's view of each file (title, counts, tracker), the facts
// OpenMPT's own loader test checks on openmpt--test.xm, and every file cut at many lengths or with
// seeded byte flips loading or failing with a FormatError, each within a second.

import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../src/formats/common/format-error.js';
import { probeXM, readXM } from '../../../src/formats/xm/read.js';
import { getCell } from '../../../src/song/pattern.js';
import { corpusEntries, hasCorpus, hasReference, noticeIfMissing, readCorpusFile, referenceInfo } from '../../helpers/corpus.js';
import { rng } from '../../helpers/mutate.js';

noticeIfMissing('XM corpus tests');

const entries = corpusEntries('xm');
const byName = (name: string) => entries.find((e) => e.path.endsWith(name));

/**
 * The installed openmpt123 is libopenmpt 0.6.9, older than the OpenMPT source the fingerprinting
 * follows: its tracker names for these files differ in wording only.
 */
const TRACKER_NAMES_FROM_NEWER_OPENMPT: Record<string, string> = {
  'xm/bomberclone-data--cerror-bobmberclone.xm': 'ModPlug Tracker 1.0 - 1.16',
  'xm/ri-li-data--jeu1.xm': 'MadTracker 2',
};

describe.skipIf(!hasCorpus)('corpus XMs', () => {
  it('the corpus lists 11 XMs, one of them named .mod, all recognised by content', () => {
    expect(entries).toHaveLength(11);
    expect(entries.some((e) => e.path.endsWith('.mod'))).toBe(true);
    for (const e of entries) expect(probeXM(readCorpusFile(e)), e.path).toBe(true);
  });

  for (const e of entries) {
    it.skipIf(!hasReference)(`${e.path}: title, channels, orders, patterns, instruments, samples and tracker agree with libopenmpt`, () => {
      const { song } = readXM(readCorpusFile(e));
      const ref = referenceInfo(e.absPath);
      expect(song.title).toBe(ref['title'] ?? '');
      expect(song.channels.length).toBe(Number(ref['channels']));
      expect(song.orders.length).toBe(Number(ref['orders']));
      expect(song.patterns.length).toBe(Number(ref['patterns']));
      expect(song.instruments.length).toBe(Number(ref['instruments']));
      expect(song.samples.length).toBe(Number(ref['samples']));
      expect(song.origin.tracker).toBe(TRACKER_NAMES_FROM_NEWER_OPENMPT[e.path] ?? ref['tracker']);
    });
  }

  it('openmpt--test.xm: the facts OpenMPT\'s loader test checks', () => {
    const e = byName('openmpt--test.xm');
    if (!e) return;
    const { song, warnings } = readXM(readCorpusFile(e));
    expect(warnings).toEqual([]);
    expect(song.title).toBe('Test Module');
    expect(song.message.startsWith('OpenMPT Module Loader Test Suite')).toBe(true);
    expect([song.initialTempo, song.initialSpeed, song.globalVolume, song.restartOrder]).toEqual([139, 5, 128, 1]);
    expect(song.profile.flags.linearSlides).toBe(true);
    expect([song.rowsPerBeat, song.rowsPerMeasure]).toEqual([6, 12]);
    expect(song.channels.map((c) => c.name)).toEqual(['First Channel', 'Second Channel']);
    expect(song.patterns.map((p) => p.name)).toEqual(['First Pattern', 'Second Pattern']);
    // SF0 = resonance, SF1 = dry/wet, Z80.. = resonance/filter mode macros.
    expect(song.midiMacros?.parametered.slice(0, 2)).toEqual(['F0F001z', 'F0F003z']);
    expect(song.midiMacros?.fixed.slice(0, 2)).toEqual(['F0F00100', 'F0F00108']);
    expect(song.samples.map((s) => s.name)).toEqual(['Pulse Sample', 'Empty Sample', 'Unassigned Sample']);
    const s = song.samples[0]!;
    expect([s.pcm.bits, s.pcm.channels, s.pcm.data.length]).toEqual([8, 1, 16]);
    expect(Array.from(s.pcm.data)).toEqual([...Array(6).fill(18), ...Array(10).fill(0)]);
    expect(s.tuning).toEqual({ kind: 'finetune', relativeNote: 1, finetune: 35 });
    expect([s.volume, s.pan]).toEqual([32, 160]);
    expect(s.loop).toEqual({ start: 1, end: 8, pingPong: true });
    expect(s.vibrato).toEqual({ waveform: 'square', sweep: 3, speed: 4, depth: 5 });
    const ins = song.instruments[0]!;
    expect(ins.fadeout).toBe(1024);
    expect(ins.midi.channel).toBe(16);
    expect(ins.midi.program).toBe(63); // OpenMPT counts programs from 1 (64)
    // XM notes 1..96 are model notes 13..108; only C-5 (model 61) plays sample 2.
    for (let n = 13; n <= 108; n++) expect(ins.sampleMap[n - 1], `note ${n}`).toBe(n === 61 ? 2 : 1);
    expect(ins.volumeEnvelope.enabled).toBe(true);
    expect(ins.volumeEnvelope.points).toHaveLength(3);
    expect(ins.volumeEnvelope.points[2]).toEqual({ tick: 96, value: 0 });
    expect(ins.volumeEnvelope.sustain).toEqual({ start: 1, end: 1 });
    expect(ins.volumeEnvelope.loop).toBeNull();
    expect(ins.panEnvelope.enabled).toBe(false);
    expect(ins.panEnvelope.points).toHaveLength(12);
    expect(ins.panEnvelope.loop).toEqual({ start: 9, end: 11 });
    expect(ins.panEnvelope.points[9]).toEqual({ tick: 46, value: 23 - 32 });
    expect(song.orders).toEqual([0, 1]);
    expect(song.patterns.map((p) => p.rows)).toEqual([64, 32]);
    const p1 = song.patterns[1]!;
    expect(getCell(p1, 0, 0)).toMatchObject({ note: 0, instrument: 0, volume: { kind: 'vibratoSpeed', value: 15 } });
    expect([getCell(p1, 0, 1).note, getCell(p1, 1, 1).note, getCell(p1, 2, 1).note]).toEqual([13, 108, 255]);
    expect(getCell(p1, 31, 1)).toEqual({ note: 73, instrument: 45, volume: { kind: 'volSlideDown', value: 5 }, effects: [{ kind: 'setPan', param: 0xff }] });
    // FT2 scales the 4-bit Px panning by 4 (not to 0..64 symmetrically).
    for (let i = 0; i < 16; i++) expect(getCell(p1, 10 + i, 0).volume, `row ${10 + i}`).toEqual({ kind: 'panning', value: i * 4 });
  });

  it('tecnoballz area1-game2.mod is an XM behind a .mod name and reads as one', () => {
    const e = byName('area1-game2.mod');
    if (!e) return;
    const { song } = readXM(readCorpusFile(e));
    expect(song.origin.format).toBe('xm');
    expect(song.channels).toHaveLength(4);
  });
});

/** Loads bytes; returns 'ok' or 'error', rethrowing anything that is not a FormatError. */
function load(bytes: Uint8Array): 'ok' | 'error' {
  try {
    readXM(bytes);
    return 'ok';
  } catch (e) {
    if (e instanceof FormatError) return 'error';
    throw e;
  }
}

describe.skipIf(!hasCorpus)('damaged corpus XMs', () => {
  for (const e of entries) {
    it(`${e.path}: cut at 64 lengths and with 64 seeded byte flips, each load is a Song or a FormatError within 1 s`, () => {
      const bytes = readCorpusFile(e);
      const random = rng(0x0d0e + bytes.length);
      // Every header field boundary, then spread over the whole file.
      const cuts = [0, 1, 16, 17, 37, 58, 60, 64, 79, 80, 81, 200, 335, 336, 337, 345];
      while (cuts.length < 64) cuts.push(Math.floor(random() * bytes.length));
      for (const n of cuts) {
        const t0 = performance.now();
        const result = load(bytes.subarray(0, Math.min(n, bytes.length)));
        expect(performance.now() - t0, `cut at ${n}`).toBeLessThan(1000);
        if (n < 80) expect(result).toBe('error');
      }
      for (let i = 0; i < 64; i++) {
        const copy = bytes.slice();
        const flips = 1 + Math.floor(random() * 16);
        // Favour the headers, where lies do the most damage.
        for (let f = 0; f < flips; f++) copy[Math.floor(random() ** 3 * copy.length)] = Math.floor(random() * 256);
        const t0 = performance.now();
        load(copy);
        expect(performance.now() - t0, `flip run ${i}`).toBeLessThan(1000);
      }
    }, 60_000);
  }
});
