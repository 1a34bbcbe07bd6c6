// Commands of the form screens (samples, instruments, song settings): move between fields,
// change values, type values, and the samples' and instruments' own actions (load a WAV,
// synthesise a waveform, add an instrument, show envelopes).

import { createInstrument } from '../../song/create.js';
import { addInstrument, MAX_SAMPLES, setEnvelopeEnabled } from '../../song/edit-instrument.js';
import { SYNTH_KINDS } from '../../song/synth.js';
import type { AppState, EnvelopeName } from '../store/app-state.js';
import { type CommandDef, type CommandResult, engine, notify, openModal, withEffects, withSong } from './command.js';
import { fieldText, type FormField, formFieldsOf } from './form-fields.js';

function fieldIndex(state: AppState): number {
  const v = state.view;
  return v.kind === 'samples' || v.kind === 'instruments' || v.kind === 'settings' ? v.field : 0;
}

function withField(state: AppState, field: number): AppState {
  const v = state.view;
  if (v.kind !== 'samples' && v.kind !== 'instruments' && v.kind !== 'settings') return state;
  return { ...state, view: { ...v, field } };
}

function currentField(state: AppState): FormField | undefined {
  return formFieldsOf(state)[fieldIndex(state)];
}

function moveField(state: AppState, delta: number): AppState {
  const count = formFieldsOf(state).length;
  if (count === 0) return state;
  return withField(state, (fieldIndex(state) + delta + count) % count);
}

/** Whether the form's subject exists (a sample or an instrument to edit). */
function subjectMissing(state: AppState): string | null {
  if (state.view.kind === 'samples' && !state.song.samples[state.sample - 1]) return 'no sample here yet: l loads a WAV, w makes one from a waveform';
  if (state.view.kind === 'instruments' && !state.song.instruments[state.instrument - 1]) return 'no instrument here yet: n makes one';
  return null;
}

function adjust(state: AppState, direction: number, big: boolean): CommandResult {
  const field = currentField(state);
  if (!field) return state;
  const missing = subjectMissing(state);
  if (missing && field.kind !== 'action') return notify(state, missing, 'error');
  if (field.kind === 'number') {
    const step = big ? field.bigStep ?? 16 : field.step ?? 1;
    const v = Math.max(field.min, Math.min(field.max, field.get(state) + direction * step));
    return field.set(state, v);
  }
  if (field.kind === 'choice') {
    const n = field.options.length;
    return field.set(state, (field.get(state) + direction + n) % n);
  }
  return state;
}

function edit(state: AppState): CommandResult {
  const field = currentField(state);
  if (!field) return state;
  if (field.kind === 'action') return runAction(field.command, state);
  const missing = subjectMissing(state);
  if (missing) return notify(state, missing, 'error');
  if (field.kind === 'choice') return adjust(state, 1, false);
  const range = field.kind === 'number' ? ` (${field.min}..${field.max})` : '';
  const text = field.kind === 'number' ? String(field.get(state)) : fieldText(field, state);
  return openModal(state, { kind: 'prompt', title: `${field.label}${range}`, text, target: { kind: 'field', field: field.id } });
}

/** Applies typed text to a form field (the answer of the prompt opened by form.edit). */
export function submitField(state: AppState, id: string, text: string): AppState {
  const field = formFieldsOf(state).find((f) => f.id === id);
  if (!field) return state;
  if (field.kind === 'text') return field.set(state, text);
  if (field.kind === 'number') {
    const v = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(v)) return notify(state, `"${text}" is not a number`, 'error');
    return field.set(state, Math.max(field.min, Math.min(field.max, Math.round(v))));
  }
  return state;
}

function stepSample(state: AppState, delta: number): AppState {
  const last = Math.min(MAX_SAMPLES, state.song.samples.length + 1);
  const sample = Math.max(1, Math.min(last, state.sample + delta));
  const instrument = state.song.instruments.length === 0 && sample <= state.song.samples.length ? sample : state.instrument;
  return { ...state, sample, instrument };
}

function stepInstrument(state: AppState, delta: number): AppState {
  const count = state.song.instruments.length;
  if (count === 0) return notify(state, 'the song has no instruments (sample mode): n makes one');
  return { ...state, instrument: Math.max(1, Math.min(count, state.instrument + delta)) };
}

