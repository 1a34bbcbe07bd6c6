// A per-tick oracle for replayer tests: writes a small song with our writers, renders it with
// libopenmpt (openmpt123, linear interpolation, no volume ramping) and with our player, and reads back
// each tick's gains, sample position and playback rate from the audio, so the two can be compared.
// Samples are swapped for a ramp (value = position) and a constant (value = gain) before rendering.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mixVoices } from '../../src/engine/mixer/mixer.js';
import { Player } from '../../src/engine/replayer/player.js';
import { allCodecs, readSong } from '../../src/formats/registry.js';
import type { Sample, Song } from '../../src/song/song.js';

const RATE = 48000;

/** What the oracle measured on one tick of the subject channel. */
export interface TickMeasure {
  readonly tick: number;
  readonly frames: number;
  /** Linear gain per side (1 = full scale). */
  readonly gainLeft: number;
  readonly gainRight: number;
  /** Sample position (frames) at the start of the tick; NaN when silent. */
  readonly position: number;
  /** Playback rate in Hz (sample frames per second); NaN when silent. */
  readonly frequency: number;
  /** The voice fell silent inside the tick (sample end): gains at the tick end are not comparable. */
  readonly endsInside: boolean;
}

/** The ramp's period in sample frames: 8-bit samples (MOD) hold fewer distinct values. */
function rampPeriod(bits: 8 | 16): number {
  return bits === 8 ? 128 : 32768;
}

export function withPcm(song: Song, kind: 'ramp' | 'dc'): Song {
  const bits: 8 | 16 = song.profile.base === 'mod' ? 8 : 16;
  const samples = song.samples.map((s): Sample => {
    const frames = Math.floor(s.pcm.data.length / s.pcm.channels);
    if (frames === 0) return s;
    const period = rampPeriod(bits);
    if (bits === 8) {
      const data = Int8Array.from({ length: frames }, (_, i) => (kind === 'dc' ? 64 : i % period));
      return { ...s, pcm: { bits: 8, channels: 1, data } };
    }
    const data = Int16Array.from({ length: frames }, (_, i) => (kind === 'dc' ? 16384 : i % period));
    return { ...s, pcm: { bits: 16, channels: 1, data } };
  });
  return { ...song, samples };
}

/** Writes a song in its base format's module format (MOD/XM/S3M/IT). */
export function writeModule(song: Song): Uint8Array {
  const id = song.profile.base;
  const codec = allCodecs().find((c) => c.id === id);
  if (!codec?.write) throw new Error(`no writer for ${id}`);
  return codec.write(song).bytes;
}

function readFloatWav(path: string): { left: Float32Array; right: Float32Array } {
  const b = readFileSync(path);
  let off = 12;
  let fmtBits = 0;
  let fmtTag = 0;
  while (off + 8 <= b.length) {
    const id = b.toString('ascii', off, off + 4);
    const size = b.readUInt32LE(off + 4);
    if (id === 'fmt ') {
      fmtTag = b.readUInt16LE(off + 8);
      fmtBits = b.readUInt16LE(off + 22);
    } else if (id === 'data') {
      if (fmtBits !== 32 || (fmtTag !== 3 && fmtTag !== 0xfffe)) throw new Error('expected a float WAV');
      const n = Math.floor(size / 8);
      const left = new Float32Array(n);
      const right = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        left[i] = b.readFloatLE(off + 8 + i * 8);
        right[i] = b.readFloatLE(off + 12 + i * 8);
      }
      return { left, right };
    }
    off += 8 + size + (size & 1);
  }
  throw new Error('no data chunk');
}

