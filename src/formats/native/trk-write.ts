// Writes a Song as a .trk file: UTF-8 text with the song settings first, each pattern as grid
// lines that look like the editor, then instruments and samples, and sample data last as base64,
// so that changing a pattern changes only that pattern's lines in a diff.

import { createInstrument, createSample } from '../../song/create.js';
import { formatEffect, formatInstrument, formatVolume, type Notation } from '../../song/notation.js';
import { formatNote } from '../../song/notes.js';
import { getCell, type Pattern } from '../../song/pattern.js';
import { profileOverrides } from '../../song/profile.js';
import type { Instrument, Sample, Song } from '../../song/song.js';
import { encodeBase64 } from '../common/base64.js';
import { encodeUtf8 } from '../common/text-codecs.js';
import { formatBool, formatEnvelope, formatKeymap, formatLoop, formatOptional, quote, TRK_MAGIC, TRK_VERSION } from './trk-syntax.js';

/** Characters per base64 line in sample data. */
const BASE64_LINE = 96;

/** The .trk text of a song. */
export function writeTrkText(song: Song): string {
  const out: string[] = [];
  out.push(`${TRK_MAGIC} ${TRK_VERSION}`);
  out.push('# A song for tracker. Text, so that git can diff it; sample data is last.');
  out.push('');
  writeSongSection(song, out);
  writeChannels(song, out);
  out.push('[orders]');
  out.push(song.orders.map((o) => (o === 'skip' ? '+++' : o === 'end' ? '---' : String(o))).join(' '));
  out.push('');
  song.patterns.forEach((p, i) => writePattern(p, i, song.notation, out));
  song.instruments.forEach((inst, i) => {
    if (!isDefaultInstrument(inst)) writeInstrument(inst, i + 1, out);
  });
  song.samples.forEach((s, i) => {
    if (!isDefaultSample(s)) writeSample(s, i + 1, out);
  });
  if (song.midiMacros) {
    out.push('[midi-macros]');
    song.midiMacros.global.forEach((m, i) => out.push(`global-${i} = ${quote(m)}`));
    song.midiMacros.parametered.forEach((m, i) => out.push(`parametered-${i} = ${quote(m)}`));
    song.midiMacros.fixed.forEach((m, i) => out.push(`fixed-${i} = ${quote(m)}`));
    out.push('');
  }
  song.samples.forEach((s, i) => {
    if (s.pcm.data.length > 0) writeSampleData(s, i + 1, out);
  });
  return out.join('\n');
}

/** The .trk bytes of a song (UTF-8). */
export function writeTrk(song: Song): Uint8Array {
  return encodeUtf8(writeTrkText(song));
}

function writeSongSection(song: Song, out: string[]): void {
  const overrides = Object.entries(profileOverrides(song.profile)).map(([k, v]) => `${k}=${v ? 'on' : 'off'}`);
  out.push('[song]');
  out.push(`title = ${quote(song.title)}`);
  out.push(`message = ${quote(song.message)}`);
  out.push(`speed = ${song.initialSpeed}`);
  out.push(`tempo = ${song.initialTempo}`);
  out.push(`global-volume = ${song.globalVolume}`);
  out.push(`mix-volume = ${song.mixVolume}`);
  out.push(`stereo-separation = ${song.stereoSeparation}`);
  out.push(`rows-per-beat = ${song.rowsPerBeat}`);
  out.push(`rows-per-measure = ${song.rowsPerMeasure}`);
  out.push(`restart = ${song.restartOrder}`);
  out.push(`notation = ${song.notation}`);
  out.push(`profile = ${song.profile.base}${overrides.length > 0 ? ' ' + overrides.join(' ') : ''}`);
  if (song.profile.tempoMode !== 'classic') out.push(`tempo-mode = ${song.profile.tempoMode}`);
  if (song.profile.tempoSwing.length > 0) out.push(`tempo-swing = ${song.profile.tempoSwing.join(',')}`);
  out.push(`origin = ${song.origin.format} ${quote(song.origin.tracker)}`);
  out.push(`patterns = ${song.patterns.length}`);
  out.push(`instruments = ${song.instruments.length}`);
  out.push(`samples = ${song.samples.length}`);
  out.push('');
}

function writeChannels(song: Song, out: string[]): void {
  out.push('[channels]');
  song.channels.forEach((c, i) => {
    out.push(`${i + 1} pan=${c.pan} volume=${c.volume} muted=${formatBool(c.muted)} surround=${formatBool(c.surround)} name=${quote(c.name)}`);
  });
  out.push('');
}

/** Text of one cell: "C-5 01 v64 A06", or dots for empty fields. */
export function formatCellText(p: Pattern, row: number, channel: number, notation: Notation): string {
  const cell = getCell(p, row, channel);
  const parts = [formatNote(cell.note), formatInstrument(cell.instrument, notation), formatVolume(cell.volume)];
  for (let i = 0; i < p.effectColumns; i++) parts.push(formatEffect(cell.effects[i] ?? null, notation));
  return parts.join(' ');
}

