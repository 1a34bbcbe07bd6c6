// Reads Impulse Tracker modules (and OpenMPT's IT-based MPTM) into a Song: header and flags, orders,
// channel pan/volume/mute/surround, the song message, embedded MIDI macros, instruments, samples
// and packed patterns, plus the saving tracker's quirks. Damaged parts load empty, with warnings.

import { createChannel, createSong } from '../../song/create.js';
import type { Effect, VolumeCommand } from '../../song/effects.js';
import { createPattern, MAX_CHANNELS, MAX_ROWS, type Pattern, writeCell } from '../../song/pattern.js';
import { makeProfile } from '../../song/profile.js';
import type { Channel, Instrument, MidiMacros, OrderEntry, Sample, Song } from '../../song/song.js';
import { ByteReader } from '../common/byte-reader.js';
import { FormatError, type ReadResult } from '../common/format-error.js';
import { decodeName } from '../common/text-codecs.js';
import { convertS3MEffect } from '../s3m/effects.js';
import { readSongExtensions } from './extensions.js';
import { readInstrument, readOldInstrument, readSample } from './instruments.js';
import {
  FLAG_COMPATIBLE_GXX,
  FLAG_EMBEDDED_MIDI,
  FLAG_INSTRUMENTS,
  FLAG_LINEAR,
  FLAG_OLD_EFFECTS,
  hasITSignature,
  HEADER_SIZE,
  type ITHeader,
  readHeader,
  readSampleHeader,
  SPECIAL_HIGHLIGHTS,
  SPECIAL_HISTORY,
  SPECIAL_MESSAGE,
  SPECIAL_MIDI,
} from './layout.js';
import { sniffTracker } from './tracker.js';

/** True when the bytes are an IT (or MPTM) module. */
export function probeIT(bytes: Uint8Array): boolean {
  return hasITSignature(new ByteReader(bytes));
}

