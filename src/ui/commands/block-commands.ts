// Block commands: mark a rectangle (Shift+arrows, Alt+B/Alt+E, Alt+L), copy, cut, paste,
// mix-paste, transpose, interpolate, scale volumes and set the instrument. Without a mark they act
// on the cell under the cursor.

import {
  type Block, copyBlock, cutBlock, interpolateEffect, interpolateVolume, pasteClip, setBlockInstrument, transposeBlock,
} from '../../song/edit-block.js';
import type { AppState, Selection } from '../store/app-state.js';
import { columnInfo } from '../store/columns.js';
import { type CommandDef, currentPattern, notify, openModal } from './command.js';

/** The marked block in the cursor's pattern, or null. */
export function selectionBlock(state: AppState): Block | null {
  const s = state.selection;
  if (!s || s.pattern !== state.cursor.pattern) return null;
  return {
    rowStart: Math.min(s.anchorRow, s.row), rowEnd: Math.max(s.anchorRow, s.row),
    channelStart: Math.min(s.anchorChannel, s.channel), channelEnd: Math.max(s.anchorChannel, s.channel),
  };
}

/** The marked block, or the cell under the cursor. */
function targetBlock(state: AppState): Block {
  const c = state.cursor;
  return selectionBlock(state) ?? { rowStart: c.row, rowEnd: c.row, channelStart: c.channel, channelEnd: c.channel };
}

function anchorAtCursor(state: AppState): Selection {
  const c = state.cursor;
  return { pattern: c.pattern, anchorRow: c.row, anchorChannel: c.channel, row: c.row, channel: c.channel };
}

function extend(state: AppState, rows: number, channels: number): AppState {
  const pattern = currentPattern(state);
  if (!pattern) return state;
  const base = state.selection && state.selection.pattern === state.cursor.pattern ? state.selection : anchorAtCursor(state);
  const row = Math.max(0, Math.min(pattern.rows - 1, state.cursor.row + rows));
  const channel = Math.max(0, Math.min(pattern.channels - 1, state.cursor.channel + channels));
  return { ...state, cursor: { ...state.cursor, row, channel }, selection: { ...base, row, channel } };
}

function measureRows(state: AppState): number {
  return Math.max(1, state.song.rowsPerMeasure || 16);
}

function selectChannel(state: AppState): AppState {
  const pattern = currentPattern(state);
  if (!pattern) return state;
  const c = state.cursor;
  const b = selectionBlock(state);
  const wholeChannel = b && b.rowStart === 0 && b.rowEnd === pattern.rows - 1 && b.channelStart === c.channel && b.channelEnd === c.channel;
  const selection: Selection = wholeChannel
    ? { pattern: c.pattern, anchorRow: 0, anchorChannel: 0, row: pattern.rows - 1, channel: pattern.channels - 1 }
    : { pattern: c.pattern, anchorRow: 0, anchorChannel: c.channel, row: pattern.rows - 1, channel: c.channel };
  return { ...state, selection };
}

function describe(block: Block): string {
  return `${block.rowEnd - block.rowStart + 1} row${block.rowEnd === block.rowStart ? '' : 's'} x ${block.channelEnd - block.channelStart + 1} channel${block.channelEnd === block.channelStart ? '' : 's'}`;
}

function copy(state: AppState): AppState {
  const pattern = currentPattern(state);
  if (!pattern) return state;
  const block = targetBlock(state);
  return notify({ ...state, clipboard: copyBlock(pattern, block) }, `copied ${describe(block)}`);
}

function cut(state: AppState): AppState {
  const block = targetBlock(state);
  const { song, clip } = cutBlock(state.song, state.cursor.pattern, block);
  return notify({ ...state, song, clipboard: clip }, `cut ${describe(block)}`);
}

