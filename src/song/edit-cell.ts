// Pure edits of pattern cells and rows: set a cell or one of its fields, clear fields, insert and
// delete rows in one channel or across the whole pattern. Every function returns a new Song whose
// changed pattern has a fresh byte array; the old Song is never touched.

import type { Effect, VolumeCommand } from './effects.js';
import { cellOffset, cellStride, clonePattern, EMPTY_CELL, getCell, type Cell, type Pattern, writeCell } from './pattern.js';
import type { Song } from './song.js';

/** A cell in a song: pattern index, row and channel (all 0-based). */
export interface CellPosition {
  readonly pattern: number;
  readonly row: number;
  readonly channel: number;
}

/** Fields to change in a cell; fields left out keep their value. */
export interface CellChange {
  readonly note?: number;
  readonly instrument?: number;
  readonly volume?: VolumeCommand | null;
  /** Sets the effect in column `column` (0-based) to `effect` (null clears it). */
  readonly effect?: { readonly column: number; readonly effect: Effect | null };
}

/** The parts of a cell the cursor can clear one at a time. */
export type CellField = 'note' | 'instrument' | 'volume' | 'effect';

/** Replaces pattern `index` with the result of `edit` on a copy of it. */
export function updatePattern(song: Song, index: number, edit: (copy: Pattern) => Pattern | void): Song {
  const old = song.patterns[index];
  if (!old) return song;
  const copy = clonePattern(old);
  const result = edit(copy) ?? copy;
  const patterns = song.patterns.slice();
  patterns[index] = result;
  return { ...song, patterns };
}

/** A cell with the given fields changed. */
export function applyCellChange(cell: Cell, change: CellChange): Cell {
  const effects = cell.effects.slice();
  if (change.effect) {
    while (effects.length <= change.effect.column) effects.push(null);
    effects[change.effect.column] = change.effect.effect;
  }
  return {
    note: change.note ?? cell.note,
    instrument: change.instrument ?? cell.instrument,
    volume: change.volume === undefined ? cell.volume : change.volume,
    effects,
  };
}

/** Sets a whole cell. */
export function setCell(song: Song, at: CellPosition, cell: Cell): Song {
  return updatePattern(song, at.pattern, (p) => writeCell(p, at.row, at.channel, cell));
}

/** Changes some fields of a cell. */
export function editCell(song: Song, at: CellPosition, change: CellChange): Song {
  const pattern = song.patterns[at.pattern];
  if (!pattern || at.row < 0 || at.row >= pattern.rows || at.channel < 0 || at.channel >= pattern.channels) return song;
  return setCell(song, at, applyCellChange(getCell(pattern, at.row, at.channel), change));
}

/** Clears one field of a cell (the effect field in `effectColumn`). */
export function clearCellField(song: Song, at: CellPosition, field: CellField, effectColumn = 0): Song {
  switch (field) {
    case 'note': return editCell(song, at, { note: 0 });
    case 'instrument': return editCell(song, at, { instrument: 0 });
    case 'volume': return editCell(song, at, { volume: null });
    case 'effect': return editCell(song, at, { effect: { column: effectColumn, effect: null } });
  }
}

/** Empties a whole cell. */
export function clearCell(song: Song, at: CellPosition): Song {
  return setCell(song, at, EMPTY_CELL);
}

/** Which channels a row edit touches: one channel, or every channel. */
export type RowScope = { readonly channel: number } | 'all';

function channelsOf(pattern: Pattern, scope: RowScope): readonly number[] {
  if (scope === 'all') return Array.from({ length: pattern.channels }, (_, c) => c);
  return scope.channel >= 0 && scope.channel < pattern.channels ? [scope.channel] : [];
}

function moveCell(p: Pattern, from: number, to: number, channel: number): void {
  const stride = cellStride(p.effectColumns);
  const src = cellOffset(p, from, channel);
  p.data.copyWithin(cellOffset(p, to, channel), src, src + stride);
}

function emptyCell(p: Pattern, row: number, channel: number): void {
  const o = cellOffset(p, row, channel);
  p.data.fill(0, o, o + cellStride(p.effectColumns));
}

/** Inserts an empty row at `row`: the rows below move down one and the last row is lost. */
export function insertRow(song: Song, patternIndex: number, row: number, scope: RowScope): Song {
  const pattern = song.patterns[patternIndex];
  if (!pattern || row < 0 || row >= pattern.rows) return song;
  return updatePattern(song, patternIndex, (p) => {
    for (const c of channelsOf(p, scope)) {
      for (let r = p.rows - 1; r > row; r--) moveCell(p, r - 1, r, c);
      emptyCell(p, row, c);
    }
  });
}

/** Deletes the row at `row`: the rows below move up one and the last row becomes empty. */
export function deleteRow(song: Song, patternIndex: number, row: number, scope: RowScope): Song {
  const pattern = song.patterns[patternIndex];
  if (!pattern || row < 0 || row >= pattern.rows) return song;
  return updatePattern(song, patternIndex, (p) => {
    for (const c of channelsOf(p, scope)) {
      for (let r = row; r < p.rows - 1; r++) moveCell(p, r + 1, r, c);
      emptyCell(p, p.rows - 1, c);
    }
  });
}
