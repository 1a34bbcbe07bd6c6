// Starts the full-screen editor on a terminal and gives the terminal back on every way out: quit,
// SIGTERM/SIGHUP/SIGINT, an uncaught error. Reads settings, builds the store, and renders with
// Ink's incremental renderer on the alternate screen.

import { unlinkSync } from 'node:fs';
import { basename } from 'node:path';
import { render } from 'ink';
import type { EngineClient } from '../engine/protocol.js';
import type { Song } from '../song/song.js';
import { type RecoveryInfo, removeRecovery, writeRecovery } from '../storage/recovery.js';
import { UserError } from '../storage/user-error.js';
import { App, INK_OPTIONS } from './components/app.js';
import { Autosaver } from './recovery/autosave.js';
import { applyOverrides, defaultKeymap } from './keys/keymap.js';
import { detectColorLevel } from './render/theme.js';
import { describeSettingsProblems, type LoadedSettings } from './settings/settings.js';
import { initialState, type Modal, type Notice } from './store/app-state.js';
import { nodeServices } from './store/services.js';
import { AppStore } from './store/store.js';

export interface RunUiOptions {
  readonly song: Song;
  /** Where the song is saved (null for a new song). */
  readonly filePath: string | null;
  /** A line to show first (load warnings, "new file"...). */
  readonly startNotice: Notice | null;
  readonly engine: EngineClient;
  readonly settings: LoadedSettings;
  readonly workDir: string;
  /** A recovery file newer than the song (offered for restoring first), or null. */
  readonly recovery?: RecoveryInfo | null;
}

/** The question asked at start when a recovery file holds work that was never saved. */
export function recoveryModal(recovery: RecoveryInfo, filePath: string | null): Modal {
  const when = recovery.modified.toLocaleString();
  const what = filePath ? basename(filePath) : 'an untitled song';
  return {
    kind: 'confirm',
    title: 'Unsaved work found',
    lines: [
      `A recovery file from ${when} holds changes to ${what} that were never saved.`,
      'y: restore them   n: keep the saved version (the recovery file stays until you save)',
    ],
    yes: { kind: 'restore', path: recovery.path },
    no: { kind: 'none' },
  };
}

/** The message shown at start when the settings file has bad values: each problem on its own line. */
export function settingsProblemsModal(settings: Pick<LoadedSettings, 'problems' | 'path'>): Modal {
  return {
    kind: 'message',
    title: 'Settings',
    level: 'error',
    lines: [
      ...(settings.path ? [`In ${settings.path}:`] : []),
      ...settings.problems.map((p) => `- ${p}`),
      'Everything else in the file applies.',
    ],
  };
}

/** True when the session looks remote (SSH), where a lower display frame rate saves bandwidth. */
export function isRemoteSession(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env['SSH_CONNECTION'] || env['SSH_TTY'] || env['SSH_CLIENT']);
}

/** The screen updates per second while playing: fewer over SSH, where each one costs bandwidth. */
export function displayFpsFor(prefs: { readonly displayFps: number; readonly remoteDisplayFps: number }, env: NodeJS.ProcessEnv = process.env): number {
  return isRemoteSession(env) ? prefs.remoteDisplayFps : prefs.displayFps;
}

