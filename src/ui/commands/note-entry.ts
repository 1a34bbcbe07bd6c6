// Commands that enter and clear pattern data at the cursor: piano keys (or keyjazz), note off /
// cut / fade, typed instrument, volume and effect values in the song's notation, row insert and
// delete, and the entry settings (edit mode, record mode, octave, edit step).

import { clearBlock } from '../../song/edit-block.js';
import { clearCell, clearCellField, deleteRow, editCell, insertRow, type CellPosition } from '../../song/edit-cell.js';
import { VOLUME_KINDS, type VolumeCommand } from '../../song/effects.js';
import { formatEffect, formatInstrument, parseEffect, parseInstrument } from '../../song/notation.js';
import { NOTE_CUT, NOTE_FADE, NOTE_MAX, NOTE_OFF } from '../../song/notes.js';
import { getCell } from '../../song/pattern.js';
import { PIANO_KEY_COUNT } from '../keys/piano.js';
import type { AppState } from '../store/app-state.js';
import { columnInfo } from '../store/columns.js';
import { selectionBlock } from './block-commands.js';
import { type CommandDef, type CommandResult, currentPattern, engine, notify, withEffects, withSong } from './command.js';

/** True when notes go to the playing row instead of the cursor. */
function isRecording(state: AppState): boolean {
  return state.recordMode && state.playback?.playing === true;
}

/** Where an entry lands: the cursor, or the playing row in record mode. */
export function entryPosition(state: AppState): CellPosition {
  if (isRecording(state) && state.playback) {
    return { pattern: state.playback.pattern, row: state.playback.row, channel: state.cursor.channel };
  }
  return { pattern: state.cursor.pattern, row: state.cursor.row, channel: state.cursor.channel };
}

/** Moves the cursor down by the edit step (not while recording onto the playing row). */
function advance(state: AppState): AppState {
  if (isRecording(state)) return state;
  const rows = currentPattern(state)?.rows ?? 1;
  return { ...state, cursor: { ...state.cursor, row: Math.min(rows - 1, state.cursor.row + state.editStep) } };
}

/** How a note is entered: from the computer keyboard (full volume) or a MIDI keyboard (velocity). */
export interface NoteEntryOptions {
  /** Volume column 1..64 to write with the note (MIDI velocity); undefined = none. */
  readonly volume?: number;
  /** Preview slot (default: the cursor channel). */
  readonly previewSlot?: number;
  /** Hold the previewed note until a previewOff (a MIDI key's release) instead of 0.8 s. */
  readonly hold?: boolean;
}

/** Enters `note` at the cursor (or the playing row when recording) in edit mode, and previews it. */
export function enterNote(state: AppState, note: number, o: NoteEntryOptions = {}): CommandResult {
  const isPlayable = note >= 1 && note <= NOTE_MAX;
  const preview = isPlayable
    ? [engine({ type: 'previewNote', note, instrument: state.instrument, volume: o.volume ?? 64, channel: o.previewSlot ?? state.cursor.channel, ...(o.hold ? { hold: true } : {}) })]
    : [];
  if (!state.editMode) return withEffects(state, ...preview);
  const at = entryPosition(state);
  const base = isPlayable && state.instrument > 0 ? { note, instrument: state.instrument } : { note };
  const change = isPlayable && o.volume !== undefined ? { ...base, volume: { kind: 'volume' as const, value: o.volume } } : base;
  return withEffects(advance({ ...state, song: editCell(state.song, at, change) }), ...preview);
}

function writeNote(state: AppState, note: number): CommandResult {
  return enterNote(state, note);
}

function pianoNote(semitone: number): CommandDef {
  return {
    undoable: true,
    run: (s) => {
      const note = s.octave * 12 + semitone + 1;
      if (note > NOTE_MAX) return notify(s, 'that note is above B-9');
      return writeNote(s, note);
    },
  };
}

function moveColumnBy(state: AppState, delta: number): AppState {
  return { ...state, cursor: { ...state.cursor, column: state.cursor.column + delta } };
}

