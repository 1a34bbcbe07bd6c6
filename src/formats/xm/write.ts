// Writes a Song as a FastTracker 2 XM (version 1.04): packed patterns, instruments that own their
// samples (sample-mode songs get one instrument per sample), 12-point volume/panning envelopes,
// delta-coded 8/16-bit mono or stereo samples. What XM cannot hold is converted or dropped, and each
// loss is reported once. The tracker field says FastTracker 2 so readers apply FT2's rules.

import type { Effect, EffectKind, VolumeCommand } from '../../song/effects.js';
import { getCell } from '../../song/pattern.js';
import type { Envelope, Instrument, MidiMacros, Sample, Song } from '../../song/song.js';
import type { WriteResult } from '../common/format-error.js';
import { addTimingLosses, Losses } from '../common/losses.js';
import { translateCell, translationContext } from '../common/translate-effects.js';
import { NO_ZXX_MACROS } from '../common/midi-macros.js';
import { FORMAT_LIMITS, reportLongNames } from '../common/limits.js';
import { playbackRate, rateToFinetune } from '../common/tuning.js';
import type { ProfileBase } from '../../song/profile.js';
import { encodeName } from '../common/text-codecs.js';

const L = FORMAT_LIMITS.xm;
export const XM_LIMITS = {
  channels: L.channels.max, rows: L.rows.max, patterns: L.patterns, instruments: L.instruments,
  samplesPerInstrument: L.samplesPerInstrument, orders: L.orders, envelopePoints: L.envelopes.points,
} as const;

const MOD_MAIN: Partial<Record<EffectKind, number>> = {
  arpeggio: 0, portaUp: 1, portaDown: 2, tonePorta: 3, vibrato: 4, tonePortaVolSlide: 5, vibratoVolSlide: 6, tremolo: 7,
  setPan: 8, sampleOffset: 9, volSlide: 10, positionJump: 11, setVolume: 12, patternBreak: 13,
  setGlobalVolume: 16, globalVolSlide: 17, keyOff: 20, setEnvelopePosition: 21, panSlide: 25, retrig: 27, tremor: 29,
  panbrello: 34, midiMacro: 35, smoothMidiMacro: 36,
};
const E_SUB: Partial<Record<EffectKind, number>> = {
  setFilter: 0, finePortaUp: 1, finePortaDown: 2, glissando: 3, vibratoWaveform: 4, setFinetune: 5, patternLoop: 6,
  tremoloWaveform: 7, setPanCoarse: 8, noteRetrig: 9, fineVolSlideUp: 10, fineVolSlideDown: 11, noteCut: 12,
  noteDelay: 13, patternDelay: 14, invertLoop: 15,
};
const X_SUB: Partial<Record<EffectKind, number>> = {
  extraFinePortaUp: 1, extraFinePortaDown: 2, panbrelloWaveform: 5, finePatternDelay: 6, soundControl: 9, setHighOffset: 10,
};
const VOL_BASE: Partial<Record<VolumeCommand['kind'], number>> = {
  volSlideDown: 0x60, volSlideUp: 0x70, fineVolDown: 0x80, fineVolUp: 0x90, vibratoSpeed: 0xa0, vibratoDepth: 0xb0,
  panSlideLeft: 0xd0, panSlideRight: 0xe0, tonePorta: 0xf0,
};

class Out {
  bytes: number[] = [];
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
  /** A name field: space-padded as FastTracker 2 writes it. */
  name(text: string, size: number): void {
    const b = encodeName(text, size, 'cp437');
    for (let i = 0; i < size; i++) this.bytes.push(b[i] === 0 && i >= text.length ? 0x20 : b[i]!);
  }
}

function effectBytes(e: Effect, song: Song, losses: Losses): [number, number] | null {
  const itLineage = song.profile.base === 's3m' || song.profile.base === 'it';
  let param = e.param & 0xff;
  if (e.kind === 'patternBreak' && itLineage) param = (Math.floor(Math.min(param, 99) / 10) << 4) | (Math.min(param, 99) % 10);
  if (e.kind === 'setPan' && song.profile.base === 's3m') param = param === 0xa4 ? 0x80 : Math.min(255, param * 2);
  if (e.kind === 'setGlobalVolume' && itLineage) param = Math.min(64, param >> 1);
  const main = MOD_MAIN[e.kind];
  if (main !== undefined) return [main, param];
  const sub = E_SUB[e.kind];
  if (sub !== undefined) return [0x0e, (sub << 4) | (e.param & 0x0f)];
  const x = X_SUB[e.kind];
  if (x !== undefined) return [33, (x << 4) | (e.param & 0x0f)];
  if (e.kind === 'setSpeed') return param >= 1 && param < 0x20 ? [0x0f, param] : (losses.add(`speed ${param} cannot be written (XM speeds are 1..31)`), null);
  if (e.kind === 'tempo') return param >= 0x20 ? [0x0f, param] : (losses.add(`tempo slide ${param} dropped (XM has none)`), null);
  losses.add(`effect "${e.kind}" dropped: XM has no such command`);
  return null;
}

