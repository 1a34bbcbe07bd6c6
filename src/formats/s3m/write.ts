// Writes a Song as a Scream Tracker 3 module: 64-row packed patterns, a channel panning table,
// unsigned PCM samples (AdLib instruments kept), and a tracker id chosen so a reader applies the same
// playback rules (Scream Tracker 3 with its SoundBlaster or GUS driver, ModPlug, or Impulse Tracker).
// What S3M cannot hold is converted or dropped, and each loss is reported once.

import { type Effect } from '../../song/effects.js';
import { effectCode } from '../../song/notation.js';
import { getCell } from '../../song/pattern.js';
import type { Sample, Song } from '../../song/song.js';
import { addTimingLosses, Losses } from '../common/losses.js';
import { framesOf, unrollPingPong } from '../common/unroll-loop.js';
import { translateCell, translationContext } from '../common/translate-effects.js';
import type { WriteResult } from '../common/format-error.js';
import { FORMAT_LIMITS, reportLongNames } from '../common/limits.js';
import { playbackRate } from '../common/tuning.js';
import type { ProfileBase } from '../../song/profile.js';
import { encodeName } from '../common/text-codecs.js';

const L = FORMAT_LIMITS.s3m;
export const S3M_LIMITS = { channels: L.channels.max, rows: L.rows.max, patterns: L.patterns, samples: L.samples, orders: L.orders } as const;

class Out {
  bytes: number[] = [];
  at(): number {
    return this.bytes.length;
  }
  u8(v: number): void {
    this.bytes.push(v & 0xff);
  }
  u16(v: number): void {
    this.bytes.push(v & 0xff, (v >> 8) & 0xff);
  }
  u32(v: number): void {
    this.bytes.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  }
  raw(b: ArrayLike<number>): void {
    for (let i = 0; i < b.length; i++) this.bytes.push(b[i]! & 0xff);
  }
  /** Pads to the next 16-byte paragraph (parapointers count in paragraphs). */
  para(): number {
    while (this.bytes.length % 16) this.bytes.push(0);
    return this.bytes.length >> 4;
  }
  set16(at: number, v: number): void {
    this.bytes[at] = v & 0xff;
    this.bytes[at + 1] = (v >> 8) & 0xff;
  }
}

/** The S3M command (1 = A .. 26 = Z) and parameter for an effect, or null (reported). */
function effectBytes(e: Effect, song: Song, losses: Losses): [number, number] | null {
  const code = effectCode(e.kind as Exclude<Effect['kind'], 'none'>, 'it');
  const letter = code[0] ?? '';
  if (!(letter >= 'A' && letter <= 'Z')) {
    losses.add(`effect "${e.kind}" dropped: S3M has no such command`);
    return null;
  }
  const base = song.profile.base;
  let param = e.param & 0xff;
  if (letter === 'S') param = (parseInt(code.slice(1), 16) << 4) | (e.param & 0x0f);
  // S3M stores Cxx rows as decimal digits; MOD/XM songs already do.
  if (e.kind === 'patternBreak' && (base === 'it' || base === 's3m')) param = (Math.floor(Math.min(param, 63) / 10) << 4) | (Math.min(param, 63) % 10);
  if (e.kind === 'setPan' && base !== 's3m') param = Math.min(0x80, (param + 1) >> 1);
  if (e.kind === 'setGlobalVolume' && base === 'it') param = Math.min(64, param >> 1);
  return [letter.charCodeAt(0) - 0x40, param];
}

/** The C-5 speed a sample plays at. */
/** The C-5 speed that plays the sample at the pitch it had under the song's rules (MOD: the PAL clock). */
function c5Of(s: Sample, base: ProfileBase): number {
  return Math.round(playbackRate(s, base));
}

/** The longest sample an unrolled ping-pong loop may make (S3M itself allows far more; this keeps files sane). */
const S3M_MAX_UNROLLED = 1 << 24;

