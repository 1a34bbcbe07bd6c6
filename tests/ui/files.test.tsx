// Files through keys: open and save (atomic, to the song's path or a typed one), writable formats
// taken from the codec registry with the writer's warnings shown before saving, failed saves
// keeping the song unsaved, recent files, and asking before unsaved changes are dropped.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { registerCodec } from '../../src/formats/registry.js';
import { writeTrk } from '../../src/formats/native/trk-write.js';
import { editCell } from '../../src/song/edit-cell.js';
import { getCell } from '../../src/song/pattern.js';
import { loadSongFile } from '../../src/storage/song-file.js';
import { defaultNewSong } from '../../src/ui/store/services.js';
import { KEYS, renderApp, type RenderedApp } from './helpers/render-app.js';

let app: RenderedApp;
afterEach(() => app?.unmount());

function songFile(dir: string, name: string, note: number): string {
  const path = join(dir, name);
  writeFileSync(path, writeTrk(editCell(defaultNewSong(), { pattern: 0, row: 0, channel: 0 }, { note })));
  return path;
}

describe('saving', () => {
  it('saves to the song\'s path with Ctrl+S, and the file reads back', async () => {
    app = await renderApp();
    const path = songFile(app.workDir, 'a.trk', 30);
    await app.after(() => app.store.dispatch({ type: 'command', id: 'screen.files' }));
    app.unmount();
    app = await renderApp({ song: loadSongFile(path).song, filePath: path, workDir: app.workDir });
    await app.press('z');
    expect(app.frame()).toContain('a.trk *');
    await app.key('file.save');
    expect(app.frame()).toContain('saved a.trk');
    expect(app.frame()).not.toContain('a.trk *');
    expect(getCell(loadSongFile(path).song.patterns[0]!, 0, 0).note).toBe(49);
  });

  it('keeps the previous version as song.trk.bak (the backups setting: 2 keeps .bak and .bak.2; 0 none)', async () => {
    app = await renderApp();
    const dir = app.workDir;
    const path = songFile(dir, 'b.trk', 30);
    app.unmount();
    app = await renderApp({ song: loadSongFile(path).song, filePath: path, workDir: dir, preferences: { backups: 2 } });
    await app.press('z');
    await app.key('file.save');
    await app.press('x');
    await app.key('file.save');
    const noteIn = (p: string) => getCell(loadSongFile(p).song.patterns[0]!, 0, 0).note;
    expect(noteIn(path)).toBe(49);
    expect(noteIn(`${path}.bak`)).toBe(49);
    expect(noteIn(`${path}.bak.2`)).toBe(30);
    app.unmount();
    const other = songFile(dir, 'c.trk', 30);
    app = await renderApp({ song: loadSongFile(other).song, filePath: other, workDir: dir, preferences: { backups: 0 } });
    await app.press('z');
    await app.key('file.save');
    expect(existsSync(`${other}.bak`)).toBe(false);
  });

  it('asks for a name the first time, adding the format\'s extension', async () => {
    app = await renderApp();
    await app.press('z');
    await app.key('file.save');
    expect(app.frame()).toContain('Save the song');
    expect(app.frame()).toContain('tracker song (text) (.trk)');
    await app.key('files.typePath');
    await app.key('prompt.clear');
    await app.press('first');
    await app.key('prompt.submit');
    const path = join(app.workDir, 'first.trk');
    expect(getCell(loadSongFile(path).song.patterns[0]!, 0, 0).note).toBe(49);
    expect(app.state().filePath).toBe(path);
    expect(app.state().view.kind).toBe('pattern');
  });

  it('keeps the song unsaved and says why when saving fails', async () => {
    app = await renderApp();
    const path = join(app.workDir, 'no-such-folder', 'x.trk');
    app.unmount();
    app = await renderApp({ filePath: path });
    await app.press('z');
    await app.key('file.save');
    expect(app.frame()).toContain('Not saved');
    expect(app.frame().replace(/\s*\|\s*\|\s*/g, ' ')).toContain('could not save: no such file or directory');
    await app.key('message.close');
    expect(app.frame()).toContain('x.trk *');
  });

  it('lists the writable formats from the registry and shows a writer\'s warnings before saving', async () => {
    registerCodec({
      id: 'xm', name: 'FastTracker 2 module', extensions: ['xm'], probe: () => false,
      read: () => { throw new Error('not used'); },
      write: () => ({ bytes: new TextEncoder().encode('fake xm'), warnings: ['pattern 0: 2 effects XM cannot hold were dropped', 'sample 1: loop shortened'] }),
    });
    app = await renderApp();
    await app.key('screen.saveAs');
    expect(app.frame()).toContain('writable: .trk .it .xm .s3m .mod');
    await app.key('files.nextFormat');
    expect(app.frame()).toContain('Impulse Tracker module (.it)');
    await app.key('files.nextFormat');
    expect(app.frame()).toContain('FastTracker 2 module (.xm)');
    // Around the writable formats and back to .xm.
    for (let i = 0; i < 5; i++) await app.key('files.previousFormat');
    await app.key('files.typePath');
    await app.key('prompt.clear');
    await app.press('out');
    await app.key('prompt.submit');
    expect(app.frame()).toContain('Saving as FastTracker 2 module loses some of the song');
    expect(app.frame()).toContain('pattern 0: 2 effects XM cannot hold were dropped');
    await app.key('confirm.no');
    expect(() => readFileSync(join(app.workDir, 'out.xm'))).toThrow();
    await app.key('files.typePath', { which: 1 });
    await app.key('prompt.clear');
    await app.press('out');
    await app.key('prompt.submit');
    await app.key('confirm.yes');
    expect(readFileSync(join(app.workDir, 'out.xm'), 'utf8')).toBe('fake xm');
  });

  it('asks before replacing another file chosen in the folder', async () => {
    app = await renderApp();
    songFile(app.workDir, 'old.trk', 30);
    await app.key('screen.saveAs', { which: 1 });
    await app.key('files.down');
    await app.key('files.down');
    await app.key('files.enter');
    expect(app.frame()).toContain('Save as (name or path)');
    await app.key('prompt.submit');
    expect(app.frame()).toContain('exists. Replace it?');
    await app.key('confirm.yes', { which: 2 });
    expect(getCell(loadSongFile(join(app.workDir, 'old.trk')).song.patterns[0]!, 0, 0).note).toBe(0);
  });
});

