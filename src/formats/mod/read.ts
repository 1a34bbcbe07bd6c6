// Reads 31-sample MOD files (ProTracker, NoiseTracker, Startrekker, FastTracker xCHN/xxCH and
// others) into a Song, normalising each dialect at load time the way libopenmpt does, and
// dispatches 15-sample Soundtracker files to stk.ts. Damaged files load what is there, with warnings.

import { createChannel, createSong } from '../../song/create.js';
import type { Effect } from '../../song/effects.js';
import { createPattern, type Pattern, writeCell } from '../../song/pattern.js';
import { makeProfile, type ProfileFlag } from '../../song/profile.js';
import type { OrderEntry, Sample, Song } from '../../song/song.js';
import { ByteReader } from '../common/byte-reader.js';
import { FormatError, type ReadResult } from '../common/format-error.js';
import { decodeName } from '../common/text-codecs.js';
import { convertModCommand, isAmigaNote, periodToNote } from './effects.js';
import {
  classifyTag,
  countPatterns,
  decodeCell,
  invalidByteScore,
  type ModSampleHeader,
  type ModTag,
  ORDER_BLOCK_31,
  readOrderBlock,
  readSampleHeader,
  SAMPLE_HEADER_SIZE,
  TAG_OFFSET,
} from './layout.js';
import { buildModSample, encodedSize, finetuneFromNibble, readModPcm, shapeSample } from './samples.js';
import { probeSTK, readSTK } from './stk.js';

/** More garbage than this in the sample headers means it is not a MOD (OpenMPT's threshold). */
const INVALID_BYTE_THRESHOLD = 40;
/** 8xx parameters at least this high mean the file really pans (below: sync markers). */
const PANNING_THRESHOLD = 0x30;

function tagAt(bytes: Uint8Array): ModTag | undefined {
  if (bytes.length < TAG_OFFSET + 4) return undefined;
  return classifyTag(String.fromCharCode(...bytes.subarray(TAG_OFFSET, TAG_OFFSET + 4)));
}

/** True for a 31-sample MOD with a known tag and plausible sample headers, or a 15-sample Soundtracker file. */
export function probeMOD(bytes: Uint8Array): boolean {
  return probeMOD31(bytes) || probeSTK(bytes);
}

function probeMOD31(bytes: Uint8Array): boolean {
  const tag = tagAt(bytes);
  if (!tag) return false;
  const r = new ByteReader(bytes);
  let invalid = 0;
  for (let i = 0; i < 31; i++) invalid += invalidByteScore(readSampleHeader(r, 20 + i * SAMPLE_HEADER_SIZE));
  return invalid <= INVALID_BYTE_THRESHOLD;
}

/** Reads a MOD (31 samples with a tag, or 15-sample Soundtracker). */
export function readMOD(bytes: Uint8Array): ReadResult<Song> {
  if (probeMOD31(bytes)) return readMOD31(bytes);
  if (probeSTK(bytes)) return readSTK(bytes);
  if (bytes.length < TAG_OFFSET + 4) throw new FormatError(`too short for a MOD file (${bytes.length} bytes; the header alone is ${TAG_OFFSET + 4})`, { offset: bytes.length });
  throw new FormatError('not a MOD file: no channel tag at byte 1080 and not a plausible 15-sample Soundtracker file', { offset: TAG_OFFSET });
}

interface Scan {
  onlyAmigaNotes: boolean;
  noiseTracker: boolean;
  fix7BitPanning: boolean;
  maxPanning: number;
}

/** Looks through all pattern data first, as OpenMPT does, to recognise the dialect. */
function scanPatterns(bytes: Uint8Array, offset: number, cells: number, noiseTracker: boolean): Scan {
  let onlyAmigaNotes = true;
  let nt = noiseTracker;
  let maxPanning = 0;
  let leftPanning = false;
  let extendedPanning = false;
  const end = Math.min(bytes.length, offset + cells * 4);
  let breaksInPattern = 0;
  for (let o = offset, i = 0; o + 4 <= end; o += 4, i++) {
    if (i % 256 === 0) breaksInPattern = 0;
    const c = decodeCell(bytes, o);
    if (!isAmigaNote(periodToNote(c.period))) nt = onlyAmigaNotes = false;
    const { command, param } = c;
    if ((command > 6 && command < 10) || (command === 0x0e && param > 1) || (command === 0x0f && param > 0x1f) || (command === 0x0d && ++breaksInPattern > 1)) nt = false;
    if (command === 8) {
      maxPanning = Math.max(maxPanning, param);
      if (param < 0x80) leftPanning = true;
      else if (param > 0x8f && param !== 0xa4) extendedPanning = true;
    } else if (command === 0x0e && (param & 0xf0) === 0x80) {
      maxPanning = Math.max(maxPanning, (param & 0x0f) << 4);
    }
  }
  return { onlyAmigaNotes, noiseTracker: nt, maxPanning, fix7BitPanning: leftPanning && !extendedPanning && maxPanning >= PANNING_THRESHOLD };
}

