// Ping-pong loops written to forward-only formats (MOD, S3M): the loop is unrolled (forwards, then
// backwards from the top frame to just above the bottom one, as the mixer reflects) and loops forward,
// the writers say so, and the written module plays the same waveform as the original.

import { describe, expect, it } from 'vitest';
import { createMix } from '../../../src/engine/host/mix-setup.js';
import { renderOffline } from '../../../src/engine/offline-render.js';
import { readSong } from '../../../src/formats/registry.js';
import { unrollPingPong } from '../../../src/formats/common/unroll-loop.js';
import { writeMOD } from '../../../src/formats/mod/write.js';
import { writeS3M } from '../../../src/formats/s3m/write.js';
import type { Sample, Song } from '../../../src/song/song.js';
import { buildSong, testSample } from '../../helpers/song-builder.js';

const mono = (values: number[]): Sample => testSample('mod', { pcm: { bits: 8, channels: 1, data: Int8Array.from(values) }, loop: { start: 2, end: 6, pingPong: true } });

describe('unrolling a ping-pong loop', () => {
  it('writes the loop forwards, then backwards to just above its bottom frame; IT turns a frame earlier than the others', () => {
    const it = unrollPingPong(mono([0, 10, 20, 30, 40, 50, 60, 70]), { start: 2, end: 6, pingPong: true }, 1000, 1)!;
    // Impulse Tracker: 20 30 40 50 50 40 30 | 20 ...: the top frame twice, a cycle of 2L - 1.
    expect([...it.pcm.data]).toEqual([0, 10, 20, 30, 40, 50, 50, 40, 30]);
    expect(it.loop).toEqual({ start: 2, end: 9, pingPong: false });
    // FastTracker 2 and the others: the turn at the loop end reads its last frame once more (2L).
    const ft2 = unrollPingPong(mono([0, 10, 20, 30, 40, 50, 60, 70]), { start: 2, end: 6, pingPong: true }, 1000, 0)!;
    expect([...ft2.pcm.data]).toEqual([0, 10, 20, 30, 40, 50, 50, 50, 40, 30]);
    expect(ft2.loop).toEqual({ start: 2, end: 10, pingPong: false });
  });

  it('for MOD (words): an even loop start and length, the cycle written twice when odd and rotated by a frame', () => {
    const out = unrollPingPong(mono([0, 10, 20, 30, 40, 50, 60, 70]), { start: 1, end: 4, pingPong: true }, 1000, 1, true)!;
    // Cycle 10 20 30 30 20 (5 frames): twice is 10; the loop starts at frame 2 with a frame added at the end.
    expect([...out.pcm.data]).toEqual([0, 10, 20, 30, 30, 20, 10, 20, 30, 30, 20, 10]);
    expect(out.loop).toEqual({ start: 2, end: 12, pingPong: false });
  });

  it('keeps stereo frames together, and gives up when the result would be too long', () => {
    const stereo = testSample('it', { pcm: { bits: 16, channels: 2, data: Int16Array.from([0, 1, 10, 11, 20, 21, 30, 31]) }, loop: { start: 0, end: 4, pingPong: true } });
    expect([...unrollPingPong(stereo, stereo.loop!, 100, 1)!.pcm.data]).toEqual([0, 1, 10, 11, 20, 21, 30, 31, 30, 31, 20, 21, 10, 11]);
    expect(unrollPingPong(stereo, stereo.loop!, 6, 1)).toBeNull();
  });
});

describe('MOD and S3M writers with ping-pong loops', () => {
  // A ramp sample so the loop's direction is audible in every frame.
  const ramp = Array.from({ length: 600 }, (_, i) => Math.round(Math.sin(i / 9) * 100));
  const song = (base: 'mod' | 's3m' | 'it', loopStart: number): Song => buildSong({
    base, rows: 16, pattern: [['C-5 01 v64 ...']],
    samples: [testSample(base, { pcm: { bits: 8, channels: 1, data: Int8Array.from(ramp) }, loop: { start: loopStart, end: loopStart + 400, pingPong: true } })],
  });
  const render = (s: Song) => {
    const parts: Float32Array[] = [];
    renderOffline(s, { sampleRate: 48000, mix: createMix(48000, 'linear'), seconds: 1.5 }, (c) => parts.push(c.left.slice(0, c.frames)));
    return Float32Array.from(parts.flatMap((p) => [...p]));
  };
  // A 400-frame loop: the cycle is 800 frames in MOD and S3M songs, 799 in an IT song. MOD counts in
  // words: a loop starting on an odd frame is moved on by one (and the cycle rotated with it).
  for (const [base, target, write, loopStart, loop] of [
    ['mod', 'mod', writeMOD, 100, { start: 100, end: 900 }],
    ['mod', 'mod', writeMOD, 101, { start: 102, end: 902 }],
    ['s3m', 's3m', writeS3M, 100, { start: 100, end: 900 }],
    ['it', 's3m', writeS3M, 100, { start: 100, end: 899 }],
  ] as const) {
    it(`a ${base.toUpperCase()} song written as ${target.toUpperCase()} (loop from ${loopStart}): says the loop was unrolled, and the file plays what the original plays`, () => {
      const original = song(base, loopStart);
      const written = write(original);
      expect(written.warnings.join('\n')).toContain(`sample 1: ping-pong loop unrolled into a forward loop (${loop.end - 600} frames longer)`);
      expect(written.warnings.join('\n')).not.toMatch(/played forward/);
      const back = readSong(written.bytes).song;
      expect(back.samples[0]?.loop).toEqual({ ...loop, pingPong: false });
      const a = render(original);
      const b = render(back);
      expect(b.length).toBe(a.length);
      // The module's channel pans differ (MOD: Amiga left/right), so compare the waveforms up to a gain.
      let ab = 0;
      let bb = 0;
      let aa = 0;
      for (let i = 0; i < a.length; i++) {
        ab += a[i]! * b[i]!;
        bb += b[i]! * b[i]!;
        aa += a[i]! * a[i]!;
      }
      const k = ab / bb;
      let residual = 0;
      for (let i = 0; i < a.length; i++) residual += (a[i]! - k * b[i]!) ** 2;
      // Many passes through the loop: the same waveform (the ping-pong turns at the same frames).
      expect(aa).toBeGreaterThan(0);
      expect(residual / aa).toBeLessThan(1e-6);
    });
  }
});
