// `tracker render FILE -o OUT.wav`: renders a song to a WAV file (and per-channel stems) without the
// screen, streaming to a temporary file that replaces OUT only when complete.

import { closeSync, fsyncSync, mkdirSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { renderOffline } from '../../engine/offline-render.js';
import { createMix, createMaster, INTERPOLATIONS } from '../../engine/host/mix-setup.js';
import { songDuration } from '../../engine/replayer/player.js';
import { bytesPerSample, encodePcm, wavHeader, type WavFormat } from '../../engine/wav-encoder.js';
import type { InterpolationMode } from '../../engine/mixer/voice.js';
import { commitTemporary } from '../../storage/atomic-write.js';
import { loadSongFile } from '../../storage/song-file.js';
import { loadSettings } from '../../ui/settings/settings.js';
import { describeFsError, UserError } from '../../storage/user-error.js';
import type { Command } from '../command.js';

/** A WAV file being written: a temporary file renamed over the target at the end. */
class WavStream {
  private readonly tmp: string;
  private readonly fd: number;
  private frames = 0;
  private readonly buffer: Uint8Array;

  private readonly path: string;
  private readonly rate: number;
  private readonly format: WavFormat;

  private readonly backups: number;

  constructor(path: string, rate: number, format: WavFormat, maxChunk: number, backups: number) {
    this.backups = backups;
    this.path = path;
    this.rate = rate;
    this.format = format;
    this.tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    try {
      this.fd = openSync(this.tmp, 'w', 0o644);
      writeSync(this.fd, wavHeader(0, 2, rate, format));
    } catch (e) {
      throw new UserError(`${path}: cannot write: ${describeFsError(e)}`);
    }
    this.buffer = new Uint8Array(maxChunk * 2 * bytesPerSample(format));
  }

  write(left: Float32Array, right: Float32Array, frames: number): void {
    const n = encodePcm([left, right], frames, this.format, this.buffer);
    try {
      let off = 0;
      while (off < n) off += writeSync(this.fd, this.buffer, off, n - off);
    } catch (e) {
      this.abort();
      throw new UserError(`${this.path}: could not write: ${describeFsError(e)}`);
    }
    this.frames += frames;
  }

  finish(): void {
    try {
      writeSync(this.fd, wavHeader(this.frames, 2, this.rate, this.format), 0, 44, 0);
      fsyncSync(this.fd);
      closeSync(this.fd);
      commitTemporary(this.tmp, this.path, { backups: this.backups });
    } catch (e) {
      this.abort();
      throw new UserError(`${this.path}: could not save: ${describeFsError(e)}`);
    }
  }

  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      // Already closed.
    }
    try {
      unlinkSync(this.tmp);
    } catch {
      // Nothing to remove.
    }
  }
}

function progressBar(done: number, total: number): string {
  const width = 30;
  const f = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(f * width);
  const t = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(f * 100)).padStart(3)}% ${t(done)}/${t(total)}`;
}

export const renderCommand: Command = {
  spec: {
    name: 'render',
    summary: 'Render a song to a WAV file (48 kHz stereo by default), optionally one WAV per channel.',
    args: ['FILE'],
    options: [
      { name: 'output', short: 'o', type: 'string', value: 'OUT.wav', description: 'the WAV file to write (required)' },
      { name: 'rate', type: 'number', value: 'HZ', integer: true, min: 8000, max: 192000, description: 'sample rate, 8000..192000 (default 48000)' },
      { name: 'interp', type: 'choice', choices: INTERPOLATIONS, description: 'interpolation (default cubic)' },
      { name: 'format', type: 'choice', choices: ['s16', 's24', 'f32'], description: 'sample format (default s16)' },
      { name: 'stems', type: 'string', value: 'DIR', description: 'also write one WAV per channel into DIR' },
      { name: 'seconds', type: 'number', value: 'N', min: 0.001, max: 3600, description: 'render only the first N seconds' },
    ],
    details: ['A progress bar is shown on stderr when it is a terminal. Songs that never end stop after 60 minutes, with a warning.'],
  },
  async run(args, io) {
    const file = args.positionals[0] as string;
    const out = args.options['output'];
    if (typeof out !== 'string') throw new UserError('render needs -o OUT.wav (the file to write)');
    const rate = (args.options['rate'] as number | undefined) ?? 48000;
    const interp = ((args.options['interp'] as string | undefined) ?? 'cubic') as InterpolationMode;
    const format = ((args.options['format'] as string | undefined) ?? 's16') as WavFormat;
    const seconds = args.options['seconds'] as number | undefined;
    const stemsDir = args.options['stems'] as string | undefined;
    const loaded = loadSongFile(resolve(io.cwd, file), file);
    for (const w of loaded.warnings) io.err(`warning: ${file}: ${w}\n`);
    // Only the progress bar needs the length, and finding it plays the whole song once more.
    const total = io.stderrIsTty ? (seconds ?? songDuration(loaded.song).seconds) : 0;
    const chunk = 16384;
    const backups = loadSettings().preferences.backups;
    const main = new WavStream(resolve(io.cwd, out), rate, format, chunk, backups);
    let stemStreams: WavStream[] = [];
    if (stemsDir) {
      const dir = resolve(io.cwd, stemsDir);
      try {
        mkdirSync(dir, { recursive: true });
      } catch (e) {
        main.abort();
        throw new UserError(`${stemsDir}: cannot create: ${describeFsError(e)}`);
      }
      stemStreams = loaded.song.channels.map((c, i) => {
        const name = `${String(i + 1).padStart(2, '0')}${c.name ? `-${c.name.replace(/[^A-Za-z0-9_-]+/g, '_')}` : ''}.wav`;
        return new WavStream(join(dir, name), rate, format, chunk, backups);
      });
    }
    let done = 0;
    let lastDraw = 0;
    try {
      const summary = renderOffline(
        loaded.song,
        { sampleRate: rate, mix: createMix(rate, interp), master: createMaster(), chunkFrames: chunk, stems: stemStreams.length > 0, ...(seconds !== undefined ? { seconds } : {}) },
        (c) => {
          main.write(c.left, c.right, c.frames);
          c.stems.forEach((s, i) => stemStreams[i]?.write(s[0], s[1], c.frames));
          done += c.frames;
          const now = Date.now();
          if (io.stderrIsTty && now - lastDraw > 100) {
            lastDraw = now;
            io.err(progressBar(done / rate, total));
          }
        },
      );
      main.finish();
      for (const s of stemStreams) s.finish();
      if (io.stderrIsTty) io.err(`${progressBar(done / rate, done / rate)}\n`);
      if (summary.capped) io.err(`warning: ${file}: the song did not end within 60 minutes; the render stops there\n`);
    } catch (e) {
      main.abort();
      for (const s of stemStreams) s.abort();
      throw e;
    }
    return 0;
  },
};
