// The render-ahead: whole chunks of the latency setting, growing a chunk at a time (to a cap) when the
// engine wakes late, shrinking back after 10 s of calm.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RenderAhead } from '../../../src/engine/host/render-ahead.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('render-ahead', () => {
  it('is the whole chunks that fit in the latency, at least one', () => {
    expect(new RenderAhead({ latencyMs: 16, rate: 48000, chunkFrames: 384 }).frames).toBe(768);
    expect(new RenderAhead({ latencyMs: 23, rate: 48000, chunkFrames: 384 }).frames).toBe(768);
    expect(new RenderAhead({ latencyMs: 24, rate: 48000, chunkFrames: 384 }).frames).toBe(1152);
    expect(new RenderAhead({ latencyMs: 4, rate: 48000, chunkFrames: 384 }).frames).toBe(384);
    expect(new RenderAhead({ latencyMs: 48, rate: 44100, chunkFrames: 384 }).ms).toBeCloseTo(43.5, 1);
  });

  it('grows when the engine wakes late or the clock overtakes it, up to two chunks, and shrinks after 10 s of calm', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const a = new RenderAhead({ latencyMs: 16, rate: 48000, chunkFrames: 384 });
    expect(a.update(5, 0)).toBe(768); // 5 ms late: within 3/4 of 16 ms
    expect(a.update(13, 0)).toBe(1152); // later than 12 ms
    expect(a.update(0, 1)).toBe(1536); // a gap happened
    expect(a.update(100, 1)).toBe(1536); // at most two chunks more
    vi.advanceTimersByTime(9000);
    expect(a.update(0, 1)).toBe(1536);
    vi.advanceTimersByTime(1500);
    expect(a.update(0, 1)).toBe(1152);
    vi.advanceTimersByTime(5000);
    expect(a.update(10, 1)).toBe(1152); // more than a quarter late: not calm
    vi.advanceTimersByTime(9000);
    expect(a.update(0, 1)).toBe(1152);
    vi.advanceTimersByTime(1500);
    expect(a.update(0, 1)).toBe(768);
    vi.advanceTimersByTime(60_000);
    expect(a.update(0, 1)).toBe(768);
  });
});
