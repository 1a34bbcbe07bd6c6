// Every edit can be undone: each command of the registry runs on the demo song in each screen (and
// in the pattern editor with a block marked, on every kind of column), and again through the value
// prompts the forms open; whenever the song changed, one undo must bring back the very same song,
// and redo the edited one. Commands that open a new song or a file (new, open, restore) are
// covered by their own tests: they replace the song, and undo is not meant to reach across that.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineClient, EngineCommand, EngineEvent } from '../../src/engine/protocol.js';
import { loadSongFile } from '../../src/storage/song-file.js';
import { COMMANDS } from '../../src/ui/commands/registry.js';
import { defaultKeymap } from '../../src/ui/keys/keymap.js';
import { DEFAULT_PREFERENCES } from '../../src/ui/settings/settings.js';
import { type AppState, initialState } from '../../src/ui/store/app-state.js';
import { nodeServices } from '../../src/ui/store/services.js';
import { AppStore } from '../../src/ui/store/store.js';

const demo = loadSongFile('songs/demo-night-drive.trk').song;
const workDir = mkdtempSync(join(tmpdir(), 'tracker-undo-all-'));

class QuietEngine implements EngineClient {
  send(_command: EngineCommand): void {}
  onEvent(_listener: (e: EngineEvent) => void): () => void {
    return () => {};
  }
  async close(): Promise<void> {}
}

/** Commands that replace the song (or the app) rather than edit it. */
const NOT_EDITS = new Set(['file.new', 'file.open', 'app.quit', 'edit.undo', 'edit.redo']);

function storeWith(change: (s: AppState) => AppState): AppStore {
  const base = initialState({ song: demo, filePath: join(workDir, 'demo.trk'), preferences: DEFAULT_PREFERENCES, workDir, size: { columns: 80, rows: 24 } });
  const services = { ...nodeServices(new QuietEngine(), { add: () => {}, list: () => [] }), savePreference: () => {} };
  return new AppStore(change({ ...base, cursor: { ...base.cursor, row: 48, channel: 3 } }), services, { keymap: defaultKeymap('qwerty'), displayFps: 1000 });
}

const CONTEXTS: Record<string, (s: AppState) => AppState> = {
  'pattern, note column': (s) => s,
  'pattern, instrument column': (s) => ({ ...s, cursor: { ...s.cursor, column: 1 } }),
  'pattern, volume column': (s) => ({ ...s, cursor: { ...s.cursor, column: 3 } }),
  'pattern, effect column': (s) => ({ ...s, cursor: { ...s.cursor, column: 5 } }),
  'pattern, block marked': (s) => ({ ...s, selection: { pattern: s.cursor.pattern, anchorRow: 40, anchorChannel: 1, row: 56, channel: 4 } }),
  'orders': (s) => ({ ...s, view: { kind: 'orders' } }),
  'samples': (s) => ({ ...s, view: { kind: 'samples', field: 2 } }),
  'instruments': (s) => ({ ...s, view: { kind: 'instruments', field: 1, envelope: 'volumeEnvelope', graph: false } }),
  'song settings': (s) => ({ ...s, view: { kind: 'settings', field: 2 } }),
};

function expectUndoable(store: AppStore, before: AppState['song'], what: string): boolean {
  const after = store.getState().song;
  if (after === before) return false;
  store.dispatch({ type: 'command', id: 'edit.undo' });
  expect(store.getState().song, `${what}: undo`).toBe(before);
  store.dispatch({ type: 'command', id: 'edit.redo' });
  expect(store.getState().song, `${what}: redo`).toBe(after);
  return true;
}

describe('every edit can be undone', () => {
  for (const [name, context] of Object.entries(CONTEXTS)) {
    it(`every command in the ${name}`, () => {
      let edits = 0;
      for (const id of Object.keys(COMMANDS)) {
        if (NOT_EDITS.has(id)) continue;
        const store = storeWith(context);
        const before = store.getState().song;
        store.dispatch({ type: 'command', id, text: 'q' });
        // A command may open a dialog: answer it the usual way.
        if (store.getState().modal?.kind === 'confirm') store.dispatch({ type: 'command', id: 'confirm.yes' });
        if (store.getState().modal?.kind === 'choose') store.dispatch({ type: 'command', id: 'choose.submit' });
        if (expectUndoable(store, before, `${name}: ${id}`)) edits++;
      }
      expect(edits, name).toBeGreaterThan(0);
    });
  }

  it('has no depth limit: 1000 edits are undone one by one back to the first song, and redone', () => {
    const store = storeWith((s) => s);
    const first = store.getState().song;
    const songs = [first];
    for (let i = 0; i < 1000; i++) {
      store.dispatch({ type: 'command', id: i % 2 ? `note.${i % 24}` : 'block.transposeUp' });
      if (store.getState().song !== songs.at(-1)) songs.push(store.getState().song);
    }
    expect(songs.length).toBeGreaterThan(500);
    for (let i = songs.length - 2; i >= 0; i--) {
      store.dispatch({ type: 'command', id: 'edit.undo' });
      expect(store.getState().song).toBe(songs[i]);
    }
    for (let i = 1; i < songs.length; i++) store.dispatch({ type: 'command', id: 'edit.redo' });
    expect(store.getState().song).toBe(songs.at(-1));
  });

  it('every form field changed through its value prompt', () => {
    const forms: [string, (s: AppState) => AppState, number][] = [
      ['samples', (s) => ({ ...s, view: { kind: 'samples', field: 0 } }), 16],
      ['instruments', (s) => ({ ...s, view: { kind: 'instruments', field: 0, envelope: 'volumeEnvelope', graph: false } }), 16],
      ['song settings', (s) => ({ ...s, view: { kind: 'settings', field: 0 } }), 16],
    ];
    let edits = 0;
    for (const [name, view, fields] of forms) {
      for (let field = 0; field < fields; field++) {
        const store = storeWith(view);
        for (let i = 0; i < field; i++) store.dispatch({ type: 'command', id: 'form.nextField' });
        const before = store.getState().song;
        store.dispatch({ type: 'command', id: 'form.edit' });
        if (store.getState().modal?.kind === 'prompt') {
          store.dispatch({ type: 'command', id: 'prompt.clear' });
          for (const ch of '3') store.dispatch({ type: 'command', id: 'prompt.type', text: ch });
          store.dispatch({ type: 'command', id: 'prompt.submit' });
        } else if (store.getState().modal?.kind === 'choose') {
          store.dispatch({ type: 'command', id: 'choose.down' });
          store.dispatch({ type: 'command', id: 'choose.submit' });
        }
        if (expectUndoable(store, before, `${name} field ${field}`)) edits++;
        // The arrows change a field too.
        const store2 = storeWith(view);
        for (let i = 0; i < field; i++) store2.dispatch({ type: 'command', id: 'form.nextField' });
        const before2 = store2.getState().song;
        store2.dispatch({ type: 'command', id: 'form.increase' });
        if (expectUndoable(store2, before2, `${name} field ${field} (increase)`)) edits++;
      }
    }
    expect(edits).toBeGreaterThan(30);
  });
});
