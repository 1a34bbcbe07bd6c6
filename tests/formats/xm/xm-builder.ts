// Builds small XM files in memory for loader tests: header, orders, packed patterns, instruments
// with envelopes and delta-coded samples.

export interface BuildXMSample {
  data?: number[];
  bits16?: boolean;
  loopStart?: number;
  loopLength?: number;
  flags?: number;
  volume?: number;
  finetune?: number;
  pan?: number;
  relativeNote?: number;
  name?: string;
}

export interface BuildXMInstrument {
  name?: string;
  samples?: BuildXMSample[];
  keymap?: number[];
  volumeEnvelope?: { points: [number, number][]; flags: number; sustain?: number; loopStart?: number; loopEnd?: number };
  fadeout?: number;
  vibrato?: [type: number, sweep: number, depth: number, rate: number];
}

export interface BuildXM {
  title?: string;
  /** FastTracker 2 pads the title with spaces; ModPlug Tracker with NULs. */
  nulPaddedTitle?: boolean;
  tracker?: string;
  channels?: number;
  flags?: number;
  speed?: number;
  tempo?: number;
  orders?: number[];
  restart?: number;
  /** Each pattern: rows and raw packed bytes (use packCells). */
  patterns?: { rows: number; data: number[] }[];
  instruments?: BuildXMInstrument[];
}

/** Packs cells [note, instrument, volume, command, param] row by row, channel by channel. */
export function packCells(rows: number, channels: number, cells: Record<string, number[]>): number[] {
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < channels; c++) {
      const cell = cells[`${r},${c}`];
      if (!cell) out.push(0x80);
      else out.push(0x9f, ...cell);
    }
  }
  return out;
}

function u16(n: number): number[] {
  return [n & 0xff, (n >> 8) & 0xff];
}
function u32(n: number): number[] {
  return [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
}
function text(s: string, n: number, pad = 0): number[] {
  return Array.from({ length: n }, (_, i) => (i < s.length ? s.charCodeAt(i) : pad));
}

function delta(values: number[], bits16: boolean): number[] {
  const out: number[] = [];
  let prev = 0;
  for (const v of values) {
    const d = v - prev;
    prev = v;
    if (bits16) out.push(...u16(d & 0xffff));
    else out.push(d & 0xff);
  }
  return out;
}

export function buildXM(spec: BuildXM = {}): Uint8Array {
  const channels = spec.channels ?? 4;
  const orders = spec.orders ?? [0];
  const patterns = spec.patterns ?? [{ rows: 64, data: packCells(64, channels, { '0,0': [49, 1, 0x40, 0x0c, 0x20] }) }];
  const instruments = spec.instruments ?? [{ name: 'inst', samples: [{ data: [0, 10, 20, 30, 40, 50, 60, 70] }] }];
  const out: number[] = [];
  out.push(...text('Extended Module: ', 17), ...text(spec.title ?? 'xm test', 20, spec.nulPaddedTitle ? 0 : 0x20), 0x1a, ...text(spec.tracker ?? 'FastTracker v2.00   ', 20), ...u16(0x0104));
  out.push(...u32(276), ...u16(orders.length), ...u16(spec.restart ?? 0), ...u16(channels), ...u16(patterns.length), ...u16(instruments.length));
  out.push(...u16(spec.flags ?? 1), ...u16(spec.speed ?? 6), ...u16(spec.tempo ?? 125));
  out.push(...Array.from({ length: 256 }, (_, i) => orders[i] ?? 0));
  for (const p of patterns) out.push(...u32(9), 0, ...u16(p.rows), ...u16(p.data.length), ...p.data);
  for (const ins of instruments) {
    const samples = ins.samples ?? [];
    const hdr: number[] = [...u32(samples.length > 0 ? 263 : 29), ...text(ins.name ?? '', 22), 0, ...u16(samples.length)];
    if (samples.length > 0) {
      hdr.push(...u32(40), ...(ins.keymap ?? Array(96).fill(0)));
      const env = ins.volumeEnvelope;
      const pts: [number, number][] = Array.from({ length: 12 }, (_, i): [number, number] => env?.points[i] ?? [0, 0]);
      for (const [x, y] of pts) hdr.push(...u16(x), ...u16(y));
      for (let i = 0; i < 12; i++) hdr.push(...u16(0), ...u16(32));
      hdr.push(env?.points.length ?? 0, 0, env?.sustain ?? 0, env?.loopStart ?? 0, env?.loopEnd ?? 0, 0, 0, 0, env?.flags ?? 0, 0);
      const v = ins.vibrato ?? [0, 0, 0, 0];
      hdr.push(...v, ...u16(ins.fadeout ?? 0), ...Array(22).fill(0));
    }
    out.push(...hdr);
    const blobs = samples.map((s) => delta(s.data ?? [], s.bits16 === true));
    samples.forEach((s, i) => {
      const bytes = blobs[i]!.length;
      out.push(...u32(bytes), ...u32(s.loopStart ?? 0), ...u32(s.loopLength ?? 0), s.volume ?? 64, (s.finetune ?? 0) & 0xff);
      out.push((s.flags ?? 0) | (s.bits16 ? 0x10 : 0), s.pan ?? 128, (s.relativeNote ?? 0) & 0xff, 0, ...text(s.name ?? '', 22, 0x20));
    });
    for (const b of blobs) out.push(...b);
  }
  return Uint8Array.from(out);
}
