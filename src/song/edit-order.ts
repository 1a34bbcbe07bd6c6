// Pure edits of the order list: set, insert and delete entries, skip (+++) and end (---) markers,
// and putting a new or cloned pattern into the list.

import { addPattern, clonePatternAt } from './edit-pattern.js';
import type { OrderEntry, Song } from './song.js';

/** The most entries an order list may hold (IT allows 256). */
export const MAX_ORDERS = 256;

/** A song and the pattern an order edit created (-1 when none could be made). */
export interface OrderEditResult {
  readonly song: Song;
  readonly pattern: number;
}

function withOrders(song: Song, orders: readonly OrderEntry[]): Song {
  const restartOrder = Math.min(song.restartOrder, Math.max(0, orders.length - 1));
  return { ...song, orders, restartOrder };
}

/** True for a pattern index, 'skip' or 'end'. */
export function isValidOrderEntry(song: Song, entry: OrderEntry): boolean {
  return entry === 'skip' || entry === 'end' || (Number.isInteger(entry) && entry >= 0 && entry < song.patterns.length);
}

/** Sets entry `at` (appending when `at` is the length); invalid pattern numbers are refused. */
export function setOrder(song: Song, at: number, entry: OrderEntry): Song {
  if (at < 0 || at > song.orders.length || at >= MAX_ORDERS || !isValidOrderEntry(song, entry)) return song;
  const orders = song.orders.slice();
  orders[at] = entry;
  return withOrders(song, orders);
}

/** Inserts an entry before position `at` (at = length appends). */
export function insertOrder(song: Song, at: number, entry: OrderEntry): Song {
  if (song.orders.length >= MAX_ORDERS || !isValidOrderEntry(song, entry)) return song;
  const i = Math.max(0, Math.min(song.orders.length, at));
  return withOrders(song, [...song.orders.slice(0, i), entry, ...song.orders.slice(i)]);
}

/** Deletes the entry at `at`; the list keeps at least one entry. */
export function deleteOrder(song: Song, at: number): Song {
  if (at < 0 || at >= song.orders.length || song.orders.length <= 1) return song;
  return withOrders(song, [...song.orders.slice(0, at), ...song.orders.slice(at + 1)]);
}

/** Appends an empty pattern and inserts it into the order list after `at`. */
export function newPatternAtOrder(song: Song, at: number): OrderEditResult {
  const current = song.orders[at];
  const added = addPattern(song, undefined, typeof current === 'number' ? current : 0);
  if (added.index < 0 || song.orders.length >= MAX_ORDERS) return { song, pattern: -1 };
  return { song: insertOrder(added.song, at + 1, added.index), pattern: added.index };
}

/** Appends a copy of the pattern at order `at` and inserts the copy into the list after it. */
export function clonePatternAtOrder(song: Song, at: number): OrderEditResult {
  const current = song.orders[at];
  if (typeof current !== 'number' || song.orders.length >= MAX_ORDERS) return { song, pattern: -1 };
  const added = clonePatternAt(song, current);
  if (added.index < 0) return { song, pattern: -1 };
  return { song: insertOrder(added.song, at + 1, added.index), pattern: added.index };
}

/** The first pattern that no order entry names, or -1. */
export function firstUnusedPattern(song: Song): number {
  const used = new Set(song.orders.filter((o): o is number => typeof o === 'number'));
  for (let i = 0; i < song.patterns.length; i++) if (!used.has(i)) return i;
  return -1;
}
