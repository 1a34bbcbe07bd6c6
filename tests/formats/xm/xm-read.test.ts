// The XM reader on hand-built files: header, notes (FT2 C-4 = model C-5), volume column, G..Z
// effects, instruments (note->sample maps, envelopes, fadeout, auto-vibrato), delta-coded samples,
// tracker fingerprints, and damaged files that load what is there or fail with a FormatError.

import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../src/formats/common/format-error.js';
import { probeXM, readXM } from '../../../src/formats/xm/read.js';
import { probeMOD } from '../../../src/formats/mod/read.js';
import { getCell } from '../../../src/song/pattern.js';
import { buildXM, packCells } from './xm-builder.js';

describe('readXM', () => {
  it('reads header, flags, orders and cells', () => {
    const data = packCells(32, 2, {
      '0,0': [49, 1, 0x40, 0x0c, 0x20],
      '1,1': [97, 0, 0, 0, 0],
      '2,0': [0, 0, 0x65, 0x10, 0x30],
      '3,1': [0, 0, 0xc8, 0x21, 0x12],
      '4,0': [0, 0, 0xf3, 0x14, 0x05],
    });
    const { song, warnings } = readXM(buildXM({ channels: 2, speed: 4, tempo: 150, orders: [0, 0], restart: 1, patterns: [{ rows: 32, data }] }));
    expect(warnings).toEqual([]);
    expect(song.title).toBe('xm test');
    expect(song.initialSpeed).toBe(4);
    expect(song.initialTempo).toBe(150);
    expect(song.restartOrder).toBe(1);
    expect(song.profile.flags.linearSlides).toBe(true);
    expect(song.patterns[0]!.rows).toBe(32);
    const p = song.patterns[0]!;
    expect(getCell(p, 0, 0)).toEqual({ note: 61, instrument: 1, volume: { kind: 'volume', value: 0x30 }, effects: [{ kind: 'setVolume', param: 0x20 }] });
    expect(getCell(p, 1, 1).note).toBe(255);
    expect(getCell(p, 2, 0).volume).toEqual({ kind: 'volSlideDown', value: 5 });
    expect(getCell(p, 2, 0).effects).toEqual([{ kind: 'setGlobalVolume', param: 0x30 }]);
    expect(getCell(p, 3, 1).volume).toEqual({ kind: 'panning', value: 32 });
    expect(getCell(p, 3, 1).effects).toEqual([{ kind: 'extraFinePortaUp', param: 2 }]);
    expect(getCell(p, 4, 0).volume).toEqual({ kind: 'tonePorta', value: 3 });
    expect(getCell(p, 4, 0).effects).toEqual([{ kind: 'keyOff', param: 5 }]);
  });

  it('reads instruments: note->sample map, volume envelope, fadeout, auto-vibrato, and delta-coded samples', () => {
    const keymap = Array.from({ length: 96 }, (_, i) => (i < 48 ? 0 : 1));
    const { song } = readXM(buildXM({
      instruments: [{
        name: 'keys',
        keymap,
        fadeout: 0x200,
        vibrato: [1, 10, 8, 4],
        volumeEnvelope: { points: [[0, 64], [10, 32], [20, 0]], flags: 7, sustain: 1, loopStart: 0, loopEnd: 2 },
        samples: [
          { data: [0, 5, -5, 100, -100], loopStart: 1, loopLength: 3, flags: 2, finetune: -16, relativeNote: 12, pan: 200, volume: 40, name: 'a' },
          { data: [1000, -1000, 32767], bits16: true, name: 'b' },
        ],
      }],
    }));
    const ins = song.instruments[0]!;
    expect(ins.name).toBe('keys');
    // XM note 1 is the model's C-1 (13); notes 1..48 use the first sample, 49..96 the second.
    expect(ins.sampleMap[12]).toBe(1);
    expect(ins.sampleMap[60]).toBe(2);
    expect(ins.sampleMap[0]).toBe(0);
    expect(ins.fadeout).toBe(0x200);
    expect(ins.volumeEnvelope).toEqual({ enabled: true, points: [{ tick: 0, value: 64 }, { tick: 10, value: 32 }, { tick: 20, value: 0 }], sustain: { start: 1, end: 1 }, loop: { start: 0, end: 2 }, carry: false });
    const [a, b] = song.samples;
    expect(Array.from(a!.pcm.data)).toEqual([0, 5, -5, 100, -100]);
    expect(a!.loop).toEqual({ start: 1, end: 4, pingPong: true });
    expect(a!.tuning).toEqual({ kind: 'finetune', relativeNote: 12, finetune: -16 });
    expect(a!.pan).toBe(200);
    expect(a!.volume).toBe(40);
    expect(a!.vibrato).toEqual({ waveform: 'square', speed: 4, depth: 8, sweep: 10 });
    expect(b!.pcm.bits).toBe(16);
    expect(Array.from(b!.pcm.data)).toEqual([1000, -1000, 32767]);
  });

  it('fingerprints the saving tracker', () => {
    const ft2 = readXM(buildXM()).song;
    expect(ft2.origin.tracker).toBe('FastTracker 2 or compatible');
    expect(ft2.profile.flags.ft2Quirks).toBe(true);
    expect(ft2.profile.flags.ft2PanLaw).toBe(true);
    const modplug = readXM(buildXM({ nulPaddedTitle: true })).song;
    expect(modplug.origin.tracker).toBe('ModPlug Tracker 1.0 - 1.16');
    expect(modplug.profile.flags.ft2Quirks).toBe(false);
    const mad = readXM(buildXM({ tracker: 'MadTracker 2.0\0\0\0\0\0\0' })).song;
    expect(mad.origin.tracker).toBe('MadTracker 2');
    expect(mad.profile.flags.ft2PortaNoNote).toBe(false);
    const milky = readXM(buildXM({ tracker: 'MilkyTracker 1.04.00' })).song;
    expect(milky.origin.tracker).toBe('MilkyTracker 1.04.00');
    expect(milky.profile.flags.ft2PanLaw).toBe(true);
  });

  it('is recognised by content, never as a MOD', () => {
    const b = buildXM();
    expect(probeXM(b)).toBe(true);
    expect(probeMOD(b)).toBe(false);
  });
});

