// 15-sample Soundtracker modules (Ultimate Soundtracker, D.O.C. SoundTracker, Master Soundtracker):
// no magic, so the probe checks plausibility as OpenMPT does, and the reader tells the
// Soundtracker generations apart by their effects before translating them.

import { createChannel, createSong } from '../../song/create.js';
import type { Effect } from '../../song/effects.js';
import { createPattern, type Pattern, writeCell } from '../../song/pattern.js';
import { makeProfile } from '../../song/profile.js';
import type { OrderEntry, Sample, Song } from '../../song/song.js';
import { ByteReader } from '../common/byte-reader.js';
import { FormatError, type ReadResult } from '../common/format-error.js';
import { decodeName } from '../common/text-codecs.js';
import { convertModCommand, countMalformedCells, periodToNote } from './effects.js';
import { countPatterns, decodeCell, type ModSampleHeader, ORDER_BLOCK_15, readOrderBlock, readSampleHeader, SAMPLE_HEADER_SIZE } from './layout.js';
import { buildModSample, readModPcm, shapeSample } from './samples.js';

const PATTERN_OFFSET = ORDER_BLOCK_15 + 130;
const PATTERN_BYTES = 4 * 64 * 4;

/** Soundtracker generations, oldest first (the reader keeps the newest one the data proves). */
const VERSIONS = [
  'Ultimate Soundtracker 1.0-1.21',
  'Ultimate Soundtracker 1.8-2.0',
  'SoundTracker 2.0 / D.O.C. SoundTracker II',
  'Defjam Soundtracker III / Alpha Flight SoundTracker IV / D.O.C. SoundTracker IV / VI',
  'D.O.C. SoundTracker IX',
  'Master Soundtracker 1.0',
  'SoundTracker 2.0 / 2.1 / 2.2',
] as const;
const UST1_00 = 0;
const UST1_80 = 1;
const ST2_00_EXTERMINATOR = 2;
const ST_III = 3;
const ST_IX = 4;
const MST1_00 = 5;
const ST2_00 = 6;

function invalidChars(name: Uint8Array): number {
  let n = 0;
  for (const c of name) if (c !== 0 && (c < 0x20 || c >= 0x80)) n++;
  return n;
}

/** 'valid' (text then NULs), 'empty' (all NULs) or 'invalid'. */
function classifyName(name: Uint8Array): 'valid' | 'empty' | 'invalid' {
  let foundNull = false;
  let foundNormal = false;
  for (const c of name) {
    if (c !== 0 && (c < 0x20 || c >= 0x80)) return 'invalid';
    if (c === 0) foundNull = true;
    else if (foundNull) return 'invalid';
    else foundNormal = true;
  }
  if (!foundNull) return 'invalid';
  return foundNormal ? 'valid' : 'empty';
}

function headers(r: ByteReader): ModSampleHeader[] {
  return Array.from({ length: 15 }, (_, i) => readSampleHeader(r, 20 + i * SAMPLE_HEADER_SIZE));
}

/** True when the bytes look like a Soundtracker module (plausible names, volumes, orders and first pattern). */
export function probeSTK(bytes: Uint8Array): boolean {
  if (bytes.length < PATTERN_OFFSET + PATTERN_BYTES) return false;
  const r = new ByteReader(bytes);
  const titleInvalid = invalidChars(bytes.subarray(0, 20));
  let invalid = titleInvalid;
  let total = 0;
  let volumes = 0;
  let validNames = 0;
  let invalidNames = 0;
  for (const h of headers(r)) {
    invalid += invalidChars(h.nameBytes) + (h.finetune !== 0 ? 16 : 0);
    const kind = classifyName(h.nameBytes);
    if (kind === 'valid') validNames++;
    else if (kind === 'invalid') invalidNames++;
    if (invalid > 48 || h.volume > 64 || h.lengthWords > 37000) return false;
    total += h.lengthWords;
    volumes |= h.volume;
  }
  if (titleInvalid > 5 && (validNames < 4 || invalidNames > 1)) return false;
  if (total === 0 || volumes === 0) return false;
  const block = readOrderBlock(r, ORDER_BLOCK_15);
  if (block.songLength > 128 || block.restart > 220) return false;
  const maxPattern = Math.max(...block.orders);
  if (maxPattern > 63) return false;
  if (block.restart === 0 && block.songLength === 0 && maxPattern === 0) return false;
  return countMalformedCells(bytes, PATTERN_OFFSET, 256) <= 16;
}

