// Block commands through keys: marking with Shift+arrows, Alt+B/E and Alt+L, copy, cut, paste,
// mix-paste, transposing, interpolation, volume scaling and setting the instrument.
import { afterEach, describe, expect, it } from 'vitest';
import { createSong } from '../../src/song/create.js';
import { editCell } from '../../src/song/edit-cell.js';
import { addSample } from '../../src/song/edit-instrument.js';
import { getCell } from '../../src/song/pattern.js';
import type { Song } from '../../src/song/song.js';
import { synthesize } from '../../src/song/synth.js';
import { KEYS, renderApp, type RenderedApp } from './helpers/render-app.js';

let app: RenderedApp;
afterEach(() => app?.unmount());

const cell = (row: number, channel = 0) => getCell(app.state().song.patterns[0]!, row, channel);

function song(): Song {
  let s = addSample(addSample(createSong({ channels: 4 }), synthesize('kick')).song, synthesize('bass')).song;
  const at = (row: number, channel: number) => ({ pattern: 0, row, channel });
  s = editCell(s, at(0, 0), { note: 49, instrument: 1, volume: { kind: 'volume', value: 0 }, effect: { column: 0, effect: { kind: 'volSlide', param: 0x10 } } });
  s = editCell(s, at(1, 0), { note: 51, instrument: 1 });
  s = editCell(s, at(4, 0), { volume: { kind: 'volume', value: 64 }, effect: { column: 0, effect: { kind: 'volSlide', param: 0x50 } } });
  s = editCell(s, at(0, 1), { note: 30, instrument: 2 });
  return s;
}

describe('marking', () => {
  it('marks with Shift+arrows and shows BLOCK; Esc unmarks', async () => {
    app = await renderApp({ song: song() });
    await app.key('block.extendDown');
    await app.key('block.extendDown');
    await app.key('block.extendRight');
    await app.key('block.extendLeft');
    await app.key('block.extendRight');
    await app.key('block.extendUp');
    expect(app.state().selection).toMatchObject({ anchorRow: 0, anchorChannel: 0, row: 1, channel: 1 });
    expect(app.frame()).toContain('BLOCK');
    await app.key('block.extendPageDown');
    expect(app.state().selection).toMatchObject({ anchorRow: 0, row: 17 });
    await app.key('block.extendPageUp');
    expect(app.state().selection).toMatchObject({ anchorRow: 0, row: 1 });
    await app.key('block.unmark', { which: 1 });
    expect(app.state().selection).toBeNull();
  });

  it('marks with Alt+B / Alt+E, and Alt+L marks the channel then the pattern', async () => {
    app = await renderApp({ song: song() });
    await app.key('block.begin');
    await app.press(KEYS.down);
    await app.press(KEYS.down);
    await app.key('block.end');
    expect(app.state().selection).toMatchObject({ anchorRow: 0, row: 2 });
    await app.key('block.selectChannel');
    expect(app.state().selection).toMatchObject({ anchorRow: 0, row: 63, anchorChannel: 0, channel: 0 });
    await app.key('block.selectChannel');
    expect(app.state().selection).toMatchObject({ anchorRow: 0, row: 63, anchorChannel: 0, channel: 3 });
    await app.key('block.unmark');
    expect(app.frame()).not.toContain('BLOCK');
  });
});

describe('clipboard', () => {
  it('copies a block and pastes it at the cursor', async () => {
    app = await renderApp({ song: song() });
    await app.press(KEYS.shiftDown);
    await app.key('block.copy');
    expect(app.frame()).toContain('copied 2 rows x 1 channel');
    await app.press(KEYS.tab);
    await app.press(KEYS.pgDn);
    await app.key('block.paste');
    expect(app.state().cursor).toMatchObject({ row: 17, channel: 1 });
    expect([cell(17, 1).note, cell(18, 1).note]).toEqual([49, 51]);
  });

  it('cuts a block, and mix-paste only fills empty fields', async () => {
    app = await renderApp({ song: song() });
    await app.press(KEYS.tab);
    await app.key('block.cut');
    expect(cell(0, 1).note).toBe(0);
    await app.press(KEYS.shiftTab);
    await app.key('block.mixPaste');
    expect(cell(0, 0)).toMatchObject({ note: 49, instrument: 1 });
    await app.press(KEYS.down);
    await app.press(KEYS.down);
    await app.key('block.mixPaste');
    expect(cell(2, 0)).toMatchObject({ note: 30, instrument: 2 });
  });

  it('says so when there is nothing to paste', async () => {
    app = await renderApp({ song: song() });
    await app.key('block.paste');
    expect(app.frame()).toContain('nothing to paste');
  });
});

describe('transforms', () => {
  it('transposes the marked notes by semitones and octaves (or the cell under the cursor)', async () => {
    app = await renderApp({ song: song() });
    await app.press(KEYS.shiftDown);
    await app.key('block.transposeUp');
    expect([cell(0).note, cell(1).note]).toEqual([50, 52]);
    await app.key('block.octaveUp');
    await app.key('block.transposeDown');
    expect([cell(0).note, cell(1).note]).toEqual([61, 63]);
    await app.key('block.octaveDown');
    expect(cell(0).note).toBe(49);
    await app.key('block.unmark');
    await app.key('block.transposeUp');
    expect([cell(0).note, cell(1).note]).toEqual([49, 52]);
  });

  it('interpolates volumes and effect values between the first and last marked rows', async () => {
    app = await renderApp({ song: song() });
    for (let i = 0; i < 4; i++) await app.press(KEYS.shiftDown);
    await app.key('block.interpolateVolume');
    expect([0, 1, 2, 3, 4].map((r) => cell(r).volume?.value)).toEqual([0, 16, 32, 48, 64]);
    await app.key('block.interpolateEffect');
    expect([0, 1, 2, 3, 4].map((r) => cell(r).effects[0]?.param)).toEqual([0x10, 0x20, 0x30, 0x40, 0x50]);
  });

  it('asks for two rows before interpolating', async () => {
    app = await renderApp({ song: song() });
    await app.key('block.interpolateVolume');
    expect(app.frame()).toContain('mark at least two rows');
  });

  it('scales volumes by a typed percentage', async () => {
    app = await renderApp({ song: song() });
    for (let i = 0; i < 4; i++) await app.press(KEYS.shiftDown);
    await app.key('block.scaleVolume');
    expect(app.frame()).toContain('Scale volumes by percent');
    await app.key('prompt.clear');
    await app.key('prompt.type', { text: '5' });
    await app.press('0');
    await app.key('prompt.submit');
    expect(cell(4).volume).toEqual({ kind: 'volume', value: 32 });
    expect(cell(1).volume).toEqual({ kind: 'volume', value: 32 });
  });

  it('sets the current instrument on the marked notes', async () => {
    app = await renderApp({ song: song() });
    await app.key('instrument.next');
    await app.key('block.selectChannel');
    await app.key('block.selectChannel');
    await app.key('block.setInstrument');
    expect([cell(0).instrument, cell(1).instrument, cell(0, 1).instrument, cell(4).instrument]).toEqual([2, 2, 2, 0]);
  });
});
