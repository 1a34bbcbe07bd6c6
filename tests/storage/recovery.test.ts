// Recovery files live in the XDG state directory, are found when newer than the song, load back as
// the same song, and are removed after a clean save.
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTrk } from '../../src/formats/native/trk-read.js';
import { createSong } from '../../src/song/create.js';
import { findRecovery, listUntitledRecoveries, recoveryDir, recoveryPathFor, removeRecovery, writeRecovery } from '../../src/storage/recovery.js';

describe('recovery files', () => {
  const state = mkdtempSync(join(tmpdir(), 'tracker-state-'));
  const env = { XDG_STATE_HOME: state, HOME: '/nonexistent' };
  const work = mkdtempSync(join(tmpdir(), 'tracker-work-'));

  it('live under $XDG_STATE_HOME/tracker/recovery', () => {
    expect(recoveryDir(env)).toBe(join(state, 'tracker', 'recovery'));
    expect(recoveryPathFor(join(work, 'a.trk'), env).startsWith(recoveryDir(env))).toBe(true);
    expect(recoveryPathFor(join(work, 'a.trk'), env)).not.toBe(recoveryPathFor(join(work, 'sub', 'a.trk'), env));
  });

  it('are written, found when newer than the song, and load as the same song', () => {
    const songPath = join(work, 'song.trk');
    writeFileSync(songPath, 'old');
    utimesSync(songPath, new Date(2020, 0, 1), new Date(2020, 0, 1));
    const song = createSong({}, { title: 'unsaved work' });
    const path = writeRecovery(songPath, song, env);
    const found = findRecovery(songPath, env);
    expect(found?.path).toBe(path);
    expect(found?.newerThanSong).toBe(true);
    expect(readTrk(new Uint8Array(readFileSync(path))).song).toEqual(song);
    removeRecovery(songPath, env);
    expect(findRecovery(songPath, env)).toBeNull();
  });

  it('are not offered when the song file is newer', () => {
    const songPath = join(work, 'fresh.trk');
    writeRecovery(songPath, createSong(), env);
    writeFileSync(songPath, 'saved later');
    utimesSync(songPath, new Date(Date.now() + 60_000), new Date(Date.now() + 60_000));
    expect(findRecovery(songPath, env)?.newerThanSong).toBe(false);
  });

  it('keep unsaved (untitled) songs findable', () => {
    writeRecovery(null, createSong({}, { title: 'untitled' }), env);
    expect(listUntitledRecoveries(env).length).toBeGreaterThan(0);
  });
});
