// OpenMPT's extended song properties ("STPM" then code/size/value fields) that IT and MPTM files
// saved by ModPlug Tracker and OpenMPT carry after the sample data: channel count beyond what the
// patterns use, default tempo, row highlights, the saving version, mix levels and playback
// compatibility bits, the tempo mode and swing. Unknown fields are skipped.

import type { TempoMode } from '../../song/profile.js';

/** The fields of OpenMPT's song extension block that the reader uses. */
export interface SongExtensions {
  /** True when the file has the block at all (OpenMPT then resets its playback rules). */
  readonly present?: boolean;
  readonly channels?: number;
  readonly tempo?: number;
  readonly rowsPerBeat?: number;
  readonly rowsPerMeasure?: number;
  /** "LSWV": OpenMPT version that last saved the file (0x01330012 = 1.33.00.12). */
  readonly lastSavedWith?: number;
  /** "PMM.": OpenMPT mix levels (0 = ModPlug's original levels). */
  readonly mixLevels?: number;
  /** "RP..": restart order. */
  readonly restartOrder?: number;
  /** "DGV.": initial global volume 0..256 (OpenMPT's scale, twice IT's). */
  readonly globalVolume?: number;
  /** "SPA.": sample pre-amp (IT mix volume). */
  readonly preAmp?: number;
  /** "MSF.": OpenMPT playback behaviour bits, least significant bit of byte 0 first. */
  readonly playBehaviour?: Uint8Array;
  /** "TM..": tempo mode (0 classic, 1 alternative, 2 modern). */
  readonly tempoMode?: number;
  /** "DTFR": fractional part of the initial tempo in 1/10000. */
  readonly tempoFraction?: number;
  /** "SWNG": tempo swing factors, normalised as OpenMPT does (1 = unchanged). */
  readonly tempoSwing?: readonly number[];
}

/** OpenMPT's swing unity (factors are 8.24 fixed point). */
const SWING_UNITY = 2 ** 24;

/**
 * Reads OpenMPT's tempo swing (u16 count, u32 factors) and normalises it as OpenMPT does; with
 * `rows`, first resized to that many rows (new rows unchanged), as OpenMPT fits a pattern's swing to
 * its rows per beat.
 */
export function readSwing(b: Uint8Array, o: number, size: number, rows?: number): number[] {
  if (size < 2) return [];
  const count = Math.min((b[o] ?? 0) | ((b[o + 1] ?? 0) << 8), Math.floor((size - 2) / 4));
  const read = Array.from({ length: count }, (_, i) => u32(b, o + 2 + i * 4, 4));
  const sized = rows === undefined || read.length === 0 ? read : Array.from({ length: rows }, (_, i) => read[i] ?? SWING_UNITY);
  const raw = sized.map((v) => Math.max(SWING_UNITY / 4, Math.min(SWING_UNITY * 4, v)));
  if (raw.length === 0) return [];
  // Normalise so the factors average to exactly unity (the rounding remainder goes to the first).
  const mean = Math.floor(raw.reduce((a, v) => a + v, 0) / raw.length);
  let remain = SWING_UNITY * raw.length;
  const norm = raw.map((v) => {
    const n = Math.floor((v * SWING_UNITY) / mean + 0.5);
    remain -= n;
    return n;
  });
  norm[0] = (norm[0] ?? 0) + remain;
  return norm.map((v) => v / SWING_UNITY);
}

function u32(b: Uint8Array, o: number, size: number): number {
  let v = 0;
  for (let i = 0; i < Math.min(size, 4); i++) v += (b[o + i] ?? 0) * 2 ** (8 * i);
  return v;
}

/** Finds and reads the last "STPM" block of the file; an empty object when there is none. */
export function readSongExtensions(bytes: Uint8Array, from: number): SongExtensions {
  let at = -1;
  for (let i = bytes.length - 4; i >= from; i--) {
    if (bytes[i] === 0x53 && bytes[i + 1] === 0x54 && bytes[i + 2] === 0x50 && bytes[i + 3] === 0x4d) {
      at = i;
      break;
    }
  }
  if (at < 0) return {};
  const out: { -readonly [K in keyof SongExtensions]: SongExtensions[K] } = { present: true };
  let o = at + 4;
  while (o + 6 <= bytes.length) {
    const code = String.fromCharCode(bytes[o]!, bytes[o + 1]!, bytes[o + 2]!, bytes[o + 3]!);
    const raw = u32(bytes, o, 4);
    const size = bytes[o + 4]! | (bytes[o + 5]! << 8);
    if (code === '228\x04' || raw & 0x80808080 || !(raw & 0x60606060) || o + 6 + size > bytes.length) break;
    const v = u32(bytes, o + 6, size);
    if (code === '...C') out.channels = v;
    else if (code === '..TD') out.tempo = v;
    else if (code === '.BPR') out.rowsPerBeat = v;
    else if (code === '.MPR') out.rowsPerMeasure = v;
    else if (code === 'VWSL') out.lastSavedWith = v;
    else if (code === '.MMP') out.mixLevels = v;
    else if (code === '..PR') out.restartOrder = v;
    else if (code === '.VGD') out.globalVolume = v;
    else if (code === '.APS') out.preAmp = v;
    else if (code === '.FSM') out.playBehaviour = bytes.slice(o + 6, o + 6 + size);
    else if (code === '..MT') out.tempoMode = v;
    else if (code === 'DTFR') out.tempoFraction = v;
    else if (code === 'SWNG') out.tempoSwing = readSwing(bytes, o + 6, size);
    o += 6 + size;
  }
  return out;
}

/** The tempo mode and swing an extension block sets (classic and none when absent or unknown). */
export function profileTiming(ext: SongExtensions): { tempoMode: TempoMode; tempoSwing: readonly number[] } {
  const tempoMode: TempoMode = ext.tempoMode === 1 ? 'alternative' : ext.tempoMode === 2 ? 'modern' : 'classic';
  return { tempoMode, tempoSwing: tempoMode === 'modern' ? (ext.tempoSwing ?? []) : [] };
}

/** The initial tempo with OpenMPT's fractional part (1/10000 BPM) added. */
export function withTempoFraction(tempo: number, ext: SongExtensions): number {
  const f = ext.tempoFraction ?? 0;
  return f > 0 && f < 10000 ? Math.trunc(tempo) + f / 10000 : tempo;
}
