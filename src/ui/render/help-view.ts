// The help screen, generated from the keymap in use (with the user's overrides): every command
// with its keys and description, grouped, filtered by the search words.

import type { Binding } from '../keys/keymap.js';
import type { AppState } from '../store/app-state.js';
import { fit, LineBuilder, wrapText } from './line.js';
import type { Theme } from './theme.js';

/** How a key of the keymap is written on the help screen. */
export function keyLabel(key: string): string {
  if (key === '<text>') return 'any character';
  if (key === '<digit>') return '0-9';
  return key;
}

/** One help line: a group title, or a binding. */
export type HelpLine = { readonly kind: 'group'; readonly text: string } | { readonly kind: 'binding'; readonly keys: string; readonly text: string };

/** The help lines for a search query (words all present, any case). */
export function helpLines(keymap: readonly Binding[], query: string): HelpLine[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '');
  const out: HelpLine[] = [];
  let group = '';
  for (const b of keymap) {
    const keys = b.keys.map(keyLabel).join(', ') || '(no key)';
    const hay = `${b.group} ${b.id} ${keys} ${b.description}`.toLowerCase();
    if (!words.every((w) => hay.includes(w))) continue;
    if (b.group !== group) {
      group = b.group;
      out.push({ kind: 'group', text: group });
    }
    out.push({ kind: 'binding', keys, text: b.description });
  }
  return out;
}

/** One line on the help screen: a group title, or (part of) a binding. */
interface HelpRow {
  readonly keys: string;
  readonly text: string;
  readonly isGroup: boolean;
}

/** Help lines laid out for a width: long descriptions continue on the next lines, under themselves. */
function helpRows(lines: readonly HelpLine[], keyWidth: number, width: number): HelpRow[] {
  const textWidth = Math.max(20, width - keyWidth - 4);
  return lines.flatMap((l): HelpRow[] => (l.kind === 'group'
    ? [{ keys: '', text: l.text, isGroup: true }]
    : wrapText(l.text, textWidth).map((text, i) => ({ keys: i === 0 ? l.keys : '', text, isGroup: false }))));
}

function keyColumnWidth(width: number): number {
  return Math.min(26, Math.max(12, Math.floor(width / 3)));
}

/** How far the help screen can scroll for a search at a screen size (body `height` lines). */
export function helpMaxScroll(keymap: readonly Binding[], query: string, width: number, height: number): number {
  return Math.max(0, helpRows(helpLines(keymap, query), keyColumnWidth(width), width).length - Math.max(1, height - 2));
}

/** The help screen's lines. */
export function helpScreenLines(state: AppState, keymap: readonly Binding[], width: number, height: number, theme: Theme): string[] {
  const v = state.view;
  const query = v.kind === 'help' ? v.query : '';
  const searching = v.kind === 'help' && v.searching;
  const found = helpLines(keymap, query);
  const keyWidth = keyColumnWidth(width);
  const all = helpRows(found, keyWidth, width);
  const bodyHeight = Math.max(1, height - 2);
  const maxScroll = Math.max(0, all.length - bodyHeight);
  const scroll = Math.min(v.kind === 'help' ? v.scroll : 0, maxScroll);
  const head = new LineBuilder(width, theme)
    .add(' Help', theme.sgr('title', 'none', true))
    .add(`  ${found.filter((l) => l.kind === 'binding').length} commands`, theme.sgr('dim'))
    .add(searching || query !== '' ? `   search: ${query}${searching ? '_' : ''}` : '   / searches, Esc goes back', theme.sgr(searching ? 'key' : 'dim'))
    .done();
  const lines = [head];
  for (const l of all.slice(scroll, scroll + bodyHeight)) {
    const lb = new LineBuilder(width, theme);
    if (l.isGroup) lb.add(` ${l.text}`, theme.sgr('accent', 'none', true));
    else lb.add(`   ${fit(l.keys, keyWidth)} `, theme.sgr('key')).add(l.text, theme.sgr('default'));
    lines.push(lb.done());
  }
  if (all.length === 0) lines.push(new LineBuilder(width, theme).add(`   nothing matches "${query}"`, theme.sgr('dim')).done());
  while (lines.length < height - 1) lines.push(new LineBuilder(width, theme).done());
  const more = scroll + bodyHeight < all.length ? `more below (Down, PgDn)  ${scroll + bodyHeight}/${all.length}` : `${all.length}/${all.length}`;
  lines.push(new LineBuilder(width, theme).add(` ${more}`, theme.sgr('dim')).done());
  return lines.slice(0, height);
}