export function readIT(bytes: Uint8Array): ReadResult<Song> {
  const r = new ByteReader(bytes);
  if (!hasITSignature(r)) throw new FormatError('not an IT module (no IMPM signature)', { offset: 0 });
  const h = readHeader(r);
  const warnings: string[] = [];

  let o = HEADER_SIZE;
  let orderBytes: ArrayLike<number>;
  if (h.cwtv > 0x88a && h.cwtv <= 0x88d && isMptm(bytes) && r.has(o, 6) && r.u16le(o) === 0) {
    // MPTM 1.17.02.xx stores the order list as 32-bit numbers after a version and a count.
    const count = Math.min(r.u32le(o + 2), Math.floor(r.available(o + 6, r.u32le(o + 2) * 4) / 4));
    orderBytes = Array.from({ length: count }, (_, i) => Math.min(r.u32le(o + 6 + i * 4), 0xff));
    o += 6 + count * 4;
  } else {
    const ordnum = Math.min(h.ordnum, r.available(o, h.ordnum));
    if (ordnum < h.ordnum) warnings.push(`the header claims ${h.ordnum} orders, the file holds ${ordnum}`);
    orderBytes = r.sliceAvailable(o, ordnum);
    o += h.ordnum;
  }
  // Pattern cells name instruments and samples with one byte, and IT orders patterns with one byte.
  const pointers = (count: number, what: string, max: number): number[] => {
    let n = Math.min(count, Math.floor(r.available(o, count * 4) / 4));
    if (n < count) warnings.push(`the header claims ${count} ${what}, the file holds pointers for ${n}`);
    if (n > max) {
      warnings.push(`the header claims ${count} ${what}; IT can use ${max}`);
      n = max;
    }
    const out = Array.from({ length: n }, (_, i) => r.u32le(o + i * 4));
    o += count * 4;
    return out;
  };
  const insPos = pointers(h.insnum, 'instruments', 255);
  const smpPos = pointers(h.smpnum, 'samples', 255);
  const patPos = pointers(h.patnum, 'patterns', 256);

  let historyEntries = -1;
  if (h.special & SPECIAL_HISTORY && r.has(o, 2)) {
    historyEntries = r.u16le(o);
    o += 2 + historyEntries * 8;
  }
  let midiMacros: MidiMacros | null = null;
  if ((h.flags & FLAG_EMBEDDED_MIDI || h.special & SPECIAL_MIDI) && r.has(o, 153 * 32)) {
    const text = (i: number) => decodeName(r.slice(o + i * 32, 32), 'cp437');
    midiMacros = {
      global: Array.from({ length: 9 }, (_, i) => text(i)),
      parametered: Array.from({ length: 16 }, (_, i) => text(9 + i)),
      fixed: Array.from({ length: 128 }, (_, i) => text(25 + i)),
    };
  }

  const sniff = sniffTracker(h, { historyEntries, instrumentPointers: insPos, patternPointers: patPos, samplePointers: smpPos, bytes });
  if (sniff.mptm) warnings.push("OpenMPT's MPTM extensions (beyond IT) are not read; the song plays as IT");

  let message = '';
  if (h.special & SPECIAL_MESSAGE && h.messageLength > 0) {
    // IT ends lines with CR and crops the message at the first NUL.
    const raw = r.sliceAvailable(h.messageOffset, h.messageLength);
    const nul = raw.indexOf(0);
    message = decodeName(nul >= 0 ? raw.subarray(0, nul) : raw, 'cp437', true).replace(/\r\n?/g, '\n');
  }

  const instruments: Instrument[] = [];
  if (h.flags & FLAG_INSTRUMENTS) {
    insPos.forEach((p, i) => {
      // Old and new instrument headers are both 554 bytes.
      if (p === 0 || !r.matches(p, 'IMPI') || !r.has(p, 554)) {
        if (p !== 0) warnings.push(`instrument ${i + 1}: missing or damaged; left empty`);
        instruments.push(readInstrument(new Uint8Array(554), 0));
        return;
      }
      instruments.push(h.cmwt < 0x200 ? readOldInstrument(bytes, p) : readInstrument(bytes, p));
    });
  }

  const samples: Sample[] = smpPos.map((p, i) => {
    const label = `sample ${i + 1}`;
    if (p === 0 || !r.has(p, 80)) {
      if (p !== 0) warnings.push(`${label}: its header lies past the end of the file; left empty`);
      return readSample(r, emptyHeader(), h.cwtv, label, warnings);
    }
    const sh = readSampleHeader(r, p);
    return readSample(r, sh, h.cwtv, label, warnings);
  });

  // Channels: as many as the patterns use (at least 1), or more when OpenMPT recorded more.
  const ext = readSongExtensions(bytes, HEADER_SIZE);
  let channels = 1;
  for (const p of patPos) if (p !== 0) channels = Math.max(channels, usedChannels(bytes, p));
  if (ext.channels !== undefined) channels = Math.max(channels, ext.channels);
  channels = Math.min(channels, MAX_CHANNELS);
  const patterns: Pattern[] = [];
  let damaged = 0;
  // Missing patterns share one empty pattern (patterns are immutable), so lying counts cost nothing.
  const empty = createPattern(64, channels);
  patPos.forEach((p) => {
    if (p === 0) {
      patterns.push(empty);
      return;
    }
    const result = readPattern(bytes, p, channels, empty);
    if (!result.complete) damaged++;
    patterns.push(result.pattern);
  });
  if (damaged > 0) warnings.push(`${damaged} pattern${damaged === 1 ? '' : 's'} are damaged or cut short; the missing rows are empty`);
  if (patterns.length === 0) patterns.push(createPattern(64, channels));

  const chans: Channel[] = [];
  for (let i = 0; i < channels; i++) {
    const pan = i < 64 ? (h.channelPan[i] ?? 32) : 32;
    const vol = i < 64 ? (h.channelVolume[i] ?? 64) : 64;
    if (pan === 0xff) {
      chans.push(createChannel());
      continue;
    }
    const n = pan & 0x7f;
    chans.push(createChannel({ volume: Math.min(vol, 64), muted: (pan & 0x80) !== 0, pan: n <= 64 ? n * 4 : 128, surround: n === 100 }));
  }

  const orders: OrderEntry[] = [];
  for (const b of Array.from(orderBytes)) {
    if (b === 0xff) orders.push('end');
    else if (b === 0xfe) orders.push('skip');
    else if (b < patterns.length) orders.push(b);
    else {
      warnings.push(`order list names pattern ${b}, which the file does not hold; skipped`);
      orders.push('skip');
    }
  }
  while (orders.length > 1 && orders[orders.length - 1] === 'end') orders.pop();

  const highlights = h.special & SPECIAL_HIGHLIGHTS && h.highlightMinor > 0 && h.highlightMajor > 0;
  const song = createSong(
    {
      channels,
      notation: 'it',
      profile: makeProfile('it', {
        ...sniff.flags,
        linearSlides: (h.flags & FLAG_LINEAR) !== 0,
        itOldEffects: (h.flags & FLAG_OLD_EFFECTS) !== 0,
        itCompatibleGxx: (h.flags & FLAG_COMPATIBLE_GXX) !== 0,
      }),
    },
    {
      title: decodeName(h.songName, 'cp437'),
      message,
      initialSpeed: h.speed || 6,
      initialTempo: ext.tempo !== undefined && ext.tempo >= 32 && ext.tempo <= 1000 ? ext.tempo : Math.max(31, h.tempo),
      globalVolume: Math.min(h.globalVolume, 128),
      mixVolume: sniff.halveMixVolume ? Math.floor(Math.min(h.mixVolume, 128) / 2) : Math.min(h.mixVolume, 128),
      rowsPerBeat: ext.rowsPerBeat || (highlights ? h.highlightMinor : 4),
      rowsPerMeasure: ext.rowsPerMeasure || (highlights ? h.highlightMajor : 16),
      channels: chans,
      orders,
      patterns,
      instruments,
      samples,
      midiMacros,
      origin: { format: 'it', tracker: sniff.tracker },
    },
  );
  return { song, warnings: [...new Set(warnings)] };
}

