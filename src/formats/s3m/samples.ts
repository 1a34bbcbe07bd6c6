// S3M sample headers to model samples: C-5 speed as ST3 reads it, PCM decoding (signed or unsigned
// per the header's format version, 8/16-bit, split stereo: the whole left channel, then the right),
// ModPlug's ADPCM, AdLib registers kept, and loops clamped to the data that exists.

import { createSample } from '../../song/create.js';
import type { Sample, SampleLoop, SamplePcm } from '../../song/song.js';
import { decodeName } from '../common/text-codecs.js';
import { type S3MSampleHeader, SMP_16BIT, SMP_LOOP, SMP_STEREO } from './layout.js';

/** S3M sample pack byte for ModPlug's 4-bit ADPCM. */
export const PACK_ADPCM = 4;

/** What the sample decoder needs to know about the file around it. */
export interface SampleContext {
  /** Header format version 1: signed PCM (old files); 2: unsigned. */
  readonly signedPcm: boolean;
  /** Saved by Scream Tracker 3 itself: it clamps or masks the C-5 speed to 16 bits. */
  readonly isST3: boolean;
}

/** True when a PCM header's data is ModPlug ADPCM (8-bit mono only, as libopenmpt decides). */
export function isAdpcm(sh: S3MSampleHeader): boolean {
  return sh.type === 1 && sh.pack === PACK_ADPCM && (sh.flags & (SMP_16BIT | SMP_STEREO)) === 0;
}

/** The C-5 speed ST3 plays a sample at (0 means 8363 Hz; below 1024 Hz is raised to 1024). */
export function c5SpeedOf(sh: S3MSampleHeader, isST3: boolean): number {
  let c5 = sh.c5speed;
  // ST3 quirk: AdLib instruments use the low 16 bits, PCM samples clamp to 65535.
  if (isST3) c5 = sh.type >= 2 ? c5 & 0xffff : Math.min(c5, 0xffff);
  if (c5 === 0) return 8363;
  return Math.max(c5, 1024);
}

/** An empty sample slot (no header, or a header past the end of the file). */
export function emptyS3MSample(): Sample {
  return createSample({ tuning: { kind: 'c5speed', c5Speed: 8363 } });
}

/** A model sample from its header; problems (short data, bad loops) are reported into `warnings`. */
export function readS3MSample(bytes: Uint8Array, sh: S3MSampleHeader, ctx: SampleContext, index: number, warnings: string[]): Sample {
  const label = `sample ${index}`;
  const base = {
    name: decodeName(sh.name, 'cp437'),
    fileName: decodeName(sh.fileName, 'cp437'),
    volume: Math.min(sh.volume, 64),
    tuning: { kind: 'c5speed' as const, c5Speed: c5SpeedOf(sh, ctx.isST3) },
  };
  if (sh.type >= 2) return createSample({ ...base, adlib: sh.adlib.slice() });
  if (sh.type !== 1 || sh.length === 0) return createSample(base);

  const stereo = (sh.flags & SMP_STEREO) !== 0;
  const bits16 = (sh.flags & SMP_16BIT) !== 0;
  let pcm: SamplePcm;
  let frames: number;
  if (isAdpcm(sh)) {
    const { data, missing } = decodeAdpcm(bytes, sh.dataOffset, sh.length);
    if (missing > 0) warnings.push(`${label}: the file ends ${missing} frames into its ADPCM data; cut short`);
    frames = data.length;
    pcm = { bits: 8, channels: 1, data };
  } else {
    const bytesPerFrame = (bits16 ? 2 : 1) * (stereo ? 2 : 1);
    const available = Math.max(0, bytes.length - sh.dataOffset);
    frames = sh.length;
    if (frames * bytesPerFrame > available) {
      const have = Math.floor(available / bytesPerFrame);
      warnings.push(`${label}: claims ${frames} frames at offset ${sh.dataOffset}, the file holds ${have}; cut short`);
      frames = have;
    }
    pcm = decodePcm(bytes, sh.dataOffset, frames, sh.length, bits16, stereo, ctx.signedPcm);
  }
  return createSample({ ...base, pcm, loop: loopOf(sh, frames, label, warnings) });
}

/** The loop (end exclusive) clamped as libopenmpt clamps it, then to the frames present; null when empty. */
function loopOf(sh: S3MSampleHeader, frames: number, label: string, warnings: string[]): SampleLoop | null {
  if ((sh.flags & SMP_LOOP) === 0) return null;
  const start = Math.min(sh.loopStart, sh.length - 1);
  const end = Math.min(sh.loopEnd, sh.length, frames);
  if (end >= 2 && start < end) return { start, end, pingPong: false };
  warnings.push(`${label}: loop ${sh.loopStart}..${sh.loopEnd} does not fit its ${frames} frames; dropped`);
  return null;
}

/**
 * S3M PCM: little-endian, signed or unsigned. Stereo stores the declared length of left frames, then
 * the right ones; `frames` (what the file holds) may be fewer than `declared`. Missing bytes read 0.
 */
export function decodePcm(bytes: Uint8Array, offset: number, frames: number, declared: number, bits16: boolean, stereo: boolean, signed: boolean): SamplePcm {
  const chans = stereo ? 2 : 1;
  const flip = signed ? 0 : bits16 ? 0x8000 : 0x80;
  if (bits16) {
    const data = new Int16Array(frames * chans);
    for (let c = 0; c < chans; c++) {
      const start = offset + c * declared * 2;
      for (let i = 0; i < frames; i++) {
        const at = start + i * 2;
        const v = ((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8)) ^ flip;
        data[i * chans + c] = (v << 16) >> 16;
      }
    }
    return { bits: 16, channels: chans, data };
  }
  const data = new Int8Array(frames * chans);
  for (let c = 0; c < chans; c++) {
    const start = offset + c * declared;
    for (let i = 0; i < frames; i++) data[i * chans + c] = (((bytes[start + i] ?? 0) ^ flip) << 24) >> 24;
  }
  return { bits: 8, channels: chans, data };
}

/** ModPlug ADPCM: a 16-entry table of signed deltas, then one nibble per frame, low nibble first. */
export function decodeAdpcm(bytes: Uint8Array, offset: number, frames: number): { readonly data: Int8Array; readonly missing: number } {
  if (offset + 16 > bytes.length) return { data: new Int8Array(0), missing: frames };
  const packed = Math.max(0, Math.min(Math.ceil(frames / 2), bytes.length - offset - 16));
  const present = Math.min(frames, packed * 2);
  const data = new Int8Array(present);
  let v = 0;
  for (let i = 0; i < present; i++) {
    const b = bytes[offset + 16 + (i >> 1)] ?? 0;
    const delta = ((bytes[offset + ((i & 1) === 0 ? b & 0x0f : b >> 4)] ?? 0) << 24) >> 24;
    v = ((v + delta) << 24) >> 24;
    data[i] = v;
  }
  return { data, missing: frames - present };
}
