// Sample accuracy of live playback: the chunk scheduler, driven into an OfflineAudioContext, produces
// exactly the frames of a direct render of the same song; and the engine core's commands.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OfflineAudioContext } from 'node-web-audio-api';
import { describe, expect, it } from 'vitest';
import { ChunkScheduler, type AudioContextLike } from '../../../src/engine/host/chunk-scheduler.js';
import { EngineCore } from '../../../src/engine/host/engine-core.js';
import type { EngineCommand } from '../../../src/engine/protocol.js';
import { readTrk } from '../../../src/formats/native/trk-read.js';
import { REPO } from '../../helpers/run-cli.js';
import { simpleMix } from '../../helpers/simple-mix.js';

const RATE = 48000;
const demo = readTrk(new Uint8Array(readFileSync(join(REPO, 'songs/demo-night-drive.trk')))).song;

function directRender(frames: number, block: number): Float32Array[] {
  const core = new EngineCore({ sampleRate: RATE, mix: simpleMix(RATE) });
  core.handle({ type: 'setSong', song: demo });
  core.handle({ type: 'play', mode: 'song', order: 0, row: 0 });
  const L = new Float32Array(frames);
  const R = new Float32Array(frames);
  const bl = new Float32Array(block);
  const br = new Float32Array(block);
  for (let off = 0; off < frames; off += block) {
    const n = Math.min(block, frames - off);
    core.render(bl, br, n);
    L.set(bl.subarray(0, n), off);
    R.set(br.subarray(0, n), off);
  }
  return [L, R];
}

/** 7 s of the demo from the top in 480-frame chunks, with `edits` sent after the first second. */
function renderWithEdit(edits: readonly EngineCommand[]): { L: Float32Array; core: EngineCore } {
  const core = new EngineCore({ sampleRate: RATE, mix: simpleMix(RATE) });
  core.handle({ type: 'setSong', song: demo });
  core.handle({ type: 'play', mode: 'song', order: 0, row: 0 });
  const frames = RATE * 7;
  const L = new Float32Array(frames);
  const bl = new Float32Array(480);
  const br = new Float32Array(480);
  for (let off = 0; off < frames; off += 480) {
    if (off === RATE) for (const e of edits) core.handle(e);
    core.render(bl, br, 480);
    L.set(bl, off);
  }
  return { L, core };
}