/** After typing the last character of a field: back to its first character, then down a step. */
function finishField(state: AppState, digit: number): AppState {
  return advance(moveColumnBy(state, -digit));
}

function typeInstrument(state: AppState, digit: number, ch: string): CommandResult {
  const at = entryPosition(state);
  const pattern = state.song.patterns[at.pattern];
  if (!pattern) return state;
  const notation = state.song.notation;
  const current = formatInstrument(getCell(pattern, at.row, at.channel).instrument, notation).replace(/\./g, '0');
  const text = digit === 0 ? `${ch.toUpperCase()}${current[1] ?? '0'}` : `${current[0] ?? '0'}${ch.toUpperCase()}`;
  const value = text === '00' ? 0 : parseInstrument(text, notation);
  if (value === undefined) return notify(state, `"${ch}" is not an instrument digit here (${notation === 'xm' ? 'hexadecimal' : 'decimal'})`, 'error');
  const next = { ...state, song: editCell(state.song, at, { instrument: value }) };
  return digit === 0 ? moveColumnBy(next, 1) : finishField(next, 1);
}

function typeVolume(state: AppState, digit: number, ch: string): CommandResult {
  const at = entryPosition(state);
  const pattern = state.song.patterns[at.pattern];
  if (!pattern) return state;
  const old = getCell(pattern, at.row, at.channel).volume;
  const kindDef = VOLUME_KINDS.find((v) => v.kind !== 'none' && v.letter === ch.toLowerCase());
  if (kindDef) {
    const volume: VolumeCommand = { kind: kindDef.kind, value: Math.min(kindDef.max, old?.value ?? (kindDef.kind === 'volume' ? 64 : 0)) };
    return moveColumnBy({ ...state, song: editCell(state.song, at, { volume }) }, digit === 0 ? 1 : 0);
  }
  if (!/^[0-9]$/.test(ch)) return notify(state, `"${ch}" is not a volume-column letter (v p c d a b u h l r g f e) or digit`, 'error');
  const kind = old?.kind ?? 'volume';
  const max = VOLUME_KINDS.find((v) => v.kind === kind)?.max ?? 64;
  const tens = Math.floor((old?.value ?? 0) / 10);
  const ones = (old?.value ?? 0) % 10;
  const d = Number(ch);
  const place = digit === 0 ? 1 : digit;
  const value = Math.min(max, place === 1 ? d * 10 + ones : tens * 10 + d);
  const next = { ...state, song: editCell(state.song, at, { volume: { kind, value } }) };
  if (digit === 0) return moveColumnBy(next, 2);
  return digit === 1 ? moveColumnBy(next, 1) : finishField(next, 2);
}

function typeEffect(state: AppState, digit: number, effectColumn: number, ch: string): CommandResult {
  const at = entryPosition(state);
  const pattern = state.song.patterns[at.pattern];
  if (!pattern) return state;
  const notation = state.song.notation;
  const old = getCell(pattern, at.row, at.channel).effects[effectColumn] ?? null;
  const text = formatEffect(old, notation);
  let candidates: string[];
  if (digit === 0) {
    const rest = old ? text.slice(1) : '00';
    const letters = ch === ch.toLowerCase() ? [ch.toUpperCase(), ch] : [ch.toLowerCase(), ch];
    candidates = [...new Set(letters)].map((l) => `${l}${rest}`);
  } else {
    if (!old) return notify(state, 'type the effect letter first', 'error');
    if (!/^[0-9a-f]$/i.test(ch)) return notify(state, `"${ch}" is not a hexadecimal digit`, 'error');
    candidates = [digit === 1 ? `${text[0]}${ch.toUpperCase()}${text[2]}` : `${text.slice(0, 2)}${ch.toUpperCase()}`];
  }
  for (const c of candidates) {
    const effect = parseEffect(c, notation);
    if (effect) {
      const next = { ...state, song: editCell(state.song, at, { effect: { column: effectColumn, effect } }) };
      return digit < 2 ? moveColumnBy(next, 1) : finishField(next, 2);
    }
  }
  return notify(state, digit === 0 ? `"${ch}" is not an effect in ${notation.toUpperCase()} notation (see F1)` : `"${candidates[0] ?? ch}" is not a valid effect`, 'error');
}

