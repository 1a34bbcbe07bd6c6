// Shared spelling of .trk values: quoted strings, on/off, envelopes, keymaps and loops, used by
// both the writer and the reader so the two cannot drift apart.

import { formatNote, parseNote } from '../../song/notes.js';
import type { Envelope, EnvelopeRange, SampleLoop } from '../../song/song.js';

/** The first line of every .trk file, followed by the format version. */
export const TRK_MAGIC = 'tracker-song';
/** The format version this code writes and the newest it reads. */
export const TRK_VERSION = 1;

/** A JSON string literal: safe for any text, one line. */
export function quote(text: string): string {
  return JSON.stringify(text);
}

/** Splits a value into tokens: words, and "quoted strings" kept whole (quotes included). */
export function tokenize(value: string): string[] | undefined {
  const tokens: string[] = [];
  let i = 0;
  while (i < value.length) {
    const c = value[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < value.length && value[j] !== '"') j += value[j] === '\\' ? 2 : 1;
      if (j >= value.length) return undefined;
      tokens.push(value.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < value.length && value[j] !== ' ' && value[j] !== '\t') {
      if (value[j] === '"') {
        let k = j + 1;
        while (k < value.length && value[k] !== '"') k += value[k] === '\\' ? 2 : 1;
        if (k >= value.length) return undefined;
        j = k + 1;
      } else j++;
    }
    tokens.push(value.slice(i, j));
    i = j;
  }
  return tokens;
}

