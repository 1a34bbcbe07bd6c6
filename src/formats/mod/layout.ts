// On-disk layout of ProTracker-style MOD files (31 samples) and Soundtracker files (15 samples):
// the title, 30-byte sample headers, the order block, the channel-count tag, 4-byte pattern cells.

import type { ByteReader } from '../common/byte-reader.js';

/** Size of one sample header. */
export const SAMPLE_HEADER_SIZE = 30;
/** Offset of the 31-sample order block (song length, restart, 128 orders) and of the tag. */
export const ORDER_BLOCK_31 = 20 + 31 * SAMPLE_HEADER_SIZE;
export const TAG_OFFSET = ORDER_BLOCK_31 + 130;
/** Offset of the 15-sample order block; patterns follow it. */
export const ORDER_BLOCK_15 = 20 + 15 * SAMPLE_HEADER_SIZE;
/** Bytes per pattern cell. */
export const CELL_SIZE = 4;

/** A sample header exactly as stored (lengths in bytes, already doubled from words). */
export interface ModSampleHeader {
  readonly nameBytes: Uint8Array;
  readonly length: number;
  /** Raw finetune byte (only the low nibble counts in ProTracker). */
  readonly finetune: number;
  readonly volume: number;
  readonly loopStart: number;
  readonly loopLength: number;
  /** The raw word counts, for heuristics that look at them. */
  readonly lengthWords: number;
  readonly loopStartWords: number;
  readonly loopLengthWords: number;
}

/** Reads the sample header at `offset` (the caller checked that 30 bytes are present). */
export function readSampleHeader(r: ByteReader, offset: number): ModSampleHeader {
  const lengthWords = r.u16be(offset + 22, 'a sample length');
  const loopStartWords = r.u16be(offset + 26, 'a sample loop start');
  const loopLengthWords = r.u16be(offset + 28, 'a sample loop length');
  return {
    nameBytes: r.slice(offset, 22, 'a sample name'),
    lengthWords,
    loopStartWords,
    loopLengthWords,
    length: lengthWords * 2,
    finetune: r.u8(offset + 24, 'a sample finetune'),
    volume: r.u8(offset + 25, 'a sample volume'),
    loopStart: loopStartWords * 2,
    loopLength: loopLengthWords * 2,
  };
}

/** How many header bytes look like garbage (OpenMPT's plausibility score for 31-sample files). */
export function invalidByteScore(h: ModSampleHeader): number {
  return (h.volume > 64 ? 1 : 0) + (h.finetune > 15 ? 1 : 0) + (h.loopStartWords > h.lengthWords * 2 ? 1 : 0);
}

/** The order block: claimed song length, restart byte and all 128 order bytes. */
export interface OrderBlock {
  readonly songLength: number;
  readonly restart: number;
  readonly orders: Uint8Array;
}

export function readOrderBlock(r: ByteReader, offset: number): OrderBlock {
  return {
    songLength: r.u8(offset, 'the song length'),
    restart: r.u8(offset + 1, 'the restart position'),
    orders: r.slice(offset + 2, 128, 'the order list'),
  };
}