function typeValue(state: AppState, ch: string | null): CommandResult {
  if (ch === null || ch === ' ') return state;
  const pattern = currentPattern(state);
  if (!pattern) return state;
  const info = columnInfo(state.cursor.column, pattern.effectColumns);
  if (!state.editMode) return notify(state, 'edit mode is off (Space turns it on)');
  switch (info.field) {
    case 'instrument': return typeInstrument(state, info.digit, ch);
    case 'volume': return typeVolume(state, info.digit, ch);
    case 'effect': return typeEffect(state, info.digit, info.effectColumn, ch);
    case 'note': return state;
  }
}

function clearField(state: AppState): CommandResult {
  const block = selectionBlock(state);
  if (block && state.selection) return { ...state, song: clearBlock(state.song, state.selection.pattern, block) };
  const pattern = currentPattern(state);
  if (!pattern) return state;
  const info = columnInfo(state.cursor.column, pattern.effectColumns);
  const at = entryPosition(state);
  const song = info.field === 'note'
    ? editCell(state.song, at, { note: 0, instrument: 0 })
    : clearCellField(state.song, at, info.field, info.effectColumn);
  return advance({ ...state, song });
}

function rowEdit(state: AppState, fn: typeof insertRow, whole: boolean): AppState {
  const c = state.cursor;
  return withSong(state, fn(state.song, c.pattern, c.row, whole ? 'all' : { channel: c.channel }));
}

const pianoCommands: Record<string, CommandDef> = {};
for (let i = 0; i < PIANO_KEY_COUNT; i++) pianoCommands[`note.${i}`] = pianoNote(i);

export const NOTE_ENTRY_COMMANDS: Readonly<Record<string, CommandDef>> = {
  ...pianoCommands,
  'note.off': { undoable: true, run: (s) => writeNote(s, NOTE_OFF) },
  'note.cut': { undoable: true, run: (s) => writeNote(s, NOTE_CUT) },
  'note.fade': { undoable: true, run: (s) => writeNote(s, NOTE_FADE) },
  'pattern.typeValue': { undoable: true, run: (s, c) => typeValue(s, c.text) },
  'edit.clearField': { undoable: true, run: clearField },
  'edit.clearCell': { undoable: true, run: (s) => advance({ ...s, song: clearCell(s.song, entryPosition(s)) }) },
  'edit.insertRow': { undoable: true, run: (s) => rowEdit(s, insertRow, false) },
  'edit.deleteRow': { undoable: true, run: (s) => rowEdit(s, deleteRow, false) },
  'edit.insertWholeRow': { undoable: true, run: (s) => rowEdit(s, insertRow, true) },
  'edit.deleteWholeRow': { undoable: true, run: (s) => rowEdit(s, deleteRow, true) },
  'edit.toggleEditMode': { run: (s) => notify({ ...s, editMode: !s.editMode }, s.editMode ? 'keyjazz: notes sound but are not written' : 'edit mode: notes are written') },
  'edit.toggleRecord': { run: (s) => notify({ ...s, recordMode: !s.recordMode }, `record mode ${s.recordMode ? 'off' : 'on: notes entered while playing land on the playing row'}`) },
  'edit.octaveDown': { run: (s) => ({ ...s, octave: Math.max(0, s.octave - 1) }) },
  'edit.octaveUp': { run: (s) => ({ ...s, octave: Math.min(9, s.octave + 1) }) },
  'edit.stepDown': { run: (s) => ({ ...s, editStep: Math.max(0, s.editStep - 1) }) },
  'edit.stepUp': { run: (s) => ({ ...s, editStep: Math.min(64, s.editStep + 1) }) },
};
