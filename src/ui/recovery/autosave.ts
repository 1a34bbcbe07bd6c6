// Autosave: every N seconds, unsaved work goes to a recovery file in the user's state folder, and
// on a crash or a signal it goes there at once. A clean save or a clean exit removes it. The file
// system calls are injected so tests can drive the timing and simulate failures.

import type { Song } from '../../song/song.js';
import { isModified } from '../store/app-state.js';

/** The part of the store the autosaver reads. */
export interface AutosaveSource {
  getState(): { readonly song: Song; readonly savedSong: Song; readonly filePath: string | null };
  subscribe(listener: () => void): () => void;
}

/** Where recovery files go (src/storage/recovery.ts in the app). */
export interface RecoveryStore {
  /** Writes the recovery file for a song path (null = untitled); returns its path. */
  write(songPath: string | null, song: Song): string;
  remove(songPath: string | null): void;
}

export interface AutosaveOptions {
  /** Seconds between autosaves; 0 turns the timer off (crash paths still write). */
  readonly intervalSeconds: number;
  /** Another recovery file this session took over (a restored one): removed once the work is safe. */
  readonly adopted?: string | null;
  readonly removeAdopted?: (path: string) => void;
  /** Called when an autosave fails (a full disk must not stop editing). */
  readonly onError?: (message: string) => void;
}

export class Autosaver {
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastWritten: Song | null = null;
  private lastPath: string | null = null;
  private writtenFor: (string | null)[] = [];
  private adopted: string | null;
  private readonly unsubscribe: () => void;
  private readonly source: AutosaveSource;
  private readonly store: RecoveryStore;
  private readonly options: AutosaveOptions;

  constructor(source: AutosaveSource, store: RecoveryStore, options: AutosaveOptions) {
    this.source = source;
    this.store = store;
    this.options = options;
    this.adopted = options.adopted ?? null;
    this.unsubscribe = source.subscribe(() => this.onChange());
    if (options.intervalSeconds > 0) {
      this.timer = setInterval(() => this.tick(), options.intervalSeconds * 1000);
      this.timer.unref?.();
    }
  }

  /** This session restored `path`: remove it once the work is saved (or written elsewhere). */
  adopt(path: string): void {
    this.adopted = path;
  }

  /** The recovery file written last, if any. */
  get recoveryPath(): string | null {
    return this.lastPath;
  }

  /** One autosave: writes when the song has unsaved changes not yet in the recovery file. */
  tick(): string | null {
    const s = this.source.getState();
    if (!isModified(s) || s.song === this.lastWritten) return null;
    return this.write(s.filePath, s.song);
  }

  /** Writes unsaved work now (crash and signal paths); returns the recovery file or null. */
  flush(): string | null {
    const s = this.source.getState();
    if (!isModified(s)) return null;
    if (s.song === this.lastWritten) return this.lastPath;
    return this.write(s.filePath, s.song);
  }

  /** After a clean exit: nothing unsaved, so no recovery file should stay behind. */
  cleanExit(): void {
    const s = this.source.getState();
    if (isModified(s)) return;
    this.removeAll();
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe();
  }

  private write(filePath: string | null, song: Song): string | null {
    try {
      const path = this.store.write(filePath, song);
      this.lastWritten = song;
      this.lastPath = path;
      if (!this.writtenFor.includes(filePath)) this.writtenFor.push(filePath);
      return path;
    } catch (e) {
      this.options.onError?.(`autosave failed: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  }

  /** A save that leaves nothing unsaved makes every recovery file of this session redundant. */
  private onChange(): void {
    const s = this.source.getState();
    if (isModified(s) || (this.writtenFor.length === 0 && this.adopted === null)) return;
    this.removeAll();
  }

  private removeAll(): void {
    for (const p of this.writtenFor) this.store.remove(p);
    this.writtenFor = [];
    this.lastWritten = null;
    this.lastPath = null;
    if (this.adopted !== null) {
      this.options.removeAdopted?.(this.adopted);
      this.adopted = null;
    }
  }
}
