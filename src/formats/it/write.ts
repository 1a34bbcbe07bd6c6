// Writes a Song as an Impulse Tracker module (IT 2.14 layout, uncompressed samples, instruments, envelopes,
// sustain loops, message, MIDI macros), with a tracker id (IT 2.14, ModPlug, or Schism Tracker for
// period-tuned songs) that makes readers play it by the song's rules; what IT cannot hold is reported.

import type { Effect, VolumeCommand } from '../../song/effects.js';
import { effectCode } from '../../song/notation.js';
import { getCell } from '../../song/pattern.js';
import type { Envelope, Instrument, Sample, Song } from '../../song/song.js';
import { addTimingLosses, Losses } from '../common/losses.js';
import { translateCell, translationContext } from '../common/translate-effects.js';
import type { WriteResult } from '../common/format-error.js';
import { FORMAT_LIMITS, reportLongNames } from '../common/limits.js';
import { playbackRate } from '../common/tuning.js';
import type { ProfileBase } from '../../song/profile.js';
import { encodeName } from '../common/text-codecs.js';
import { IT_SMOOTH_MIDI } from './effects.js';

const L = FORMAT_LIMITS.it;
export const IT_LIMITS = {
  channels: L.channels.max, rows: L.rows.max, patterns: L.patterns, instruments: L.instruments, samples: L.samples,
  orders: L.orders, envelopePoints: L.envelopes.points,
} as const;

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
  set32(at: number, v: number): void {
    this.bytes[at] = v & 0xff;
    this.bytes[at + 1] = (v >>> 8) & 0xff;
    this.bytes[at + 2] = (v >>> 16) & 0xff;
    this.bytes[at + 3] = (v >>> 24) & 0xff;
  }
}

/** Schism Tracker's version word for 2020-01-01 (0x1050 + days since 2009-10-31). */
const SCHISM_PERIOD_PITCH_CWTV = 0x1050 + Math.round((Date.UTC(2020, 0, 1) - Date.UTC(2009, 9, 31)) / 86_400_000);

const NNA = { cut: 0, continue: 1, off: 2, fade: 3 } as const;
const DCT = { off: 0, note: 1, sample: 2, instrument: 3 } as const;
const DCA = { cut: 0, off: 1, fade: 2 } as const;
const VIB = { sine: 0, rampDown: 1, square: 2, random: 3, rampUp: 4 } as const;

function effectBytes(e: Effect, song: Song, losses: Losses): [number, number] | null {
  const code = effectCode(e.kind as Exclude<Effect['kind'], 'none'>, 'it');
  const letter = code[0] ?? '';
  // '\\' is command 28 ('[' = 27 is OpenMPT's parameter extension).
  if (e.kind === 'smoothMidiMacro') return [IT_SMOOTH_MIDI, e.param & 0xff];
  if (!(letter >= 'A' && letter <= 'Z')) {
    losses.add(`effect "${e.kind}" dropped: IT has no such command`);
    return null;
  }
  const base = song.profile.base;
  let param = e.param & 0xff;
  if (letter === 'S') param = (parseInt(code.slice(1), 16) << 4) | (e.param & 0x0f);
  // IT's Cxx row is a plain number; MOD/XM songs store decimal digits.
  if (e.kind === 'patternBreak' && (base === 'mod' || base === 'xm')) param = (param >> 4) * 10 + (param & 0x0f);
  if (e.kind === 'setPan' && base === 's3m') param = param === 0xa4 ? 0x80 : Math.min(255, param * 2);
  if (e.kind === 'setGlobalVolume' && base !== 'it') param = Math.min(128, param * 2);
  return [letter.charCodeAt(0) - 0x40, param];
}

function volumeByte(v: VolumeCommand, losses: Losses): number | null {
  const ten = (base: number) => {
    if (v.value > 9) losses.add('volume-column slides above 9 clamped (IT allows 0..9)');
    return base + Math.min(9, v.value);
  };
  switch (v.kind) {
    case 'volume': return Math.min(64, v.value);
    case 'fineVolUp': return ten(65);
    case 'fineVolDown': return ten(75);
    case 'volSlideUp': return ten(85);
    case 'volSlideDown': return ten(95);
    case 'portaDown': return ten(105);
    case 'portaUp': return ten(115);
    case 'panning': return 128 + Math.min(64, v.value);
    case 'tonePorta': return ten(193);
    case 'vibratoDepth': return ten(203);
    default:
      losses.add(`volume column "${v.kind}" dropped: IT's volume column has no such command`);
      return null;
  }
}

