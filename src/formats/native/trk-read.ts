// Reads .trk text back into a Song. Strict: anything it does not understand is a FormatError
// naming the line, so a hand-edited or damaged file never loads as something else.

import { createChannel, createInstrument, createSample, createSong, DEFAULT_ROWS, NO_MIDI } from '../../song/create.js';
import { type Notation, parseEffect, parseInstrument, parseVolume } from '../../song/notation.js';
import { NOTE_MAX, parseNote } from '../../song/notes.js';
import { createPattern, MAX_CHANNELS, MAX_EFFECT_COLUMNS, MAX_ROWS, type Pattern, type PatternSignature, writeCell } from '../../song/pattern.js';
import { isProfileFlag, makeProfile, PROFILE_BASES, type ProfileBase, type ProfileFlag, TEMPO_MODES, type TempoMode } from '../../song/profile.js';
import type { Channel, Instrument, MidiMacros, OrderEntry, Sample, SamplePcm, Song, SongOrigin, VibratoWaveform } from '../../song/song.js';
import { decodeBase64 } from '../common/base64.js';
import { FormatError, type ReadResult } from '../common/format-error.js';
import { decodeUtf8 } from '../common/text-codecs.js';
import {
  parseBool, parseEnvelope, parseIntToken, parseKeymap, parseLoop, parseNumberToken, TRK_MAGIC, TRK_VERSION, tokenize, unquote,
} from './trk-syntax.js';

/** True when the bytes start like a .trk file. */
export function probeTrk(bytes: Uint8Array): boolean {
  const head = String.fromCharCode(...bytes.subarray(0, TRK_MAGIC.length));
  return head === TRK_MAGIC;
}

const MAX_COUNT = 4096;
const NNA = ['cut', 'continue', 'off', 'fade'] as const;
const DCT = ['off', 'note', 'sample', 'instrument'] as const;
const DCA = ['cut', 'off', 'fade'] as const;
const WAVEFORMS: readonly VibratoWaveform[] = ['sine', 'rampDown', 'square', 'random', 'rampUp'];
const ORIGIN_FORMATS: readonly SongOrigin['format'][] = ['trk', 'mod', 'xm', 's3m', 'it'];

type Section =
  | { kind: 'none' }
  | { kind: 'song' | 'channels' | 'orders' | 'midi-macros' }
  | { kind: 'pattern' | 'instrument' | 'sample' | 'sample-data'; index: number };

interface PatternDraft {
  name: string;
  rows: number | undefined;
  effectColumns: number;
  signature: PatternSignature | undefined;
  swing: number[] | undefined;
  pattern: Pattern | undefined;
  nextRow: number;
  line: number;
}

/** Reads a .trk file. Throws FormatError (with a line number) when the text is not a valid song. */
export function readTrk(bytes: Uint8Array): ReadResult<Song> {
  const decoded = decodeUtf8(bytes);
  if ('badOffset' in decoded) throw new FormatError('not valid UTF-8 text', { offset: decoded.badOffset });
  return new TrkReader(decoded.text).read();
}

class TrkReader {
  private readonly lines: string[];
  private lineNo = 0;
  private section: Section = { kind: 'none' };
  private readonly seenSections = new Set<string>();
  private song: Song = createSong();
  private counts = { patterns: 0, instruments: 0, samples: 0 };
  private channels: Channel[] = [];
  private orders: OrderEntry[] = [];
  private readonly patterns = new Map<number, PatternDraft>();
  private readonly instruments = new Map<number, Instrument>();
  private readonly samples = new Map<number, { sample: Sample; frames: number; line: number }>();
  private readonly sampleData = new Map<number, { text: string[]; line: number }>();
  private midiMacros: { global: string[]; parametered: string[]; fixed: string[] } | null = null;
  private currentInstrument: Instrument = createInstrument();
  private currentSample: { sample: Sample; frames: number; line: number } = { sample: createSample(), frames: 0, line: 0 };