function paste(state: AppState, mode: 'overwrite' | 'mix'): AppState {
  if (!state.clipboard || state.clipboard.rows === 0) return notify(state, 'nothing to paste: copy a block first (Alt+C)', 'error');
  const c = state.cursor;
  return { ...state, song: pasteClip(state.song, c.pattern, c.row, c.channel, state.clipboard, mode) };
}

function transpose(state: AppState, semitones: number): AppState {
  return { ...state, song: transposeBlock(state.song, state.cursor.pattern, targetBlock(state), semitones) };
}

function needsRows(state: AppState, what: string): Block | string {
  const block = selectionBlock(state);
  if (!block || block.rowEnd === block.rowStart) return `mark at least two rows to ${what} (Shift+Down or Alt+B / Alt+E)`;
  return block;
}

function interpolate(state: AppState, kind: 'volume' | 'effect'): AppState {
  const block = needsRows(state, `interpolate ${kind === 'volume' ? 'volumes' : 'effect values'}`);
  if (typeof block === 'string') return notify(state, block, 'error');
  const pattern = currentPattern(state);
  const info = columnInfo(state.cursor.column, pattern?.effectColumns ?? 1);
  const song = kind === 'volume'
    ? interpolateVolume(state.song, state.cursor.pattern, block)
    : interpolateEffect(state.song, state.cursor.pattern, block, info.field === 'effect' ? info.effectColumn : 0);
  if (song === state.song) return notify(state, `nothing to interpolate: put ${kind === 'volume' ? 'volumes' : 'effects of one kind'} on the first and last rows`, 'error');
  return { ...state, song };
}

export const BLOCK_COMMANDS: Readonly<Record<string, CommandDef>> = {
  'block.extendUp': { run: (s) => extend(s, -1, 0) },
  'block.extendDown': { run: (s) => extend(s, 1, 0) },
  'block.extendLeft': { run: (s) => extend(s, 0, -1) },
  'block.extendRight': { run: (s) => extend(s, 0, 1) },
  'block.extendPageUp': { run: (s) => extend(s, -measureRows(s), 0) },
  'block.extendPageDown': { run: (s) => extend(s, measureRows(s), 0) },
  'block.begin': { run: (s) => ({ ...s, selection: anchorAtCursor(s) }) },
  'block.end': {
    run: (s) => {
      const base = s.selection && s.selection.pattern === s.cursor.pattern ? s.selection : anchorAtCursor(s);
      return { ...s, selection: { ...base, row: s.cursor.row, channel: s.cursor.channel } };
    },
  },
  'block.selectChannel': { run: selectChannel },
  'block.unmark': { run: (s) => ({ ...s, selection: null }) },
  'block.copy': { run: copy },
  'block.cut': { undoable: true, run: cut },
  'block.paste': { undoable: true, run: (s) => paste(s, 'overwrite') },
  'block.mixPaste': { undoable: true, run: (s) => paste(s, 'mix') },
  'block.transposeUp': { undoable: true, run: (s) => transpose(s, 1) },
  'block.transposeDown': { undoable: true, run: (s) => transpose(s, -1) },
  'block.octaveUp': { undoable: true, run: (s) => transpose(s, 12) },
  'block.octaveDown': { undoable: true, run: (s) => transpose(s, -12) },
  'block.interpolateVolume': { undoable: true, run: (s) => interpolate(s, 'volume') },
  'block.interpolateEffect': { undoable: true, run: (s) => interpolate(s, 'effect') },
  'block.scaleVolume': { run: (s) => openModal(s, { kind: 'prompt', title: 'Scale volumes by percent (e.g. 50 or 150)', text: '100', target: { kind: 'scaleVolume' } }) },
  'block.setInstrument': {
    undoable: true,
    run: (s) => (s.instrument > 0
      ? { ...s, song: setBlockInstrument(s.song, s.cursor.pattern, targetBlock(s), s.instrument) }
      : notify(s, 'choose an instrument first (< and >)', 'error')),
  },
};

export { targetBlock };
