// Reads Impulse Tracker modules (and OpenMPT's IT-based MPTM) into a Song: header and flags, orders,
// channel pan/volume/mute/surround, the song message, embedded MIDI macros, instruments, samples
// and packed patterns, plus the saving tracker's quirks. Damaged parts load empty, with warnings.

import { createChannel, createSong } from '../../song/create.js';
import type { Effect } from '../../song/effects.js';
import { createPattern, MAX_CHANNELS, MAX_ROWS, type Pattern, writeCell } from '../../song/pattern.js';
import { makeProfile } from '../../song/profile.js';
import type { Channel, Instrument, OrderEntry, Sample, Song } from '../../song/song.js';
import { ByteReader } from '../common/byte-reader.js';
import { FormatError, type ReadResult } from '../common/format-error.js';
import { decodeName } from '../common/text-codecs.js';
import { convertITEffect, convertITNote, convertITVolume, type ITEffectContext } from './effects.js';
import { profileTiming, readSongExtensions, readSwing, withTempoFraction } from './extensions.js';
import { readMptmBlock } from './mptm-block.js';
import { readInstrument, readOldInstrument, readSample } from './instruments.js';
import {
  CVT_ADPCM,
  CVT_SIGNED,
  FLAG_COMPATIBLE_GXX,
  FLAG_INSTRUMENTS,
  FLAG_LINEAR,
  FLAG_OLD_EFFECTS,
  hasITSignature,
  HEADER_SIZE,
  type ITHeader,
  readHeader,
  readSampleHeader,
  SMP_16BIT,
  SMP_COMPRESSED,
  SMP_DATA,
  SPECIAL_HIGHLIGHTS,
  SPECIAL_MESSAGE,
} from './layout.js';
import { readPreamble } from './preamble.js';
import { sniffTracker } from './tracker.js';

/** True when the bytes are an IT (or MPTM) module. */
export function probeIT(bytes: Uint8Array): boolean {
  return hasITSignature(new ByteReader(bytes));
}

