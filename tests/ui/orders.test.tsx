// The order list screen through keys: moving, typing pattern numbers, skip and end markers,
// inserting and deleting entries, new and cloned patterns, and editing an entry's pattern.
import { afterEach, describe, expect, it } from 'vitest';
import { createSong } from '../../src/song/create.js';
import { addPattern } from '../../src/song/edit-pattern.js';
import { renderApp, type RenderedApp } from './helpers/render-app.js';

let app: RenderedApp;
afterEach(() => app?.unmount());

function song() {
  let s = createSong({ channels: 4 });
  for (let i = 0; i < 11; i++) s = addPattern(s).song;
  return { ...s, orders: [0, 1, 2, 3] };
}

describe('order list', () => {
  it('opens with F11 and moves through entries, showing each one\'s pattern', async () => {
    app = await renderApp({ song: song() });
    await app.key('screen.orders');
    expect(app.frame()).toContain('Order list  4 entries, 12 patterns');
    await app.key('orders.down');
    await app.key('orders.down');
    expect(app.state().cursor).toMatchObject({ order: 2, pattern: 2 });
    await app.key('orders.bottom');
    expect(app.state().cursor.order).toBe(3);
    await app.key('orders.up');
    await app.key('orders.top');
    expect(app.state().cursor.order).toBe(0);
    await app.key('orders.pageDown');
    expect(app.state().cursor.order).toBe(3);
    await app.key('orders.pageUp');
    expect(app.state().cursor.order).toBe(0);
  });

  it('types one- and two-digit pattern numbers', async () => {
    app = await renderApp({ song: song() });
    await app.key('screen.orders', { which: 1 });
    await app.key('orders.typeDigit', { text: '1' });
    await app.key('orders.typeDigit', { text: '1' });
    expect(app.state().song.orders[0]).toBe(11);
    expect(app.frame()).toMatch(/ 000 {3}011/);
    await app.key('orders.down');
    await app.press('7');
    expect(app.state().song.orders[1]).toBe(7);
  });

  it('sets skip and end markers, inserts and deletes entries', async () => {
    app = await renderApp({ song: song() });
    await app.key('screen.orders');
    await app.key('orders.skip');
    await app.key('orders.down');
    await app.key('orders.end');
    expect(app.state().song.orders).toEqual(['skip', 'end', 2, 3]);
    expect(app.frame()).toContain('+++');
    expect(app.frame()).toContain('---');
    await app.key('orders.insert');
    expect(app.state().song.orders).toEqual(['skip', 'end', 'end', 2, 3]);
    await app.key('orders.delete');
    await app.key('orders.delete', { which: 1 });
    expect(app.state().song.orders).toEqual(['skip', 'end', 3]);
  });

  it('makes a new pattern or a clone after the entry, and Enter edits the entry\'s pattern', async () => {
    app = await renderApp({ song: song() });
    await app.key('screen.orders');
    await app.key('orders.newPattern');
    expect(app.state().song.orders).toEqual([0, 12, 1, 2, 3]);
    await app.key('orders.clonePattern');
    expect(app.state().song.orders).toEqual([0, 12, 13, 1, 2, 3]);
    expect(app.frame()).toContain('cloned into pattern 13');
    await app.key('orders.edit');
    expect(app.state().view.kind).toBe('pattern');
    expect(app.state().cursor).toMatchObject({ order: 2, pattern: 13 });
  });

  it('refuses pattern numbers the song does not have', async () => {
    app = await renderApp({ song: createSong() });
    await app.key('screen.orders');
    await app.press('5');
    expect(app.frame()).toContain('no pattern 5');
  });
});
