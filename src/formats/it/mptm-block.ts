// OpenMPT's MPTM files keep their order lists ("sequences") and per-pattern time signatures in a
// serialised block after the IT data (it starts with "228" and the id "mptm"; the IT header's order
// list holds only the sequence that was selected when the file was saved). This reads them as
// OpenMPT does (soundlib/ModSequence.cpp, soundlib/pattern.cpp, common/serialization_utils.cpp), so a
// song plays its first sequence, as libopenmpt's subsong 0. Every read is bounded: a damaged block
// reads as absent.

import type { PatternSignature } from '../../song/pattern.js';

/** One order list of an MPTM file. */
export interface MptmSequence {
  readonly name: string;
  /** Pattern numbers; 0xFFFE is "+++" (skip), 0xFFFF "---" (end). */
  readonly orders: readonly number[];
  readonly restartOrder: number | null;
  /** Initial tempo (fractional: OpenMPT stores 1/10000ths), or null for the file's. */
  readonly tempo: number | null;
  readonly speed: number | null;
}

export interface MptmSequenceSet {
  readonly sequences: readonly MptmSequence[];
  /** The sequence selected when the file was saved (the one the IT header holds). */
  readonly current: number;
}

const VARIABLE_ID = 0xffff;
/** OpenMPT loads at most this many sequences. */
const MAX_SEQUENCES = 50;
/** OpenMPT's order list limit for MPTM. */
const MAX_ORDERS = 4000;

class Cursor {
  readonly b: Uint8Array;
  pos: number;
  constructor(b: Uint8Array, pos: number) {
    this.b = b;
    this.pos = pos;
  }
  u8(): number {
    if (this.pos >= this.b.length) throw new RangeError('past the end');
    return this.b[this.pos++] as number;
  }
  skip(n: number): void {
    if (n < 0 || this.pos + n > this.b.length) throw new RangeError('past the end');
    this.pos += n;
  }
  /** OpenMPT's adaptive little-endian integers: the low bits of the first byte say how many bytes follow. */
  adaptive(kind: 16 | 32 | 64): number {
    const first = this.u8();
    const tagBits = kind === 16 ? 1 : 2;
    const extra = kind === 16 ? first & 1 : kind === 32 ? first & 3 : (1 << (first & 3)) - 1;
    let v = first >>> tagBits;
    for (let i = 0; i < extra; i++) v += this.u8() * 2 ** ((i + 1) * 8 - tagBits);
    return v;
  }
}

interface Entry {
  readonly id: string;
  /** Absolute position of the entry's data. */
  readonly start: number;
  /** Bytes, or -1 when the map gives no size. */
  readonly size: number;
}

/** The entries of one serialised object, or null when its header is not the expected one. */
function openObject(b: Uint8Array, at: number, expectedId: string): Entry[] | null {
  const c = new Cursor(b, at);
  if (c.u8() !== 0x32 || c.u8() !== 0x32 || c.u8() !== 0x38) return null;
  const idLength = c.u8();
  let id = '';
  for (let i = 0; i < idLength; i++) id += String.fromCharCode(c.u8());
  if (id !== expectedId) return null;
  const header = c.u8();
  let idBytes = (header & 3) === 3 ? 4 : header & 3;
  const twoByteDescriptions = (header & 0x40) !== 0;
  const headerDataSize = c.adaptive(32);
  let flags = 0;
  if (headerDataSize >= 2) {
    const kind = c.u8();
    if (kind === 0) flags = c.u8();
    c.skip(kind === 0 ? headerDataSize - 2 : headerDataSize - 1);
  }
  if (header & 0x10) c.adaptive(64); // version
  if (header & 0x20) c.skip(c.u8());
  if (flags & 1) {
    const custom = c.u8();
    idBytes = custom & 1 ? VARIABLE_ID : custom >> 1;
  }
  const fixedSize = flags & 2 ? c.adaptive(32) : 0;
  const mapHasStart = (header & 4) !== 0;
  const mapHasSize = (header & 8) !== 0;
  const mapHasDescription = (header & 0x80) !== 0;
  // Objects without entry ids are read in order; OpenMPT always writes ids, and this reader needs them.
  if (idBytes === 0) return null;
  if (flags & 4) c.skip(c.adaptive(16) * (twoByteDescriptions ? 2 : 1));
  if (flags & 8) c.skip(5);
  const count = c.adaptive(64);
  if (count > 16000) return null;
  const mapAt = c.adaptive(64);
  const endOfHeader = c.pos - at;
  const m = new Cursor(b, at + mapAt);
  const raw: { id: string; start: number; size: number }[] = [];
  for (let i = 0; i < count; i++) {
    const n = idBytes === VARIABLE_ID ? m.adaptive(16) : idBytes;
    let eid = '';
    for (let k = 0; k < n; k++) eid += String.fromCharCode(m.u8());
    let start = mapHasStart ? m.adaptive(64) : 0;
    const size = fixedSize > 0 ? fixedSize : mapHasSize ? m.adaptive(64) : -1;
    const prev = raw[i - 1];
    if (size >= 0 && !mapHasStart) start = prev ? prev.start + prev.size : 0;
    if (mapHasDescription) m.skip(m.adaptive(16) * (twoByteDescriptions ? 2 : 1));
    raw.push({ id: eid, start, size });
  }
  // Positions are relative to the object's start; without them, sizes count from the data's start.
  const dataBegin = mapAt === endOfHeader ? m.pos : at + endOfHeader;
  const shift = !mapHasStart && (mapHasSize || fixedSize > 0) ? dataBegin - at : 0;
  const entries: Entry[] = [];
  for (const e of raw) {
    const start = at + e.start + shift;
    // A start of 0 would be the object's own header: OpenMPT then reads on from where it is; not needed here.
    if (e.start + shift === 0 || start >= b.length) continue;
    entries.push({ id: e.id, start, size: e.size });
  }
  return entries;
}

