// Renders the whole editor with ink-testing-library at an explicit terminal size, with a fake
// engine and real (temporary-folder) files; `press` sends raw terminal bytes and waits for the
// frame they cause (never a sleep).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { App } from '../../../src/ui/components/app.js';
import { applyOverrides, defaultKeymap } from '../../../src/ui/keys/keymap.js';
import { stripAnsi, type ColorLevel } from '../../../src/ui/render/theme.js';
import { DEFAULT_PREFERENCES, type Preferences } from '../../../src/ui/settings/settings.js';
import { initialState, type AppState } from '../../../src/ui/store/app-state.js';
import { defaultNewSong, nodeServices, type Services } from '../../../src/ui/store/services.js';
import { AppStore } from '../../../src/ui/store/store.js';
import type { Song } from '../../../src/song/song.js';
import { FakeEngine } from './fake-engine.js';
import { encodeKey } from './key-encoder.js';

export interface RenderOptions {
  readonly song?: Song;
  readonly filePath?: string | null;
  readonly columns?: number;
  readonly rows?: number;
  readonly colorLevel?: ColorLevel;
  readonly preferences?: Partial<Preferences>;
  readonly services?: Partial<Services>;
  readonly workDir?: string;
  readonly state?: Partial<AppState>;
}

export interface RenderedApp {
  readonly store: AppStore;
  readonly engine: FakeEngine;
  readonly workDir: string;
  /** The last frame without colour codes. */
  frame(): string;
  /** The last frame as written (with colour codes). */
  rawFrame(): string;
  /** Sends raw terminal input and waits for the next frame. */
  press(input: string): Promise<void>;
  /**
   * Presses the key the keymap binds to command `id` (its `which`-th key) and checks that this
   * command ran. `text` is the character for "<text>" bindings.
   */
  key(id: string, options?: { readonly text?: string; readonly which?: number }): Promise<void>;
  /** Command ids run so far. */
  readonly ran: string[];
  /** Waits for the next frame after `action` runs. */
  after(action: () => void): Promise<void>;
  state(): AppState;
  unmount(): void;
}

const ESC = '\u001b';
/** Raw sequences of keys, as xterm/tmux send them. */
export const KEYS = {
  up: `${ESC}[A`, down: `${ESC}[B`, right: `${ESC}[C`, left: `${ESC}[D`,
  shiftUp: `${ESC}[1;2A`, shiftDown: `${ESC}[1;2B`, shiftRight: `${ESC}[1;2C`, shiftLeft: `${ESC}[1;2D`,
  ctrlRight: `${ESC}[1;5C`, ctrlLeft: `${ESC}[1;5D`,
  home: `${ESC}[1~`, end: `${ESC}[4~`, pgUp: `${ESC}[5~`, pgDn: `${ESC}[6~`,
  insert: `${ESC}[2~`, delete: `${ESC}[3~`, shiftDelete: `${ESC}[3;2~`, altInsert: `${ESC}[2;3~`, altDelete: `${ESC}[3;3~`,
  f1: `${ESC}OP`, f2: `${ESC}OQ`, f3: `${ESC}OR`, f4: `${ESC}OS`, f5: `${ESC}[15~`, f6: `${ESC}[17~`, f7: `${ESC}[18~`, f8: `${ESC}[19~`,
  f9: `${ESC}[20~`, f10: `${ESC}[21~`, f11: `${ESC}[23~`, f12: `${ESC}[24~`, ctrlF2: `${ESC}[12;5~`,
  altF9: `${ESC}[20;3~`, altF10: `${ESC}[21;3~`, altF11: `${ESC}[23;3~`,
  enter: '\r', tab: '\t', shiftTab: `${ESC}[Z`, esc: ESC, backspace: '\u007f', altBackspace: `${ESC}\u007f`,
  ctrl: (letter: string) => String.fromCharCode(letter.toUpperCase().charCodeAt(0) - 64),
  alt: (ch: string) => `${ESC}${ch}`,
} as const;

/** Renders the app and waits for its first frame. */
export async function renderApp(o: RenderOptions = {}): Promise<RenderedApp> {
  const engine = new FakeEngine();
  const workDir = o.workDir ?? mkdtempSync(join(tmpdir(), 'tracker-ui-'));
  const columns = o.columns ?? 80;
  const rows = o.rows ?? 24;
  const preferences = { ...DEFAULT_PREFERENCES, ...o.preferences };
  let recent: string[] = [];
  const services: Services = {
    ...nodeServices(engine, { add: (p) => { recent = [p, ...recent.filter((r) => r !== p)]; }, list: () => recent }),
    ...o.services,
  };
  const song = o.song ?? defaultNewSong();
  const state: AppState = { ...initialState({ song, filePath: o.filePath ?? null, preferences, workDir, size: { columns, rows } }), ...o.state };
  const keymap = applyOverrides(defaultKeymap(preferences.keyboardLayout), preferences.keys);
  const ran: string[] = [];
  const store = new AppStore(state, services, { keymap, displayFps: 1000, onCommand: (id) => ran.push(id) });
  const ink = render(<App store={store} colorLevel={o.colorLevel ?? 'none'} size={{ columns, rows }} />);
  const waiters: (() => void)[] = [];
  const write = ink.stdout.write;
  ink.stdout.write = (frame: string) => {
    write(frame);
    for (const w of waiters.splice(0)) w();
  };
  const nextFrame = () => new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no frame was drawn within 5 s')), 5000);
    waiters.push(() => { clearTimeout(timer); resolve(); });
  });
  if (ink.lastFrame() === undefined) await nextFrame();
  const after = async (action: () => void) => {
    const frame = nextFrame();
    action();
    await frame;
  };
  return {
    store,
    engine,
    workDir,
    frame: () => stripAnsi(ink.lastFrame() ?? ''),
    rawFrame: () => ink.lastFrame() ?? '',
    press: (input) => after(() => ink.stdin.write(input)),
    ran,
    key: async (id, opts = {}) => {
      const binding = keymap.find((b) => b.id === id);
      const k = binding?.keys[opts.which ?? 0];
      if (!binding || k === undefined) throw new Error(`no key bound to ${id}`);
      const count = ran.length;
      await after(() => ink.stdin.write(encodeKey(k, opts.text)));
      if (!ran.slice(count).includes(id)) throw new Error(`pressing ${k} ran [${ran.slice(count).join(', ')}], not ${id}`);
    },
    after,
    state: () => store.getState(),
    unmount: () => { store.dispose(); ink.unmount(); },
  };
}