function renderOpenmpt(bytes: Uint8Array, ext: string, seconds: number): { left: Float32Array; right: Float32Array } {
  const dir = mkdtempSync(join(tmpdir(), 'oracle-'));
  try {
    const mod = join(dir, `song.${ext}`);
    const wav = join(dir, 'out.wav');
    writeFileSync(mod, bytes);
    execFileSync('openmpt123', [
      '--batch', '--quiet', '--no-progress', '--no-meters', '--subsong', '0', '--repeat', '0', '--end-time', String(seconds),
      '--samplerate', String(RATE), '--channels', '2', '--float', '--dither', '0', '--gain', '0', '--stereo', '100',
      '--filter', '2', '--ramping', '0', '--force', '-o', wav, '--', mod,
    ], { stdio: 'pipe' });
    return readFloatWav(wav);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Renders with our player (linear interpolation, no ramping); also returns the tick lengths. */
function renderOurs(song: Song, ticks: number): { left: Float32Array; right: Float32Array; tickFrames: number[] } {
  const player = new Player(song, { sampleRate: RATE });
  const tickFrames: number[] = [];
  const chunks: { l: Float32Array; r: Float32Array }[] = [];
  for (let t = 0; t < ticks; t++) {
    const n = player.nextTick();
    if (n === 0) break;
    tickFrames.push(n);
    const l = new Float32Array(n);
    const r = new Float32Array(n);
    mixVoices(player.voices, l, r, 0, n, { sampleRate: RATE, interpolation: 'linear', rampFrames: 1 });
    chunks.push({ l, r });
  }
  const total = tickFrames.reduce((a, b) => a + b, 0);
  const left = new Float32Array(total);
  const right = new Float32Array(total);
  let o = 0;
  for (const c of chunks) {
    left.set(c.l, o);
    right.set(c.r, o);
    o += c.l.length;
  }
  return { left, right, tickFrames };
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function analyse(dc: { left: Float32Array; right: Float32Array }, ramp: { left: Float32Array; right: Float32Array }, tickFrames: number[], bits: 8 | 16): TickMeasure[] {
  const dcValue = bits === 8 ? 64 / 128 : 16384 / 32768;
  const scale = bits === 8 ? 128 : 32768;
  const out: TickMeasure[] = [];
  let start = 0;
  tickFrames.forEach((frames, tick) => {
    const end = Math.min(start + frames, dc.left.length, ramp.left.length);
    // libopenmpt ramps volume changes across a whole tick: the gain is what the tick ends on.
    const tail = (a: Float32Array) => {
      if (end - start < 2) return (a[start] ?? 0) / dcValue;
      const last = a[end - 1] ?? 0;
      return (last + (last - (a[end - 2] ?? 0))) / dcValue;
    };
    const gainLeft = tail(dc.left);
    const gainRight = tail(dc.right);
    const useLeft = Math.abs(gainLeft) >= Math.abs(gainRight);
    const dcSide = useLeft ? dc.left : dc.right;
    const rampSide = useLeft ? ramp.left : ramp.right;
    let position = NaN;
    let frequency = NaN;
    // Position per frame = ramp / constant (same gains in both renders); unwrap loop jumps, then fit a line.
    const raw: number[] = [];
    const at: number[] = [];
    for (let i = start; i < end; i++) {
      const g = dcSide[i] ?? 0;
      if (Math.abs(g) < 1e-5) continue;
      raw.push(((rampSide[i] ?? 0) / g) * dcValue * scale);
      at.push(i - start);
    }
    const steps: number[] = [];
    for (let k = 1; k < raw.length; k++) steps.push((raw[k] ?? 0) - (raw[k - 1] ?? 0));
    const typical = median(steps);
    // Split at loop wraps (and the interpolated frames next to them); fit one slope to all pieces.
    const segments: { x: number[]; y: number[] }[] = [{ x: [], y: [] }];
    for (let k = 0; k < raw.length; k++) {
      const jump = k > 0 && ((at[k] ?? 0) - (at[k - 1] ?? 0) > 1 || Math.abs((steps[k - 1] ?? 0) - typical) > Math.max(1.5, 3 * Math.abs(typical)));
      if (jump) segments.push({ x: [], y: [] });
      const seg = segments[segments.length - 1] as { x: number[]; y: number[] };
      seg.x.push(at[k] ?? 0);
      seg.y.push(raw[k] ?? 0);
    }
    let sxy = 0;
    let sxx = 0;
    let count = 0;
    const trimmed = segments.map((seg, i) => {
      const lo = i > 0 ? 2 : 0;
      const hi = i < segments.length - 1 ? seg.x.length - 2 : seg.x.length;
      return { x: seg.x.slice(lo, Math.max(lo, hi)), y: seg.y.slice(lo, Math.max(lo, hi)) };
    });
    for (const seg of trimmed) {
      const n = seg.x.length;
      if (n < 2) continue;
      const mx = seg.x.reduce((p, q) => p + q, 0) / n;
      const my = seg.y.reduce((p, q) => p + q, 0) / n;
      for (let k = 0; k < n; k++) {
        sxy += ((seg.x[k] ?? 0) - mx) * ((seg.y[k] ?? 0) - my);
        sxx += ((seg.x[k] ?? 0) - mx) ** 2;
      }
      count += n;
    }
    const first = trimmed.find((seg) => seg.x.length > 0);
    if (count > frames / 2 && count > 8 && first) {
      const inc = sxx > 0 ? sxy / sxx : 0;
      frequency = inc * RATE;
      const n = first.x.length;
      const mx = first.x.reduce((p, q) => p + q, 0) / n;
      const my = first.y.reduce((p, q) => p + q, 0) / n;
      position = my - inc * mx;
    }
    let zeros = 0;
    while (zeros < end - start && (dc.left[end - 1 - zeros] ?? 0) === 0 && (dc.right[end - 1 - zeros] ?? 0) === 0) zeros++;
    const endsInside = zeros > 0 && zeros < end - start;
    out.push({ tick, frames, gainLeft, gainRight, position, frequency, endsInside });
    start += frames;
  });
  return out;
}

/** Both engines' measurements of the first `ticks` ticks (the song should play one voice at a time). */
export function measure(song: Song, ticks: number): { ours: TickMeasure[]; ref: TickMeasure[]; readBack: Song } {
  const bits: 8 | 16 = song.profile.base === 'mod' ? 8 : 16;
  const ext = song.profile.base;
  const rampBytes = writeModule(withPcm(song, 'ramp'));
  const dcBytes = writeModule(withPcm(song, 'dc'));
  const rampSong = readSong(rampBytes).song;
  const dcSong = readSong(dcBytes).song;
  const oursRamp = renderOurs(rampSong, ticks);
  const oursDc = renderOurs(dcSong, ticks);
  const seconds = oursRamp.left.length / RATE + 0.05;
  const refRamp = renderOpenmpt(rampBytes, ext, seconds);
  const refDc = renderOpenmpt(dcBytes, ext, seconds);
  return {
    ours: analyse(oursDc, oursRamp, oursRamp.tickFrames, bits),
    ref: analyse(refDc, refRamp, oursRamp.tickFrames, bits),
    readBack: rampSong,
  };
}

const fmt = (v: number, d = 1): string => (Number.isNaN(v) ? '   -   ' : v.toFixed(d).padStart(7));

/** A table of both measurements with a mark on ticks that differ. */
export function compareTable(ours: TickMeasure[], ref: TickMeasure[]): { text: string; mismatches: number } {
  const lines = ['tick  | ours: freq     gainL   gainR     pos  | ref: freq     gainL   gainR     pos'];
  let mismatches = 0;
  let afterEnd = false;
  ours.forEach((a, i) => {
    const b = ref[i];
    if (!b) return;
    const freqOk = (Number.isNaN(a.frequency) && Number.isNaN(b.frequency)) || Math.abs(a.frequency - b.frequency) <= Math.max(5, b.frequency * 0.002);
    const gainOk = Math.abs(a.gainLeft - b.gainLeft) <= Math.max(5e-4, Math.abs(b.gainLeft) * 0.02) && Math.abs(a.gainRight - b.gainRight) <= Math.max(5e-4, Math.abs(b.gainRight) * 0.02);
    const posOk = Number.isNaN(a.position) || Number.isNaN(b.position) || Math.abs(a.position - b.position) <= 2;
    // libopenmpt lets a stopped voice's last level decay for a few ticks (click removal): not a voice.
    if (a.endsInside || b.endsInside) afterEnd = true;
    else if (!Number.isNaN(a.position)) afterEnd = false;
    const ok = (freqOk && gainOk && posOk) || a.endsInside || b.endsInside || (afterEnd && Number.isNaN(a.position));
    if (!ok) mismatches++;
    lines.push(`${String(i).padStart(4)} ${ok ? ' ' : '*'} | ${fmt(a.frequency)} ${fmt(a.gainLeft * 1000, 2)} ${fmt(a.gainRight * 1000, 2)} ${fmt(a.position)} | ${fmt(b.frequency)} ${fmt(b.gainLeft * 1000, 2)} ${fmt(b.gainRight * 1000, 2)} ${fmt(b.position)}`);
  });
  return { text: lines.join('\n'), mismatches };
}

/** The song length libopenmpt reports (subsong 0), in seconds, for a module written from `song`. */
export function referenceDuration(song: Song): number {
  const dir = mkdtempSync(join(tmpdir(), 'oracle-'));
  try {
    const mod = join(dir, `song.${song.profile.base}`);
    writeFileSync(mod, writeModule(song));
    const out = execFileSync('openmpt123', ['--info', '--no-progress', '--subsong', '0', '--', mod], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const m = /Duration\.*:\s*(?:(\d+):)?(\d+):(\d+(?:\.\d+)?)/.exec(out);
    if (!m) throw new Error(`no duration in openmpt123 --info output:\n${out}`);
    return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
