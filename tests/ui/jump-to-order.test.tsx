// Jumping to an order: in the order list, F7 carries playback on from the start of the chosen order
// and F6 loops that order's pattern, whether or not the song is playing; the engine restarts there.
import { afterEach, describe, expect, it } from 'vitest';
import { EngineCore } from '../../src/engine/host/engine-core.js';
import { createSong } from '../../src/song/create.js';
import { addPattern } from '../../src/song/edit-pattern.js';
import { renderApp, type RenderedApp } from './helpers/render-app.js';
import { simpleMix } from '../helpers/simple-mix.js';

let app: RenderedApp;
afterEach(() => app?.unmount());

function threeOrders() {
  let song = createSong({ channels: 4 });
  song = addPattern(song).song;
  song = addPattern(song).song;
  return { ...song, orders: [0, 1, 2] };
}

describe('jump to order', () => {
  it('F7 in the order list jumps playback to the order under the cursor, F6 loops its pattern', async () => {
    app = await renderApp({ song: threeOrders() });
    await app.key('transport.playSong');
    await app.after(() => { app.engine.position({ order: 0, pattern: 0, row: 5 }); app.store.flushPosition(); });
    await app.key('screen.orders');
    await app.key('orders.down');
    await app.key('orders.down');
    await app.key('transport.playFromCursor');
    await app.key('orders.up');
    await app.key('transport.playPattern');
    expect(app.engine.commands.filter((c) => c.type === 'play')).toEqual([
      { type: 'play', mode: 'song', order: 0, row: 0 },
      { type: 'play', mode: 'song', order: 2, row: 0 },
      { type: 'play', mode: 'pattern', order: 1, row: 0 },
    ]);
  });

  it('the engine carries on from the start of that order', () => {
    const core = new EngineCore({ sampleRate: 48000, mix: simpleMix(48000) });
    core.handle({ type: 'setSong', song: threeOrders() });
    core.handle({ type: 'play', mode: 'song', order: 0, row: 0 });
    const l = new Float32Array(9600);
    const r = new Float32Array(9600);
    core.render(l, r, 9600);
    expect(core.snapshot().row).toBeGreaterThan(0);
    core.handle({ type: 'play', mode: 'song', order: 2, row: 0 });
    expect(core.snapshot()).toMatchObject({ playing: true, order: 2, row: 0 });
    core.render(l, r, 9600);
    expect(core.snapshot()).toMatchObject({ playing: true, order: 2 });
    expect(core.snapshot().row).toBeGreaterThan(0);
  });
});
