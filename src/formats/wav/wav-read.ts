// Reads a RIFF/WAVE file into a Sample: 8/16/24/32-bit integer PCM and 32/64-bit float, mono or
// stereo, with the loop from a 'smpl' chunk when there is one. Pure: bytes in, Sample out.

import { createSample } from '../../song/create.js';
import type { Sample, SampleLoop, SamplePcm } from '../../song/song.js';
import { FormatError } from '../common/format-error.js';

/** A sample read from a WAV file, with what had to be changed to fit. */
export interface WavReadResult {
  readonly sample: Sample;
  readonly warnings: readonly string[];
}

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_IEEE_FLOAT = 3;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

interface WavFormat {
  readonly code: number;
  readonly channels: number;
  readonly sampleRate: number;
  readonly bits: number;
}

function ascii(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);
}

/** True when the bytes start like a WAVE file. */
export function probeWav(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && ascii(bytes, 0) === 'RIFF' && ascii(bytes, 8) === 'WAVE';
}

function readFormat(view: DataView, at: number, size: number): WavFormat {
  if (size < 16) throw new FormatError('the fmt chunk is too short', { offset: at });
  let code = view.getUint16(at, true);
  const channels = view.getUint16(at + 2, true);
  const sampleRate = view.getUint32(at + 4, true);
  const bits = view.getUint16(at + 14, true);
  if (code === WAVE_FORMAT_EXTENSIBLE) {
    if (size < 40) throw new FormatError('the extensible fmt chunk is too short', { offset: at });
    code = view.getUint16(at + 24, true);
  }
  if (code !== WAVE_FORMAT_PCM && code !== WAVE_FORMAT_IEEE_FLOAT) {
    throw new FormatError(`compressed WAV (format code ${code}) is not supported; save it as PCM or float`, { offset: at });
  }
  if (channels !== 1 && channels !== 2) throw new FormatError(`${channels} channels: only mono and stereo WAV files can be samples`, { offset: at + 2 });
  if (sampleRate === 0) throw new FormatError('the sample rate is 0', { offset: at + 4 });
  const okBits = code === WAVE_FORMAT_PCM ? [8, 16, 24, 32] : [32, 64];
  if (!okBits.includes(bits)) throw new FormatError(`${bits}-bit ${code === WAVE_FORMAT_PCM ? 'integer' : 'float'} WAV is not supported`, { offset: at + 14 });
  return { code, channels, sampleRate, bits };
}

function decode(view: DataView, at: number, bytes: number, fmt: WavFormat): SamplePcm {
  const width = fmt.bits / 8;
  const count = Math.floor(bytes / width / fmt.channels) * fmt.channels;
  const channels = fmt.channels as 1 | 2;
  if (fmt.code === WAVE_FORMAT_PCM && fmt.bits === 8) {
    const data = new Int8Array(count);
    for (let i = 0; i < count; i++) data[i] = view.getUint8(at + i) - 128;
    return { bits: 8, channels, data };
  }
  if (fmt.code === WAVE_FORMAT_PCM && fmt.bits === 16) {
    const data = new Int16Array(count);
    for (let i = 0; i < count; i++) data[i] = view.getInt16(at + 2 * i, true);
    return { bits: 16, channels, data };
  }
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const o = at + i * width;
    if (fmt.code === WAVE_FORMAT_IEEE_FLOAT) {
      const v = fmt.bits === 32 ? view.getFloat32(o, true) : view.getFloat64(o, true);
      data[i] = Number.isFinite(v) ? Math.max(-1, Math.min(1, v)) : 0;
    } else if (fmt.bits === 24) {
      const v = view.getUint8(o) | (view.getUint8(o + 1) << 8) | (view.getInt8(o + 2) << 16);
      data[i] = v / 8388608;
    } else {
      data[i] = view.getInt32(o, true) / 2147483648;
    }
  }
  return { bits: 'float', channels, data };
}

function readLoop(view: DataView, at: number, size: number, frames: number): SampleLoop | null {
  if (size < 36 + 24) return null;
  if (view.getUint32(at + 28, true) < 1) return null;
  const type = view.getUint32(at + 36 + 4, true);
  const start = view.getUint32(at + 36 + 8, true);
  const end = view.getUint32(at + 36 + 12, true) + 1;
  if (start >= end || end > frames) return null;
  return { start, end, pingPong: type === 1 };
}

/** Reads a WAV file. `name` becomes the sample name; the file's rate becomes its C-5 speed. */
export function readWav(bytes: Uint8Array, name = ''): WavReadResult {
  if (!probeWav(bytes)) throw new FormatError('not a WAV file (no RIFF/WAVE header)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const warnings: string[] = [];
  let fmt: WavFormat | undefined;
  let data: { at: number; size: number } | undefined;
  let smpl: { at: number; size: number } | undefined;
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = ascii(bytes, at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    const available = Math.min(size, bytes.length - body);
    if (id === 'fmt ') fmt = readFormat(view, body, available);
    else if (id === 'data') {
      if (available < size) warnings.push(`the data chunk is cut short: ${size - available} bytes missing`);
      data = { at: body, size: available };
    } else if (id === 'smpl') smpl = { at: body, size: available };
    at = body + size + (size % 2);
  }
  if (!fmt) throw new FormatError('no fmt chunk: the file does not say how its audio is stored');
  if (!data) throw new FormatError('no data chunk: the file holds no audio');
  const pcm = decode(view, data.at, data.size, fmt);
  const frames = pcm.data.length / pcm.channels;
  const loop = smpl ? readLoop(view, smpl.at, smpl.size, frames) : null;
  const c5Speed = Math.max(1000, Math.min(192000, fmt.sampleRate));
  if (c5Speed !== fmt.sampleRate) warnings.push(`sample rate ${fmt.sampleRate} Hz is outside 1000..192000 Hz; using ${c5Speed} Hz`);
  const sample = createSample({ name: name.slice(0, 26), fileName: name.slice(0, 12), pcm, loop, tuning: { kind: 'c5speed', c5Speed } });
  return { sample, warnings };
}
