// The samples, instruments and song settings screens: a list of items on the left (samples,
// instruments), the selected item's fields on the right, and for instruments the envelope as a
// graph or as text.

import { sampleFrames } from '../../song/create.js';
import type { Envelope, Sample } from '../../song/song.js';
import { fieldText, type FormField, formFieldsOf } from '../commands/form-fields.js';
import type { AppState } from '../store/app-state.js';
import { fit, LineBuilder, printable, wrapText } from './line.js';
import type { Theme } from './theme.js';

interface Item {
  readonly label: string;
  readonly selected: boolean;
}

function listItems(state: AppState): Item[] | null {
  if (state.view.kind === 'samples') {
    const n = Math.min(255, state.song.samples.length + 1);
    return Array.from({ length: n }, (_, i) => ({
      label: `${String(i + 1).padStart(2, '0')} ${printable(state.song.samples[i]?.name ?? (i === state.song.samples.length ? '(empty)' : ''))}`,
      selected: i + 1 === state.sample,
    }));
  }
  if (state.view.kind === 'instruments') {
    return state.song.instruments.map((inst, i) => ({ label: `${String(i + 1).padStart(2, '0')} ${printable(inst.name)}`, selected: i + 1 === state.instrument }));
  }
  return null;
}

const TITLES = {
  samples: ' Samples   PgUp/PgDn sample, Up/Down field, Left/Right change, Enter type, l load WAV, w waveform, Space play',
  instruments: ' Instruments   PgUp/PgDn or </> instrument, Up/Down field, Enter type, n new, e envelope, g graph/text, t on/off',
  settings: ' Song settings   Up/Down field, Left/Right change (Shift: by 16), Enter type a value',
} as const;

/** Splits a title's comma-separated key hints into lines of at most `width`, never inside a hint. */
function wrapHints(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const hint of text.split(', ')) {
    const next = line === '' ? hint : `${line}, ${hint}`;
    if (next.length <= width || line === '') line = next;
    else {
      out.push(`${line},`);
      line = hint;
    }
  }
  out.push(line);
  return out.flatMap((l) => wrapText(l, width));
}

function fieldLines(state: AppState, fields: readonly FormField[], selected: number, width: number, theme: Theme): string[] {
  const labelWidth = Math.min(28, Math.max(...fields.map((f) => f.label.length)) + 2);
  return fields.map((f, i) => {
    const isSel = i === selected;
    const lb = new LineBuilder(width, theme);
    lb.add(isSel ? '> ' : '  ', theme.sgr('key', 'none', true));
    lb.add(`${fit(f.label, labelWidth - 1)} `, theme.sgr(f.kind === 'action' ? 'accent' : 'rowNumber'));
    lb.add(printable(fieldText(f, state)), theme.sgr('note', isSel && f.kind !== 'action' ? 'cursor' : 'none'));
    return lb.done();
  });
}

function sampleInfo(state: AppState, width: number, rows: number): string[] {
  const smp = state.song.samples[state.sample - 1];
  if (!smp) return ['', 'No sample in this slot: l loads a WAV file, w synthesises a waveform.'];
  const frames = sampleFrames(smp);
  const rate = smp.tuning.kind === 'c5speed' ? smp.tuning.c5Speed : 8363;
  const bits = smp.pcm.bits === 'float' ? '32-bit float' : `${smp.pcm.bits}-bit`;
  const info = `${frames} frames, ${bits}, ${smp.pcm.channels === 2 ? 'stereo' : 'mono'}, ${(frames / rate).toFixed(2)} s at C-5`;
  const waveRows = Math.min(16, rows - 3);
  return ['', info, ...(waveRows >= 3 ? ['', ...sampleWaveform(smp, Math.max(8, width - 4), waveRows)] : [])];
}

const waveCache = new WeakMap<Sample, Map<string, string[]>>();

/**
 * The sample drawn in `rows` text lines `width` wide: per column the range between its lowest and
 * highest value ('#'), the zero line ('-'), and the loop start and end (':'). Cached per sample.
 */
export function sampleWaveform(smp: Sample, width: number, rows: number): string[] {
  const key = `${width}x${rows}`;
  let bySize = waveCache.get(smp);
  const hit = bySize?.get(key);
  if (hit) return hit;
  const { data, channels } = smp.pcm;
  const scale = smp.pcm.bits === 8 ? 1 / 128 : smp.pcm.bits === 16 ? 1 / 32768 : 1;
  const frames = Math.floor(data.length / channels);
  const grid = Array.from({ length: rows }, () => Array.from({ length: width }, () => ' '));
  const rowOf = (v: number) => Math.round(((1 - Math.max(-1, Math.min(1, v))) / 2) * (rows - 1));
  const zero = rowOf(0);
  for (let x = 0; x < width && frames > 0; x++) {
    const from = Math.floor((x * frames) / width);
    const to = Math.max(from + 1, Math.floor(((x + 1) * frames) / width));
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = from * channels; i < to * channels && i < data.length; i++) {
      const v = (data[i] ?? 0) * scale;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const row = grid[zero];
    if (row) row[x] = '-';
    for (let r = rowOf(hi); r <= rowOf(lo); r++) {
      const line = grid[r];
      if (line) line[x] = '#';
    }
  }
  if (smp.loop && frames > 0) {
    for (const at of [smp.loop.start, smp.loop.end]) {
      const x = Math.min(width - 1, Math.floor((at * width) / frames));
      for (const line of grid) if (line[x] === ' ' || line[x] === '-') line[x] = ':';
    }
  }
  const lines = grid.map((r) => r.join(''));
  if (!bySize) waveCache.set(smp, (bySize = new Map()));
  bySize.set(key, lines);
  return lines;
}