function readMOD31(bytes: Uint8Array): ReadResult<Song> {
  const r = new ByteReader(bytes);
  const warnings: string[] = [];
  const tag = tagAt(bytes)!;
  const isMK = tag.tag === 'M.K.';
  let channels = tag.channels;
  let multichannel = tag.multichannel;
  let tracker = tag.tracker;

  const headers: ModSampleHeader[] = [];
  let hasRepLen0 = false;
  let hasEmptySampleWithVolume = false;
  let maybeWOW = isMK;
  let totalSampleBytes = 0;
  let wowSampleBytes = 0;
  for (let i = 0; i < 31; i++) {
    const h = readSampleHeader(r, 20 + i * SAMPLE_HEADER_SIZE);
    headers.push(h);
    totalSampleBytes += shapeSample(h, channels === 4).length;
    if (h.lengthWords && !h.loopLengthWords) hasRepLen0 = true;
    else if (!h.lengthWords && h.volume === 64) hasEmptySampleWithVolume = true;
    if (maybeWOW) {
      wowSampleBytes += h.length;
      if (h.finetune) maybeWOW = false;
      else if (h.lengthWords > 0 && h.volume !== 64) maybeWOW = false;
    }
  }

  const block = readOrderBlock(r, ORDER_BLOCK_31);
  if (block.restart > 0) maybeWOW = false;
  let songLength = block.songLength;
  if (songLength > 128) {
    warnings.push(`the header claims ${songLength} orders; MOD holds 128`);
    songLength = 128;
  } else if (songLength === 0) {
    songLength = 128;
    while (songLength > 1 && block.orders[songLength - 1] === 0) songLength--;
    warnings.push(`the header claims 0 orders; using the ${songLength} the order list holds`);
  }

  const fileSize = bytes.length & ~1;
  const countAll = countPatterns(bytes, block, songLength, tag.patternOffset, channels * 256, totalSampleBytes, false);
  let patternCount = countAll.patterns;
  if (maybeWOW && wowSampleBytes + tag.patternOffset + patternCount * 8 * 256 === fileSize) {
    // Mod's Grave: 669 files converted to M.K. with 8 channels, recognisable only by the file size.
    channels = 8;
    multichannel = true;
    tracker = "Mod's Grave";
  }
  const isFLT8 = tag.startrekker && channels === 8;
  const orderBytes = Array.from(block.orders.subarray(0, songLength), (p) => (isFLT8 ? p >> 1 : p));
  const readChannels = isFLT8 ? 4 : channels;
  const filePatterns = isFLT8 ? patternCount + 1 : patternCount;
  const modelPatterns = isFLT8 ? Math.ceil(filePatterns / 2) : filePatterns;

  let restartOrder = block.restart;
  if (restartOrder > songLength - 1 || (restartOrder === 0x78 && channels === 4)) restartOrder = 0;

  const patternBytes = readChannels * 256;
  const scan = tag.noiseTracker
    ? { onlyAmigaNotes: true, noiseTracker: true, fix7BitPanning: false, maxPanning: 0 }
    : scanPatterns(bytes, tag.patternOffset, filePatterns * readChannels * 64, isMK && !hasEmptySampleWithVolume);

  const patterns: Pattern[] = Array.from({ length: Math.max(1, modelPatterns) }, () => createPattern(64, channels));
  let truncatedAt = -1;
  for (let p = 0; p < filePatterns; p++) {
    const base = tag.patternOffset + p * patternBytes;
    if (base + patternBytes > bytes.length && truncatedAt < 0) truncatedAt = p;
    const pattern = patterns[isFLT8 ? p >> 1 : p]!;
    const firstChannel = isFLT8 && (p & 1) === 1 ? 4 : 0;
    for (let row = 0; row < 64; row++) {
      for (let ch = 0; ch < readChannels; ch++) {
        const o = base + (row * readChannels + ch) * 4;
        if (o + 4 > bytes.length) continue;
        const c = decodeCell(bytes, o);
        const effect = convertEffect(c.command, c.param, tag, scan, warnings);
        const note = periodToNote(c.period);
        if (note === 0 && c.sample === 0 && effect === null) continue;
        writeCell(pattern, row, firstChannel + ch, { note, instrument: c.sample, volume: null, effects: [effect] });
      }
    }
  }
  if (truncatedAt >= 0) warnings.push(`the file ends inside pattern ${truncatedAt}; the missing rows are empty`);

  const orders: OrderEntry[] = orderBytes.map((p) => {
    if (p < modelPatterns) return p;
    if (countAll.markers && p === 0xfe) return 'skip';
    if (countAll.markers && p === 0xff) return 'end';
    warnings.push(`order list names pattern ${p}, which the file does not hold; skipped`);
    return 'skip';
  });

  const ptMode = scan.onlyAmigaNotes && !hasRepLen0 && (isMK || tag.tag === 'M!K!' || tag.tag === 'PATT');
  const flags: Partial<Record<ProfileFlag, boolean>> = {
    protrackerMode: ptMode,
    amigaPeriodLimits: ptMode,
    modIgnorePanning: ptMode && scan.maxPanning < PANNING_THRESHOLD,
    modOneShotLoops: ptMode && scan.maxPanning < PANNING_THRESHOLD && block.restart !== 0x7f,
    tremoloRampWaveform: multichannel || isMK || tag.tag === 'M!K!',
    vblankTiming: tag.vblank,
  };
  if (!scan.onlyAmigaNotes && block.restart === 0x7f && isMK && block.restart + 1 >= songLength) tracker = 'Scream Tracker';

  const { samples, adpcm } = readSamples(bytes, headers, tag.patternOffset + filePatterns * patternBytes, {
    fourChannels: channels === 4,
    readPastEnd: isMK && scan.onlyAmigaNotes && !hasEmptySampleWithVolume,
    hmnt: tag.hmnt,
  }, warnings);

  const song = createSong(
    { channels, notation: 'xm', profile: makeProfile('mod', flags) },
    {
      title: decodeName(r.slice(0, 20, 'the title'), 'cp1252'),
      initialSpeed: 6,
      initialTempo: 125,
      globalVolume: 128,
      mixVolume: Math.max(32, Math.min(128, Math.floor(256 / channels))),
      restartOrder,
      channels: Array.from({ length: channels }, (_, i) => createChannel({ pan: (i & 3) === 1 || (i & 3) === 2 ? 0xc0 : 0x40 })),
      orders,
      patterns,
      samples,
      origin: { format: 'mod', tracker: adpcm ? `${tracker} (ADPCM packed)` : tracker },
    },
  );
  return { song, warnings: dedupe(warnings) };
}

