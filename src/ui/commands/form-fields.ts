// The fields of the samples, instruments and song settings screens as data: label, how to read
// the value from the state and how to write it back (through the pure song edits). The form
// commands and the screens both use these lists.

import { sampleFrames } from '../../song/create.js';
import { C5_SPEED_MAX, C5_SPEED_MIN, loopTypeOf, setInstrumentFields, setInstrumentSample, setSampleFields, setSampleLoop, type LoopType } from '../../song/edit-instrument.js';
import { setChannelCount, setPatternLength, setPatternSignature } from '../../song/edit-pattern.js';
import { SETTING_RANGES, setSongSettings, type SongSettings } from '../../song/edit-song.js';
import type { Instrument, NewNoteAction, Sample } from '../../song/song.js';
import type { AppState } from '../store/app-state.js';
import { notify, withSong } from './command.js';

/** A field of a form screen. */
export type FormField =
  | { readonly kind: 'number'; readonly id: string; readonly label: string; readonly min: number; readonly max: number; readonly step?: number; readonly bigStep?: number; readonly get: (s: AppState) => number; readonly set: (s: AppState, v: number) => AppState; readonly show?: (v: number) => string }
  | { readonly kind: 'text'; readonly id: string; readonly label: string; readonly get: (s: AppState) => string; readonly set: (s: AppState, v: string) => AppState }
  | { readonly kind: 'choice'; readonly id: string; readonly label: string; readonly options: readonly string[]; readonly get: (s: AppState) => number; readonly set: (s: AppState, i: number) => AppState }
  | { readonly kind: 'action'; readonly id: string; readonly label: string; readonly command: string };

/** The text a field shows. */
export function fieldText(field: FormField, state: AppState): string {
  switch (field.kind) {
    case 'number': {
      const v = field.get(state);
      return field.show ? field.show(v) : String(v);
    }
    case 'text': return field.get(state);
    case 'choice': return field.options[field.get(state)] ?? '?';
    case 'action': return '';
  }
}

function sampleOf(s: AppState): Sample | undefined {
  return s.song.samples[s.sample - 1];
}

function editSample(s: AppState, fn: (song: AppState['song']) => AppState['song']): AppState {
  return sampleOf(s) ? withSong(s, fn(s.song)) : s;
}

const LOOP_TYPES: readonly LoopType[] = ['off', 'forward', 'pingPong'];
const panText = (v: number) => (v < 0 ? 'off (channel pan)' : String(v));

function loopField(id: 'loopStart' | 'loopEnd', label: string): FormField {
  return {
    kind: 'number', id, label, min: 0, max: 1 << 30, step: 1, bigStep: 256,
    get: (s) => { const smp = sampleOf(s); return id === 'loopStart' ? smp?.loop?.start ?? 0 : smp?.loop?.end ?? 0; },
    set: (s, v) => {
      const smp = sampleOf(s);
      if (!smp) return s;
      if (!smp.loop) return notify(s, 'loop is off: choose forward or ping-pong first', 'error');
      const type = loopTypeOf(smp.loop);
      return editSample(s, (song) => setSampleLoop(song, s.sample, type, id === 'loopStart' ? v : smp.loop?.start, id === 'loopEnd' ? v : smp.loop?.end));
    },
  };
}

