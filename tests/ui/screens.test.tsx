// Screens through keys: F-keys and their Ctrl/letter alternatives switch screens, the help screen
// is generated from the keymap (overrides included) and searchable, the screen grows with the
// terminal and follows live resizes, and colours come in truecolor, 256, 16 and none.
import { afterEach, describe, expect, it } from 'vitest';
import { createSong } from '../../src/song/create.js';
import { setPatternSignature } from '../../src/song/edit-pattern.js';
import { stripAnsi } from '../../src/ui/render/theme.js';
import { KEYS, renderApp, type RenderedApp } from './helpers/render-app.js';

let app: RenderedApp;
afterEach(() => app?.unmount());

describe('switching screens', () => {
  const screens = [
    ['screen.help', 'help'], ['screen.samples', 'samples'], ['screen.instruments', 'instruments'], ['screen.orders', 'orders'],
    ['screen.settings', 'settings'], ['screen.files', 'files'], ['screen.saveAs', 'files'], ['screen.pattern', 'pattern'],
  ] as const;

  it('F-keys switch screens', async () => {
    app = await renderApp();
    for (const [id, kind] of screens) {
      await app.key(id);
      expect(app.state().view.kind).toBe(kind);
    }
    expect(app.frame()).toContain('[Pattern]');
    await app.key('screen.orders');
    await app.key('screen.pattern');
    expect(app.state().view.kind).toBe('pattern');
  });

  it('each screen also has a Ctrl or letter key', async () => {
    app = await renderApp();
    for (const [id, kind] of screens) {
      await app.key(id, { which: 1 });
      expect(app.state().view.kind).toBe(kind);
    }
    await app.key('screen.help', { which: 2 });
    expect(app.frame()).toContain('[Help]');
  });
});

describe('help screen', () => {
  it('lists commands by group with their keys, scrolls, and goes back', async () => {
    app = await renderApp({ rows: 30 });
    await app.key('screen.orders');
    await app.key('screen.help');
    expect(app.frame()).toMatch(/Screens\n +F1, \?, Ctrl\+G +help/);
    await app.key('help.pageDown');
    await app.key('help.pageDown', { which: 1 });
    await app.key('help.down');
    await app.key('help.up');
    await app.key('help.pageUp');
    expect(app.frame()).not.toContain('\n Screens\n');
    await app.key('help.close');
    expect(app.state().view.kind).toBe('orders');
  });

  it('wraps long descriptions at 80 columns and stops scrolling at the last line', async () => {
    app = await renderApp();
    await app.key('screen.help');
    expect(app.frame()).toMatch(/F10, Ctrl\+W +save the song as\.\.\. \(files screen, choose the\n +format\)/);
    for (let i = 0; i < 30; i++) await app.key('help.pageDown');
    const end = app.frame();
    expect(end).toMatch(/ (\d+)\/\1\n/);
    await app.key('help.up');
    expect(app.frame()).not.toBe(end);
    expect(app.frame()).toContain('more below');
  });

  it('searches as you type and keeps or clears the filter', async () => {
    app = await renderApp();
    await app.key('screen.help');
    await app.key('help.search');
    for (const ch of 'mute') await app.key('helpSearch.type', { text: ch });
    expect(app.frame()).toContain('search: mute_');
    expect(app.frame()).toContain('Alt+F9, Ctrl+K');
    expect(app.frame()).not.toContain('Screens');
    await app.key('helpSearch.backspace');
    await app.key('helpSearch.done');
    expect(app.frame()).toContain('search: mut');
    await app.key('help.search');
    await app.press('zzzz');
    expect(app.frame()).toContain('nothing matches "zzzz"');
    await app.key('helpSearch.cancel');
    expect(app.frame()).toContain('Screens');
    await app.key('help.close', { which: 1 });
    expect(app.state().view.kind).toBe('pattern');
  });

  it('shows keys the user rebound, and those keys work', async () => {
    app = await renderApp({ preferences: { keys: { 'transport.playSong': ['Ctrl+B'] } } });
    await app.key('screen.help');
    await app.key('help.search');
    await app.press('play the song from the start');
    expect(app.frame()).toMatch(/Ctrl\+B +play the song from the start/);
    await app.press(KEYS.esc);
    await app.press(KEYS.esc);
    await app.press(KEYS.ctrl('b'));
    expect(app.engine.sent('play')).toHaveLength(1);
  });
});

