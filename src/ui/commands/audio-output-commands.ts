// The audio output chooser (Alt+O): the device list the engine reports, then the sample rate and
// latency; each choice reopens the engine's output and is remembered in the settings file.

import { LATENCIES_MS, SAMPLE_RATES } from '../../engine/host/audio-output.js';
import type { Preferences } from '../settings/settings.js';
import type { AppState, Modal } from '../store/app-state.js';
import { type CommandResult, engine, notify, withEffects } from './command.js';

type ChooseModal = Extract<Modal, { kind: 'choose' }>;

/** The list shown when the engine answers with its devices: default, each device, rate, latency. */
export function audioOutputChooser(prefs: Preferences, devices: readonly { readonly id: string; readonly label: string }[]): Modal {
  const ids: (string | null)[] = [null, ...devices.map((d) => d.id)];
  const options = ['system default', ...devices.map((d) => d.label || d.id), `sample rate: ${prefs.sampleRate} Hz...`, `latency: ${prefs.latencyMs} ms...`];
  const current = Math.max(0, ids.indexOf(prefs.audioDevice));
  return { kind: 'choose', title: 'Audio output (remembered in the settings file)', options, selected: current, target: { kind: 'audioDevice', ids } };
}

function valueChooser(kind: 'audioRate' | 'audioLatency', prefs: Preferences): Modal {
  const values: readonly number[] = kind === 'audioRate' ? SAMPLE_RATES : LATENCIES_MS;
  const current = kind === 'audioRate' ? prefs.sampleRate : prefs.latencyMs;
  // A hand-edited value that is not in the list is offered too, so it stays selected.
  const all = values.includes(current) ? values : [...values, current].sort((a, b) => a - b);
  const unit = kind === 'audioRate' ? 'Hz' : 'ms';
  const title = kind === 'audioRate' ? 'Sample rate (remembered in the settings file)' : 'Latency: render-ahead and device buffer (remembered)';
  return { kind: 'choose', title, options: all.map((v) => `${v} ${unit}`), selected: all.indexOf(current), target: { kind, values: all } };
}

/** Applies a choice from one of the audio output lists; null when the modal is not one of them. */
export function submitAudioChoice(state: AppState, m: ChooseModal): CommandResult | null {
  const closed: AppState = { ...state, modal: null };
  const prefs = closed.preferences;
  const reopen = (p: Preferences) => engine({ type: 'setOutput', device: p.audioDevice, sampleRate: p.sampleRate, latencyMs: p.latencyMs });
  switch (m.target.kind) {
    case 'audioDevice': {
      if (m.selected === m.target.ids.length) return { ...closed, modal: valueChooser('audioRate', prefs) };
      if (m.selected === m.target.ids.length + 1) return { ...closed, modal: valueChooser('audioLatency', prefs) };
      const id = m.target.ids[m.selected] ?? null;
      const label = m.options[m.selected] ?? 'system default';
      const next = { ...prefs, audioDevice: id };
      return withEffects(notify({ ...closed, preferences: next }, `audio output: ${label}`), reopen(next), { kind: 'savePreference', key: 'audioDevice', value: id });
    }
    case 'audioRate':
    case 'audioLatency': {
      const value = m.target.values[m.selected];
      if (value === undefined) return closed;
      const key = m.target.kind === 'audioRate' ? 'sampleRate' : 'latencyMs';
      const next = { ...prefs, [key]: value };
      const what = key === 'sampleRate' ? `sample rate ${value} Hz` : `latency ${value} ms`;
      return withEffects(notify({ ...closed, preferences: next }, `audio output: ${what}`), reopen(next), { kind: 'savePreference', key, value });
    }
    default:
      return null;
  }
}
