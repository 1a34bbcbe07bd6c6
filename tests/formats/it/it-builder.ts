// Builds small IT files in memory for loader tests: header, orders, sample headers with PCM (or
// IT 2.14/2.15 compressed data), new-format instruments, and masked pattern packing.

export interface BuildITSample {
  flags?: number;
  cvt?: number;
  data: number[];
  length: number;
  loopStart?: number;
  loopEnd?: number;
  susStart?: number;
  susEnd?: number;
  c5speed?: number;
  volume?: number;
  globalVolume?: number;
  pan?: number;
  vibrato?: [speed: number, depth: number, sweep: number, type: number];
  name?: string;
}

export interface BuildITCell {
  row: number;
  channel: number;
  note?: number;
  instrument?: number;
  volume?: number;
  command?: number;
  param?: number;
}

export interface BuildIT {
  title?: string;
  cwtv?: number;
  cmwt?: number;
  flags?: number;
  special?: number;
  orders?: number[];
  channelPan?: number[];
  channelVolume?: number[];
  samples?: BuildITSample[];
  /** Raw 554-byte instruments (use itInstrument). */
  instruments?: number[][];
  patterns?: { rows: number; cells: BuildITCell[] }[];
  message?: string;
  /** Edit history entries to write (sets the history flag); undefined writes none. */
  history?: number;
  /** The header's reserved field (IT's edit timer, "OMPT", "CHBI"...). */
  reserved?: number[];
  /** Raw bytes placed right after the pointer tables (and history), e.g. MIDI macros or chunks. */
  extra?: number[];
}

const u16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const u32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const text = (s: string, n: number) => Array.from({ length: n }, (_, i) => (i < s.length ? s.charCodeAt(i) : 0));

export function packITPattern(rows: number, cells: BuildITCell[]): number[] {
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (const c of cells.filter((x) => x.row === r)) {
      let mask = 0;
      if (c.note !== undefined) mask |= 1;
      if (c.instrument !== undefined) mask |= 2;
      if (c.volume !== undefined) mask |= 4;
      if (c.command !== undefined) mask |= 8;
      out.push((c.channel + 1) | 0x80, mask);
      if (mask & 1) out.push(c.note!);
      if (mask & 2) out.push(c.instrument!);
      if (mask & 4) out.push(c.volume!);
      if (mask & 8) out.push(c.command!, c.param ?? 0);
    }
    out.push(0);
  }
  return out;
}

/** A new-format instrument: every note plays `sample`; NNA and fadeout as given. */
export function itInstrument(o: { name?: string; sample?: number; nna?: number; fadeout?: number; pan?: number; volEnv?: [number, number][]; envFlags?: number } = {}): number[] {
  const b = new Array<number>(554).fill(0);
  b.splice(0, 4, 0x49, 0x4d, 0x50, 0x49);
  b[17] = o.nna ?? 0;
  b.splice(20, 2, ...u16(o.fadeout ?? 0));
  b[24] = 128;
  b[25] = o.pan ?? 0x80;
  text(o.name ?? '', 26).forEach((c, i) => (b[32 + i] = c));
  b[61] = 0xff;
  b[62] = 0xff;
  b[63] = 0xff;
  for (let i = 0; i < 120; i++) {
    b[64 + i * 2] = i;
    b[64 + i * 2 + 1] = o.sample ?? 1;
  }
  const env = o.volEnv ?? [];
  b[304] = o.envFlags ?? 0;
  b[305] = env.length;
  env.forEach(([tick, value], i) => {
    b[310 + i * 3] = value & 0xff;
    b.splice(311 + i * 3, 2, ...u16(tick));
  });
  return b;
}

