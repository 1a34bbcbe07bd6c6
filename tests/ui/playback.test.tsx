// Playback and channels through keys and engine events: transport commands, the playing row
// (page flips while following), VU and mute/solo in channel headers, audio status in the status
// line, display frame rate apart from the sequencer; and whole-pattern commands.
import { afterEach, describe, expect, it } from 'vitest';
import { createSong } from '../../src/song/create.js';
import { editCell } from '../../src/song/edit-cell.js';
import { addPattern } from '../../src/song/edit-pattern.js';
import { getCell } from '../../src/song/pattern.js';
import { DEFAULT_PREFERENCES } from '../../src/ui/settings/settings.js';
import { initialState } from '../../src/ui/store/app-state.js';
import { defaultNewSong, nodeServices } from '../../src/ui/store/services.js';
import { AppStore } from '../../src/ui/store/store.js';
import { defaultKeymap } from '../../src/ui/keys/keymap.js';
import { FakeEngine } from './helpers/fake-engine.js';
import { KEYS, renderApp, type RenderedApp } from './helpers/render-app.js';

let app: RenderedApp;
afterEach(() => app?.unmount());

function twoPatterns() {
  let song = addPattern(createSong({ channels: 6 })).song;
  song = { ...song, orders: [0, 1] };
  return editCell(song, { pattern: 1, row: 0, channel: 0 }, { note: 61 });
}

