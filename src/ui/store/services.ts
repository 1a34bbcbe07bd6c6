// The outside world as the store sees it: the engine, songs and WAVs on disk, folder listings and
// the recent-files list. The real implementations use the storage layer; tests pass their own.

import { readdirSync, statSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import type { EngineClient } from '../../engine/protocol.js';
import { codecForWriting, loadSongFile, type LoadedSong, writeFileAtomic } from '../../storage/song-file.js';
import { loadWavFile } from '../../storage/wav-file.js';
import type { WavReadResult } from '../../formats/wav/wav-read.js';
import { createSong } from '../../song/create.js';
import { addSample } from '../../song/edit-instrument.js';
import type { Song } from '../../song/song.js';
import { synthesize } from '../../song/synth.js';
import type { SavePreference } from '../settings/settings.js';
import type { FileEntry } from './app-state.js';

/** A song encoded for a path, with what the format cannot hold. */
export interface EncodedSong {
  readonly bytes: Uint8Array;
  readonly warnings: readonly string[];
  readonly formatName: string;
}

/** Everything the store does outside itself. */
export interface Services {
  readonly engine: EngineClient;
  readonly loadSong: (path: string) => LoadedSong;
  /** Encodes for the format `path`'s extension names; throws UserError when none can be written. */
  readonly encodeSong: (path: string, song: Song) => EncodedSong;
  /** Writes atomically; throws UserError on failure (the old file stays as it was). */
  /** Writes atomically, keeping `backups` previous versions of a file it replaces. */
  readonly writeFile: (path: string, bytes: Uint8Array, backups: number) => void;
  readonly loadWav: (path: string) => WavReadResult;
  readonly listDir: (dir: string) => FileEntry[];
  readonly addRecentFile: (path: string) => void;
  readonly recentFiles: () => readonly string[];
  readonly newSong: () => Song;
  /** Writes a preference to the settings file (never throws; a read-only file just forgets it). */
  readonly savePreference: SavePreference;
}

/** Extensions the files screen lists (songs, modules and WAV samples). */
const LISTED = new Set(['.trk', '.mod', '.xm', '.s3m', '.it', '.mptm', '.wav']);

/** Folders first, then files the tracker can use, by name; ".." unless at the root. */
export function listFolder(dir: string): FileEntry[] {
  const entries: FileEntry[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (d.name.startsWith('.')) continue;
    let isDirectory = d.isDirectory();
    let size = 0;
    if (d.isSymbolicLink() || d.isFile()) {
      try {
        const st = statSync(join(dir, d.name));
        isDirectory = st.isDirectory();
        size = st.size;
      } catch {
        continue;
      }
    }
    if (isDirectory || LISTED.has(extname(d.name).toLowerCase())) entries.push({ name: d.name, isDirectory, size });
  }
  entries.sort((a, b) => (a.isDirectory === b.isDirectory ? a.name.localeCompare(b.name) : a.isDirectory ? -1 : 1));
  return dirname(dir) === dir ? entries : [{ name: '..', isDirectory: true, size: 0 }, ...entries];
}

/** A new song: 8 channels, IT rules, one synthesised lead sample so notes sound at once. */
export function defaultNewSong(): Song {
  return addSample(createSong({ channels: 8 }), synthesize('lead')).song;
}

/** Services backed by the file system and the given engine. */
export function nodeServices(
  engine: EngineClient,
  recent: { readonly add: (path: string) => void; readonly list: () => readonly string[] },
  savePreference: Services['savePreference'] = () => {},
): Services {
  return {
    engine,
    loadSong: (path) => loadSongFile(path),
    encodeSong: (path, song) => {
      const codec = codecForWriting(path);
      const { bytes, warnings } = codec.write(song);
      return { bytes, warnings, formatName: codec.name };
    },
    writeFile: (path, bytes, backups) => writeFileAtomic(path, bytes, { backups }),
    loadWav: (path) => loadWavFile(path),
    listDir: listFolder,
    addRecentFile: recent.add,
    recentFiles: recent.list,
    newSong: defaultNewSong,
    savePreference,
  };
}
