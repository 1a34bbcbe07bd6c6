// The whole screen as exactly `rows` lines of exactly `columns` characters: a title line, the
// current screen's body (with any dialog over it) and two status lines (entry settings; playback,
// audio, MIDI and engine load).

import { basename } from 'node:path';
import type { Binding } from '../keys/keymap.js';
import { type AppState, isModified } from '../store/app-state.js';
import { filesLines } from './files-view.js';
import { formLines } from './form-view.js';
import { helpScreenLines } from './help-view.js';
import { fit, LineBuilder, printable } from './line.js';
import { overlayModal } from './modal-view.js';
import { ordersLines } from './orders-view.js';
import { patternLines } from './pattern-view.js';
import type { Theme } from './theme.js';

/** Smallest screen the editor draws; below this it shows a one-line request to enlarge it. */
export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

const SCREEN_NAMES: Readonly<Record<AppState['view']['kind'], string>> = {
  pattern: 'Pattern', orders: 'Orders', samples: 'Samples', instruments: 'Instruments', settings: 'Song', files: 'Files', help: 'Help',
};

const HINTS = ['F1 help', 'F2 pat', 'F3 smp', 'F4 ins', 'F5 play', 'F8 stop', 'F9 open', 'F10 save', 'F11 ord', 'F12 song'];

/** As many whole key hints as fit in `room` columns (F1 help first: it leads to the rest). */
function hintsFitting(room: number): string {
  let text = '';
  for (const h of HINTS) {
    const next = text ? `${text} ${h}` : h;
    if (next.length > room) break;
    text = next;
  }
  return text;
}

function titleLine(state: AppState, width: number, theme: Theme): string {
  const name = printable(state.filePath ? basename(state.filePath) : 'new song');
  const mark = isModified(state) ? ' *' : '';
  const lb = new LineBuilder(width, theme);
  const notice = state.notice ? printable(state.notice.text) : null;
  const full = ` tracker  ${name}${mark} [${SCREEN_NAMES[state.view.kind]}]  `;
  if (notice !== null && full.length + notice.length > width) {
    // A message gets the room it needs: the brand and screen name give way, then the file name.
    const room = Math.max(20, width - notice.length - mark.length - 4);
    const short = name.length > room ? `${name.slice(0, Math.max(1, room - 1))}~` : name;
    lb.add(` ${short}${mark} `, theme.sgr(mark ? 'key' : 'title', 'bar', true));
  } else {
    lb.add(' tracker ', theme.sgr('title', 'bar', true));
    lb.add(` ${name}${mark} `, theme.sgr(mark ? 'key' : 'title', 'bar', true));
    lb.add(`[${SCREEN_NAMES[state.view.kind]}] `, theme.sgr('accent', 'bar'));
  }
  if (state.notice) lb.add(` ${notice ?? ''}`, theme.sgr(state.notice.level === 'error' ? 'error' : 'ok', 'bar', true));
  else lb.add(` ${hintsFitting(width - full.length)}`, theme.sgr('dim', 'bar'));
  return lb.fill(theme.sgr('default', 'bar')).done();
}

function entryLine(state: AppState, width: number, theme: Theme): string {
  const song = state.song;
  const inst = song.instruments.length > 0 ? song.instruments[state.instrument - 1]?.name : song.samples[state.instrument - 1]?.name;
  const rows = song.patterns[state.cursor.pattern]?.rows ?? 0;
  const lb = new LineBuilder(width, theme);
  const kv = (k: string, v: string) => lb.add(` ${k} `, theme.sgr('rowNumber')).add(v, theme.sgr('note', 'none', true));
  kv('Oct', String(state.octave));
  kv('Step', String(state.editStep));
  kv('Ins', `${String(state.instrument).padStart(2, '0')} ${fit(printable(inst ?? ''), 8)}`);
  kv('Ord', `${String(state.cursor.order).padStart(3, '0')}/${song.orders.length}`);
  kv('Pat', `${String(state.cursor.pattern).padStart(2, '0')}/${song.patterns.length}`);
  // While the cursor follows playback the play line below shows the row: this line then stays
  // the same from row to row, which saves a repaint per row step (bytes over SSH).
  const p = state.playback;
  if (!(p?.playing && state.followPlayback)) kv('Row', `${String(state.cursor.row).padStart(2, '0')}/${rows}`);
  lb.add(state.editMode ? ' EDIT' : ' JAZZ', theme.sgr(state.editMode ? 'ok' : 'key', 'none', true));
  lb.add(state.recordMode ? ' REC' : '', theme.sgr('error', 'none', true));
  if (state.selection) lb.add(' BLOCK', theme.sgr('instrument'));
  lb.add(state.followPlayback ? ' FOLLOW' : '', theme.sgr('accent'));
  return lb.done();
}

