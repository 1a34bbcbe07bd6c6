// Reads FastTracker 2 extended modules into a Song: header, orders, packed patterns of any length,
// instruments (note->sample maps, volume/panning envelopes, fadeout, auto-vibrato), delta-coded
// 8/16-bit mono or stereo samples, and the saving tracker's quirks. Damaged parts load empty.

import { createChannel, createInstrument, createSample, createSong } from '../../song/create.js';
import { clonePattern, createPattern, MAX_ROWS, type Pattern, writeCell } from '../../song/pattern.js';
import { makeProfile } from '../../song/profile.js';
import type { Envelope, Instrument, OrderEntry, Sample, SampleLoop, SamplePcm, Song, VibratoWaveform } from '../../song/song.js';
import { ByteReader } from '../common/byte-reader.js';
import { NO_ZXX_MACROS } from '../common/midi-macros.js';
import { FormatError, type ReadResult } from '../common/format-error.js';
import { decodeName } from '../common/text-codecs.js';
import { profileTiming, readSongExtensions, withTempoFraction } from '../it/extensions.js';
import { readAdpcm } from '../mod/samples.js';
import { readXMChunks } from './chunks.js';
import { convertXMEffect, convertXMVolume } from './effects.js';
import {
  FLAG_LINEAR,
  hasXMSignature,
  readHeader,
  readInstrumentHeader,
  readSampleHeader,
  SMP_16BIT,
  SMP_PINGPONG,
  SMP_STEREO,
  type XMEnvelope,
  type XMHeader,
  type XMInstrumentHeader,
  type XMSampleHeader,
} from './layout.js';
import { TrackerSniffer } from './tracker.js';

/** True when the bytes are an XM module (by signature, whatever the file is called). */
export function probeXM(bytes: Uint8Array): boolean {
  const r = new ByteReader(bytes);
  if (!hasXMSignature(r)) return false;
  const channels = r.u16le(68);
  return channels >= 1 && channels <= 127;
}

const XM_VIBRATO: readonly VibratoWaveform[] = ['sine', 'square', 'rampUp', 'rampDown', 'random'];