/** Fields of the samples screen (for the selected sample). */
export function sampleFields(state: AppState): readonly FormField[] {
  const smp = sampleOf(state);
  const tuning: FormField[] = smp?.tuning.kind === 'finetune'
    ? [
      { kind: 'number', id: 'relativeNote', label: 'Relative note', min: -128, max: 127, bigStep: 12, get: (s) => (sampleOf(s)?.tuning.kind === 'finetune' ? (sampleOf(s)?.tuning as { relativeNote: number }).relativeNote : 0), set: (s, v) => editSample(s, (song) => { const t = sampleOf(s)?.tuning; return t?.kind === 'finetune' ? setSampleFields(song, s.sample, { tuning: { ...t, relativeNote: v } }) : song; }) },
      { kind: 'number', id: 'finetune', label: 'Finetune', min: -128, max: 127, get: (s) => (sampleOf(s)?.tuning.kind === 'finetune' ? (sampleOf(s)?.tuning as { finetune: number }).finetune : 0), set: (s, v) => editSample(s, (song) => { const t = sampleOf(s)?.tuning; return t?.kind === 'finetune' ? setSampleFields(song, s.sample, { tuning: { ...t, finetune: v } }) : song; }) },
    ]
    : [{ kind: 'number', id: 'c5Speed', label: 'C-5 speed (Hz)', min: C5_SPEED_MIN, max: C5_SPEED_MAX, step: 1, bigStep: 1000, get: (s) => { const t = sampleOf(s)?.tuning; return t?.kind === 'c5speed' ? t.c5Speed : 8363; }, set: (s, v) => editSample(s, (song) => setSampleFields(song, s.sample, { tuning: { kind: 'c5speed', c5Speed: v } })) }];
  return [
    { kind: 'text', id: 'sampleName', label: 'Name', get: (s) => sampleOf(s)?.name ?? '', set: (s, v) => editSample(s, (song) => setSampleFields(song, s.sample, { name: v.slice(0, 26) })) },
    { kind: 'number', id: 'sampleVolume', label: 'Default volume', min: 0, max: 64, get: (s) => sampleOf(s)?.volume ?? 64, set: (s, v) => editSample(s, (song) => setSampleFields(song, s.sample, { volume: v })) },
    { kind: 'number', id: 'sampleGlobalVolume', label: 'Global volume', min: 0, max: 64, get: (s) => sampleOf(s)?.globalVolume ?? 64, set: (s, v) => editSample(s, (song) => setSampleFields(song, s.sample, { globalVolume: v })) },
    { kind: 'number', id: 'samplePan', label: 'Default pan', min: -1, max: 256, get: (s) => sampleOf(s)?.pan ?? -1, set: (s, v) => editSample(s, (song) => setSampleFields(song, s.sample, { pan: v < 0 ? null : v })), show: panText },
    ...tuning,
    {
      kind: 'choice', id: 'loopType', label: 'Loop', options: ['off', 'forward', 'ping-pong'],
      get: (s) => LOOP_TYPES.indexOf(loopTypeOf(sampleOf(s)?.loop ?? null)),
      set: (s, i) => editSample(s, (song) => setSampleLoop(song, s.sample, LOOP_TYPES[i] ?? 'off')),
    },
    loopField('loopStart', 'Loop start'),
    loopField('loopEnd', 'Loop end'),
    { kind: 'action', id: 'loadWav', label: 'Load a WAV file...  (l)', command: 'samples.loadWav' },
    { kind: 'action', id: 'fromWaveform', label: 'New from waveform... (w)', command: 'samples.fromWaveform' },
  ];
}

/** Frames of the selected sample (for the screen). */
export function selectedSampleFrames(state: AppState): number {
  const smp = sampleOf(state);
  return smp ? sampleFrames(smp) : 0;
}

function instOf(s: AppState): Instrument | undefined {
  return s.song.instruments[s.instrument - 1];
}

function editInst(s: AppState, fn: (song: AppState['song']) => AppState['song']): AppState {
  return instOf(s) ? withSong(s, fn(s.song)) : s;
}

const NNAS: readonly NewNoteAction[] = ['cut', 'continue', 'off', 'fade'];

/** Fields of the instruments screen (for the current instrument). */
export function instrumentFields(): readonly FormField[] {
  const n = (s: AppState) => s.instrument;
  return [
    { kind: 'text', id: 'instrumentName', label: 'Name', get: (s) => instOf(s)?.name ?? '', set: (s, v) => editInst(s, (song) => setInstrumentFields(song, n(s), { name: v.slice(0, 26) })) },
    { kind: 'number', id: 'instrumentGlobalVolume', label: 'Global volume', min: 0, max: 128, get: (s) => instOf(s)?.globalVolume ?? 128, set: (s, v) => editInst(s, (song) => setInstrumentFields(song, n(s), { globalVolume: v })) },
    { kind: 'number', id: 'instrumentPan', label: 'Default pan', min: -1, max: 256, get: (s) => instOf(s)?.pan ?? -1, set: (s, v) => editInst(s, (song) => setInstrumentFields(song, n(s), { pan: v < 0 ? null : v })), show: panText },
    { kind: 'number', id: 'fadeout', label: 'Fadeout', min: 0, max: 65535, step: 16, bigStep: 256, get: (s) => instOf(s)?.fadeout ?? 0, set: (s, v) => editInst(s, (song) => setInstrumentFields(song, n(s), { fadeout: v })) },
    { kind: 'choice', id: 'nna', label: 'New note action', options: NNAS, get: (s) => NNAS.indexOf(instOf(s)?.newNoteAction ?? 'cut'), set: (s, i) => editInst(s, (song) => setInstrumentFields(song, n(s), { newNoteAction: NNAS[i] ?? 'cut' })) },
    { kind: 'number', id: 'instrumentSample', label: 'Sample (all notes)', min: 0, max: 255, get: (s) => instOf(s)?.sampleMap[60] ?? 0, set: (s, v) => editInst(s, (song) => setInstrumentSample(song, n(s), v)) },
    { kind: 'text', id: 'midiPort', label: 'MIDI port', get: (s) => instOf(s)?.midi.port ?? '', set: (s, v) => editInst(s, (song) => setInstrumentFields(song, n(s), { midi: { port: v } })) },
    { kind: 'number', id: 'midiChannel', label: 'MIDI channel', min: 0, max: 16, get: (s) => instOf(s)?.midi.channel ?? 0, set: (s, v) => editInst(s, (song) => setInstrumentFields(song, n(s), { midi: { channel: v } })), show: (v) => (v === 0 ? 'off' : String(v)) },
    { kind: 'number', id: 'midiProgram', label: 'MIDI program', min: -1, max: 127, get: (s) => instOf(s)?.midi.program ?? -1, set: (s, v) => editInst(s, (song) => setInstrumentFields(song, n(s), { midi: { program: v } })), show: (v) => (v < 0 ? 'none' : String(v)) },
    { kind: 'number', id: 'midiBank', label: 'MIDI bank', min: -1, max: 16383, get: (s) => instOf(s)?.midi.bank ?? -1, set: (s, v) => editInst(s, (song) => setInstrumentFields(song, n(s), { midi: { bank: v } })), show: (v) => (v < 0 ? 'none' : String(v)) },
    { kind: 'number', id: 'midiTranspose', label: 'MIDI transpose', min: -127, max: 127, get: (s) => instOf(s)?.midi.transpose ?? 0, set: (s, v) => editInst(s, (song) => setInstrumentFields(song, n(s), { midi: { transpose: v } })), show: (v) => (v > 0 ? `+${v}` : String(v)) },
    { kind: 'number', id: 'midiBendRange', label: 'MIDI bend range', min: 0, max: 48, get: (s) => instOf(s)?.midi.bendRange ?? 2, set: (s, v) => editInst(s, (song) => setInstrumentFields(song, n(s), { midi: { bendRange: v } })), show: (v) => (v === 0 ? 'no bends' : `${v} semitones`) },
    { kind: 'number', id: 'midiController', label: 'MIDI Zxx sends', min: -1, max: 127, get: (s) => instOf(s)?.midi.controller ?? -1, set: (s, v) => editInst(s, (song) => setInstrumentFields(song, n(s), { midi: { controller: v } })), show: (v) => (v < 0 ? 'song macro' : `CC ${v}`) },
  ];
}