export function writeS3M(song: Song): WriteResult {
  const losses = new Losses();
  const dialect = translationContext(song, 's3m');
  reportLongNames(song, 's3m', losses);
  addTimingLosses(song, losses);
  const flags = song.profile.flags;
  // Which tracker to claim: it decides the rules a reader plays the file with.
  const style = flags.st3Quirks ? 'st3' : flags.st3LimitPeriod ? 'modplug' : 'it';
  const channels = Math.min(song.channels.length, S3M_LIMITS.channels);
  if (song.channels.length > channels) losses.add(`channels ${channels + 1}..${song.channels.length} dropped: S3M holds ${S3M_LIMITS.channels}`);
  if (song.orders.length > S3M_LIMITS.orders) losses.add(`orders after ${S3M_LIMITS.orders} dropped`);
  if (Math.max(song.instruments.length, song.samples.length) > S3M_LIMITS.samples) losses.add(`samples after ${S3M_LIMITS.samples} dropped`);

  const chosen: (Sample | null)[] = song.instruments.length === 0
    ? song.samples.slice(0, S3M_LIMITS.samples)
    : song.instruments.slice(0, S3M_LIMITS.samples).map((ins) => song.samples[(ins.sampleMap[60] || ins.sampleMap.find((s) => s > 0) || 0) - 1] ?? null);
  // The loop S3M keeps (the normal one, else the sustain loop) is unrolled when it is ping-pong.
  const samples = chosen.map((s, i) => {
    const loop = s?.loop ?? s?.sustainLoop;
    if (!s || !loop?.pingPong || loop.end <= loop.start) return s;
    const unrolled = unrollPingPong(s, loop, S3M_MAX_UNROLLED, song.profile.base === 'it' ? 1 : 0);
    if (!unrolled) return s;
    losses.add(`sample ${i + 1}: ping-pong loop unrolled into a forward loop (${framesOf(unrolled.pcm) - framesOf(s.pcm)} frames longer)`);
    if (s.sustainLoop) losses.add(s.loop ? 'sustain loops dropped (S3M has none)' : 'sustain loops played as normal loops');
    return { ...unrolled, sustainLoop: null };
  });
  if (song.instruments.length > 0) losses.add('instruments written as their middle-C sample: S3M has no instruments, envelopes or note maps');
  const patterns = song.patterns.slice(0, S3M_LIMITS.patterns);
  if (song.patterns.length > patterns.length) losses.add('patterns after 255 dropped');
  const orders = song.orders.slice(0, S3M_LIMITS.orders).map((o) => (o === 'skip' ? 0xfe : o === 'end' ? 0xff : Math.min(o, 253)));
  if (style === 'modplug') while (orders.length % 16) orders.push(0xff);
  else if (orders.length % 2) orders.push(0xff);

  // All channels centred: a mono file (ST3 then mixes at 8/11 of the master volume).
  const mono = song.channels.slice(0, channels).every((c) => c.pan === 128);
  // ST3 and Impulse Tracker before 2.14 ignored Zxx, and readers clear the macros of their files:
  // songs whose Zxx macros are cleared claim those, songs with live macros a tracker that kept them.
  const zxxCleared = song.midiMacros !== null && song.midiMacros.parametered.every((m) => m === '') && song.midiMacros.fixed.every((m) => m === '');
  const asOpenMPT = style === 'st3' && !flags.s3mIgnoreCombinedFineSlides && !zxxCleared && !mono;
  const cwtv = style === 'it' ? (zxxCleared ? 0x3213 : 0x3214) : asOpenMPT ? 0x5117 : 0x1320;
  const out = new Out();
  out.raw(encodeName(song.title, 28, asOpenMPT ? 'cp1252' : 'cp437'));
  out.u8(0x1a);
  out.u8(0x10);
  out.u16(0);
  out.u16(orders.length);
  out.u16(samples.length);
  out.u16(patterns.length);
  out.u16((flags.st3FastVolumeSlides ? 0x40 : 0) | (flags.amigaPeriodLimits ? 0x10 : 0));
  // Scream Tracker 3.20 (or ModPlug posing as it), OpenMPT 1.17 for other trackers' ST3 rules with
  // Zxx macros, Impulse Tracker 2.13/2.14 for songs with IT's rules.
  out.u16(cwtv);
  out.u16(2);
  out.raw([0x53, 0x43, 0x52, 0x4d]);
  out.u8(Math.min(64, song.globalVolume >> 1));
  out.u8(Math.max(1, Math.min(255, song.initialSpeed)));
  out.u8(Math.max(33, Math.min(255, Math.round(song.initialTempo))));
  out.u8(mono ? Math.max(0x10, Math.min(0x7f, Math.round((song.mixVolume * 11) / 8))) : 0x80 | Math.max(0x10, Math.min(0x7f, song.mixVolume)));
  // Ultra-click 16 as ST3.20 writes it (OpenMPT 1.17 wrote 0; 16 with OpenMPT's id means Liquid Tracker).
  out.u8(style === 'st3' && !asOpenMPT ? 16 : 0);
  out.u8(mono ? 0 : 0xfc);
  out.u16(0);
  out.u32(0);
  out.u16(0);
  out.u16(0);
  for (let i = 0; i < 32; i++) {
    if (i >= channels) {
      out.u8(0xff);
      continue;
    }
    const type = ((i & 1) ? 8 : 0) + ((i >> 1) & 7);
    out.u8(type | (song.channels[i]!.muted ? 0x80 : 0));
  }
  out.raw(orders);
  const smpPtrAt = out.at();
  for (let i = 0; i < samples.length; i++) out.u16(0);
  const patPtrAt = out.at();
  for (let i = 0; i < patterns.length; i++) out.u16(0);
  // Panning table: 0x20 | 0..15 per channel.
  for (let i = 0; i < 32 && !mono; i++) {
    const c = song.channels[i];
    if (!c || i >= channels) {
      out.u8(0);
      continue;
    }
    if (c.surround) losses.add('channel surround lost');
    if (c.volume !== 64) losses.add('channel volumes lost (S3M has none)');
    // A channel at its type's default (left 0x33, right 0xCC) needs no entry; others get one of 16.
    const type = ((i & 1) ? 8 : 0) + ((i >> 1) & 7);
    if (c.pan === (type & 8 ? 0xcc : 0x33)) {
      out.u8(0);
      continue;
    }
    const p = Math.max(0, Math.min(15, Math.round((c.pan * 15) / 256)));
    if (Math.floor((p * 256 + 8) / 15) !== c.pan) losses.add('channel panning rounded to S3M\'s 16 positions');
    out.u8(0x20 | p);
  }

  // Sample headers, then patterns, then sample data (ST3's canonical order).
  const headerAt: number[] = [];
  for (let i = 0; i < samples.length; i++) {
    const para = out.para();
    out.set16(smpPtrAt + i * 2, para);
    headerAt.push(out.at());
    out.raw(new Array<number>(80).fill(0));
  }
  for (const [pi, pat] of patterns.entries()) {
    out.set16(patPtrAt + pi * 2, out.para());
    if (pat.rows > 64) losses.add(`pattern ${pi}: rows 64..${pat.rows - 1} dropped (S3M patterns have 64 rows)`);
    if (pat.effectColumns > 1) losses.add(`pattern ${pi}: effect columns after the first dropped`);
    const body: number[] = [];
    for (let row = 0; row < 64; row++) {
      for (let ch = 0; ch < channels && row < pat.rows; ch++) {
        const cell = translateCell(getCell(pat, row, ch), dialect, losses);
        let note = -1;
        if (cell.note >= 1 && cell.note <= 120) {
          const k = cell.note - 13;
          if (k < 0 || k >= 96) losses.add('notes outside S3M\'s eight octaves dropped');
          else note = ((Math.floor(k / 12)) << 4) | (k % 12);
        } else if (cell.note >= 253) {
          note = 0xfe;
          if (cell.note !== 254) losses.add('note-offs and fades written as note cuts (S3M has only ^^)');
        }
        let vol = -1;
        if (cell.volume) {
          if (cell.volume.kind === 'volume') vol = Math.min(64, cell.volume.value);
          else if (cell.volume.kind === 'panning') vol = 128 + Math.min(64, cell.volume.value);
          else losses.add(`volume column "${cell.volume.kind}" dropped (S3M's volume column sets volume only)`);
        }
        let fx = cell.effects[0] && cell.effects[0].kind !== 'none' ? effectBytes(cell.effects[0], song, losses) : null;
        if (row === pat.rows - 1 && pat.rows < 64 && ch === 0 && !fx) fx = [3, 0];
        // Numbers of samples the song lacks are kept: players treat them as "no instrument".
        const ins = cell.instrument;
        let info = ch;
        if (note >= 0 || ins) info |= 0x20;
        if (vol >= 0) info |= 0x40;
        if (fx) info |= 0x80;
        if (info === ch) continue;
        body.push(info);
        if (info & 0x20) body.push(note >= 0 ? note : 0xff, ins);
        if (info & 0x40) body.push(vol);
        if (info & 0x80) body.push(fx![0], fx![1]);
      }
      body.push(0);
    }
    if (pat.rows < 64) losses.add(`pattern ${pi}: ${pat.rows} rows padded to 64 with a pattern break`);
    out.u16(body.length + 2);
    out.raw(body);
  }
  samples.forEach((s, i) => {
    const at = headerAt[i]!;
    const h: number[] = new Array<number>(80).fill(0);
    if (s) {
      const name = encodeName(s.name, 28, 'cp437');
      const file = encodeName(s.fileName, 12, 'cp437');
      h.splice(1, 12, ...file);
      h.splice(0x30, 28, ...name);
      h[0x1c] = Math.min(64, s.volume);
      const le32 = (o: number, v: number) => h.splice(o, 4, v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
      le32(0x20, Math.min(0xffff, c5Of(s, song.profile.base)));
      if (s.adlib) {
        h[0] = 2;
        h.splice(0x10, 12, ...Array.from(s.adlib.subarray(0, 12)));
        h.splice(0x4c, 4, 0x53, 0x43, 0x52, 0x49);
      } else {
        const { pcm } = s;
        const frames = Math.floor(pcm.data.length / pcm.channels);
        h[0] = frames > 0 ? 1 : 0;
        h.splice(0x4c, 4, 0x53, 0x43, 0x52, 0x53);
        if (frames > 0) {
          const dataPara = out.para();
          h[0x0d] = (dataPara >> 16) & 0xff;
          h[0x0e] = dataPara & 0xff;
          h[0x0f] = (dataPara >> 8) & 0xff;
          const bits16 = pcm.bits !== 8;
          for (let c = 0; c < pcm.channels; c++) {
            for (let k = 0; k < frames; k++) {
              const x = pcm.data[k * pcm.channels + c] ?? 0;
              if (pcm.bits === 8) out.u8((x & 0xff) ^ 0x80);
              else {
                const v = pcm.bits === 16 ? x : Math.max(-32768, Math.min(32767, Math.round(x * 32767)));
                out.u16((v & 0xffff) ^ 0x8000);
              }
            }
          }
          le32(0x10, frames);
          const loop = s.loop ?? s.sustainLoop;
          if (s.sustainLoop) losses.add(s.loop ? 'sustain loops dropped (S3M has none)' : 'sustain loops played as normal loops');
          if (loop?.pingPong) losses.add('ping-pong loops played forward (S3M loops forward only)');
          le32(0x14, loop ? loop.start : 0);
          le32(0x18, loop ? loop.end : 0);
          h[0x1f] = (loop ? 1 : 0) | (pcm.channels === 2 ? 2 : 0) | (bits16 ? 4 : 0);
          if (pcm.bits === 'float') losses.add('floating-point samples stored as 16-bit');
          // GUS addresses: ST3 with the GUS driver gives each sample its own; the SoundBlaster driver writes 1.
          // Without GUS addresses a reader takes the file for another tracker posing as ST3 (its rules differ).
          const gus = style !== 'st3' || asOpenMPT ? 1 : !flags.s3mIgnoreCombinedFineSlides ? 0 : flags.st3PortaSampleChange ? 0x100 + i * 0x10 : 1;
          h[0x28] = gus & 0xff;
          h[0x29] = (gus >> 8) & 0xff;
        }
      }
      if (s.pan !== null) losses.add('sample default panning lost (S3M has none)');
      if (s.globalVolume < 64) losses.add('sample global volume lost (S3M has none)');
      if (s.vibrato.depth > 0) losses.add('sample auto-vibrato lost (S3M has none)');
    }
    for (let k = 0; k < 80; k++) out.bytes[at + k] = h[k]!;
  });
  if (song.message) losses.add('song message dropped (S3M has none)');
  return { bytes: Uint8Array.from(out.bytes), warnings: losses.list() };
}
