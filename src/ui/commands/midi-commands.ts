// MIDI in the editor: the setup menu (output, input, clock out, following an external clock,
// latency offset, panic), the status-line text, and notes from a MIDI keyboard (entered with their
// velocity in edit mode, played as keyjazz otherwise, held until the key is released).

import type { MidiSetup, MidiStatus } from '../../engine/protocol.js';
import { NOTE_MAX } from '../../song/notes.js';
import type { Preferences } from '../settings/settings.js';
import type { AppState, Modal } from '../store/app-state.js';
import { type CommandDef, type CommandResult, type Effect, engine, notify, withEffects } from './command.js';
import { enterNote } from './note-entry.js';

/** The engine's MIDI setup from the preferences. */
export function midiSetupOf(p: Preferences): MidiSetup {
  return { output: p.midiDevice, input: p.midiInput, clockOut: p.midiClockOut, clockIn: p.midiClockIn, latencyMs: p.midiLatencyMs };
}

function short(name: string, max = 14): string {
  return name.length <= max ? name : `${name.slice(0, max - 1)}~`;
}

/** The MIDI part of the status line. */
export function midiStatusText(status: MidiStatus | null, p: Preferences): string {
  if (!status) return 'MIDI off';
  if (!status.available) return 'MIDI unavailable';
  if (status.outputs.length === 0 && status.inputs.length === 0) return 'MIDI: no ports';
  const parts = [`MIDI ${status.openOutputs[0] ? short(status.openOutputs[0]) : 'no output'}`];
  if (p.midiClockOut) parts.push('clk');
  if (status.openInput) parts.push(p.midiClockIn && status.externalBpm ? `ext ${status.externalBpm.toFixed(1)}` : 'in');
  return parts.join(' ');
}

const onOff = (b: boolean): string => (b ? 'on' : 'off');

function menu(state: AppState, selected = 0): AppState {
  const p = state.preferences;
  const st = state.midi;
  const output = p.midiDevice ?? 'none (instruments with a port of their own still play)';
  const title = !st ? 'MIDI setup (waiting for the engine)' : !st.available ? 'MIDI setup: MIDI unavailable' : `MIDI setup: ${st.outputs.length} outputs, ${st.inputs.length} inputs`;
  const options = [
    `Output: ${output}`,
    `Input: ${p.midiInput ?? 'none'}`,
    `Send clock and transport: ${onOff(p.midiClockOut)}`,
    `Follow the input's clock: ${onOff(p.midiClockIn)}`,
    `Latency offsets: ${latencySummary(state)}`,
    'All notes off (panic)',
  ];
  const modal: Modal = { kind: 'choose', title, options, selected, target: { kind: 'midiMenu' } };
  // The reason goes on the status line, where a long one does not break the dialog's frame.
  return st && !st.available && !state.notice ? notify({ ...state, modal }, `MIDI unavailable: ${st.detail}`) : { ...state, modal };
}

/** Changes preferences, remembers them and tells the engine. */
function setPrefs(state: AppState, changes: Partial<Preferences>, selected: number): CommandResult {
  const preferences = { ...state.preferences, ...changes };
  const effects: Effect[] = Object.entries(changes).map(([key, value]) => ({ kind: 'savePreference', key: key as keyof Preferences, value: value as Preferences[keyof Preferences] }));
  const next = { ...state, preferences, midiStatus: midiStatusText(state.midi, preferences) };
  return withEffects(menu(next, selected), ...effects, engine({ type: 'setMidi', setup: midiSetupOf(preferences) }));
}

function portChoice(state: AppState, kind: 'midiOutput' | 'midiInput'): AppState {
  const st = state.midi;
  if (!st?.available) return notify(menu(state, kind === 'midiOutput' ? 0 : 1), `MIDI unavailable: ${st?.detail ?? 'the engine has not reported yet'}`, 'error');
  const ports = kind === 'midiOutput' ? st.outputs : st.inputs;
  const names = [null, ...ports];
  const current = kind === 'midiOutput' ? state.preferences.midiDevice : state.preferences.midiInput;
  const options = ['none', ...ports];
  return { ...state, modal: { kind: 'choose', title: kind === 'midiOutput' ? 'MIDI output' : 'MIDI input (notes, external clock)', options, selected: Math.max(0, names.indexOf(current)), target: { kind, names } } };
}