/** Runs the editor until the user quits; resolves to the exit code. */
export async function runUi(o: RunUiOptions): Promise<number> {
  const stdin = process.stdin;
  const stdout = process.stdout;
  if (!stdin.isTTY || !stdout.isTTY) {
    await o.engine.close();
    throw new UserError('the editor needs a terminal (stdin and stdout must be a TTY); for scripts use "tracker info" or "tracker convert"');
  }
  const prefs = o.settings.preferences;
  const keymap = applyOverrides(defaultKeymap(prefs.keyboardLayout), prefs.keys);
  const settingsProblem = describeSettingsProblems(o.settings);
  const notice: Notice | null = settingsProblem ? { text: settingsProblem, level: 'error' } : o.startNotice;
  const initial = initialState({
    song: o.song, filePath: o.filePath, preferences: prefs, workDir: o.workDir, notice,
    size: { columns: stdout.columns || 80, rows: stdout.rows || 24 }, recentFiles: o.settings.recentFiles(),
  });
  const settingsModal = o.settings.problems.length > 0 ? settingsProblemsModal(o.settings) : null;
  const state = o.recovery ? { ...initial, modal: recoveryModal(o.recovery, o.filePath) } : settingsModal ? { ...initial, modal: settingsModal } : initial;
  const base = nodeServices(o.engine, { add: o.settings.addRecentFile, list: o.settings.recentFiles }, o.settings.savePreference);
  let autosaver: Autosaver | null = null;
  // Restoring a recovery file makes this session responsible for it (removed once the work is saved).
  const services = { ...base, loadSong: (path: string) => {
    const loaded = base.loadSong(path);
    if (o.recovery && path === o.recovery.path) autosaver?.adopt(path);
    return loaded;
  } };
  const fps = displayFpsFor(prefs);
  const store = new AppStore(state, services, { keymap, displayFps: fps });
  autosaver = new Autosaver(store, { write: (p, song) => writeRecovery(p, song), remove: (p) => removeRecovery(p) }, {
    intervalSeconds: prefs.autosaveSeconds,
    removeAdopted: (p) => {
      try {
        unlinkSync(p);
      } catch {
        // Already gone.
      }
    },
    onError: (text) => store.dispatch({ type: 'notice', text, level: 'error' }),
  });
  const saver = autosaver;

  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  // Keys typed while Node was starting were echoed where the cursor was; Ink draws its first frame
  // from the cursor, so go back to column 0 or every line of that frame would be shifted and wrap.
  stdout.write('\r');
  const instance = render(<App store={store} colorLevel={detectColorLevel(prefs.colors)} />, { ...INK_OPTIONS, stdin, stdout, patchConsole: true });

  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    store.dispose();
    try {
      instance.unmount();
    } catch {
      // Unmounting a broken tree must not stop the terminal from being restored.
    }
    // GNU screen ignores the alternate screen unless "altscreen on" is set: clear the editor away.
    if (process.env['STY']) {
      try {
        stdout.write('\u001b[H\u001b[2J');
      } catch {
        // The terminal may already be gone.
      }
    }
    try {
      stdin.setRawMode(false);
    } catch {
      // stdin may already be closed (terminal gone).
    }
    stdin.pause();
  };

  return await new Promise<number>((resolveExit) => {
    /** Quit, a signal or a crash: unsaved work goes to the recovery file first, then the terminal is restored. */
    let finished = false;
    const finish = (code: number, message?: string) => {
      if (finished) return;
      finished = true;
      let recoveryNote = '';
      if (code === 0) saver.cleanExit();
      else {
        const path = saver.flush();
        const fp = store.getState().filePath;
        if (path) recoveryNote = `; unsaved work is in ${path} (tracker offers it when you open ${fp ? basename(fp) : 'tracker without a file'} again)`;
      }
      saver.dispose();
      restore();
      for (const [sig, fn] of handlers) process.off(sig, fn);
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
      // After SIGHUP the terminal is gone: a failed write must not become a crash of its own.
      process.stderr.on('error', () => {});
      if (message) process.stderr.write(`${message}${recoveryNote}\n`);
      o.engine.send({ type: 'stop' });
      void o.engine.close().finally(() => resolveExit(code));
    };
    const handlers: [NodeJS.Signals, () => void][] = (['SIGTERM', 'SIGHUP', 'SIGINT'] as const).map((sig) => [sig, () => finish(sig === 'SIGINT' ? 130 : sig === 'SIGHUP' ? 129 : 143, `tracker: ${sig}: stopped`)]);
    for (const [sig, fn] of handlers) process.on(sig, fn);
    const onCrash = (e: unknown) => finish(1, `tracker: internal error: ${e instanceof Error ? e.message : String(e)} (set TRACKER_DEBUG=1 for details; please report it)${process.env['TRACKER_DEBUG'] === '1' && e instanceof Error ? `\n${e.stack ?? ''}` : ''}`);
    process.on('uncaughtException', onCrash);
    process.on('unhandledRejection', onCrash);
    store.subscribe(() => {
      if (store.getState().quitting) finish(0);
    });
    instance.waitUntilExit().then(() => finish(0), (e: unknown) => onCrash(e));
  });
}