function volumeByte(v: VolumeCommand, losses: Losses): number {
  if (v.kind === 'volume') return 0x10 + Math.min(64, v.value);
  if (v.kind === 'panning') return 0xc0 + Math.min(15, Math.round(v.value / 4));
  const base = VOL_BASE[v.kind];
  if (base !== undefined) return base + Math.min(15, v.value);
  losses.add(`volume column "${v.kind}" dropped: XM's volume column has no such command`);
  return 0;
}

/**
 * Each instrument's samples, in global order. XM instruments own their samples: the samples an
 * instrument plays, plus the unplayed ones between its first and the next instrument's first that
 * nobody else plays (so an XM read back lists the same samples in the same order).
 */
function instrumentSamples(song: Song, instruments: readonly Instrument[]): number[][] {
  const plays = instruments.map((ins) => new Set(ins.sampleMap.filter((s) => s > 0 && s <= song.samples.length)));
  const playedBy = new Map<number, number>();
  plays.forEach((set, i) => set.forEach((s) => playedBy.set(s, (playedBy.get(s) ?? 0) + 1)));
  const firsts = plays.map((set) => (set.size > 0 ? Math.min(...set) : Infinity));
  return instruments.map((_, i) => {
    const first = firsts[i]!;
    if (!Number.isFinite(first)) return [];
    const later = firsts.filter((f) => Number.isFinite(f) && f > first);
    const end = later.length > 0 ? Math.min(...later) : song.samples.length + 1;
    const own = new Set(plays[i]);
    for (let s = first; s < end; s++) if (!playedBy.has(s)) own.add(s);
    const sorted = [...own].sort((a, b) => a - b);
    // At most 16 per instrument: the played ones first.
    if (sorted.length <= XM_LIMITS.samplesPerInstrument) return sorted;
    return sorted.filter((s) => plays[i]!.has(s)).slice(0, XM_LIMITS.samplesPerInstrument).sort((a, b) => a - b);
  });
}

function writeEnvelope(out: Out, env: Envelope, offset: number, losses: Losses, what: string): { count: number; sustain: number; loopStart: number; loopEnd: number; flags: number } {
  const pts = env.points.slice(0, XM_LIMITS.envelopePoints);
  if (env.points.length > pts.length) losses.add(`${what} envelopes cut to 12 points`);
  if (env.carry) losses.add('envelope carry dropped (XM has none)');
  if (env.sustain && env.sustain.end !== env.sustain.start) losses.add(`${what} sustain loops shortened to their first point`);
  for (let i = 0; i < 12; i++) {
    const p = pts[i];
    out.u16(p ? p.tick : 0);
    out.u16(p ? Math.max(0, Math.min(64, p.value + offset)) : 0);
  }
  const inRange = (i: number) => i < pts.length;
  const sustain = env.sustain && inRange(env.sustain.start) ? env.sustain.start : 0;
  const loop = env.loop && inRange(env.loop.end) ? env.loop : null;
  const flags = (env.enabled && pts.length > 0 ? 1 : 0) | (env.sustain && inRange(env.sustain.start) ? 2 : 0) | (loop ? 4 : 0);
  return { count: pts.length, sustain, loopStart: loop?.start ?? 0, loopEnd: loop?.end ?? 0, flags };
}

const VIB_TYPE = { sine: 0, square: 1, rampUp: 2, rampDown: 3, random: 4 } as const;

/** Relative note and finetune that play the sample at its pitch under the song's rules (MOD: the PAL clock). */
function tuningOf(s: Sample, base: ProfileBase): { relativeNote: number; finetune: number } {
  if (s.tuning.kind === 'finetune' && base !== 'mod') return { relativeNote: s.tuning.relativeNote, finetune: s.tuning.finetune };
  return rateToFinetune(playbackRate(s, base), 'xm');
}