  constructor(text: string) {
    this.lines = text.split(/\r?\n/);
  }

  private fail(what: string, line = this.lineNo): never {
    throw new FormatError(what, { line });
  }

  read(): ReadResult<Song> {
    this.readHeader();
    for (this.lineNo = 2; this.lineNo <= this.lines.length; this.lineNo++) {
      const line = this.lines[this.lineNo - 1] ?? '';
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      if (trimmed.startsWith('[')) {
        this.closeSection();
        this.openSection(trimmed);
        continue;
      }
      this.readLine(trimmed);
    }
    this.closeSection();
    return { song: this.assemble(), warnings: [] };
  }

  private readHeader(): void {
    this.lineNo = 1;
    const first = (this.lines[0] ?? '').replace(/^\uFEFF/, '').trim();
    if (first === '') this.fail('the file is empty: a .trk song starts with "tracker-song 1"');
    const m = /^tracker-song\s+([0-9]+)$/.exec(first);
    if (!m) this.fail(`not a tracker song: the first line should be "${TRK_MAGIC} ${TRK_VERSION}"`);
    const version = Number(m[1]);
    if (version > TRK_VERSION) {
      this.fail(`written by a newer tracker (song format ${version}; this version reads up to ${TRK_VERSION}): update tracker to open it`);
    }
    if (version < 1) this.fail(`unknown song format version ${version}`);
  }

  private openSection(text: string): void {
    const m = /^\[([a-z-]+)(?:\s+([0-9]+))?\]$/.exec(text);
    if (!m) this.fail(`"${text}" is not a section header like [song] or [pattern 0]`);
    const name = m[1] as string;
    const key = m[2] === undefined ? name : `${name} ${m[2]}`;
    if (this.seenSections.has(key)) this.fail(`section [${key}] appears twice`);
    this.seenSections.add(key);
    if (name === 'song' || name === 'channels' || name === 'orders' || name === 'midi-macros') {
      if (m[2] !== undefined) this.fail(`[${name}] takes no number`);
      this.section = { kind: name };
      if (name === 'midi-macros') this.midiMacros = { global: [], parametered: [], fixed: [] };
      return;
    }
    if (name === 'pattern' || name === 'instrument' || name === 'sample' || name === 'sample-data') {
      if (m[2] === undefined) this.fail(`[${name}] needs a number, like [${name} 1]`);
      const index = Number(m[2]);
      const min = name === 'pattern' ? 0 : 1;
      if (index < min || index > MAX_COUNT) this.fail(`${name} number ${index} is outside ${min}..${MAX_COUNT}`);
      this.section = { kind: name, index };
      if (name === 'pattern') this.patterns.set(index, { name: '', rows: undefined, effectColumns: 1, signature: undefined, swing: undefined, pattern: undefined, nextRow: 0, line: this.lineNo });
      if (name === 'instrument') this.currentInstrument = createInstrument();
      if (name === 'sample') this.currentSample = { sample: createSample(), frames: 0, line: this.lineNo };
      if (name === 'sample-data') this.sampleData.set(index, { text: [], line: this.lineNo });
      return;
    }
    this.fail(`unknown section [${name}]`);
  }

  private closeSection(): void {
    const s = this.section;
    if (s.kind === 'pattern') {
      const d = this.patterns.get(s.index);
      if (d && d.rows !== undefined && d.nextRow !== d.rows) {
        this.fail(`pattern ${s.index} has ${d.nextRow} grid rows but says rows = ${d.rows}`, d.line);
      }
      if (d && d.rows === undefined) this.fail(`pattern ${s.index} needs "rows = N" before its grid`, d.line);
    }
    if (s.kind === 'instrument') this.instruments.set(s.index, this.currentInstrument);
    if (s.kind === 'sample') this.samples.set(s.index, this.currentSample);
    this.section = { kind: 'none' };
  }