describe('chunk scheduler', () => {
  it('reproduces the direct render bit for bit through an OfflineAudioContext', async () => {
    const chunk = 480;
    const chunks = 200;
    const frames = chunk * chunks;
    const [refL, refR] = directRender(frames, 4096);
    const ctx = new OfflineAudioContext({ numberOfChannels: 2, length: frames, sampleRate: RATE });
    const core = new EngineCore({ sampleRate: RATE, mix: simpleMix(RATE) });
    core.handle({ type: 'setSong', song: demo });
    core.handle({ type: 'play', mode: 'song', order: 0, row: 0 });
    const sched = new ChunkScheduler(ctx as unknown as AudioContextLike, core, { chunkFrames: chunk });
    sched.scheduleChunks(chunks);
    const out = await ctx.startRendering();
    const L = out.getChannelData(0);
    const R = out.getChannelData(1);
    let energy = 0;
    let mismatches = 0;
    for (let i = 0; i < frames; i++) {
      energy += Math.abs(refL?.[i] ?? 0);
      if (L[i] !== refL?.[i] || R[i] !== refR?.[i]) mismatches++;
    }
    expect(energy).toBeGreaterThan(100);
    expect(mismatches).toBe(0);
  });

  it('reproduces it too when pumped as live: the clock moving by uneven steps, chunks kept ahead of it', async () => {
    // The live engine calls pump() whenever its timer fires and schedules against the audio clock.
    // Here the clock the scheduler sees moves by 1..4 render quanta between pumps (the offline
    // context itself renders everything at the end: its own suspend() is registered asynchronously
    // in node-web-audio-api 2.2 and races startRendering).
    const chunk = 384;
    const frames = 48000;
    const off = new OfflineAudioContext({ numberOfChannels: 2, length: frames, sampleRate: RATE });
    let now = 0;
    const ctx: AudioContextLike = {
      get currentTime() {
        return now / RATE;
      },
      sampleRate: RATE,
      destination: off.destination,
      createBuffer: (c, l, r) => off.createBuffer(c, l, r),
      createBufferSource: () => off.createBufferSource() as unknown as ReturnType<AudioContextLike['createBufferSource']>,
    };
    const core = new EngineCore({ sampleRate: RATE, mix: simpleMix(RATE) });
    core.handle({ type: 'setSong', song: demo });
    core.handle({ type: 'play', mode: 'song', order: 0, row: 0 });
    const sched = new ChunkScheduler(ctx, core, { chunkFrames: chunk, aheadFrames: 2 * chunk });
    let pumps = 0;
    for (let step = 0; now < frames - 2 * chunk; step++) {
      sched.pump();
      pumps++;
      now += 128 * (1 + ((step * 7) % 4));
    }
    sched.pump();
    expect(pumps).toBeGreaterThan(100);
    expect(sched.lateFrames).toBe(0);
    const out = await off.startRendering();
    // The stream starts one chunk after the clock at the first pump (frame 0).
    const [refL, refR] = directRender(frames - chunk, 4096);
    const L = out.getChannelData(0);
    const R = out.getChannelData(1);
    let mismatches = 0;
    let energy = 0;
    for (let i = 0; i < chunk; i++) if (L[i] !== 0) mismatches++;
    for (let i = 0; i < frames - chunk; i++) {
      energy += Math.abs(refL?.[i] ?? 0);
      if (L[chunk + i] !== refL?.[i] || R[chunk + i] !== refR?.[i]) mismatches++;
    }
    expect(energy).toBeGreaterThan(100);
    expect(mismatches).toBe(0);
  });

  it('renders the same frames whatever the chunk size', () => {
    const [a] = directRender(48000, 480);
    const [b] = directRender(48000, 1000);
    expect(a).toEqual(b);
  });
});

