// Patterns: a grid of rows x channels cells kept in one byte array, so a 1024-row, 127-channel
// pattern is one allocation and the replayer reads cells without creating objects. Patterns are
// immutable by convention: edits (src/song/edit-*.ts) copy the array and return a new Pattern.

import { type Effect, effectId, effectKindOf, effectParamMax, type VolumeCommand, volumeId, volumeKindOf, volumeValueMax } from './effects.js';
import { isValidNote, NOTE_NONE } from './notes.js';

/** Limits of the model (the widest any supported format allows). */
export const MAX_ROWS = 1024;
export const MIN_ROWS = 1;
/** IT allows 64 channels; OpenMPT's MPTM (read as IT) allows 127. */
export const MAX_CHANNELS = 127;
export const MAX_EFFECT_COLUMNS = 4;
export const MAX_INSTRUMENT_NUMBER = 255;

/** Bytes per cell before the effect columns: note, instrument, volume kind, volume value. */
const CELL_HEAD = 4;

/** One pattern. `data` holds rows*channels cells of `stride` bytes; do not write to it. */
export interface Pattern {
  readonly name: string;
  readonly rows: number;
  readonly channels: number;
  readonly effectColumns: number;
  readonly data: Uint8Array;
  /** The pattern's own time signature (OpenMPT); absent: the song's rows per beat and measure. */
  readonly signature?: PatternSignature;
  /** The pattern's own tempo swing (OpenMPT's modern tempo mode; factors per row); absent: the song's. */
  readonly swing?: readonly number[];
}

/** Rows per beat and per measure (the beat also sets the tempo's unit in OpenMPT's modern tempo mode). */
export interface PatternSignature {
  readonly rowsPerBeat: number;
  readonly rowsPerMeasure: number;
}

/** The time signature a pattern plays and shows with: its own, or the song's. */
export function signatureOf(pattern: Pattern | undefined, song: PatternSignature): PatternSignature {
  return pattern?.signature ?? song;
}

/** A cell as a plain object (for editing and tests; the replayer reads bytes directly). */
export interface Cell {
  readonly note: number;
  readonly instrument: number;
  readonly volume: VolumeCommand | null;
  readonly effects: readonly (Effect | null)[];
}

/** Bytes per cell for a number of effect columns. */
export function cellStride(effectColumns: number): number {
  return CELL_HEAD + 2 * effectColumns;
}

/** Byte offset of a cell in `pattern.data`. */
export function cellOffset(pattern: Pattern, row: number, channel: number): number {
  return (row * pattern.channels + channel) * cellStride(pattern.effectColumns);
}

/** An empty pattern. Throws RangeError when a dimension is outside the model's limits. */
export function createPattern(rows: number, channels: number, effectColumns = 1, name = ''): Pattern {
  checkDimensions(rows, channels, effectColumns);
  return { name, rows, channels, effectColumns, data: new Uint8Array(rows * channels * cellStride(effectColumns)) };
}

function checkDimensions(rows: number, channels: number, effectColumns: number): void {
  if (!Number.isInteger(rows) || rows < MIN_ROWS || rows > MAX_ROWS) throw new RangeError(`rows must be ${MIN_ROWS}..${MAX_ROWS}, got ${rows}`);
  if (!Number.isInteger(channels) || channels < 1 || channels > MAX_CHANNELS) throw new RangeError(`channels must be 1..${MAX_CHANNELS}, got ${channels}`);
  if (!Number.isInteger(effectColumns) || effectColumns < 1 || effectColumns > MAX_EFFECT_COLUMNS) {
    throw new RangeError(`effect columns must be 1..${MAX_EFFECT_COLUMNS}, got ${effectColumns}`);
  }
}

/** The empty cell. */
export const EMPTY_CELL: Cell = { note: NOTE_NONE, instrument: 0, volume: null, effects: [] };