/** Parses a "quoted string" token; undefined when it is not one. */
export function unquote(token: string): string | undefined {
  if (!token.startsWith('"') || !token.endsWith('"') || token.length < 2) return undefined;
  try {
    const v: unknown = JSON.parse(token);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Parses an integer token within [min, max]. */
export function parseIntToken(token: string | undefined, min: number, max: number): number | undefined {
  if (token === undefined || !/^-?[0-9]+$/.test(token)) return undefined;
  const n = Number(token);
  return n >= min && n <= max ? n : undefined;
}

/** Parses a finite number token (decimal, as JavaScript prints numbers) within [min, max]. */
export function parseNumberToken(token: string | undefined, min: number, max: number): number | undefined {
  if (token === undefined || !/^-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?$/i.test(token)) return undefined;
  const n = Number(token);
  return Number.isFinite(n) && n >= min && n <= max ? n : undefined;
}

export function formatBool(v: boolean): string {
  return v ? 'yes' : 'no';
}

export function parseBool(token: string | undefined): boolean | undefined {
  if (token === 'yes') return true;
  if (token === 'no') return false;
  return undefined;
}

/** "off" or a number. */
export function formatOptional(v: number | null): string {
  return v === null ? 'off' : String(v);
}

function formatRange(r: EnvelopeRange): string {
  return `${r.start}..${r.end}`;
}

function parseRange(text: string, points: number): EnvelopeRange | undefined {
  const m = /^([0-9]+)\.\.([0-9]+)$/.exec(text);
  if (!m) return undefined;
  const start = Number(m[1]);
  const end = Number(m[2]);
  return start <= end && end < points ? { start, end } : undefined;
}

/** "on 0:64 10:32 loop=0..1 sustain=1..1 carry" (or "off ..." with the same points). */
export function formatEnvelope(env: Envelope): string {
  const parts = [env.enabled ? 'on' : 'off', ...env.points.map((p) => `${p.tick}:${p.value}`)];
  if (env.loop) parts.push(`loop=${formatRange(env.loop)}`);
  if (env.sustain) parts.push(`sustain=${formatRange(env.sustain)}`);
  if (env.carry) parts.push('carry');
  return parts.join(' ');
}

/** Parses an envelope; a string saying what is wrong when it is not valid. */
export function parseEnvelope(value: string, min: number, max: number): Envelope | string {
  const tokens = value.split(/\s+/).filter((t) => t.length > 0);
  const state = tokens.shift();
  if (state !== 'on' && state !== 'off') return 'an envelope starts with on or off';
  const points: { tick: number; value: number }[] = [];
  let loopText: string | undefined;
  let sustainText: string | undefined;
  let carry = false;
  for (const t of tokens) {
    const p = /^([0-9]+):(-?[0-9]+)$/.exec(t);
    if (p) {
      const tick = Number(p[1]);
      const v = Number(p[2]);
      if (v < min || v > max) return `envelope value ${v} is outside ${min}..${max}`;
      if (tick > 65535) return `envelope tick ${tick} is past 65535`;
      const prev = points[points.length - 1];
      if (prev && tick < prev.tick) return `envelope ticks must not go backwards (${prev.tick} then ${tick})`;
      points.push({ tick, value: v });
    } else if (t.startsWith('loop=')) loopText = t.slice(5);
    else if (t.startsWith('sustain=')) sustainText = t.slice(8);
    else if (t === 'carry') carry = true;
    else return `unexpected "${t}" in an envelope`;
  }
  let loop: EnvelopeRange | null = null;
  let sustain: EnvelopeRange | null = null;
  if (loopText !== undefined) {
    const r = parseRange(loopText, points.length);
    if (!r) return `envelope loop "${loopText}" must be first..last point (0..${points.length - 1})`;
    loop = r;
  }
  if (sustainText !== undefined) {
    const r = parseRange(sustainText, points.length);
    if (!r) return `envelope sustain "${sustainText}" must be first..last point (0..${points.length - 1})`;
    sustain = r;
  }
  return { enabled: state === 'on', points, loop, sustain, carry };
}

/**
 * A keymap as runs: "C-0..B-9 +0 1" means notes C-0..B-9 play themselves on sample 1;
 * "C-4..C-4 -12 2" plays C-3 on sample 2. Runs are separated by commas.
 */
export function formatKeymap(noteMap: readonly number[], sampleMap: readonly number[]): string {
  const runs: string[] = [];
  let start = 0;
  for (let i = 1; i <= noteMap.length; i++) {
    const same =
      i < noteMap.length &&
      (noteMap[i] ?? 0) - i === (noteMap[start] ?? 0) - start &&
      sampleMap[i] === sampleMap[start];
    if (!same) {
      const offset = (noteMap[start] ?? 0) - (start + 1);
      runs.push(`${formatNote(start + 1)}..${formatNote(i)} ${offset >= 0 ? '+' : ''}${offset} ${sampleMap[start] ?? 0}`);
      start = i;
    }
  }
  return runs.join(', ');
}

/** Parses a keymap; a string saying what is wrong when it is not valid. */
export function parseKeymap(value: string, noteCount: number): { noteMap: number[]; sampleMap: number[] } | string {
  const noteMap = new Array<number>(noteCount).fill(0);
  const sampleMap = new Array<number>(noteCount).fill(0);
  const seen = new Array<boolean>(noteCount).fill(false);
  for (const run of value.split(',')) {
    const m = /^\s*(\S{3})\.\.(\S{3})\s+([-+][0-9]+)\s+([0-9]+)\s*$/.exec(run);
    if (!m) return `keymap run "${run.trim()}" should look like "C-0..B-9 +0 1"`;
    const from = parseNote(m[1] as string);
    const to = parseNote(m[2] as string);
    if (from === undefined || to === undefined || from < 1 || to > noteCount || from > to) {
      return `keymap range "${m[1]}..${m[2]}" is not a range of notes`;
    }
    const offset = Number(m[3]);
    const sample = Number(m[4]);
    if (sample > 65535) return `keymap sample ${sample} is too large`;
    for (let n = from; n <= to; n++) {
      const out = n + offset;
      if (out < 1 || out > noteCount) return `keymap maps ${m[1]}..${m[2]} outside the note range`;
      if (seen[n - 1]) return `keymap maps note ${m[1]}..${m[2]} twice`;
      seen[n - 1] = true;
      noteMap[n - 1] = out;
      sampleMap[n - 1] = sample;
    }
  }
  if (seen.some((s) => !s)) return 'keymap must cover every note C-0..B-9';
  return { noteMap, sampleMap };
}

/** "off", "forward 0 1000" or "pingpong 0 1000". */
export function formatLoop(loop: SampleLoop | null): string {
  if (!loop) return 'off';
  return `${loop.pingPong ? 'pingpong' : 'forward'} ${loop.start} ${loop.end}`;
}

/** Parses a loop for a sample of `frames` frames; a string saying what is wrong when invalid. */
export function parseLoop(value: string, frames: number): SampleLoop | null | string {
  const t = value.trim().split(/\s+/);
  if (t[0] === 'off' && t.length === 1) return null;
  if ((t[0] !== 'forward' && t[0] !== 'pingpong') || t.length !== 3) return 'a loop is "off", "forward START END" or "pingpong START END"';
  const start = parseIntToken(t[1], 0, Number.MAX_SAFE_INTEGER);
  const end = parseIntToken(t[2], 0, Number.MAX_SAFE_INTEGER);
  if (start === undefined || end === undefined || start >= end || end > frames) {
    return `loop ${t[1]}..${t[2]} must satisfy 0 <= start < end <= ${frames} (the sample's frames)`;
  }
  return { start, end, pingPong: t[0] === 'pingpong' };
}