/** What the 4-byte tag at offset 1080 says about the file. */
export interface ModTag {
  readonly tag: string;
  readonly channels: number;
  readonly tracker: string;
  /** M.K., M!K!, PATT and friends: ProTracker itself or a clone. */
  readonly protracker: boolean;
  readonly noiseTracker: boolean;
  /** His Master's NoiseTracker: negated finetune, 7xy is a "mega arpeggio". */
  readonly hmnt: boolean;
  readonly startrekker: boolean;
  /** xCHN / xxCH / xxCN: FastTracker-era multichannel trackers. */
  readonly multichannel: boolean;
  readonly vblank: boolean;
  /** Where pattern data starts (Digital Tracker puts 4 extra bytes after the tag). */
  readonly patternOffset: number;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** Classifies a channel-count tag as OpenMPT does; undefined when it is not a MOD tag. */
export function classifyTag(tag: string): ModTag | undefined {
  const base = {
    tag,
    protracker: false,
    noiseTracker: false,
    hmnt: false,
    startrekker: false,
    multichannel: false,
    vblank: false,
    patternOffset: TAG_OFFSET + 4,
  };
  if (['M.K.', 'M!K!', 'PATT', 'NSMS', 'LARD'].includes(tag)) {
    return { ...base, channels: 4, tracker: 'ProTracker or compatible', protracker: true };
  }
  if (tag === 'M&K!' || tag === 'FEST' || tag === 'N.T.') {
    const hmnt = tag !== 'N.T.';
    return { ...base, channels: 4, tracker: hmnt ? "His Master's NoiseTracker" : 'NoiseTracker', noiseTracker: true, hmnt, vblank: true };
  }
  if (tag === 'OKTA' || tag === 'OCTA') return { ...base, channels: 8, tracker: 'Oktalyzer' };
  if (tag === 'CD81' || tag === 'CD61') return { ...base, channels: Number(tag[2]), tracker: 'Octalyser (Atari)' };
  if (tag.startsWith('FA0') && tag[3]! >= '4' && tag[3]! <= '8') {
    return { ...base, channels: Number(tag[3]), tracker: 'Digital Tracker', patternOffset: TAG_OFFSET + 8 };
  }
  if ((tag.startsWith('FLT') || tag.startsWith('EXO')) && (tag[3] === '4' || tag[3] === '8')) {
    return { ...base, channels: Number(tag[3]), tracker: 'Startrekker', startrekker: true, vblank: true };
  }
  if (tag[0]! >= '1' && tag[0]! <= '9' && tag.slice(1) === 'CHN') {
    return { ...base, channels: Number(tag[0]), tracker: 'generic MOD-compatible tracker', multichannel: true };
  }
  if (tag[0]! >= '1' && tag[0]! <= '9' && isDigit(tag[1]) && (tag.slice(2) === 'CH' || tag.slice(2) === 'CN')) {
    return { ...base, channels: Number(tag.slice(0, 2)), tracker: 'generic MOD-compatible tracker', multichannel: true };
  }
  if (tag.startsWith('TDZ') && tag[3]! >= '1' && tag[3]! <= '9') return { ...base, channels: Number(tag[3]), tracker: 'TakeTracker' };
  if (tag === 'WARD') return { ...base, channels: 8, tracker: 'generic MOD-compatible tracker', multichannel: true };
  return undefined;
}

/** A pattern cell split into its fields. */
export interface RawCell {
  readonly period: number;
  readonly sample: number;
  readonly command: number;
  readonly param: number;
}

export function decodeCell(b: Uint8Array, o: number): RawCell {
  const b0 = b[o] ?? 0;
  const b2 = b[o + 2] ?? 0;
  return { period: ((b0 & 0x0f) << 8) | (b[o + 1] ?? 0), sample: (b0 & 0x10) | (b2 >> 4), command: b2 & 0x0f, param: b[o + 3] ?? 0 };
}

/** How many patterns the file holds, worked out from the order list and the file size. */
export interface PatternCount {
  readonly patterns: number;
  /** Orders 0xFE/0xFF are skip/end markers (only when nothing else explains them). */
  readonly markers: boolean;
}

/**
 * OpenMPT's rule: the highest pattern below 128 anywhere in the 128 order slots counts, except
 * that patterns only referenced after the song's end are dropped when the file is exactly the
 * size without them (and, with `validateHidden`, when their data looks like garbage); higher
 * numbers count when the file size matches them exactly.
 */
export function countPatterns(
  bytes: Uint8Array,
  block: OrderBlock,
  songLength: number,
  patternOffset: number,
  bytesPerPattern: number,
  totalSampleBytes: number,
  validateHidden: boolean,
): PatternCount {
  let all = 0;
  let official = 0;
  let illegal = 0;
  for (let i = 0; i < 128; i++) {
    const p = block.orders[i] ?? 0;
    if (p < 128 && all <= p) {
      all = p + 1;
      if (i < songLength) official = all;
    }
    if (p >= illegal) illegal = p + 1;
  }
  const fileSize = bytes.length & ~1;
  const withoutPatterns = patternOffset + totalSampleBytes;
  if (all !== official && (validateHidden || withoutPatterns + official * bytesPerPattern === fileSize)) {
    const o = patternOffset + official * bytesPerPattern;
    let bad = 0;
    for (let i = 0; i < bytesPerPattern; i += 4) if (((bytes[o + i] ?? 0) & 0xe0) !== 0) bad++;
    if (o + bytesPerPattern > bytes.length || bad > 64) all = official;
  }
  if (illegal > all && withoutPatterns + illegal * bytesPerPattern === fileSize) return { patterns: illegal, markers: false };
  return { patterns: all, markers: illegal >= 0xff };
}