export function readXM(bytes: Uint8Array): ReadResult<Song> {
  const r = new ByteReader(bytes);
  if (!hasXMSignature(r)) throw new FormatError('not an XM module (no "Extended Module: " signature)', { offset: 0 });
  const h = readHeader(r);
  if (h.channels < 1 || h.channels > 127) throw new FormatError(`the header claims ${h.channels} channels (XM holds 1..127)`, { offset: 68 });
  const warnings: string[] = [];
  const sniff = new TrackerSniffer(h);

  // Orders: as many as claimed, capped by the order table (256) and the bytes present.
  const claimed = Math.min(h.orders, 256);
  if (h.orders > 256) warnings.push(`the header claims ${h.orders} orders; XM holds 256`);
  const orderBytes = r.sliceAvailable(80, claimed);

  let pos = 60 + h.size;
  let patterns: Pattern[] = [];
  const instruments: Instrument[] = [];
  const samples: Sample[] = [];
  const oldVersion = h.version < 0x0104;
  if (!oldVersion) ({ patterns, pos } = readPatterns(bytes, pos, h, sniff.nitroTracker, warnings));

  // Old (0x0102/0x0103) files keep every sample's data after the patterns, which follow the instruments.
  const deferred: { sample: number; header: XMSampleHeader }[] = [];
  const instrumentCount = Math.min(h.instruments, 255);
  if (h.instruments > 255) warnings.push(`the header claims ${h.instruments} instruments; patterns can only name 255`);
  let missingInstruments = 0;
  for (let i = 0; i < instrumentCount; i++) {
    if (pos + 4 > bytes.length) {
      missingInstruments++;
      instruments.push(createInstrument(0));
      continue;
    }
    let size = r.u32le(pos);
    if (size === 0) size = 263;
    const ih = readInstrumentHeader(bytes, pos, size);
    sniff.instrument(ih);
    pos += size;
    const first = samples.length + 1;
    const headers: XMSampleHeader[] = [];
    for (let s = 0; s < ih.numSamples && pos + 40 <= bytes.length; s++, pos += 40) headers.push(readSampleHeader(r, pos));
    if (headers.length < ih.numSamples) warnings.push(`instrument ${i + 1}: the file ends inside its sample headers`);
    const used = headers.slice(0, 32);
    if (headers.length > 32) warnings.push(`instrument ${i + 1}: ${headers.length} samples; XM players use the first 32`);
    for (const sh of headers) sniff.sample(sh);
    for (const [k, sh] of headers.entries()) {
      if (k < 32) {
        if (oldVersion) deferred.push({ sample: samples.length, header: sh });
        const data = oldVersion ? null : readPcm(bytes, pos, sh, `instrument ${i + 1} sample ${k + 1}`, warnings);
        samples.push(buildSample(sh, ih, data, `instrument ${i + 1} sample ${k + 1}`, warnings));
      }
      if (!oldVersion) pos += storedSize(sh);
    }
    instruments.push(buildInstrument(ih, first, used.length));
  }
  if (missingInstruments > 0) warnings.push(`the file ends before ${missingInstruments} of its ${instrumentCount} instruments; they are empty`);

  if (oldVersion) {
    ({ patterns, pos } = readPatterns(bytes, pos, h, sniff.nitroTracker, warnings));
    for (const d of deferred) {
      const data = readPcm(bytes, pos, d.header, `sample ${d.sample + 1}`, warnings);
      pos += storedSize(d.header);
      const old = samples[d.sample]!;
      samples[d.sample] = { ...old, pcm: data, loop: clampLoop(old.loop, data.data.length / data.channels) };
    }
  }

  const chunks = readXMChunks(bytes, pos, patterns.length, h.channels);
  if (chunks.found) sniff.confirm();
  chunks.patternNames.forEach((name, i) => {
    if (name !== '') patterns[i] = clonePattern(patterns[i]!, { name });
  });
  // OpenMPT's song properties follow its instrument extensions; only look past the sample data.
  const ext = readSongExtensions(bytes, chunks.end);
  const result = sniff.finish();

  // Orders that name patterns the file lacks are skipped, as libopenmpt plays them.
  const orders: OrderEntry[] = [];
  for (const p of orderBytes) {
    if (sniff.legacyOrderMarkers() && p >= patterns.length && (p === 0xfe || p === 0xff)) {
      if (p === 0xff) orders.push('end');
    } else if (p >= patterns.length) {
      warnings.push(`order list names pattern ${p}, which the file does not hold; skipped`);
      orders.push('skip');
    } else orders.push(p);
  }
  if (orders.length === 0 && !sniff.allowsEmptyOrders()) orders.push(0);
  if (patterns.length === 0) patterns.push(createPattern(64, h.channels));

  const song = createSong(
    { channels: h.channels, notation: 'xm', profile: makeProfile('xm', { ...result.flags, linearSlides: (h.flags & FLAG_LINEAR) !== 0 }, profileTiming(ext)) },
    {
      title: decodeName(h.songName, 'cp437'),
      message: chunks.message,
      midiMacros: chunks.midiMacros ?? (result.clearZxx ? NO_ZXX_MACROS : null),
      ...(ext.rowsPerBeat ? { rowsPerBeat: Math.min(ext.rowsPerBeat, 255) } : {}),
      ...(ext.rowsPerMeasure ? { rowsPerMeasure: Math.min(ext.rowsPerMeasure, 255) } : {}),
      initialSpeed: h.speed === 0 ? 6 : Math.min(h.speed, 255),
      initialTempo: withTempoFraction(h.tempo === 0 ? 125 : Math.max(32, Math.min(h.tempo, 512)), ext),
      globalVolume: 128,
      mixVolume: 48,
      restartOrder: h.restart < orders.length ? h.restart : 0,
      channels: Array.from({ length: h.channels }, (_, c) => createChannel({ name: chunks.channelNames[c] ?? '' })),
      orders,
      patterns,
      instruments,
      samples,
      origin: { format: 'xm', tracker: result.tracker },
    },
  );
  return { song, warnings: [...new Set(warnings)] };
}

