// Reads Scream Tracker 3 modules into a Song: header, orders, channel setup and panning, PCM and
// AdLib samples, packed patterns, and the saving tracker's quirks as profile flags (as libopenmpt
// tells ST3, Impulse Tracker, Schism, ModPlug/OpenMPT and others apart). Damaged parts load empty.

import { createChannel, createSample, createSong } from '../../song/create.js';
import type { Effect, VolumeCommand } from '../../song/effects.js';
import { createPattern, type Pattern, writeCell } from '../../song/pattern.js';
import { makeProfile, type ProfileFlag } from '../../song/profile.js';
import type { Channel, OrderEntry, Sample, SamplePcm, Song } from '../../song/song.js';
import { ByteReader } from '../common/byte-reader.js';
import { FormatError, type ReadResult } from '../common/format-error.js';
import { decodeName } from '../common/text-codecs.js';
import { readAdpcm } from '../mod/samples.js';
import { convertS3MEffect, convertS3MVolume } from './effects.js';
import {
  channelCount,
  FLAG_AMIGA_LIMITS,
  FLAG_FAST_SLIDES,
  hasS3MSignature,
  HEADER_SIZE,
  readHeader,
  readSampleHeader,
  type S3MHeader,
  type S3MSampleHeader,
  SMP_16BIT,
  SMP_LOOP,
  SMP_STEREO,
} from './layout.js';
import { sniffTracker } from './tracker.js';

/** True when the bytes are an S3M module (by its signature, whatever the file is called). */
export function probeS3M(bytes: Uint8Array): boolean {
  return hasS3MSignature(new ByteReader(bytes));
}

export function readS3M(bytes: Uint8Array): ReadResult<Song> {
  const r = new ByteReader(bytes);
  if (!hasS3MSignature(r)) throw new FormatError('not an S3M module (no SCRM signature at byte 44)', { offset: 0x2c });
  const h = readHeader(r);
  const warnings: string[] = [];
  const channels = channelCount(h);

  // Orders, then sample and pattern parapointers; counts are capped by the bytes present.
  let o = HEADER_SIZE;
  const ordNum = cap(h.ordNum, r.available(o, h.ordNum), 'orders', warnings);
  const orderBytes = r.sliceAvailable(o, ordNum);
  o += h.ordNum;
  const smpNum = cap(Math.min(h.smpNum, 255), Math.floor(r.available(o, h.smpNum * 2) / 2), 'samples', warnings);
  if (h.smpNum > 255) warnings.push(`the header claims ${h.smpNum} samples; patterns can only name 255`);
  const sampleOffsets = Array.from({ length: smpNum }, (_, i) => r.u16le(o + i * 2) * 16);
  o += h.smpNum * 2;
  const patNum = cap(Math.min(h.patNum, 255), Math.floor(r.available(o, h.patNum * 2) / 2), 'patterns', warnings);
  if (h.patNum > 255) warnings.push(`the header claims ${h.patNum} patterns; the order list can only name 255`);
  const patternOffsets = Array.from({ length: patNum }, (_, i) => r.u16le(o + i * 2) * 16);
  o += h.patNum * 2;
  const panTable = h.usePanningTable === 0xfc ? r.sliceAvailable(o, 32) : null;

  // Samples first: whether ST3 saved with the GUS driver decides some quirks.
  const headers: (S3MSampleHeader | null)[] = sampleOffsets.map((off, i) => {
    if (off === 0) return null;
    if (!r.has(off, 80)) {
      warnings.push(`sample ${i + 1}: its header lies past the end of the file; left empty`);
      return null;
    }
    return readSampleHeader(r, off);
  });
  const pcmHeaders = headers.filter((x): x is S3MSampleHeader => x !== null && x.type < 2);
  const gus = pcmHeaders.reduce((a, x) => a | x.gusAddress, 0);
  const anySamples = pcmHeaders.some((x) => x.type === 1 && x.length > 0);
  const canonicalOffsets = patternOffsets.length > 0 && sampleOffsets.length > 0 && patternOffsets[0]! > sampleOffsets[0]!;
  const sniff = sniffTracker(h, { gusAddresses: gus, anySamples, panTable, canonicalOffsets });

  const samples: Sample[] = headers.map((sh, i) => (sh ? readSample(bytes, sh, h, sniff.isST3, i + 1, warnings) : createSample({ tuning: { kind: 'c5speed', c5Speed: 8363 } })));
  if (samples.some((s) => s.adlib)) warnings.push('AdLib (OPL2) instruments are kept in the song but not played');

  // Channels: stereo files put odd channel groups right; a panning table overrides.
  const stereo = (h.masterVolume & 0x80) !== 0 || sniff.savedByOpenMPT;
  const chans: Channel[] = [];
  for (let i = 0; i < channels; i++) {
    const c = h.channels[i] ?? 0xff;
    const type = c & 0x7f;
    let pan = 128;
    if (c !== 0xff && stereo) pan = type & 8 ? 0xcc : 0x33;
    const adlib = type >= 16 && type <= 29;
    if (adlib) pan = 128;
    const p = panTable?.[i] ?? 0;
    if (panTable && (p & 0x20) !== 0 && (!sniff.isST3 || !adlib)) pan = Math.floor(((p & 0x0f) * 256 + 8) / 15);
    chans.push(createChannel({ pan, muted: (c & 0x80) !== 0 && c !== 0xff }));
  }

  const patterns: Pattern[] = [];
  let damaged = 0;
  for (let p = 0; p < patNum; p++) {
    const pattern = createPattern(64, channels);
    const off = patternOffsets[p]!;
    if (off !== 0) {
      if (!readPattern(bytes, off + 2, pattern, channels, h)) damaged++;
    }
    patterns.push(pattern);
  }
  if (damaged > 0) warnings.push(`${damaged} pattern${damaged === 1 ? '' : 's'} end early or lie past the end of the file; the missing rows are empty`);
  if (patterns.length === 0) patterns.push(createPattern(64, channels));

  const orders: OrderEntry[] = [];
  for (const b of orderBytes) {
    if (b === 0xff) orders.push('end');
    else if (b === 0xfe) orders.push('skip');
    else if (b < patterns.length) orders.push(b);
    else {
      warnings.push(`order list names pattern ${b}, which the file does not hold; skipped`);
      orders.push('skip');
    }
  }

  // Order lists are padded with end markers; only the ones before the last real entry count.
  while (orders.length > 1 && orders[orders.length - 1] === 'end') orders.pop();

  const flags: Partial<Record<ProfileFlag, boolean>> = {
    ...sniff.flags,
    amigaPeriodLimits: (h.flags & FLAG_AMIGA_LIMITS) !== 0,
    st3FastVolumeSlides: h.cwtv === 0x1300 || (h.flags & FLAG_FAST_SLIDES) !== 0,
  };

  let globalVolume = Math.min(h.globalVolume, 64) * 2;
  if (globalVolume === 0 && h.cwtv < 0x1320) globalVolume = 128;
  const speed = h.speed === 0 || (h.speed === 255 && sniff.isST3) ? 6 : h.speed;
  const tempo = h.tempo < 33 ? (sniff.isST3 ? 125 : 32) : h.tempo;

  const song = createSong(
    { channels, notation: 'it', profile: makeProfile('s3m', flags) },
    {
      title: decodeName(h.title, sniff.savedByOpenMPT ? 'cp1252' : 'cp437'),
      initialSpeed: speed,
      initialTempo: tempo,
      globalVolume,
      mixVolume: mixVolume(h, stereo, sniff.useGus && sniff.isST3),
      channels: chans,
      orders,
      patterns,
      samples,
      origin: { format: 's3m', tracker: sniff.tracker },
    },
  );
  return { song, warnings };
}