export function readIT(bytes: Uint8Array): ReadResult<Song> {
  const r = new ByteReader(bytes);
  if (!hasITSignature(r)) {
    if (r.matches(0, 'IMPM')) throw new FormatError(`IT header cut short: ${bytes.length} of ${HEADER_SIZE} bytes`, { offset: bytes.length });
    throw new FormatError('not an IT module (no IMPM signature)', { offset: 0 });
  }
  const h = readHeader(r);
  const warnings: string[] = [];

  const mptm = r.matches(0, 'tpm.') || (h.cwtv > 0x888 && h.cwtv <= 0xfff && isMptm(bytes));
  const pre = readPreamble(r, h, mptm && h.cwtv > 0x88a && h.cwtv <= 0x88d && r.has(HEADER_SIZE, 6) && r.u16le(HEADER_SIZE) === 0, warnings);
  const insPos = pre.instrumentPointers;
  const smpPos = pre.samplePointers;
  const patPos = pre.patternPointers;

  const headers = smpPos.map((p) => (p !== 0 && r.has(p, 80) ? readSampleHeader(r, p) : null));
  const ext = readSongExtensions(bytes, HEADER_SIZE);
  const first = headers[0];
  const sniff = sniffTracker(h, {
    preamble: pre,
    extensions: ext,
    firstSampleFileName: first ? decodeName(first.fileName, 'cp437') : '',
    anyUnsignedSample: headers.some((sh) => sh !== null && sh.length > 0 && !(sh.flags & SMP_COMPRESSED) && sh.cvt !== CVT_ADPCM && !(sh.cvt & CVT_SIGNED)),
    anyAdpcmSample: headers.some((sh) => sh !== null && !(sh.flags & (SMP_COMPRESSED | SMP_16BIT)) && sh.cvt === CVT_ADPCM),
    mptm,
  });
  // MPTM: the order lists live in OpenMPT's block after the IT data; the first one is the song.
  const block = sniff.mptm ? readMptmBlock(bytes, mptmBlockStart(bytes)) : null;
  const sequenceSet = block?.sequences ?? null;
  const sequence = sequenceSet?.sequences[0] ?? null;
  if (sniff.mptm) warnings.push("OpenMPT's MPTM extensions beyond order lists, time signatures and swing (tunings, pattern names and colours) are not read");
  if (sequenceSet && sequenceSet.sequences.length > 1) {
    warnings.push(`the file has ${sequenceSet.sequences.length} order lists (sequences); tracker plays and keeps the first${sequence?.name ? ` ("${sequence.name}")` : ''}`);
  }

  let message = '';
  if (h.special & SPECIAL_MESSAGE && h.messageLength > 0) {
    // IT ends lines with CR (ChibiTracker LF) and crops the message at the first NUL.
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

  // IT itself sometimes clears the "sample data present" flag of a sample whose length it keeps;
  // libopenmpt trusts the flag only in files that look saved by IT (others forget to set it).
  const muteBuggySamples = !sniff.modplugMade && h.cwtv >= 0x0100 && h.cwtv <= 0x0217 && (h.cwtv < 0x0207 || h.reserved !== 0);
  const samples: Sample[] = smpPos.map((p, i) => {
    const label = `sample ${i + 1}`;
    const sh = headers[i];
    if (!sh) {
      if (p !== 0) warnings.push(`${label}: its header lies past the end of the file; left empty`);
      return readSample(r, emptyHeader(), h.cwtv, label, warnings);
    }
    return readSample(r, muteBuggySamples && !(sh.flags & SMP_DATA) ? { ...sh, length: 0 } : sh, h.cwtv, label, warnings);
  });

  // Channels: as many as the patterns use (at least 1), or more when ModPlug/OpenMPT recorded more.
  let channels = Math.max(1, pre.channelNames.length, pre.pluginChannels);
  for (const p of patPos) if (p !== 0) channels = Math.max(channels, usedChannels(bytes, p));
  if (ext.channels !== undefined) channels = Math.max(channels, ext.channels);
  channels = Math.min(channels, MAX_CHANNELS);
  const patterns: Pattern[] = [];
  let damaged = 0;
  // Missing patterns share one empty pattern (patterns are immutable), so lying counts cost nothing.
  const empty = createPattern(64, channels);
  const cells: CellContext = {
    channels,
    mptm,
    vibratoIsSpeed: sniff.mptVersion !== 0 && sniff.mptVersion <= 0x01170254,
    effects: { cwtv: h.cwtv, warnings },
  };
  // ModPlug up to OpenMPT 1.17.03.01 left the highlights blank or wrote 4/16 whatever the song used.
  const highlights = h.special & SPECIAL_HIGHLIGHTS && h.highlightMinor > 0 && h.highlightMajor > 0 && (sniff.mptVersion === 0 || sniff.mptVersion >= 0x01170302);
  const songRowsPerBeat = ext.rowsPerBeat || (highlights ? h.highlightMinor : 4);
  patPos.forEach((p, i) => {
    const signature = block?.signatures.get(i);
    const at = block?.swings.get(i);
    // OpenMPT fits a pattern's swing to its rows per beat; swing plays in the modern tempo mode only.
    const swing = at && ext.tempoMode === 2 ? readSwing(bytes, at.start, at.size, signature?.rowsPerBeat ?? songRowsPerBeat) : [];
    const own = { ...(signature ? { signature } : {}), ...(swing.length > 0 ? { swing } : {}) };
    if (p === 0) {
      patterns.push({ ...empty, ...own });
      return;
    }
    const result = readPattern(bytes, p, cells, empty);
    if (!result.complete) damaged++;
    patterns.push({ ...result.pattern, ...own });
  });
  if (damaged > 0) warnings.push(`${damaged} pattern${damaged === 1 ? '' : 's'} are damaged or cut short; the missing rows are empty`);
  if (patterns.length === 0) patterns.push(createPattern(64, channels));

  const chans: Channel[] = [];
  for (let i = 0; i < channels; i++) {
    const name = pre.channelNames[i] ?? '';
    const pan = i < 64 ? (h.channelPan[i] ?? 32) : 32;
    const vol = i < 64 ? (h.channelVolume[i] ?? 64) : 64;
    if (pan === 0xff) {
      chans.push(createChannel({ name }));
      continue;
    }
    const n = pan & 0x7f;
    chans.push(createChannel({ name, volume: Math.min(vol, 64), muted: (pan & 0x80) !== 0, pan: n <= 64 ? n * 4 : 128, surround: n === 100 }));
  }

  const orders: OrderEntry[] = [];
  const END = sequence ? 0xffff : 0xff;
  for (const b of sequence ? sequence.orders : pre.orders) {
    if (b === END) orders.push('end');
    else if (b === END - 1) orders.push('skip');
    else if (b < patterns.length) orders.push(b);
    else {
      warnings.push(`order list names pattern ${b}, which the file does not hold; skipped`);
      orders.push('skip');
    }
  }
  while (orders.length > 1 && orders[orders.length - 1] === 'end') orders.pop();

  let midiMacros = pre.midiMacros;
  if (sniff.noZxxMacros) {
    // Impulse Tracker before 2.14 had no filters: its files' Zxx commands do nothing (libopenmpt).
    midiMacros = { global: midiMacros?.global ?? IT_GLOBAL_MACROS, parametered: Array(16).fill(''), fixed: Array(128).fill('') };
  }
  const restartOrder = sequence?.restartOrder ?? ext.restartOrder;
  const restart = restartOrder !== undefined && restartOrder < orders.length ? restartOrder : 0;
  const globalVolume = ext.globalVolume !== undefined ? Math.min(128, Math.floor(ext.globalVolume / 2)) : Math.min(h.globalVolume, 128);
  const mix = Math.min(ext.preAmp ?? h.mixVolume, 128);
  const song = createSong(
    {
      channels,
      notation: 'it',
      profile: makeProfile('it', {
        ...sniff.flags,
        linearSlides: (h.flags & FLAG_LINEAR) !== 0,
        itOldEffects: (h.flags & FLAG_OLD_EFFECTS) !== 0,
        itCompatibleGxx: (h.flags & FLAG_COMPATIBLE_GXX) !== 0,
      }, profileTiming(ext)),
    },
    {
      title: decodeName(h.songName, 'cp437'),
      message,
      initialSpeed: sequence?.speed ?? (h.speed || 6),
      initialTempo: sequence?.tempo ?? withTempoFraction(ext.tempo !== undefined && ext.tempo >= 32 && ext.tempo <= 1000 ? ext.tempo : Math.max(31, h.tempo), ext),
      globalVolume,
      mixVolume: sniff.halveMixVolume ? Math.floor(mix / 2) : mix,
      rowsPerBeat: songRowsPerBeat,
      rowsPerMeasure: ext.rowsPerMeasure || (highlights ? h.highlightMajor : 16),
      restartOrder: restart,
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

/** Impulse Tracker's global macros (start, stop; the rest empty). */
const IT_GLOBAL_MACROS: readonly string[] = ['FF', 'FC', '', '', '', '', '', '', ''];

/** Where OpenMPT's MPTM block starts: the last 4 bytes of the file point at it. */
function mptmBlockStart(b: Uint8Array): number {
  if (b.length < 8) return -1;
  return (b[b.length - 4]! | (b[b.length - 3]! << 8) | (b[b.length - 2]! << 16) | (b[b.length - 1]! << 24)) >>> 0;
}

/** OpenMPT's MPTM: the last 4 bytes point at a "228" marker. */
function isMptm(b: Uint8Array): boolean {
  const at = mptmBlockStart(b);
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

/** What the pattern reader needs from the rest of the file. */
interface CellContext {
  readonly channels: number;
  readonly mptm: boolean;
  readonly vibratoIsSpeed: boolean;
  readonly effects: ITEffectContext;
}

function readPattern(bytes: Uint8Array, p: number, ctx: CellContext, empty: Pattern): { pattern: Pattern; complete: boolean } {
  if (p + 8 > bytes.length) return { pattern: empty, complete: false };
  const len = bytes[p]! | (bytes[p + 1]! << 8);
  const rows = bytes[p + 2]! | (bytes[p + 3]! << 8);
  if (rows < 1 || rows > MAX_ROWS) return { pattern: empty, complete: false };
  const warnings = ctx.effects.warnings;
  const pattern = createPattern(rows, ctx.channels);
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
    // Bits 0x10..0x80 repeat the channel's last value; bits 0x01..0x08 read (and remember) a new one.
    if (m & 0x10) note = lastNote[ch]!;
    if (m & 0x20) instrument = lastIns[ch]!;
    if (m & 0x40) vol = lastVol[ch]!;
    if (m & 0x80) {
      cmd = lastCmd[ch]!;
      param = lastParam[ch]!;
    }
    if (m & 0x01) lastNote[ch] = note = convertITNote(bytes[o++] ?? 0, ctx.mptm, warnings);
    if (m & 0x02) lastIns[ch] = instrument = bytes[o++] ?? 0;
    if (m & 0x04) lastVol[ch] = vol = bytes[o++] ?? 0;
    if (m & 0x08) {
      // A parameter without a command still replaces the remembered effect (OpenMPT 1.25.01.07+).
      lastCmd[ch] = cmd = bytes[o++] ?? 0;
      lastParam[ch] = param = bytes[o++] ?? 0;
    }
    if (ch >= ctx.channels) continue;
    const effect: Effect | null = cmd ? convertITEffect(cmd, param, ctx.effects) : null;
    const volume = vol >= 0 ? convertITVolume(vol, ctx.vibratoIsSpeed, warnings) : null;
    writeCell(pattern, row, ch, { note, instrument, volume, effects: [effect] });
  }
  return { pattern, complete: row >= rows || o >= end };
}

export type { ITHeader };