describe('transport', () => {
  it('plays the song, the pattern, from the cursor, and stops', async () => {
    app = await renderApp({ song: twoPatterns() });
    await app.key('transport.playSong');
    await app.press(KEYS.ctrlRight);
    for (let i = 0; i < 3; i++) await app.press(KEYS.down);
    await app.key('transport.playPattern');
    await app.key('transport.playFromCursor');
    await app.key('transport.stop');
    await app.key('transport.playSong', { which: 1 });
    expect(app.engine.commands.filter((c) => c.type === 'play' || c.type === 'stop')).toEqual([
      { type: 'play', mode: 'song', order: 0, row: 0 },
      { type: 'play', mode: 'pattern', order: 1, row: 0 },
      { type: 'play', mode: 'song', order: 1, row: 3 },
      { type: 'stop' },
      { type: 'play', mode: 'song', order: 0, row: 0 },
    ]);
  });

  it('plays one row, and pauses and continues', async () => {
    app = await renderApp({ song: twoPatterns() });
    for (let i = 0; i < 2; i++) await app.press(KEYS.down);
    await app.key('transport.playRow');
    await app.key('transport.pause');
    await app.after(() => { app.engine.position({ order: 0, pattern: 0, row: 2, paused: true }); app.store.flushPosition(); });
    await app.key('transport.pause');
    expect(app.engine.commands.filter((c) => c.type === 'play' || c.type === 'pause' || c.type === 'resume')).toEqual([
      { type: 'play', mode: 'row', order: 0, row: 2 },
      { type: 'pause' },
      { type: 'resume' },
    ]);
  });

  it('shows the playing row, follows it a page at a time, and shows STOP when it ends', async () => {
    app = await renderApp({ song: twoPatterns() });
    await app.after(() => { app.engine.position({ order: 0, pattern: 0, row: 5, speed: 6, tempo: 125 }); app.store.flushPosition(); });
    expect(app.frame()).toMatch(/\n>05 \|/);
    expect(app.frame()).toContain('PLAY  ord 000 pat 00 row 05 6/125 0:00');
    await app.after(() => { app.engine.position({ order: 1, pattern: 1, row: 25 }); app.store.flushPosition(); });
    const lines = app.frame().split('\n');
    expect(lines[2]?.startsWith(' 20 |')).toBe(true);
    expect(app.frame()).toMatch(/\n>25 \|/);
    expect(app.state().cursor).toMatchObject({ order: 1, pattern: 1, row: 25 });
    await app.after(() => app.engine.emit({ type: 'ended' }));
    expect(app.frame()).toContain('STOP');
  });

  it('leaves the cursor alone with follow playback off', async () => {
    app = await renderApp({ song: twoPatterns() });
    await app.key('view.followPlayback');
    expect(app.frame()).toContain('follow playback off');
    await app.after(() => { app.engine.position({ order: 0, pattern: 0, row: 3 }); app.store.flushPosition(); });
    expect(app.state().cursor.row).toBe(0);
    expect(app.frame()).toMatch(/\n>03 \|/);
  });

  it('shows VU levels, audio status, engine load and engine errors', async () => {
    app = await renderApp({ song: twoPatterns() });
    await app.after(() => { app.engine.position({ order: 0, pattern: 0, row: 0, vu: [1, 0.5, 0] }); app.store.flushPosition(); });
    expect(app.frame().split('\n')[1]).toMatch(/\|01 {8}####\|02 {8}## {2}\|03 {8} {4}/);
    await app.after(() => app.engine.emit({ type: 'audio', status: { kind: 'silent', detail: 'engine starting', sampleRate: 48000 } }));
    expect(app.frame()).toContain('silent: engine starting');
    await app.after(() => app.engine.emit({ type: 'audio', status: { kind: 'device', detail: 'hw:0', sampleRate: 48000, load: { average: 0.12, peak: 0.2, underrunRatio: 0 } } }));
    expect(app.frame()).toContain('audio: hw:0 | MIDI off | load 12%');
    await app.after(() => app.store.dispatch({ type: 'midiStatus', text: 'MIDI: port 1' }));
    expect(app.frame()).toContain('MIDI: port 1');
    await app.after(() => app.engine.emit({ type: 'error', message: 'device lost' }));
    expect(app.frame()).toContain('engine: device lost');
  });

  it('keeps position, audio, MIDI and engine load on one 80-column line, shortening the audio detail', async () => {
    app = await renderApp({ song: twoPatterns() });
    await app.after(() => app.engine.emit({ type: 'audio', status: { kind: 'silent', detail: 'no sound device', sampleRate: 48000, load: { average: 0.08, peak: 0.1, underrunRatio: 0.01 } } }));
    await app.after(() => { app.engine.position({ order: 12, pattern: 1, row: 11, speed: 6, tempo: 118, seconds: 71 }); app.store.flushPosition(); });
    const line = app.frame().split('\n')[23] ?? '';
    expect(line).toMatch(/^ PLAY  ord 012 pat 01 row 11 6\/118 1:11 \| silent \| MIDI off \| load 8% xrun 1\.0%$/);
    await app.after(() => app.engine.emit({ type: 'audio', status: { kind: 'silent', detail: 'no sound device', sampleRate: 48000, load: { average: 0.08, peak: 0.1, underrunRatio: 0 } } }));
    expect(app.frame().split('\n')[23]).toMatch(/1:11 \| silent: no sound~ \| MIDI off \| load 8%$/);
    expect(line.length).toBeLessThanOrEqual(80);
    // Following playback, the row is on the play line; the entry line stays put (no repaint per row).
    expect(app.frame().split('\n')[22]).toMatch(/ Ord 001\/2 Pat 01\/2 EDIT FOLLOW$/);
    await app.key('view.followPlayback');
    expect(app.frame().split('\n')[22]).toMatch(/ Ord 001\/2 Pat 01\/2 Row 11\/64 EDIT$/);
  });
});

describe('channels', () => {
  it('mutes, solos and unmutes channels, telling the engine and the header', async () => {
    app = await renderApp({ song: twoPatterns() });
    await app.key('channel.mute');
    expect(app.frame().split('\n')[1]).toContain('|01M');
    await app.press(KEYS.tab);
    await app.key('channel.solo');
    expect(app.frame().split('\n')[1]).toContain('|02S');
    expect(app.state().mutes).toEqual([true, false, true, true, true, true]);
    await app.key('channel.solo');
    expect(app.state().mutes.every((m) => !m)).toBe(true);
    await app.key('channel.mute', { which: 1 });
    await app.key('channel.unmuteAll');
    const mutes = app.engine.sent('setMute');
    expect(mutes[0]).toEqual({ type: 'setMute', channel: 0, muted: true });
    const last = new Map(mutes.map((m) => [m.channel, m.muted]));
    expect([...last.values()].every((m) => !m)).toBe(true);
    expect(last.size).toBe(6);
    await app.key('channel.solo', { which: 1 });
    await app.key('channel.unmuteAll', { which: 1 });
    expect(app.state().mutes.every((m) => !m)).toBe(true);
  });
});

describe('patterns', () => {
  it('moves between orders and clones the pattern into the order list', async () => {
    app = await renderApp({ song: twoPatterns() });
    await app.key('pattern.nextOrder');
    expect(app.frame()).toContain('Pat 01/2');
    await app.key('pattern.nextOrder');
    expect(app.frame()).toContain('last pattern in the order list');
    await app.key('pattern.previousOrder');
    await app.key('pattern.nextOrder', { which: 1 });
    await app.key('pattern.clone');
    expect(app.state().song.orders).toEqual([0, 1, 2]);
    expect(getCell(app.state().song.patterns[2]!, 0, 0).note).toBe(61);
    expect(app.frame()).toContain('Pat 02/3');
    await app.key('pattern.previousOrder', { which: 1 });
    expect(app.state().cursor.pattern).toBe(1);
  });

  it('adds a new empty pattern and changes the pattern length', async () => {
    app = await renderApp({ song: twoPatterns() });
    await app.key('pattern.new');
    expect(app.state().song.orders).toEqual([0, 2, 1]);
    await app.key('pattern.length');
    expect(app.frame()).toContain('Rows in pattern 2');
    await app.key('prompt.clear');
    await app.press('32');
    await app.key('prompt.submit');
    expect(app.state().song.patterns[2]?.rows).toBe(32);
    await app.key('pattern.length', { which: 1 });
    await app.key('prompt.backspace');
    await app.key('prompt.backspace');
    await app.press('x');
    await app.key('prompt.submit');
    expect(app.frame()).toContain('"x" is not a pattern length');
    await app.key('pattern.length');
    await app.key('prompt.cancel');
    expect(app.state().modal).toBeNull();
  });
});

describe('display frame rate', () => {
  it('shows at most one position per frame interval; the newest wins', () => {
    const engine = new FakeEngine();
    let now = 0;
    const song = defaultNewSong();
    const store = new AppStore(
      initialState({ song, filePath: null, preferences: DEFAULT_PREFERENCES, workDir: '/', size: { columns: 80, rows: 24 } }),
      nodeServices(engine, { add: () => {}, list: () => [] }),
      { keymap: defaultKeymap(), displayFps: 10, now: () => now },
    );
    engine.position({ order: 0, pattern: 0, row: 1 });
    expect(store.getState().playback?.row).toBe(1);
    now = 30;
    engine.position({ order: 0, pattern: 0, row: 2 });
    engine.position({ order: 0, pattern: 0, row: 3 });
    expect(store.getState().playback?.row).toBe(1);
    store.flushPosition();
    expect(store.getState().playback?.row).toBe(3);
    store.dispose();
  });

  it('shows a new row at the display frame rate but VU-only changes at most 15 times a second', () => {
    const engine = new FakeEngine();
    let now = 0;
    const store = new AppStore(
      initialState({ song: defaultNewSong(), filePath: null, preferences: DEFAULT_PREFERENCES, workDir: '/', size: { columns: 80, rows: 24 } }),
      nodeServices(engine, { add: () => {}, list: () => [] }),
      { keymap: defaultKeymap(), displayFps: 60, now: () => now },
    );
    engine.position({ order: 0, pattern: 0, row: 1, vu: [0.1] });
    now = 20;
    engine.position({ order: 0, pattern: 0, row: 1, vu: [0.9] });
    expect(store.getState().playback?.vu).toEqual([0.1]);
    now = 30;
    engine.position({ order: 0, pattern: 0, row: 2, vu: [0.5] });
    expect(store.getState().playback).toMatchObject({ row: 2, vu: [0.5] });
    store.dispose();
  });
});
