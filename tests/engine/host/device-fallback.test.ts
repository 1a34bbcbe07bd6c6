// The engine service when the sound card misbehaves: a device that reports an error, closes, or whose
// clock stops mid-song is replaced by the silent sink at the same rate; playback keeps its position
// and the status says what happened. Driven with fake audio contexts through the same interface.

import { afterEach, describe, expect, it } from 'vitest';
import { createSong } from '../../../src/song/create.js';
import type { LiveAudioContext, OpenedOutput, OutputPreferences } from '../../../src/engine/host/audio-output.js';
import { EngineService } from '../../../src/engine/host/engine-service.js';
import { defaultMix } from '../../../src/engine/host/mix-setup.js';
import type { AudioStatus, EngineEvent } from '../../../src/engine/protocol.js';

/** A context whose clock follows wall time (or stands still), recording what is scheduled. */
class FakeContext implements LiveAudioContext {
  readonly sampleRate = 48000;
  readonly destination = {};
  state = 'running';
  frozen = false;
  started = 0;
  private readonly t0 = performance.now();
  private frozenAt = 0;
  private listeners = new Map<string, ((e: unknown) => void)[]>();
  get currentTime(): number {
    return this.frozen ? this.frozenAt : (performance.now() - this.t0) / 1000;
  }
  freeze(): void {
    this.frozenAt = this.currentTime;
    this.frozen = true;
  }
  createBuffer() {
    return { copyToChannel() {} };
  }
  createBufferSource() {
    return { buffer: null as unknown, connect: () => undefined, start: () => void this.started++, stop() {} };
  }
  async close(): Promise<void> {
    this.state = 'closed';
  }
  addEventListener(type: string, listener: (e: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  fire(type: string, e: unknown = {}): void {
    for (const l of this.listeners.get(type) ?? []) l(e);
  }
}

const prefs: OutputPreferences = { device: 'USB Audio', sampleRate: 48000, latencyMs: 20 };
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function setup(options: { stallMs?: number } = {}) {
  const opened: { ctx: FakeContext; silent: boolean }[] = [];
  const events: EngineEvent[] = [];
  const open = async (p: OutputPreferences): Promise<OpenedOutput> => {
    const ctx = new FakeContext();
    opened.push({ ctx, silent: p.silent === true });
    const status: AudioStatus = p.silent ? { kind: 'silent', detail: 'silent output requested', sampleRate: 48000 } : { kind: 'device', detail: p.device ?? 'default', sampleRate: 48000 };
    return { ctx, status };
  };
  const service = new EngineService((e) => events.push(e), { prefs, mix: defaultMix(48000), open, ...options });
  return { service, opened, events };
}

let running: EngineService | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

function rowOf(e: EngineEvent): number {
  return e.type === 'position' ? e.position.row : -1;
}

function statuses(events: EngineEvent[]): AudioStatus[] {
  return events.flatMap((e) => (e.type === 'audio' ? [e.status] : []));
}

describe('device loss', () => {
  it('an error event switches to the silent sink and playback carries on from where it was', async () => {
    const { service, opened, events } = setup();
    running = service;
    await service.start();
    service.handle({ type: 'setSong', song: createSong({}, { initialSpeed: 1 }) });
    service.handle({ type: 'play', mode: 'song', order: 0, row: 0 });
    await wait(150);
    const before = events.filter((e) => e.type === 'position').length;
    expect(before).toBeGreaterThan(0);
    const rowBefore = rowOf(events.filter((e) => e.type === 'position').at(-1)!);
    expect(rowBefore).toBeGreaterThan(2);
    opened[0]!.ctx.fire('error', new Error('device unplugged'));
    await wait(150);
    expect(opened).toHaveLength(2);
    expect(opened[1]!.silent).toBe(true);
    const last = statuses(events).at(-1)!;
    expect(last.kind).toBe('silent');
    expect(last.detail).toMatch(/USB Audio lost \(device unplugged\)/);
    // Still playing on the silent sink: positions keep coming and audio keeps being scheduled.
    const positions = events.filter((e) => e.type === 'position');
    expect(positions.length).toBeGreaterThan(before);
    expect(positions.at(-1)!.type === 'position' && positions.at(-1)!.position.playing).toBe(true);
    // From where it was, not from the top.
    expect(rowOf(positions[before]!)).toBeGreaterThanOrEqual(rowBefore);
    expect(opened[1]!.ctx.started).toBeGreaterThan(0);
  });

  it('a device whose clock stops while playing counts as lost', async () => {
    const { service, opened, events } = setup({ stallMs: 100 });
    running = service;
    await service.start();
    service.handle({ type: 'setSong', song: createSong() });
    service.handle({ type: 'play', mode: 'song', order: 0, row: 0 });
    await wait(50);
    opened[0]!.ctx.freeze();
    await wait(300);
    expect(opened.length).toBe(2);
    expect(statuses(events).at(-1)!.detail).toMatch(/clock stopped/);
  });

  it('a closed context switches too, and a stopped (not playing) device is left alone', async () => {
    const { service, opened } = setup({ stallMs: 50 });
    running = service;
    await service.start();
    opened[0]!.ctx.freeze();
    await wait(150);
    expect(opened).toHaveLength(1); // idle: a still clock is not taken as a lost device
    opened[0]!.ctx.state = 'closed';
    opened[0]!.ctx.fire('statechange');
    await wait(50);
    expect(opened).toHaveLength(2);
  });
});
