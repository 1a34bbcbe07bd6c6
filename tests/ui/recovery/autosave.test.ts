// Autosave timing and clean-up: unsaved work reaches the recovery file every N seconds (not before,
// not twice for the same song), crash paths write at once, a clean save or exit removes the file.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSong } from '../../../src/song/create.js';
import type { Song } from '../../../src/song/song.js';
import { Autosaver, type AutosaveSource, type RecoveryStore } from '../../../src/ui/recovery/autosave.js';

class FakeSource implements AutosaveSource {
  state: { song: Song; savedSong: Song; filePath: string | null };
  private listeners = new Set<() => void>();
  constructor(song: Song, filePath: string | null) {
    this.state = { song, savedSong: song, filePath };
  }
  getState() {
    return this.state;
  }
  subscribe(l: () => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  set(changes: Partial<FakeSource['state']>) {
    this.state = { ...this.state, ...changes };
    for (const l of this.listeners) l();
  }
}

function fakeStore() {
  const files = new Map<string, Song>();
  const store: RecoveryStore & { files: Map<string, Song>; writes: number } = {
    files,
    writes: 0,
    write(songPath, song) {
      const p = `/state/${songPath ?? 'untitled'}.trk`;
      files.set(p, song);
      store.writes++;
      return p;
    },
    remove(songPath) {
      files.delete(`/state/${songPath ?? 'untitled'}`.concat('.trk'));
    },
  };
  return store;
}

describe('Autosaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes unsaved work every interval, only when the song changed since the last write', () => {
    const a = createSong();
    const src = new FakeSource(a, 'song.trk');
    const store = fakeStore();
    const saver = new Autosaver(src, store, { intervalSeconds: 30 });
    const b = { ...a, title: 'edited' };
    src.set({ song: b });
    vi.advanceTimersByTime(29_000);
    expect(store.writes).toBe(0); // not before the interval
    vi.advanceTimersByTime(1_000);
    expect(store.writes).toBe(1);
    expect(store.files.get('/state/song.trk.trk')?.title).toBe('edited');
    vi.advanceTimersByTime(60_000);
    expect(store.writes).toBe(1); // same song: no rewrite
    src.set({ song: { ...b, title: 'more' } });
    vi.advanceTimersByTime(30_000);
    expect(store.writes).toBe(2); // an edit is in the recovery file at most one interval later
    src.set({ savedSong: src.state.song });
    vi.advanceTimersByTime(90_000);
    expect(store.writes).toBe(2); // nothing unsaved: nothing written
    saver.dispose();
  });

  it('flush writes at once for crash and signal paths and returns the recovery path', () => {
    const a = createSong();
    const src = new FakeSource(a, null);
    const store = fakeStore();
    const saver = new Autosaver(src, store, { intervalSeconds: 0 });
    expect(saver.flush()).toBeNull();
    src.set({ song: { ...a, title: 'x' } });
    expect(saver.flush()).toBe('/state/untitled.trk');
    expect(store.files.has('/state/untitled.trk')).toBe(true);
    saver.dispose();
  });

  it('a clean save removes the recovery file; a clean exit removes it too, an unsaved exit keeps it', () => {
    const a = createSong();
    const src = new FakeSource(a, 'song.trk');
    const store = fakeStore();
    const saver = new Autosaver(src, store, { intervalSeconds: 10 });
    const b = { ...a, title: 'b' };
    src.set({ song: b });
    vi.advanceTimersByTime(10_000);
    expect(store.files.size).toBe(1);
    src.set({ savedSong: b });
    expect(store.files.size).toBe(0);

    const c = { ...b, title: 'c' };
    src.set({ song: c });
    expect(saver.flush()).not.toBeNull();
    saver.cleanExit();
    expect(store.files.size).toBe(1); // still unsaved: kept
    src.set({ savedSong: c });
    saver.cleanExit();
    expect(store.files.size).toBe(0);
    saver.dispose();
  });

  it('removes an adopted (restored) recovery file once the work is saved', () => {
    const a = createSong();
    const src = new FakeSource(a, null);
    const removed: string[] = [];
    const saver = new Autosaver(src, fakeStore(), { intervalSeconds: 0, removeAdopted: (p) => removed.push(p) });
    saver.adopt('/state/untitled-123.trk');
    const b = { ...a, title: 'restored' };
    src.set({ song: b });
    expect(removed).toEqual([]);
    src.set({ savedSong: b, filePath: 'new.trk' });
    expect(removed).toEqual(['/state/untitled-123.trk']);
    saver.dispose();
  });

  it('reports a failed autosave instead of throwing', () => {
    const a = createSong();
    const src = new FakeSource(a, 'song.trk');
    const errors: string[] = [];
    const saver = new Autosaver(src, { write: () => { throw new Error('disk full'); }, remove: () => {} }, { intervalSeconds: 5, onError: (m) => errors.push(m) });
    src.set({ song: { ...a, title: 'x' } });
    vi.advanceTimersByTime(5_000);
    expect(errors).toEqual(['autosave failed: disk full']);
    saver.dispose();
  });
});
