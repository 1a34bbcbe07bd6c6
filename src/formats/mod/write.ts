// Writes a Song as a ProTracker-style MOD (31 samples, M.K. or xCHN/xxCH tag). Everything MOD cannot
// hold is converted or dropped, and each loss is reported once as a warning (the export linter's
// words): instruments become their samples, 16-bit/stereo samples 8-bit mono, ping-pong loops unrolled,
// the volume column becomes Cxx where the effect slot is free, effects MOD lacks are dropped.

import type { Effect, EffectKind } from '../../song/effects.js';
import { getCell } from '../../song/pattern.js';
import type { Sample, Song } from '../../song/song.js';
import type { WriteResult } from '../common/format-error.js';
import { addTimingLosses, Losses } from '../common/losses.js';
import { translateCell, translationContext } from '../common/translate-effects.js';
import { FORMAT_LIMITS, reportLongNames } from '../common/limits.js';
import { framesOf, unrollPingPong } from '../common/unroll-loop.js';
import { MOD_C5_RATE, PITCH_TOLERANCE_CENTS, playbackRate } from '../common/tuning.js';
import type { ProfileBase } from '../../song/profile.js';
import { encodeName } from '../common/text-codecs.js';
import { MOD_PERIODS } from './effects.js';

/** What a MOD holds, for the writer and the export linter. */
const L = FORMAT_LIMITS.mod;
export const MOD_LIMITS = {
  channels: L.channels.max,
  rows: L.rows.max,
  patterns: L.patterns,
  samples: L.samples,
  orders: L.orders,
  /** Longest sample in frames (65535 words). */
  sampleFrames: L.sampleFrames,
  /** Model notes the ProTracker period table covers (C-2..B-8 in model terms). */
  lowestNote: L.notes.lowest,
  highestNote: Math.min(L.notes.highest, L.notes.lowest + MOD_PERIODS.length - 1),
} as const;

const MAIN: Partial<Record<EffectKind, number>> = {
  arpeggio: 0, portaUp: 1, portaDown: 2, tonePorta: 3, vibrato: 4, tonePortaVolSlide: 5, vibratoVolSlide: 6, tremolo: 7,
  setPan: 8, sampleOffset: 9, volSlide: 10, positionJump: 11, setVolume: 12, patternBreak: 13,
};
const EXTENDED: Partial<Record<EffectKind, number>> = {
  setFilter: 0, finePortaUp: 1, finePortaDown: 2, glissando: 3, vibratoWaveform: 4, setFinetune: 5, patternLoop: 6,
  tremoloWaveform: 7, setPanCoarse: 8, noteRetrig: 9, fineVolSlideUp: 10, fineVolSlideDown: 11, noteCut: 12,
  noteDelay: 13, patternDelay: 14, invertLoop: 15,
};

/** The MOD command and parameter for an effect, or null when MOD has none (reported). */
function commandOf(e: Effect, song: Song, losses: Losses): [number, number] | null {
  const ptLineage = song.profile.base === 'mod' || song.profile.base === 'xm';
  let param = e.param & 0xff;
  if (e.kind === 'patternBreak' && !ptLineage) param = (Math.floor(Math.min(param, 99) / 10) << 4) | (Math.min(param, 99) % 10);
  if (e.kind === 'setPan' && song.profile.base === 's3m') param = param === 0xa4 ? 0x80 : Math.min(255, param * 2);
  const main = MAIN[e.kind];
  if (main !== undefined) return [main, param];
  const ext = EXTENDED[e.kind];
  if (ext !== undefined) return [0x0e, (ext << 4) | (e.param & 0x0f)];
  if (e.kind === 'setSpeed') {
    if (param >= 0x20 || param === 0) losses.add(`speed ${param} cannot be written (MOD speeds are 1..31)`);
    return param >= 0x20 || param === 0 ? null : [0x0f, param];
  }
  if (e.kind === 'tempo') {
    if (param < 0x20) losses.add(`tempo ${param} (a slide) cannot be written (MOD tempos are 32..255)`);
    return param < 0x20 ? null : [0x0f, param];
  }
  losses.add(`effect "${e.kind}" dropped: MOD has no such command`);
  return null;
}

