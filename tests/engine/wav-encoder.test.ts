// WAV encoding: the fast typed-array paths write the same bytes as the portable DataView path for
// every format and channel count, values at the rounding and clipping edges included; known values.
import { describe, expect, it } from 'vitest';
import { bytesPerSample, encodePcm, encodePcmPortable, wavHeader, type WavFormat } from '../../src/engine/wav-encoder.js';

const FORMATS: WavFormat[] = ['s16', 's24', 'f32'];

function edgeValues(): number[] {
  const xs = [0, -0, 1, -1, 1.5, -1.5, 0.999, -0.999, NaN, Infinity, -Infinity, 1e-30, -1e-30];
  for (const scale of [32768, 8388608]) {
    for (const k of [-32768, -32767, -1, 0, 1, 32766, 32767]) {
      for (const d of [-0.5, -0.25, 0, 0.25, 0.5]) xs.push((k + d) / scale);
    }
  }
  return xs.map((x) => Math.fround(x));
}

describe('encodePcm', () => {
  for (const format of FORMATS) {
    for (const n of [1, 2, 3]) {
      it(`${format}, ${n} channel(s): same bytes as the portable path`, () => {
        let seed = 7 + n;
        const r = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
        const edges = edgeValues();
        const frames = edges.length + 500;
        const channels = Array.from({ length: n }, (_, c) =>
          Float32Array.from({ length: frames }, (_, i) => (i < edges.length ? (edges[(i + c * 5) % edges.length] as number) : (r() * 2 - 1) * 1.3)),
        );
        const size = frames * n * bytesPerSample(format);
        const fast = new Uint8Array(size);
        const portable = new Uint8Array(size);
        expect(encodePcm(channels, frames, format, fast)).toBe(size);
        expect(encodePcmPortable(channels, frames, format, portable)).toBe(size);
        expect(fast).toEqual(portable);
      });
    }
  }

  it('writes known 16-bit values (halves round up, clipped to the range, NaN as 0), little-endian', () => {
    const left = Float32Array.from([0.5, -0.5, 1, -1, 2, NaN, 0.5 / 32768, -0.5 / 32768]);
    const out = new Uint8Array(left.length * 2);
    encodePcm([left], left.length, 's16', out);
    const v = new DataView(out.buffer);
    expect(Array.from({ length: left.length }, (_, i) => v.getInt16(i * 2, true))).toEqual([16384, -16384, 32767, -32768, 32767, 0, 1, 0]);
  });

  it('falls back to the portable path for an output that is not aligned', () => {
    const left = Float32Array.from([0.25, -0.75, 0.1]);
    const right = Float32Array.from([-0.25, 0.75, -0.1]);
    for (const format of FORMATS) {
      const size = 3 * 2 * bytesPerSample(format);
      const backing = new Uint8Array(size + 1);
      const odd = backing.subarray(1);
      const portable = new Uint8Array(size);
      encodePcm([left, right], 3, format, odd);
      encodePcmPortable([left, right], 3, format, portable);
      expect(odd).toEqual(portable);
    }
  });

  it('writes a header that names the format, rate and size', () => {
    const h = new DataView(wavHeader(1000, 2, 48000, 's24').buffer);
    expect(h.getUint16(22, true)).toBe(2);
    expect(h.getUint32(24, true)).toBe(48000);
    expect(h.getUint16(34, true)).toBe(24);
    expect(h.getUint32(40, true)).toBe(1000 * 2 * 3);
    expect(new DataView(wavHeader(10, 2, 44100, 'f32').buffer).getUint16(20, true)).toBe(3);
  });
});