function clock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  return `${m}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
}

/** `text` cut to `width` characters, marking the cut with '~'. */
function shorten(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}~`;
}

function playLine(state: AppState, width: number, theme: Theme): string {
  const lb = new LineBuilder(width, theme);
  const p = state.playback;
  let position = '';
  if (p?.playing) {
    position = ` ord ${String(p.order).padStart(3, '0')} pat ${String(p.pattern).padStart(2, '0')} row ${String(p.row).padStart(2, '0')} ${p.speed}/${p.tempo} ${clock(p.seconds)}`;
  }
  const a = state.audio;
  const kind = a ? (a.kind === 'device' ? 'audio' : a.kind) : 'audio';
  let detail = printable(a ? a.detail : 'waiting for the engine');
  let midi = printable(state.midiStatus);
  const load = a?.load ? `load ${Math.round(a.load.average * 100)}%${a.load.underrunRatio > 0 ? ` xrun ${(a.load.underrunRatio * 100).toFixed(1)}%` : ''}` : '';
  // Everything stays on one line: the audio detail gives way first (down to nothing), then the MIDI status.
  const fixed = 6 + position.length + 3 + kind.length + 3 + (load === '' ? 0 : 3 + load.length);
  const over = fixed + 2 + detail.length + midi.length - width;
  if (over > 0) {
    const room = detail.length - over;
    detail = room >= 4 ? shorten(detail, room) : '';
    midi = shorten(midi, Math.max(8, width - fixed - (detail === '' ? 0 : 2 + detail.length)));
  }
  const audio = detail === '' ? kind : `${kind}: ${detail}`;
  if (p?.playing) {
    lb.add(p.paused ? ' PAUSE' : ' PLAY ', theme.sgr('ok', 'none', true));
    lb.add(position, theme.sgr('default'));
  } else lb.add(' STOP ', theme.sgr('dim', 'none', true));
  lb.add(' | ', theme.sgr('dim')).add(audio, theme.sgr(a?.kind === 'error' ? 'error' : a?.kind === 'device' ? 'ok' : 'key'));
  lb.add(' | ', theme.sgr('dim')).add(midi, theme.sgr('default'));
  if (a?.load) lb.add(' | ', theme.sgr('dim')).add(load, theme.sgr(a.load.peak > 0.8 ? 'error' : 'default'));
  return lb.done();
}

function bodyLines(state: AppState, keymap: readonly Binding[], width: number, height: number, theme: Theme): string[] {
  switch (state.view.kind) {
    case 'pattern': return patternLines(state, width, height, theme);
    case 'orders': return ordersLines(state, width, height, theme);
    case 'samples':
    case 'instruments':
    case 'settings': return formLines(state, width, height, theme);
    case 'files': return filesLines(state, width, height, theme);
    case 'help': return helpScreenLines(state, keymap, width, height, theme);
  }
}

/** Every line of the screen. */
export function screenLines(state: AppState, keymap: readonly Binding[], theme: Theme, columns: number, rows: number): string[] {
  if (columns < 20 || rows < 5) return Array.from({ length: Math.max(1, rows) }, (_, i) => fit(i === 0 ? `tracker: ${MIN_COLUMNS}x${MIN_ROWS} needed` : '', Math.max(1, columns)));
  const bodyHeight = rows - 3;
  let body = bodyLines(state, keymap, columns, bodyHeight, theme);
  while (body.length < bodyHeight) body.push(new LineBuilder(columns, theme).done());
  body = body.slice(0, bodyHeight);
  if (state.modal) body = overlayModal(body, state.modal, columns, theme);
  if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
    body[0] = new LineBuilder(columns, theme).add(` terminal is ${columns}x${rows}: tracker wants at least ${MIN_COLUMNS}x${MIN_ROWS}`, theme.sgr('error', 'none', true)).done();
  }
  return [titleLine(state, columns, theme), ...body, entryLine(state, columns, theme), playLine(state, columns, theme)];
}
