// IT instruments (old and new headers) and samples (PCM in every IT variant, IT 2.14/2.15
// compressed, stereo, loops and sustain loops, auto-vibrato) to the model.

import { createInstrument, createSample, EMPTY_ENVELOPE } from '../../song/create.js';
import type { DuplicateAction, DuplicateCheck, Envelope, Instrument, NewNoteAction, Sample, SampleLoop, SamplePcm, VibratoWaveform } from '../../song/song.js';
import type { ByteReader } from '../common/byte-reader.js';
import { decodeName } from '../common/text-codecs.js';
import { readAdpcm } from '../mod/samples.js';
import { decompressIT } from './compression.js';
import {
  CVT_ADPCM,
  CVT_BIG_ENDIAN,
  CVT_DELTA,
  CVT_EXTERNAL,
  CVT_OPL,
  CVT_PTM8TO16,
  CVT_SIGNED,
  ENV_CARRY,
  ENV_ENABLED,
  ENV_FILTER,
  ENV_LOOP,
  ENV_SUSTAIN,
  type ITEnvelope,
  type ITSampleHeader,
  readEnvelope,
  SMP_16BIT,
  SMP_COMPRESSED,
  SMP_LOOP,
  SMP_PINGPONG,
  SMP_PINGPONG_SUSTAIN,
  SMP_STEREO,
  SMP_SUSTAIN,
} from './layout.js';

const NNA: readonly NewNoteAction[] = ['cut', 'continue', 'off', 'fade'];
const DCT: readonly DuplicateCheck[] = ['off', 'note', 'sample', 'instrument'];
const DCA: readonly DuplicateAction[] = ['cut', 'off', 'fade'];
const VIBRATO: readonly VibratoWaveform[] = ['sine', 'rampDown', 'square', 'random', 'rampUp', 'sine', 'sine', 'sine'];

function envelope(e: ITEnvelope, min: number, max: number): Envelope {
  const points: { tick: number; value: number }[] = [];
  for (const [i, p] of e.points.entries()) {
    let tick = p.tick;
    const prev = points[i - 1];
    if (prev && tick < prev.tick && !(tick & 0xff00)) {
      tick |= prev.tick & 0xff00;
      if (tick < prev.tick) tick += 0x100;
    }
    points.push({ tick, value: Math.max(min, Math.min(max, p.value)) });
  }
  const n = points.length;
  if (n === 0) return EMPTY_ENVELOPE;
  const range = (start: number, end: number) => {
    const s = Math.min(start, n - 1);
    return { start: s, end: Math.max(s, Math.min(end, n - 1)) };
  };
  return {
    enabled: (e.flags & ENV_ENABLED) !== 0,
    points,
    loop: e.flags & ENV_LOOP ? range(e.loopStart, e.loopEnd) : null,
    sustain: e.flags & ENV_SUSTAIN ? range(e.sustainStart, e.sustainEnd) : null,
    carry: (e.flags & ENV_CARRY) !== 0,
  };
}

function maps(b: Uint8Array, o: number): { noteMap: number[]; sampleMap: number[] } {
  const noteMap: number[] = [];
  const sampleMap: number[] = [];
  for (let i = 0; i < 120; i++) {
    const note = b[o + i * 2] ?? 255;
    noteMap.push(note < 120 ? note + 1 : i + 1);
    sampleMap.push(b[o + i * 2 + 1] ?? 0);
  }
  return { noteMap, sampleMap };
}

/**
 * MIDI program and bank (model: 0-based, -1 = none). Instruments saved by IT 2.02-2.20 store them
 * 1-based with the bank as one 16-bit word; later ones 0-based, 0xFF = none (libopenmpt ITTools.cpp).
 */
function midiProgramBank(trkvers: number, mpr: number, lsb: number, msb: number): { program: number; bank: number } {
  if ((trkvers === 0x0202 || trkvers === 0x0211 || trkvers === 0x0220 || trkvers === 0x0214) && mpr !== 0xff) {
    const bank = lsb | (msb << 8);
    return { program: mpr >= 1 && mpr <= 128 ? mpr - 1 : -1, bank: bank >= 1 && bank <= 128 ? bank - 1 : -1 };
  }
  const bank = (lsb < 128 ? lsb + 1 : 0) + (msb < 128 ? msb << 7 : 0);
  return { program: mpr < 128 ? mpr : -1, bank: bank - 1 };
}