/** Answer of a MIDI dialog (the choose modal's target says which). */
export function submitMidiChoice(state: AppState, m: Extract<Modal, { kind: 'choose' }>): CommandResult {
  const t = m.target;
  if (t.kind === 'midiOutput') return setPrefs(state, { midiDevice: t.names[m.selected] ?? null }, 0);
  if (t.kind === 'midiInput') return setPrefs(state, { midiInput: t.names[m.selected] ?? null }, 1);
  if (t.kind === 'midiLatencyPort') {
    const port = t.names[m.selected];
    return port ? latencyPrompt(state, port) : menu(state, 4);
  }
  switch (m.selected) {
    case 0: return portChoice(state, 'midiOutput');
    case 1: return portChoice(state, 'midiInput');
    case 2: return setPrefs(state, { midiClockOut: !state.preferences.midiClockOut }, 2);
    case 3: return setPrefs(state, { midiClockIn: !state.preferences.midiClockIn }, 3);
    case 4: {
      const ports = latencyPorts(state);
      if (ports.length === 0) return notify(menu(state, 4), 'no MIDI output to offset: choose one, or give an instrument a port', 'error');
      if (ports.length === 1) return latencyPrompt(state, ports[0] as string);
      const ms = state.preferences.midiLatencyMs;
      return { ...state, modal: { kind: 'choose', title: 'Latency offset of which output?', options: ports.map((p) => `${p}: ${ms[p] ?? 0} ms`), selected: 0, target: { kind: 'midiLatencyPort', names: ports } } };
    }
    default:
      return withEffects(notify({ ...state, modal: null }, 'MIDI: all notes off'), engine({ type: 'midiPanic' }));
  }
}

/** Outputs a latency offset can apply to: the chosen output, the ports there are, the ports instruments name. */
function latencyPorts(state: AppState): string[] {
  const named = state.song.instruments.map((i) => (i.midi.channel > 0 ? i.midi.port : null));
  const all = [state.preferences.midiDevice, ...(state.midi?.outputs ?? []), ...named, ...Object.keys(state.preferences.midiLatencyMs)];
  return [...new Set(all.filter((p): p is string => typeof p === 'string' && p !== ''))];
}

function latencySummary(state: AppState): string {
  const set = Object.entries(state.preferences.midiLatencyMs).filter(([, ms]) => ms !== 0);
  if (set.length === 0) return 'none';
  return set.map(([port, ms]) => `${short(port, 10)} ${ms > 0 ? '+' : ''}${ms} ms`).join(', ');
}

function latencyPrompt(state: AppState, port: string): AppState {
  return { ...state, modal: { kind: 'prompt', title: `Latency offset of ${port} in ms (-500..500; positive = later)`, text: String(state.preferences.midiLatencyMs[port] ?? 0), target: { kind: 'midiLatency', port } } };
}

/** Answer of the latency prompt. */
export function submitMidiLatency(state: AppState, port: string, text: string): CommandResult {
  const ms = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(ms) || ms < -500 || ms > 500) return notify(menu(state, 4), `"${text}" is not a latency offset (-500..500 ms)`, 'error');
  return setPrefs(state, { midiLatencyMs: { ...state.preferences.midiLatencyMs, [port]: Math.round(ms * 10) / 10 } }, 4);
}

/**
 * A message from the MIDI keyboard: a note-on is entered (with its velocity as the volume) in edit
 * mode and previewed, held until its note-off; other messages are ignored here.
 */
export function midiInput(state: AppState, bytes: readonly number[]): CommandResult {
  const status = (bytes[0] ?? 0) & 0xf0;
  const key = bytes[1] ?? 0;
  const velocity = bytes[2] ?? 0;
  const held = state.midiHeld;
  if (status === 0x80 || (status === 0x90 && velocity === 0)) {
    const voice = held.find((h) => h.key === key);
    if (!voice) return state;
    return withEffects({ ...state, midiHeld: held.filter((h) => h !== voice) }, engine({ type: 'previewOff', channel: voice.slot }));
  }
  if (status !== 0x90) return state;
  const note = key + 1;
  if (note > NOTE_MAX) return state;
  // Each held key gets a preview voice of its own (a chord keeps every note; releasing one key stops
  // only its note); with all voices busy the longest-held key gives up its voice.
  const again = held.find((h) => h.key === key);
  const used = new Set(held.map((h) => h.slot));
  const free = Array.from({ length: PREVIEW_VOICES }, (_, i) => i).find((i) => !used.has(i));
  const slot = again?.slot ?? free ?? held[0]?.slot ?? 0;
  const rest = held.filter((h) => h.key !== key && h.slot !== slot);
  const volume = Math.max(1, Math.min(64, Math.round(velocity / 2)));
  return enterNote({ ...state, midiHeld: [...rest, { key, slot }] }, note, { volume, previewSlot: slot, hold: true });
}

/** Preview voices the engine keeps for keyjazz (its PREVIEW_CHANNELS). */
const PREVIEW_VOICES = 8;

export const MIDI_COMMANDS: Readonly<Record<string, CommandDef>> = {
  'midi.setup': { run: (s) => menu(s) },
  'midi.panic': { run: (s) => withEffects(notify(s, 'MIDI: all notes off'), engine({ type: 'midiPanic' })) },
};
