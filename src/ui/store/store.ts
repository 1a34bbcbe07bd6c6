// The one store: holds the AppState, turns keys into commands through the keymap, records undo
// history for undoable commands, runs effects, keeps the engine's song in step after every change,
// and publishes playback positions at the display frame rate (input is always shown at once).

import type { EngineEvent, PositionSnapshot } from '../../engine/protocol.js';
import { type CommandResult, type Effect, unpack } from '../commands/command.js';
import { audioOutputChooser } from '../commands/audio-output-commands.js';
import { formFieldsOf } from '../commands/form-fields.js';
import { COMMANDS } from '../commands/registry.js';
import type { KeyPress } from '../keys/key-decoder.js';
import type { Binding } from '../keys/keymap.js';
import { KeyResolver } from '../keys/key-resolver.js';
import type { AppState, ScreenSize } from './app-state.js';
import { clampCursor } from '../commands/command.js';
import { muteSyncCommands, songSyncCommands } from './engine-sync.js';
import { scrollToCursor } from '../render/pattern-view.js';
import { focusChain } from './focus.js';
import { midiInput, midiSetupOf, midiStatusText } from '../commands/midi-commands.js';
import { performIntent, performListDir, performLoadWav } from './intents.js';
import type { Services } from './services.js';

/** Most screen updates per second for VU levels alone (row changes use the display frame rate). */
const VU_FPS = 15;

/**
 * A short name for an edit, for "undone: ...": the field or dialog it changed, else its keymap
 * description up to any explanation ("transpose the block (or the note) up" -> "transpose the block").
 */
