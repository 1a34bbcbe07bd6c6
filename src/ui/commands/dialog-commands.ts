// Commands of dialogs (text prompt, yes/no, message, list choice) and of the help screen, and
// what each prompt's answer does.

import { dirname } from 'node:path';
import { scaleVolumes } from '../../song/edit-block.js';
import { replaceSampleData } from '../../song/edit-instrument.js';
import { setPatternLength } from '../../song/edit-pattern.js';
import { SYNTH_KINDS, synthesize } from '../../song/synth.js';
import { defaultKeymap } from '../keys/keymap.js';
import { helpMaxScroll } from '../render/help-view.js';
import type { AppState, Modal, PromptTarget } from '../store/app-state.js';
import { submitAudioChoice } from './audio-output-commands.js';
import { targetBlock } from './block-commands.js';
import { type CommandDef, type CommandResult, notify, withEffects, withSong } from './command.js';
import { guardUnsaved, resolvePath, saveAs, savePathFor, viewOf } from './file-commands.js';
import { submitField } from './form-commands.js';
import { submitMidiChoice, submitMidiLatency } from './midi-commands.js';

type PromptModal = Extract<Modal, { kind: 'prompt' }>;
type ChooseModal = Extract<Modal, { kind: 'choose' }>;

function prompt(state: AppState, fn: (m: PromptModal) => CommandResult): CommandResult {
  return state.modal?.kind === 'prompt' ? fn(state.modal) : state;
}

function choose(state: AppState, fn: (m: ChooseModal) => CommandResult): CommandResult {
  return state.modal?.kind === 'choose' ? fn(state.modal) : state;
}

/** The folder typed paths start from. */
function baseFolder(state: AppState): string {
  if (state.view.kind === 'files') return state.view.dir;
  return state.filePath ? dirname(state.filePath) : state.workDir;
}

function submitPrompt(state: AppState, target: PromptTarget, text: string): CommandResult {
  const closed: AppState = { ...state, modal: null };
  switch (target.kind) {
    case 'field': return submitField(closed, target.field, text);
    case 'scaleVolume': {
      const pct = Number(text.trim().replace(/%$/, ''));
      if (!Number.isFinite(pct) || pct < 0 || pct > 1000) return notify(closed, `"${text}" is not a percentage (0..1000)`, 'error');
      return { ...closed, song: scaleVolumes(closed.song, closed.cursor.pattern, targetBlock(closed), pct) };
    }
    case 'patternLength': {
      const rows = Number(text.trim());
      if (!Number.isInteger(rows) || rows < 1 || rows > 1024) return notify(closed, `"${text}" is not a pattern length (1..1024)`, 'error');
      return withSong(closed, setPatternLength(closed.song, closed.cursor.pattern, rows));
    }
    case 'loadWav':
      if (text.trim() === '') return closed;
      return withEffects(closed, { kind: 'loadWav', path: resolvePath(baseFolder(state), text), sample: state.sample });
    case 'midiLatency': return submitMidiLatency(closed, target.port, text);
    case 'path':
      if (text.trim() === '') return closed;
      if (target.mode === 'open') return guardUnsaved(closed, { kind: 'open', path: resolvePath(baseFolder(state), text) }, 'open another song');
      return saveAs(closed, savePathFor(closed, baseFolder(state), text));
  }
}

function submitChoice(state: AppState, m: ChooseModal): CommandResult {
  const audio = submitAudioChoice(state, m);
  if (audio) return audio;
  const closed: AppState = { ...state, modal: null };
  if (m.target.kind === 'midiMenu' || m.target.kind === 'midiOutput' || m.target.kind === 'midiInput' || m.target.kind === 'midiLatencyPort') return submitMidiChoice(closed, m);
  const kind = SYNTH_KINDS[m.selected];
  if (m.target.kind !== 'waveform' || !kind) return closed;
  const song = replaceSampleData(closed.song, closed.sample, synthesize(kind, closed.sample));
  const instrument = closed.song.instruments.length === 0 && closed.instrument === 0 ? closed.sample : closed.instrument;
  return notify({ ...withSong(closed, song), instrument }, `sample ${closed.sample}: ${kind}`);
}

