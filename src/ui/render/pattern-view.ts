// The pattern editor's lines: a channel header (number, name, mute/solo, VU) and one line per row,
// each built once as a pre-coloured string and cached per pattern, so a playing-row step rebuilds
// two lines. Rows are shown a page at a time (the page flips; it never scrolls); channels scroll
// sideways just enough to keep the cursor's channel in view, as in Impulse Tracker.

import { formatEffect, formatInstrument, formatVolume } from '../../song/notation.js';
import { formatNote } from '../../song/notes.js';
import { getCell, type Pattern, signatureOf } from '../../song/pattern.js';
import type { Song } from '../../song/song.js';
import type { AppState } from '../store/app-state.js';
import { cellWidth, columnInfo } from '../store/columns.js';
import { selectionBlock } from '../commands/block-commands.js';
import { fit, LineBuilder, printable } from './line.js';
import type { Bg, Fg, Theme } from './theme.js';

/** Where the pattern area starts and how much of the pattern it shows. */
export interface PatternLayout {
  readonly gutter: number;
  readonly channelWidth: number;
  readonly firstChannel: number;
  readonly channelCount: number;
  readonly firstRow: number;
  readonly rowCount: number;
}

/** The first channel shown: the remembered scroll, moved just enough to show the cursor's channel. */
function visibleFirstChannel(scroll: number, cursorChannel: number, count: number, channels: number): number {
  const first = Math.max(cursorChannel - count + 1, Math.min(cursorChannel, scroll));
  return Math.max(0, Math.min(first, channels - count));
}

/** The state with its channel scroll keeping the cursor's channel on screen (the store calls this after every change). */
export function scrollToCursor(state: AppState): AppState {
  const pattern = state.song.patterns[state.cursor.pattern];
  if (!pattern || state.view.kind !== 'pattern') return state;
  const first = patternLayout(state, pattern, state.size.columns, Math.max(2, state.size.rows - 3)).firstChannel;
  return first === state.channelScroll ? state : { ...state, channelScroll: first };
}

/** Works out the visible page of rows and channels for the screen size. */
export function patternLayout(state: AppState, pattern: Pattern, width: number, height: number): PatternLayout {
  const digits = pattern.rows > 1000 ? 4 : pattern.rows > 100 ? 3 : 2;
  const gutter = digits + 2;
  const channelWidth = cellWidth(pattern.effectColumns) + 1;
  const fits = Math.max(1, Math.floor((width - gutter) / channelWidth));
  const channelCount = Math.min(fits, pattern.channels);
  const firstChannel = visibleFirstChannel(state.channelScroll, state.cursor.channel, channelCount, pattern.channels);
  const rowCount = Math.max(1, height - 1);
  const focusRow = Math.min(pattern.rows - 1, state.cursor.row);
  const firstRow = Math.floor(focusRow / rowCount) * rowCount;
  return { gutter, channelWidth, firstChannel, channelCount, firstRow, rowCount };
}

interface Span {
  readonly text: string;
  readonly fg: Fg;
}

/**
 * A cell as styled spans. Over SSH every colour change costs bytes, so pattern data shares one
 * colour (effects a second one), empty fields are dim, and the spaces between fields keep the
 * colour before them: a typical row line then changes colour only a few times per channel.
 */
function cellSpans(song: Song, pattern: Pattern, row: number, channel: number): Span[] {
  const cell = getCell(pattern, row, channel);
  const spans: Span[] = [];
  const push = (text: string, fg: Fg, gap: boolean) => {
    spans.push({ text, fg });
    if (gap) spans.push({ text: ' ', fg });
  };
  const note = formatNote(cell.note);
  push(note, note === '...' ? 'dim' : 'note', true);
  push(formatInstrument(cell.instrument, song.notation), cell.instrument === 0 ? 'dim' : 'note', true);
  push(formatVolume(cell.volume), cell.volume ? 'note' : 'dim', pattern.effectColumns > 0);
  for (let i = 0; i < pattern.effectColumns; i++) {
    const fx = cell.effects[i] ?? null;
    push(formatEffect(fx, song.notation), fx ? 'effect' : 'dim', i < pattern.effectColumns - 1);
  }
  return spans;
}