/** Reads one cell. Rows and channels outside the pattern read as empty. */
export function getCell(pattern: Pattern, row: number, channel: number): Cell {
  if (row < 0 || row >= pattern.rows || channel < 0 || channel >= pattern.channels) return EMPTY_CELL;
  const d = pattern.data;
  const o = cellOffset(pattern, row, channel);
  const volId = d[o + 2] ?? 0;
  const effects: (Effect | null)[] = [];
  for (let i = 0; i < pattern.effectColumns; i++) {
    const id = d[o + CELL_HEAD + 2 * i] ?? 0;
    effects.push(id === 0 ? null : { kind: effectKindOf(id), param: d[o + CELL_HEAD + 2 * i + 1] ?? 0 });
  }
  return {
    note: d[o] ?? 0,
    instrument: d[o + 1] ?? 0,
    volume: volId === 0 ? null : { kind: volumeKindOf(volId), value: d[o + 3] ?? 0 },
    effects,
  };
}

/** True when a cell has nothing in it. */
export function isCellEmpty(cell: Cell): boolean {
  return cell.note === NOTE_NONE && cell.instrument === 0 && !cell.volume && cell.effects.every((e) => !e || e.kind === 'none');
}

/**
 * Writes a cell into a byte array in place. Only for code that builds a new pattern's array
 * (loaders, edits after copying); values are clamped to their valid ranges.
 */
export function writeCell(pattern: Pattern, row: number, channel: number, cell: Cell): void {
  if (row < 0 || row >= pattern.rows || channel < 0 || channel >= pattern.channels) return;
  const d = pattern.data;
  const o = cellOffset(pattern, row, channel);
  d[o] = isValidNote(cell.note) ? cell.note : NOTE_NONE;
  d[o + 1] = clampInt(cell.instrument, 0, 255);
  if (cell.volume && cell.volume.kind !== 'none') {
    d[o + 2] = volumeId(cell.volume.kind);
    d[o + 3] = clampInt(cell.volume.value, 0, volumeValueMax(cell.volume.kind));
  } else {
    d[o + 2] = 0;
    d[o + 3] = 0;
  }
  for (let i = 0; i < pattern.effectColumns; i++) {
    const fx = cell.effects[i];
    if (fx && fx.kind !== 'none') {
      d[o + CELL_HEAD + 2 * i] = effectId(fx.kind);
      d[o + CELL_HEAD + 2 * i + 1] = clampInt(fx.param, 0, effectParamMax(fx.kind));
    } else {
      d[o + CELL_HEAD + 2 * i] = 0;
      d[o + CELL_HEAD + 2 * i + 1] = 0;
    }
  }
}

function clampInt(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, Math.trunc(Number.isFinite(v) ? v : 0)));
}

/** A copy of a pattern with new data (same dimensions), for pure edits. */
export function clonePattern(pattern: Pattern, changes: Partial<Pick<Pattern, 'name'>> = {}): Pattern {
  return { ...pattern, ...changes, data: pattern.data.slice() };
}

/**
 * The same cells in a pattern of other dimensions: rows and channels beyond the new size are
 * dropped, new ones are empty, extra effect columns are dropped.
 */
export function resizePattern(pattern: Pattern, rows: number, channels: number, effectColumns = pattern.effectColumns): Pattern {
  const created = createPattern(rows, channels, effectColumns, pattern.name);
  const out = { ...created, ...(pattern.signature ? { signature: pattern.signature } : {}), ...(pattern.swing ? { swing: pattern.swing } : {}) };
  const oldStride = cellStride(pattern.effectColumns);
  const newStride = cellStride(effectColumns);
  const copy = Math.min(oldStride, newStride);
  for (let r = 0; r < Math.min(rows, pattern.rows); r++) {
    for (let c = 0; c < Math.min(channels, pattern.channels); c++) {
      const from = (r * pattern.channels + c) * oldStride;
      out.data.set(pattern.data.subarray(from, from + copy), (r * channels + c) * newStride);
    }
  }
  return out;
}

/** True when two patterns hold the same name, size, time signature, swing and cells. */
export function patternsEqual(a: Pattern, b: Pattern): boolean {
  if (a.name !== b.name || a.rows !== b.rows || a.channels !== b.channels || a.effectColumns !== b.effectColumns) return false;
  if (a.signature?.rowsPerBeat !== b.signature?.rowsPerBeat || a.signature?.rowsPerMeasure !== b.signature?.rowsPerMeasure) return false;
  if ((a.swing ?? []).join() !== (b.swing ?? []).join()) return false;
  if (a.data.length !== b.data.length) return false;
  for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) return false;
  return true;
}