/** A new-format (IT 2.00+) instrument: 554 bytes at `o`. */
export function readInstrument(b: Uint8Array, o: number): Instrument {
  const u8 = (i: number) => b[o + i] ?? 0;
  const dfp = u8(25);
  const ifc = u8(58);
  const ifr = u8(59);
  // 128 and above name a mix plugin instead of a MIDI channel (not supported).
  const mch = u8(60);
  const mpr = u8(61);
  const lsb = u8(62);
  const msb = u8(63);
  const pitch = readEnvelope(b, o + 468);
  return createInstrument(0, {
    name: decodeName(b.subarray(o + 32, o + 58), 'cp437'),
    fileName: decodeName(b.subarray(o + 4, o + 16), 'cp437'),
    ...maps(b, o + 64),
    newNoteAction: NNA[u8(17) & 3] ?? 'cut',
    duplicateCheck: DCT[u8(18) & 3] ?? 'off',
    duplicateAction: DCA[u8(19)] ?? 'cut',
    fadeout: (u8(20) | (u8(21) << 8)) * 32,
    pitchPanSeparation: Math.max(-32, Math.min(32, (u8(22) << 24) >> 24)),
    pitchPanCenter: Math.min(u8(23), 119) + 1,
    globalVolume: Math.min(u8(24), 128),
    pan: dfp & 0x80 ? null : (dfp & 0x7f) * 4 > 256 ? 128 : (dfp & 0x7f) * 4,
    randomVolume: Math.min(u8(26), 100),
    randomPan: Math.min(u8(27), 64),
    filterCutoff: ifc & 0x80 ? ifc & 0x7f : null,
    filterResonance: ifr & 0x80 ? ifr & 0x7f : null,
    midi: { port: null, channel: mch >= 1 && mch <= 16 ? mch : 0, ...midiProgramBank(u8(28) | (u8(29) << 8), mpr, lsb, msb), transpose: 0, bendRange: 2, controller: -1 },
    volumeEnvelope: envelope(readEnvelope(b, o + 304), 0, 64),
    panEnvelope: envelope(readEnvelope(b, o + 386), -32, 32),
    pitchEnvelope: envelope(pitch, -32, 32),
    pitchEnvelopeIsFilter: (pitch.flags & ENV_FILTER) !== 0,
  });
}

/** An old-format (cmwt < 2.00) instrument: volume envelope only, node list ends at tick 0xFF. */
export function readOldInstrument(b: Uint8Array, o: number): Instrument {
  const u8 = (i: number) => b[o + i] ?? 0;
  const flags = u8(17);
  const points: { tick: number; value: number }[] = [];
  for (let i = 0; i < 25; i++) {
    const tick = u8(504 + i * 2);
    if (tick === 0xff) break;
    points.push({ tick, value: Math.min(64, u8(505 + i * 2)) });
  }
  const n = points.length;
  const fits = (a: number, z: number) => Math.max(a, z) < n;
  const volumeEnvelope: Envelope = n === 0 ? EMPTY_ENVELOPE : {
    enabled: (flags & 1) !== 0,
    points,
    loop: flags & 2 && fits(u8(18), u8(19)) ? { start: u8(18), end: Math.max(u8(18), u8(19)) } : null,
    sustain: flags & 4 && fits(u8(20), u8(21)) ? { start: u8(20), end: Math.max(u8(20), u8(21)) } : null,
    carry: false,
  };
  return createInstrument(0, {
    name: decodeName(b.subarray(o + 32, o + 58), 'cp437'),
    fileName: decodeName(b.subarray(o + 4, o + 16), 'cp437'),
    ...maps(b, o + 64),
    fadeout: (u8(24) | (u8(25) << 8)) * 64,
    newNoteAction: NNA[u8(26) & 3] ?? 'cut',
    duplicateCheck: u8(27) ? 'note' : 'off',
    volumeEnvelope,
  });
}

/** A loop clamped to the sample (libopenmpt's SanitizeLoops); null with a warning when nothing is left. */
function loop(start: number, end: number, length: number, on: boolean, pingPong: boolean, what: string, warnings: string[]): SampleLoop | null {
  if (!on) return null;
  const e = Math.min(end, length);
  if (start < e) {
    if (end > length) warnings.push(`${what} ends past the sample (${end} > ${length} frames); clamped`);
    return { start, end: e, pingPong };
  }
  warnings.push(`${what} (${start}..${end}) is empty or outside the ${length}-frame sample; dropped`);
  return null;
}

/** Reads a sample's PCM as its header describes; the data is capped by the bytes present. */
export function readSample(r: ByteReader, sh: ITSampleHeader, cwtv: number, label: string, warnings: string[]): Sample {
  let c5 = sh.c5speed || 8363;
  if (c5 < 256) c5 = 256;
  const base = {
    name: decodeName(sh.name, 'cp437'),
    fileName: decodeName(sh.fileName, 'cp437'),
    volume: Math.min(sh.volume, 64),
    globalVolume: Math.min(sh.globalVolume, 64),
    pan: sh.pan & 0x80 ? Math.min(256, (sh.pan & 0x7f) * 4) : null,
    tuning: { kind: 'c5speed' as const, c5Speed: c5 },
    vibrato: { waveform: VIBRATO[sh.vibType & 7] ?? 'sine', speed: sh.vibSpeed, depth: sh.vibDepth & 0x7f, sweep: sh.vibSweep },
  };
  if (sh.cvt === CVT_OPL) return createSample({ ...base, adlib: r.sliceAvailable(sh.pointer, 12).slice() });
  if (sh.cvt === CVT_EXTERNAL) {
    warnings.push(`${label}: the audio is in an external file, which tracker does not load`);
    return createSample(base);
  }
  // The "data present" flag is judged by the caller (libopenmpt trusts it only in IT-saved files).
  if (sh.length === 0) return createSample(base);

  const pcm = readPcm(r.bytes, sh, cwtv, label, warnings);
  const frames = pcm.data.length / pcm.channels;
  return createSample({
    ...base,
    pcm,
    loop: loop(sh.loopStart, sh.loopEnd, frames, (sh.flags & SMP_LOOP) !== 0, (sh.flags & SMP_PINGPONG) !== 0, `${label}: loop`, warnings),
    sustainLoop: loop(sh.sustainStart, sh.sustainEnd, frames, (sh.flags & SMP_SUSTAIN) !== 0, (sh.flags & SMP_PINGPONG_SUSTAIN) !== 0, `${label}: sustain loop`, warnings),
  });
}