function envelope(out: Out, env: Envelope, filter: boolean, min: number, max: number, losses: Losses): void {
  const pts = env.points.slice(0, IT_LIMITS.envelopePoints);
  if (env.points.length > pts.length) losses.add(`envelopes cut to ${IT_LIMITS.envelopePoints} points`);
  out.u8((env.enabled && pts.length > 0 ? 1 : 0) | (env.loop ? 2 : 0) | (env.sustain ? 4 : 0) | (env.carry ? 8 : 0) | (filter ? 0x80 : 0));
  out.u8(pts.length);
  out.u8(env.loop?.start ?? 0);
  out.u8(env.loop?.end ?? 0);
  out.u8(env.sustain?.start ?? 0);
  out.u8(env.sustain?.end ?? 0);
  for (let i = 0; i < 25; i++) {
    const p = pts[i];
    out.u8(p ? Math.max(min, Math.min(max, p.value)) : 0);
    out.u16(p ? p.tick : 0);
  }
  out.u8(0);
}

function writeInstrument(out: Out, ins: Instrument, losses: Losses): void {
  out.raw([0x49, 0x4d, 0x50, 0x49]);
  out.raw(encodeName(ins.fileName, 13, 'cp437'));
  out.u8(NNA[ins.newNoteAction]);
  out.u8(DCT[ins.duplicateCheck]);
  out.u8(DCA[ins.duplicateAction]);
  const fade = Math.round(ins.fadeout / 32);
  if (fade > 0xffff) losses.add('instrument fadeouts clamped');
  out.u16(Math.min(0xffff, fade));
  out.u8(ins.pitchPanSeparation);
  out.u8(Math.max(0, Math.min(119, ins.pitchPanCenter - 1)));
  out.u8(Math.min(128, ins.globalVolume));
  out.u8(ins.pan === null ? 0x80 | 32 : Math.min(64, Math.round(ins.pan / 4)));
  out.u8(Math.min(100, ins.randomVolume));
  out.u8(Math.min(64, ins.randomPan));
  // Readers take MIDI program/bank as 1-based in instruments marked 2.02/2.11/2.14/2.20 (IT's own
  // quirk, see readInstrument); mark instruments that use them as 2.15 so the 0-based bytes hold.
  out.u16(ins.midi.program >= 0 || ins.midi.bank >= 0 ? 0x0215 : 0x0214);
  out.u8(0);
  out.u8(0);
  out.raw(encodeName(ins.name, 26, 'cp437'));
  out.u8(ins.filterCutoff === null ? 0 : 0x80 | Math.min(127, ins.filterCutoff));
  out.u8(ins.filterResonance === null ? 0 : 0x80 | Math.min(127, ins.filterResonance));
  out.u8(ins.midi.channel);
  out.u8(ins.midi.program >= 0 ? ins.midi.program : 0xff);
  out.u8(ins.midi.bank >= 0 ? ins.midi.bank & 0x7f : 0xff);
  out.u8(ins.midi.bank >= 0 ? (ins.midi.bank >> 7) & 0x7f : 0xff);
  for (let i = 0; i < 120; i++) {
    out.u8(Math.max(0, Math.min(119, (ins.noteMap[i] ?? i + 1) - 1)));
    out.u8(Math.min(255, ins.sampleMap[i] ?? 0));
  }
  envelope(out, ins.volumeEnvelope, false, 0, 64, losses);
  envelope(out, ins.panEnvelope, false, -32, 32, losses);
  envelope(out, ins.pitchEnvelope, ins.pitchEnvelopeIsFilter, -32, 32, losses);
  out.raw([0, 0, 0, 0]);
}

function isEmptyChannel(pat: Song['patterns'][number], ch: number): boolean {
  const c = getCell(pat, 0, ch);
  return c.note === 0 && c.instrument === 0 && !c.volume && !(c.effects[0] && c.effects[0].kind !== 'none');
}

/** The C-5 speed that plays the sample at the pitch it had under the song's rules (MOD: the PAL clock). */
function c5Of(s: Sample, base: ProfileBase): number {
  return Math.round(playbackRate(s, base));
}