function songSetting(id: keyof typeof SETTING_RANGES, label: string): FormField {
  const r = SETTING_RANGES[id];
  return {
    kind: 'number', id, label, min: r.min, max: r.max,
    get: (s) => s.song[id],
    set: (s, v) => withSong(s, setSongSettings(s.song, { [id]: v } as Partial<SongSettings>)),
  };
}

/** Fields of the song settings screen. */
export function settingsFields(): readonly FormField[] {
  return [
    { kind: 'text', id: 'title', label: 'Title', get: (s) => s.song.title, set: (s, v) => withSong(s, setSongSettings(s.song, { title: v })) },
    songSetting('initialSpeed', 'Initial speed (ticks/row)'),
    songSetting('initialTempo', 'Initial tempo (BPM)'),
    songSetting('rowsPerBeat', 'Rows per beat'),
    songSetting('rowsPerMeasure', 'Rows per measure'),
    songSetting('globalVolume', 'Global volume'),
    songSetting('mixVolume', 'Mix volume'),
    songSetting('stereoSeparation', 'Stereo separation'),
    songSetting('restartOrder', 'Restart order'),
    { kind: 'number', id: 'channels', label: 'Channels', min: 1, max: 127, get: (s) => s.song.channels.length, set: (s, v) => withSong(s, setChannelCount(s.song, v)) },
    {
      kind: 'number', id: 'patternLength', label: 'Rows in this pattern', min: 1, max: 1024, bigStep: 16,
      get: (s) => s.song.patterns[s.cursor.pattern]?.rows ?? 64,
      set: (s, v) => withSong(s, setPatternLength(s.song, s.cursor.pattern, v)),
    },
    {
      kind: 'number', id: 'patternRowsPerBeat', label: 'Pattern rows per beat', min: 0, max: 64,
      get: (s) => s.song.patterns[s.cursor.pattern]?.signature?.rowsPerBeat ?? 0,
      set: (s, v) => withSong(s, setPatternSignature(s.song, s.cursor.pattern, v, s.song.patterns[s.cursor.pattern]?.signature?.rowsPerMeasure ?? s.song.rowsPerMeasure)),
      show: (v) => (v === 0 ? "song's" : String(v)),
    },
    {
      kind: 'number', id: 'patternRowsPerMeasure', label: 'Pattern rows per measure', min: 0, max: 256,
      get: (s) => s.song.patterns[s.cursor.pattern]?.signature?.rowsPerMeasure ?? 0,
      set: (s, v) => {
        const own = s.song.patterns[s.cursor.pattern]?.signature;
        return withSong(s, setPatternSignature(s.song, s.cursor.pattern, v === 0 ? 0 : (own?.rowsPerBeat ?? s.song.rowsPerBeat), v));
      },
      show: (v) => (v === 0 ? "song's" : String(v)),
    },
    { kind: 'choice', id: 'notation', label: 'Effect letters', options: ['it', 'xm'], get: (s) => (s.song.notation === 'xm' ? 1 : 0), set: (s, i) => withSong(s, setSongSettings(s.song, { notation: i === 1 ? 'xm' : 'it' })) },
  ];
}

/** The fields of the screen on show (empty for screens without a form). */
export function formFieldsOf(state: AppState): readonly FormField[] {
  switch (state.view.kind) {
    case 'samples': return sampleFields(state);
    case 'instruments': return instrumentFields();
    case 'settings': return settingsFields();
    default: return [];
  }
}