function readPatterns(bytes: Uint8Array, start: number, h: XMHeader, nitro: boolean, warnings: string[]): { patterns: Pattern[]; pos: number } {
  const patterns: Pattern[] = [];
  // Missing or damaged patterns share one empty pattern (patterns are immutable), so lying counts cost nothing.
  const empty = createPattern(64, h.channels);
  const kept = Math.min(h.patterns, 256);
  let pos = start;
  let broken = -1;
  // Patterns past 256 cannot be named by the order list, but are walked to find the instruments.
  for (let p = 0; p < h.patterns; p++) {
    if (broken >= 0 || pos + 9 > bytes.length) {
      if (broken < 0) broken = p;
      if (p < kept) patterns.push(empty);
      continue;
    }
    const headerSize = (bytes[pos]! | (bytes[pos + 1]! << 8) | (bytes[pos + 2]! << 16) | (bytes[pos + 3]! << 24)) >>> 0;
    if (headerSize < 8 || pos + headerSize > bytes.length) {
      broken = p;
      if (p < kept) patterns.push(empty);
      continue;
    }
    let rows = h.version === 0x0102 ? bytes[pos + 5]! + 1 : bytes[pos + 5]! | (bytes[pos + 6]! << 8);
    const packed = h.version === 0x0102 ? bytes[pos + 6]! | (bytes[pos + 7]! << 8) : bytes[pos + 7]! | (bytes[pos + 8]! << 8);
    if (rows === 0) rows = 64;
    else if (rows > MAX_ROWS) {
      if (p < kept) warnings.push(`pattern ${p}: ${rows} rows; the model holds ${MAX_ROWS}`);
      rows = MAX_ROWS;
    }
    pos += headerSize;
    if (p < kept) {
      const pattern = createPattern(rows, h.channels);
      const end = Math.min(bytes.length, pos + packed);
      if (pos + packed > bytes.length) warnings.push(`pattern ${p}: the file ends inside its data`);
      if (unpack(bytes, pos, end, pattern, nitro)) warnings.push(`pattern ${p}: packed data runs past its ${rows} rows; the rest is ignored`);
      patterns.push(pattern);
    }
    pos += packed;
  }
  if (h.patterns > 256) warnings.push(`the header claims ${h.patterns} patterns; the order list can only name 256`);
  if (broken >= 0) warnings.push(`patterns from ${broken} on are missing or damaged; they are empty`);
  return { patterns, pos: Math.min(pos, bytes.length) };
}

/**
 * FT2 pattern packing: a byte with bit 7 set says which of note/instrument/volume/effect/param follow.
 * Bytes past the pattern's packed size read as zero (as libopenmpt's chunk reader returns them).
 * Returns true when packed bytes are left over after the last row.
 */
function unpack(bytes: Uint8Array, start: number, end: number, pattern: Pattern, nitro: boolean): boolean {
  let o = start;
  const next = (): number => (o < end ? bytes[o++]! : (o++, 0));
  const cells = pattern.rows * pattern.channels;
  for (let c = 0; c < cells && o < end; c++) {
    let info = next();
    let note = 0;
    if (info & 0x80) {
      if (info & 0x01) note = next();
    } else {
      note = info;
      info = 0xff;
    }
    const instrument = info & 0x02 ? next() : 0;
    const vol = info & 0x04 ? next() : 0;
    const command = info & 0x08 ? next() : 0;
    const param = info & 0x10 ? next() : 0;
    const model = note === 97 ? 255 : note > 0 && note < 97 ? note + 12 : 0;
    const effect = command | param ? convertXMEffect(command, param) : null;
    const volume = convertXMVolume(vol);
    const ins = instrument === 0xff || (nitro && model === 0) ? 0 : instrument;
    if (model === 0 && ins === 0 && !volume && !effect) continue;
    writeCell(pattern, Math.floor(c / pattern.channels), c % pattern.channels, { note: model, instrument: ins, volume, effects: [effect] });
  }
  return o < end;
}

function envelope(e: XMEnvelope, offset: number): Envelope {
  const n = Math.min(e.count, 12);
  const points: { tick: number; value: number }[] = [];
  for (let i = 0; i < n; i++) {
    let tick = e.points[i]!.tick;
    const prev = points[i - 1];
    // Some editors saved only the low byte of a node's position: restore the high byte (as libmikmod does).
    if (prev && tick < prev.tick && !(tick & 0xff00)) {
      tick |= prev.tick & 0xff00;
      if (tick < prev.tick) tick += 0x100;
    }
    points.push({ tick, value: Math.max(-32, Math.min(64, e.points[i]!.value - offset)) });
  }
  return {
    enabled: (e.flags & 1) !== 0 && n > 0,
    points,
    sustain: e.sustain < 12 && e.flags & 2 && e.sustain < n ? { start: e.sustain, end: e.sustain } : null,
    loop: e.loopEnd < 12 && e.loopEnd >= e.loopStart && e.flags & 4 && e.loopEnd < n ? { start: e.loopStart, end: e.loopEnd } : null,
    carry: false,
  };
}