  private readLine(line: string): void {
    const s = this.section;
    switch (s.kind) {
      case 'none':
        return this.fail(`"${line.slice(0, 40)}" is outside any section`);
      case 'channels':
        return this.readChannel(line);
      case 'orders':
        return this.readOrders(line);
      case 'sample-data':
        this.sampleData.get(s.index)?.text.push(line);
        return;
      case 'pattern':
        if (/^[0-9]/.test(line)) return this.readGridRow(s.index, line);
        break;
      default:
        break;
    }
    const eq = line.indexOf('=');
    if (eq < 0) this.fail(`expected "key = value", got "${line.slice(0, 40)}"`);
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (s.kind === 'song') this.readSongKey(key, value);
    else if (s.kind === 'pattern') this.readPatternKey(s.index, key, value);
    else if (s.kind === 'instrument') this.readInstrumentKey(key, value);
    else if (s.kind === 'sample') this.readSampleKey(key, value);
    else if (s.kind === 'midi-macros') this.readMacroKey(key, value);
  }

  private int(value: string, key: string, min: number, max: number): number {
    const n = parseIntToken(value, min, max);
    if (n === undefined) this.fail(`${key} must be a whole number ${min}..${max}, got "${value}"`);
    return n;
  }

  private str(value: string, key: string): string {
    const s = unquote(value);
    if (s === undefined) this.fail(`${key} must be a "quoted string", got ${value.slice(0, 40)}`);
    return s;
  }

  private optionalInt(value: string, key: string, min: number, max: number): number | null {
    if (value === 'off') return null;
    const n = parseIntToken(value, min, max);
    if (n === undefined) this.fail(`${key} must be off or a whole number ${min}..${max}, got "${value}"`);
    return n;
  }

  private oneOf<T extends string>(value: string, key: string, options: readonly T[]): T {
    const found = options.find((o) => o === value);
    if (found === undefined) this.fail(`${key} must be one of ${options.join(', ')}, got "${value}"`);
    return found;
  }

  private readSongKey(key: string, value: string): void {
    const s = this.song;
    switch (key) {
      case 'title': this.song = { ...s, title: this.str(value, key) }; return;
      case 'message': this.song = { ...s, message: this.str(value, key) }; return;
      case 'speed': this.song = { ...s, initialSpeed: this.int(value, key, 1, 255) }; return;
      case 'tempo': this.song = { ...s, initialTempo: this.tempo(value, key) }; return;
      case 'global-volume': this.song = { ...s, globalVolume: this.int(value, key, 0, 128) }; return;
      case 'mix-volume': this.song = { ...s, mixVolume: this.int(value, key, 0, 128) }; return;
      case 'stereo-separation': this.song = { ...s, stereoSeparation: this.int(value, key, 0, 128) }; return;
      case 'rows-per-beat': this.song = { ...s, rowsPerBeat: this.int(value, key, 1, MAX_ROWS) }; return;
      case 'rows-per-measure': this.song = { ...s, rowsPerMeasure: this.int(value, key, 1, MAX_ROWS) }; return;
      case 'restart': this.song = { ...s, restartOrder: this.int(value, key, 0, 65535) }; return;
      case 'notation': this.song = { ...s, notation: this.oneOf<Notation>(value, key, ['xm', 'it']) }; return;
      case 'profile': this.song = { ...s, profile: this.parseProfile(value) }; return;
      case 'tempo-mode': this.song = { ...s, profile: { ...s.profile, tempoMode: this.oneOf<TempoMode>(value, key, TEMPO_MODES) } }; return;
      case 'tempo-swing': this.song = { ...s, profile: { ...s.profile, tempoSwing: this.swing(value, key) } }; return;
      case 'origin': this.song = { ...s, origin: this.parseOrigin(value) }; return;
      case 'patterns': this.counts.patterns = this.int(value, key, 0, MAX_COUNT); return;
      case 'instruments': this.counts.instruments = this.int(value, key, 0, 255); return;
      case 'samples': this.counts.samples = this.int(value, key, 0, MAX_COUNT); return;
      default: this.fail(`unknown key "${key}" in [song]`);
    }
  }

