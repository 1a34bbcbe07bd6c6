// What an IT file holds between the 192-byte header and the first instrument/sample/pattern: the
// order list, the pointer tables, the edit history (only when it really is there), the embedded
// MIDI macros, and ModPlug's pattern names, channel names and plugin chunks (as libopenmpt finds them).

import type { MidiMacros } from '../../song/song.js';
import type { ByteReader } from '../common/byte-reader.js';
import { decodeName } from '../common/text-codecs.js';
import { FLAG_EMBEDDED_MIDI, HEADER_SIZE, type ITHeader, SPECIAL_HISTORY, SPECIAL_MESSAGE, SPECIAL_MIDI } from './layout.js';

/** The parts of an IT file before its instruments, samples and patterns. */
export interface ITPreamble {
  /** Order bytes as stored (0xFE skip, 0xFF end). */
  readonly orders: readonly number[];
  readonly instrumentPointers: readonly number[];
  readonly samplePointers: readonly number[];
  readonly patternPointers: readonly number[];
  /** Edit history entries, or -1 when the file has none (or the flag lies). */
  readonly historyEntries: number;
  /** UNMO3's fingerprint ('' when not UNMO3). */
  readonly unmo3: string;
  readonly midiMacros: MidiMacros | null;
  /** Channel names from ModPlug's CNAM chunk. */
  readonly channelNames: readonly string[];
  /** PNAM, CNAM or plugin chunks were found (ModPlug Tracker / OpenMPT wrote the file). */
  readonly hasModPlugExtensions: boolean;
  readonly hasPlugins: boolean;
  /** Channels ModPlug's CHFX chunk covers (0 when none). */
  readonly pluginChannels: number;
  /** BeRoTracker's MODU chunk. */
  readonly isBeRoTracker: boolean;
}

const MIDI_CONFIG_SIZE = 153 * 32;