const find = (entries: readonly Entry[], id: string): Entry | undefined => entries.find((e) => e.id === id);

/** A little-endian unsigned integer item of `width` bytes (fewer when the entry says so). */
function readUint(b: Uint8Array, e: Entry | undefined, width: number): number | null {
  if (!e) return null;
  const n = e.size < 0 ? width : Math.min(width, e.size);
  if (e.start + n > b.length) return null;
  let v = 0;
  for (let i = 0; i < n; i++) v += (b[e.start + i] as number) * 2 ** (8 * i);
  return v;
}

/** OpenMPT's string item: a length of 1..4 bytes (the low bits of the first say how many) and the bytes. */
function readString(b: Uint8Array, e: Entry | undefined): string {
  if (!e) return '';
  const c = new Cursor(b, e.start);
  let id = c.u8();
  const sizeBytes = Math.min(3, (id & 12) >> 2);
  for (let i = 0; i < sizeBytes; i++) id += c.u8() * 2 ** (8 * (i + 1));
  const length = Math.min(Math.floor(id / 16), 1_000_000, b.length - c.pos);
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(c.u8());
  return s;
}

function readSequence(b: Uint8Array, at: number): MptmSequence | null {
  const entries = openObject(b, at, 'mptSeq');
  if (!entries) return null;
  const length = Math.min(readUint(b, find(entries, 'l'), 2) ?? 0, MAX_ORDERS);
  const list = find(entries, 'a');
  const orders: number[] = [];
  if (list) for (let i = 0; i < length && list.start + 2 * i + 1 < b.length; i++) orders.push((b[list.start + 2 * i] as number) | ((b[list.start + 2 * i + 1] as number) << 8));
  const restart = readUint(b, find(entries, 'r'), 2);
  const tempo = readUint(b, find(entries, 't'), 4);
  const speed = readUint(b, find(entries, 's'), 4);
  return {
    name: readString(b, find(entries, 'n')),
    orders,
    restartOrder: restart !== null && restart < orders.length ? restart : null,
    tempo: tempo ? tempo / 10000 : null,
    speed: speed || null,
  };
}

/** What the MPTM block holds that the song model keeps. */
export interface MptmBlock {
  /** The order lists, or null when the block has none (the IT header's list is then the song's). */
  readonly sequences: MptmSequenceSet | null;
  /** Patterns with a time signature of their own, by pattern number. */
  readonly signatures: ReadonlyMap<number, PatternSignature>;
  /** Where each pattern's own tempo swing is stored (OpenMPT's swing format), by pattern number. */
  readonly swings: ReadonlyMap<number, { readonly start: number; readonly size: number }>;
}

/** Reads the MPTM block at `at` (the "228" the file's last 4 bytes point at). */
export function readMptmBlock(b: Uint8Array, at: number): MptmBlock {
  let top: Entry[] | null = null;
  try {
    top = openObject(b, at, 'mptm');
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
  }
  const patterns = top ? guarded(() => readPatternSignatures(b, find(top, 'mptPc'))) : null;
  return {
    sequences: top ? guarded(() => readSequences(b, find(top, 'mptSeqC'))) : null,
    signatures: patterns?.signatures ?? new Map(),
    swings: patterns?.swings ?? new Map(),
  };
}

/** `read()`, or null when it runs past the end of the bytes. */
function guarded<T>(read: () => T | null): T | null {
  try {
    return read();
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
}

function readPatternSignatures(b: Uint8Array, container: Entry | undefined): { signatures: Map<number, PatternSignature>; swings: Map<number, { start: number; size: number }> } | null {
  if (!container) return null;
  const entries = openObject(b, container.start, 'mptPc');
  if (!entries) return null;
  const signatures = new Map<number, PatternSignature>();
  const swings = new Map<number, { start: number; size: number }>();
  for (const e of entries) {
    if (e.id.length !== 2) continue;
    const index = e.id.charCodeAt(0) | (e.id.charCodeAt(1) << 8);
    const fields = openObject(b, e.start, 'mptP');
    if (!fields) continue;
    const rowsPerBeat = readUint(b, find(fields, 'RPB.'), 4) ?? 0;
    const rowsPerMeasure = readUint(b, find(fields, 'RPM.'), 4) ?? 0;
    // OpenMPT keeps a signature only when it is valid (a beat of at least a row, a measure of at least a beat).
    if (rowsPerBeat >= 1 && rowsPerBeat <= 64 && rowsPerMeasure >= rowsPerBeat) signatures.set(index, { rowsPerBeat, rowsPerMeasure: Math.min(256, rowsPerMeasure) });
    const swing = find(fields, 'SWNG');
    if (swing) swings.set(index, { start: swing.start, size: swing.size < 0 ? b.length - swing.start : Math.min(swing.size, b.length - swing.start) });
  }
  return { signatures, swings };
}

function readSequences(b: Uint8Array, set: Entry | undefined): MptmSequenceSet | null {
  if (!set) return null;
  const entries = openObject(b, set.start, 'mptSeqC');
  if (!entries) return null;
  const count = Math.min(readUint(b, find(entries, 'n'), 1) ?? 0, MAX_SEQUENCES);
  const current = readUint(b, find(entries, 'c'), 1) ?? 0;
  const sequences: MptmSequence[] = [];
  for (let i = 0; i < count; i++) {
    const e = find(entries, String.fromCharCode(i));
    const seq = e ? readSequence(b, e.start) : null;
    sequences.push(seq ?? { name: '', orders: [], restartOrder: null, tempo: null, speed: null });
  }
  return sequences.length > 0 ? { sequences, current: current < sequences.length ? current : 0 } : null;
}
