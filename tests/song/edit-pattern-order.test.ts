// Pattern, channel and order-list edits: clone, length, channel count, insert/delete entries,
// markers, new and cloned patterns placed into the order list.
import { describe, expect, it } from 'vitest';
import { editCell } from '../../src/song/edit-cell.js';
import { clonePatternAtOrder, deleteOrder, firstUnusedPattern, insertOrder, newPatternAtOrder, setOrder } from '../../src/song/edit-order.js';
import { addPattern, clonePatternAt, setChannel, setChannelCount, setPatternLength, setPatternSignature } from '../../src/song/edit-pattern.js';
import { createSong } from '../../src/song/create.js';
import { getCell, patternsEqual } from '../../src/song/pattern.js';

describe('pattern edits', () => {
  it('clones a pattern as an independent copy', () => {
    const song = editCell(createSong(), { pattern: 0, row: 2, channel: 1 }, { note: 50 });
    const { song: next, index } = clonePatternAt(song, 0);
    expect(index).toBe(1);
    expect(patternsEqual(next.patterns[0]!, next.patterns[1]!)).toBe(true);
    expect(next.patterns[1]!.data).not.toBe(next.patterns[0]!.data);
  });

  it('changes the pattern length keeping the rows that remain', () => {
    const song = editCell(createSong(), { pattern: 0, row: 10, channel: 0 }, { note: 50 });
    const short = setPatternLength(song, 0, 16);
    expect(short.patterns[0]!.rows).toBe(16);
    expect(getCell(short.patterns[0]!, 10, 0).note).toBe(50);
    expect(setPatternLength(short, 0, 5000).patterns[0]!.rows).toBe(1024);
  });

  it('gives a pattern its own time signature (kept through resizing and cloning), and takes it back', () => {
    const song = setPatternSignature(createSong(), 0, 3, 2);
    // A measure is at least a beat long.
    expect(song.patterns[0]!.signature).toEqual({ rowsPerBeat: 3, rowsPerMeasure: 3 });
    expect(setPatternSignature(song, 0, 99, 999).patterns[0]!.signature).toEqual({ rowsPerBeat: 64, rowsPerMeasure: 256 });
    expect(setPatternLength(song, 0, 12).patterns[0]!.signature).toEqual({ rowsPerBeat: 3, rowsPerMeasure: 3 });
    expect(clonePatternAt(song, 0).song.patterns[1]!.signature).toEqual({ rowsPerBeat: 3, rowsPerMeasure: 3 });
    expect(patternsEqual(song.patterns[0]!, createSong().patterns[0]!)).toBe(false);
    const back = setPatternSignature(song, 0, 0, 0).patterns[0]!;
    expect(back.signature).toBeUndefined();
    expect(patternsEqual(back, createSong().patterns[0]!)).toBe(true);
  });

  it('changes the channel count of every pattern', () => {
    let song = addPattern(createSong({ channels: 4 })).song;
    song = editCell(song, { pattern: 1, row: 0, channel: 1 }, { note: 50 });
    const more = setChannelCount(song, 6);
    expect(more.channels).toHaveLength(6);
    expect(more.patterns.every((p) => p.channels === 6)).toBe(true);
    expect(getCell(more.patterns[1]!, 0, 1).note).toBe(50);
    expect(setChannelCount(song, 1).patterns[1]!.channels).toBe(1);
  });

  it('clamps channel settings', () => {
    const song = setChannel(createSong(), 0, { pan: 999, volume: -3, name: 'Kick' });
    expect(song.channels[0]).toMatchObject({ pan: 256, volume: 0, name: 'Kick' });
  });
});

describe('order list edits', () => {
  it('inserts, sets and deletes entries and markers', () => {
    let song = addPattern(createSong()).song;
    song = insertOrder(song, 1, 1);
    song = insertOrder(song, 2, 'skip');
    song = insertOrder(song, 3, 'end');
    expect(song.orders).toEqual([0, 1, 'skip', 'end']);
    expect(setOrder(song, 0, 7)).toBe(song);
    song = setOrder(song, 0, 1);
    song = deleteOrder(song, 2);
    expect(song.orders).toEqual([1, 1, 'end']);
  });

  it('keeps at least one entry', () => {
    const song = createSong();
    expect(deleteOrder(song, 0).orders).toEqual([0]);
  });

  it('puts a new empty pattern and a clone after the current entry', () => {
    let song = editCell(createSong(), { pattern: 0, row: 0, channel: 0 }, { note: 40 });
    const created = newPatternAtOrder(song, 0);
    expect(created.pattern).toBe(1);
    expect(created.song.orders).toEqual([0, 1]);
    song = created.song;
    const cloned = clonePatternAtOrder(song, 0);
    expect(cloned.song.orders).toEqual([0, 2, 1]);
    expect(getCell(cloned.song.patterns[2]!, 0, 0).note).toBe(40);
    expect(firstUnusedPattern(addPattern(cloned.song).song)).toBe(3);
  });
});