  private parseProfile(value: string): Song['profile'] {
    const [base, ...rest] = value.split(/\s+/);
    const b = this.oneOf<ProfileBase>(base ?? '', 'profile', PROFILE_BASES);
    const changes: Partial<Record<ProfileFlag, boolean>> = {};
    for (const t of rest) {
      const m = /^([A-Za-z0-9]+)=(on|off)$/.exec(t);
      if (!m) this.fail(`profile flag "${t}" should look like name=on or name=off`);
      const name = m[1] as string;
      if (!isProfileFlag(name)) this.fail(`unknown profile flag "${name}" (made by a newer tracker?)`);
      changes[name] = m[2] === 'on';
    }
    return makeProfile(b, changes, { tempoMode: this.song.profile.tempoMode, tempoSwing: this.song.profile.tempoSwing });
  }

  /** A tempo: a whole number, or OpenMPT's fractional tempo with up to 4 decimals. */
  private tempo(value: string, key: string): number {
    if (/^\d+\.\d{1,4}$/.test(value)) {
      const t = Number(value);
      if (t >= 1 && t <= 1000) return t;
    }
    return this.int(value, key, 1, 1000);
  }

  /** Tempo swing: comma-separated factors 0.25..4. */
  private swing(value: string, key: string): number[] {
    const parts = value.split(',').map((v) => Number(v.trim()));
    if (parts.length === 0 || parts.some((v) => !Number.isFinite(v) || v < 0.25 || v > 4)) this.fail(`${key} must be comma-separated factors 0.25..4, got "${value}"`);
    return parts;
  }

  private parseOrigin(value: string): SongOrigin {
    const tokens = tokenize(value);
    if (!tokens || tokens.length !== 2) this.fail('origin must be a format and a "quoted tracker name"');
    const format = this.oneOf(tokens[0] as string, 'origin format', ORIGIN_FORMATS);
    return { format, tracker: this.str(tokens[1] as string, 'origin tracker') };
  }

  private readChannel(line: string): void {
    const tokens = tokenize(line);
    if (!tokens) this.fail('unterminated "quoted string" in a channel line');
    const n = this.int(tokens[0] ?? '', 'channel number', 1, MAX_CHANNELS);
    if (n !== this.channels.length + 1) this.fail(`channel ${n} is out of order: expected channel ${this.channels.length + 1}`);
    let ch = createChannel();
    for (const t of tokens.slice(1)) {
      const eq = t.indexOf('=');
      const key = eq < 0 ? t : t.slice(0, eq);
      const v = eq < 0 ? '' : t.slice(eq + 1);
      switch (key) {
        case 'pan': ch = { ...ch, pan: this.int(v, 'channel pan', 0, 256) }; break;
        case 'volume': ch = { ...ch, volume: this.int(v, 'channel volume', 0, 64) }; break;
        case 'muted': ch = { ...ch, muted: this.bool(v, 'muted') }; break;
        case 'surround': ch = { ...ch, surround: this.bool(v, 'surround') }; break;
        case 'name': ch = { ...ch, name: this.str(v, 'channel name') }; break;
        default: this.fail(`unknown channel setting "${key}"`);
      }
    }
    this.channels.push(ch);
  }

  private bool(value: string, key: string): boolean {
    const b = parseBool(value);
    if (b === undefined) this.fail(`${key} must be yes or no, got "${value}"`);
    return b;
  }

  private readOrders(line: string): void {
    for (const t of line.split(/\s+/)) {
      if (t === '+++') this.orders.push('skip');
      else if (t === '---') this.orders.push('end');
      else this.orders.push(this.int(t, 'an order entry', 0, MAX_COUNT - 1));
    }
  }

