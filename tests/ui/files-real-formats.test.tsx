// The files screen with the real module codecs (no stand-ins): an XM made by the XM writer opens by
// keys, an edit is saved as IT through the IT writer after its losses are shown, and as MOD and S3M;
// each written file reads back with the edit.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSong } from '../../src/formats/registry.js';
import { writeXM } from '../../src/formats/xm/write.js';
import { loadSongFile } from '../../src/storage/song-file.js';
import { getCell } from '../../src/song/pattern.js';
import { renderApp, type RenderedApp } from './helpers/render-app.js';

let app: RenderedApp;
afterEach(() => app?.unmount());

const FORMATS: Record<string, string> = { it: 'Impulse Tracker module (.it)', xm: 'FastTracker 2 module (.xm)', s3m: 'Scream Tracker 3 module (.s3m)', mod: 'ProTracker module (.mod)' };

describe('real module formats through the files screen', () => {
  it('opens an XM by keys, and saves an edit as IT, S3M and MOD that read back with it', async () => {
    app = await renderApp();
    const demo = loadSongFile('songs/demo-pocket-arcade.trk').song;
    writeFileSync(join(app.workDir, 'tune.xm'), writeXM(demo).bytes);
    await app.key('screen.files');
    await app.key('files.typePath');
    await app.press('tune.xm');
    await app.key('prompt.submit');
    expect(app.frame()).toContain('opened tune.xm');
    expect(app.state().song.title).toBe(demo.title);
    // An edit: C-5 on row 0 of the first channel, where the demo has another note.
    await app.press('q');
    const note = getCell(app.state().song.patterns[app.state().cursor.pattern]!, 0, 0).note;
    expect(note).toBe(61);
    for (const format of ['it', 's3m', 'mod'] as const) {
      await app.key('screen.saveAs');
      while (!app.frame().includes(`Format: ${FORMATS[format]}`)) await app.key('files.nextFormat');
      await app.key('files.typePath');
      await app.key('prompt.clear');
      await app.press(`edited-${format}`);
      await app.key('prompt.submit');
      if (app.state().modal?.kind === 'confirm') {
        expect(app.frame()).toContain('loses some of the song');
        await app.key('confirm.yes');
      }
      expect(app.frame()).toContain(`saved edited-${format}.${format}`);
      const back = readSong(new Uint8Array(readFileSync(join(app.workDir, `edited-${format}.${format}`))));
      expect(back.format.id, format).toBe(format);
      expect(getCell(back.song.patterns[back.song.orders.find((o) => typeof o === 'number') as number]!, 0, 0).note, format).toBe(note);
    }
  });
});
