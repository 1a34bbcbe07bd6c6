// Pattern editor entry through keys: piano notes, octave and edit step, note off/cut/fade, keyjazz,
// typed instrument/volume/effect values in both notations, clearing, row insert/delete, cursor
// movement with page flips, record mode, undo/redo, and the engine hearing every edit.
import { afterEach, describe, expect, it } from 'vitest';
import { createSong } from '../../src/song/create.js';
import { addSample } from '../../src/song/edit-instrument.js';
import { NOTE_CUT, NOTE_FADE, NOTE_OFF } from '../../src/song/notes.js';
import { getCell } from '../../src/song/pattern.js';
import { synthesize } from '../../src/song/synth.js';
import { KEYS, renderApp, type RenderedApp } from './helpers/render-app.js';

let app: RenderedApp;
afterEach(() => app?.unmount());

const cell = (row: number, channel = 0) => getCell(app.state().song.patterns[app.state().cursor.pattern]!, row, channel);
/** The frame line of a pattern row on the current page (line 0 title, 1 channel header). */
const rowLine = (row: number) => app.frame().split('\n').find((l) => l.startsWith(` ${String(row).padStart(2, '0')} |`) || l.startsWith(`>${String(row).padStart(2, '0')} |`)) ?? '';

function xmSong() {
  return addSample(createSong({ channels: 4, notation: 'xm' }), synthesize('saw')).song;
}

describe('notes', () => {
  it('enters notes from both piano rows with the current instrument and moves by the edit step', async () => {
    app = await renderApp();
    await app.press('z');
    await app.press('q');
    await app.press('2');
    expect([cell(0).note, cell(1).note, cell(2).note]).toEqual([49, 61, 62]);
    expect(cell(0).instrument).toBe(1);
    expect(rowLine(0)).toContain('C-4 01');
    expect(rowLine(2)).toContain('C#5 01');
    expect(app.state().cursor.row).toBe(3);
  });

  it('reaches all 32 piano keys through the keymap', async () => {
    app = await renderApp({ state: { editStep: 0 } });
    for (let i = 0; i < 32; i++) {
      await app.key(`note.${i}`);
      expect(cell(0).note).toBe(4 * 12 + i + 1);
    }
  });

  it('changes octave and edit step', async () => {
    app = await renderApp();
    await app.key('edit.octaveUp');
    expect(app.frame()).toContain('Oct 5');
    await app.press('z');
    expect(cell(0).note).toBe(61);
    await app.key('edit.octaveDown');
    await app.key('edit.octaveDown');
    await app.key('edit.stepUp');
    expect(app.frame()).toContain('Step 2');
    await app.press('z');
    expect(cell(1).note).toBe(37);
    expect(app.state().cursor.row).toBe(3);
    await app.key('edit.stepDown');
    await app.key('edit.stepDown');
    await app.press('x');
    expect(app.state().cursor.row).toBe(3);
  });

  it('QWERTZ: - and + are piano keys on the note column; _ and * change the octave', async () => {
    app = await renderApp({ preferences: { keyboardLayout: 'qwertz' }, state: { editStep: 0 } });
    await app.press('-');
    expect(cell(0).note).toBe(4 * 12 + 16 + 1);
    await app.key('edit.octaveDown', { which: 1 });
    expect(app.frame()).toContain('Oct 3');
    await app.key('edit.octaveUp', { which: 1 });
    await app.key('edit.octaveUp', { which: 1 });
    expect(app.frame()).toContain('Oct 5');
    await app.press('y');
    expect(cell(0).note).toBe(5 * 12 + 1);
  });

  it('enters note off, note cut and note fade', async () => {
    app = await renderApp();
    await app.key('note.off');
    await app.key('note.cut');
    await app.key('note.fade');
    expect([cell(0).note, cell(1).note, cell(2).note]).toEqual([NOTE_OFF, NOTE_CUT, NOTE_FADE]);
    expect(rowLine(0)).toContain('===');
    expect(rowLine(1)).toContain('^^^');
    expect(rowLine(2)).toContain('~~~');
  });

  it('keyjazz: with edit mode off notes only sound', async () => {
    app = await renderApp();
    await app.key('edit.toggleEditMode');
    expect(app.frame()).toContain('JAZZ');
    app.engine.clear();
    await app.press('q');
    expect(app.engine.sent('previewNote')).toEqual([{ type: 'previewNote', note: 61, instrument: 1, volume: 64, channel: 0 }]);
    expect(app.state().song).toBe(app.state().savedSong);
    await app.key('edit.toggleEditMode');
    expect(app.frame()).toContain('EDIT');
  });

  it('switches the current instrument with < and >', async () => {
    const song = addSample(addSample(createSong(), synthesize('kick')).song, synthesize('snare')).song;
    app = await renderApp({ song });
    await app.key('instrument.next');
    expect(app.frame()).toMatch(/Ins 02 snare/);
    await app.press('z');
    expect(cell(0).instrument).toBe(2);
    await app.key('instrument.previous');
    expect(app.frame()).toMatch(/Ins 01 kick/);
  });
});

