// On-disk layout of Impulse Tracker modules: the 192-byte IMPM header, old (cmwt < 2.00) and new
// IMPI instrument headers with their envelopes, 80-byte IMPS sample headers.

import type { ByteReader } from '../common/byte-reader.js';

export const HEADER_SIZE = 0xc0;

export interface ITHeader {
  readonly songName: Uint8Array;
  readonly highlightMinor: number;
  readonly highlightMajor: number;
  readonly ordnum: number;
  readonly insnum: number;
  readonly smpnum: number;
  readonly patnum: number;
  readonly cwtv: number;
  readonly cmwt: number;
  readonly flags: number;
  readonly special: number;
  readonly globalVolume: number;
  readonly mixVolume: number;
  readonly speed: number;
  readonly tempo: number;
  readonly separation: number;
  readonly pitchWheelDepth: number;
  readonly messageLength: number;
  readonly messageOffset: number;
  readonly reserved: number;
  readonly reservedText: string;
  readonly channelPan: Uint8Array;
  readonly channelVolume: Uint8Array;
}

export const FLAG_STEREO = 0x01;
export const FLAG_INSTRUMENTS = 0x04;
export const FLAG_LINEAR = 0x08;
export const FLAG_OLD_EFFECTS = 0x10;
export const FLAG_COMPATIBLE_GXX = 0x20;
export const FLAG_EMBEDDED_MIDI = 0x80;
export const SPECIAL_MESSAGE = 0x01;
export const SPECIAL_HISTORY = 0x02;
export const SPECIAL_HIGHLIGHTS = 0x04;
export const SPECIAL_MIDI = 0x08;

/** "IMPM", or "tpm." of OpenMPT 1.17.02.4x's legacy MPTM files. */
export function hasITSignature(r: ByteReader): boolean {
  return (r.matches(0, 'IMPM') || r.matches(0, 'tpm.')) && r.has(0, HEADER_SIZE);
}

export function readHeader(r: ByteReader): ITHeader {
  return {
    songName: r.slice(4, 26),
    highlightMinor: r.u8(0x1e),
    highlightMajor: r.u8(0x1f),
    ordnum: r.u16le(0x20),
    insnum: r.u16le(0x22),
    smpnum: r.u16le(0x24),
    patnum: r.u16le(0x26),
    cwtv: r.u16le(0x28),
    cmwt: r.u16le(0x2a),
    flags: r.u16le(0x2c),
    special: r.u16le(0x2e),
    globalVolume: r.u8(0x30),
    mixVolume: r.u8(0x31),
    speed: r.u8(0x32),
    tempo: r.u8(0x33),
    separation: r.u8(0x34),
    pitchWheelDepth: r.u8(0x35),
    messageLength: r.u16le(0x36),
    messageOffset: r.u32le(0x38),
    reserved: r.u32le(0x3c),
    reservedText: r.ascii(0x3c, 4),
    channelPan: r.slice(0x40, 64),
    channelVolume: r.slice(0x80, 64),
  };
}

/** An IT envelope as stored (values are 0..64 for volume, -32..32 for panning and pitch). */
export interface ITEnvelope {
  readonly flags: number;
  readonly points: { tick: number; value: number }[];
  readonly loopStart: number;
  readonly loopEnd: number;
  readonly sustainStart: number;
  readonly sustainEnd: number;
}

export const ENV_ENABLED = 0x01;
export const ENV_LOOP = 0x02;
export const ENV_SUSTAIN = 0x04;
export const ENV_CARRY = 0x08;
export const ENV_FILTER = 0x80;

/** Reads an 82-byte envelope block (25 nodes of value + tick). */
export function readEnvelope(b: Uint8Array, o: number): ITEnvelope {
  const u8 = (i: number) => b[o + i] ?? 0;
  const n = Math.min(u8(1), 25);
  const points = Array.from({ length: n }, (_, i) => ({ value: (u8(6 + i * 3) << 24) >> 24, tick: u8(7 + i * 3) | (u8(8 + i * 3) << 8) }));
  return { flags: u8(0), points, loopStart: u8(2), loopEnd: u8(3), sustainStart: u8(4), sustainEnd: u8(5) };
}

export interface ITSampleHeader {
  readonly fileName: Uint8Array;
  readonly globalVolume: number;
  readonly flags: number;
  readonly volume: number;
  readonly name: Uint8Array;
  readonly cvt: number;
  readonly pan: number;
  readonly length: number;
  readonly loopStart: number;
  readonly loopEnd: number;
  readonly c5speed: number;
  readonly sustainStart: number;
  readonly sustainEnd: number;
  readonly pointer: number;
  readonly vibSpeed: number;
  readonly vibDepth: number;
  readonly vibSweep: number;
  readonly vibType: number;
}

export const SMP_DATA = 0x01;
export const SMP_16BIT = 0x02;
export const SMP_STEREO = 0x04;
export const SMP_COMPRESSED = 0x08;
export const SMP_LOOP = 0x10;
export const SMP_SUSTAIN = 0x20;
export const SMP_PINGPONG = 0x40;
export const SMP_PINGPONG_SUSTAIN = 0x80;
export const CVT_SIGNED = 0x01;
export const CVT_BIG_ENDIAN = 0x02;
export const CVT_DELTA = 0x04;
export const CVT_PTM8TO16 = 0x08;
export const CVT_OPL = 0x40;
export const CVT_EXTERNAL = 0x80;
export const CVT_ADPCM = 0xff;

export function readSampleHeader(r: ByteReader, o: number): ITSampleHeader {
  return {
    fileName: r.slice(o + 4, 13),
    globalVolume: r.u8(o + 17),
    flags: r.u8(o + 18),
    volume: r.u8(o + 19),
    name: r.slice(o + 20, 26),
    cvt: r.u8(o + 46),
    pan: r.u8(o + 47),
    length: r.u32le(o + 48),
    loopStart: r.u32le(o + 52),
    loopEnd: r.u32le(o + 56),
    c5speed: r.u32le(o + 60),
    sustainStart: r.u32le(o + 64),
    sustainEnd: r.u32le(o + 68),
    pointer: r.u32le(o + 72),
    vibSpeed: r.u8(o + 76),
    vibDepth: r.u8(o + 77),
    vibSweep: r.u8(o + 78),
    vibType: r.u8(o + 79),
  };
}
