// Pure block operations on a rectangular selection of a pattern: copy, cut, paste, mix-paste,
// transpose, interpolate volumes and effect values, scale volumes and set the instrument.

import { effectParamMax, type Effect } from './effects.js';
import { updatePattern } from './edit-cell.js';
import { isPlayableNote, NOTE_MAX, NOTE_MIN, NOTE_NONE } from './notes.js';
import { EMPTY_CELL, getCell, type Cell, type Pattern, writeCell } from './pattern.js';
import type { Song } from './song.js';

/** A rectangle of cells, inclusive on both ends, in one pattern. */
export interface Block {
  readonly rowStart: number;
  readonly rowEnd: number;
  readonly channelStart: number;
  readonly channelEnd: number;
}

/** Copied cells: `rows` x `channels`, row-major. */
export interface Clip {
  readonly rows: number;
  readonly channels: number;
  readonly cells: readonly Cell[];
}

/** How a paste treats cells already there. */
export type PasteMode =
  /** Replace every cell in the target rectangle. */
  | 'overwrite'
  /** Only fill fields that are empty in the target (IT/Schism mix paste). */
  | 'mix';

/** A block with its ends ordered and clipped to the pattern; null when nothing of it is inside. */
export function normalizeBlock(block: Block, pattern: Pattern): Block | null {
  const rowStart = Math.max(0, Math.min(block.rowStart, block.rowEnd));
  const rowEnd = Math.min(pattern.rows - 1, Math.max(block.rowStart, block.rowEnd));
  const channelStart = Math.max(0, Math.min(block.channelStart, block.channelEnd));
  const channelEnd = Math.min(pattern.channels - 1, Math.max(block.channelStart, block.channelEnd));
  if (rowStart > rowEnd || channelStart > channelEnd) return null;
  return { rowStart, rowEnd, channelStart, channelEnd };
}

/** Copies the cells of a block. */
export function copyBlock(pattern: Pattern, block: Block): Clip {
  const b = normalizeBlock(block, pattern);
  if (!b) return { rows: 0, channels: 0, cells: [] };
  const cells: Cell[] = [];
  for (let r = b.rowStart; r <= b.rowEnd; r++) {
    for (let c = b.channelStart; c <= b.channelEnd; c++) cells.push(getCell(pattern, r, c));
  }
  return { rows: b.rowEnd - b.rowStart + 1, channels: b.channelEnd - b.channelStart + 1, cells };
}

/** Rewrites every cell of a block with `fn(cell, row, channel)`. */
export function mapBlock(song: Song, patternIndex: number, block: Block, fn: (cell: Cell, row: number, channel: number) => Cell): Song {
  const pattern = song.patterns[patternIndex];
  const b = pattern ? normalizeBlock(block, pattern) : null;
  if (!b) return song;
  return updatePattern(song, patternIndex, (p) => {
    for (let r = b.rowStart; r <= b.rowEnd; r++) {
      for (let c = b.channelStart; c <= b.channelEnd; c++) writeCell(p, r, c, fn(getCell(p, r, c), r, c));
    }
  });
}

/** Empties every cell of a block. */
export function clearBlock(song: Song, patternIndex: number, block: Block): Song {
  return mapBlock(song, patternIndex, block, () => EMPTY_CELL);
}

/** Copies then clears a block. */
export function cutBlock(song: Song, patternIndex: number, block: Block): { readonly song: Song; readonly clip: Clip } {
  const pattern = song.patterns[patternIndex];
  if (!pattern) return { song, clip: { rows: 0, channels: 0, cells: [] } };
  return { song: clearBlock(song, patternIndex, block), clip: copyBlock(pattern, block) };
}

function mixCells(target: Cell, source: Cell): Cell {
  const effects = target.effects.map((e, i) => (e && e.kind !== 'none' ? e : source.effects[i] ?? null));
  return {
    note: target.note !== NOTE_NONE ? target.note : source.note,
    instrument: target.instrument !== 0 ? target.instrument : source.instrument,
    volume: target.volume && target.volume.kind !== 'none' ? target.volume : source.volume,
    effects,
  };
}

/** Pastes a clip with its top-left cell at (row, channel); what falls outside the pattern is dropped. */
export function pasteClip(song: Song, patternIndex: number, row: number, channel: number, clip: Clip, mode: PasteMode = 'overwrite'): Song {
  if (clip.rows === 0 || clip.channels === 0) return song;
  const block = { rowStart: row, rowEnd: row + clip.rows - 1, channelStart: channel, channelEnd: channel + clip.channels - 1 };
  return mapBlock(song, patternIndex, block, (cell, r, c) => {
    const source = clip.cells[(r - row) * clip.channels + (c - channel)] ?? EMPTY_CELL;
    return mode === 'overwrite' ? source : mixCells(cell, source);
  });
}

