// The order list screen: the song's order entries a page at a time (the page flips), the cursor
// entry marked, the playing order flagged, and what each entry's pattern holds.

import type { AppState } from '../store/app-state.js';
import { orderPageSize } from '../commands/orders-commands.js';
import { LineBuilder } from './line.js';
import type { Theme } from './theme.js';

function entryText(entry: number | 'skip' | 'end' | undefined): string {
  if (entry === 'skip') return '+++';
  if (entry === 'end') return '---';
  return entry === undefined ? '...' : String(entry).padStart(3, '0');
}

/** The order list screen's lines. */
export function ordersLines(state: AppState, width: number, height: number, theme: Theme): string[] {
  const song = state.song;
  const lines: string[] = [];
  lines.push(new LineBuilder(width, theme)
    .add(' Order list', theme.sgr('title', 'none', true))
    .add(`  ${song.orders.length} entries, ${song.patterns.length} patterns`, theme.sgr('dim'))
    .add(state.orderDigits !== '' ? `  typed: ${state.orderDigits}` : '', theme.sgr('key'))
    .done());
  lines.push(new LineBuilder(width, theme).add(' 0-9 pattern  + skip  - end  Ins insert  Del delete  n new  c clone  Enter edit', theme.sgr('dim')).done());
  lines.push(new LineBuilder(width, theme).add(' order  pattern  rows', theme.sgr('rowNumber')).done());
  const page = Math.min(orderPageSize(state), Math.max(1, height - 3));
  const first = Math.floor(state.cursor.order / page) * page;
  const playingOrder = state.playback?.playing ? state.playback.order : -1;
  for (let i = 0; i < page && lines.length < height; i++) {
    const o = first + i;
    if (o >= song.orders.length) {
      lines.push(new LineBuilder(width, theme).done());
      continue;
    }
    const entry = song.orders[o];
    const isCursor = o === state.cursor.order;
    const bg = isCursor ? 'cursorRow' : o === playingOrder ? 'playRow' : 'none';
    const pattern = typeof entry === 'number' ? song.patterns[entry] : undefined;
    const lb = new LineBuilder(width, theme);
    lb.add(o === playingOrder ? '>' : ' ', theme.sgr('title', bg, true));
    lb.add(` ${String(o).padStart(3, '0')}   `, theme.sgr('rowNumber', bg));
    lb.add(entryText(entry), theme.sgr(typeof entry === 'number' ? 'note' : 'effect', isCursor ? 'cursor' : bg));
    lb.add(`      ${pattern ? String(pattern.rows).padStart(4) : '    '}`, theme.sgr('dim', bg));
    lb.add(pattern?.name ? `  ${pattern.name}` : '', theme.sgr('default', bg));
    lines.push(lb.fill(theme.sgr('default', bg)).done());
  }
  while (lines.length < height) lines.push(new LineBuilder(width, theme).done());
  return lines.slice(0, height);
}