function buildInstrument(ih: XMInstrumentHeader, first: number, count: number): Instrument {
  const sampleMap = Array.from({ length: 120 }, (_, i) => {
    const k = i - 12;
    if (k < 0 || k >= 96) return 0;
    const s = ih.keymap[k]!;
    return s < count ? first + s : 0;
  });
  return createInstrument(0, {
    name: decodeName(ih.name, 'cp437'),
    sampleMap,
    volumeEnvelope: envelope(ih.volume, 0),
    panEnvelope: envelope(ih.pan, 32),
    fadeout: ih.fadeout,
    midi: ih.midiEnabled
      ? { port: null, channel: Math.min(16, ih.midiChannel + 1), program: Math.min(ih.midiProgram, 127), bank: -1, transpose: 0, bendRange: 2, controller: -1 }
      : { port: null, channel: 0, program: -1, bank: -1, transpose: 0, bendRange: 2, controller: -1 },
  });
}

/** Bytes a sample's data takes in the file (ADPCM: a 16-byte table, then two frames a byte). */
function storedSize(sh: XMSampleHeader): number {
  return sh.reserved === 0xad && !(sh.flags & (SMP_16BIT | SMP_STEREO)) ? 16 + Math.ceil(sh.length / 2) : sh.length;
}

/** Delta-coded PCM (each stereo half decoded on its own), or ModPlug ADPCM, capped by the file. */
function readPcm(bytes: Uint8Array, offset: number, sh: XMSampleHeader, label: string, warnings: string[]): SamplePcm {
  const bits16 = (sh.flags & SMP_16BIT) !== 0;
  const stereo = (sh.flags & SMP_STEREO) !== 0;
  if (sh.reserved === 0xad && !bits16 && !stereo) {
    const { data, missing } = readAdpcm(bytes, offset, sh.length);
    if (missing > 0) warnings.push(`${label}: the file ends ${missing} frames into its data; cut short`);
    return { bits: 8, channels: 1, data };
  }
  const available = Math.max(0, Math.min(sh.length, bytes.length - offset));
  if (available < sh.length) warnings.push(`${label}: claims ${sh.length} bytes, the file holds ${available}; cut short`);
  const chans = stereo ? 2 : 1;
  const bytesPerSample = bits16 ? 2 : 1;
  const half = Math.floor(sh.length / chans / bytesPerSample);
  const frames = Math.floor(available / bytesPerSample / chans);
  if (bits16) {
    const data = new Int16Array(frames * chans);
    for (let c = 0; c < chans; c++) {
      let v = 0;
      const base = offset + c * half * 2;
      for (let i = 0; i < frames; i++) {
        const at = base + i * 2;
        v = (v + ((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8))) & 0xffff;
        data[i * chans + c] = (v << 16) >> 16;
      }
    }
    return { bits: 16, channels: chans, data };
  }
  const data = new Int8Array(frames * chans);
  for (let c = 0; c < chans; c++) {
    let v = 0;
    const base = offset + c * half;
    for (let i = 0; i < frames; i++) {
      v = (v + (bytes[base + i] ?? 0)) & 0xff;
      data[i * chans + c] = (v << 24) >> 24;
    }
  }
  return { bits: 8, channels: chans, data };
}

function clampLoop(loop: SampleLoop | null, frames: number): SampleLoop | null {
  if (!loop) return null;
  const end = Math.min(loop.end, frames);
  return loop.start < end ? { ...loop, end } : null;
}

function buildSample(sh: XMSampleHeader, ih: XMInstrumentHeader, pcm: SamplePcm | null, label: string, warnings: string[]): Sample {
  const div = (sh.flags & SMP_16BIT ? 2 : 1) * (sh.flags & SMP_STEREO ? 2 : 1);
  // As libopenmpt: the loop end is (start + length) in bytes, then converted to frames.
  const start = Math.floor(sh.loopStart / div);
  const end = Math.floor((sh.loopStart + sh.loopLength) / div);
  const data = pcm ?? { bits: 8 as const, channels: 1 as const, data: new Int8Array(0) };
  const frames = data.data.length / data.channels;
  let loop: SampleLoop | null = null;
  if (sh.flags & 3 && end > start) {
    loop = clampLoop({ start, end, pingPong: (sh.flags & SMP_PINGPONG) !== 0 }, pcm ? frames : Number.MAX_SAFE_INTEGER);
    if (!loop) warnings.push(`${label}: loop ${start}..${end} lies outside its ${frames} frames; dropped`);
  }
  return createSample({
    name: decodeName(sh.name, 'cp437'),
    pcm: data,
    loop,
    tuning: { kind: 'finetune', relativeNote: sh.relativeNote, finetune: sh.finetune },
    volume: Math.min(sh.volume, 64),
    pan: sh.pan,
    vibrato: { waveform: XM_VIBRATO[ih.vibType] ?? 'sine', speed: ih.vibRate, depth: ih.vibDepth, sweep: ih.vibSweep },
  });
}