/** Moves every playable note of a block by `semitones`, clamped to C-0..B-9. */
export function transposeBlock(song: Song, patternIndex: number, block: Block, semitones: number): Song {
  return mapBlock(song, patternIndex, block, (cell) => {
    if (!isPlayableNote(cell.note)) return cell;
    return { ...cell, note: Math.max(NOTE_MIN, Math.min(NOTE_MAX, cell.note + semitones)) };
  });
}

function lerp(a: number, b: number, t: number): number {
  return Math.round(a + (b - a) * t);
}

/**
 * Per channel, fills the volume column between the first and last row of the block with values
 * going in a straight line from the first row's to the last row's (both must hold the same kind;
 * an empty end counts as volume 64 when the other end is a volume).
 */
export function interpolateVolume(song: Song, patternIndex: number, block: Block): Song {
  const pattern = song.patterns[patternIndex];
  const b = pattern ? normalizeBlock(block, pattern) : null;
  if (!pattern || !b || b.rowEnd === b.rowStart) return song;
  return mapBlock(song, patternIndex, b, (cell, r, c) => {
    const first = getCell(pattern, b.rowStart, c).volume;
    const last = getCell(pattern, b.rowEnd, c).volume;
    const kind = first?.kind ?? last?.kind;
    if (!kind || kind === 'none') return cell;
    if ((first && first.kind !== kind) || (last && last.kind !== kind)) return cell;
    const from = first?.value ?? 64;
    const to = last?.value ?? 64;
    return { ...cell, volume: { kind, value: lerp(from, to, (r - b.rowStart) / (b.rowEnd - b.rowStart)) } };
  });
}

/**
 * Per channel, fills effect column `column` between the first and last row of the block: the
 * kind comes from the first row (or the last), parameters go in a straight line between both ends.
 */
export function interpolateEffect(song: Song, patternIndex: number, block: Block, column = 0): Song {
  const pattern = song.patterns[patternIndex];
  const b = pattern ? normalizeBlock(block, pattern) : null;
  if (!pattern || !b || b.rowEnd === b.rowStart || column >= pattern.effectColumns) return song;
  return mapBlock(song, patternIndex, b, (cell, r, c) => {
    const first = getCell(pattern, b.rowStart, c).effects[column] ?? null;
    const last = getCell(pattern, b.rowEnd, c).effects[column] ?? null;
    const kind = first?.kind ?? last?.kind;
    if (!kind || kind === 'none') return cell;
    if (first && last && first.kind !== last.kind) return cell;
    const from = first?.param ?? 0;
    const to = last?.param ?? 0;
    const param = Math.min(effectParamMax(kind), lerp(from, to, (r - b.rowStart) / (b.rowEnd - b.rowStart)));
    const effects: (Effect | null)[] = cell.effects.slice();
    effects[column] = { kind, param };
    return { ...cell, effects };
  });
}

/** The default volume a note starts at: its sample's, found through the instrument's sample map. */
export function defaultVolumeOf(song: Song, instrument: number, note: number): number {
  if (instrument <= 0) return 64;
  let sampleNumber = instrument;
  if (song.instruments.length > 0) {
    const inst = song.instruments[instrument - 1];
    sampleNumber = inst && isPlayableNote(note) ? inst.sampleMap[note - 1] ?? 0 : 0;
  }
  return song.samples[sampleNumber - 1]?.volume ?? 64;
}

/**
 * Multiplies volumes by `percent` / 100 (clamped to 0..64): set-volume entries, and notes without
 * a volume (scaled from their sample's default volume, which the cell then states).
 */
export function scaleVolumes(song: Song, patternIndex: number, block: Block, percent: number): Song {
  const scale = (v: number) => Math.max(0, Math.min(64, Math.round((v * percent) / 100)));
  return mapBlock(song, patternIndex, block, (cell) => {
    if (cell.volume?.kind === 'volume') return { ...cell, volume: { kind: 'volume', value: scale(cell.volume.value) } };
    if (!cell.volume && isPlayableNote(cell.note)) {
      return { ...cell, volume: { kind: 'volume', value: scale(defaultVolumeOf(song, cell.instrument, cell.note)) } };
    }
    return cell;
  });
}

/** Sets the instrument of every cell in the block that has a playable note or an instrument. */
export function setBlockInstrument(song: Song, patternIndex: number, block: Block, instrument: number): Song {
  return mapBlock(song, patternIndex, block, (cell) => (isPlayableNote(cell.note) || cell.instrument !== 0 ? { ...cell, instrument } : cell));
}
