// The list of song codecs: how to recognise each format by content, read it, and write it.
// Callers probe bytes here instead of trusting file extensions (real files include XMs named .mod).

import type { Song } from '../song/song.js';
import { FormatError, type ReadResult, type WriteResult } from './common/format-error.js';
import { probeTrk, readTrk } from './native/trk-read.js';
import { writeTrk } from './native/trk-write.js';
import { modCodec } from './mod/index.js';
import { s3mCodec } from './s3m/index.js';
import { xmCodec } from './xm/index.js';
import { itCodec } from './it/index.js';

/** Identifiers of the formats tracker knows. */
export type FormatId = 'trk' | 'mod' | 'xm' | 's3m' | 'it';

export interface Codec {
  readonly id: FormatId;
  /** Human name, e.g. "FastTracker 2 module". */
  readonly name: string;
  /** File extensions (lower case, without dot) that suggest this format when writing. */
  readonly extensions: readonly string[];
  /** True when the bytes look like this format. */
  readonly probe: (bytes: Uint8Array) => boolean;
  readonly read: (bytes: Uint8Array) => ReadResult<Song>;
  /** Absent until the format's writer exists. */
  readonly write?: (song: Song) => WriteResult;
}

const codecs: Codec[] = [
  {
    id: 'trk',
    name: 'tracker song (text)',
    extensions: ['trk'],
    probe: probeTrk,
    read: readTrk,
    write: (song) => ({ bytes: writeTrk(song), warnings: [] }),
  },
  itCodec,
  xmCodec,
  s3mCodec,
  // MOD last: its tag sits at byte 1080 and 15-sample files have no magic at all, so every
  // format with a real signature gets the first say.
  modCodec,
];

/** Adds a codec (module formats register themselves from src/formats/index.ts). */
export function registerCodec(codec: Codec): void {
  const i = codecs.findIndex((c) => c.id === codec.id);
  if (i >= 0) codecs[i] = codec;
  else codecs.push(codec);
}

/** Every known codec. */
export function allCodecs(): readonly Codec[] {
  return codecs;
}

/** The codec whose probe accepts the bytes, or undefined. */
export function detectFormat(bytes: Uint8Array): Codec | undefined {
  return codecs.find((c) => {
    try {
      return c.probe(bytes);
    } catch {
      return false;
    }
  });
}

/** The codec for a file name's extension (for choosing what to write), or undefined. */
export function codecForExtension(fileName: string): Codec | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return ext === undefined ? undefined : codecs.find((c) => c.extensions.includes(ext));
}

/** Reads any known format; FormatError when the bytes are none of them or are damaged. */
export function readSong(bytes: Uint8Array): ReadResult<Song> & { readonly format: Codec } {
  if (bytes.length === 0) throw new FormatError('the file is empty');
  const format = detectFormat(bytes);
  if (!format) {
    const known = codecs.map((c) => c.extensions.map((e) => `.${e}`).join('/')).join(', ');
    throw new FormatError(`not a song file tracker can read (known formats: ${known})`);
  }
  try {
    return { ...format.read(bytes), format };
  } catch (e) {
    if (e instanceof FormatError) throw e;
    if (e instanceof RangeError) throw new FormatError(`damaged ${format.name}: ${e.message}`);
    throw e;
  }
}