function cap(claimed: number, present: number, what: string, warnings: string[]): number {
  if (present < claimed) warnings.push(`the header claims ${claimed} ${what}, the file holds ${present}`);
  return Math.min(claimed, present);
}

/** The sample pre-amplification libopenmpt derives from the master volume byte. */
function mixVolume(h: S3MHeader, stereo: boolean, gusST3: boolean): number {
  let v: number;
  if (gusST3) v = 48;
  else if (h.formatVersion === 1 && h.masterVolume < 8) v = Math.min((h.masterVolume + 1) * 0x10, 0x7f);
  else if (h.masterVolume === 2 || h.masterVolume === (2 | 0x10)) v = 0x20;
  else if (!(h.masterVolume & 0x7f)) v = 48;
  else v = Math.max(h.masterVolume & 0x7f, 0x10);
  if (!stereo) v = Math.round((v * 8) / 11);
  return v;
}

/** One packed pattern; false when its data ran out before 64 rows. */
function readPattern(bytes: Uint8Array, start: number, pattern: Pattern, channels: number, h: S3MHeader): boolean {
  let o = start;
  let row = 0;
  while (row < 64) {
    if (o >= bytes.length) return false;
    const info = bytes[o++]!;
    if (info === 0) {
      row++;
      continue;
    }
    const ch = info & 0x1f;
    let note = 0;
    let instrument = 0;
    let volume: VolumeCommand | null = null;
    let effect: Effect | null = null;
    if (info & 0x20) {
      if (o + 2 > bytes.length) return false;
      const n = bytes[o]!;
      instrument = bytes[o + 1]!;
      o += 2;
      if (n < 0xf0) note = Math.max(1, Math.min(120, (n & 0x0f) + 12 * (n >> 4) + 13));
      else if (n === 0xfe) note = 254;
    }
    if (info & 0x40) {
      if (o + 1 > bytes.length) return false;
      volume = convertS3MVolume(bytes[o++]!);
    }
    if (info & 0x80) {
      if (o + 2 > bytes.length) return false;
      const command = bytes[o]!;
      const param = bytes[o + 1]!;
      o += 2;
      effect = convertS3MEffect(command, param, true);
      // SAx was SoundBlaster stereo control before ST3.20; approximate it as panning (as OpenMPT does).
      if (effect && effect.kind === 'setHighOffset' && h.cwtv < 0x1320) {
        const type = (h.channels[ch] ?? 0) & 0x7f;
        const x = effect.param;
        effect = type >= 0x10 ? null : x === 0 || x === 2 ? { kind: 'setPanCoarse', param: type & 8 ? 0x0c : 0x03 } : x === 1 || x === 3 ? { kind: 'setPanCoarse', param: type & 8 ? 0x03 : 0x0c } : x <= 7 ? { kind: 'setPanCoarse', param: 8 } : null;
      }
    }
    if (ch < channels) writeCell(pattern, row, ch, { note, instrument, volume, effects: [effect] });
  }
  return true;
}