describe('malformed XM files', () => {
  function formatError(fn: () => unknown): FormatError {
    try {
      fn();
    } catch (e) {
      if (e instanceof FormatError) return e;
      throw e;
    }
    throw new Error('expected a FormatError');
  }

  it('zero or too many channels', () => {
    const b = buildXM();
    new DataView(b.buffer).setUint16(68, 0, true);
    expect(probeXM(b)).toBe(false);
    expect(formatError(() => readXM(b)).offset).toBe(68);
  });

  it('a file cut inside the pattern data keeps the rows that arrived', () => {
    const full = buildXM({ patterns: [{ rows: 64, data: packCells(64, 4, { '0,0': [49, 1, 0, 0, 0], '63,3': [50, 1, 0, 0, 0] }) }] });
    const { song, warnings } = readXM(full.subarray(0, 336 + 9 + 40));
    expect(getCell(song.patterns[0]!, 0, 0).note).toBe(61);
    expect(warnings.join('\n')).toMatch(/pattern 0: the file ends inside its data/);
    expect(warnings.join('\n')).toMatch(/instruments; they are empty/);
  });

  it('a pattern header claiming a huge size leaves the rest of the patterns empty', () => {
    const b = buildXM({ orders: [0, 1], patterns: [{ rows: 64, data: [] }, { rows: 64, data: [] }] });
    new DataView(b.buffer).setUint32(336, 0x7fffffff, true);
    const { song, warnings } = readXM(b);
    expect(song.patterns).toHaveLength(2);
    expect(warnings.join('\n')).toMatch(/patterns from 0 on are missing or damaged/);
  });

  it('a sample claiming 4 GB gets the bytes present; its loop is cut to fit', () => {
    const b = buildXM({ instruments: [{ samples: [{ data: [1, 2, 3, 4], loopStart: 0, loopLength: 1000, flags: 1 }] }] });
    const at = b.length - 4 - 40;
    new DataView(b.buffer).setUint32(at, 0xffffffff, true);
    const { song, warnings } = readXM(b);
    expect(song.samples[0]!.pcm.data.length).toBe(4);
    expect(song.samples[0]!.loop).toEqual({ start: 0, end: 4, pingPong: false });
    expect(warnings.join('\n')).toMatch(/claims 4294967295 bytes/);
  });

  it('an instrument claiming 65535 samples stops at the end of the file', () => {
    const b = buildXM();
    const insAt = 336 + 9 + buildXMPatternLength();
    new DataView(b.buffer).setUint16(insAt + 27, 0xffff, true);
    const { warnings } = readXM(b);
    expect(warnings.join('\n')).toMatch(/ends inside its sample headers/);
  });

  it('orders naming missing patterns are skipped', () => {
    const { song, warnings } = readXM(buildXM({ orders: [0, 9] }));
    expect(song.orders).toEqual([0, 'skip']);
    expect(warnings.join('\n')).toMatch(/pattern 9/);
  });
});

function buildXMPatternLength(): number {
  return packCells(64, 4, { '0,0': [49, 1, 0x40, 0x0c, 0x20] }).length;
}

describe('Zxx in FastTracker 2 files', () => {
  it('FT2 has no Zxx: its files get cleared macros (as libopenmpt), so Z40 leaves the filter alone', async () => {
    const { Player } = await import('../../../src/engine/replayer/player.js');
    const { NO_ZXX_MACROS } = await import('../../../src/formats/common/midi-macros.js');
    const data = packCells(64, 4, { '0,0': [49, 1, 0, 35, 0x40] });
    const song = readXM(buildXM({ patterns: [{ rows: 64, data }] })).song;
    expect(song.origin.tracker).toBe('FastTracker 2 or compatible');
    expect(song.midiMacros).toEqual(NO_ZXX_MACROS);
    const player = new Player(song, { sampleRate: 48000 });
    player.nextTick();
    player.nextTick();
    expect((player.state.channels[0] as unknown as { voice: { filter: unknown } }).voice.filter).toBeNull();
    // Another tracker's XM keeps the default macros: there Z40 drives the filter.
    const other = readXM(buildXM({ tracker: 'MilkyTracker        ', patterns: [{ rows: 64, data }] })).song;
    expect(other.midiMacros).toBeNull();
  });
});
