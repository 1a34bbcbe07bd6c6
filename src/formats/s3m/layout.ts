// On-disk layout of Scream Tracker 3 modules: the 96-byte header, parapointers (offsets / 16),
// 80-byte sample headers (PCM or AdLib), packed 64-row patterns.

import type { ByteReader } from '../common/byte-reader.js';

export const HEADER_SIZE = 0x60;

/** The file header, as stored. */
export interface S3MHeader {
  readonly title: Uint8Array;
  readonly fileType: number;
  readonly ordNum: number;
  readonly smpNum: number;
  readonly patNum: number;
  readonly flags: number;
  /** Tracker id and version ("Cwt/v"). */
  readonly cwtv: number;
  /** 1 = signed samples (old), 2 = unsigned samples. */
  readonly formatVersion: number;
  readonly globalVolume: number;
  readonly speed: number;
  readonly tempo: number;
  /** Bit 7: stereo; low bits: master (mixing) volume. */
  readonly masterVolume: number;
  readonly ultraClicks: number;
  /** 0xFC: a 32-byte channel panning table follows the parapointers. */
  readonly usePanningTable: number;
  readonly reserved2: number;
  readonly reserved2Bytes: Uint8Array;
  readonly reserved3: number;
  readonly special: number;
  readonly channels: Uint8Array;
}

export const FLAG_ST2_VIBRATO = 0x01;
export const FLAG_AMIGA_LIMITS = 0x10;
export const FLAG_FAST_SLIDES = 0x40;

/** True when the bytes carry the S3M signature (SCRM at 0x2C, type 0x10, a known format version). */
export function hasS3MSignature(r: ByteReader): boolean {
  if (!r.matches(0x2c, 'SCRM') || !r.has(0, HEADER_SIZE)) return false;
  const version = r.u16le(0x2a);
  return r.u8(0x1d) === 0x10 && (version === 1 || version === 2);
}

export function readHeader(r: ByteReader): S3MHeader {
  return {
    title: r.slice(0, 28, 'the title'),
    fileType: r.u8(0x1d),
    ordNum: r.u16le(0x20, 'the order count'),
    smpNum: r.u16le(0x22, 'the sample count'),
    patNum: r.u16le(0x24, 'the pattern count'),
    flags: r.u16le(0x26),
    cwtv: r.u16le(0x28),
    formatVersion: r.u16le(0x2a),
    globalVolume: r.u8(0x30),
    speed: r.u8(0x31),
    tempo: r.u8(0x32),
    masterVolume: r.u8(0x33),
    ultraClicks: r.u8(0x34),
    usePanningTable: r.u8(0x35),
    reserved2: r.u16le(0x36),
    reserved2Bytes: r.slice(0x36, 8),
    reserved3: r.u32le(0x38),
    special: r.u16le(0x3e),
    channels: r.slice(0x40, 32, 'the channel settings'),
  };
}

/** Channels libopenmpt counts: up to the last one that is not unused (0xFF); 4 when none are. */
export function channelCount(h: S3MHeader): number {
  let n = 4;
  for (let i = 0; i < 32; i++) if (h.channels[i] !== 0xff) n = i + 1;
  return n;
}

/** A sample header (80 bytes at its parapointer). */
export interface S3MSampleHeader {
  /** 0 none, 1 PCM, 2.. AdLib. */
  readonly type: number;
  readonly fileName: Uint8Array;
  readonly dataOffset: number;
  readonly length: number;
  readonly loopStart: number;
  readonly loopEnd: number;
  readonly volume: number;
  readonly pack: number;
  readonly flags: number;
  readonly c5speed: number;
  readonly gusAddress: number;
  readonly name: Uint8Array;
  /** The 12 AdLib register bytes (where PCM samples keep length and loop). */
  readonly adlib: Uint8Array;
}

export const SMP_LOOP = 0x01;
export const SMP_STEREO = 0x02;
export const SMP_16BIT = 0x04;

export function readSampleHeader(r: ByteReader, o: number): S3MSampleHeader {
  const hi = r.u8(o + 0x0d);
  const lo = r.u16le(o + 0x0e);
  return {
    type: r.u8(o, 'a sample type'),
    fileName: r.slice(o + 1, 12),
    dataOffset: (lo << 4) + hi * 0x100000,
    length: r.u32le(o + 0x10),
    loopStart: r.u32le(o + 0x14),
    loopEnd: r.u32le(o + 0x18),
    volume: r.u8(o + 0x1c),
    pack: r.u8(o + 0x1e),
    flags: r.u8(o + 0x1f),
    c5speed: r.u32le(o + 0x20),
    gusAddress: r.u16le(o + 0x28),
    name: r.slice(o + 0x30, 28, 'a sample name'),
    adlib: r.slice(o + 0x10, 12),
  };
}
