// The editor's whole state as one immutable value: the song and where it lives on disk, the
// screen and modal (each one discriminated union), cursor, selection, clipboard, entry settings,
// playback position from the engine, and the undo history.

import type { AudioStatus, MidiStatus, PositionSnapshot } from '../../engine/protocol.js';
import type { FormatId } from '../../formats/registry.js';
import type { Clip } from '../../song/edit-block.js';
import type { Song } from '../../song/song.js';
import type { Preferences } from '../settings/settings.js';

/** The cursor in the pattern editor. `column` counts fields inside a channel (see columns.ts). */
export interface Cursor {
  readonly order: number;
  readonly pattern: number;
  readonly row: number;
  readonly channel: number;
  readonly column: number;
}

/** A marked block: from the anchor cell to the moving end, in one pattern. */
export interface Selection {
  readonly pattern: number;
  readonly anchorRow: number;
  readonly anchorChannel: number;
  readonly row: number;
  readonly channel: number;
}

/** A folder entry on the files screen. */
export interface FileEntry {
  readonly name: string;
  readonly isDirectory: boolean;
  readonly size: number;
}

/** Which envelope the instrument screen shows. */
export type EnvelopeName = 'volumeEnvelope' | 'panEnvelope' | 'pitchEnvelope';

/** The screen on show, with what belongs to that screen only. */
export type View =
  | { readonly kind: 'pattern' }
  | { readonly kind: 'orders' }
  | { readonly kind: 'samples'; readonly field: number }
  | { readonly kind: 'instruments'; readonly field: number; readonly envelope: EnvelopeName; readonly graph: boolean }
  | { readonly kind: 'settings'; readonly field: number }
  | {
    readonly kind: 'files';
    readonly mode: 'open' | 'save';
    readonly dir: string;
    readonly entries: readonly FileEntry[];
    /** Index into the pane's list; in the folder pane 0 is "type a name". */
    readonly selected: number;
    readonly pane: 'folder' | 'recent';
    readonly format: FormatId;
  }
  | { readonly kind: 'help'; readonly query: string; readonly searching: boolean; readonly scroll: number };

export type ViewKind = View['kind'];

/** What happens after a dialog is answered: plain data, run by the store. */
export type Intent =
  | { readonly kind: 'none' }
  | { readonly kind: 'quit' }
  | { readonly kind: 'newSong' }
  | { readonly kind: 'open'; readonly path: string }
  /** Replace the song with the one in a recovery file, keeping its file name; it stays unsaved. */
  | { readonly kind: 'restore'; readonly path: string }
  | { readonly kind: 'save'; readonly path: string; readonly force: boolean; readonly then: 'none' | 'quit' | 'newSong' | { readonly open: string } };

/** What a text prompt's answer is for. */
export type PromptTarget =
  | { readonly kind: 'field'; readonly field: string }
  | { readonly kind: 'scaleVolume' }
  | { readonly kind: 'patternLength' }
  | { readonly kind: 'loadWav' }
  | { readonly kind: 'path'; readonly mode: 'open' | 'save' }
  /** Milliseconds added to a MIDI output's send times. */
  | { readonly kind: 'midiLatency'; readonly port: string };

/** What a list choice is for. */
export type ChooseTarget =
  | { readonly kind: 'waveform' }
  /**
   * The audio output: ids[i] belongs to option i (null = the system default); the two options after
   * the devices open the sample rate and latency choices.
   */
  | { readonly kind: 'audioDevice'; readonly ids: readonly (string | null)[] }
  /** The output's sample rate (Hz) or latency (ms): values[i] belongs to option i. */
  | { readonly kind: 'audioRate' | 'audioLatency'; readonly values: readonly number[] }
  /** The MIDI setup menu (src/ui/commands/midi-commands.ts). */
  | { readonly kind: 'midiMenu' }
  /** A MIDI port: names[i] belongs to option i (null = none). */
  | { readonly kind: 'midiOutput'; readonly names: readonly (string | null)[] }
  | { readonly kind: 'midiLatencyPort'; readonly names: readonly string[] }
  | { readonly kind: 'midiInput'; readonly names: readonly (string | null)[] };

/** A dialog over the screen. */
export type Modal =
  | { readonly kind: 'confirm'; readonly title: string; readonly lines: readonly string[]; readonly yes: Intent; readonly no: Intent }
  | { readonly kind: 'prompt'; readonly title: string; readonly text: string; readonly target: PromptTarget }
  | { readonly kind: 'message'; readonly title: string; readonly lines: readonly string[]; readonly level: 'info' | 'error' }
  | { readonly kind: 'choose'; readonly title: string; readonly options: readonly string[]; readonly selected: number; readonly target: ChooseTarget };

