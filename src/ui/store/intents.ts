// Carries out what commands asked of the outside world: open, save (showing the format's warnings
// first), new song, quit, folder listings and WAV loading. A failed save leaves the song in memory,
// still marked unsaved, and says why.

import { isAbsolute, relative } from 'node:path';
import { replaceSampleData } from '../../song/edit-instrument.js';
import type { Song } from '../../song/song.js';
import { UserError } from '../../storage/user-error.js';
import { type CommandResult, type Effect, notify, showError, withEffects } from '../commands/command.js';
import { viewOf } from '../commands/file-commands.js';
import { type AppState, homeCursor, type Intent } from './app-state.js';
import type { Services } from './services.js';

function message(e: unknown): string {
  if (e instanceof UserError) return e.message;
  return e instanceof Error ? e.message.split('\n')[0] ?? String(e) : String(e);
}

/** A path as short as it can be said: relative to the working folder when inside it. */
export function displayPath(state: Pick<AppState, 'workDir'>, path: string): string {
  const rel = relative(state.workDir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** The state for another song (opened or new): cursor home, history empty, mutes cleared. */
export function withFreshSong(state: AppState, song: Song, filePath: string | null): AppState {
  return {
    ...state,
    song,
    savedSong: song,
    filePath,
    view: state.view.kind === 'files' || state.view.kind === 'help' ? { kind: 'pattern' } : state.view,
    modal: null,
    cursor: homeCursor(song),
    channelScroll: 0,
    selection: null,
    instrument: song.instruments.length > 0 || song.samples.length > 0 ? 1 : 0,
    sample: 1,
    mutes: song.channels.map(() => false),
    history: { past: [], future: [] },
    playback: null,
    orderDigits: '',
  };
}

function afterSave(then: Extract<Intent, { kind: 'save' }>['then']): Effect[] {
  if (then === 'none') return [];
  if (then === 'quit') return [{ kind: 'intent', intent: { kind: 'quit' } }];
  if (then === 'newSong') return [{ kind: 'intent', intent: { kind: 'newSong' } }];
  return [{ kind: 'intent', intent: { kind: 'open', path: then.open } }];
}

function save(state: AppState, intent: Extract<Intent, { kind: 'save' }>, services: Services): CommandResult {
  let encoded;
  try {
    encoded = services.encodeSong(intent.path, state.song);
  } catch (e) {
    return showError(state, 'Not saved', [message(e), 'The song is still here, unsaved. F10 saves it in another format or place.']);
  }
  if (encoded.warnings.length > 0 && !intent.force) {
    const shown = encoded.warnings.slice(0, 12).map((w) => `- ${w}`);
    const more = encoded.warnings.length > shown.length ? [`  ...and ${encoded.warnings.length - shown.length} more`] : [];
    return {
      ...state,
      modal: {
        kind: 'confirm', title: `Saving as ${encoded.formatName} loses some of the song`,
        lines: [...shown, ...more, 'y: save anyway   n or Esc: do not save'],
        yes: { ...intent, force: true }, no: { kind: 'none' },
      },
    };
  }
  try {
    services.writeFile(intent.path, encoded.bytes, state.preferences.backups);
  } catch (e) {
    return showError(state, 'Not saved', [message(e), 'The old file is untouched; the song is still here, unsaved.']);
  }
  services.addRecentFile(intent.path);
  const saved: AppState = {
    ...state,
    savedSong: state.song,
    filePath: intent.path,
    recentFiles: services.recentFiles(),
    view: state.view.kind === 'files' ? viewOf(state, state.previousView) : state.view,
  };
  return withEffects(notify(saved, `saved ${displayPath(state, intent.path)}${encoded.warnings.length > 0 ? ` (${encoded.warnings.length} things lost)` : ''}`), ...afterSave(intent.then));
}

function open(state: AppState, path: string, services: Services): CommandResult {
  try {
    const loaded = services.loadSong(path);
    services.addRecentFile(path);
    const next = { ...withFreshSong(state, loaded.song, path), recentFiles: services.recentFiles() };
    const w = loaded.warnings;
    return notify(next, `opened ${displayPath(state, path)}${w.length > 0 ? ` (${w.length} warning${w.length === 1 ? '' : 's'}: ${w[0]})` : ''}`);
  } catch (e) {
    return showError(state, 'Could not open', [message(e)]);
  }
}

function restore(state: AppState, path: string, services: Services): CommandResult {
  try {
    const loaded = services.loadSong(path);
    const next = { ...withFreshSong(state, loaded.song, state.filePath), savedSong: state.savedSong };
    return notify(next, 'restored the unsaved work (Ctrl+S saves it)');
  } catch (e) {
    return showError(state, 'Could not restore', [message(e), `The recovery file is still at ${path}.`]);
  }
}

/** Runs an intent. */
export function performIntent(state: AppState, intent: Intent, services: Services): CommandResult {
  switch (intent.kind) {
    case 'none': return state;
    case 'quit': return { ...state, quitting: true, modal: null };
    case 'newSong': return notify(withFreshSong(state, services.newSong(), null), 'new song');
    case 'open': return open(state, intent.path, services);
    case 'restore': return restore(state, intent.path, services);
    case 'save': return save(state, intent, services);
  }
}

/** Fills the files screen with a folder's entries. */
export function performListDir(state: AppState, dir: string, services: Services): AppState {
  if (state.view.kind !== 'files' || state.view.dir !== dir) return state;
  try {
    return { ...state, view: { ...state.view, entries: services.listDir(dir) } };
  } catch (e) {
    return notify({ ...state, view: { ...state.view, entries: [] } }, message(e), 'error');
  }
}

/** Loads a WAV into a sample slot (the caller records it for undo). */
export function performLoadWav(state: AppState, path: string, sample: number, services: Services): AppState {
  try {
    const { sample: loaded, warnings } = services.loadWav(path);
    const song = replaceSampleData(state.song, sample, loaded);
    const instrument = state.song.instruments.length === 0 && state.instrument === 0 ? sample : state.instrument;
    return notify({ ...state, song, instrument }, `sample ${sample}: ${displayPath(state, path)}${warnings.length > 0 ? ` (${warnings[0]})` : ''}`);
  } catch (e) {
    return showError(state, 'Could not load the WAV file', [message(e)]);
  }
}
