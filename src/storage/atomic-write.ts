// Safe file writes: a temporary file in the same directory is written and flushed to disk, then
// renamed over the target, so a crash or a full disk can never leave a half-written file. The
// previous version is kept as numbered backups (song.trk.bak, song.trk.bak.2, ...).

import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describeFsError, UserError } from './user-error.js';

/** The file-system calls a save needs (tests substitute failing ones). */
export interface SaveFs {
  openSync: typeof nodeFs.openSync;
  writeSync: (fd: number, buffer: Uint8Array, offset: number, length: number) => number;
  fsyncSync: typeof nodeFs.fsyncSync;
  closeSync: typeof nodeFs.closeSync;
  renameSync: typeof nodeFs.renameSync;
  unlinkSync: typeof nodeFs.unlinkSync;
  linkSync: typeof nodeFs.linkSync;
  copyFileSync: typeof nodeFs.copyFileSync;
  existsSync: typeof nodeFs.existsSync;
}

const realFs: SaveFs = nodeFs;

export interface AtomicWriteOptions {
  /** Previous versions to keep (0 = none). */
  readonly backups?: number;
  readonly fs?: SaveFs;
}

/** Name of the n-th backup of `path` (1 = the most recent). */
export function backupPath(path: string, n: number): string {
  return n <= 1 ? `${path}.bak` : `${path}.bak.${n}`;
}

/**
 * Writes `bytes` to `path` atomically. On any failure the old file (and its backups) are untouched
 * and a UserError says why in one line.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array, options: AtomicWriteOptions = {}): void {
  const fs = options.fs ?? realFs;
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', 0o644);
    let off = 0;
    while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    commitTemporary(tmp, path, options);
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // Already failing: the original error is the one to report.
      }
    }
    try {
      fs.unlinkSync(tmp);
    } catch {
      // The temporary file may not exist.
    }
    throw new UserError(`${path}: could not save: ${describeFsError(e)}`);
  }
}

/**
 * Puts a complete, flushed temporary file (in the target's directory) in place of `path`: the old
 * version becomes backup 1 when backups are kept, then the rename, then the directory is flushed.
 * For writers that stream into their temporary file (renders); throws what the file system throws.
 */
export function commitTemporary(tmp: string, path: string, options: AtomicWriteOptions = {}): void {
  const fs = options.fs ?? realFs;
  keepBackups(fs, path, options.backups ?? 0);
  fs.renameSync(tmp, path);
  syncDirectory(dirname(path));
}

/** Rotates backups and hard-links (or copies) the current file as backup 1. */
function keepBackups(fs: SaveFs, path: string, count: number): void {
  if (count <= 0 || !fs.existsSync(path)) return;
  for (let n = count; n >= 2; n--) {
    const from = backupPath(path, n - 1);
    if (fs.existsSync(from)) fs.renameSync(from, backupPath(path, n));
  }
  const first = backupPath(path, 1);
  if (fs.existsSync(first)) fs.unlinkSync(first);
  try {
    fs.linkSync(path, first);
  } catch {
    fs.copyFileSync(path, first);
  }
}

function syncDirectory(dir: string): void {
  try {
    const fd = nodeFs.openSync(dir, 'r');
    try {
      nodeFs.fsyncSync(fd);
    } finally {
      nodeFs.closeSync(fd);
    }
  } catch {
    // Some file systems cannot fsync a directory; the rename itself is still atomic.
  }
}

/** Message for a failed write that leaves the old file in place. */
export function saveFailureMessage(path: string, e: unknown): string {
  return `${path}: could not save: ${describeFsError(e)}`;
}