/** OpenMPT's MPTM: the last 4 bytes point at a "228" marker. */
function isMptm(b: Uint8Array): boolean {
  if (b.length < 8) return false;
  const at = (b[b.length - 4]! | (b[b.length - 3]! << 8) | (b[b.length - 2]! << 16) | (b[b.length - 1]! << 24)) >>> 0;
  return at >= 0x100 && at + 3 <= b.length && b[at] === 0x32 && b[at + 1] === 0x32 && b[at + 2] === 0x38;
}

function emptyHeader(): Parameters<typeof readSample>[1] {
  return {
    fileName: new Uint8Array(0), globalVolume: 64, flags: 0, volume: 64, name: new Uint8Array(0), cvt: 0, pan: 0, length: 0, loopStart: 0,
    loopEnd: 0, c5speed: 8363, sustainStart: 0, sustainEnd: 0, pointer: 0, vibSpeed: 0, vibDepth: 0, vibSweep: 0, vibType: 0,
  };
}

const MASK_SKIPS = [0, 1, 1, 2, 1, 2, 2, 3, 2, 3, 3, 4, 3, 4, 4, 5];

/** The highest channel with data in a pattern, plus one (0 when empty or damaged). */
function usedChannels(bytes: Uint8Array, p: number): number {
  if (p + 8 > bytes.length) return 0;
  const len = bytes[p]! | (bytes[p + 1]! << 8);
  const rows = bytes[p + 2]! | (bytes[p + 3]! << 8);
  if (rows < 1 || rows > MAX_ROWS) return 0;
  const end = Math.min(bytes.length, p + 8 + len);
  const masks = new Uint8Array(128);
  let o = p + 8;
  let row = 0;
  let n = 0;
  while (row < rows && o < end) {
    const b = bytes[o++]!;
    if (!b) {
      row++;
      continue;
    }
    const ch = ((b & 0x7f) - 1) & 0x7f;
    if (b & 0x80) masks[ch] = bytes[o++] ?? 0;
    const m = masks[ch]!;
    if (m & 0x0f) {
      n = Math.max(n, ch + 1);
      o += MASK_SKIPS[m & 0x0f]!;
    }
  }
  return n;
}