/** Reads the preamble; `warnings` collects what was capped. Pointer counts are capped at `max`. */
export function readPreamble(r: ByteReader, h: ITHeader, mptmOrders: boolean, warnings: string[]): ITPreamble {
  let o = HEADER_SIZE;
  let orders: number[];
  if (mptmOrders) {
    // MPTM 1.17.02.46-48 stores the order list as 32-bit numbers after a version and a count.
    const count = Math.min(r.u32le(o + 2), Math.floor(r.available(o + 6, r.u32le(o + 2) * 4) / 4));
    orders = Array.from({ length: count }, (_, i) => Math.min(r.u32le(o + 6 + i * 4), 0xff));
    o += 6 + count * 4;
  } else {
    const ordnum = Math.min(h.ordnum, r.available(o, h.ordnum));
    if (ordnum < h.ordnum) warnings.push(`the header claims ${h.ordnum} orders, the file holds ${ordnum}`);
    orders = Array.from(r.sliceAvailable(o, ordnum));
    o += h.ordnum;
  }
  // Pattern cells name instruments and samples with one byte, and IT orders patterns with one byte.
  let minPtr = Infinity;
  const pointers = (count: number, what: string, max: number): number[] => {
    let n = Math.min(count, Math.floor(r.available(o, count * 4) / 4));
    if (n < count) warnings.push(`the header claims ${count} ${what}, the file holds pointers for ${n}`);
    const all = Array.from({ length: n }, (_, i) => r.u32le(o + i * 4));
    for (const p of all) if (p > 0) minPtr = Math.min(minPtr, p);
    if (n > max) {
      warnings.push(`the header claims ${count} ${what}; IT can use ${max}`);
      n = max;
    }
    o += count * 4;
    return all.slice(0, n);
  };
  const instrumentPointers = pointers(h.insnum, 'instruments', 255);
  const samplePointers = pointers(h.smpnum, 'samples', 255);
  const patternPointers = pointers(h.patnum, 'patterns', 256);
  if (h.special & SPECIAL_MESSAGE) minPtr = Math.min(minPtr, h.messageOffset);

  // UNMO3 fingerprints (libopenmpt Load_it.cpp): it leaves room for instrument pointers in sample
  // mode and an empty edit history length.
  let unmo3 = '';
  const possiblyUNMO3 = h.cmwt === 0x0214 && (h.cwtv === 0x0214 || h.cwtv === 0) && h.highlightMajor === 0 && h.highlightMinor === 0
    && h.pitchWheelDepth === 0 && h.reserved === 0 && (h.flags & (0x40 | FLAG_EMBEDDED_MIDI)) === 0;
  if (possiblyUNMO3 && h.insnum === 0 && h.smpnum > 0 && o + 4 * h.smpnum + 2 <= minPtr && r.has(o, 4 * h.smpnum)) {
    let zero = true;
    for (let i = 0; i < h.smpnum && zero; i++) zero = r.u32le(o + i * 4) === 0;
    if (zero) {
      unmo3 = 'UNMO3 <= 2.4';
      o += 4 * h.smpnum;
    }
  }
  if (possiblyUNMO3 && h.cwtv === 0) unmo3 = 'UNMO3 v0/1';

  // Early Schism Tracker sets the history flag without writing one: trust it only if it ends
  // before the first thing a pointer names.
  let historyEntries = -1;
  if (h.special & SPECIAL_HISTORY) {
    const n = r.has(o, 2) ? r.u16le(o) : 0;
    if (r.has(o, 2 + n * 8) && o + 2 + n * 8 <= minPtr) {
      historyEntries = n;
      o += 2 + n * 8;
      if (possiblyUNMO3 && n === 0) unmo3 = h.special & 0x04 ? 'UNMO3 <= 2.4.0.1' : 'UNMO3';
    }
  } else if (possiblyUNMO3 && h.special <= 1 && r.has(o, 2) && r.u16le(o) === 0) {
    unmo3 = 'UNMO3 <= 2.4';
    o += 2;
  }

  let midiMacros: MidiMacros | null = null;
  if (h.flags & FLAG_EMBEDDED_MIDI || h.special & SPECIAL_MIDI) {
    if (r.has(o, MIDI_CONFIG_SIZE)) {
      const text = (i: number) => decodeName(r.slice(o + i * 32, 32), 'cp437');
      midiMacros = {
        global: Array.from({ length: 9 }, (_, i) => text(i)),
        parametered: Array.from({ length: 16 }, (_, i) => text(9 + i)),
        fixed: Array.from({ length: 128 }, (_, i) => text(25 + i)),
      };
      o += MIDI_CONFIG_SIZE;
    } else warnings.push('the embedded MIDI macro configuration is cut short; default macros used');
  }

  let hasModPlugExtensions = false;
  let hasPlugins = false;
  let isBeRoTracker = false;
  let pluginChannels = 0;
  const channelNames: string[] = [];
  if (r.matches(o, 'PNAM') && r.has(o, 8)) {
    o += 8 + r.u32le(o + 4);
    hasModPlugExtensions = true;
  }
  if (r.matches(o, 'CNAM') && r.has(o, 8)) {
    const size = r.u32le(o + 4);
    const names = Math.min(127, Math.floor(r.available(o + 8, size) / 20));
    for (let i = 0; i < names; i++) channelNames.push(decodeName(r.slice(o + 8 + i * 20, 20), 'cp1252'));
    o += 8 + size;
    hasModPlugExtensions = true;
  }
  // Mix plugin chunks run up to the first pointer target.
  const end = Math.min(minPtr, r.bytes.length);
  while (o + 9 <= end) {
    const code = r.ascii(o, 4);
    const size = r.u32le(o + 4);
    if (code === 'IMPI' || code === 'IMPS' || code === 'XTPM' || code === 'STPM' || !r.has(o + 8, size)) break;
    if (code === 'CHFX') pluginChannels = Math.floor(size / 4);
    if (code === 'CHFX' || /^F[X0-9][0-9][0-9]$/.test(code)) hasPlugins = true;
    else if (code === 'MODU') isBeRoTracker = true;
    o += 8 + size;
  }
  if (hasPlugins) {
    hasModPlugExtensions = true;
    warnings.push('the file uses VST/DMO mix plugins, which tracker does not run');
  }
  return {
    orders, instrumentPointers, samplePointers, patternPointers, historyEntries, unmo3, midiMacros, channelNames,
    hasModPlugExtensions, hasPlugins, pluginChannels, isBeRoTracker,
  };
}
