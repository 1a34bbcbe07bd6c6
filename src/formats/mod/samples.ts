// MOD sample headers and PCM to model samples: loop repair as ProTracker-era files need it,
// finetune nibbles to 1/128 semitones, signed 8-bit PCM (and ModPlug's 4-bit ADPCM) capped by
// the bytes the file really holds.

import { createSample } from '../../song/create.js';
import type { Sample, SampleLoop } from '../../song/song.js';
import { decodeName } from '../common/text-codecs.js';
import type { ModSampleHeader } from './layout.js';

/** Loop and length of a sample after OpenMPT-compatible repair, in frames. */
export interface ModSampleShape {
  readonly length: number;
  readonly loop: { readonly start: number; readonly end: number } | null;
}

/**
 * Repairs a 31-sample header's loop as ProTracker-era players did: loop starts stored in bytes
 * instead of words are halved, one-word samples are empty, tiny loops at the start of a sample in
 * a 4-channel file are "no loop" markers. The loop may reach past the sample (see readModPcm).
 */
export function shapeSample(h: ModSampleHeader, fourChannels: boolean): ModSampleShape {
  let length = h.length;
  let start = h.loopStart;
  const loopLength = h.loopLength;
  if (loopLength > 2 && start + loopLength > length && start / 2 + loopLength <= length) start /= 2;
  if (length === 2) length = 0;
  if (length === 0) return { length: 0, loop: null };
  let end = start + loopLength;
  if (start >= length) start = length - 1;
  if (start > end || end < 4 || end - start < 4) return { length, loop: null };
  if (end <= 8 && start === 0 && length > end && fourChannels) return { length, loop: null };
  return { length, loop: end > start ? { start, end } : null };
}

/** Finetune nibble (-8..7 in two's complement) to the model's 1/128 semitones. */
export function finetuneFromNibble(nibble: number): number {
  const n = nibble & 0x0f;
  return (n < 8 ? n : n - 16) * 16;
}

/** Sample names keep their characters; control bytes become spaces. */
export function sampleName(h: ModSampleHeader): string {
  return decodeName(h.nameBytes, 'cp1252');
}

/** Bytes a sample occupies in the file, and whether it is ADPCM-packed (ModPlug "ADPCM" marker). */
export function encodedSize(bytes: Uint8Array, offset: number, length: number): { readonly size: number; readonly adpcm: boolean } {
  const adpcm = length > 0 && offset + 5 <= bytes.length && String.fromCharCode(...bytes.subarray(offset, offset + 5)) === 'ADPCM';
  return adpcm ? { size: 5 + 16 + Math.ceil(length / 2), adpcm } : { size: length, adpcm };
}

/**
 * Reads `frames` frames of signed 8-bit PCM at `offset` (or ADPCM), as many as exist.
 * Returns the data and how many frames were missing from the file.
 */
export function readModPcm(bytes: Uint8Array, offset: number, frames: number, adpcm: boolean): { readonly data: Int8Array; readonly missing: number } {
  if (adpcm) return readAdpcm(bytes, offset + 5, frames);
  const present = Math.max(0, Math.min(frames, bytes.length - offset));
  const data = new Int8Array(present);
  if (present > 0) data.set(new Int8Array(bytes.buffer, bytes.byteOffset + offset, present));
  return { data, missing: frames - present };
}

/** ModPlug ADPCM (MOD and S3M): a 16-entry delta table, then one nibble per frame, low nibble first. */
export function readAdpcm(bytes: Uint8Array, offset: number, frames: number): { readonly data: Int8Array; readonly missing: number } {
  if (offset + 16 > bytes.length) return { data: new Int8Array(0), missing: frames };
  const table = new Int8Array(bytes.buffer, bytes.byteOffset + offset, 16);
  const packed = Math.max(0, Math.min(Math.ceil(frames / 2), bytes.length - offset - 16));
  const present = Math.min(frames, packed * 2);
  const data = new Int8Array(present);
  let v = 0;
  for (let i = 0; i < present; i++) {
    const b = bytes[offset + 16 + (i >> 1)] ?? 0;
    v = (v + (table[(i & 1) === 0 ? b & 0x0f : b >> 4] ?? 0)) << 24 >> 24;
    data[i] = v;
  }
  return { data, missing: frames - present };
}

/** Builds the model sample; a loop that ends up outside the PCM is cut back or dropped with a warning. */
export function buildModSample(
  h: ModSampleHeader,
  data: Int8Array,
  loop: ModSampleShape['loop'],
  finetune: number,
  label: string,
  warnings: string[],
): Sample {
  let modelLoop: SampleLoop | null = null;
  if (loop) {
    const end = Math.min(loop.end, data.length);
    if (end - loop.start >= 2) modelLoop = { start: loop.start, end, pingPong: false };
    else warnings.push(`${label}: loop ${loop.start}..${loop.end} lies outside the sample's ${data.length} frames; dropped`);
  }
  return createSample({
    name: sampleName(h),
    pcm: { bits: 8, channels: 1, data },
    loop: modelLoop,
    tuning: { kind: 'finetune', relativeNote: 0, finetune },
    volume: Math.min(64, h.volume),
    globalVolume: 64,
  });
}