describe('typed values', () => {
  it('types instrument digits (decimal in IT notation) and volumes', async () => {
    app = await renderApp({ state: { editStep: 0 } });
    await app.key('cursor.right');
    await app.key('pattern.typeValue', { text: '1' });
    await app.key('pattern.typeValue', { text: '2' });
    expect(cell(0).instrument).toBe(12);
    await app.key('cursor.right');
    await app.key('cursor.right');
    expect(app.state().cursor.column).toBe(3);
    await app.press('4');
    await app.press('0');
    expect(cell(0).volume).toEqual({ kind: 'volume', value: 40 });
    await app.press('p');
    expect(cell(0).volume).toEqual({ kind: 'panning', value: 40 });
    expect(rowLine(0)).toContain('... 12 p40');
  });

  it('types hexadecimal instruments and XM effect letters in an XM-notation song', async () => {
    app = await renderApp({ song: xmSong(), state: { editStep: 0 } });
    await app.press(KEYS.right);
    await app.press('1f');
    expect(cell(0).instrument).toBe(0x1f);
    expect(app.state().cursor.column).toBe(1);
    for (let i = 0; i < 5; i++) await app.press(KEYS.right);
    expect(app.state().cursor.column).toBe(6);
    await app.press('a0f');
    expect(cell(0).effects[0]).toEqual({ kind: 'volSlide', param: 0x0f });
    expect(rowLine(0)).toContain('A0F');
  });

  it('types IT effects, sub-commands, and the lower-case extras with Shift', async () => {
    app = await renderApp({ state: { editStep: 1 } });
    for (let i = 0; i < 6; i++) await app.press(KEYS.right);
    await app.press('d0f');
    expect(cell(0).effects[0]).toEqual({ kind: 'volSlide', param: 0x0f });
    await app.press('sd2');
    expect(cell(1).effects[0]).toEqual({ kind: 'noteDelay', param: 2 });
    await app.press('C40');
    expect(cell(2).effects[0]).toEqual({ kind: 'setVolume', param: 0x40 });
    expect(app.frame()).toContain('SD2');
  });

  it('refuses what is not an effect in the song\'s notation, saying why', async () => {
    app = await renderApp();
    for (let i = 0; i < 6; i++) await app.press(KEYS.right);
    await app.press('!');
    expect(app.frame()).toContain('"!" is not an effect in IT notation');
    expect(cell(0).effects[0]).toBeNull();
    await app.press(KEYS.right);
    await app.press('5');
    expect(app.frame()).toContain('type the effect letter first');
  });
});

