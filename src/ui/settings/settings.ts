// User preferences in a conf settings file at the XDG config location (~/.config/tracker/
// settings.json): colours, display frame rate, keyboard layout, devices, key bindings. Each bad
// value is reported in one line and replaced by its default; a broken file never stops the program.

import { existsSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { DEFAULT_LATENCY_MS, SAMPLE_RATES } from '../../engine/host/audio-output.js';
import { isValidKeyId } from '../keys/key-decoder.js';
import { commandIds, KEY_CLASSES } from '../keys/keymap.js';
import { KEYBOARD_LAYOUTS, type KeyboardLayout } from '../keys/piano.js';

/** How many colours to use; 'auto' picks from COLORTERM/TERM, NO_COLOR always wins. */
export const COLOR_MODES = ['auto', 'truecolor', '256', '16', 'none'] as const;
export type ColorMode = (typeof COLOR_MODES)[number];

/** Everything the settings file can hold. */
export interface Preferences {
  readonly colors: ColorMode;
  /** Most screen updates per second while playing (local terminal). */
  readonly displayFps: number;
  /** The same over SSH (SSH_CONNECTION set): fewer bytes on slow links. */
  readonly remoteDisplayFps: number;
  readonly keyboardLayout: KeyboardLayout;
  /** Audio output device name, or null for the default. */
  readonly audioDevice: string | null;
  /** Audio output sample rate in Hz (one of SAMPLE_RATES). */
  readonly sampleRate: number;
  /** Audio output latency in ms: the engine's render-ahead and the device buffer hint. */
  readonly latencyMs: number;
  /** MIDI output port name (instruments without a port of their own, and the clock), or null for none. */
  readonly midiDevice: string | null;
  /** MIDI input port for note entry and the external clock, or null for none. */
  readonly midiInput: string | null;
  /** Send MIDI clock, Start/Stop/Continue and Song Position to the MIDI output. */
  readonly midiClockOut: boolean;
  /** Follow the clock and transport arriving at the MIDI input. */
  readonly midiClockIn: boolean;
  /** Per MIDI output: milliseconds added to its send times (negative: earlier) to line up with the audio. */
  readonly midiLatencyMs: Readonly<Record<string, number>>;
  /** Octave the editor starts at. */
  readonly octave: number;
  /** Seconds between autosaves of unsaved work to the recovery folder (0 = never). */
  readonly autosaveSeconds: number;
  /** Previous versions kept when a file is saved over (song.trk.bak, song.trk.bak.2, ...; 0 = none). */
  readonly backups: number;
  /** Key overrides: command id -> keys (replacing the defaults). */
  readonly keys: Readonly<Record<string, readonly string[]>>;
}

export const DEFAULT_PREFERENCES: Preferences = {
  colors: 'auto',
  displayFps: 30,
  remoteDisplayFps: 15,
  keyboardLayout: 'qwerty',
  audioDevice: null,
  sampleRate: 48000,
  latencyMs: DEFAULT_LATENCY_MS,
  midiDevice: null,
  midiInput: null,
  midiClockOut: false,
  midiClockIn: false,
  midiLatencyMs: {},
  octave: 4,
  autosaveSeconds: 30,
  backups: 1,
  keys: {},
};

/** Preferences read from disk, what was wrong with them, and where recent files are kept. */
export interface LoadedSettings {
  readonly preferences: Preferences;
  /** One line per problem; empty when the file was fine. */
  readonly problems: readonly string[];
  /** The settings file's path, or null when it could not be opened. */
  readonly path: string | null;
  /** Recent files, newest first. */
  readonly recentFiles: () => readonly string[];
  readonly addRecentFile: (path: string) => void;
  /** Remembers a preference (never throws: a read-only settings file just forgets it). */
  readonly savePreference: SavePreference;
}

/** Remembers one preference in the settings file. */
export type SavePreference = <K extends keyof Preferences>(key: K, value: Preferences[K]) => void;

/** Where settings live; `cwd` points conf at another directory (tests). */
export interface SettingsLocation {
  readonly cwd?: string;
}

const MAX_RECENT = 12;

function normalizeKey(key: string): string {
  return key.replace(/^((?:(?:ctrl|alt|shift)\+)*)(.*)$/i, (_, mods: string, name: string) => {
    const m = mods.split('+').filter((s) => s !== '').map((s) => s[0]?.toUpperCase() + s.slice(1).toLowerCase());
    const ordered = ['Ctrl', 'Alt', 'Shift'].filter((x) => m.includes(x));
    const n = m.includes('Ctrl') && /^[a-z]$/.test(name) ? name.toUpperCase() : name;
    return `${ordered.map((x) => `${x}+`).join('')}${n}`;
  });
}

/** Checks a raw settings object; returns clean preferences and a line per problem. */
export function validatePreferences(raw: Readonly<Record<string, unknown>>): { preferences: Preferences; problems: string[] } {
  const problems: string[] = [];
  const d = DEFAULT_PREFERENCES;
  const pick = <T>(name: keyof Preferences, ok: (v: unknown) => v is T, fallback: T, expected: string): T => {
    const v = raw[name];
    if (v === undefined) return fallback;
    if (ok(v)) return v;
    problems.push(`${name} must be ${expected}, got ${JSON.stringify(v)}; using ${JSON.stringify(fallback)}`);
    return fallback;
  };
  const oneOf = <T extends string>(list: readonly T[]) => (v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);
  const intIn = (lo: number, hi: number) => (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
  const nameOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';
  const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
  const isLatencyTable = (v: unknown): v is Record<string, number> =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'number' && Number.isFinite(x) && x >= -500 && x <= 500);
  const preferences: Preferences = {
    colors: pick('colors', oneOf(COLOR_MODES), d.colors, `one of ${COLOR_MODES.join(', ')}`),
    displayFps: pick('displayFps', intIn(1, 120), d.displayFps, 'a whole number 1..120'),
    remoteDisplayFps: pick('remoteDisplayFps', intIn(1, 120), d.remoteDisplayFps, 'a whole number 1..120'),
    keyboardLayout: pick('keyboardLayout', oneOf(KEYBOARD_LAYOUTS), d.keyboardLayout, `one of ${KEYBOARD_LAYOUTS.join(', ')}`),
    audioDevice: pick('audioDevice', nameOrNull, d.audioDevice, 'a device name or null'),
    sampleRate: pick('sampleRate', (v): v is number => (SAMPLE_RATES as readonly unknown[]).includes(v), d.sampleRate, `one of ${SAMPLE_RATES.join(', ')}`),
    latencyMs: pick('latencyMs', intIn(4, 500), d.latencyMs, 'a whole number of milliseconds 4..500'),
    midiDevice: pick('midiDevice', nameOrNull, d.midiDevice, 'a port name or null'),
    midiInput: pick('midiInput', nameOrNull, d.midiInput, 'a port name or null'),
    midiClockOut: pick('midiClockOut', isBool, d.midiClockOut, 'true or false'),
    midiClockIn: pick('midiClockIn', isBool, d.midiClockIn, 'true or false'),
    midiLatencyMs: pick('midiLatencyMs', isLatencyTable, d.midiLatencyMs, 'an object of port name -> milliseconds (-500..500)'),
    octave: pick('octave', intIn(0, 9), d.octave, 'a whole number 0..9'),
    autosaveSeconds: pick('autosaveSeconds', intIn(0, 3600), d.autosaveSeconds, 'a whole number of seconds 0..3600 (0 = off)'),
    backups: pick('backups', intIn(0, 20), d.backups, 'a whole number of previous versions 0..20'),
    keys: {},
  };
  const keyProblems: string[] = [];
  const keys: Record<string, readonly string[]> = {};
  const rawKeys = raw['keys'];
  if (rawKeys !== undefined) {
    if (typeof rawKeys !== 'object' || rawKeys === null || Array.isArray(rawKeys)) keyProblems.push('keys must be an object of command id -> list of keys; using the default keys');
    else {
      const ids = new Set(commandIds());
      for (const [id, list] of Object.entries(rawKeys as Record<string, unknown>)) {
        const arr = typeof list === 'string' ? [list] : list;
        if (!ids.has(id)) keyProblems.push(`keys: "${id}" is not a command (see the help screen); ignored`);
        else if (!Array.isArray(arr) || !arr.every((k) => typeof k === 'string')) keyProblems.push(`keys.${id} must be a list of key names; using the default keys`);
        else {
          const norm = arr.map(normalizeKey);
          const bad = norm.filter((k) => !isValidKeyId(k) && !(KEY_CLASSES as readonly string[]).includes(k));
          if (bad.length > 0) keyProblems.push(`keys.${id}: "${bad.join('", "')}" is not a key name (examples: F5, Ctrl+S, Alt+Insert, Shift+Up, z); using the default keys`);
          else keys[id] = norm;
        }
      }
    }
  }
  problems.push(...keyProblems);
  const known = new Set(Object.keys(d));
  for (const k of Object.keys(raw)) if (!known.has(k) && k !== 'recentFiles') problems.push(`"${k}" is not a setting; ignored`);
  return { preferences: { ...preferences, keys }, problems };
}

/** Where conf keeps the settings file: `cwd`, else $XDG_CONFIG_HOME/tracker (~/.config/tracker). */
export function settingsPath(location: SettingsLocation = {}, env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env['XDG_CONFIG_HOME'];
  const dir = location.cwd ?? join(xdg && xdg.startsWith('/') ? xdg : join(env['HOME'] ?? homedir(), '.config'), 'tracker');
  return join(dir, 'settings.json');
}

function openConf(location: SettingsLocation): Conf<Record<string, unknown>> {
  return new Conf<Record<string, unknown>>({ projectName: 'tracker', projectSuffix: '', configName: 'settings', ...(location.cwd ? { cwd: location.cwd } : {}) });
}

/**
 * Opens the settings store. A file that cannot be parsed is renamed to settings.json.corrupt-<time>
 * (so nothing the user wrote is lost) and a fresh one is started; the problem says where it went.
 */
function openSettingsStore(location: SettingsLocation, problems: string[]): Conf<Record<string, unknown>> {
  try {
    return openConf(location);
  } catch (e) {
    const file = settingsPath(location);
    if (!existsSync(file)) throw e;
    const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(file, aside);
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    problems.push(`the settings file was damaged (${why}); moved aside to ${aside}, using defaults`);
    return openConf(location);
  }
}

/** Reads the settings file (creating it with no entries when absent). Never throws. */
export function loadSettings(location: SettingsLocation = {}): LoadedSettings {
  let recent: string[] = [];
  let store: Conf<Record<string, unknown>> | null = null;
  let path: string | null = null;
  const problems: string[] = [];
  let preferences = DEFAULT_PREFERENCES;
  try {
    store = openSettingsStore(location, problems);
    path = store.path;
    const checked = validatePreferences(store.store);
    preferences = checked.preferences;
    problems.push(...checked.problems);
    const r = store.get('recentFiles');
    recent = Array.isArray(r) ? r.filter((x): x is string => typeof x === 'string').slice(0, MAX_RECENT) : [];
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    problems.push(`the settings file could not be read (${why}); using defaults`);
    store = null;
  }
  const conf = store;
  return {
    preferences,
    problems,
    path,
    recentFiles: () => recent,
    savePreference: (key, value) => {
      try {
        conf?.set(key, value);
      } catch {
        // Like the recent list: a settings file that cannot be written must not stop the editor.
      }
    },
    addRecentFile: (file) => {
      recent = [file, ...recent.filter((f) => f !== file)].slice(0, MAX_RECENT);
      try {
        conf?.set('recentFiles', recent);
      } catch {
        // The recent list is a convenience: a read-only config directory must not stop a save.
      }
    },
  };
}

/** One line summing up settings problems for the status line, or null. */
export function describeSettingsProblems(settings: Pick<LoadedSettings, 'problems' | 'path'>): string | null {
  if (settings.problems.length === 0) return null;
  const first = settings.problems[0] ?? '';
  const more = settings.problems.length > 1 ? ` (+${settings.problems.length - 1} more)` : '';
  return `settings${settings.path ? ` (${settings.path})` : ''}: ${first}${more}`;
}