function addInstrumentCommand(state: AppState): AppState {
  const song = state.song;
  if (song.instruments.length === 0 && song.samples.length > 1) {
    let next = song;
    song.samples.forEach((smp, i) => { next = addInstrument(next, createInstrument(i + 1, { name: smp.name })).song; });
    return notify({ ...withSong(state, next), instrument: Math.max(1, state.sample) }, `instrument mode: one instrument per sample (${song.samples.length})`);
  }
  const sampleNumber = Math.min(Math.max(1, state.sample), Math.max(1, song.samples.length));
  const { song: next, number } = addInstrument(song, createInstrument(song.samples.length > 0 ? sampleNumber : 0, { name: song.samples[sampleNumber - 1]?.name ?? '' }));
  if (number === 0) return notify(state, 'the song cannot hold more instruments', 'error');
  return notify({ ...withSong(state, next), instrument: number }, `instrument ${number} added`);
}

const ENVELOPES: readonly EnvelopeName[] = ['volumeEnvelope', 'panEnvelope', 'pitchEnvelope'];

function instrumentsView(state: AppState, fn: (v: Extract<AppState['view'], { kind: 'instruments' }>) => AppState['view']): AppState {
  return state.view.kind === 'instruments' ? { ...state, view: fn(state.view) } : state;
}

function toggleEnvelope(state: AppState): AppState {
  const v = state.view;
  const inst = state.song.instruments[state.instrument - 1];
  if (v.kind !== 'instruments' || !inst) return notify(state, 'no instrument here yet: n makes one', 'error');
  return withSong(state, setEnvelopeEnabled(state.song, state.instrument, v.envelope, !inst[v.envelope].enabled));
}

/** Runs a command named by an action field. */
function runAction(id: string, state: AppState): CommandResult {
  const def = FORM_COMMANDS[id];
  return def ? def.run(state, { text: null }) : state;
}

export const FORM_COMMANDS: Readonly<Record<string, CommandDef>> = {
  'form.previousField': { run: (s) => moveField(s, -1) },
  'form.nextField': { run: (s) => moveField(s, 1) },
  'form.decrease': { undoable: true, run: (s) => adjust(s, -1, false) },
  'form.increase': { undoable: true, run: (s) => adjust(s, 1, false) },
  'form.decreaseMore': { undoable: true, run: (s) => adjust(s, -1, true) },
  'form.increaseMore': { undoable: true, run: (s) => adjust(s, 1, true) },
  'form.edit': { undoable: true, run: edit },
  'samples.previous': { run: (s) => stepSample(s, -1) },
  'samples.next': { run: (s) => stepSample(s, 1) },
  'samples.loadWav': { run: (s) => openModal(s, { kind: 'prompt', title: `Load a WAV file into sample ${s.sample} (path)`, text: '', target: { kind: 'loadWav' } }) },
  'samples.fromWaveform': {
    run: (s) => openModal(s, { kind: 'choose', title: `Synthesise sample ${s.sample} from`, options: SYNTH_KINDS, selected: 0, target: { kind: 'waveform' } }),
  },
  'samples.preview': {
    run: (s) => (s.song.samples[s.sample - 1]
      ? withEffects(s, engine({ type: 'previewNote', note: 61, instrument: s.song.instruments.length === 0 ? s.sample : s.instrument, volume: 64, channel: 0 }))
      : notify(s, 'no sample here to play', 'error')),
  },
  'instruments.previous': { run: (s) => stepInstrument(s, -1) },
  'instruments.next': { run: (s) => stepInstrument(s, 1) },
  'instruments.add': { undoable: true, run: addInstrumentCommand },
  'instruments.envelope': { run: (s) => instrumentsView(s, (v) => ({ ...v, envelope: ENVELOPES[(ENVELOPES.indexOf(v.envelope) + 1) % ENVELOPES.length] ?? 'volumeEnvelope' })) },
  'instruments.envelopeView': { run: (s) => instrumentsView(s, (v) => ({ ...v, graph: !v.graph })) },
  'instruments.toggleEnvelope': { undoable: true, run: toggleEnvelope },
};
