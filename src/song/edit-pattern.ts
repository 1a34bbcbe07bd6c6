// Pure edits of whole patterns and of the song's channel layout: add, clone, change the length,
// change the channel count (every pattern and the channel list together).

import { createChannel } from './create.js';
import { clonePattern, createPattern, MAX_CHANNELS, MAX_ROWS, MIN_ROWS, resizePattern, type Pattern } from './pattern.js';
import type { Channel, Song } from './song.js';

/** The largest number of patterns a song may hold (the widest format, IT, allows 240). */
export const MAX_PATTERNS = 240;

/** A song with a pattern appended, and the new pattern's index; the song is unchanged when full. */
export interface AddedPattern {
  readonly song: Song;
  readonly index: number;
}

/** Appends an empty pattern with `rows` rows (default: as long as pattern `like`, or 64). */
export function addPattern(song: Song, rows?: number, like = 0): AddedPattern {
  if (song.patterns.length >= MAX_PATTERNS) return { song, index: -1 };
  const model = song.patterns[like];
  const pattern = createPattern(clampRows(rows ?? model?.rows ?? 64), song.channels.length, model?.effectColumns ?? 1);
  return { song: { ...song, patterns: [...song.patterns, pattern] }, index: song.patterns.length };
}

/** Appends a copy of pattern `index`. */
export function clonePatternAt(song: Song, index: number): AddedPattern {
  const source = song.patterns[index];
  if (!source || song.patterns.length >= MAX_PATTERNS) return { song, index: -1 };
  return { song: { ...song, patterns: [...song.patterns, clonePattern(source)] }, index: song.patterns.length };
}

function clampRows(rows: number): number {
  return Math.max(MIN_ROWS, Math.min(MAX_ROWS, Math.round(rows)));
}

/** Changes the number of rows of a pattern: rows past the new end are dropped, new rows are empty. */
export function setPatternLength(song: Song, index: number, rows: number): Song {
  const pattern = song.patterns[index];
  if (!pattern) return song;
  const n = clampRows(rows);
  if (n === pattern.rows) return song;
  const patterns = song.patterns.slice();
  patterns[index] = resizePattern(pattern, n, pattern.channels);
  return { ...song, patterns };
}

/** Renames a pattern. */
export function setPatternName(song: Song, index: number, name: string): Song {
  const pattern = song.patterns[index];
  if (!pattern) return song;
  const patterns = song.patterns.slice();
  patterns[index] = { ...pattern, name };
  return { ...song, patterns };
}

/**
 * Gives a pattern its own rows per beat and per measure (0 rows per beat: back to the song's). The
 * measure is kept at least a beat long, as OpenMPT requires.
 */
export function setPatternSignature(song: Song, index: number, rowsPerBeat: number, rowsPerMeasure: number): Song {
  const pattern = song.patterns[index];
  if (!pattern) return song;
  const patterns = song.patterns.slice();
  const beat = Math.max(0, Math.min(64, Math.round(rowsPerBeat)));
  if (beat === 0) {
    const { signature: _dropped, ...rest } = pattern;
    patterns[index] = rest;
  } else {
    patterns[index] = { ...pattern, signature: { rowsPerBeat: beat, rowsPerMeasure: Math.max(beat, Math.min(256, Math.round(rowsPerMeasure))) } };
  }
  return { ...song, patterns };
}

/** Sets the number of channels: channels past the new count are dropped from every pattern, new ones are empty. */
export function setChannelCount(song: Song, count: number): Song {
  const n = Math.max(1, Math.min(MAX_CHANNELS, Math.round(count)));
  if (n === song.channels.length) return song;
  const channels: Channel[] = song.channels.slice(0, n);
  while (channels.length < n) channels.push(createChannel());
  const patterns: Pattern[] = song.patterns.map((p) => resizePattern(p, p.rows, n));
  return { ...song, channels, patterns };
}

/** Changes a channel's settings (name, initial pan and volume, mute, surround). */
export function setChannel(song: Song, index: number, changes: Partial<Channel>): Song {
  const channel = song.channels[index];
  if (!channel) return song;
  const channels = song.channels.slice();
  channels[index] = {
    ...channel,
    ...changes,
    pan: Math.max(0, Math.min(256, Math.round(changes.pan ?? channel.pan))),
    volume: Math.max(0, Math.min(64, Math.round(changes.volume ?? channel.volume))),
  };
  return { ...song, channels };
}