/** Emits a cell's spans; the characters [cursorFrom, cursorTo) get the cursor's colours. */
function emitCell(lb: LineBuilder, theme: Theme, spans: readonly Span[], bg: Bg, cursorFrom: number, cursorTo: number): void {
  let at = 0;
  for (const span of spans) {
    const end = at + span.text.length;
    if (cursorTo <= at || cursorFrom >= end) lb.add(span.text, theme.sgr(span.fg, bg));
    else {
      const a = Math.max(0, cursorFrom - at);
      const b = Math.min(span.text.length, cursorTo - at);
      lb.add(span.text.slice(0, a), theme.sgr(span.fg, bg));
      lb.add(span.text.slice(a, b), theme.sgr(span.fg, 'cursor'));
      lb.add(span.text.slice(b), theme.sgr(span.fg, bg));
    }
    at = end;
  }
}

/** What makes one row line differ from another of the same pattern row. */
interface RowKey {
  readonly playing: boolean;
  readonly cursorColumn: number | null;
  readonly cursorChannel: number;
  readonly selFrom: number;
  readonly selTo: number;
}

function buildRow(song: Song, pattern: Pattern, row: number, layout: PatternLayout, key: RowKey, width: number, theme: Theme): string {
  const lb = new LineBuilder(width, theme);
  const signature = signatureOf(pattern, song);
  const beat = Math.max(1, signature.rowsPerBeat);
  const measure = Math.max(1, signature.rowsPerMeasure);
  const isMeasure = row % measure === 0;
  const isBeat = row % beat === 0;
  const rowBg: Bg = key.playing ? 'playRow' : key.cursorColumn !== null ? 'cursorRow' : isMeasure ? 'measureRow' : isBeat ? 'beatRow' : 'none';
  const numFg: Fg = isMeasure ? 'measure' : isBeat ? 'beat' : 'rowNumber';
  lb.add(key.playing ? '>' : ' ', theme.sgr('title', rowBg, key.playing));
  lb.add(String(row).padStart(layout.gutter - 2, '0'), theme.sgr(numFg, rowBg, isMeasure));
  lb.add(' ', theme.sgr(numFg, rowBg, isMeasure));
  for (let i = 0; i < layout.channelCount; i++) {
    const ch = layout.firstChannel + i;
    const selected = ch >= key.selFrom && ch <= key.selTo;
    const bg: Bg = selected ? 'selection' : rowBg;
    lb.add('|', theme.sgr('dim', rowBg));
    let from = -1;
    let to = -1;
    if (key.cursorColumn !== null && ch === key.cursorChannel) {
      const info = columnInfo(key.cursorColumn, pattern.effectColumns);
      from = info.offset;
      to = info.offset + info.width;
    }
    emitCell(lb, theme, cellSpans(song, pattern, row, ch), bg, from, to);
  }
  return lb.fill(theme.sgr('default', rowBg)).done();
}

/** Per pattern: cached row lines by key. Patterns are immutable, so an edit starts a new cache. */
const rowCache = new WeakMap<Pattern, Map<string, string>>();

function cachedRow(song: Song, pattern: Pattern, row: number, layout: PatternLayout, key: RowKey, width: number, theme: Theme): string {
  let cache = rowCache.get(pattern);
  if (!cache) rowCache.set(pattern, (cache = new Map()));
  const k = `${row}|${layout.firstChannel}|${layout.channelCount}|${width}|${theme.level}|${song.notation}|${song.rowsPerBeat}|${song.rowsPerMeasure}|${key.playing ? 1 : 0}|${key.cursorColumn === null ? '-' : `${key.cursorColumn}@${key.cursorChannel}`}|${key.selFrom}|${key.selTo}`;
  let line = cache.get(k);
  if (line === undefined) {
    if (cache.size > 4096) cache.clear();
    line = buildRow(song, pattern, row, layout, key, width, theme);
    cache.set(k, line);
  }
  return line;
}