/** IT volume column: 0..64 volume, then a/b/c/d/e/f ranges of ten, 128..192 panning, g and h. */
function volumeOf(v: number): VolumeCommand | null {
  if (v <= 64) return { kind: 'volume', value: v };
  if (v <= 74) return { kind: 'fineVolUp', value: v - 65 };
  if (v <= 84) return { kind: 'fineVolDown', value: v - 75 };
  if (v <= 94) return { kind: 'volSlideUp', value: v - 85 };
  if (v <= 104) return { kind: 'volSlideDown', value: v - 95 };
  if (v <= 114) return { kind: 'portaDown', value: v - 105 };
  if (v <= 124) return { kind: 'portaUp', value: v - 115 };
  if (v >= 128 && v <= 192) return { kind: 'panning', value: v - 128 };
  if (v >= 193 && v <= 202) return { kind: 'tonePorta', value: v - 193 };
  if (v >= 203 && v <= 212) return { kind: 'vibratoDepth', value: v - 203 };
  return null;
}

function readPattern(bytes: Uint8Array, p: number, channels: number, empty: Pattern): { pattern: Pattern; complete: boolean } {
  if (p + 8 > bytes.length) return { pattern: empty, complete: false };
  const len = bytes[p]! | (bytes[p + 1]! << 8);
  const rows = bytes[p + 2]! | (bytes[p + 3]! << 8);
  if (rows < 1 || rows > MAX_ROWS) return { pattern: empty, complete: false };
  const pattern = createPattern(rows, channels);
  const end = Math.min(bytes.length, p + 8 + len);
  const masks = new Uint8Array(128);
  const lastNote = new Uint8Array(128);
  const lastIns = new Uint8Array(128);
  const lastVol = new Int16Array(128).fill(-1);
  const lastCmd = new Uint8Array(128);
  const lastParam = new Uint8Array(128);
  let o = p + 8;
  let row = 0;
  while (row < rows && o < end) {
    const b = bytes[o++]!;
    if (!b) {
      row++;
      continue;
    }
    const ch = ((b & 0x7f) - 1) & 0x7f;
    if (b & 0x80) masks[ch] = bytes[o++] ?? 0;
    const m = masks[ch]!;
    let note = 0;
    let instrument = 0;
    let vol = -1;
    let cmd = 0;
    let param = 0;
    if (m & 0x01) {
      const n = bytes[o++] ?? 0;
      note = n < 0x80 ? Math.min(n + 1, 120) : n === 255 ? 255 : n === 254 ? 254 : 253;
      lastNote[ch] = note;
    }
    if (m & 0x02) lastIns[ch] = instrument = bytes[o++] ?? 0;
    if (m & 0x04) lastVol[ch] = vol = bytes[o++] ?? 0;
    if (m & 0x08) {
      cmd = bytes[o++] ?? 0;
      param = bytes[o++] ?? 0;
      lastCmd[ch] = cmd;
      lastParam[ch] = param;
    }
    if (m & 0x10) note = lastNote[ch]!;
    if (m & 0x20) instrument = lastIns[ch]!;
    if (m & 0x40) vol = lastVol[ch]!;
    if (m & 0x80) {
      cmd = lastCmd[ch]!;
      param = lastParam[ch]!;
    }
    if (ch >= channels) continue;
    const effect: Effect | null = cmd ? convertS3MEffect(cmd, param, false) : null;
    writeCell(pattern, row, ch, { note, instrument, volume: vol >= 0 ? volumeOf(vol) : null, effects: [effect] });
  }
  return { pattern, complete: row >= rows || o >= end };
}

export type { ITHeader };