/** The sample header and its delta-coded data (stereo: left half, then right half). */
function sampleParts(s: Sample, base: ProfileBase, losses: Losses, modplug: boolean): { header: Out; data: number[] } {
  const { pcm } = s;
  const frames = Math.floor(pcm.data.length / pcm.channels);
  const bits16 = pcm.bits !== 8;
  if (pcm.bits === 'float') losses.add('floating-point samples stored as 16-bit');
  const data: number[] = [];
  for (let c = 0; c < pcm.channels; c++) {
    let prev = 0;
    for (let i = 0; i < frames; i++) {
      const x = pcm.data[i * pcm.channels + c] ?? 0;
      const v = pcm.bits === 'float' ? Math.max(-32768, Math.min(32767, Math.round(x * 32767))) : x;
      const d = v - prev;
      prev = v;
      if (bits16) data.push(d & 0xff, (d >> 8) & 0xff);
      else data.push(d & 0xff);
    }
  }
  const unit = (bits16 ? 2 : 1) * pcm.channels;
  const h = new Out();
  h.u32(frames * unit);
  const loop = s.loop ?? s.sustainLoop;
  if (s.sustainLoop) losses.add(s.loop ? 'sustain loops dropped (XM has none)' : 'sustain loops played as normal loops (XM has none)');
  h.u32(loop ? loop.start * unit : 0);
  h.u32(loop ? (loop.end - loop.start) * unit : 0);
  h.u8(Math.min(64, s.volume));
  const t = tuningOf(s, base);
  h.u8(t.finetune & 0xff);
  h.u8((loop ? (loop.pingPong ? 2 : 1) : 0) | (bits16 ? 0x10 : 0) | (pcm.channels === 2 ? 0x20 : 0));
  h.u8(s.pan === null ? 128 : Math.min(255, s.pan));
  h.u8(t.relativeNote & 0xff);
  // FastTracker 2 keeps the name's length in the reserved byte (readers use it to recognise FT2).
  h.u8(modplug ? 0 : Math.min(22, s.name.trimEnd().length));
  if (modplug) h.raw(encodeName(s.name, 22, 'cp437'));
  else h.name(s.name, 22);
  if (s.globalVolume < 64) losses.add('sample global volume lost (XM has none)');
  return { header: h, data };
}