function readSample(bytes: Uint8Array, sh: S3MSampleHeader, h: S3MHeader, isST3: boolean, index: number, warnings: string[]): Sample {
  const label = `sample ${index}`;
  let c5 = sh.c5speed;
  if (isST3) c5 = sh.type >= 2 ? c5 & 0xffff : Math.min(c5, 0xffff);
  if (c5 === 0) c5 = 8363;
  else if (c5 < 1024) c5 = 1024;
  const base = {
    name: decodeName(sh.name, 'cp437'),
    fileName: decodeName(sh.fileName, 'cp437'),
    volume: Math.min(sh.volume, 64),
    tuning: { kind: 'c5speed' as const, c5Speed: c5 },
  };
  if (sh.type >= 2) return createSample({ ...base, adlib: sh.adlib.slice() });
  if (sh.type !== 1 || sh.length === 0) return createSample(base);

  const stereo = (sh.flags & SMP_STEREO) !== 0;
  const bits16 = (sh.flags & SMP_16BIT) !== 0;
  const adpcm = sh.pack === 4 && !bits16 && !stereo;
  const signed = h.formatVersion === 1;
  const bytesPerFrame = (bits16 ? 2 : 1) * (stereo ? 2 : 1);
  const available = Math.max(0, bytes.length - sh.dataOffset);
  let frames = sh.length;
  let pcm: SamplePcm;
  if (adpcm) {
    const { data, missing } = readAdpcm(bytes, sh.dataOffset, frames);
    if (missing > 0) warnings.push(`${label}: the file ends ${missing} frames into its data; cut short`);
    frames = data.length;
    pcm = { bits: 8, channels: 1, data };
  } else {
    if (frames * bytesPerFrame > available) {
      const have = Math.floor(available / bytesPerFrame);
      warnings.push(`${label}: claims ${frames} frames, the file holds ${have}; cut short`);
      frames = have;
    }
    pcm = decodePcm(bytes, sh.dataOffset, frames, sh.length, bits16, stereo, signed);
  }

  let loop = null;
  if (sh.flags & SMP_LOOP) {
    const start = Math.min(sh.loopStart, sh.length - 1);
    const end = Math.min(sh.loopEnd, frames);
    if (end >= 2 && start < end) loop = { start, end, pingPong: false };
    else warnings.push(`${label}: loop ${sh.loopStart}..${sh.loopEnd} does not fit its ${frames} frames; dropped`);
  }
  return createSample({ ...base, pcm, loop });
}

/** S3M PCM: little-endian, signed or unsigned; stereo stores the whole left channel, then the right. */
function decodePcm(bytes: Uint8Array, offset: number, frames: number, declared: number, bits16: boolean, stereo: boolean, signed: boolean): SamplePcm {
  const chans = stereo ? 2 : 1;
  const flip = signed ? 0 : bits16 ? 0x8000 : 0x80;
  if (bits16) {
    const data = new Int16Array(frames * chans);
    for (let c = 0; c < chans; c++) {
      const base = offset + c * declared * 2;
      for (let i = 0; i < frames; i++) {
        const at = base + i * 2;
        const v = ((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8)) ^ flip;
        data[i * chans + c] = (v << 16) >> 16;
      }
    }
    return { bits: 16, channels: chans, data };
  }
  const data = new Int8Array(frames * chans);
  for (let c = 0; c < chans; c++) {
    const base = offset + c * declared;
    for (let i = 0; i < frames; i++) data[i * chans + c] = (((bytes[base + i] ?? 0) ^ flip) << 24) >> 24;
  }
  return { bits: 8, channels: chans, data };
}
