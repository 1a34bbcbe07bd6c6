// On-disk layout of FastTracker 2 extended modules: the header (its size field says where the
// patterns start), packed patterns, instrument headers with envelopes, and 40-byte sample headers.

import type { ByteReader } from '../common/byte-reader.js';

export const SIGNATURE = 'Extended Module: ';

export interface XMHeader {
  readonly songName: Uint8Array;
  readonly trackerName: Uint8Array;
  readonly version: number;
  /** Header size counted from offset 60. */
  readonly size: number;
  readonly orders: number;
  readonly restart: number;
  readonly channels: number;
  readonly patterns: number;
  readonly instruments: number;
  readonly flags: number;
  readonly speed: number;
  readonly tempo: number;
}

export const FLAG_LINEAR = 0x01;
/** ModPlug's extended filter range (only ModPlug Tracker and OpenMPT set it). */
export const FLAG_EXTENDED_FILTER = 0x1000;

export function hasXMSignature(r: ByteReader): boolean {
  return r.matches(0, SIGNATURE) && r.has(0, 80);
}

export function readHeader(r: ByteReader): XMHeader {
  return {
    songName: r.slice(17, 20, 'the song name'),
    trackerName: r.slice(38, 20, 'the tracker name'),
    version: r.u16le(58, 'the format version'),
    size: r.u32le(60, 'the header size'),
    orders: r.u16le(64, 'the song length'),
    restart: r.u16le(66),
    channels: r.u16le(68, 'the channel count'),
    patterns: r.u16le(70, 'the pattern count'),
    instruments: r.u16le(72, 'the instrument count'),
    flags: r.u16le(74),
    speed: r.u16le(76),
    tempo: r.u16le(78),
  };
}

/** Envelope settings as stored in an instrument header. */
export interface XMEnvelope {
  readonly points: { tick: number; value: number }[];
  readonly count: number;
  readonly sustain: number;
  readonly loopStart: number;
  readonly loopEnd: number;
  readonly flags: number;
}

export interface XMInstrumentHeader {
  /** Bytes from the instrument's start to its first sample header. */
  readonly size: number;
  readonly name: Uint8Array;
  readonly type: number;
  readonly numSamples: number;
  readonly sampleHeaderSize: number;
  readonly keymap: Uint8Array;
  readonly volume: XMEnvelope;
  readonly pan: XMEnvelope;
  readonly vibType: number;
  readonly vibSweep: number;
  readonly vibDepth: number;
  readonly vibRate: number;
  readonly fadeout: number;
  readonly midiEnabled: number;
  readonly midiChannel: number;
  readonly midiProgram: number;
  /** Mute the sample playback while MIDI is enabled (ModPlug/OpenMPT). */
  readonly muteComputer: number;
}

/** Reads an instrument header; fields beyond its declared size (or the file) read as zero, as FT2 does. */
export function readInstrumentHeader(bytes: Uint8Array, o: number, declared: number): XMInstrumentHeader {
  const size = declared;
  const limit = Math.min(bytes.length, o + size);
  const u8 = (at: number) => (o + at < limit ? bytes[o + at]! : 0);
  const u16 = (at: number) => u8(at) | (u8(at + 1) << 8);
  const u32 = (at: number) => (u16(at) | (u16(at + 2) << 16)) >>> 0;
  const env = (pts: number, count: number, base: number, flags: number): XMEnvelope => ({
    points: Array.from({ length: 12 }, (_, i) => ({ tick: u16(pts + i * 4), value: u16(pts + i * 4 + 2) })),
    count: u8(count),
    sustain: u8(base),
    loopStart: u8(base + 1),
    loopEnd: u8(base + 2),
    flags: u8(flags),
  });
  const keymap = new Uint8Array(96);
  for (let i = 0; i < 96; i++) keymap[i] = u8(33 + i);
  return {
    size,
    name: Uint8Array.from({ length: 22 }, (_, i) => u8(4 + i)),
    type: u8(26),
    numSamples: u16(27),
    sampleHeaderSize: u32(29),
    keymap,
    volume: env(129, 225, 227, 233),
    pan: env(177, 226, 230, 234),
    vibType: u8(235),
    vibSweep: u8(236),
    vibDepth: u8(237),
    vibRate: u8(238),
    fadeout: u16(239),
    midiEnabled: u8(241),
    midiChannel: u8(242),
    midiProgram: u16(243),
    muteComputer: u8(247),
  };
}

export interface XMSampleHeader {
  readonly length: number;
  readonly loopStart: number;
  readonly loopLength: number;
  readonly volume: number;
  readonly finetune: number;
  readonly flags: number;
  readonly pan: number;
  readonly relativeNote: number;
  /** 0xAD: ModPlug ADPCM. */
  readonly reserved: number;
  readonly name: Uint8Array;
}

export const SMP_LOOP = 0x01;
export const SMP_PINGPONG = 0x02;
export const SMP_16BIT = 0x10;
export const SMP_STEREO = 0x20;

export function readSampleHeader(r: ByteReader, o: number): XMSampleHeader {
  return {
    length: r.u32le(o, 'a sample length'),
    loopStart: r.u32le(o + 4),
    loopLength: r.u32le(o + 8),
    volume: r.u8(o + 12),
    finetune: r.i8(o + 13),
    flags: r.u8(o + 14),
    pan: r.u8(o + 15),
    relativeNote: r.i8(o + 16),
    reserved: r.u8(o + 17),
    name: r.slice(o + 18, 22, 'a sample name'),
  };
}
