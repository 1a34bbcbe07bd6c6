// Reads Scream Tracker 3 modules into a Song: header, orders, channel setup and panning, PCM and
// AdLib samples, packed patterns, and the saving tracker's quirks as profile flags (as libopenmpt
// tells ST3, Impulse Tracker, Schism, ModPlug/OpenMPT and others apart). Damaged parts load empty.

import { createChannel, createSong } from '../../song/create.js';
import { createPattern } from '../../song/pattern.js';
import { makeProfile, type ProfileFlag } from '../../song/profile.js';
import type { Channel, MidiMacros, OrderEntry, Sample, Song } from '../../song/song.js';
import { ByteReader } from '../common/byte-reader.js';
import { NO_ZXX_MACROS } from '../common/midi-macros.js';
import { FormatError, type ReadResult } from '../common/format-error.js';
import { decodeName } from '../common/text-codecs.js';
import { channelCount, FLAG_AMIGA_LIMITS, FLAG_FAST_SLIDES, hasS3MSignature, HEADER_SIZE, readHeader, readSampleHeader, type S3MHeader, type S3MSampleHeader } from './layout.js';
import { readPatterns, S3M_ROWS } from './patterns.js';
import { emptyS3MSample, isAdpcm, readS3MSample } from './samples.js';
import { sniffTracker } from './tracker.js';

/** True when the bytes are an S3M module (by its signature, whatever the file is called). */
export function probeS3M(bytes: Uint8Array): boolean {
  return hasS3MSignature(new ByteReader(bytes));
}

export function readS3M(bytes: Uint8Array): ReadResult<Song> {
  const r = new ByteReader(bytes);
  if (!hasS3MSignature(r)) throw signatureError(r);
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
  const anyAdpcm = pcmHeaders.some((x) => x.length > 0 && isAdpcm(x));
  const sniff = sniffTracker(h, { gusAddresses: gus, anySamples, panTable, canonicalOffsets, anyAdpcm });

  const ctx = { signedPcm: h.formatVersion === 1, isST3: sniff.isST3 };
  const samples: Sample[] = headers.map((sh, i) => (sh ? readS3MSample(bytes, sh, ctx, i + 1, warnings) : emptyS3MSample()));
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
    chans.push(createChannel({ pan, muted: (c & 0x80) !== 0 }));
  }

  const { patterns, damaged } = readPatterns(bytes, patternOffsets, { channels, channelTypes: h.channels, cwtv: h.cwtv, isST3: sniff.isST3, useGus: sniff.useGus });
  if (damaged > 0) warnings.push(`${damaged} pattern${damaged === 1 ? '' : 's'} end early or lie past the end of the file; the missing rows are empty`);
  if (patterns.length === 0) patterns.push(createPattern(S3M_ROWS, channels));

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
      midiMacros: sniff.keepMidiMacros ? null : NO_ZXX_MACROS,
      origin: { format: 's3m', tracker: sniff.tracker },
    },
  );
  return { song, warnings };
}

/** Why bytes that failed the signature check are not a readable S3M. */
function signatureError(r: ByteReader): FormatError {
  if (!r.matches(0x2c, 'SCRM')) return new FormatError('not an S3M module (no SCRM signature at byte 44)', { offset: 0x2c });
  if (!r.has(0, HEADER_SIZE)) return new FormatError(`the file ends inside the ${HEADER_SIZE}-byte S3M header (it has ${r.length} bytes)`, { offset: r.length });
  if (r.u8(0x1d) !== 0x10) return new FormatError(`not an S3M module (file type ${r.u8(0x1d)}, S3M is 16)`, { offset: 0x1d });
  return new FormatError(`unknown S3M format version ${r.u16le(0x2a)} (1 and 2 exist)`, { offset: 0x2a });
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
