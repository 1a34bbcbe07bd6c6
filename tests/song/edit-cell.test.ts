// Cell and row edits: fields change as asked, rows shift in one channel or all, and the old song
// and its pattern bytes are never touched.
import { describe, expect, it } from 'vitest';
import { clearCellField, deleteRow, editCell, insertRow, setCell } from '../../src/song/edit-cell.js';
import { createSong } from '../../src/song/create.js';
import { getCell } from '../../src/song/pattern.js';

const C5 = 61;

describe('cell edits', () => {
  it('sets fields and leaves the old song as it was', () => {
    const song = createSong({ channels: 4 });
    const before = song.patterns[0]!.data.slice();
    const next = editCell(song, { pattern: 0, row: 3, channel: 1 }, { note: C5, instrument: 2, volume: { kind: 'volume', value: 40 }, effect: { column: 0, effect: { kind: 'volSlide', param: 0x0f } } });
    expect(getCell(next.patterns[0]!, 3, 1)).toEqual({ note: C5, instrument: 2, volume: { kind: 'volume', value: 40 }, effects: [{ kind: 'volSlide', param: 0x0f }] });
    expect(song.patterns[0]!.data).toEqual(before);
    expect(next.patterns[0]).not.toBe(song.patterns[0]);
  });

  it('clears one field at a time', () => {
    let song = setCell(createSong(), { pattern: 0, row: 0, channel: 0 }, { note: C5, instrument: 1, volume: { kind: 'volume', value: 10 }, effects: [{ kind: 'vibrato', param: 0x44 }] });
    song = clearCellField(song, { pattern: 0, row: 0, channel: 0 }, 'instrument');
    song = clearCellField(song, { pattern: 0, row: 0, channel: 0 }, 'effect');
    expect(getCell(song.patterns[0]!, 0, 0)).toEqual({ note: C5, instrument: 0, volume: { kind: 'volume', value: 10 }, effects: [null] });
  });

  it('ignores positions outside the pattern', () => {
    const song = createSong();
    expect(editCell(song, { pattern: 0, row: 64, channel: 0 }, { note: C5 })).toBe(song);
    expect(editCell(song, { pattern: 5, row: 0, channel: 0 }, { note: C5 })).toBe(song);
  });
});

describe('row edits', () => {
  const base = () => {
    let song = createSong({ channels: 2, rows: 4 });
    for (let r = 0; r < 4; r++) for (let c = 0; c < 2; c++) song = editCell(song, { pattern: 0, row: r, channel: c }, { note: 1 + r * 2 + c });
    return song;
  };
  const notes = (song: ReturnType<typeof base>, c: number) => [0, 1, 2, 3].map((r) => getCell(song.patterns[0]!, r, c).note);

  it('inserts a row in one channel', () => {
    const song = insertRow(base(), 0, 1, { channel: 0 });
    expect(notes(song, 0)).toEqual([1, 0, 3, 5]);
    expect(notes(song, 1)).toEqual([2, 4, 6, 8]);
  });

  it('deletes a whole row', () => {
    const song = deleteRow(base(), 0, 1, 'all');
    expect(notes(song, 0)).toEqual([1, 5, 7, 0]);
    expect(notes(song, 1)).toEqual([2, 6, 8, 0]);
  });

  it('deletes a row in one channel and inserts across all', () => {
    expect(notes(deleteRow(base(), 0, 0, { channel: 1 }), 1)).toEqual([4, 6, 8, 0]);
    const song = insertRow(base(), 0, 3, 'all');
    expect(notes(song, 0)).toEqual([1, 3, 5, 0]);
  });
});
