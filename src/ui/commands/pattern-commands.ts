// Commands on whole patterns, channels, playback and history: clone / new pattern, pattern
// length, mute / solo, play / stop, undo / redo.

import { clonePatternAtOrder, insertOrder, newPatternAtOrder } from '../../song/edit-order.js';
import { addPattern, clonePatternAt } from '../../song/edit-pattern.js';
import type { PlayMode } from '../../engine/protocol.js';
import type { AppState, Snapshot } from '../store/app-state.js';
import { clampCursor, type CommandDef, type CommandResult, currentPattern, engine, notify, openModal, withEffects } from './command.js';

function placePattern(state: AppState, kind: 'clone' | 'new'): AppState {
  const c = state.cursor;
  const inOrder = state.song.orders[c.order] === c.pattern;
  let song = state.song;
  let pattern: number;
  if (inOrder) {
    const r = kind === 'clone' ? clonePatternAtOrder(song, c.order) : newPatternAtOrder(song, c.order);
    song = r.song;
    pattern = r.pattern;
  } else {
    const r = kind === 'clone' ? clonePatternAt(song, c.pattern) : addPattern(song, undefined, c.pattern);
    pattern = r.index;
    song = pattern < 0 ? song : insertOrder(r.song, c.order + 1, pattern);
  }
  if (pattern < 0) return notify(state, 'the song cannot hold more patterns or orders', 'error');
  const next = clampCursor({ ...state, song, selection: null, cursor: { ...c, order: c.order + 1, pattern } });
  return notify(next, `${kind === 'clone' ? 'cloned into' : 'new'} pattern ${pattern} at order ${c.order + 1}`);
}

function toggleMute(state: AppState): AppState {
  const ch = state.cursor.channel;
  const mutes = state.mutes.map((m, i) => (i === ch ? !m : m));
  return { ...state, mutes };
}

function solo(state: AppState): AppState {
  const ch = state.cursor.channel;
  const isSolo = state.mutes.every((m, i) => (i === ch ? !m : m));
  const mutes = state.mutes.map((_, i) => (isSolo ? false : i !== ch));
  return notify({ ...state, mutes }, isSolo ? 'all channels unmuted' : `channel ${ch + 1} solo`);
}

function play(state: AppState, mode: PlayMode, order: number, row: number): CommandResult {
  return withEffects(state, engine({ type: 'play', mode, order, row }));
}

/** Where the editor is now, to come back to after an undo (or a redo), for the edit `what`. */
function snapshotOf(state: AppState, what: string): Snapshot {
  return { song: state.song, cursor: state.cursor, sample: state.sample, instrument: state.instrument, what };
}

function restore(state: AppState, snap: Snapshot, history: AppState['history'], verb: string): AppState {
  const next = clampCursor({ ...state, song: snap.song, cursor: snap.cursor, sample: snap.sample, instrument: snap.instrument, history, selection: null });
  return notify(next, `${verb}: ${snap.what}`);
}

function undo(state: AppState): AppState {
  const snap = state.history.past.at(-1);
  if (!snap) return notify(state, 'nothing to undo');
  return restore(state, snap, { past: state.history.past.slice(0, -1), future: [...state.history.future, snapshotOf(state, snap.what)] }, 'undone');
}

function redo(state: AppState): AppState {
  const snap = state.history.future.at(-1);
  if (!snap) return notify(state, 'nothing to redo');
  return restore(state, snap, { past: [...state.history.past, snapshotOf(state, snap.what)], future: state.history.future.slice(0, -1) }, 'redone');
}

export const PATTERN_COMMANDS: Readonly<Record<string, CommandDef>> = {
  'pattern.clone': { undoable: true, run: (s) => placePattern(s, 'clone') },
  'pattern.new': { undoable: true, run: (s) => placePattern(s, 'new') },
  'pattern.length': {
    run: (s) => openModal(s, {
      kind: 'prompt', title: `Rows in pattern ${s.cursor.pattern} (1..1024)`, text: String(currentPattern(s)?.rows ?? 64), target: { kind: 'patternLength' },
    }),
  },
  'channel.mute': { run: toggleMute },
  'channel.solo': { run: solo },
  'channel.unmuteAll': { run: (s) => ({ ...s, mutes: s.mutes.map(() => false) }) },
  'transport.playSong': { run: (s) => play(s, 'song', 0, 0) },
  'transport.playPattern': { run: (s) => play(s, 'pattern', s.cursor.order, 0) },
  'transport.playFromCursor': { run: (s) => play(s, 'song', s.cursor.order, s.view.kind === 'pattern' ? s.cursor.row : 0) },
  'transport.stop': { run: (s) => withEffects(s, engine({ type: 'stop' })) },
  'transport.playRow': { run: (s) => play(s, 'row', s.cursor.order, s.cursor.row) },
  'transport.pause': { run: (s) => withEffects(s, engine({ type: s.playback?.paused ? 'resume' : 'pause' })) },
  'audio.chooseDevice': { run: (s) => withEffects(notify(s, 'asking the audio engine for its outputs...'), engine({ type: 'listDevices' })) },
  'edit.undo': { run: undo },
  'edit.redo': { run: redo },
};