/** A song and where the editor was, to go back to (undo) or forward to (redo). */
export interface Snapshot {
  readonly song: Song;
  readonly cursor: Cursor;
  /** The sample and instrument selected then (so an undone sample or instrument edit shows). */
  readonly sample: number;
  readonly instrument: number;
  /** What the edit was, for the "undone: ..." notice. */
  readonly what: string;
}

/** A line for the status bar that goes away after the next key. */
export interface Notice {
  readonly text: string;
  readonly level: 'info' | 'error';
}

/** Terminal size in character cells. */
export interface ScreenSize {
  readonly columns: number;
  readonly rows: number;
}

/** Everything the editor shows and edits. */
export interface AppState {
  readonly song: Song;
  /** Where the song is saved, or null for a new song. */
  readonly filePath: string | null;
  /** The song as last saved or opened: the song is modified when it is another object. */
  readonly savedSong: Song;
  readonly view: View;
  /** The screen to go back to when the help or files screen closes. */
  readonly previousView: ViewKind;
  readonly modal: Modal | null;
  readonly cursor: Cursor;
  /** First channel shown in the pattern editor (it scrolls sideways to keep the cursor in view). */
  readonly channelScroll: number;
  readonly selection: Selection | null;
  readonly clipboard: Clip | null;
  readonly octave: number;
  readonly editStep: number;
  /** Instrument (sample in sample mode) that notes are entered with, 1-based; 0 = none. */
  readonly instrument: number;
  /** Sample shown on the samples screen, 1-based. */
  readonly sample: number;
  /** Typed digits waiting on the order list (for two-digit pattern numbers). */
  readonly orderDigits: string;
  readonly followPlayback: boolean;
  /** True: notes are written; false: keyjazz (notes only sound). */
  readonly editMode: boolean;
  /** While playing, notes go to the playing row. */
  readonly recordMode: boolean;
  /** Per channel: muted by the user (mute/solo); not part of the song. */
  readonly mutes: readonly boolean[];
  readonly playback: PositionSnapshot | null;
  readonly audio: AudioStatus | null;
  /** The engine's MIDI ports and state (null until it reports). */
  readonly midi: MidiStatus | null;
  /** The MIDI part of the status line. */
  readonly midiStatus: string;
  /** Keys held on the MIDI keyboard and the preview voice each sounds on, oldest first. */
  readonly midiHeld: readonly { readonly key: number; readonly slot: number }[];
  readonly notice: Notice | null;
  readonly history: { readonly past: readonly Snapshot[]; readonly future: readonly Snapshot[] };
  readonly recentFiles: readonly string[];
  /** The folder relative paths start from (the files screen opens here for a new song). */
  readonly workDir: string;
  readonly preferences: Preferences;
  readonly size: ScreenSize;
  /** True once the user chose to quit; the runner then restores the terminal and exits. */
  readonly quitting: boolean;
  /** Counts key reads, so every input redraws the screen even when nothing else changed. */
  readonly inputSeq: number;
}

/** The cursor at the top of the first order's pattern. */
export function homeCursor(song: Song): Cursor {
  const first = song.orders.find((o): o is number => typeof o === 'number') ?? 0;
  const order = Math.max(0, song.orders.indexOf(first));
  return { order, pattern: Math.min(first, song.patterns.length - 1), row: 0, channel: 0, column: 0 };
}

/** Options for a fresh editor state. */
export interface InitialStateOptions {
  readonly song: Song;
  readonly filePath: string | null;
  readonly preferences: Preferences;
  readonly size: ScreenSize;
  readonly recentFiles?: readonly string[];
  readonly notice?: Notice | null;
  readonly workDir: string;
}

/** The state the editor opens with. */
export function initialState(o: InitialStateOptions): AppState {
  return {
    song: o.song,
    filePath: o.filePath,
    savedSong: o.song,
    view: { kind: 'pattern' },
    previousView: 'pattern',
    modal: null,
    cursor: homeCursor(o.song),
    channelScroll: 0,
    selection: null,
    clipboard: null,
    octave: o.preferences.octave,
    editStep: 1,
    instrument: o.song.instruments.length > 0 || o.song.samples.length > 0 ? 1 : 0,
    sample: 1,
    orderDigits: '',
    followPlayback: true,
    editMode: true,
    recordMode: false,
    mutes: o.song.channels.map(() => false),
    playback: null,
    audio: null,
    midi: null,
    midiStatus: 'MIDI off',
    midiHeld: [],
    notice: o.notice ?? null,
    history: { past: [], future: [] },
    recentFiles: o.recentFiles ?? [],
    workDir: o.workDir,
    preferences: o.preferences,
    size: o.size,
    quitting: false,
    inputSeq: 0,
  };
}

/** True when the song differs from what was last saved or opened. */
export function isModified(state: Pick<AppState, 'song' | 'savedSong'>): boolean {
  return state.song !== state.savedSong;
}