function editName(id: string, keymap: readonly Binding[], state: AppState): string {
  const short = (text: string) => text.split(/ \(|: /)[0] ?? text;
  if (/^note\.\d+$/.test(id)) return 'note entry';
  if ((id === 'prompt.submit' || id === 'choose.submit') && state.modal) return short(state.modal.title);
  const v = state.view;
  if (id.startsWith('form.') && (v.kind === 'samples' || v.kind === 'instruments' || v.kind === 'settings')) {
    const field = formFieldsOf(state)[v.field];
    if (field) return field.label;
  }
  return short(keymap.find((b) => b.id === id)?.description ?? id);
}

/** Something that changes the state. */
export type StoreAction =
  | { readonly type: 'keys'; readonly keys: readonly KeyPress[] }
  | { readonly type: 'command'; readonly id: string; readonly text?: string | null }
  | { readonly type: 'engine'; readonly event: EngineEvent }
  | { readonly type: 'resize'; readonly size: ScreenSize }
  | { readonly type: 'midiStatus'; readonly text: string }
  /** A status-line message from outside the store (autosave trouble, device changes). */
  | { readonly type: 'notice'; readonly text: string; readonly level: 'info' | 'error' };

export interface StoreOptions {
  readonly keymap: readonly Binding[];
  /** Most playback-position updates shown per second. */
  readonly displayFps: number;
  /** Clock in ms (tests may replace it). */
  readonly now?: () => number;
  /** Called with each command id the store runs (tests check which command a key reached). */
  readonly onCommand?: (id: string) => void;
}

/** The editor's store (subscribe / getState / dispatch; React reads it with useSyncExternalStore). */
export class AppStore {
  private state: AppState;
  private readonly listeners = new Set<() => void>();
  private readonly resolver: KeyResolver;
  private readonly now: () => number;
  private readonly frameMs: number;
  private pendingPosition: PositionSnapshot | null = null;
  private publishTimer: ReturnType<typeof setTimeout> | null = null;
  private lastPublish = -Infinity;
  private publishDue = 0;
  private readonly unsubscribeEngine: () => void;
  private readonly onCommand: ((id: string) => void) | undefined;

  constructor(initial: AppState, private readonly services: Services, options: StoreOptions) {
    this.state = initial;
    this.resolver = new KeyResolver(options.keymap);
    this.now = options.now ?? (() => performance.now());
    this.frameMs = 1000 / Math.max(1, options.displayFps);
    this.onCommand = options.onCommand;
    services.engine.send({ type: 'setSong', song: initial.song });
    services.engine.send({ type: 'setMidi', setup: midiSetupOf(initial.preferences) });
    this.unsubscribeEngine = services.engine.onEvent((event) => this.dispatch({ type: 'engine', event }));
  }

  readonly getState = (): AppState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The keymap lookup in use (the help screen lists its bindings). */
  get keys(): KeyResolver {
    return this.resolver;
  }

  dispatch(action: StoreAction): void {
    const before = this.state;
    switch (action.type) {
      case 'keys':
        for (const key of action.keys) {
          const hit = this.resolver.resolve(focusChain(this.state), key);
          if (hit) this.run(hit.id, hit.text);
          else if (this.state.notice) this.state = { ...this.state, notice: null };
          if (this.state.quitting) break;
        }
        this.state = { ...this.state, inputSeq: this.state.inputSeq + 1 };
        break;
      case 'command':
        this.run(action.id, action.text ?? null);
        break;
      case 'engine':
        this.onEngine(action.event);
        return;
      case 'resize':
        this.state = { ...this.state, size: action.size };
        break;
      case 'midiStatus':
        this.state = { ...this.state, midiStatus: action.text };
        break;
      case 'notice':
        this.state = { ...this.state, notice: { text: action.text, level: action.level } };
        break;
    }
    this.commit(before);
  }

  /** Shows the latest playback position now (tests; the timer does this while playing). */
  flushPosition(): void {
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.publishTimer = null;
    this.publishPosition();
  }

  /** Stops timers and stops listening to the engine. */
  dispose(): void {
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.publishTimer = null;
    this.unsubscribeEngine();
  }

  private run(id: string, text: string | null): void {
    const def = COMMANDS[id];
    if (!def) return;
    this.onCommand?.(id);
    const before = this.state;
    this.apply(def.run({ ...before, notice: null }, { text }), def.undoable === true ? editName(id, this.resolver.keymap, before) : null, before);
  }

  /** Applies a command result: history for undoable song changes (named `what`), then its effects in order. */
  private apply(result: CommandResult, what: string | null, before: AppState): void {
    const { state, effects } = unpack(result);
    let next = state;
    if (what !== null && next.song !== before.song) {
      const snapshot = { song: before.song, cursor: before.cursor, sample: before.sample, instrument: before.instrument, what };
      next = { ...next, history: { past: [...before.history.past, snapshot], future: [] } };
    }
    this.state = next;
    for (const effect of effects) this.runEffect(effect);
  }

  private runEffect(effect: Effect): void {
    const s = this.state;
    switch (effect.kind) {
      case 'engine':
        this.services.engine.send(effect.command);
        return;
      case 'intent':
        this.apply(performIntent(s, effect.intent, this.services), null, s);
        return;
      case 'listDir':
        this.state = performListDir(s, effect.dir, this.services);
        return;
      case 'loadWav':
        this.apply(performLoadWav(s, effect.path, effect.sample, this.services), 'load a WAV file', s);
        return;
      case 'savePreference':
        (this.services.savePreference as (key: string, value: unknown) => void)(effect.key, effect.value);
        return;
    }
  }

  /** Brings the engine up to date with the new state and tells React. */
  private commit(before: AppState): void {
    this.state = scrollToCursor(this.state);
    const after = this.state;
    if (after === before) return;
    const songCommands = songSyncCommands(before.song, after.song);
    const wholeSong = songCommands.some((c) => c.type === 'setSong');
    for (const command of songCommands) this.services.engine.send(command);
    for (const command of muteSyncCommands(before.mutes, after.mutes, wholeSong)) this.services.engine.send(command);
    for (const l of [...this.listeners]) l();
  }

  private onEngine(event: EngineEvent): void {
    const before = this.state;
    switch (event.type) {
      case 'position':
        this.pendingPosition = event.position;
        this.schedulePublish();
        return;
      case 'audio':
        this.state = { ...this.state, audio: event.status };
        break;
      case 'ended':
        this.pendingPosition = null;
        this.state = { ...this.state, playback: this.state.playback ? { ...this.state.playback, playing: false } : null };
        break;
      case 'error':
        this.state = { ...this.state, notice: { text: `engine: ${event.message}`, level: 'error' } };
        break;
      case 'midi': {
        const text = midiStatusText(event.status, this.state.preferences);
        this.state = { ...this.state, midi: event.status, midiStatus: text };
        break;
      }
      case 'midiInput':
        this.apply(midiInput(this.state, event.bytes), 'MIDI note entry', before);
        break;
      case 'devices': {
        // The answer to "choose the audio output": offer the default and every device.
        this.state = { ...this.state, modal: audioOutputChooser(this.state.preferences, event.devices) };
        break;
      }
    }
    this.commit(before);
  }

  /**
   * Shows the newest position at most once per display frame when the row moved, and at most
   * VU_FPS times a second when only the levels changed (the engine reports ~40 times a second).
   */
  private schedulePublish(): void {
    const pos = this.pendingPosition;
    if (!pos) return;
    const shown = this.state.playback;
    const moved = !shown || shown.row !== pos.row || shown.order !== pos.order || shown.pattern !== pos.pattern || shown.playing !== pos.playing || shown.paused !== pos.paused;
    const due = this.lastPublish + (moved ? this.frameMs : Math.max(this.frameMs, 1000 / VU_FPS));
    if (this.publishTimer) {
      if (!moved || due >= this.publishDue) return;
      clearTimeout(this.publishTimer);
      this.publishTimer = null;
    }
    const wait = due - this.now();
    if (wait <= 0) {
      this.publishPosition();
      return;
    }
    this.publishDue = due;
    this.publishTimer = setTimeout(() => {
      this.publishTimer = null;
      this.publishPosition();
    }, wait);
  }

  private publishPosition(): void {
    const pos = this.pendingPosition;
    if (!pos) return;
    this.pendingPosition = null;
    this.lastPublish = this.now();
    const before = this.state;
    let next: AppState = { ...before, playback: pos };
    if (before.followPlayback && pos.playing && !before.modal) {
      next = clampCursor({ ...next, cursor: { ...before.cursor, order: pos.order, pattern: pos.pattern, row: pos.row } });
    }
    this.state = next;
    this.commit(before);
  }
}
