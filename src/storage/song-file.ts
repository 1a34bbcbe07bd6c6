// Songs on disk: read any supported file by content, and write one safely (see atomic-write.ts) so a
// failed save never leaves a broken file.

import { readFileSync, statSync } from 'node:fs';
import { FormatError } from '../formats/common/format-error.js';
import { allCodecs, codecForExtension, readSong, type Codec } from '../formats/registry.js';
import type { Song } from '../song/song.js';
import { writeFileAtomic, type AtomicWriteOptions } from './atomic-write.js';
import { describeFsError, UserError } from './user-error.js';

export { writeFileAtomic };

/** Largest file tracker will read (a song bigger than this is not a song). */
export const MAX_SONG_FILE_BYTES = 512 * 1024 * 1024;

export interface LoadedSong {
  readonly song: Song;
  readonly warnings: readonly string[];
  readonly format: Codec;
}

/** Reads a song file of any known format. Throws UserError with a one-line message naming the file. */
export function loadSongFile(path: string, label = path): LoadedSong {
  let bytes: Uint8Array;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new UserError(`${label}: is a directory, not a song file`);
    if (st.size > MAX_SONG_FILE_BYTES) throw new UserError(`${label}: ${Math.round(st.size / 1048576)} MB is too large for a song file`);
    bytes = readFileSync(path);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`${label}: ${describeFsError(e)}`);
  }
  try {
    const result = readSong(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return result;
  } catch (e) {
    if (e instanceof FormatError) throw new UserError(e.describe(label));
    throw e;
  }
}

/** Picks the codec that writes `path` by its extension, or explains which extensions work. */
export function codecForWriting(path: string): Codec & { write: NonNullable<Codec['write']> } {
  const codec = codecForExtension(path);
  if (!codec) throw new UserError(`${path}: unknown file type; use one of: ${writableExtensions()}`);
  const write = codec.write;
  if (!write) throw new UserError(`${path}: writing ${codec.name} files is not supported yet; use one of: ${writableExtensions()}`);
  return { ...codec, write };
}

function writableExtensions(): string {
  return allCodecs().filter((c) => c.write).flatMap((c) => c.extensions.map((e) => `.${e}`)).join(', ');
}

/** Encodes and writes a song to `path` in the format its extension names; returns the warnings. */
export function saveSongFile(path: string, song: Song, options: AtomicWriteOptions = {}): readonly string[] {
  const codec = codecForWriting(path);
  const { bytes, warnings } = codec.write(song);
  writeFileAtomic(path, bytes, options);
  return warnings;
}