const VU_WIDTH = 4;

function headerLine(state: AppState, pattern: Pattern, layout: PatternLayout, width: number, theme: Theme): string {
  const lb = new LineBuilder(width, theme);
  // '<' and '>' say that more channels lie to the left or right.
  const moreLeft = layout.firstChannel > 0;
  const moreRight = layout.firstChannel + layout.channelCount < pattern.channels;
  lb.add(moreLeft ? '<' : ' ', theme.sgr('key', 'none', true));
  lb.add(fit(state.editMode ? 'ED' : 'JZ', layout.gutter - 1), theme.sgr(state.editMode ? 'accent' : 'dim', 'none', true));
  const soloChannel = state.mutes.filter((m) => !m).length === 1 && state.mutes.length > 1 ? state.mutes.indexOf(false) : -1;
  const vu = state.playback?.playing ? state.playback.vu : [];
  const nameWidth = layout.channelWidth - 1 - 3 - 1 - VU_WIDTH;
  const plain = theme.sgr('header');
  for (let i = 0; i < layout.channelCount; i++) {
    const ch = layout.firstChannel + i;
    const muted = state.mutes[ch] === true;
    const flag = ch === soloChannel ? 'S' : muted ? 'M' : ' ';
    const number = String(ch + 1).padStart(2, '0');
    if (ch === state.cursor.channel) lb.add('|', plain).add(number, theme.sgr('accent', 'none', true));
    else lb.add(`|${number}`, plain);
    lb.add(flag, flag === ' ' ? plain : theme.sgr(flag === 'S' ? 'solo' : 'muted', 'none', true));
    lb.add(` ${fit(printable(state.song.channels[ch]?.name ?? ''), nameWidth)}`, muted ? theme.sgr('dim') : plain);
    const level = Math.round(Math.max(0, Math.min(1, vu[ch] ?? 0)) * VU_WIDTH);
    lb.add('#'.repeat(level), theme.sgr(level >= VU_WIDTH ? 'vuHigh' : 'vuLow')).add(' '.repeat(VU_WIDTH - level), plain);
  }
  if (moreRight) lb.add('>', theme.sgr('key', 'none', true));
  return lb.done();
}

/** The pattern editor: `height` lines of exactly `width` columns. */
export function patternLines(state: AppState, width: number, height: number, theme: Theme): string[] {
  const pattern = state.song.patterns[state.cursor.pattern];
  if (!pattern) return Array.from({ length: height }, () => fit('', width));
  const layout = patternLayout(state, pattern, width, height);
  const lines = [headerLine(state, pattern, layout, width, theme)];
  const pos = state.playback;
  const playingRow = pos?.playing && pos.pattern === state.cursor.pattern ? pos.row : -1;
  const block = selectionBlock(state);
  const blank = new LineBuilder(width, theme).done();
  for (let i = 0; i < layout.rowCount && lines.length < height; i++) {
    const row = layout.firstRow + i;
    if (row >= pattern.rows) {
      lines.push(blank);
      continue;
    }
    const inSel = block !== null && row >= block.rowStart && row <= block.rowEnd;
    const key: RowKey = {
      playing: row === playingRow,
      cursorColumn: row === state.cursor.row ? state.cursor.column : null,
      cursorChannel: state.cursor.channel,
      selFrom: inSel ? block.channelStart : -1,
      selTo: inSel ? block.channelEnd : -2,
    };
    lines.push(cachedRow(state.song, pattern, row, layout, key, width, theme));
  }
  while (lines.length < height) lines.push(blank);
  return lines;
}
