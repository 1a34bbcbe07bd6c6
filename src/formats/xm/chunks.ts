// The chunks ModPlug Tracker and OpenMPT append to an XM after its sample data, in the order they
// write them: "text" (song message), "MIDI" (MIDI macros), "PNAM" (pattern names), "CNAM" (channel names).

import type { MidiMacros } from '../../song/song.js';
import { decodeName } from '../common/text-codecs.js';

/** What the trailing chunks held; `found` is true when any chunk was present. */
export interface XMChunks {
  readonly message: string;
  readonly midiMacros: MidiMacros | null;
  readonly patternNames: readonly string[];
  readonly channelNames: readonly string[];
  readonly found: boolean;
  /** Where the chunks end (OpenMPT's extension blocks may follow). */
  readonly end: number;
}

const MACRO_LENGTH = 32;
const PATTERN_NAME_LENGTH = 32;
const CHANNEL_NAME_LENGTH = 20;

function u32(b: Uint8Array, o: number): number {
  return ((b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16) | ((b[o + 3] ?? 0) << 24)) >>> 0;
}

function magic(b: Uint8Array, o: number, tag: string): boolean {
  if (o + 8 > b.length) return false;
  for (let i = 0; i < 4; i++) if (b[o + i] !== tag.charCodeAt(i)) return false;
  return true;
}

/** Fixed-size, NUL-terminated text fields; fields past `available` read as empty. */
function names(b: Uint8Array, from: number, available: number, size: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const at = from + i * size;
    const len = Math.max(0, Math.min(size, available - i * size));
    return decodeName(b.subarray(at, at + len), 'cp1252');
  });
}

/** Reads the chunks starting at `pos`; each chunk's declared length is capped by the file. */
export function readXMChunks(b: Uint8Array, pos: number, patterns: number, channels: number): XMChunks {
  let o = pos;
  let found = false;
  let message = '';
  let midiMacros: MidiMacros | null = null;
  let patternNames: string[] = [];
  let channelNames: string[] = [];
  const chunk = (tag: string): { at: number; len: number } | null => {
    if (!magic(b, o, tag)) return null;
    const len = Math.min(u32(b, o + 4), b.length - o - 8);
    const at = o + 8;
    o = at + len;
    found = true;
    return { at, len };
  };
  const text = chunk('text');
  if (text) message = decodeName(b.subarray(text.at, text.at + text.len), 'cp1252', true).replace(/\r\n?/g, '\n');
  const midi = chunk('MIDI');
  if (midi) {
    const all = names(b, midi.at, midi.len, MACRO_LENGTH, 9 + 16 + 128);
    midiMacros = { global: all.slice(0, 9), parametered: all.slice(9, 25), fixed: all.slice(25) };
  }
  const pnam = chunk('PNAM');
  if (pnam) patternNames = names(b, pnam.at, pnam.len, PATTERN_NAME_LENGTH, Math.min(patterns, Math.floor(pnam.len / PATTERN_NAME_LENGTH)));
  const cnam = chunk('CNAM');
  if (cnam) channelNames = names(b, cnam.at, cnam.len, CHANNEL_NAME_LENGTH, Math.min(channels, Math.floor(cnam.len / CHANNEL_NAME_LENGTH)));
  return { message, midiMacros, patternNames, channelNames, found, end: o };
}