function writePattern(p: Pattern, index: number, notation: Notation, out: string[]): void {
  out.push(`[pattern ${index}]`);
  if (p.name !== '') out.push(`name = ${quote(p.name)}`);
  out.push(`rows = ${p.rows}`);
  if (p.effectColumns !== 1) out.push(`effect-columns = ${p.effectColumns}`);
  if (p.signature) out.push(`time-signature = ${p.signature.rowsPerBeat}/${p.signature.rowsPerMeasure}`);
  if (p.swing && p.swing.length > 0) out.push(`tempo-swing = ${p.swing.join(',')}`);
  const width = String(p.rows - 1).length;
  for (let r = 0; r < p.rows; r++) {
    const cells: string[] = [String(r).padStart(width, '0')];
    for (let c = 0; c < p.channels; c++) cells.push(formatCellText(p, r, c, notation));
    out.push(cells.join(' | '));
  }
  out.push('');
}

const DEFAULT_INSTRUMENT = createInstrument();
const DEFAULT_SAMPLE = createSample();

function isDefaultInstrument(inst: Instrument): boolean {
  return instrumentLines(inst).join('\n') === instrumentLines(DEFAULT_INSTRUMENT).join('\n');
}

function instrumentLines(inst: Instrument): string[] {
  const m = inst.midi;
  return [
    `name = ${quote(inst.name)}`,
    `file-name = ${quote(inst.fileName)}`,
    `keymap = ${formatKeymap(inst.noteMap, inst.sampleMap)}`,
    `volume-envelope = ${formatEnvelope(inst.volumeEnvelope)}`,
    `pan-envelope = ${formatEnvelope(inst.panEnvelope)}`,
    `pitch-envelope = ${formatEnvelope(inst.pitchEnvelope)}`,
    `pitch-envelope-mode = ${inst.pitchEnvelopeIsFilter ? 'filter' : 'pitch'}`,
    `fadeout = ${inst.fadeout}`,
    `global-volume = ${inst.globalVolume}`,
    `pan = ${formatOptional(inst.pan)}`,
    `pitch-pan = ${inst.pitchPanSeparation} ${formatNote(inst.pitchPanCenter)}`,
    `random-volume = ${inst.randomVolume}`,
    `random-pan = ${inst.randomPan}`,
    `new-note-action = ${inst.newNoteAction}`,
    `duplicate-check = ${inst.duplicateCheck}`,
    `duplicate-action = ${inst.duplicateAction}`,
    `filter-cutoff = ${formatOptional(inst.filterCutoff)}`,
    `filter-resonance = ${formatOptional(inst.filterResonance)}`,
    `midi = channel=${m.channel} program=${m.program} bank=${m.bank} transpose=${m.transpose}${m.bendRange === 2 ? '' : ` bend-range=${m.bendRange}`}${m.controller < 0 ? '' : ` cc=${m.controller}`} port=${m.port === null ? 'default' : quote(m.port)}`,
  ];
}

function writeInstrument(inst: Instrument, number: number, out: string[]): void {
  out.push(`[instrument ${number}]`);
  out.push(...instrumentLines(inst));
  out.push('');
}

function sampleLines(s: Sample): string[] {
  const frames = Math.floor(s.pcm.data.length / s.pcm.channels);
  const t = s.tuning;
  const v = s.vibrato;
  return [
    `name = ${quote(s.name)}`,
    `file-name = ${quote(s.fileName)}`,
    `pcm = ${s.pcm.bits} ${s.pcm.channels === 2 ? 'stereo' : 'mono'} ${frames}`,
    `loop = ${formatLoop(s.loop)}`,
    `sustain-loop = ${formatLoop(s.sustainLoop)}`,
    `tuning = ${t.kind === 'c5speed' ? `c5speed ${t.c5Speed}` : `finetune ${t.relativeNote} ${t.finetune}`}`,
    `volume = ${s.volume}`,
    `global-volume = ${s.globalVolume}`,
    `pan = ${formatOptional(s.pan)}`,
    `vibrato = ${v.waveform} ${v.speed} ${v.depth} ${v.sweep}`,
    `adlib = ${s.adlib ? Array.from(s.adlib, (b) => b.toString(16).padStart(2, '0')).join('') : 'off'}`,
  ];
}

function isDefaultSample(s: Sample): boolean {
  return s.pcm.data.length === 0 && sampleLines(s).join('\n') === sampleLines(DEFAULT_SAMPLE).join('\n');
}

function writeSample(s: Sample, number: number, out: string[]): void {
  out.push(`[sample ${number}]`);
  out.push(...sampleLines(s));
  out.push('');
}

/** Little-endian bytes of a sample's PCM. */
export function pcmBytes(s: Sample): Uint8Array {
  const d = s.pcm.data;
  const bytes = new Uint8Array(d.byteLength);
  const view = new DataView(bytes.buffer);
  if (s.pcm.bits === 8) bytes.set(new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
  else if (s.pcm.bits === 16) s.pcm.data.forEach((v, i) => view.setInt16(i * 2, v, true));
  else s.pcm.data.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return bytes;
}

function writeSampleData(s: Sample, number: number, out: string[]): void {
  out.push(`[sample-data ${number}]`);
  const b64 = encodeBase64(pcmBytes(s));
  for (let i = 0; i < b64.length; i += BASE64_LINE) out.push(b64.slice(i, i + BASE64_LINE));
  out.push('');
}
