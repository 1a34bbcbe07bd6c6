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
  it('writes the loop forwards, then backwards from its top frame to just above its bottom one, and loops that', () => {
    const out = unrollPingPong(mono([0, 10, 20, 30, 40, 50, 60, 70]), { start: 2, end: 6, pingPong: true }, 1000)!;
    expect([...out.pcm.data]).toEqual([0, 10, 20, 30, 40, 50, 50, 40, 30]);
    expect(out.loop).toEqual({ start: 2, end: 9, pingPong: false });
    // Played forward from the loop start: 20 30 40 50 50 40 30 | 20 30 ... as the mixer plays ping-pong.
  });

  it('for MOD (words): an even loop start and length, the cycle written twice when odd and rotated by a frame', () => {
    const out = unrollPingPong(mono([0, 10, 20, 30, 40, 50, 60, 70]), { start: 1, end: 4, pingPong: true }, 1000, true)!;
    // Cycle 10 20 30 30 20 (5 frames): twice is 10; the loop starts at frame 2 with a frame added at the end.
    expect([...out.pcm.data]).toEqual([0, 10, 20, 30, 30, 20, 10, 20, 30, 30, 20, 10]);
    expect(out.loop).toEqual({ start: 2, end: 12, pingPong: false });
  });

  it('keeps stereo frames together, and gives up when the result would be too long', () => {
    const stereo = testSample('it', { pcm: { bits: 16, channels: 2, data: Int16Array.from([0, 1, 10, 11, 20, 21, 30, 31]) }, loop: { start: 0, end: 4, pingPong: true } });
    expect([...unrollPingPong(stereo, stereo.loop!, 100)!.pcm.data]).toEqual([0, 1, 10, 11, 20, 21, 30, 31, 30, 31, 20, 21, 10, 11]);
    expect(unrollPingPong(stereo, stereo.loop!, 6)).toBeNull();
  });
});

describe('MOD and S3M writers with ping-pong loops', () => {
  // A ramp sample so the loop's direction is audible in every frame.
  const ramp = Array.from({ length: 600 }, (_, i) => Math.round(Math.sin(i / 9) * 100));
  const song = (base: 'mod' | 's3m'): Song => buildSong({
    base, rows: 16, pattern: [['C-5 01 v64 ...']],
    samples: [testSample(base, { pcm: { bits: 8, channels: 1, data: Int8Array.from(ramp) }, loop: { start: 100, end: 500, pingPong: true } })],
  });
  const render = (s: Song) => {
    const parts: Float32Array[] = [];
    renderOffline(s, { sampleRate: 48000, mix: createMix(48000, 'linear'), seconds: 1.5 }, (c) => parts.push(c.left.slice(0, c.frames)));
    return Float32Array.from(parts.flatMap((p) => [...p]));
  };
  // The cycle is 400 frames up and 399 down: S3M loops it once; MOD, counting in words, twice.
  for (const [base, write, loopEnd] of [['mod', writeMOD, 1698], ['s3m', writeS3M, 899]] as const) {
    it(`${base.toUpperCase()}: says the loop was unrolled, and the file plays what the original plays`, () => {
      const original = song(base);
      const written = write(original);
      expect(written.warnings.join('\n')).toContain(`sample 1: ping-pong loop unrolled into a forward loop (${loopEnd - 600} frames longer)`);
      expect(written.warnings.join('\n')).not.toMatch(/played forward/);
      const back = readSong(written.bytes).song;
      expect(back.samples[0]?.loop).toEqual({ start: 100, end: loopEnd, pingPong: false });
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