/** An envelope drawn in `rows` text lines: '*' for points, '.' for the line between them. */
export function envelopeGraph(env: Envelope, width: number, rows: number, min: number, max: number): string[] {
  const grid = Array.from({ length: rows }, () => Array.from({ length: width }, () => ' '));
  const pts = env.points;
  const last = pts.at(-1);
  if (!last || width < 2 || rows < 2) return grid.map((r) => r.join(''));
  const span = Math.max(1, last.tick);
  const x = (tick: number) => Math.round((tick / span) * (width - 1));
  const y = (value: number) => rows - 1 - Math.round(((Math.max(min, Math.min(max, value)) - min) / (max - min)) * (rows - 1));
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i];
    const b = pts[i + 1];
    if (!a || !b) continue;
    for (let cx = x(a.tick); cx <= x(b.tick); cx++) {
      const t = x(b.tick) === x(a.tick) ? 0 : (cx - x(a.tick)) / (x(b.tick) - x(a.tick));
      const row = grid[y(a.value + (b.value - a.value) * t)];
      if (row && row[cx] === ' ') row[cx] = '.';
    }
  }
  for (const p of pts) {
    const row = grid[y(p.value)];
    if (row) row[x(p.tick)] = '*';
  }
  return grid.map((r) => r.join(''));
}

function envelopeLines(state: AppState, width: number, rows: number): string[] {
  const v = state.view;
  const inst = state.song.instruments[state.instrument - 1];
  if (v.kind !== 'instruments' || !inst || rows < 3) return [];
  const env = inst[v.envelope];
  const name = v.envelope === 'volumeEnvelope' ? 'Volume' : v.envelope === 'panEnvelope' ? 'Panning' : inst.pitchEnvelopeIsFilter ? 'Filter' : 'Pitch';
  const flags = [env.enabled ? 'on' : 'off', env.loop ? `loop ${env.loop.start}-${env.loop.end}` : '', env.sustain ? `sustain ${env.sustain.start}-${env.sustain.end}` : ''].filter((s) => s !== '').join(', ');
  const head = `${name} envelope (${flags}) - ${env.points.length} points`;
  if (env.points.length === 0) return [head, '  no points'];
  if (!v.graph) {
    const pairs = env.points.map((p, i) => `${String(i).padStart(2)}: tick ${String(p.tick).padStart(4)} value ${String(p.value).padStart(3)}`);
    return [head, ...pairs.slice(0, rows - 1)];
  }
  const [min, max] = v.envelope === 'volumeEnvelope' ? [0, 64] : [-32, 32];
  return [head, ...envelopeGraph(env, Math.max(8, width - 4), rows - 1, min, max).map((l) => `  ${l}`)];
}

/** Lines of a form screen (samples, instruments or settings). */
export function formLines(state: AppState, width: number, height: number, theme: Theme): string[] {
  const v = state.view;
  if (v.kind !== 'samples' && v.kind !== 'instruments' && v.kind !== 'settings') return [];
  // The title and its key hints, wrapped to the screen width.
  const lines = wrapHints(TITLES[v.kind], width - 1).map((t, i) => new LineBuilder(width, theme).add(i === 0 ? t : ` ${t}`, theme.sgr(i === 0 ? 'title' : 'dim', 'none', i === 0)).done());
  const headerLines = lines.length;
  const items = listItems(state);
  const listWidth = items ? Math.min(28, Math.floor(width / 3)) : 0;
  const rightWidth = width - listWidth - (items ? 1 : 0);
  const fields = formFieldsOf(state);
  const right: string[] = [];
  if (v.kind === 'instruments' && state.song.instruments.length === 0) {
    right.push(new LineBuilder(rightWidth, theme).add('  Sample mode: notes play samples directly. n makes instruments.', theme.sgr('dim')).done());
  } else {
    right.push(...fieldLines(state, fields, v.field, rightWidth, theme));
  }
  const extra = v.kind === 'samples' ? sampleInfo(state, rightWidth, height - headerLines - right.length) : v.kind === 'instruments' ? ['', ...envelopeLines(state, rightWidth, height - headerLines - right.length - 1)] : ['', `${state.song.orders.length} orders, ${state.song.patterns.length} patterns, ${state.song.samples.length} samples, ${state.song.instruments.length} instruments`];
  for (const e of extra) right.push(new LineBuilder(rightWidth, theme).add(`  ${printable(e)}`, theme.sgr(e.startsWith('  ') ? 'effect' : 'default')).done());
  const body = height - headerLines;
  const page = Math.max(1, body);
  const selectedIndex = items ? Math.max(0, items.findIndex((it) => it.selected)) : 0;
  const first = Math.floor(selectedIndex / page) * page;
  for (let i = 0; i < body; i++) {
    if (!items) {
      lines.push(right[i] ?? new LineBuilder(width, theme).done());
      continue;
    }
    const item = items[first + i];
    const left = new LineBuilder(listWidth, theme).add(item ? ` ${printable(item.label)}` : '', theme.sgr(item?.selected ? 'title' : 'default', item?.selected ? 'cursorRow' : 'none', item?.selected === true)).fill(theme.sgr('default', item?.selected ? 'cursorRow' : 'none')).done();
    lines.push(`${left}${theme.sgr('dim')}|${theme.reset}${right[i] ?? new LineBuilder(rightWidth, theme).done()}`);
  }
  return lines.slice(0, height);
}
