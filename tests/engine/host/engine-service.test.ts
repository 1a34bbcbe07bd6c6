// The engine service's timing: it wakes once per chunk (not on a polling timer), sends positions at
// least 30 times a second, keeps the render-ahead the latency asks for, sleeps while stopped and
// silent until a command wakes it, reports load and stalls from the silent clock, and mixes at the
// rate the output really runs at. Driven with a context whose clock is wall time.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { openOutput, type LiveAudioContext, type OpenedOutput, type OutputPreferences } from '../../../src/engine/host/audio-output.js';
import { ChunkScheduler } from '../../../src/engine/host/chunk-scheduler.js';
import { EngineService, type ServiceOptions } from '../../../src/engine/host/engine-service.js';
import { defaultMix } from '../../../src/engine/host/mix-setup.js';
import { SilentClockContext } from '../../../src/engine/host/silent-output.js';
import type { AudioStatus, EngineEvent } from '../../../src/engine/protocol.js';
import { createSong } from '../../../src/song/create.js';
import type { Sample } from '../../../src/song/song.js';

/** A context on wall time that records when each buffer was started, and when that was asked. */
class ClockContext implements LiveAudioContext {
  readonly destination = {};
  readonly starts: { when: number; at: number }[] = [];
  private readonly t0 = performance.now();
  constructor(readonly sampleRate = 48000) {}
  get currentTime(): number {
    return (performance.now() - this.t0) / 1000;
  }
  createBuffer() {
    return { copyToChannel() {} };
  }
  createBufferSource() {
    return { buffer: null as unknown, connect: () => undefined, start: (when: number) => void this.starts.push({ when, at: this.currentTime }), stop() {} };
  }
  async close(): Promise<void> {}
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const beep: Sample = {
  name: 'beep', fileName: '', pcm: { bits: 8, channels: 1, data: Int8Array.from({ length: 4000 }, (_, k) => (k % 40 < 20 ? 100 : -100)) },
  loop: null, sustainLoop: null, tuning: { kind: 'c5speed', c5Speed: 8363 }, volume: 64, globalVolume: 64, pan: null,
  vibrato: { waveform: 'sine', speed: 0, depth: 0, sweep: 0 }, adlib: null,
};
const song = createSong({ channels: 1 }, { samples: [beep], initialSpeed: 1 });

function setup(options: Partial<ServiceOptions> & { latencyMs?: number; rates?: number[] } = {}) {
  const contexts: ClockContext[] = [];
  const events: EngineEvent[] = [];
  const rates = options.rates ?? [];
  const open = async (p: OutputPreferences): Promise<OpenedOutput> => {
    const ctx = new ClockContext(rates[contexts.length] ?? p.sampleRate);
    contexts.push(ctx);
    return { ctx, status: { kind: 'silent', detail: 'test', sampleRate: ctx.sampleRate } };
  };
  const prefs: OutputPreferences = { device: null, sampleRate: 48000, latencyMs: options.latencyMs ?? 16 };
  const service = new EngineService((e) => events.push(e), { prefs, mix: defaultMix(48000), open, midi: false, ...options });
  return { service, contexts, events };
}

let running: EngineService | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await running?.stop();
  running = null;
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const statuses = (events: EngineEvent[]): AudioStatus[] => events.flatMap((e) => (e.type === 'audio' ? [e.status] : []));

describe('engine service timing', () => {
  it('wakes about once per chunk while playing, and sends at least 30 positions a second', async () => {
    const pump = vi.spyOn(ChunkScheduler.prototype, 'pump');
    const { service, contexts, events } = setup();
    running = service;
    await service.start();
    service.handle({ type: 'setSong', song });
    service.handle({ type: 'play', mode: 'song', order: 0, row: 0 });
    await wait(200);
    const pumps0 = pump.mock.calls.length;
    const chunks0 = contexts[0]!.starts.length;
    const positions0 = events.filter((e) => e.type === 'position').length;
    await wait(1000);
    const pumps = pump.mock.calls.length - pumps0;
    const chunks = contexts[0]!.starts.length - chunks0;
    // 48000 / 384 = 125 chunks a second (fewer when the machine is busy); polling every 3 ms would be 333 wakes.
    expect(chunks).toBeGreaterThan(100);
    expect(pumps).toBeLessThan(chunks * 1.4 + 10);
    expect(events.filter((e) => e.type === 'position').length - positions0).toBeGreaterThanOrEqual(30);
  });

  it('says so in a position when paused, and plays on when resumed', async () => {
    const { service, events } = setup();
    running = service;
    await service.start();
    service.handle({ type: 'setSong', song });
    service.handle({ type: 'play', mode: 'song', order: 0, row: 0 });
    await wait(200);
    service.handle({ type: 'pause' });
    await wait(150);
    const last = events.filter((e) => e.type === 'position').at(-1);
    expect(last?.type === 'position' && last.position).toMatchObject({ playing: true, paused: true });
    const mark = events.length;
    service.handle({ type: 'resume' });
    await wait(150);
    const after = events.slice(mark).filter((e) => e.type === 'position');
    expect(after.length).toBeGreaterThan(2);
    expect(after.at(-1)?.type === 'position' && after.at(-1)!.position).toMatchObject({ playing: true, paused: false });
  });

  it('keeps the render-ahead the latency asks for: whole chunks of it', async () => {
    const leads: Record<number, number> = {};
    for (const latencyMs of [16, 48]) {
      const { service, contexts } = setup({ latencyMs, maxAheadFrames: 1 });
      running = service;
      await service.start();
      service.handle({ type: 'setSong', song });
      service.handle({ type: 'play', mode: 'song', order: 0, row: 0 });
      await wait(400);
      await service.stop();
      const starts = contexts[0]!.starts.slice(10);
      leads[latencyMs] = median(starts.map((s) => (s.when - s.at) * 1000));
    }
    // A chunk is scheduled when what is left falls to the render-ahead (the timer fires a little after
    // that): it starts that far, or a few ms less, ahead of the clock.
    expect(leads[16]).toBeGreaterThanOrEqual(10);
    expect(leads[16]).toBeLessThanOrEqual(16.1);
    expect(leads[48]).toBeGreaterThanOrEqual(42);
    expect(leads[48]).toBeLessThanOrEqual(48.1);
  });

  it('sleeps while stopped and silent, and a previewed note wakes it at once', async () => {
    const { service, contexts } = setup({ dormantAfterMs: 100 });
    running = service;
    await service.start();
    service.handle({ type: 'setSong', song });
    await wait(400);
    const asleep = contexts[0]!.starts.length;
    await wait(300);
    expect(contexts[0]!.starts.length).toBe(asleep);
    service.handle({ type: 'previewNote', note: 61, instrument: 1, volume: 64, channel: 0 });
    const first = contexts[0]!.starts[asleep];
    expect(first).toBeDefined();
    // A fresh stream one chunk (8 ms) after the clock.
    expect((first!.when - first!.at) * 1000).toBeLessThan(9);
    await wait(100);
    expect(contexts[0]!.starts.length).toBeGreaterThan(asleep + 5);
  });

  it('reports load, clock and CPU time from a clock without renderCapacity, and a stall as underruns', async () => {
    const { service, events } = setup({ statusIntervalMs: 150, maxAheadFrames: 768 + 10 * 384 });
    running = service;
    await service.start();
    service.handle({ type: 'setSong', song });
    service.handle({ type: 'play', mode: 'song', order: 0, row: 0 });
    await wait(400);
    const before = statuses(events).filter((s) => s.clock).length;
    expect(before).toBeGreaterThan(0);
    // 16 ms, or a little more if this machine was already slow to wake the engine.
    const ahead0 = statuses(events).at(-1)!.clock!.aheadMs!;
    expect(ahead0).toBeGreaterThanOrEqual(16);
    // The engine is kept from running for 100 ms: the clock overtakes the 16 ms schedule.
    const until = performance.now() + 100;
    while (performance.now() < until) {
      // busy
    }
    await wait(400);
    const after = statuses(events).slice(before).filter((s) => s.clock);
    expect(after.length).toBeGreaterThan(0);
    expect(Math.max(...after.map((s) => s.load?.underrunRatio ?? 0))).toBeGreaterThan(0);
    expect(Math.max(...after.map((s) => s.clock!.wakeLateMs ?? 0))).toBeGreaterThan(50);
    expect(after.at(-1)!.clock!.lateFrames).toBeGreaterThan(0);
    expect(after.at(-1)!.clock!.cpuSeconds).toBeGreaterThan(0);
    // ...and the render-ahead grows, trading a little latency for no more gaps.
    expect(Math.max(...after.map((s) => s.clock!.aheadMs!))).toBeGreaterThan(ahead0);
    expect(after.some((s) => (s.load?.average ?? 0) > 0)).toBe(true);
  });

  it('mixes at the rate the output really runs at, and keeps playing when the output changes', async () => {
    const mixFor = vi.fn((rate: number) => defaultMix(rate));
    const { service, contexts, events } = setup({ mixFor, rates: [44100, 96000] });
    running = service;
    await service.start();
    expect(mixFor).toHaveBeenLastCalledWith(44100);
    service.handle({ type: 'setSong', song });
    service.handle({ type: 'play', mode: 'song', order: 0, row: 0 });
    await wait(300);
    service.handle({ type: 'setOutput', device: 'other', sampleRate: 96000, latencyMs: 16 });
    await wait(300);
    expect(contexts).toHaveLength(2);
    expect(mixFor).toHaveBeenLastCalledWith(96000);
    expect(statuses(events).at(-1)!.sampleRate).toBe(96000);
    const last = events.filter((e) => e.type === 'position').at(-1);
    expect(last?.type === 'position' && last.position.playing).toBe(true);
    expect(contexts[1]!.starts.length).toBeGreaterThan(10);
  });
});

describe('silent output', () => {
  it('is a clock that follows wall time, renders nothing, and stands still once closed', async () => {
    const opened = await openOutput({ device: null, sampleRate: 44100, latencyMs: 16, silent: true });
    expect(opened.ctx).toBeInstanceOf(SilentClockContext);
    expect(opened.status).toMatchObject({ kind: 'silent', sampleRate: 44100 });
    const t0 = opened.ctx.currentTime;
    const w0 = performance.now();
    await wait(120);
    const elapsed = opened.ctx.currentTime - t0;
    expect(elapsed).toBeCloseTo((performance.now() - w0) / 1000, 2);
    await opened.ctx.close();
    const closedAt = opened.ctx.currentTime;
    await wait(30);
    expect(opened.ctx.currentTime).toBe(closedAt);
  });

  it("can still be node-web-audio-api's own silent sink (for measurements)", async () => {
    const opened = await openOutput({ device: null, sampleRate: 48000, latencyMs: 16, silent: true, silentSink: 'native' });
    try {
      expect(opened.ctx).not.toBeInstanceOf(SilentClockContext);
      expect(opened.ctx.renderCapacity).toBeDefined();
      expect(opened.status.kind).toBe('silent');
    } finally {
      await opened.ctx.close();
    }
  });
});
