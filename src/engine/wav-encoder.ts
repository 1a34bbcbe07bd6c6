// RIFF/WAVE encoding for renders: the 44-byte header (or WAVE_FORMAT_EXTENSIBLE-free float header)
// and interleaving float frames into 16/24-bit integer or 32-bit float PCM. Pure: no files here.

/** Sample formats `tracker render` writes. */
export type WavFormat = 's16' | 's24' | 'f32';

export function bytesPerSample(format: WavFormat): number {
  return format === 's16' ? 2 : format === 's24' ? 3 : 4;
}

/** The 44-byte header of a WAV file holding `frames` frames. */
export function wavHeader(frames: number, channels: number, sampleRate: number, format: WavFormat): Uint8Array {
  const bps = bytesPerSample(format);
  const dataBytes = frames * channels * bps;
  const h = new Uint8Array(44);
  const v = new DataView(h.buffer);
  const ascii = (o: number, s: string) => {
    for (let i = 0; i < s.length; i++) h[o + i] = s.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  v.setUint32(4, Math.min(0xffffffff, 36 + dataBytes), true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, format === 'f32' ? 3 : 1, true);
  v.setUint16(22, channels, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * channels * bps, true);
  v.setUint16(32, channels * bps, true);
  v.setUint16(34, bps * 8, true);
  ascii(36, 'data');
  v.setUint32(40, Math.min(0xffffffff, dataBytes), true);
  return h;
}

/** True on little-endian machines, where typed-array views write WAV's byte order directly. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Interleaves `frames` frames of the given channels into PCM bytes in `out` (which must hold
 * frames * channels * bytesPerSample bytes); returns the byte count. Integers are rounded (halves
 * up) and clamped. 16-bit and float output go through typed-array views of `out` when the machine's
 * byte order allows it (a DataView call per value made encoding slower than rendering).
 */
export function encodePcm(channels: readonly Float32Array[], frames: number, format: WavFormat, out: Uint8Array): number {
  const n = channels.length;
  const bytes = frames * n * bytesPerSample(format);
  if (LITTLE_ENDIAN && format === 's16' && out.byteOffset % 2 === 0) {
    const view = new Int16Array(out.buffer, out.byteOffset, bytes / 2);
    for (let c = 0; c < n; c++) {
      const x = channels[c] as Float32Array;
      for (let i = 0, o = c; i < frames; i++, o += n) {
        // floor(y + 0.5) is Math.round(y) for every float32 times 2^15 (the sum is exact), and
        // 3x faster; clamping first keeps NaN a NaN, which the store turns into 0 like setInt16.
        const y = (x[i] ?? 0) * 32768 + 0.5;
        view[o] = y >= 32767 ? 32767 : y <= -32768 ? -32768 : Math.floor(y);
      }
    }
    return bytes;
  }
  if (LITTLE_ENDIAN && format === 'f32' && out.byteOffset % 4 === 0) {
    const view = new Float32Array(out.buffer, out.byteOffset, bytes / 4);
    for (let c = 0; c < n; c++) {
      const x = channels[c] as Float32Array;
      for (let i = 0, o = c; i < frames; i++, o += n) view[o] = x[i] ?? 0;
    }
    return bytes;
  }
  if (format === 's24') {
    for (let c = 0; c < n; c++) {
      const x = channels[c] as Float32Array;
      for (let i = 0, o = 3 * c; i < frames; i++, o += 3 * n) {
        const y = (x[i] ?? 0) * 8388608 + 0.5;
        const v = y >= 8388607 ? 8388607 : y <= -8388608 ? -8388608 : Math.floor(y);
        out[o] = v & 0xff;
        out[o + 1] = (v >> 8) & 0xff;
        out[o + 2] = (v >> 16) & 0xff;
      }
    }
    return bytes;
  }
  return encodePcmPortable(channels, frames, format, out);
}

/** The same through a DataView: any byte order and alignment (and the reference the tests compare with). */
export function encodePcmPortable(channels: readonly Float32Array[], frames: number, format: WavFormat, out: Uint8Array): number {
  const n = channels.length;
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let o = 0;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < n; c++) {
      const x = (channels[c] as Float32Array)[i] ?? 0;
      if (format === 'f32') {
        view.setFloat32(o, x, true);
        o += 4;
      } else if (format === 's16') {
        const s = Math.max(-32768, Math.min(32767, Math.round(x * 32768)));
        view.setInt16(o, s, true);
        o += 2;
      } else {
        const s = Math.max(-8388608, Math.min(8388607, Math.round(x * 8388608)));
        out[o] = s & 0xff;
        out[o + 1] = (s >> 8) & 0xff;
        out[o + 2] = (s >> 16) & 0xff;
        o += 3;
      }
    }
  }
  return o;
}