/** Reads a Soundtracker module the probe accepted. */
export function readSTK(bytes: Uint8Array): ReadResult<Song> {
  if (!probeSTK(bytes)) throw new FormatError('not a Soundtracker module', { offset: 0 });
  const r = new ByteReader(bytes);
  const warnings: string[] = [];
  const hs = headers(r);
  let version = UST1_00;
  let noDiskNames = true;
  let totalSampleBytes = 0;
  const shapes = hs.map((h) => {
    let shape = shapeSample(h, true);
    if (h.loopLengthWords > 1 && shape.length > 0) {
      // Soundtracker loop starts are in bytes, not words.
      const start = h.loopStartWords;
      const end = Math.min(start + h.loopLengthWords * 2, shape.length);
      shape = { length: shape.length, loop: start < end ? { start, end } : null };
    }
    totalSampleBytes += shape.length;
    const n = h.nameBytes;
    if ((n[0] === 0x73 || n[0] === 0x53) && (n[1] === 0x74 || n[1] === 0x54) && n[2] === 0x2d && n[5] === 0x3a) noDiskNames = false;
    if (h.lengthWords > 4999 || h.loopStartWords > 9999) version = Math.max(version, MST1_00);
    return shape;
  });

  const block = readOrderBlock(r, ORDER_BLOCK_15);
  const songLength = block.songLength;
  const count = countPatterns(bytes, block, songLength, PATTERN_OFFSET, PATTERN_BYTES, totalSampleBytes, true);
  const patternCount = count.patterns;
  if (block.restart === 0 && songLength === 0 && patternCount <= 1) throw new FormatError('no song in this Soundtracker module', { offset: ORDER_BLOCK_15 });
  const required = patternCount * PATTERN_BYTES + totalSampleBytes;
  if (bytes.length - PATTERN_OFFSET < required - Math.min(required, 65536)) {
    throw new FormatError(`file too short for a Soundtracker module: ${patternCount} patterns and ${totalSampleBytes} bytes of samples need ${required} bytes after the header`, { offset: bytes.length });
  }

  let restart = block.restart;
  if (restart === 0 || decodeName(bytes.subarray(0, 20), 'cp1252') === 'jjk55') restart = 0x78;
  let tempo = 125;
  if (restart !== 0x78) {
    // The restart byte is a VBlank tempo; converted to CIA BPM as OpenMPT does.
    tempo = Math.round((709379 * 125) / 50 / ((240 - restart) * 122));
    version = version > UST1_80 ? Math.max(version, noDiskNames ? ST_IX : MST1_00) : Math.max(version, noDiskNames ? UST1_80 : ST2_00_EXTERMINATOR);
  }

  const used = new Set(Array.from(block.orders.subarray(0, songLength)));
  let illegal = 0;
  let totalDxx = 0;
  let autoSlides = false;
  for (let p = 0; p < patternCount; p++) {
    const base = PATTERN_OFFSET + p * PATTERN_BYTES;
    if (used.has(p)) {
      illegal += countMalformedCells(bytes, base, 256);
      if (illegal > Math.max(512, patternCount * 128)) throw new FormatError(`pattern ${p} holds too much garbage for a Soundtracker module`, { offset: base });
    }
    let dxx = 0;
    let slides = 0;
    let emptyCells = 0;
    for (let i = 0; i < 256 && base + i * 4 + 4 <= bytes.length; i++) {
      const o = base + i * 4;
      const row = i >> 2;
      const { command, param } = decodeCell(bytes, o);
      const empty = bytes[o] === 0 && bytes[o + 1] === 0 && bytes[o + 2] === 0 && bytes[o + 3] === 0;
      if (emptyCells !== 0 && empty) {
        if (++emptyCells > 32) version = ST2_00;
      } else emptyCells = 0;
      if (command === 1 || command === 2) {
        if (param > 0x1f && version === UST1_80) version = noDiskNames ? UST1_80 : UST1_00;
        else if (command === 1 && param > 0 && param < 3) version = Math.max(version, ST2_00_EXTERMINATOR);
        else if (command === 1 && (param === 0x37 || param === 0x47) && version <= ST2_00_EXTERMINATOR) version = noDiskNames ? UST1_80 : UST1_00;
      } else if (command === 0x0b) {
        version = ST2_00;
      } else if (command >= 0x0c && command <= 0x0e) {
        version = Math.max(version, ST2_00_EXTERMINATOR);
        if (command === 0x0d) {
          emptyCells = 1;
          if (!(param === 0 && row === 0)) dxx++;
        } else if (command === 0x0e && (param > 1 || ++slides > 1)) autoSlides = true;
      } else if (command === 0x0f) {
        version = Math.max(version, ST_III);
      }
    }
    if (dxx > 0 && dxx < 3) version = ST2_00;
    totalDxx += dxx;
  }
  if (totalDxx > patternCount + 32 && version === ST2_00) version = MST1_00;

  const patterns: Pattern[] = [];
  let autoSlideWarned = false;
  for (let p = 0; p < Math.max(1, patternCount); p++) {
    const pattern = createPattern(64, 4);
    const base = PATTERN_OFFSET + p * PATTERN_BYTES;
    for (let i = 0; i < 256; i++) {
      const o = base + i * 4;
      if (o + 4 > bytes.length) break;
      const c = decodeCell(bytes, o);
      let effect: Effect | null = null;
      if (c.command || c.param) {
        const auto = c.command === 0x0e && (c.param > 1 || version < ST_IX) && autoSlides;
        if (auto && !autoSlideWarned) {
          warnings.push('Soundtracker auto volume slides (Exy) play as ordinary volume slides on their rows');
          autoSlideWarned = true;
        }
        effect = auto ? { kind: 'volSlide', param: c.param } : convertSTK(c.command, c.param, version);
      }
      const note = periodToNote(c.period);
      if (note === 0 && c.sample === 0 && effect === null) continue;
      writeCell(pattern, i >> 2, i & 3, { note, instrument: c.sample, volume: null, effects: [effect] });
    }
    patterns.push(pattern);
  }
  if (PATTERN_OFFSET + patternCount * PATTERN_BYTES > bytes.length) warnings.push('the file ends inside the pattern data; the missing rows are empty');

  const orders: OrderEntry[] = Array.from(block.orders.subarray(0, songLength), (p) => {
    if (p < patterns.length) return p;
    warnings.push(`order list names pattern ${p}, which the file does not hold; skipped`);
    return 'skip';
  });

  let pos = PATTERN_OFFSET + patternCount * PATTERN_BYTES;
  let cut = false;
  const samples: Sample[] = hs.map((h, i) => {
    const shape = shapes[i]!;
    // Soundtracker plays looped samples from the loop start; the bytes before it are never heard.
    const skip = shape.loop ? shape.loop.start : 0;
    const { data, missing } = readModPcm(bytes, pos + skip, shape.length - skip, false);
    if (missing > 0) cut = true;
    pos += shape.length;
    const loop = shape.loop ? { start: 0, end: shape.loop.end - skip } : null;
    return buildModSample(h, data, loop, 0, `sample ${i + 1}`, warnings);
  });
  if (cut) warnings.push('the file ends inside the sample data; the missing audio is cut off');

  const song = createSong(
    { channels: 4, notation: 'xm', profile: makeProfile('mod', { protrackerMode: true, amigaPeriodLimits: true, modIgnorePanning: true }) },
    {
      title: decodeName(bytes.subarray(0, 20), 'cp1252'),
      initialSpeed: 6,
      initialTempo: tempo,
      globalVolume: 128,
      mixVolume: 64,
      channels: Array.from({ length: 4 }, (_, i) => createChannel({ pan: i === 1 || i === 2 ? 0xc0 : 0x40 })),
      orders,
      patterns,
      samples,
      origin: { format: 'mod', tracker: VERSIONS[version] ?? 'Soundtracker' },
    },
  );
  return { song, warnings: [...new Set(warnings)] };
}

/** A Soundtracker command: Ultimate Soundtracker had arpeggio on 1xy and pitch bends on 2xy. */
function convertSTK(command: number, param: number, version: number): Effect | null {
  if (command === 0x0d) {
    if (version !== ST2_00) command = 0x0a;
    else param = 0;
  } else if (command === 0x0c) param &= 0x7f;
  else if (command === 0x0f) param &= 0x0f;
  if (version > UST1_80) return convertModCommand(command, param);
  if (command === 0) return param < 3 ? null : { kind: 'arpeggio', param };
  if (command === 1) return { kind: 'arpeggio', param };
  if (command === 2) {
    if (param & 0x0f) return { kind: 'portaUp', param: param & 0x0f };
    if (param >> 4) return { kind: 'portaDown', param: param >> 4 };
  }
  return null;
}
