// Order list commands: move through the list, type pattern numbers, skip and end markers,
// insert and delete entries, new and cloned patterns, and jump into the pattern editor.

import { clonePatternAtOrder, deleteOrder, insertOrder, newPatternAtOrder, setOrder } from '../../song/edit-order.js';
import type { OrderEntry } from '../../song/song.js';
import type { AppState } from '../store/app-state.js';
import { clampCursor, type CommandDef, notify, showView } from './command.js';

/** Visible order rows per page (the screen body minus its header). */
export function orderPageSize(state: AppState): number {
  return Math.max(4, state.size.rows - 6);
}

/** Puts the cursor on order `order`, showing its pattern when it names one. */
export function moveOrder(state: AppState, order: number): AppState {
  const last = Math.max(0, state.song.orders.length - 1);
  const o = Math.max(0, Math.min(last, order));
  const entry = state.song.orders[o];
  const pattern = typeof entry === 'number' ? entry : state.cursor.pattern;
  return clampCursor({ ...state, orderDigits: '', cursor: { ...state.cursor, order: o, pattern } });
}

function setEntry(state: AppState, entry: OrderEntry): AppState {
  const song = setOrder(state.song, state.cursor.order, entry);
  return moveOrder({ ...state, song }, state.cursor.order);
}

function typeDigit(state: AppState, digit: string | null): AppState {
  if (digit === null) return state;
  const digits = (state.orderDigits + digit).slice(-3);
  const value = Number(digits);
  if (value >= state.song.patterns.length) {
    if (Number(digit) < state.song.patterns.length) return { ...setEntry(state, Number(digit)), orderDigits: digit };
    return notify({ ...state, orderDigits: '' }, `no pattern ${value}: the song has ${state.song.patterns.length} (n makes a new one)`, 'error');
  }
  return { ...setEntry(state, value), orderDigits: digits };
}

function insertEntry(state: AppState): AppState {
  const at = state.cursor.order;
  const entry = state.song.orders[at] ?? 0;
  const song = insertOrder(state.song, at + 1, entry);
  if (song === state.song) return notify(state, 'the order list is full', 'error');
  return moveOrder({ ...state, song }, at + 1);
}

function placePattern(state: AppState, kind: 'new' | 'clone'): AppState {
  const at = state.cursor.order;
  if (kind === 'clone' && typeof state.song.orders[at] !== 'number') return notify(state, 'this entry is a marker: there is no pattern to clone', 'error');
  const r = kind === 'new' ? newPatternAtOrder(state.song, at) : clonePatternAtOrder(state.song, at);
  if (r.pattern < 0) return notify(state, 'the song cannot hold more patterns or orders', 'error');
  return notify(moveOrder({ ...state, song: r.song }, at + 1), `${kind === 'new' ? 'new' : 'cloned into'} pattern ${r.pattern}`);
}

export const ORDERS_COMMANDS: Readonly<Record<string, CommandDef>> = {
  'orders.up': { run: (s) => moveOrder(s, s.cursor.order - 1) },
  'orders.down': { run: (s) => moveOrder(s, s.cursor.order + 1) },
  'orders.pageUp': { run: (s) => moveOrder(s, s.cursor.order - orderPageSize(s)) },
  'orders.pageDown': { run: (s) => moveOrder(s, s.cursor.order + orderPageSize(s)) },
  'orders.top': { run: (s) => moveOrder(s, 0) },
  'orders.bottom': { run: (s) => moveOrder(s, s.song.orders.length - 1) },
  'orders.typeDigit': { undoable: true, run: (s, c) => typeDigit(s, c.text) },
  'orders.skip': { undoable: true, run: (s) => setEntry(s, 'skip') },
  'orders.end': { undoable: true, run: (s) => setEntry(s, 'end') },
  'orders.insert': { undoable: true, run: insertEntry },
  'orders.delete': {
    undoable: true,
    run: (s) => (s.song.orders.length <= 1 ? notify(s, 'the order list keeps at least one entry', 'error') : moveOrder({ ...s, song: deleteOrder(s.song, s.cursor.order) }, s.cursor.order)),
  },
  'orders.newPattern': { undoable: true, run: (s) => placePattern(s, 'new') },
  'orders.clonePattern': { undoable: true, run: (s) => placePattern(s, 'clone') },
  'orders.edit': {
    run: (s) => {
      const entry = s.song.orders[s.cursor.order];
      if (typeof entry !== 'number') return notify(s, 'this entry is a marker, not a pattern', 'error');
      return showView(moveOrder(s, s.cursor.order), { kind: 'pattern' });
    },
  },
};
