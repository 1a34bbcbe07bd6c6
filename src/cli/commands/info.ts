// `tracker info FILE [--json]`: what a song file holds, for people and for scripts.

import { resolve } from 'node:path';
import { songDuration } from '../../engine/replayer/player.js';
import { loadSongFile } from '../../storage/song-file.js';
import type { Song } from '../../song/song.js';
import type { Command } from '../command.js';

/** The fields of `tracker info --json`, in this order. */
export interface SongInfo {
  readonly title: string;
  readonly format: string;
  readonly channels: number;
  readonly orders: number;
  readonly patterns: number;
  readonly instruments: number;
  readonly samples: number;
  readonly durationSeconds: number | null;
}

/** The info fields of a song; `durationSeconds` is the length of subsong 0 played once. */
export function songInfo(song: Song, format: string, durationSeconds: number | null): SongInfo {
  return {
    title: song.title,
    format,
    channels: song.channels.length,
    orders: song.orders.length,
    patterns: song.patterns.length,
    instruments: song.instruments.length,
    samples: song.samples.length,
    durationSeconds,
  };
}

function formatDuration(seconds: number | null): string {
  if (seconds === null) return 'unknown';
  const m = Math.floor(seconds / 60);
  const s = seconds - m * 60;
  return `${m}:${s.toFixed(1).padStart(4, '0')} (${seconds.toFixed(3)} s)`;
}

export const infoCommand: Command = {
  spec: {
    name: 'info',
    summary: 'Print what a song or module holds: title, format, channels, orders, patterns, instruments, samples, duration.',
    args: ['FILE'],
    options: [{ name: 'json', type: 'flag', description: 'print one JSON object (keys: title, format, channels, orders, patterns, instruments, samples, durationSeconds)' }],
  },
  async run(args, io) {
    const file = args.positionals[0] as string;
    const loaded = loadSongFile(resolve(io.cwd, file), file);
    const duration = songDuration(loaded.song);
    const info = songInfo(loaded.song, loaded.format.id, Math.round(duration.seconds * 1000) / 1000);
    if (duration.capped) io.err(`warning: ${file}: the song did not end within ${duration.seconds / 60} minutes; duration capped\n`);
    if (args.options['json'] === true) {
      io.out(`${JSON.stringify(info)}\n`);
      return 0;
    }
    const rows: [string, string][] = [
      ['file', file],
      ['format', `${info.format} (${loaded.format.name})`],
      ['title', info.title],
      ['tracker', loaded.song.origin.tracker],
      ['channels', String(info.channels)],
      ['orders', String(info.orders)],
      ['patterns', String(info.patterns)],
      ['instruments', String(info.instruments)],
      ['samples', String(info.samples)],
      ['duration', formatDuration(info.durationSeconds)],
    ];
    io.out(rows.map(([k, v]) => `${`${k}:`.padEnd(13)}${v}`).join('\n') + '\n');
    for (const w of loaded.warnings) io.err(`warning: ${file}: ${w}\n`);
    return 0;
  },
};
