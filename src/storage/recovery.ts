// Recovery files: the open song written every few seconds (and on a crash, SIGHUP or SIGTERM) to the
// user's state directory, so an evening's work survives a dropped SSH connection or a crash. Removed
// after a clean save and exit; offered on the next start when newer than the song file.

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { writeTrk } from '../formats/native/trk-write.js';
import type { Song } from '../song/song.js';
import { writeFileAtomic } from './atomic-write.js';

/** $XDG_STATE_HOME/tracker/recovery (default ~/.local/state/tracker/recovery). */
export function recoveryDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_STATE_HOME'] && env['XDG_STATE_HOME'].startsWith('/') ? env['XDG_STATE_HOME'] : join(env['HOME'] ?? homedir(), '.local', 'state');
  return join(base, 'tracker', 'recovery');
}

/** The recovery file for a song path (or for an unsaved song of this process). */
export function recoveryPathFor(songPath: string | null, env: NodeJS.ProcessEnv = process.env): string {
  if (songPath === null) return join(recoveryDir(env), `untitled-${process.pid}.trk`);
  const abs = resolve(songPath);
  const hash = createHash('sha256').update(abs).digest('hex').slice(0, 10);
  return join(recoveryDir(env), `${basename(abs).replace(/[^A-Za-z0-9._-]/g, '_')}-${hash}.trk`);
}

/** Writes the recovery file for a song; returns its path. Throws UserError when it cannot. */
export function writeRecovery(songPath: string | null, song: Song, env: NodeJS.ProcessEnv = process.env): string {
  const path = recoveryPathFor(songPath, env);
  mkdirSync(recoveryDir(env), { recursive: true, mode: 0o700 });
  writeFileAtomic(path, writeTrk(song));
  return path;
}

export interface RecoveryInfo {
  readonly path: string;
  readonly modified: Date;
  /** True when the recovery file is newer than the song file (or the song file is gone). */
  readonly newerThanSong: boolean;
}

/** The recovery file of a song path, if one exists. */
export function findRecovery(songPath: string, env: NodeJS.ProcessEnv = process.env): RecoveryInfo | null {
  const path = recoveryPathFor(songPath, env);
  let rec: ReturnType<typeof statSync>;
  try {
    rec = statSync(path);
  } catch {
    return null;
  }
  let songTime = 0;
  try {
    songTime = statSync(songPath).mtimeMs;
  } catch {
    songTime = 0;
  }
  return { path, modified: rec.mtime, newerThanSong: rec.mtimeMs > songTime };
}

/** Recovery files of unsaved songs (from earlier sessions), newest first. */
export function listUntitledRecoveries(env: NodeJS.ProcessEnv = process.env): RecoveryInfo[] {
  const dir = recoveryDir(env);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => n.startsWith('untitled-') && n.endsWith('.trk'))
    .map((n) => {
      const path = join(dir, n);
      return { path, modified: statSync(path).mtime, newerThanSong: true };
    })
    .sort((a, b) => b.modified.getTime() - a.modified.getTime());
}

/** Deletes a recovery file (after a clean save and exit); never throws. */
export function removeRecovery(songPath: string | null, env: NodeJS.ProcessEnv = process.env): void {
  try {
    unlinkSync(recoveryPathFor(songPath, env));
  } catch {
    // Nothing to remove.
  }
}
