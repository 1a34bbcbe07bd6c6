// Undo and redo of every kind of edit, through keys, across screens: pattern data, block commands,
// the order list, song settings, samples (fields, WAV loading, waveforms), instruments and pattern
// length; each undo brings back exactly the song before, names the edit, and shows the sample or
// instrument it changed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSong } from '../../src/song/create.js';
import { addSample } from '../../src/song/edit-instrument.js';
import type { Song } from '../../src/song/song.js';
import { synthesize } from '../../src/song/synth.js';
import { KEYS, renderApp, type RenderedApp } from './helpers/render-app.js';

let app: RenderedApp;
afterEach(() => app?.unmount());

function song(): Song {
  return addSample(addSample(createSong({ channels: 4 }), synthesize('kick')).song, synthesize('saw')).song;
}

function wav(): Uint8Array {
  const out = new Uint8Array(44 + 200);
  const v = new DataView(out.buffer);
  const tag = (at: number, s: string) => { for (let i = 0; i < 4; i++) out[at + i] = s.charCodeAt(i); };
  tag(0, 'RIFF'); v.setUint32(4, out.length - 8, true); tag(8, 'WAVE'); tag(12, 'fmt '); v.setUint32(16, 16, true);
  v.setUint16(20, 1, true); v.setUint16(22, 1, true); v.setUint32(24, 8000, true); v.setUint32(28, 16000, true); v.setUint16(32, 2, true); v.setUint16(34, 16, true);
  tag(36, 'data'); v.setUint32(40, 200, true);
  return out;
}

describe('undo and redo', () => {
  it('take back every kind of edit, one at a time, and redo them all', async () => {
    app = await renderApp({ song: song(), columns: 120, rows: 30 });
    writeFileSync(join(app.workDir, 'hit.wav'), wav());
    const songs: Song[] = [app.state().song];
    const edited = async (what: string) => {
      const now = app.state().song;
      expect(now, `${what} changed the song`).not.toBe(songs.at(-1));
      songs.push(now);
    };
    await app.press('z');
    await edited('note');
    await app.press(KEYS.up);
    await app.key('block.transposeUp');
    await edited('transpose');
    await app.key('screen.orders');
    await app.key('orders.skip');
    await edited('skip marker');
    await app.key('orders.insert');
    await edited('order insert');
    await app.key('screen.settings');
    await app.key('form.nextField');
    await app.key('form.increase');
    await edited('speed');
    await app.key('screen.samples');
    await app.key('samples.next');
    await app.key('form.nextField');
    await app.key('form.decrease');
    await edited('sample 2 volume');
    await app.key('samples.previous');
    await app.key('samples.loadWav');
    await app.press('hit.wav');
    await app.key('prompt.submit');
    await edited('WAV into sample 1');
    await app.key('samples.fromWaveform');
    await app.key('choose.submit');
    await edited('waveform');
    await app.key('screen.instruments');
    await app.key('instruments.add');
    await edited('instruments');
    await app.key('instruments.toggleEnvelope');
    await edited('envelope');
    await app.key('screen.pattern');
    await app.key('pattern.length');
    await app.key('prompt.clear');
    await app.press('32');
    await app.key('prompt.submit');
    await edited('pattern length');

    const names = ['Rows in pattern 0', 'envelope on/off', 'new instrument playing the current sample', 'Synthesise sample 1 from', 'load a WAV file', 'Default volume', 'Initial speed', 'insert an entry', 'skip marker', 'transpose the block', 'note entry'];
    for (let i = songs.length - 2; i >= 0; i--) {
      await app.key('edit.undo');
      expect(app.state().song, `undo back to step ${i}`).toBe(songs[i]);
      expect(app.frame()).toContain(`undone: ${names[songs.length - 2 - i]}`);
      if (names[songs.length - 2 - i] === 'Default volume') expect(app.state().sample).toBe(2);
    }
    expect(app.frame()).not.toContain('*');
    await app.key('edit.undo');
    expect(app.frame()).toContain('nothing to undo');
    for (let i = 1; i < songs.length; i++) {
      await app.key('edit.redo');
      expect(app.state().song, `redo to step ${i}`).toBe(songs[i]);
    }
    expect(app.frame()).toContain('redone: Rows in pattern 0');
    await app.key('edit.redo');
    expect(app.frame()).toContain('nothing to redo');
  }, 60_000);
});