describe('engine core', () => {
  it('plays, reports positions, and stops', () => {
    const core = new EngineCore({ sampleRate: RATE, mix: simpleMix(RATE) });
    core.handle({ type: 'setSong', song: demo });
    expect(core.snapshot().playing).toBe(false);
    core.handle({ type: 'play', mode: 'song', order: 1, row: 4 });
    const L = new Float32Array(4800);
    const R = new Float32Array(4800);
    core.render(L, R, 4800);
    const s = core.snapshot();
    expect(s).toMatchObject({ playing: true, order: 1 });
    expect(s.row).toBeGreaterThanOrEqual(4);
    expect(s.vu.length).toBe(8);
    core.handle({ type: 'stop' });
    expect(core.snapshot().playing).toBe(false);
  });

  it('hears an edited pattern on its next pass', () => {
    const core = new EngineCore({ sampleRate: RATE, mix: simpleMix(RATE) });
    const silent = { ...demo, patterns: demo.patterns.map((p) => ({ ...p, data: new Uint8Array(p.data.length) })) };
    core.handle({ type: 'setSong', song: silent });
    core.handle({ type: 'play', mode: 'pattern', order: 2, row: 0 });
    const L = new Float32Array(24000);
    const R = new Float32Array(24000);
    core.render(L, R, 24000);
    expect(L.some((x) => x !== 0)).toBe(false);
    core.handle({ type: 'setPattern', index: 2, pattern: demo.patterns[2]! });
    const L2 = new Float32Array(96000);
    core.render(L2, new Float32Array(96000), 96000);
    expect(L2.some((x) => x !== 0)).toBe(true);
  });

  it('takes an order-list edit while playing without a gap or a cut note, and plays the new order next', () => {
    const plain = renderWithEdit([]);
    const edited = renderWithEdit([{ type: 'setSongFields', fields: { orders: demo.orders.map((o, i) => (i === 1 ? 3 : o)), title: 'edited' } }]);
    // Order 0 lasts 64 rows x 6 ticks x 2.5 / 118 s = 8.1 s: the first 7 s are the same to the sample.
    expect(edited.L).toEqual(plain.L);
    const tail = new Float32Array(RATE * 2);
    edited.core.render(tail, new Float32Array(RATE * 2), RATE * 2);
    expect(edited.core.snapshot()).toMatchObject({ order: 1, pattern: 3 });
  });

  it('plays a pattern added while playing when the order list reaches it, without disturbing what plays', () => {
    const index = demo.patterns.length;
    const plain = renderWithEdit([]);
    const edited = renderWithEdit([
      { type: 'setPattern', index, pattern: demo.patterns[2]! },
      { type: 'setSongFields', fields: { orders: demo.orders.map((o, i) => (i === 1 ? index : o)) } },
    ]);
    expect(edited.L).toEqual(plain.L);
    edited.core.render(new Float32Array(RATE * 2), new Float32Array(RATE * 2), RATE * 2);
    expect(edited.core.snapshot()).toMatchObject({ order: 1, pattern: index });
  });

  it('mutes channels within 20 ms (the next tick, then a click-free ramp), and unmutes them as fast', () => {
    const core = new EngineCore({ sampleRate: RATE, mix: simpleMix(RATE) });
    core.handle({ type: 'setSong', song: demo });
    core.handle({ type: 'play', mode: 'song', order: 1, row: 0 });
    const chunk = () => {
      const L = new Float32Array(480);
      const R = new Float32Array(480);
      core.render(L, R, 480);
      return [L, R] as const;
    };
    for (let i = 0; i < 100; i++) chunk();
    for (let c = 0; c < demo.channels.length; c++) core.handle({ type: 'setMute', channel: c, muted: true });
    chunk();
    chunk();
    for (let i = 0; i < 20; i++) {
      const [L, R] = chunk();
      expect(L.every((x) => x === 0) && R.every((x) => x === 0), `chunk ${i} after muting`).toBe(true);
    }
    for (let c = 0; c < demo.channels.length; c++) core.handle({ type: 'setMute', channel: c, muted: false });
    const heard = Array.from({ length: 40 }, () => chunk()[0].some((x) => x !== 0));
    expect(heard.slice(0, 2)).toContain(true);
  });

  it('previews a note while stopped, and releases it', () => {
    const core = new EngineCore({ sampleRate: RATE, mix: simpleMix(RATE) });
    core.handle({ type: 'setSong', song: demo });
    core.handle({ type: 'previewNote', note: 61, instrument: 8, volume: 64, channel: 0 });
    const L = new Float32Array(4800);
    core.render(L, new Float32Array(4800), 4800);
    expect(L.some((x) => x !== 0)).toBe(true);
  });

  it('releases a previewed note by itself (terminals send no key-up)', () => {
    const core = new EngineCore({ sampleRate: RATE, mix: simpleMix(RATE) });
    core.previewSeconds = 0.1;
    core.handle({ type: 'setSong', song: demo });
    core.handle({ type: 'previewNote', note: 61, instrument: 8, volume: 64, channel: 9 });
    const L = new Float32Array(RATE * 4);
    const chunkL = new Float32Array(480);
    const chunkR = new Float32Array(480);
    for (let off = 0; off < RATE * 4; off += 480) {
      core.render(chunkL, chunkR, 480);
      L.set(chunkL, off);
    }
    const level = (from: number) => L.subarray(from, from + 4800).reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    expect(level(2400)).toBeGreaterThan(0);
    // The lead's envelope runs to its end (80 ticks) after the key-off, then fades out: silence.
    expect(level(RATE * 4 - 4800)).toBe(0);
  });

  it('stops by itself at the end of a single played row', () => {
    const core = new EngineCore({ sampleRate: RATE, mix: simpleMix(RATE) });
    let ended = 0;
    core.onEnded = () => ended++;
    core.handle({ type: 'setSong', song: demo });
    core.handle({ type: 'play', mode: 'row', order: 0, row: 0 });
    const L = new Float32Array(48000);
    core.render(L, new Float32Array(48000), 48000);
    expect(ended).toBe(1);
    expect(core.snapshot().playing).toBe(false);
  });
});
