// Block operations: copy/cut/paste/mix-paste, transpose, interpolation, volume scaling and
// instrument setting on rectangular selections.
import { describe, expect, it } from 'vitest';
import { clearBlock, copyBlock, cutBlock, interpolateEffect, interpolateVolume, pasteClip, scaleVolumes, setBlockInstrument, transposeBlock } from '../../src/song/edit-block.js';
import { editCell } from '../../src/song/edit-cell.js';
import { createSample, createSong } from '../../src/song/create.js';
import { getCell, isCellEmpty } from '../../src/song/pattern.js';
import type { Song } from '../../src/song/song.js';

const at = (row: number, channel: number) => ({ pattern: 0, row, channel });

function filled(): Song {
  let song = createSong({ channels: 3, rows: 8 });
  song = editCell(song, at(0, 0), { note: 61, instrument: 1, volume: { kind: 'volume', value: 0 } });
  song = editCell(song, at(4, 0), { volume: { kind: 'volume', value: 64 } });
  song = editCell(song, at(1, 1), { note: 119, instrument: 2 });
  song = editCell(song, at(0, 2), { effect: { column: 0, effect: { kind: 'volSlide', param: 0x10 } } });
  song = editCell(song, at(3, 2), { effect: { column: 0, effect: { kind: 'volSlide', param: 0x40 } } });
  return song;
}

describe('copy, cut and paste', () => {
  it('copies a block and pastes it elsewhere', () => {
    const song = filled();
    const clip = copyBlock(song.patterns[0]!, { rowStart: 0, rowEnd: 1, channelStart: 1, channelEnd: 0 });
    expect(clip.rows).toBe(2);
    expect(clip.channels).toBe(2);
    const pasted = pasteClip(song, 0, 5, 1, clip);
    expect(getCell(pasted.patterns[0]!, 5, 1).note).toBe(61);
    expect(getCell(pasted.patterns[0]!, 6, 2).note).toBe(119);
    expect(isCellEmpty(getCell(song.patterns[0]!, 5, 1))).toBe(true);
  });

  it('drops what falls outside the pattern', () => {
    const song = filled();
    const clip = copyBlock(song.patterns[0]!, { rowStart: 0, rowEnd: 1, channelStart: 0, channelEnd: 1 });
    const pasted = pasteClip(song, 0, 7, 2, clip);
    expect(getCell(pasted.patterns[0]!, 7, 2).note).toBe(61);
  });

  it('cuts: the clip holds the cells and the block is empty', () => {
    const { song, clip } = cutBlock(filled(), 0, { rowStart: 0, rowEnd: 7, channelStart: 0, channelEnd: 0 });
    expect(clip.cells[0]?.note).toBe(61);
    expect(isCellEmpty(getCell(song.patterns[0]!, 0, 0))).toBe(true);
  });

  it('mix-paste fills only empty fields', () => {
    let song = filled();
    song = editCell(song, at(6, 0), { note: 30 });
    const clip = { rows: 1, channels: 1, cells: [{ note: 61, instrument: 5, volume: { kind: 'volume' as const, value: 9 }, effects: [null] }] };
    const mixed = pasteClip(song, 0, 6, 0, clip, 'mix');
    expect(getCell(mixed.patterns[0]!, 6, 0)).toMatchObject({ note: 30, instrument: 5, volume: { kind: 'volume', value: 9 } });
    const over = pasteClip(song, 0, 6, 0, clip, 'overwrite');
    expect(getCell(over.patterns[0]!, 6, 0).note).toBe(61);
  });

  it('clears a block', () => {
    const song = clearBlock(filled(), 0, { rowStart: 0, rowEnd: 7, channelStart: 0, channelEnd: 2 });
    expect(copyBlock(song.patterns[0]!, { rowStart: 0, rowEnd: 7, channelStart: 0, channelEnd: 2 }).cells.every(isCellEmpty)).toBe(true);
  });
});

describe('transforms', () => {
  it('transposes playable notes, clamped, and leaves other cells', () => {
    const song = transposeBlock(filled(), 0, { rowStart: 0, rowEnd: 7, channelStart: 0, channelEnd: 2 }, 12);
    expect(getCell(song.patterns[0]!, 0, 0).note).toBe(73);
    expect(getCell(song.patterns[0]!, 1, 1).note).toBe(120);
    expect(getCell(song.patterns[0]!, 0, 2).note).toBe(0);
    expect(getCell(transposeBlock(filled(), 0, { rowStart: 0, rowEnd: 0, channelStart: 0, channelEnd: 0 }, -1).patterns[0]!, 0, 0).note).toBe(60);
  });

  it('interpolates volumes between the block ends', () => {
    const song = interpolateVolume(filled(), 0, { rowStart: 0, rowEnd: 4, channelStart: 0, channelEnd: 0 });
    expect([0, 1, 2, 3, 4].map((r) => getCell(song.patterns[0]!, r, 0).volume?.value)).toEqual([0, 16, 32, 48, 64]);
  });

  it('interpolates effect parameters with the first row\'s kind', () => {
    const song = interpolateEffect(filled(), 0, { rowStart: 0, rowEnd: 3, channelStart: 2, channelEnd: 2 });
    expect([0, 1, 2, 3].map((r) => getCell(song.patterns[0]!, r, 2).effects[0])).toEqual([
      { kind: 'volSlide', param: 0x10 }, { kind: 'volSlide', param: 0x20 }, { kind: 'volSlide', param: 0x30 }, { kind: 'volSlide', param: 0x40 },
    ]);
  });

  it('scales volumes, using the sample default for notes without one', () => {
    let song = filled();
    song = { ...song, samples: [createSample({ volume: 40 }), createSample({ volume: 32 })] };
    song = scaleVolumes(song, 0, { rowStart: 0, rowEnd: 4, channelStart: 0, channelEnd: 1 }, 50);
    expect(getCell(song.patterns[0]!, 4, 0).volume).toEqual({ kind: 'volume', value: 32 });
    expect(getCell(song.patterns[0]!, 1, 1).volume).toEqual({ kind: 'volume', value: 16 });
    expect(getCell(song.patterns[0]!, 2, 1).volume).toBeNull();
  });

  it('sets the instrument of notes only', () => {
    const song = setBlockInstrument(filled(), 0, { rowStart: 0, rowEnd: 7, channelStart: 0, channelEnd: 2 }, 7);
    expect(getCell(song.patterns[0]!, 0, 0).instrument).toBe(7);
    expect(getCell(song.patterns[0]!, 1, 1).instrument).toBe(7);
    expect(getCell(song.patterns[0]!, 0, 2).instrument).toBe(0);
  });
});
