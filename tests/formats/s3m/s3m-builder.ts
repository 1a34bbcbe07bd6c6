// Builds small S3M files in memory for loader tests: header, orders, parapointers, sample headers
// with PCM, and packed patterns, laid out on 16-byte paragraphs as Scream Tracker 3 writes them.

export interface BuildS3MSample {
  type?: number;
  name?: string;
  length?: number;
  loopStart?: number;
  loopEnd?: number;
  flags?: number;
  volume?: number;
  c5speed?: number;
  gus?: number;
  pack?: number;
  /** Raw data bytes (default: length bytes of a ramp, 8-bit). */
  data?: Uint8Array;
}

export interface BuildS3MCell {
  row: number;
  channel: number;
  note?: number;
  instrument?: number;
  volume?: number;
  command?: number;
  param?: number;
}

export interface BuildS3M {
  title?: string;
  cwtv?: number;
  formatVersion?: number;
  flags?: number;
  globalVolume?: number;
  speed?: number;
  tempo?: number;
  masterVolume?: number;
  ultraClicks?: number;
  channels?: number[];
  panTable?: number[];
  orders?: number[];
  samples?: BuildS3MSample[];
  patterns?: BuildS3MCell[][];
}

function para(n: number): number {
  return (n + 15) & ~15;
}

export function packPattern(cells: BuildS3MCell[]): Uint8Array {
  const out: number[] = [0, 0];
  for (let row = 0; row < 64; row++) {
    for (const c of cells.filter((x) => x.row === row)) {
      let info = c.channel & 31;
      if (c.note !== undefined || c.instrument !== undefined) info |= 0x20;
      if (c.volume !== undefined) info |= 0x40;
      if (c.command !== undefined) info |= 0x80;
      out.push(info);
      if (info & 0x20) out.push(c.note ?? 0xff, c.instrument ?? 0);
      if (info & 0x40) out.push(c.volume!);
      if (info & 0x80) out.push(c.command!, c.param ?? 0);
    }
    out.push(0);
  }
  out[0] = out.length & 0xff;
  out[1] = out.length >> 8;
  return Uint8Array.from(out);
}

export function buildS3M(spec: BuildS3M = {}): Uint8Array {
  const orders = spec.orders ?? [0];
  const samples = spec.samples ?? [{ name: 'ramp', length: 64, volume: 64, c5speed: 8363, gus: 1 }];
  const patterns = (spec.patterns ?? [[{ row: 0, channel: 0, note: 0x40, instrument: 1 }]]).map(packPattern);
  const chans = spec.channels ?? [0, 8, 1, 9, ...Array(28).fill(0xff)];
  const headerEnd = 0x60 + orders.length + samples.length * 2 + patterns.length * 2 + (spec.panTable ? 32 : 0);
  let pos = para(headerEnd);
  const sampleAt = samples.map(() => {
    const p = pos;
    pos += 80;
    return p;
  });
  pos = para(pos);
  const patternAt = patterns.map((p) => {
    const at = pos;
    pos = para(pos + p.length);
    return at;
  });
  const dataAt = samples.map((s) => {
    const at = pos;
    const size = s.data?.length ?? s.length ?? 0;
    pos = para(pos + size);
    return at;
  });
  const out = new Uint8Array(pos);
  const v = new DataView(out.buffer);
  const title = spec.title ?? 'test s3m';
  for (let i = 0; i < title.length; i++) out[i] = title.charCodeAt(i);
  out[0x1c] = 0x1a;
  out[0x1d] = 0x10;
  v.setUint16(0x20, orders.length, true);
  v.setUint16(0x22, samples.length, true);
  v.setUint16(0x24, patterns.length, true);
  v.setUint16(0x26, spec.flags ?? 0, true);
  v.setUint16(0x28, spec.cwtv ?? 0x1320, true);
  v.setUint16(0x2a, spec.formatVersion ?? 2, true);
  out.set([0x53, 0x43, 0x52, 0x4d], 0x2c);
  out[0x30] = spec.globalVolume ?? 64;
  out[0x31] = spec.speed ?? 6;
  out[0x32] = spec.tempo ?? 125;
  out[0x33] = spec.masterVolume ?? 0xb0;
  out[0x34] = spec.ultraClicks ?? 16;
  out[0x35] = spec.panTable ? 0xfc : 0;
  chans.forEach((c, i) => (out[0x40 + i] = c));
  let o = 0x60;
  orders.forEach((x) => (out[o++] = x));
  sampleAt.forEach((at) => {
    v.setUint16(o, at >> 4, true);
    o += 2;
  });
  patternAt.forEach((at) => {
    v.setUint16(o, at >> 4, true);
    o += 2;
  });
  spec.panTable?.forEach((p, i) => (out[o + i] = p));
  samples.forEach((s, i) => {
    const at = sampleAt[i]!;
    out[at] = s.type ?? 1;
    const data = dataAt[i]! >> 4;
    out[at + 0x0d] = data >> 16;
    v.setUint16(at + 0x0e, data & 0xffff, true);
    v.setUint32(at + 0x10, s.length ?? 0, true);
    v.setUint32(at + 0x14, s.loopStart ?? 0, true);
    v.setUint32(at + 0x18, s.loopEnd ?? 0, true);
    out[at + 0x1c] = s.volume ?? 64;
    out[at + 0x1e] = s.pack ?? 0;
    out[at + 0x1f] = s.flags ?? 0;
    v.setUint32(at + 0x20, s.c5speed ?? 8363, true);
    v.setUint16(at + 0x28, s.gus ?? 1, true);
    const name = s.name ?? '';
    for (let k = 0; k < name.length; k++) out[at + 0x30 + k] = name.charCodeAt(k);
    out.set([0x53, 0x43, 0x52, 0x53], at + 0x4c);
    const bytes = s.data ?? Uint8Array.from({ length: s.length ?? 0 }, (_, k) => (k * 4) & 0xff);
    out.set(bytes, dataAt[i]!);
  });
  patterns.forEach((p, i) => out.set(p, patternAt[i]!));
  return out;
}