describe('terminal size and colours', () => {
  it('draws exactly the terminal height, and more channels on a wider screen', async () => {
    app = await renderApp({ columns: 100, rows: 30, song: createSong({ channels: 12 }) });
    const lines = app.frame().split('\n');
    expect(lines).toHaveLength(30);
    expect(lines[1]).toMatch(/\|06/);
    expect(lines[28]).toContain('Oct 4');
  });

  it('asks for 80x24 when the terminal is smaller', async () => {
    app = await renderApp({ columns: 70, rows: 20 });
    expect(app.frame()).toContain('terminal is 70x20: tracker wants at least 80x24');
    expect(app.frame().split('\n')).toHaveLength(20);
  });

  it('follows a live resize', async () => {
    app = await renderApp();
    await app.after(() => app.store.dispatch({ type: 'resize', size: { columns: 90, rows: 26 } }));
    expect(app.state().size).toEqual({ columns: 90, rows: 26 });
  });

  it('shades beat and measure rows (256 colours and more; 16 colours mark only the row numbers)', async () => {
    app = await renderApp({ colorLevel: '256' });
    const line = (row: number) => app.rawFrame().split('\n').find((l) => stripAnsi(l).startsWith(` ${String(row).padStart(2, '0')} |`)) ?? '';
    expect(line(4)).toContain('48;5;234');
    expect(line(16)).toContain('48;5;236');
    expect(line(5)).not.toMatch(/48;5;23[46]/);
    await app.press(KEYS.down);
    expect(line(1)).toContain('48;5;60');
    app.unmount();
    app = await renderApp({ colorLevel: '16' });
    expect(line(4)).not.toMatch(/\u001b\[[0-9;]*4[0-7]m/);
    expect(line(4)).toMatch(/\u001b\[33m04 /);
    expect(line(16)).toMatch(/\u001b\[1m\u001b\[93m16 /);
  });

  it('shades a pattern with its own time signature by it, not by the song\'s', async () => {
    const song = setPatternSignature(createSong(), 0, 3, 12);
    app = await renderApp({ colorLevel: '256', song });
    const line = (row: number) => app.rawFrame().split('\n').find((l) => stripAnsi(l).startsWith(` ${String(row).padStart(2, '0')} |`)) ?? '';
    expect(line(3)).toContain('48;5;234');
    expect(line(12)).toContain('48;5;236');
    expect(line(4)).not.toMatch(/48;5;23[46]/);
    expect(line(16)).not.toMatch(/48;5;23[46]/);
  });

  it('writes truecolor, 256-colour, 16-colour and colourless frames', async () => {
    app = await renderApp({ colorLevel: 'truecolor' });
    expect(app.rawFrame()).toContain('38;2;');
    app.unmount();
    app = await renderApp({ colorLevel: '256' });
    expect(app.rawFrame()).toContain('38;5;');
    expect(app.rawFrame()).not.toContain('38;2;');
    app.unmount();
    app = await renderApp({ colorLevel: '16' });
    expect(app.rawFrame()).toMatch(/\u001b\[9[0-7]m/);
    expect(app.rawFrame()).not.toContain('38;5;');
    app.unmount();
    app = await renderApp({ colorLevel: 'none' });
    expect(app.rawFrame()).not.toMatch(/\u001b\[(3[0-7]|9[0-7]|4[0-7]|10[0-7]|38;|48;)/);
    expect(app.rawFrame()).toContain('\u001b[7m');
  });
});
