// WAV reading: every supported sample format decodes to the right values, loops come from the
// 'smpl' chunk, and malformed or unsupported files give one clear error each.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../src/formats/common/format-error.js';
import { readWav } from '../../../src/formats/wav/wav-read.js';
import { loadWavFile } from '../../../src/storage/wav-file.js';
import { UserError } from '../../../src/storage/user-error.js';

interface WavSpec { code?: number; channels?: number; rate?: number; bits: number; body: Uint8Array; smpl?: { start: number; end: number; type: number } ; extensible?: boolean }

/** Builds a WAV file in memory. */
function wav(spec: WavSpec): Uint8Array {
  const channels = spec.channels ?? 1;
  const rate = spec.rate ?? 22050;
  const fmtSize = spec.extensible ? 40 : 16;
  const smplSize = spec.smpl ? 60 : 0;
  const size = 12 + 8 + fmtSize + 8 + spec.body.length + (spec.body.length % 2) + (spec.smpl ? 8 + smplSize : 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  const tag = (at: number, s: string) => { for (let i = 0; i < 4; i++) out[at + i] = s.charCodeAt(i); };
  tag(0, 'RIFF'); v.setUint32(4, size - 8, true); tag(8, 'WAVE');
  tag(12, 'fmt '); v.setUint32(16, fmtSize, true);
  v.setUint16(20, spec.extensible ? 0xfffe : spec.code ?? 1, true);
  v.setUint16(22, channels, true); v.setUint32(24, rate, true);
  v.setUint32(28, rate * channels * spec.bits / 8, true); v.setUint16(32, channels * spec.bits / 8, true); v.setUint16(34, spec.bits, true);
  if (spec.extensible) { v.setUint16(36, 22, true); v.setUint16(44, spec.code ?? 1, true); }
  let at = 20 + fmtSize;
  tag(at, 'data'); v.setUint32(at + 4, spec.body.length, true); out.set(spec.body, at + 8);
  at += 8 + spec.body.length + (spec.body.length % 2);
  if (spec.smpl) {
    tag(at, 'smpl'); v.setUint32(at + 4, smplSize, true);
    v.setUint32(at + 8 + 28, 1, true);
    v.setUint32(at + 8 + 36 + 4, spec.smpl.type, true);
    v.setUint32(at + 8 + 36 + 8, spec.smpl.start, true);
    v.setUint32(at + 8 + 36 + 12, spec.smpl.end, true);
  }
  return out;
}

function bytesOf(values: number[], bits: number, float = false): Uint8Array {
  const width = bits / 8;
  const out = new Uint8Array(values.length * width);
  const v = new DataView(out.buffer);
  values.forEach((x, i) => {
    const o = i * width;
    if (float) { if (bits === 32) v.setFloat32(o, x, true); else v.setFloat64(o, x, true); }
    else if (bits === 8) v.setUint8(o, x);
    else if (bits === 16) v.setInt16(o, x, true);
    else if (bits === 24) { v.setUint8(o, x & 0xff); v.setUint8(o + 1, (x >> 8) & 0xff); v.setInt8(o + 2, x >> 16); }
    else v.setInt32(o, x, true);
  });
  return out;
}

describe('WAV sample formats', () => {
  it('reads 8-bit unsigned mono as signed bytes with the rate as C-5 speed', () => {
    const { sample } = readWav(wav({ bits: 8, body: bytesOf([128, 255, 0], 8) }), 'kick');
    expect(sample.pcm).toEqual({ bits: 8, channels: 1, data: Int8Array.from([0, 127, -128]) });
    expect(sample.tuning).toEqual({ kind: 'c5speed', c5Speed: 22050 });
    expect(sample.name).toBe('kick');
  });

  it('reads 16-bit stereo', () => {
    const { sample } = readWav(wav({ bits: 16, channels: 2, rate: 44100, body: bytesOf([1000, -1000, 32767, -32768], 16) }));
    expect(sample.pcm).toEqual({ bits: 16, channels: 2, data: Int16Array.from([1000, -1000, 32767, -32768]) });
  });

  it('reads 24-bit and 32-bit integers as float', () => {
    const s24 = readWav(wav({ bits: 24, body: bytesOf([4194304, -8388608], 24) })).sample;
    expect(Array.from(s24.pcm.data)).toEqual([0.5, -1]);
    const s32 = readWav(wav({ bits: 32, body: bytesOf([1073741824], 32) })).sample;
    expect(Array.from(s32.pcm.data)).toEqual([0.5]);
  });

  it('reads float 32 and 64 (extensible header too), clamped to -1..1', () => {
    const f32 = readWav(wav({ code: 3, bits: 32, body: bytesOf([0.25, 2], 32, true) })).sample;
    expect(f32.pcm.bits).toBe('float');
    expect(Array.from(f32.pcm.data)).toEqual([0.25, 1]);
    const f64 = readWav(wav({ code: 3, bits: 64, extensible: true, channels: 2, body: bytesOf([-0.5, 0.5], 64, true) })).sample;
    expect(f64.pcm.channels).toBe(2);
    expect(Array.from(f64.pcm.data)).toEqual([-0.5, 0.5]);
  });

  it('takes the loop from a smpl chunk', () => {
    const { sample } = readWav(wav({ bits: 16, body: bytesOf([0, 1, 2, 3, 4, 5], 16), smpl: { start: 1, end: 4, type: 1 } }));
    expect(sample.loop).toEqual({ start: 1, end: 5, pingPong: true });
  });
});

describe('malformed WAV files', () => {
  it('refuses what is not a WAV', () => {
    expect(() => readWav(new TextEncoder().encode('hello world, not a wav'))).toThrow(/not a WAV/);
  });

  it('refuses compressed and multichannel audio', () => {
    expect(() => readWav(wav({ code: 2, bits: 16, body: bytesOf([0], 16) }))).toThrow(/compressed/);
    expect(() => readWav(wav({ channels: 6, bits: 16, body: bytesOf([0, 0, 0, 0, 0, 0], 16) }))).toThrow(/only mono and stereo/);
    expect(() => readWav(wav({ bits: 12, body: bytesOf([0], 16) }))).toThrow(FormatError);
  });

  it('reads a cut-short data chunk with a warning', () => {
    const full = wav({ bits: 16, body: bytesOf([1, 2, 3, 4], 16) });
    const { sample, warnings } = readWav(full.slice(0, full.length - 4));
    expect(sample.pcm.data.length).toBe(2);
    expect(warnings[0]).toMatch(/cut short/);
  });

  it('says when there is no data chunk', () => {
    const full = wav({ bits: 16, body: new Uint8Array(0) });
    expect(() => readWav(full.slice(0, 36))).toThrow(/no data chunk/);
  });
});

describe('loading WAV files from disk', () => {
  it('names the sample after the file and reports missing files in one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracker-wav-'));
    writeFileSync(join(dir, 'snare hit.wav'), wav({ bits: 16, body: bytesOf([5], 16) }));
    expect(loadWavFile(join(dir, 'snare hit.wav')).sample.name).toBe('snare hit');
    expect(() => loadWavFile(join(dir, 'missing.wav'), 'missing.wav')).toThrow(new UserError('missing.wav: no such file or directory'));
  });
});
