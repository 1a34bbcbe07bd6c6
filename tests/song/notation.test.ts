// Every effect kind spells and parses back in both notations; volume and instrument columns too.
import { describe, expect, it } from 'vitest';
import { effectParamMax, VOLUME_KINDS } from '../../src/song/effects.js';
import {
  ALL_EFFECT_KINDS, formatEffect, formatInstrument, formatVolume, parseEffect, parseInstrument, parseVolume, type Notation,
} from '../../src/song/notation.js';
import { formatNote, NOTE_CUT, NOTE_FADE, NOTE_OFF, parseNote } from '../../src/song/notes.js';

const NOTATIONS: Notation[] = ['xm', 'it'];

describe('effect notation', () => {
  for (const notation of NOTATIONS) {
    it(`round-trips every kind and parameter in ${notation} notation`, () => {
      let checked = 0;
      for (const kind of ALL_EFFECT_KINDS) {
        for (let param = 0; param <= effectParamMax(kind); param++) {
          const text = formatEffect({ kind, param }, notation);
          expect(text).toHaveLength(3);
          expect(parseEffect(text, notation), `${kind} ${param} -> ${text}`).toEqual({ kind, param });
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(5000);
    });
  }

  it('spells tracker letters as the trackers did', () => {
    expect(formatEffect({ kind: 'volSlide', param: 0x0f }, 'xm')).toBe('A0F');
    expect(formatEffect({ kind: 'volSlide', param: 0x0f }, 'it')).toBe('D0F');
    expect(formatEffect({ kind: 'noteDelay', param: 3 }, 'xm')).toBe('ED3');
    expect(formatEffect({ kind: 'noteDelay', param: 3 }, 'it')).toBe('SD3');
    expect(formatEffect({ kind: 'setSpeed', param: 6 }, 'xm')).toBe('F06');
    expect(formatEffect({ kind: 'tempo', param: 0x7d }, 'xm')).toBe('F7D');
    expect(formatEffect({ kind: 'tempo', param: 0x7d }, 'it')).toBe('T7D');
    expect(formatEffect({ kind: 'extraFinePortaUp', param: 2 }, 'xm')).toBe('X12');
    expect(formatEffect(null, 'it')).toBe('...');
  });

  it('reads XM F as speed below 20h and tempo from 20h', () => {
    expect(parseEffect('F1F', 'xm')).toEqual({ kind: 'setSpeed', param: 0x1f });
    expect(parseEffect('F20', 'xm')).toEqual({ kind: 'tempo', param: 0x20 });
  });

  it('rejects text that is not an effect', () => {
    for (const bad of ['Q00', 'E', 'AXX', 'S', '###']) expect(parseEffect(bad, 'xm')).toBeUndefined();
    expect(parseEffect('E1F', 'it')).toEqual({ kind: 'portaDown', param: 0x1f });
    expect(parseEffect('0A0', 'it')).toBeUndefined();
  });
});

describe('volume column', () => {
  it('round-trips every kind and value', () => {
    for (const def of VOLUME_KINDS) {
      if (def.kind === 'none') continue;
      for (let value = 0; value <= def.max; value++) {
        const text = formatVolume({ kind: def.kind, value });
        expect(parseVolume(text)).toEqual({ kind: def.kind, value });
      }
    }
    expect(formatVolume({ kind: 'volume', value: 64 })).toBe('v64');
    expect(parseVolume('v65')).toBeUndefined();
    expect(parseVolume('...')).toBeNull();
  });
});

describe('instrument column', () => {
  it('round-trips 1..255 in both notations', () => {
    for (const notation of NOTATIONS) {
      for (let n = 1; n <= 255; n++) expect(parseInstrument(formatInstrument(n, notation), notation)).toBe(n);
    }
    expect(formatInstrument(10, 'xm')).toBe('0A');
    expect(formatInstrument(10, 'it')).toBe('10');
    expect(formatInstrument(0, 'it')).toBe('..');
  });
});

describe('notes', () => {
  it('names every note and parses it back', () => {
    for (let n = 1; n <= 120; n++) expect(parseNote(formatNote(n))).toBe(n);
    expect(formatNote(61)).toBe('C-5');
    expect(formatNote(1)).toBe('C-0');
    expect(formatNote(120)).toBe('B-9');
    expect(parseNote(formatNote(NOTE_OFF))).toBe(NOTE_OFF);
    expect(parseNote(formatNote(NOTE_CUT))).toBe(NOTE_CUT);
    expect(parseNote(formatNote(NOTE_FADE))).toBe(NOTE_FADE);
    expect(parseNote('H-4')).toBeUndefined();
  });
});
