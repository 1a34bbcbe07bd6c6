// What a command is: a pure function of the editor state that returns the next state and, when
// the outside world must act (engine, disk), a list of effects as plain data. `undoable` commands
// record the song before them in the undo history when they change it.

import type { EngineCommand } from '../../engine/protocol.js';
import type { Pattern } from '../../song/pattern.js';
import type { Song } from '../../song/song.js';
import type { Preferences } from '../settings/settings.js';
import type { AppState, Cursor, Intent, Modal, Notice, View } from '../store/app-state.js';

/** Work for the store to do after a command (it owns the engine and the file system). */
export type Effect =
  | { readonly kind: 'engine'; readonly command: EngineCommand }
  | { readonly kind: 'intent'; readonly intent: Intent }
  | { readonly kind: 'listDir'; readonly dir: string }
  | { readonly kind: 'loadWav'; readonly path: string; readonly sample: number }
  /** Remember a preference in the settings file. */
  | { readonly kind: 'savePreference'; readonly key: keyof Preferences; readonly value: Preferences[keyof Preferences] };

/** A command's answer: the next state, and effects when there are any. */
export type CommandResult = AppState | { readonly state: AppState; readonly effects: readonly Effect[] };

/** What a command gets besides the state. */
export interface CommandContext {
  /** The character typed, for bindings to "<text>" or "<digit>". */
  readonly text: string | null;
}

/** A command's behaviour (its keys, description and group live in the keymap). */
export interface CommandDef {
  readonly run: (state: AppState, context: CommandContext) => CommandResult;
  /** True for song edits: they go into the undo history. */
  readonly undoable?: boolean;
}

/** Splits a result into state and effects. */
export function unpack(result: CommandResult): { readonly state: AppState; readonly effects: readonly Effect[] } {
  return 'effects' in result && 'state' in result ? result : { state: result as AppState, effects: [] };
}

/** A result with effects. */
export function withEffects(state: AppState, ...effects: Effect[]): CommandResult {
  return { state, effects };
}

/** Sends an engine command as an effect. */
export function engine(command: EngineCommand): Effect {
  return { kind: 'engine', command };
}

/** The pattern under the cursor. */
export function currentPattern(state: AppState): Pattern | undefined {
  return state.song.patterns[state.cursor.pattern];
}

/** A state with a notice for the status line. */
export function notify(state: AppState, text: string, level: Notice['level'] = 'info'): AppState {
  return { ...state, notice: { text, level } };
}

/** A state with a dialog open. */
export function openModal(state: AppState, modal: Modal): AppState {
  return { ...state, modal };
}

/** A state showing an error dialog. */
export function showError(state: AppState, title: string, lines: readonly string[]): AppState {
  return { ...state, modal: { kind: 'message', title, lines, level: 'error' } };
}

/** Switches screens, remembering where to go back to. */
export function showView(state: AppState, view: View): AppState {
  const back = state.view.kind === 'help' || state.view.kind === 'files' ? state.previousView : state.view.kind;
  return { ...state, view, previousView: back };
}

/** A state with a new song and the cursor kept inside it. */
export function withSong(state: AppState, song: Song, cursor: Partial<Cursor> = {}): AppState {
  return clampCursor({ ...state, song, cursor: { ...state.cursor, ...cursor } });
}

/** Keeps cursor, selection and mutes valid for the song (after a structural edit). */
export function clampCursor(state: AppState): AppState {
  const song = state.song;
  const orders = Math.max(1, song.orders.length);
  const order = Math.max(0, Math.min(orders - 1, state.cursor.order));
  const pattern = Math.max(0, Math.min(song.patterns.length - 1, state.cursor.pattern));
  const p = song.patterns[pattern];
  const rows = p?.rows ?? 1;
  const channels = song.channels.length;
  const cursor: Cursor = {
    order,
    pattern,
    row: Math.max(0, Math.min(rows - 1, state.cursor.row)),
    channel: Math.max(0, Math.min(channels - 1, state.cursor.channel)),
    column: Math.max(0, state.cursor.column),
  };
  const mutes = state.mutes.length === channels ? state.mutes : song.channels.map((_, i) => state.mutes[i] ?? false);
  const selection = state.selection && state.selection.pattern === pattern && state.selection.row < rows ? state.selection : null;
  return { ...state, cursor, mutes, selection };
}