describe('clearing, rows and cursor', () => {
  it('clears a field, a whole cell, and inserts and deletes rows in a channel or all', async () => {
    app = await renderApp({ state: { editStep: 1 } });
    await app.press('zxc');
    await app.press(KEYS.up);
    await app.key('edit.clearField');
    expect(cell(2).note).toBe(0);
    await app.press(`${KEYS.home}`);
    await app.key('edit.insertRow');
    expect([cell(0).note, cell(1).note, cell(2).note]).toEqual([0, 49, 51]);
    await app.key('edit.deleteRow');
    expect(cell(0).note).toBe(49);
    await app.press(KEYS.tab);
    await app.press('z');
    await app.press(KEYS.home);
    await app.key('edit.insertWholeRow');
    expect([cell(1, 0).note, cell(1, 1).note]).toEqual([49, 49]);
    await app.key('edit.deleteWholeRow');
    expect([cell(0, 0).note, cell(0, 1).note]).toEqual([49, 49]);
    await app.key('edit.clearCell');
    expect(cell(0, 1).note).toBe(0);
  });

  it('moves the cursor across columns and channels, by measures, and to the ends', async () => {
    app = await renderApp();
    for (let i = 0; i < 9; i++) await app.key('cursor.right');
    expect(app.state().cursor).toMatchObject({ channel: 1, column: 0 });
    await app.key('cursor.left');
    expect(app.state().cursor).toMatchObject({ channel: 0, column: 8 });
    await app.key('cursor.nextChannel');
    await app.key('cursor.nextChannel');
    expect(app.state().cursor).toMatchObject({ channel: 2, column: 0 });
    await app.key('cursor.previousChannel');
    expect(app.state().cursor.channel).toBe(1);
    await app.key('cursor.pageDown');
    expect(app.state().cursor.row).toBe(16);
    await app.key('cursor.pageUp');
    await app.key('cursor.bottom');
    expect(app.state().cursor.row).toBe(63);
    await app.key('cursor.top');
    await app.key('cursor.down');
    await app.key('cursor.down');
    await app.key('cursor.up');
    expect(app.state().cursor.row).toBe(1);
  });

  it('flips pages of rows (20 rows at 80x24) and scrolls channels just enough to show the cursor (5 of 8 at 80 columns)', async () => {
    app = await renderApp();
    for (let i = 0; i < 25; i++) await app.press(KEYS.down);
    const lines = app.frame().split('\n');
    expect(lines[2]?.startsWith(' 20 |')).toBe(true);
    expect(lines[21]?.startsWith(' 39 |')).toBe(true);
    const header = () => app.frame().split('\n')[1] ?? '';
    expect(header()).toMatch(/^ ED \|01 .*\|05 .*>$/);
    for (let i = 0; i < 5; i++) await app.press(KEYS.tab);
    expect(app.state().cursor.channel).toBe(5);
    expect(header()).toMatch(/^<ED \|02 .*\|06 .*>$/);
    for (let i = 0; i < 2; i++) await app.press(KEYS.tab);
    expect(header()).toMatch(/^<ED \|04 .*\|08[^>]*$/);
    for (let i = 0; i < 4; i++) await app.press(KEYS.shiftTab);
    expect(app.state().cursor.channel).toBe(3);
    expect(header()).toMatch(/^<ED \|04 .*\|08/);
    await app.press(KEYS.shiftTab);
    expect(header()).toMatch(/^<ED \|03 .*\|07 .*>$/);
    for (let i = 0; i < 7; i++) await app.press(KEYS.left);
    expect(app.state().cursor).toMatchObject({ channel: 1, column: 2 });
    expect(header()).toMatch(/^<ED \|02 .*\|06 .*>$/);
  });
});

describe('record mode, undo and the engine', () => {
  it('record mode puts notes on the playing row while playing', async () => {
    app = await renderApp();
    await app.key('view.followPlayback');
    await app.key('edit.toggleRecord');
    expect(app.frame()).toContain('REC');
    // A long message gets the title line (the brand and screen name give way) at 80 columns.
    expect(app.frame().split('\n')[0]).toMatch(/^ new song  record mode on: notes entered while playing land on the playing row +$/);
    await app.after(() => { app.engine.position({ order: 0, pattern: 0, row: 7 }); app.store.flushPosition(); });
    await app.press('z');
    expect(cell(7).note).toBe(49);
    expect(app.state().cursor.row).toBe(0);
  });

  it('undoes and redoes every edit, and knows when the song is back as saved', async () => {
    app = await renderApp();
    await app.press('zxc');
    await app.key('edit.undo');
    await app.key('edit.undo');
    expect([cell(0).note, cell(1).note, cell(2).note]).toEqual([49, 0, 0]);
    expect(app.state().cursor.row).toBe(1);
    await app.key('edit.redo');
    expect(cell(1).note).toBe(51);
    expect(app.frame()).toContain('new song *');
    await app.key('edit.undo');
    await app.key('edit.undo');
    expect(app.frame()).not.toContain('new song *');
    await app.key('edit.undo');
    expect(app.frame()).toContain('nothing to undo');
  });

  it('sends the changed pattern to the engine after each edit', async () => {
    app = await renderApp();
    expect(app.engine.sent('setSong')).toHaveLength(1);
    await app.press('z');
    const sent = app.engine.sent('setPattern');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.index).toBe(0);
    expect(sent[0]?.pattern).toBe(app.state().song.patterns[0]);
  });
});