/** The sample a MOD slot gets: the sample itself in sample mode, an instrument's main sample otherwise. */
function slotSamples(song: Song, losses: Losses): (Sample | null)[] {
  if (song.instruments.length === 0) {
    if (song.samples.length > MOD_LIMITS.samples) losses.add(`samples ${MOD_LIMITS.samples + 1}..${song.samples.length} dropped: MOD holds 31`);
    return song.samples.slice(0, MOD_LIMITS.samples);
  }
  losses.add('instruments written as their middle-C sample: MOD has no instruments, envelopes or note maps');
  if (song.instruments.length > MOD_LIMITS.samples) losses.add(`instruments ${MOD_LIMITS.samples + 1}..${song.instruments.length} dropped: MOD holds 31 samples`);
  return song.instruments.slice(0, MOD_LIMITS.samples).map((ins) => song.samples[(ins.sampleMap[60] || ins.sampleMap.find((s) => s > 0) || 0) - 1] ?? null);
}

/** 8-bit mono PCM for MOD: 16-bit keeps its high byte, stereo is averaged, float is scaled. */
function pcm8(s: Sample, losses: Losses, label: string): Int8Array {
  const { pcm } = s;
  const frames = Math.floor(pcm.data.length / pcm.channels);
  if (pcm.bits !== 8) losses.add(`${label}: ${pcm.bits === 16 ? '16-bit' : 'floating-point'} audio reduced to 8 bits`);
  if (pcm.channels === 2) losses.add(`${label}: stereo mixed down to mono`);
  const n = Math.min(frames, MOD_LIMITS.sampleFrames);
  if (n < frames) losses.add(`${label}: cut to ${MOD_LIMITS.sampleFrames} frames (MOD's longest sample)`);
  const out = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let c = 0; c < pcm.channels; c++) {
      const x = pcm.data[i * pcm.channels + c] ?? 0;
      v += pcm.bits === 8 ? x : pcm.bits === 16 ? x / 256 : x * 127;
    }
    out[i] = Math.max(-128, Math.min(127, Math.round(v / pcm.channels)));
  }
  return out;
}

/** The finetune nibble (1/8-semitone steps, -8..7) that plays the sample at its pitch under the song's rules. */
function finetuneNibble(s: Sample, base: ProfileBase, losses: Losses, label: string): number {
  if (base === 'mod' && s.tuning.kind === 'finetune') {
    if (s.tuning.relativeNote !== 0) losses.add(`${label}: transpose of ${s.tuning.relativeNote} semitones lost (MOD samples have finetune only)`);
    return Math.max(-8, Math.min(7, Math.round(s.tuning.finetune / 16))) & 0x0f;
  }
  // Other trackers play C-5 at 8363 Hz, ProTracker at the PAL clock's 8287 Hz: MOD finetune makes up the difference.
  const semis = 12 * Math.log2(playbackRate(s, base) / MOD_C5_RATE);
  const eighths = Math.max(-8, Math.min(7, Math.round(semis * 8)));
  const cents = (semis * 8 - eighths) * 12.5;
  if (Math.abs(cents) > PITCH_TOLERANCE_CENTS) {
    losses.add(Math.abs(semis) > 1 ? `${label}: tuned ${semis.toFixed(1)} semitones from ProTracker's C-2; MOD finetune reaches one semitone` : `${label}: pitch off by ${cents.toFixed(0)} cents`);
  }
  return eighths & 0x0f;
}

