// The cursor's columns inside a channel: note, two instrument digits, volume letter and two
// digits, then letter and two digits per effect column; and where each sits in the cell's text.

/** Which part of a cell a cursor column edits. */
export type FieldKind = 'note' | 'instrument' | 'volume' | 'effect';

/** A cursor column: its field, position inside the field, and its place in the cell text. */
export interface ColumnInfo {
  readonly field: FieldKind;
  /** 0-based character inside the field (volume and effect: 0 = letter). */
  readonly digit: number;
  /** Effect column (0-based) for effect fields, else 0. */
  readonly effectColumn: number;
  /** Characters from the start of the cell text, and how many the cursor covers. */
  readonly offset: number;
  readonly width: number;
}

/** Cursor columns per channel. */
export function columnCount(effectColumns: number): number {
  return 6 + 3 * effectColumns;
}

/** Characters per cell: "C-5 07 v64" plus " A0F" per effect column. */
export function cellWidth(effectColumns: number): number {
  return 10 + 4 * effectColumns;
}

/** Describes cursor column `column` (clamped to the channel's columns). */
export function columnInfo(column: number, effectColumns: number): ColumnInfo {
  const c = Math.max(0, Math.min(columnCount(effectColumns) - 1, column));
  if (c === 0) return { field: 'note', digit: 0, effectColumn: 0, offset: 0, width: 3 };
  if (c <= 2) return { field: 'instrument', digit: c - 1, effectColumn: 0, offset: 4 + (c - 1), width: 1 };
  if (c <= 5) return { field: 'volume', digit: c - 3, effectColumn: 0, offset: 7 + (c - 3), width: 1 };
  const k = Math.floor((c - 6) / 3);
  const digit = (c - 6) % 3;
  return { field: 'effect', digit, effectColumn: k, offset: 11 + 4 * k + digit, width: 1 };
}

/** The first cursor column of a field. */
export function firstColumnOf(field: FieldKind, effectColumn = 0): number {
  switch (field) {
    case 'note': return 0;
    case 'instrument': return 1;
    case 'volume': return 3;
    case 'effect': return 6 + 3 * effectColumn;
  }
}