  private readPatternKey(index: number, key: string, value: string): void {
    const d = this.patterns.get(index);
    if (!d) return;
    if (d.pattern) this.fail(`"${key}" must come before pattern ${index}'s grid`);
    switch (key) {
      case 'name': d.name = this.str(value, key); return;
      case 'rows': d.rows = this.int(value, key, 1, MAX_ROWS); return;
      case 'effect-columns': d.effectColumns = this.int(value, key, 1, MAX_EFFECT_COLUMNS); return;
      case 'time-signature': {
        const m = /^(\d+)\/(\d+)$/.exec(value.trim());
        if (!m) this.fail(`time-signature is rows per beat / rows per measure, like 4/16; got "${value}"`);
        const rowsPerBeat = this.int(m[1] as string, 'rows per beat', 1, 64);
        d.signature = { rowsPerBeat, rowsPerMeasure: this.int(m[2] as string, 'rows per measure', rowsPerBeat, 256) };
        return;
      }
      case 'tempo-swing': d.swing = this.swing(value, key); return;
      default: this.fail(`unknown key "${key}" in [pattern ${index}]`);
    }
  }

  private readGridRow(index: number, line: string): void {
    const d = this.patterns.get(index);
    if (!d) return;
    if (d.rows === undefined) this.fail(`pattern ${index} needs "rows = N" before its grid`);
    if (this.channels.length === 0) this.fail('[channels] must come before the patterns');
    if (!d.pattern) {
      const created = createPattern(d.rows, this.channels.length, d.effectColumns, d.name);
      d.pattern = { ...created, ...(d.signature ? { signature: d.signature } : {}), ...(d.swing ? { swing: d.swing } : {}) };
    }
    const parts = line.split('|');
    const rowNo = parseIntToken((parts[0] ?? '').trim(), 0, MAX_ROWS);
    if (rowNo !== d.nextRow) this.fail(`pattern ${index}: expected row ${d.nextRow}, found "${(parts[0] ?? '').trim()}"`);
    if (rowNo >= d.rows) this.fail(`pattern ${index} has more grid rows than rows = ${d.rows}`);
    if (parts.length - 1 !== this.channels.length) {
      this.fail(`pattern ${index} row ${rowNo} has ${parts.length - 1} cells, the song has ${this.channels.length} channels`);
    }
    const notation = this.song.notation;
    for (let c = 0; c < this.channels.length; c++) {
      const text = (parts[c + 1] ?? '').trim();
      const f = text.split(/\s+/);
      if (f.length !== 3 + d.effectColumns) {
        this.fail(`pattern ${index} row ${rowNo} channel ${c + 1}: "${text}" should be note, instrument, volume and ${d.effectColumns} effect${d.effectColumns > 1 ? 's' : ''}`);
      }
      const note = parseNote(f[0] as string);
      if (note === undefined) this.fail(`pattern ${index} row ${rowNo} channel ${c + 1}: "${f[0]}" is not a note`);
      const instrument = parseInstrument(f[1] as string, notation);
      if (instrument === undefined) this.fail(`pattern ${index} row ${rowNo} channel ${c + 1}: "${f[1]}" is not an instrument number`);
      const volume = parseVolume(f[2] as string);
      if (volume === undefined) this.fail(`pattern ${index} row ${rowNo} channel ${c + 1}: "${f[2]}" is not a volume command`);
      const effects = f.slice(3).map((t) => {
        const e = parseEffect(t, notation);
        if (e === undefined) this.fail(`pattern ${index} row ${rowNo} channel ${c + 1}: "${t}" is not an effect in ${notation} notation`);
        return e;
      });
      writeCell(d.pattern, rowNo, c, { note, instrument, volume, effects });
    }
    d.nextRow++;
  }