export function writeMOD(song: Song): WriteResult {
  const losses = new Losses();
  const dialect = translationContext(song, 'mod');
  reportLongNames(song, 'mod', losses);
  addTimingLosses(song, losses);
  const channels = Math.min(song.channels.length, MOD_LIMITS.channels);
  if (song.channels.length > channels) losses.add(`channels ${channels + 1}..${song.channels.length} dropped: MOD holds ${MOD_LIMITS.channels}`);

  // Orders: MOD has no skip marker and ends at the first end marker.
  const orders: number[] = [];
  for (const o of song.orders) {
    if (o === 'end') {
      losses.add('the order list is cut at its first end marker (---)');
      break;
    }
    if (o === 'skip') {
      losses.add('skip markers (+++) removed from the order list');
      continue;
    }
    orders.push(o);
  }
  if (orders.length > MOD_LIMITS.orders) losses.add(`orders after ${MOD_LIMITS.orders} dropped`);
  const used = orders.slice(0, MOD_LIMITS.orders);
  if (used.length === 0) used.push(0);
  const patternCount = Math.min(song.patterns.length, MOD_LIMITS.patterns);
  if (song.patterns.length > patternCount) losses.add(`patterns ${patternCount}..${song.patterns.length - 1} dropped: MOD holds ${MOD_LIMITS.patterns}`);

  // Ping-pong loops are unrolled into forward loops where the longer sample still fits.
  const slots = slotSamples(song, losses).map((s, i) => {
    if (!s?.loop?.pingPong || s.loop.end <= s.loop.start) return s;
    const unrolled = unrollPingPong(s, s.loop, MOD_LIMITS.sampleFrames, song.profile.base === 'it' ? 1 : 0, true);
    if (!unrolled) return s;
    losses.add(`sample ${i + 1}: ping-pong loop unrolled into a forward loop (${framesOf(unrolled.pcm) - framesOf(s.pcm)} frames longer)`);
    return unrolled;
  });
  const sampleData = slots.map((s, i) => (s ? pcm8(s, losses, `sample ${i + 1}`) : new Int8Array(0)));

  const tag = channels === 4 ? (patternCount > 64 ? 'M!K!' : 'M.K.') : channels < 10 ? `${channels}CHN` : `${channels}CH`;
  const header = new Uint8Array(1084);
  const view = new DataView(header.buffer);
  header.set(encodeName(song.title, 20, 'cp1252'), 0);
  for (let i = 0; i < 31; i++) {
    const o = 20 + i * 30;
    const s = slots[i] ?? null;
    const data = sampleData[i] ?? new Int8Array(0);
    if (!s) continue;
    header.set(encodeName(s.name, 22, 'cp1252'), o);
    const words = Math.ceil(data.length / 2);
    view.setUint16(o + 22, words);
    header[o + 24] = finetuneNibble(s, song.profile.base, losses, `sample ${i + 1}`);
    header[o + 25] = Math.min(64, s.volume);
    if (s.sustainLoop) losses.add(`sample ${i + 1}: sustain loop dropped (MOD has none)`);
    if (s.pan !== null) losses.add('sample default panning lost (MOD has none)');
    if (s.loop && s.loop.end > s.loop.start) {
      if (s.loop.pingPong) losses.add(`sample ${i + 1}: ping-pong loop played forward (MOD loops forward only; unrolled it would not fit)`);
      const start = Math.min(s.loop.start, data.length) >> 1;
      const end = Math.min(s.loop.end, data.length + 1) >> 1;
      view.setUint16(o + 26, start);
      view.setUint16(o + 28, Math.max(1, end - start));
    } else {
      view.setUint16(o + 28, 1);
    }
  }
  header[950] = used.length;
  // No restart: 0x7F, as ProTracker writes it; 0 only keeps readers' one-shot loop rule for songs that use it.
  header[951] = song.restartOrder > 0 && song.restartOrder < used.length ? song.restartOrder : song.profile.flags.modOneShotLoops ? 0 : 0x7f;
  used.forEach((p, i) => (header[952 + i] = Math.min(p, patternCount - 1)));
  header.set(Array.from(tag, (c) => c.charCodeAt(0)), 1080);

  // MOD starts at speed 6, tempo 125: other starting values go on the first played row as Fxx.
  const startFx: [number, number][] = [];
  if (song.initialSpeed !== 6) startFx.push([0x0f, Math.max(1, Math.min(0x1f, song.initialSpeed))]);
  if (song.initialTempo !== 125) startFx.push([0x0f, Math.max(0x20, Math.min(0xff, Math.round(song.initialTempo)))]);
  if (song.globalVolume !== 128) losses.add('global volume lost: MOD has none');
  if (song.message) losses.add('song message dropped (MOD has none)');
  if (song.instruments.length === 0 && song.samples.some((s) => s.vibrato.depth > 0)) losses.add('sample auto-vibrato lost');

  const patternBytes = new Uint8Array(patternCount * 64 * channels * 4);
  for (let p = 0; p < patternCount; p++) {
    const pat = song.patterns[p]!;
    if (pat.rows > 64) losses.add(`pattern ${p}: rows 64..${pat.rows - 1} dropped (MOD patterns have 64 rows)`);
    if (pat.effectColumns > 1) losses.add(`pattern ${p}: effect columns after the first dropped`);
    for (let row = 0; row < 64; row++) {
      for (let ch = 0; ch < channels; ch++) {
        const o = ((p * 64 + row) * channels + ch) * 4;
        if (row >= pat.rows) {
          // A shorter pattern ends with a break on its last row (written on channel 0 below).
          continue;
        }
        const cell = translateCell(getCell(pat, row, ch), dialect, losses);
        let period = 0;
        let effect: [number, number] | null = null;
        if (cell.note >= 1 && cell.note <= 120) {
          if (cell.note < MOD_LIMITS.lowestNote || cell.note > MOD_LIMITS.highestNote) losses.add('notes outside the ProTracker period table dropped');
          else period = MOD_PERIODS[cell.note - MOD_LIMITS.lowestNote]!;
        } else if (cell.note === 254 || cell.note === 255) {
          effect = [0x0c, 0];
          if (cell.note === 255) losses.add('note-offs written as C00 (MOD has no note-off)');
        } else if (cell.note === 253) losses.add('note fades dropped (MOD has none)');
        const fx = cell.effects[0] ?? null;
        if (fx && fx.kind !== 'none') effect = commandOf(fx, song, losses) ?? effect;
        if (cell.volume) {
          if (cell.volume.kind === 'volume' && (!effect || (effect[0] === 0 && effect[1] === 0))) effect = [0x0c, Math.min(64, cell.volume.value)];
          else losses.add(`volume column "${cell.volume.kind}" dropped where the effect slot was taken (MOD has no volume column)`);
        }
        let ins = cell.instrument;
        if (ins > MOD_LIMITS.samples) {
          losses.add('instrument numbers above 31 dropped');
          ins = 0;
        }
        patternBytes[o] = (ins & 0x10) | ((period >> 8) & 0x0f);
        patternBytes[o + 1] = period & 0xff;
        patternBytes[o + 2] = ((ins & 0x0f) << 4) | ((effect?.[0] ?? 0) & 0x0f);
        patternBytes[o + 3] = effect?.[1] ?? 0;
      }
    }
    if (pat.rows < 64) {
      // Break to the next order after the pattern's real last row, in the first channel with a free effect.
      const last = pat.rows - 1;
      let placed = false;
      for (let ch = 0; ch < channels && !placed; ch++) {
        const o = ((p * 64 + last) * channels + ch) * 4;
        if ((patternBytes[o + 2]! & 0x0f) === 0 && patternBytes[o + 3] === 0) {
          patternBytes[o + 2] = (patternBytes[o + 2]! & 0xf0) | 0x0d;
          placed = true;
        }
      }
      losses.add(placed ? `pattern ${p}: ${pat.rows} rows padded to 64 with a pattern break` : `pattern ${p}: ${pat.rows} rows padded to 64 (no free effect slot for a break)`);
    }
  }
  if (startFx.length > 0) {
    const first = used[0]!;
    for (let ch = 0; ch < channels && startFx.length > 0 && first < patternCount; ch++) {
      const o = ((first * 64) * channels + ch) * 4;
      if ((patternBytes[o + 2]! & 0x0f) === 0 && patternBytes[o + 3] === 0) {
        const [cmd, param] = startFx.shift()!;
        patternBytes[o + 2] = (patternBytes[o + 2]! & 0xf0) | cmd;
        patternBytes[o + 3] = param;
      }
    }
    if (startFx.length > 0) losses.add(`initial speed ${song.initialSpeed} / tempo ${song.initialTempo} lost: no free effect slot on the first row (MOD starts at 6 / 125)`);
  }
  const defaultPan = (i: number) => ((i & 3) === 1 || (i & 3) === 2 ? 0xc0 : 0x40);
  if (song.channels.slice(0, channels).some((c, i) => c.pan !== defaultPan(i))) losses.add('channel panning lost: MOD channels are fixed left/right/right/left');
  if (song.channels.some((c) => c.volume !== 64)) losses.add('channel volumes lost: MOD has none');

  const sampleBytes = sampleData.reduce((a, d) => a + Math.ceil(d.length / 2) * 2, 0);
  const out = new Uint8Array(header.length + patternBytes.length + sampleBytes);
  out.set(header, 0);
  out.set(patternBytes, header.length);
  let pos = header.length + patternBytes.length;
  for (const d of sampleData) {
    out.set(new Uint8Array(d.buffer, d.byteOffset, d.length), pos);
    pos += Math.ceil(d.length / 2) * 2;
  }
  return { bytes: out, warnings: losses.list() };
}