function confirmAnswer(state: AppState, answer: 'yes' | 'no'): CommandResult {
  if (state.modal?.kind !== 'confirm') return state;
  const intent = answer === 'yes' ? state.modal.yes : state.modal.no;
  return withEffects({ ...state, modal: null }, { kind: 'intent', intent });
}

type HelpView = Extract<AppState['view'], { kind: 'help' }>;

function help(state: AppState, fn: (v: HelpView) => HelpView): AppState {
  return state.view.kind === 'help' ? { ...state, view: fn(state.view) } : state;
}

function helpPage(state: AppState): number {
  return Math.max(1, state.size.rows - 6);
}

/** Scrolls the help screen by `delta` lines, no further than its last page (the keymap's descriptions set the length). */
function scrollHelp(state: AppState, delta: number): AppState {
  return help(state, (v) => {
    const max = helpMaxScroll(defaultKeymap(), v.query, state.size.columns, state.size.rows - 3);
    return { ...v, scroll: Math.max(0, Math.min(max, v.scroll + delta)) };
  });
}

export const DIALOG_COMMANDS: Readonly<Record<string, CommandDef>> = {
  'prompt.type': { run: (s, c) => prompt(s, (m) => ({ ...s, modal: { ...m, text: m.text + (c.text ?? '') } })) },
  'prompt.backspace': { run: (s) => prompt(s, (m) => ({ ...s, modal: { ...m, text: [...m.text].slice(0, -1).join('') } })) },
  'prompt.clear': { run: (s) => prompt(s, (m) => ({ ...s, modal: { ...m, text: '' } })) },
  'prompt.submit': { undoable: true, run: (s) => prompt(s, (m) => submitPrompt(s, m.target, m.text)) },
  'prompt.cancel': { run: (s) => ({ ...s, modal: null }) },
  'confirm.yes': { run: (s) => confirmAnswer(s, 'yes') },
  'confirm.no': { run: (s) => confirmAnswer(s, 'no') },
  'confirm.cancel': { run: (s) => ({ ...s, modal: null }) },
  'message.close': { run: (s) => ({ ...s, modal: null }) },
  'choose.up': { run: (s) => choose(s, (m) => ({ ...s, modal: { ...m, selected: Math.max(0, m.selected - 1) } })) },
  'choose.down': { run: (s) => choose(s, (m) => ({ ...s, modal: { ...m, selected: Math.min(m.options.length - 1, m.selected + 1) } })) },
  'choose.submit': { undoable: true, run: (s) => choose(s, (m) => submitChoice(s, m)) },
  'choose.cancel': { run: (s) => ({ ...s, modal: null }) },
  'help.up': { run: (s) => scrollHelp(s, -1) },
  'help.down': { run: (s) => scrollHelp(s, 1) },
  'help.pageUp': { run: (s) => scrollHelp(s, -helpPage(s)) },
  'help.pageDown': { run: (s) => scrollHelp(s, helpPage(s)) },
  'help.search': { run: (s) => help(s, (v) => ({ ...v, searching: true, query: '', scroll: 0 })) },
  'help.close': { run: (s) => ({ ...s, view: viewOf(s, s.previousView) }) },
  'helpSearch.type': { run: (s, c) => help(s, (v) => ({ ...v, query: v.query + (c.text ?? ''), scroll: 0 })) },
  'helpSearch.backspace': { run: (s) => help(s, (v) => ({ ...v, query: v.query.slice(0, -1), scroll: 0 })) },
  'helpSearch.done': { run: (s) => help(s, (v) => ({ ...v, searching: false })) },
  'helpSearch.cancel': { run: (s) => help(s, (v) => ({ ...v, searching: false, query: '', scroll: 0 })) },
};
