// Pattern storage: cells written are read back, clamped to their ranges, and resizing keeps content.
import { describe, expect, it } from 'vitest';
import { createPattern, getCell, isCellEmpty, MAX_CHANNELS, MAX_ROWS, resizePattern, writeCell } from '../../src/song/pattern.js';

describe('pattern cells', () => {
  it('reads back what was written', () => {
    const p = createPattern(64, 4, 2);
    const cell = { note: 61, instrument: 3, volume: { kind: 'volume' as const, value: 40 }, effects: [{ kind: 'vibrato' as const, param: 0x44 }, { kind: 'noteDelay' as const, param: 3 }] };
    writeCell(p, 10, 2, cell);
    expect(getCell(p, 10, 2)).toEqual(cell);
    expect(isCellEmpty(getCell(p, 10, 1))).toBe(true);
  });

  it('clamps values to their ranges', () => {
    const p = createPattern(1, 1);
    writeCell(p, 0, 0, { note: 500, instrument: 999, volume: { kind: 'volume', value: 99 }, effects: [{ kind: 'noteCut', param: 40 }] });
    const c = getCell(p, 0, 0);
    expect(c.note).toBe(0);
    expect(c.instrument).toBe(255);
    expect(c.volume).toEqual({ kind: 'volume', value: 64 });
    expect(c.effects[0]).toEqual({ kind: 'noteCut', param: 15 });
  });

  it('refuses sizes outside the model limits', () => {
    expect(() => createPattern(0, 4)).toThrow(RangeError);
    expect(() => createPattern(MAX_ROWS + 1, 4)).toThrow(RangeError);
    expect(() => createPattern(64, MAX_CHANNELS + 1)).toThrow(RangeError);
    expect(createPattern(MAX_ROWS, MAX_CHANNELS).rows).toBe(MAX_ROWS);
  });

  it('keeps cells when resized and leaves new cells empty', () => {
    const p = createPattern(4, 2);
    writeCell(p, 3, 1, { note: 13, instrument: 1, volume: null, effects: [{ kind: 'arpeggio', param: 0x37 }] });
    const bigger = resizePattern(p, 8, 3, 2);
    expect(getCell(bigger, 3, 1)).toEqual({ note: 13, instrument: 1, volume: null, effects: [{ kind: 'arpeggio', param: 0x37 }, null] });
    expect(isCellEmpty(getCell(bigger, 7, 2))).toBe(true);
    const smaller = resizePattern(bigger, 2, 1, 1);
    expect(smaller.rows).toBe(2);
    expect(isCellEmpty(getCell(smaller, 1, 0))).toBe(true);
  });
});
