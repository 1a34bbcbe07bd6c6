// File commands: save, save as, open, new song and quit (asking first when there are unsaved
// changes), and the files screen (folders, recent files, writable formats from the registry).

import { homedir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { allCodecs, type FormatId } from '../../formats/registry.js';
import type { Song } from '../../song/song.js';
import type { AppState, Intent } from '../store/app-state.js';
import { isModified } from '../store/app-state.js';
import { type CommandDef, type CommandResult, notify, openModal, withEffects } from './command.js';
import { NAVIGATION_COMMANDS } from './navigation.js';

/** The formats tracker can write today (codecs with a writer), in registry order. */
export function writableFormats(): readonly { readonly id: FormatId; readonly name: string; readonly extension: string }[] {
  return allCodecs().filter((c) => c.write).map((c) => ({ id: c.id, name: c.name, extension: c.extensions[0] ?? c.id }));
}

const lossCache = new WeakMap<Song, Map<FormatId, readonly string[]>>();

/** What saving the song in a format would lose (its writer's warnings), worked out once per song and format. */
export function formatLosses(song: Song, id: FormatId): readonly string[] {
  let byFormat = lossCache.get(song);
  if (!byFormat) {
    byFormat = new Map();
    lossCache.set(song, byFormat);
  }
  const known = byFormat.get(id);
  if (known) return known;
  const codec = allCodecs().find((c) => c.id === id);
  let losses: readonly string[];
  try {
    losses = codec?.write ? codec.write(song).warnings : [];
  } catch (e) {
    losses = [`cannot be written: ${e instanceof Error ? e.message : String(e)}`];
  }
  byFormat.set(id, losses);
  return losses;
}

/** Resolves what the user typed: ~ is the home folder, relative paths start at `base`. */
export function resolvePath(base: string, typed: string): string {
  const t = typed.trim();
  if (t === '~') return homedir();
  if (t.startsWith('~/')) return join(homedir(), t.slice(2));
  return resolve(base, t);
}

function runIntent(state: AppState, intent: Intent): CommandResult {
  return withEffects(state, { kind: 'intent', intent });
}

/** Runs `then` now, or first asks what to do with unsaved changes. */
export function guardUnsaved(state: AppState, then: Intent, what: string): CommandResult {
  if (!isModified(state)) return runIntent(state, then);
  const follow = then.kind === 'quit' ? 'quit' : then.kind === 'newSong' ? 'newSong' : then.kind === 'open' ? { open: then.path } : 'none';
  if (state.filePath) {
    return openModal(state, {
      kind: 'confirm', title: 'Unsaved changes',
      lines: [`The song has changes that are not saved. Save them before you ${what}?`, 'y: save, then go on   n: discard the changes   Esc: stay'],
      yes: { kind: 'save', path: state.filePath, force: false, then: follow }, no: then,
    });
  }
  return openModal(state, {
    kind: 'confirm', title: 'Unsaved changes',
    lines: [`This new song has never been saved. Discard it and ${what}?`, 'y: discard   n or Esc: stay (F10 saves it)'],
    yes: then, no: { kind: 'none' },
  });
}

/** Saves to the song's path, or opens "save as" when it has none or cannot be written there. */
function save(state: AppState): CommandResult {
  const path = state.filePath;
  const ext = path ? extname(path).slice(1).toLowerCase() : '';
  if (path && writableFormats().some((f) => f.extension === ext)) return runIntent(state, { kind: 'save', path, force: false, then: 'none' });
  const next = path ? notify(state, `${ext.toUpperCase() || 'this'} files cannot be written yet: choose a format`, 'error') : state;
  return NAVIGATION_COMMANDS['screen.saveAs']?.run(next, { text: null }) ?? next;
}

/** The save path for a typed name: the chosen format's extension is added when none is given. */
export function savePathFor(state: AppState, base: string, typed: string): string {
  const path = resolvePath(base, typed);
  if (extname(path) !== '') return path;
  const format = state.view.kind === 'files' ? state.view.format : 'trk';
  const ext = writableFormats().find((f) => f.id === format)?.extension ?? 'trk';
  return `${path}.${ext}`;
}

/** Saves to `path` from the files screen, asking before replacing another file listed there. */
export function saveAs(state: AppState, path: string): CommandResult {
  const v = state.view;
  const exists = v.kind === 'files' && dirname(path) === v.dir && v.entries.some((e) => !e.isDirectory && join(v.dir, e.name) === path);
  const intent: Intent = { kind: 'save', path, force: false, then: 'none' };
  if (exists && path !== state.filePath) {
    return openModal(state, { kind: 'confirm', title: 'Replace file?', lines: [`${path} exists. Replace it?`, 'y: replace   n or Esc: keep it'], yes: intent, no: { kind: 'none' } });
  }
  return runIntent(state, intent);
}

type FilesView = Extract<AppState['view'], { kind: 'files' }>;

function files(state: AppState, fn: (v: FilesView) => CommandResult): CommandResult {
  return state.view.kind === 'files' ? fn(state.view) : state;
}

function paneLength(state: AppState, v: FilesView): number {
  return v.pane === 'recent' ? state.recentFiles.length : v.entries.length + 1;
}

function select(state: AppState, delta: number): CommandResult {
  return files(state, (v) => {
    const n = paneLength(state, v);
    return { ...state, view: { ...v, selected: Math.max(0, Math.min(n - 1, v.selected + delta)) } };
  });
}

function listDir(state: AppState, v: FilesView, dir: string): CommandResult {
  return withEffects({ ...state, view: { ...v, dir, selected: 0, entries: [] } }, { kind: 'listDir', dir });
}

function enter(state: AppState): CommandResult {
  return files(state, (v) => {
    if (v.pane === 'recent') {
      const path = state.recentFiles[v.selected];
      if (!path) return state;
      return v.mode === 'open' ? guardUnsaved(state, { kind: 'open', path }, 'open another song') : saveAs(state, path);
    }
    if (v.selected === 0) return typePath(state);
    const entry = v.entries[v.selected - 1];
    if (!entry) return state;
    const path = entry.name === '..' ? dirname(v.dir) : join(v.dir, entry.name);
    if (entry.isDirectory) return listDir(state, v, path);
    if (v.mode === 'open') return guardUnsaved(state, { kind: 'open', path }, 'open another song');
    return openModal(state, { kind: 'prompt', title: 'Save as (name or path)', text: entry.name, target: { kind: 'path', mode: 'save' } });
  });
}

function cycleFormat(state: AppState, delta: number): CommandResult {
  return files(state, (v) => {
    const formats = writableFormats();
    if (v.mode !== 'save' || formats.length === 0) return state;
    const i = Math.max(0, formats.findIndex((f) => f.id === v.format));
    const next = formats[(i + delta + formats.length) % formats.length];
    return next ? notify({ ...state, view: { ...v, format: next.id } }, `format: ${next.name} (.${next.extension})`) : state;
  });
}

/** The current song file name (for the save prompt), or a suggestion. */
function suggestedName(state: AppState): string {
  if (state.filePath) return state.filePath.slice(dirname(state.filePath).length + 1);
  const title = state.song.title.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return title === '' ? 'untitled' : title;
}

function typePath(state: AppState): CommandResult {
  return files(state, (v) => openModal(state, {
    kind: 'prompt', title: v.mode === 'open' ? 'Open (name or path)' : 'Save as (name or path; no extension = the format shown)',
    text: v.mode === 'save' ? suggestedName(state) : '', target: { kind: 'path', mode: v.mode },
  }));
}

export const FILE_COMMANDS: Readonly<Record<string, CommandDef>> = {
  'file.save': { run: save },
  'file.new': { run: (s) => guardUnsaved(s, { kind: 'newSong' }, 'start a new song') },
  'app.quit': { run: (s) => guardUnsaved(s, { kind: 'quit' }, 'quit') },
  'files.up': { run: (s) => select(s, -1) },
  'files.down': { run: (s) => select(s, 1) },
  'files.pageUp': { run: (s) => select(s, -Math.max(1, s.size.rows - 8)) },
  'files.pageDown': { run: (s) => select(s, Math.max(1, s.size.rows - 8)) },
  'files.enter': { run: enter },
  'files.parent': { run: (s) => files(s, (v) => listDir(s, v, dirname(v.dir))) },
  'files.typePath': { run: typePath },
  'files.togglePane': { run: (s) => files(s, (v) => ({ ...s, view: { ...v, pane: v.pane === 'folder' ? 'recent' : 'folder', selected: 0 } })) },
  'files.previousFormat': { run: (s) => cycleFormat(s, -1) },
  'files.nextFormat': { run: (s) => cycleFormat(s, 1) },
  'files.close': { run: (s) => ({ ...s, view: viewOf(s, s.previousView) }) },
};

function viewOf(state: AppState, kind: AppState['previousView']): AppState['view'] {
  switch (kind) {
    case 'orders': return { kind: 'orders' };
    case 'samples': return { kind: 'samples', field: 0 };
    case 'instruments': return { kind: 'instruments', field: 0, envelope: 'volumeEnvelope', graph: true };
    case 'settings': return { kind: 'settings', field: 0 };
    default: return state.view.kind === 'pattern' ? state.view : { kind: 'pattern' };
  }
}

export { viewOf };
