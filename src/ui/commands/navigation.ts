// Commands that move around without editing: the pattern cursor, orders, screens, follow
// playback and the current instrument.

import { dirname } from 'node:path';
import type { AppState } from '../store/app-state.js';
import { columnCount } from '../store/columns.js';
import { clampCursor, type CommandDef, currentPattern, notify, showView, withEffects } from './command.js';

function moveRow(state: AppState, delta: number): AppState {
  const rows = currentPattern(state)?.rows ?? 1;
  return { ...state, cursor: { ...state.cursor, row: Math.max(0, Math.min(rows - 1, state.cursor.row + delta)) } };
}

function setRow(state: AppState, row: number): AppState {
  return moveRow({ ...state, cursor: { ...state.cursor, row: 0 } }, row);
}

function columnsOf(state: AppState): number {
  return columnCount(currentPattern(state)?.effectColumns ?? 1);
}

function moveColumn(state: AppState, delta: number): AppState {
  const perChannel = columnsOf(state);
  const channels = state.song.channels.length;
  let { channel, column } = state.cursor;
  column += delta;
  if (column < 0) {
    if (channel === 0) column = 0;
    else {
      channel -= 1;
      column = perChannel - 1;
    }
  } else if (column >= perChannel) {
    if (channel >= channels - 1) column = perChannel - 1;
    else {
      channel += 1;
      column = 0;
    }
  }
  return { ...state, cursor: { ...state.cursor, channel, column } };
}

function moveChannel(state: AppState, delta: number): AppState {
  const channels = state.song.channels.length;
  const channel = (state.cursor.channel + delta + channels) % channels;
  return { ...state, cursor: { ...state.cursor, channel, column: 0 } };
}

/** Moves to the next (delta 1) or previous (-1) order entry that names a pattern. */
export function stepOrder(state: AppState, delta: number): AppState {
  const orders = state.song.orders;
  for (let i = state.cursor.order + delta; i >= 0 && i < orders.length; i += delta) {
    const entry = orders[i];
    if (typeof entry === 'number') return clampCursor({ ...state, selection: null, cursor: { ...state.cursor, order: i, pattern: entry } });
  }
  return notify(state, delta > 0 ? 'last pattern in the order list' : 'first pattern in the order list');
}

function instrumentCount(state: AppState): number {
  return state.song.instruments.length > 0 ? state.song.instruments.length : state.song.samples.length;
}

function stepInstrument(state: AppState, delta: number): AppState {
  const count = instrumentCount(state);
  if (count === 0) return notify(state, 'the song has no instruments or samples yet');
  const instrument = Math.max(1, Math.min(count, state.instrument + delta));
  const sample = state.song.instruments.length === 0 ? instrument : state.sample;
  return { ...state, instrument, sample };
}

function measure(state: AppState): number {
  return Math.max(1, state.song.rowsPerMeasure || 16);
}

/** The folder the files screen starts in. */
export function startFolder(state: AppState): string {
  return state.filePath ? dirname(state.filePath) : state.workDir;
}

function filesView(state: AppState, mode: 'open' | 'save'): AppState {
  const dir = state.view.kind === 'files' ? state.view.dir : startFolder(state);
  const format = state.filePath && /\.([a-z0-9]+)$/i.test(state.filePath) ? state.song.origin.format : 'trk';
  return showView(state, { kind: 'files', mode, dir, entries: [], selected: 0, pane: 'folder', format });
}

export const NAVIGATION_COMMANDS: Readonly<Record<string, CommandDef>> = {
  'cursor.up': { run: (s) => moveRow(s, -1) },
  'cursor.down': { run: (s) => moveRow(s, 1) },
  'cursor.left': { run: (s) => moveColumn(s, -1) },
  'cursor.right': { run: (s) => moveColumn(s, 1) },
  'cursor.pageUp': { run: (s) => moveRow(s, -measure(s)) },
  'cursor.pageDown': { run: (s) => moveRow(s, measure(s)) },
  'cursor.top': { run: (s) => setRow(s, 0) },
  'cursor.bottom': { run: (s) => setRow(s, (currentPattern(s)?.rows ?? 1) - 1) },
  'cursor.nextChannel': { run: (s) => moveChannel(s, 1) },
  'cursor.previousChannel': { run: (s) => moveChannel(s, -1) },
  'pattern.nextOrder': { run: (s) => stepOrder(s, 1) },
  'pattern.previousOrder': { run: (s) => stepOrder(s, -1) },
  'screen.help': { run: (s) => (s.view.kind === 'help' ? s : showView(s, { kind: 'help', query: '', searching: false, scroll: 0 })) },
  'screen.pattern': { run: (s) => showView(s, { kind: 'pattern' }) },
  'screen.samples': { run: (s) => showView(s, { kind: 'samples', field: s.view.kind === 'samples' ? s.view.field : 0 }) },
  'screen.instruments': {
    run: (s) => showView(s, s.view.kind === 'instruments' ? s.view : { kind: 'instruments', field: 0, envelope: 'volumeEnvelope', graph: true }),
  },
  'screen.orders': { run: (s) => showView({ ...s, orderDigits: '' }, { kind: 'orders' }) },
  'screen.settings': { run: (s) => showView(s, { kind: 'settings', field: s.view.kind === 'settings' ? s.view.field : 0 }) },
  'screen.files': {
    run: (s) => {
      const next = filesView(s, 'open');
      return withEffects(next, { kind: 'listDir', dir: next.view.kind === 'files' ? next.view.dir : s.workDir });
    },
  },
  'screen.saveAs': {
    run: (s) => {
      const next = filesView(s, 'save');
      return withEffects(next, { kind: 'listDir', dir: next.view.kind === 'files' ? next.view.dir : s.workDir });
    },
  },
  'view.followPlayback': { run: (s) => notify({ ...s, followPlayback: !s.followPlayback }, `follow playback ${s.followPlayback ? 'off' : 'on'}`) },
  'instrument.previous': { run: (s) => stepInstrument(s, -1) },
  'instrument.next': { run: (s) => stepInstrument(s, 1) },
};