/** One ProTracker command with the reading-time fixes each dialect needs. */
function convertEffect(command: number, param: number, tag: ModTag, scan: Scan, warnings: string[]): Effect | null {
  if (command === 0 && param === 0) return null;
  if (tag.startrekker && command === 0x0e) return null;
  if (tag.startrekker && command === 0x0f && param > 0x1f) param = 0x1f;
  const effect = convertModCommand(command, param);
  if (!effect) return null;
  if (effect.kind === 'patternBreak' && scan.noiseTracker) return { kind: 'patternBreak', param: 0 };
  if (effect.kind === 'tremolo' && tag.hmnt) warnings.push("His Master's NoiseTracker mega-arpeggio (7xy) plays as tremolo");
  if (effect.kind === 'setPan' && scan.fix7BitPanning) {
    return effect.param === 0xa4 ? { kind: 'soundControl', param: 1 } : { kind: 'setPan', param: Math.min(255, effect.param * 2) };
  }
  return effect;
}

interface SampleOptions {
  readonly fourChannels: boolean;
  /** ProTracker plays loops past a sample's end into the next one; read those bytes too. */
  readonly readPastEnd: boolean;
  readonly hmnt: boolean;
}

function readSamples(
  bytes: Uint8Array,
  headers: readonly ModSampleHeader[],
  start: number,
  opts: SampleOptions,
  warnings: string[],
): { readonly samples: Sample[]; readonly adpcm: boolean } {
  let pos = start;
  let anyAdpcm = false;
  const out: Sample[] = [];
  let missingFrom = -1;
  headers.forEach((h, i) => {
    const label = `sample ${i + 1}`;
    const shape = shapeSample(h, opts.fourChannels);
    const { size, adpcm } = encodedSize(bytes, pos, shape.length);
    anyAdpcm ||= adpcm;
    const frames = opts.readPastEnd && shape.loop && !adpcm ? Math.max(shape.length, shape.loop.end) : shape.length;
    const { data, missing } = readModPcm(bytes, pos, frames, adpcm);
    if (missing > 0 && data.length < shape.length && missingFrom < 0) missingFrom = i + 1;
    pos += size;
    const finetune = opts.hmnt ? Math.max(-128, Math.min(127, -(((h.finetune << 3) << 24) >> 24))) : finetuneFromNibble(h.finetune);
    if (h.volume > 64) warnings.push(`${label}: volume ${h.volume} is above 64; clamped`);
    out.push(buildModSample(h, data, shape.loop, finetune, label, warnings));
  });
  if (missingFrom > 0) warnings.push(`the file ends inside the sample data (from sample ${missingFrom}); the missing audio is cut off`);
  return { samples: out, adpcm: anyAdpcm };
}

function dedupe(warnings: readonly string[]): string[] {
  return [...new Set(warnings)];
}