export function buildIT(spec: BuildIT = {}): Uint8Array {
  const orders = spec.orders ?? [0];
  const samples = spec.samples ?? [{ data: [0, 64, 127, 64, 0, 192, 128, 192], length: 8, flags: 1, cvt: 1 }];
  const instruments = spec.instruments ?? [];
  const patterns = (spec.patterns ?? [{ rows: 64, cells: [{ row: 0, channel: 0, note: 60, instrument: 1 }] }]).map((p) => ({ rows: p.rows, data: packITPattern(p.rows, p.cells) }));
  const head: number[] = [0x49, 0x4d, 0x50, 0x4d, ...text(spec.title ?? 'it test', 26), 4, 16];
  head.push(...u16(orders.length), ...u16(instruments.length), ...u16(samples.length), ...u16(patterns.length));
  head.push(...u16(spec.cwtv ?? 0x0214), ...u16(spec.cmwt ?? 0x0214), ...u16(spec.flags ?? (0x01 | 0x08 | (instruments.length ? 0x04 : 0))), ...u16((spec.special ?? (spec.message ? 1 : 0)) | (spec.history !== undefined ? 2 : 0)));
  head.push(128, 48, 6, 125, 128, 0);
  const ptrStart = 0xc0 + orders.length;
  const tableLen = (instruments.length + samples.length + patterns.length) * 4;
  const history = spec.history !== undefined ? [...u16(spec.history), ...new Array<number>(spec.history * 8).fill(0)] : [];
  const extra = spec.extra ?? [];
  let pos = ptrStart + tableLen + history.length + extra.length;
  const msgAt = pos;
  const msg = spec.message ? [...text(spec.message.replace(/\n/g, '\r'), spec.message.length), 0] : [];
  pos += msg.length;
  head.push(...u16(msg.length), ...u32(msg.length ? msgAt : 0), ...(spec.reserved ?? u32(0)));
  head.push(...Array.from({ length: 64 }, (_, i) => spec.channelPan?.[i] ?? 32));
  head.push(...Array.from({ length: 64 }, (_, i) => spec.channelVolume?.[i] ?? 64));
  const insAt = instruments.map((ins) => {
    const at = pos;
    pos += ins.length;
    return at;
  });
  const smpAt = samples.map(() => {
    const at = pos;
    pos += 80;
    return at;
  });
  const dataAt = samples.map((s) => {
    const at = pos;
    pos += s.data.length;
    return at;
  });
  const patAt = patterns.map((p) => {
    const at = pos;
    pos += 8 + p.data.length;
    return at;
  });
  const out: number[] = [...head, ...orders];
  for (const a of [...insAt, ...smpAt, ...patAt]) out.push(...u32(a));
  out.push(...history, ...extra, ...msg);
  for (const ins of instruments) out.push(...ins);
  samples.forEach((s, i) => {
    const h = [0x49, 0x4d, 0x50, 0x53, ...text('', 13), s.globalVolume ?? 64, s.flags ?? 1, s.volume ?? 64, ...text(s.name ?? '', 26), s.cvt ?? 1, s.pan ?? 32];
    h.push(...u32(s.length), ...u32(s.loopStart ?? 0), ...u32(s.loopEnd ?? 0), ...u32(s.c5speed ?? 8363), ...u32(s.susStart ?? 0), ...u32(s.susEnd ?? 0), ...u32(dataAt[i]!));
    h.push(...(s.vibrato ?? [0, 0, 0, 0]));
    out.push(...h);
  });
  for (const s of samples) out.push(...s.data);
  for (const p of patterns) out.push(...u16(p.data.length), ...u16(p.rows), 0, 0, 0, 0, ...p.data);
  return Uint8Array.from(out);
}

/** Packs values of given bit widths LSB-first into one IT compression block (with its size prefix). */
export function itBlock(fields: [value: number, width: number][]): number[] {
  const bytes: number[] = [];
  let bit = 0;
  for (const [value, width] of fields) {
    for (let k = 0; k < width; k++) {
      if ((bit >> 3) >= bytes.length) bytes.push(0);
      if ((value >> k) & 1) bytes[bit >> 3]! |= 1 << (bit & 7);
      bit++;
    }
  }
  return [...u16(bytes.length), ...bytes];
}
