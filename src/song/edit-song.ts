// Pure edits of the song's global settings (title, initial speed and tempo, highlights, volumes),
// each value clamped to what the model allows.

import type { Song } from './song.js';

/** The song-wide settings the settings screen edits. */
export type SongSettings = Pick<Song,
  'title' | 'message' | 'initialSpeed' | 'initialTempo' | 'globalVolume' | 'mixVolume' |
  'stereoSeparation' | 'rowsPerBeat' | 'rowsPerMeasure' | 'restartOrder' | 'notation'>;

/** Valid range of each numeric setting. */
export const SETTING_RANGES = {
  initialSpeed: { min: 1, max: 255 },
  initialTempo: { min: 32, max: 255 },
  globalVolume: { min: 0, max: 128 },
  mixVolume: { min: 0, max: 128 },
  stereoSeparation: { min: 0, max: 128 },
  rowsPerBeat: { min: 1, max: 64 },
  rowsPerMeasure: { min: 1, max: 256 },
  restartOrder: { min: 0, max: 255 },
} as const;

function clamp(v: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, Math.round(Number.isFinite(v) ? v : min)));
}

/** Changes song settings; numbers are clamped to SETTING_RANGES, rows per measure to at least rows per beat. */
export function setSongSettings(song: Song, changes: Partial<SongSettings>): Song {
  const next: Song = { ...song, ...changes };
  const r = SETTING_RANGES;
  const rowsPerBeat = clamp(next.rowsPerBeat, r.rowsPerBeat.min, r.rowsPerBeat.max);
  return {
    ...next,
    title: next.title.replace(/[\r\n]/g, ' '),
    initialSpeed: clamp(next.initialSpeed, r.initialSpeed.min, r.initialSpeed.max),
    initialTempo: clamp(next.initialTempo, r.initialTempo.min, r.initialTempo.max),
    globalVolume: clamp(next.globalVolume, r.globalVolume.min, r.globalVolume.max),
    mixVolume: clamp(next.mixVolume, r.mixVolume.min, r.mixVolume.max),
    stereoSeparation: clamp(next.stereoSeparation, r.stereoSeparation.min, r.stereoSeparation.max),
    rowsPerBeat,
    rowsPerMeasure: clamp(Math.max(next.rowsPerMeasure, rowsPerBeat), r.rowsPerMeasure.min, r.rowsPerMeasure.max),
    restartOrder: clamp(next.restartOrder, 0, Math.max(0, song.orders.length - 1)),
  };
}