export function writeXM(song: Song): WriteResult {
  const losses = new Losses();
  const dialect = translationContext(song, 'xm');
  reportLongNames(song, 'xm', losses);
  addTimingLosses(song, losses);
  const out = new Out();
  const channels = Math.min(song.channels.length, XM_LIMITS.channels);
  if (song.channels.length > channels) losses.add(`channels ${channels + 1}.. dropped: XM holds ${XM_LIMITS.channels}`);
  const orders: number[] = [];
  for (const o of song.orders) {
    if (o === 'end') {
      losses.add('the order list is cut at its first end marker (---)');
      break;
    }
    if (o === 'skip') losses.add('skip markers (+++) removed from the order list');
    else orders.push(o);
  }
  if (orders.length > XM_LIMITS.orders) losses.add(`orders after ${XM_LIMITS.orders} dropped`);
  const patterns = song.patterns.slice(0, XM_LIMITS.patterns);
  if (song.patterns.length > patterns.length) losses.add(`patterns after ${XM_LIMITS.patterns} dropped`);
  const sampleMode = song.instruments.length === 0;
  const instruments: readonly Instrument[] = sampleMode
    ? song.samples.map((s, i) => ({ ...emptyInstrument(), name: s.name, sampleMap: Array.from({ length: 120 }, () => i + 1) }))
    : song.instruments;
  if (instruments.length > XM_LIMITS.instruments) losses.add(`instruments after ${XM_LIMITS.instruments} dropped`);
  const used = instruments.slice(0, XM_LIMITS.instruments);
  const owned = sampleMode ? song.samples.map((_, i) => [i + 1]) : instrumentSamples(song, used);

  // Songs that old ModPlug Tracker saved keep its fingerprint (NUL-padded names, reserved bytes 0), so a
  // reader gives them ModPlug's playback rules again; everything else is written the way FT2 writes.
  const modplug = song.profile.flags.modplugMixLevels;
  out.raw(Array.from('Extended Module: ', (c) => c.charCodeAt(0)));
  if (modplug) out.raw(encodeName(song.title, 20, 'cp437'));
  else out.name(song.title, 20);
  out.u8(0x1a);
  // FT2's own name makes readers use FT2's pan law; songs that did not have it say "tracker".
  // Extension blocks (message, macros, names) after an FT2 name make readers take the file for ModPlug
  // Tracker and drop FT2's rules: such songs are labelled as OpenMPT, which keeps FT2's rules.
  // FT2 files read back with cleared Zxx macros anyway: those need no MIDI block.
  const macros = song.midiMacros && !(song.profile.flags.ft2PanLaw && !modplug && sameMacros(song.midiMacros, NO_ZXX_MACROS)) ? song.midiMacros : null;
  const extras = song.message !== '' || macros !== null || song.patterns.some((p) => p.name !== '') || song.channels.some((c) => c.name !== '');
  const trackerName = modplug ? 'FastTracker v2.00   ' : song.profile.flags.ft2PanLaw ? (extras ? 'OpenMPT 1.32.00.00  ' : 'FastTracker v2.00   ') : 'tracker             ';
  out.raw(Array.from(trackerName, (c) => c.charCodeAt(0)));
  out.u16(0x0104);
  out.u32(276);
  out.u16(orders.slice(0, 256).length);
  out.u16(song.restartOrder < orders.length ? song.restartOrder : 0);
  out.u16(channels);
  out.u16(patterns.length);
  out.u16(used.length);
  out.u16(song.profile.flags.linearSlides ? 1 : 0);
  out.u16(Math.max(1, Math.min(31, song.initialSpeed)));
  out.u16(Math.max(32, Math.min(255, Math.round(song.initialTempo))));
  for (let i = 0; i < 256; i++) out.u8(Math.min(orders[i] ?? 0, Math.max(0, patterns.length - 1)));

  for (const [pi, pat] of patterns.entries()) {
    const rows = Math.min(pat.rows, XM_LIMITS.rows);
    if (pat.rows > rows) losses.add(`pattern ${pi}: rows after 256 dropped`);
    if (pat.effectColumns > 1) losses.add(`pattern ${pi}: effect columns after the first dropped`);
    const body: number[] = [];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < channels; c++) {
        const cell = translateCell(getCell(pat, r, c), dialect, losses);
        let note = 0;
        let vol = cell.volume ? volumeByte(cell.volume, losses) : 0;
        let fx: [number, number] | null = cell.effects[0] && cell.effects[0].kind !== 'none' ? effectBytes(cell.effects[0], song, losses) : null;
        if (cell.note >= 1 && cell.note <= 120) {
          note = cell.note - 12;
          if (note < 1 || note > 96) {
            losses.add('notes outside XM\'s eight octaves dropped');
            note = 0;
          }
        } else if (cell.note === 255) note = 97;
        else if (cell.note === 254) {
          if (!vol) vol = 0x10;
          else fx ??= [0x0c, 0];
          losses.add('note cuts written as volume 0 (XM has no note cut)');
        } else if (cell.note === 253) {
          note = 97;
          losses.add('note fades written as key-offs');
        }
        // Numbers of instruments the song lacks are kept: players treat them as "no instrument".
        const ins = cell.instrument;
        const fields = [note, ins, vol, fx?.[0] ?? 0, fx?.[1] ?? 0];
        let mask = 0;
        fields.forEach((v, k) => {
          if (v) mask |= 1 << k;
        });
        if (mask === 0x1f) body.push(...fields);
        else {
          body.push(0x80 | mask);
          fields.forEach((v, k) => {
            if (mask & (1 << k)) body.push(v);
          });
        }
      }
    }
    out.u32(9);
    out.u8(0);
    out.u16(rows);
    out.u16(body.length);
    out.raw(body);
  }

  for (const [ii, ins] of used.entries()) {
    const mine = owned[ii] ?? [];
    if (!sampleMode && [...new Set(ins.sampleMap.filter((s) => s > 0))].some((s) => !mine.includes(s))) losses.add(`instrument ${ii + 1}: plays more than 16 samples; the rest are dropped`);
    const samples = mine.map((n) => song.samples[n - 1]).filter((s): s is Sample => s !== undefined);
    // FastTracker 2 writes 33-byte headers for empty instruments (readers use that to recognise it).
    out.u32(samples.length > 0 ? 263 : 33);
    out.name(ins.name, 22);
    out.u8(0);
    out.u16(samples.length);
    out.u32(40);
    if (samples.length === 0) continue;
    for (let k = 0; k < 96; k++) {
      const global = ins.sampleMap[k + 12] ?? 0;
      out.u8(Math.max(0, mine.indexOf(global)));
    }
    if (ins.noteMap.some((n, i) => n !== i + 1)) losses.add('instrument note maps (transposed notes) lost: XM maps notes to samples only');
    const vol = writeEnvelope(out, ins.volumeEnvelope, 0, losses, 'volume');
    const pan = writeEnvelope(out, ins.panEnvelope, 32, losses, 'panning');
    if (ins.pitchEnvelope.enabled) losses.add(ins.pitchEnvelopeIsFilter ? 'filter envelopes dropped (XM has no filters)' : 'pitch envelopes dropped (XM has none)');
    if (ins.filterCutoff !== null || ins.filterResonance !== null) losses.add('instrument filters dropped (XM has none)');
    if (ins.newNoteAction !== 'cut' || ins.duplicateCheck !== 'off') losses.add('new-note and duplicate-note actions lost (XM cuts the old note)');
    if (ins.globalVolume < 128 || ins.pan !== null || ins.randomVolume || ins.randomPan || ins.pitchPanSeparation) losses.add('instrument volume, panning and random variation lost (XM has none)');
    out.u8(vol.count);
    out.u8(pan.count);
    out.u8(vol.sustain);
    out.u8(vol.loopStart);
    out.u8(vol.loopEnd);
    out.u8(pan.sustain);
    out.u8(pan.loopStart);
    out.u8(pan.loopEnd);
    out.u8(vol.flags);
    out.u8(pan.flags);
    const v = samples[0]!.vibrato;
    out.u8(VIB_TYPE[v.waveform]);
    out.u8(Math.min(255, v.sweep));
    out.u8(Math.min(255, v.depth));
    out.u8(Math.min(255, v.speed));
    out.u16(Math.min(0xffff, ins.fadeout));
    const midi = ins.midi;
    out.u8(midi.channel > 0 ? 1 : 0);
    out.u8(midi.channel > 0 ? midi.channel - 1 : 0);
    out.u16(midi.program >= 0 ? midi.program : 0);
    out.raw(new Array<number>(263 - 245).fill(0));
    const parts = samples.map((s) => sampleParts(s, song.profile.base, losses, modplug));
    for (const p of parts) out.raw(p.header.bytes);
    for (const p of parts) out.raw(p.data);
  }

  if (song.globalVolume !== 128) losses.add('initial global volume lost (XM starts at full volume; a Gxx on the first row can set it)');
  if (song.channels.some((c) => c.pan !== 128 || c.volume !== 64 || c.surround)) losses.add('channel panning and volume lost (XM channels start centred at full volume)');
  if (song.message) {
    // OpenMPT's "text" chunk after the samples (FastTracker 2 ignores it).
    const text = Array.from(song.message.replace(/\n/g, '\r'), (c) => (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 0x3f));
    out.raw([0x74, 0x65, 0x78, 0x74]);
    out.u32(text.length);
    out.raw(text);
  }
  // OpenMPT's "MIDI", "PNAM" and "CNAM" chunks, in the order its reader expects them.
  const chunk = (tag: string, fields: readonly string[], size: number): void => {
    out.raw(Array.from(tag, (c) => c.charCodeAt(0)));
    out.u32(fields.length * size);
    for (const f of fields) out.raw(encodeName(f, size, 'cp1252'));
  };
  const m = macros;
  if (m) chunk('MIDI', [...m.global, ...m.parametered, ...m.fixed], 32);
  const patternNames = song.patterns.slice(0, patterns.length).map((p) => p.name);
  if (patternNames.some((n) => n !== '')) chunk('PNAM', patternNames, 32);
  const channelNames = song.channels.slice(0, channels).map((c) => c.name);
  if (channelNames.some((n) => n !== '')) chunk('CNAM', channelNames, 20);
  return { bytes: Uint8Array.from(out.bytes), warnings: losses.list() };
}

function sameMacros(a: MidiMacros, b: MidiMacros): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function emptyInstrument(): Instrument {
  return {
    name: '', fileName: '', noteMap: Array.from({ length: 120 }, (_, i) => i + 1), sampleMap: [],
    volumeEnvelope: { enabled: false, points: [], loop: null, sustain: null, carry: false },
    panEnvelope: { enabled: false, points: [], loop: null, sustain: null, carry: false },
    pitchEnvelope: { enabled: false, points: [], loop: null, sustain: null, carry: false },
    pitchEnvelopeIsFilter: false, fadeout: 0, globalVolume: 128, pan: null, pitchPanSeparation: 0, pitchPanCenter: 61,
    randomVolume: 0, randomPan: 0, newNoteAction: 'cut', duplicateCheck: 'off', duplicateAction: 'cut',
    filterCutoff: null, filterResonance: null, midi: { port: null, channel: 0, program: -1, bank: -1, transpose: 0, bendRange: 2, controller: -1 },
  };
}