export function writeIT(song: Song): WriteResult {
  const losses = new Losses();
  const dialect = translationContext(song, 'it');
  reportLongNames(song, 'it', losses);
  addTimingLosses(song, losses);
  const channels = Math.min(song.channels.length, IT_LIMITS.channels);
  if (song.channels.length > channels) losses.add(`channels ${channels + 1}..${song.channels.length} dropped: IT holds ${IT_LIMITS.channels}`);
  const instruments = song.instruments.slice(0, IT_LIMITS.instruments);
  if (song.instruments.length > instruments.length) losses.add(`instruments after ${IT_LIMITS.instruments} dropped`);
  const samples = song.samples.slice(0, IT_LIMITS.samples);
  if (song.samples.length > samples.length) losses.add(`samples after ${IT_LIMITS.samples} dropped`);
  const patterns = song.patterns.slice(0, IT_LIMITS.patterns);
  if (song.patterns.length > patterns.length) losses.add(`patterns after ${IT_LIMITS.patterns} dropped`);
  if (song.orders.length > IT_LIMITS.orders) losses.add(`orders after ${IT_LIMITS.orders} dropped`);
  const orders = [...song.orders.slice(0, IT_LIMITS.orders).map((o) => (o === 'skip' ? 0xfe : o === 'end' ? 0xff : Math.min(o, 253))), 0xff];
  const modplug = song.profile.flags.modplugMixLevels;
  // Songs tuned by a period table (MOD, S3M, Amiga-slide XM): Impulse Tracker plays exact semitones, but
  // readers give files of Schism Tracker before 2021-05-02 with Amiga slides Scream Tracker 3's period
  // table (libopenmpt's Schism quirks), the closest an IT file gets to the song's tuning.
  const periodPitch = !modplug && !song.profile.flags.linearSlides && !song.profile.flags.periodsAreHertz;

  const out = new Out();
  out.raw([0x49, 0x4d, 0x50, 0x4d]);
  out.raw(encodeName(song.title, 26, 'cp437'));
  out.u8(Math.min(255, song.rowsPerBeat));
  out.u8(Math.min(255, song.rowsPerMeasure));
  out.u16(orders.length);
  out.u16(instruments.length);
  out.u16(samples.length);
  out.u16(patterns.length);
  // Impulse Tracker 2.14, or ModPlug Tracker's fingerprint for songs that need its rules.
  out.u16(modplug ? 0x0217 : periodPitch ? SCHISM_PERIOD_PITCH_CWTV : 0x0214);
  out.u16(modplug ? 0x0200 : 0x0214);
  const f = song.profile.flags;
  out.u16(1 | (instruments.length > 0 ? 4 : 0) | (f.linearSlides ? 8 : 0) | (f.itOldEffects ? 0x10 : 0) | (f.itCompatibleGxx ? 0x20 : 0) | (song.midiMacros ? 0x80 : 0));
  const msgBytes = song.message ? [...Array.from(song.message.replace(/\n/g, '\r'), (c) => (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 0x3f)), 0] : [];
  out.u16((msgBytes.length ? 1 : 0) | 4 | (song.midiMacros ? 8 : 0));
  out.u8(Math.min(128, song.globalVolume));
  out.u8(Math.min(128, song.mixVolume));
  out.u8(Math.max(1, Math.min(255, song.initialSpeed)));
  out.u8(Math.max(31, Math.min(255, Math.round(song.initialTempo))));
  out.u8(Math.min(128, song.stereoSeparation));
  out.u8(0);
  out.u16(msgBytes.length);
  const msgOffsetAt = out.at();
  out.u32(0);
  out.u32(modplug ? 0 : 0x6b72_7274); // "trkr" (IT keeps an edit timer here)
  for (let i = 0; i < 64; i++) {
    const c = song.channels[i];
    if (!c || i >= channels) out.u8(0x80 | 32);
    else out.u8((c.surround ? 100 : Math.min(64, Math.round(c.pan / 4))) | (c.muted ? 0x80 : 0));
  }
  for (let i = 0; i < 64; i++) out.u8(Math.min(64, song.channels[i]?.volume ?? 64));
  out.raw(orders);
  const ptrAt = out.at();
  for (let i = 0; i < instruments.length + samples.length + patterns.length; i++) out.u32(0);
  if (song.midiMacros) {
    const m = song.midiMacros;
    for (const text of [...m.global.slice(0, 9), ...m.parametered.slice(0, 16), ...m.fixed.slice(0, 128)]) out.raw(encodeName(text, 32, 'cp437'));
  }
  if (msgBytes.length) {
    out.set32(msgOffsetAt, out.at());
    out.raw(msgBytes);
  }
  instruments.forEach((ins, i) => {
    out.set32(ptrAt + i * 4, out.at());
    writeInstrument(out, ins, losses);
  });
  const sampleHeaderAt: number[] = [];
  samples.forEach((_, i) => {
    out.set32(ptrAt + (instruments.length + i) * 4, out.at());
    sampleHeaderAt.push(out.at());
    out.raw(new Array<number>(80).fill(0));
  });
  patterns.forEach((pat, pi) => {
    out.set32(ptrAt + (instruments.length + samples.length + pi) * 4, out.at());
    if (pat.effectColumns > 1) losses.add(`pattern ${pi}: effect columns after the first dropped`);
    const rows = Math.min(pat.rows, IT_LIMITS.rows);
    if (pat.rows > rows) losses.add(`pattern ${pi}: rows after ${IT_LIMITS.rows} dropped`);
    const body: number[] = [];
    for (let r = 0; r < rows; r++) {
      // Readers count channels by the data they hold: an empty effect (command 0) in the song's last
      // channel keeps silent trailing channels.
      if (pi === 0 && r === 0 && channels > 1 && isEmptyChannel(pat, channels - 1)) body.push(channels | 0x80, 8, 0, 0);
      for (let ch = 0; ch < channels; ch++) {
        const cell = translateCell(getCell(pat, r, ch), dialect, losses);
        let mask = 0;
        const note = cell.note >= 1 && cell.note <= 120 ? cell.note - 1 : cell.note >= 253 ? cell.note : -1;
        if (note >= 0) mask |= 1;
        if (cell.instrument) mask |= 2;
        const vol = cell.volume ? volumeByte(cell.volume, losses) : null;
        if (vol !== null) mask |= 4;
        const fx = cell.effects[0] && cell.effects[0].kind !== 'none' ? effectBytes(cell.effects[0], song, losses) : null;
        if (fx) mask |= 8;
        if (!mask) continue;
        body.push((ch + 1) | 0x80, mask);
        if (mask & 1) body.push(note);
        if (mask & 2) body.push(cell.instrument);
        if (mask & 4) body.push(vol!);
        if (mask & 8) body.push(fx![0], fx![1]);
      }
      body.push(0);
    }
    out.u16(body.length);
    out.u16(rows);
    out.raw([0, 0, 0, 0]);
    out.raw(body);
  });
  samples.forEach((s, i) => {
    const h = new Out();
    h.raw([0x49, 0x4d, 0x50, 0x53]);
    h.raw(encodeName(s.fileName, 13, 'cp437'));
    h.u8(Math.min(64, s.globalVolume));
    const { pcm } = s;
    const frames = s.adlib ? 0 : Math.floor(pcm.data.length / pcm.channels);
    const bits16 = pcm.bits !== 8;
    if (pcm.bits === 'float') losses.add('floating-point samples stored as 16-bit');
    const loop = s.loop;
    const sus = s.sustainLoop;
    h.u8((frames > 0 ? 1 : 0) | (bits16 && frames > 0 ? 2 : 0) | (pcm.channels === 2 && frames > 0 ? 4 : 0) | (loop ? 0x10 : 0) | (sus ? 0x20 : 0) | (loop?.pingPong ? 0x40 : 0) | (sus?.pingPong ? 0x80 : 0));
    h.u8(Math.min(64, s.volume));
    h.raw(encodeName(s.name, 26, 'cp437'));
    h.u8(s.adlib ? 0x40 : 1);
    h.u8(s.pan === null ? 32 : 0x80 | Math.min(64, Math.round(s.pan / 4)));
    h.u32(frames);
    h.u32(loop?.start ?? 0);
    h.u32(loop?.end ?? 0);
    h.u32(c5Of(s, song.profile.base));
    h.u32(sus?.start ?? 0);
    h.u32(sus?.end ?? 0);
    const dataAt = out.at();
    h.u32(dataAt);
    h.u8(Math.min(255, s.vibrato.speed));
    h.u8(Math.min(127, s.vibrato.depth));
    h.u8(Math.min(255, s.vibrato.sweep));
    h.u8(VIB[s.vibrato.waveform]);
    for (let k = 0; k < 80; k++) out.bytes[sampleHeaderAt[i]! + k] = h.bytes[k]!;
    if (s.adlib) out.raw(s.adlib.subarray(0, 12));
    for (let c = 0; c < pcm.channels && frames > 0; c++) {
      for (let k = 0; k < frames; k++) {
        const x = pcm.data[k * pcm.channels + c] ?? 0;
        if (pcm.bits === 8) out.u8(x);
        else out.u16(pcm.bits === 16 ? x : Math.max(-32768, Math.min(32767, Math.round(x * 32767))));
      }
    }
  });
  return { bytes: Uint8Array.from(out.bytes), warnings: losses.list() };
}
