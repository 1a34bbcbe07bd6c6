// Builds small MOD and Soundtracker files in memory for loader tests: a valid file from a short
// description, which tests then read as is or damage on purpose.

export interface BuildSample {
  name?: string;
  /** Length, loop start and loop length in 16-bit words, as stored. */
  lengthWords?: number;
  finetune?: number;
  volume?: number;
  loopStartWords?: number;
  loopLengthWords?: number;
  /** PCM bytes written after the patterns (defaults to a ramp of the declared length). */
  data?: Uint8Array;
}

export interface BuildCell {
  row: number;
  channel: number;
  period?: number;
  sample?: number;
  command?: number;
  param?: number;
}

export interface BuildMod {
  title?: string;
  tag?: string;
  /** Channels per pattern row as stored (FLT8 stores 4). */
  channels?: number;
  samples?: BuildSample[];
  orders?: number[];
  /** Song length byte; defaults to orders.length. */
  songLength?: number;
  restart?: number;
  /** Number of patterns stored; defaults to max(orders) + 1. */
  patterns?: number;
  cells?: BuildCell[];
  /** 15-sample Soundtracker layout (no tag). */
  soundtracker?: boolean;
}

function ascii(out: Uint8Array, offset: number, text: string, size: number): void {
  for (let i = 0; i < Math.min(size, text.length); i++) out[offset + i] = text.charCodeAt(i);
}

/** The bytes of a MOD file. */
export function buildMod(spec: BuildMod = {}): Uint8Array {
  const nSamples = spec.soundtracker ? 15 : 31;
  const channels = spec.channels ?? 4;
  const orders = spec.orders ?? [0];
  const patterns = spec.patterns ?? Math.max(...orders) + 1;
  const samples = spec.samples ?? [{ name: 'square', lengthWords: 16, volume: 64, loopStartWords: 0, loopLengthWords: 16 }];
  const headerSize = 20 + nSamples * 30 + 2 + 128 + (spec.soundtracker ? 0 : 4);
  const patternBytes = patterns * 64 * channels * 4;
  const sampleBytes = samples.map((s) => s.data ?? ramp((s.lengthWords ?? 0) * 2));
  const total = headerSize + patternBytes + sampleBytes.reduce((a, b) => a + b.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  ascii(out, 0, spec.title ?? 'test song', 20);
  samples.slice(0, nSamples).forEach((s, i) => {
    const o = 20 + i * 30;
    ascii(out, o, s.name ?? '', 22);
    view.setUint16(o + 22, s.lengthWords ?? 0);
    out[o + 24] = s.finetune ?? 0;
    out[o + 25] = s.volume ?? 64;
    view.setUint16(o + 26, s.loopStartWords ?? 0);
    view.setUint16(o + 28, s.loopLengthWords ?? 1);
  });
  const ob = 20 + nSamples * 30;
  out[ob] = spec.songLength ?? orders.length;
  out[ob + 1] = spec.restart ?? (spec.soundtracker ? 0x78 : 0);
  orders.forEach((p, i) => (out[ob + 2 + i] = p));
  if (!spec.soundtracker) ascii(out, ob + 130, spec.tag ?? 'M.K.', 4);
  for (const c of spec.cells ?? []) {
    const o = headerSize + (Math.floor(c.row / 64) * 64 * channels + (c.row % 64) * channels + c.channel) * 4;
    const period = c.period ?? 0;
    const sample = c.sample ?? 0;
    out[o] = (sample & 0x10) | ((period >> 8) & 0x0f);
    out[o + 1] = period & 0xff;
    out[o + 2] = ((sample & 0x0f) << 4) | ((c.command ?? 0) & 0x0f);
    out[o + 3] = c.param ?? 0;
  }
  let o = headerSize + patternBytes;
  for (const b of sampleBytes) {
    out.set(b, o);
    o += b.length;
  }
  return out;
}

/** A rising ramp of signed bytes, so tests can see which bytes landed where. */
export function ramp(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => i & 0xff);
}

/** Offset of pattern 0 in a 31-sample file. */
export const PATTERN_START = 1084;