describe('opening', () => {
  it('lists the folder, enters sub-folders, opens a song and remembers it', async () => {
    app = await renderApp();
    mkdirSync(join(app.workDir, 'sub'));
    const path = songFile(join(app.workDir, 'sub'), 'b.trk', 40);
    await app.key('screen.files');
    expect(app.frame()).toContain('Open a song');
    expect(app.frame()).toContain('sub/');
    await app.key('files.down');
    await app.key('files.down');
    await app.key('files.enter');
    expect(app.frame()).toContain('b.trk');
    await app.key('files.parent');
    await app.key('files.down');
    await app.key('files.down');
    await app.key('files.enter');
    await app.key('files.down');
    await app.key('files.down');
    await app.key('files.up');
    await app.key('files.pageDown');
    await app.key('files.pageUp');
    await app.key('files.down');
    await app.key('files.down');
    await app.key('files.enter');
    expect(app.state().filePath).toBe(path);
    expect(app.frame()).toContain('opened sub/b.trk');
    expect(getCell(app.state().song.patterns[0]!, 0, 0).note).toBe(40);
    await app.key('screen.files', { which: 1 });
    await app.key('files.togglePane');
    expect(app.frame()).toContain(path);
    await app.key('files.close');
    expect(app.state().view.kind).toBe('pattern');
  });

  it('asks before opening over unsaved changes, and reports unreadable files', async () => {
    app = await renderApp();
    writeFileSync(join(app.workDir, 'bad.trk'), 'not a song');
    await app.press('z');
    await app.key('screen.files');
    await app.key('files.down');
    await app.key('files.down');
    await app.key('files.enter');
    expect(app.frame()).toContain('never been saved');
    await app.key('confirm.cancel');
    await app.key('files.enter');
    await app.key('confirm.yes');
    expect(app.frame()).toContain('Could not open');
    expect(app.frame()).toContain('bad.trk');
  });

  it('opens a typed path from the recent files pane too', async () => {
    app = await renderApp();
    const path = songFile(app.workDir, 'c.trk', 50);
    await app.key('screen.files');
    await app.key('files.typePath');
    await app.press('c.trk');
    await app.key('prompt.submit');
    expect(app.state().filePath).toBe(path);
    await app.key('file.new');
    expect(app.state().filePath).toBeNull();
    await app.key('screen.files');
    await app.key('files.togglePane');
    await app.key('files.enter');
    expect(app.state().filePath).toBe(path);
  });
});

describe('unsaved changes', () => {
  it('quitting asks first: Esc stays, n quits without saving', async () => {
    app = await renderApp();
    await app.press('z');
    await app.key('app.quit');
    expect(app.frame()).toContain('Unsaved changes');
    await app.key('confirm.cancel', { which: 0 });
    expect(app.state().quitting).toBe(false);
    await app.key('app.quit', { which: 1 });
    await app.key('confirm.yes');
    expect(app.state().quitting).toBe(true);
  });

  it('y saves, then quits; a saved song quits at once', async () => {
    app = await renderApp();
    const path = songFile(app.workDir, 'd.trk', 0);
    app.unmount();
    app = await renderApp({ song: loadSongFile(path).song, filePath: path });
    await app.press('z');
    await app.key('app.quit');
    await app.key('confirm.yes');
    expect(app.state().quitting).toBe(true);
    expect(getCell(loadSongFile(path).song.patterns[0]!, 0, 0).note).toBe(49);
  });

  it('a new song asks first too, and n keeps the changes', async () => {
    app = await renderApp();
    const path = songFile(app.workDir, 'e.trk', 0);
    app.unmount();
    app = await renderApp({ song: loadSongFile(path).song, filePath: path });
    await app.press('z');
    await app.key('file.new');
    await app.key('confirm.no');
    expect(app.state().filePath).toBeNull();
    expect(app.frame()).toContain('new song');
    await app.key('app.quit');
    expect(app.state().quitting).toBe(true);
  });
});

describe('paths', () => {
  it('reads a prompt of Escape as cancel and leaves the files screen with Esc', async () => {
    app = await renderApp();
    await app.key('screen.files');
    await app.press(KEYS.esc);
    expect(app.state().view.kind).toBe('pattern');
  });
});