  private readInstrumentKey(key: string, value: string): void {
    const i = this.currentInstrument;
    const env = (min: number, max: number) => {
      const e = parseEnvelope(value, min, max);
      if (typeof e === 'string') this.fail(`${key}: ${e}`);
      return e;
    };
    switch (key) {
      case 'name': this.currentInstrument = { ...i, name: this.str(value, key) }; return;
      case 'file-name': this.currentInstrument = { ...i, fileName: this.str(value, key) }; return;
      case 'keymap': {
        const k = parseKeymap(value, NOTE_MAX);
        if (typeof k === 'string') this.fail(k);
        this.currentInstrument = { ...i, noteMap: k.noteMap, sampleMap: k.sampleMap };
        return;
      }
      case 'volume-envelope': this.currentInstrument = { ...i, volumeEnvelope: env(0, 64) }; return;
      case 'pan-envelope': this.currentInstrument = { ...i, panEnvelope: env(-32, 32) }; return;
      case 'pitch-envelope': this.currentInstrument = { ...i, pitchEnvelope: env(-32, 32) }; return;
      case 'pitch-envelope-mode': this.currentInstrument = { ...i, pitchEnvelopeIsFilter: this.oneOf(value, key, ['pitch', 'filter']) === 'filter' }; return;
      case 'fadeout': this.currentInstrument = { ...i, fadeout: this.int(value, key, 0, 65536) }; return;
      case 'global-volume': this.currentInstrument = { ...i, globalVolume: this.int(value, key, 0, 128) }; return;
      case 'pan': this.currentInstrument = { ...i, pan: this.optionalInt(value, key, 0, 256) }; return;
      case 'pitch-pan': {
        const [sep, centre] = value.split(/\s+/);
        const note = parseNote(centre ?? '');
        if (note === undefined || note < 1 || note > NOTE_MAX) this.fail(`pitch-pan centre "${centre}" is not a note`);
        this.currentInstrument = { ...i, pitchPanSeparation: this.int(sep ?? '', 'pitch-pan separation', -32, 32), pitchPanCenter: note };
        return;
      }
      case 'random-volume': this.currentInstrument = { ...i, randomVolume: this.int(value, key, 0, 100) }; return;
      case 'random-pan': this.currentInstrument = { ...i, randomPan: this.int(value, key, 0, 64) }; return;
      case 'new-note-action': this.currentInstrument = { ...i, newNoteAction: this.oneOf(value, key, NNA) }; return;
      case 'duplicate-check': this.currentInstrument = { ...i, duplicateCheck: this.oneOf(value, key, DCT) }; return;
      case 'duplicate-action': this.currentInstrument = { ...i, duplicateAction: this.oneOf(value, key, DCA) }; return;
      case 'filter-cutoff': this.currentInstrument = { ...i, filterCutoff: this.optionalInt(value, key, 0, 127) }; return;
      case 'filter-resonance': this.currentInstrument = { ...i, filterResonance: this.optionalInt(value, key, 0, 127) }; return;
      case 'midi': this.currentInstrument = { ...i, midi: this.parseMidi(value) }; return;
      default: this.fail(`unknown key "${key}" in [instrument]`);
    }
  }

  private parseMidi(value: string): Instrument['midi'] {
    const tokens = tokenize(value);
    if (!tokens) this.fail('unterminated "quoted string" in midi');
    let midi = NO_MIDI;
    for (const t of tokens) {
      const eq = t.indexOf('=');
      const key = t.slice(0, eq);
      const v = t.slice(eq + 1);
      switch (key) {
        case 'channel': midi = { ...midi, channel: this.int(v, 'midi channel', 0, 16) }; break;
        case 'program': midi = { ...midi, program: this.int(v, 'midi program', -1, 127) }; break;
        case 'bank': midi = { ...midi, bank: this.int(v, 'midi bank', -1, 16383) }; break;
        case 'transpose': midi = { ...midi, transpose: this.int(v, 'midi transpose', -127, 127) }; break;
        case 'bend-range': midi = { ...midi, bendRange: this.int(v, 'midi bend-range', 0, 48) }; break;
        case 'cc': midi = { ...midi, controller: v === 'macro' ? -1 : this.int(v, 'midi cc', 0, 127) }; break;
        case 'port': midi = { ...midi, port: v === 'default' ? null : this.str(v, 'midi port') }; break;
        default: this.fail(`unknown midi setting "${t}"`);
      }
    }
    return midi;
  }

