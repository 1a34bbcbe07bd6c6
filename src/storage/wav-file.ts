// Loads a WAV file from disk as a sample, turning file-system and format problems into one-line
// UserErrors that name the file.

import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { FormatError } from '../formats/common/format-error.js';
import { readWav, type WavReadResult } from '../formats/wav/wav-read.js';
import { describeFsError, UserError } from './user-error.js';

/** Largest WAV file tracker loads as a sample. */
export const MAX_WAV_BYTES = 256 * 1024 * 1024;

/** Reads `path` as a sample named after the file (without its extension). */
export function loadWavFile(path: string, label = path): WavReadResult {
  let bytes: Uint8Array;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new UserError(`${label}: is a directory, not a WAV file`);
    if (st.size > MAX_WAV_BYTES) throw new UserError(`${label}: ${Math.round(st.size / 1048576)} MB is too large for a sample`);
    bytes = readFileSync(path);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`${label}: ${describeFsError(e)}`);
  }
  try {
    return readWav(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), basename(path).replace(/\.[^.]*$/, ''));
  } catch (e) {
    if (e instanceof FormatError) throw new UserError(e.describe(label));
    throw e;
  }
}