/** PolyTracker's 16-bit samples as IT stores them: 8-bit deltas on a running 16-bit sum, low byte first. */
function readPtmDelta16(bytes: Uint8Array, at: number, frames: number): Int16Array {
  const n = Math.min(frames, Math.floor(Math.max(0, bytes.length - at) / 2));
  const out = new Int16Array(n);
  let delta = 0;
  for (let i = 0; i < n; i++) {
    delta = (delta + bytes[at + i * 2]!) & 0xffff;
    const lo = delta & 0xff;
    delta = (delta + bytes[at + i * 2 + 1]!) & 0xffff;
    out[i] = (((delta << 8) | lo) << 16) >> 16;
  }
  return out;
}

function readPcm(bytes: Uint8Array, sh: ITSampleHeader, cwtv: number, label: string, warnings: string[]): SamplePcm {
  const is16 = (sh.flags & SMP_16BIT) !== 0;
  const stereo = (sh.flags & SMP_STEREO) !== 0 && cwtv >= 0x214;
  const chans = stereo ? 2 : 1;
  const bps = is16 ? 2 : 1;
  // Never allocate more than the file could hold (compressed data is at least ~1 bit per sample).
  const maxFrames = Math.max(0, bytes.length - sh.pointer) * (sh.flags & SMP_COMPRESSED ? 8 : 1);
  let frames = Math.min(sh.length, Math.floor(maxFrames / (sh.flags & SMP_COMPRESSED ? 1 : bps * chans)));
  if (frames < sh.length) warnings.push(`${label}: claims ${sh.length} frames, the file holds at most ${frames}; cut short`);
  if (sh.flags & SMP_COMPRESSED) {
    const it215 = (sh.cvt & CVT_DELTA) !== 0;
    const left = decompressIT(bytes, sh.pointer, frames, is16, it215);
    let complete = left.complete;
    let data = left.data;
    if (stereo) {
      const right = decompressIT(bytes, left.end, frames, is16, it215);
      complete &&= right.complete;
      const both = is16 ? new Int16Array(frames * 2) : new Int8Array(frames * 2);
      for (let i = 0; i < frames; i++) {
        both[i * 2] = left.data[i]!;
        both[i * 2 + 1] = right.data[i]!;
      }
      data = both;
    }
    if (!complete) warnings.push(`${label}: its compressed data is damaged or cut short; the rest is silent`);
    return is16 ? { bits: 16, channels: chans, data: data as Int16Array } : { bits: 8, channels: chans, data: data as Int8Array };
  }
  if (!is16 && sh.cvt === CVT_ADPCM) {
    const { data } = readAdpcm(bytes, sh.pointer, frames);
    return { bits: 8, channels: 1, data };
  }
  if (is16 && chans === 1 && sh.cvt & CVT_PTM8TO16) return { bits: 16, channels: 1, data: readPtmDelta16(bytes, sh.pointer, frames) };
  const signed = (sh.cvt & CVT_SIGNED) !== 0;
  const bigEndian = (sh.cvt & CVT_BIG_ENDIAN) !== 0;
  const delta = (sh.cvt & CVT_DELTA) !== 0;
  frames = Math.min(frames, Math.floor(Math.max(0, bytes.length - sh.pointer) / (bps * chans)));
  const out = is16 ? new Int16Array(frames * chans) : new Int8Array(frames * chans);
  for (let c = 0; c < chans; c++) {
    const base = sh.pointer + c * sh.length * bps;
    let acc = 0;
    for (let i = 0; i < frames; i++) {
      let v: number;
      if (is16) {
        const at = base + i * 2;
        const lo = bytes[at + (bigEndian ? 1 : 0)] ?? 0;
        const hi = bytes[at + (bigEndian ? 0 : 1)] ?? 0;
        v = (lo | (hi << 8)) ^ (signed ? 0 : 0x8000);
        if (delta) v = acc = (acc + v) & 0xffff;
        v = (v << 16) >> 16;
      } else {
        v = (bytes[base + i] ?? 0) ^ (signed ? 0 : 0x80);
        if (delta) v = acc = (acc + v) & 0xff;
        v = (v << 24) >> 24;
      }
      out[i * chans + c] = v;
    }
  }
  return is16 ? { bits: 16, channels: chans, data: out as Int16Array } : { bits: 8, channels: chans, data: out as Int8Array };
}