  private readSampleKey(key: string, value: string): void {
    const cur = this.currentSample;
    const s = cur.sample;
    const set = (changes: Partial<Sample>) => {
      this.currentSample = { ...cur, sample: { ...s, ...changes } };
    };
    switch (key) {
      case 'name': return set({ name: this.str(value, key) });
      case 'file-name': return set({ fileName: this.str(value, key) });
      case 'pcm': {
        const [bits, layout, frames] = value.split(/\s+/);
        const b = this.oneOf(bits ?? '', 'pcm bits', ['8', '16', 'float']);
        const ch = this.oneOf(layout ?? '', 'pcm channels', ['mono', 'stereo']) === 'stereo' ? 2 : 1;
        const n = this.int(frames ?? '', 'pcm frames', 0, 0x7fffffff);
        const pcm: SamplePcm =
          b === '8' ? { bits: 8, channels: ch, data: new Int8Array(0) }
          : b === '16' ? { bits: 16, channels: ch, data: new Int16Array(0) }
          : { bits: 'float', channels: ch, data: new Float32Array(0) };
        this.currentSample = { ...cur, frames: n, sample: { ...s, pcm } };
        return;
      }
      case 'loop':
      case 'sustain-loop': {
        const l = parseLoop(value, cur.frames);
        if (typeof l === 'string') this.fail(`${key}: ${l}`);
        return set(key === 'loop' ? { loop: l } : { sustainLoop: l });
      }
      case 'tuning': {
        const t = value.split(/\s+/);
        if (t[0] === 'c5speed' && t.length === 2) {
          const hz = parseNumberToken(t[1], 0, 10_000_000);
          if (hz === undefined) this.fail(`tuning c5speed must be a number of Hz, got "${t[1]}"`);
          return set({ tuning: { kind: 'c5speed', c5Speed: hz } });
        }
        if (t[0] === 'finetune' && t.length === 3) {
          return set({ tuning: { kind: 'finetune', relativeNote: this.int(t[1] ?? '', 'relative note', -128, 127), finetune: this.int(t[2] ?? '', 'finetune', -128, 127) } });
        }
        this.fail('tuning must be "c5speed HZ" or "finetune RELATIVE-NOTE FINETUNE"');
        return;
      }
      case 'volume': return set({ volume: this.int(value, key, 0, 64) });
      case 'global-volume': return set({ globalVolume: this.int(value, key, 0, 64) });
      case 'pan': return set({ pan: this.optionalInt(value, key, 0, 256) });
      case 'vibrato': {
        const [w, speed, depth, sweep] = value.split(/\s+/);
        return set({
          vibrato: {
            waveform: this.oneOf(w ?? '', 'vibrato waveform', WAVEFORMS),
            speed: this.int(speed ?? '', 'vibrato speed', 0, 255),
            depth: this.int(depth ?? '', 'vibrato depth', 0, 255),
            sweep: this.int(sweep ?? '', 'vibrato sweep', 0, 65535),
          },
        });
      }
      case 'adlib': {
        if (value === 'off') return set({ adlib: null });
        if (!/^([0-9a-f]{2})+$/.test(value)) this.fail('adlib must be off or hexadecimal bytes');
        const bytes = new Uint8Array(value.length / 2);
        for (let k = 0; k < bytes.length; k++) bytes[k] = parseInt(value.slice(k * 2, k * 2 + 2), 16);
        return set({ adlib: bytes });
      }
      default: this.fail(`unknown key "${key}" in [sample]`);
    }
  }

  private readMacroKey(key: string, value: string): void {
    const m = /^(global|parametered|fixed)-([0-9]+)$/.exec(key);
    const macros = this.midiMacros;
    if (!m || !macros) this.fail(`unknown key "${key}" in [midi-macros]`);
    const list = macros[m[1] as 'global' | 'parametered' | 'fixed'];
    if (Number(m[2]) !== list.length) this.fail(`${key} is out of order: expected ${m[1]}-${list.length}`);
    list.push(this.str(value, key));
  }

  private assemble(): Song {
    if (!this.seenSections.has('song')) this.fail('missing the [song] section', 1);
    if (this.channels.length === 0) this.fail('missing the [channels] section (a song needs at least one channel)', 1);
    const patterns: Pattern[] = [];
    for (const [index, d] of this.patterns) {
      if (index >= this.counts.patterns) this.fail(`[pattern ${index}] is beyond patterns = ${this.counts.patterns}`, d.line);
    }
    for (let i = 0; i < this.counts.patterns; i++) {
      const d = this.patterns.get(i);
      patterns.push(d?.pattern ?? createPattern(d?.rows ?? DEFAULT_ROWS, this.channels.length, d?.effectColumns ?? 1, d?.name ?? ''));
    }
    for (const o of this.orders) {
      if (typeof o === 'number' && o >= patterns.length) this.fail(`the order list plays pattern ${o}, but the song has ${patterns.length} patterns`, 1);
    }
    const instruments: Instrument[] = [];
    for (const index of this.instruments.keys()) {
      if (index > this.counts.instruments) this.fail(`[instrument ${index}] is beyond instruments = ${this.counts.instruments}`, 1);
    }
    for (let i = 1; i <= this.counts.instruments; i++) instruments.push(this.instruments.get(i) ?? createInstrument());
    const samples: Sample[] = [];
    for (const [index, s] of this.samples) {
      if (index > this.counts.samples) this.fail(`[sample ${index}] is beyond samples = ${this.counts.samples}`, s.line);
    }
    for (const [index, d] of this.sampleData) {
      if (!this.samples.has(index)) this.fail(`[sample-data ${index}] has no [sample ${index}]`, d.line);
    }
    for (let i = 1; i <= this.counts.samples; i++) {
      const s = this.samples.get(i);
      samples.push(s ? this.attachData(i, s) : createSample());
    }
    const macros: MidiMacros | null = this.midiMacros;
    return {
      ...this.song,
      channels: this.channels,
      orders: this.orders,
      patterns,
      instruments,
      samples,
      midiMacros: macros,
    };
  }

  private attachData(index: number, s: { sample: Sample; frames: number; line: number }): Sample {
    const pcm = s.sample.pcm;
    const values = s.frames * pcm.channels;
    const bytesPer = pcm.bits === 8 ? 1 : pcm.bits === 16 ? 2 : 4;
    const d = this.sampleData.get(index);
    if (values === 0) {
      if (d && d.text.length > 0) this.fail(`sample ${index} has 0 frames but [sample-data ${index}] holds data`, d.line);
      return s.sample;
    }
    if (!d) this.fail(`sample ${index} has ${s.frames} frames but no [sample-data ${index}] section`, s.line);
    const bytes = decodeBase64(d.text.join(''));
    if (!bytes) this.fail(`[sample-data ${index}] is not valid base64`, d.line);
    if (bytes.length !== values * bytesPer) {
      this.fail(`[sample-data ${index}] holds ${bytes.length} bytes; pcm = ${pcm.bits} ${pcm.channels === 2 ? 'stereo' : 'mono'} ${s.frames} needs ${values * bytesPer}`, d.line);
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let out: SamplePcm;
    if (pcm.bits === 8) out = { bits: 8, channels: pcm.channels, data: new Int8Array(bytes.buffer, bytes.byteOffset, values) };
    else if (pcm.bits === 16) {
      const data = new Int16Array(values);
      for (let k = 0; k < values; k++) data[k] = view.getInt16(k * 2, true);
      out = { bits: 16, channels: pcm.channels, data };
    } else {
      const data = new Float32Array(values);
      for (let k = 0; k < values; k++) data[k] = view.getFloat32(k * 4, true);
      out = { bits: 'float', channels: pcm.channels, data };
    }
    return { ...s.sample, pcm: out };
  }
}
