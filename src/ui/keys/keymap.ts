// The keymap: every command the keyboard can reach, with its default keys, description, help
// group and focus (where it applies). Input handling and the help screen both read this table, so
// help cannot drift from the bindings. Keys are KeyPress ids (see key-decoder.ts); "<text>" stands
// for any printable character and "<digit>" for 0-9.

import { pianoKeyDescription, pianoKeys, type KeyboardLayout, PIANO_KEY_COUNT } from './piano.js';

/** Where a binding applies. The focus chain (most specific first) decides which binding wins. */
export type Focus =
  | 'global' | 'pattern' | 'pattern.note' | 'pattern.value' | 'orders' | 'form' | 'samples' | 'instruments'
  | 'settings' | 'files' | 'help' | 'help.search' | 'prompt' | 'confirm' | 'message' | 'choose';

/** One row of the keymap. */
export interface Binding {
  readonly id: string;
  readonly keys: readonly string[];
  readonly description: string;
  readonly group: string;
  readonly focus: Focus;
}

/** Key classes: a binding with one of these matches any key of the class. */
export const KEY_CLASSES = ['<text>', '<digit>'] as const;

type Row = readonly [id: string, keys: readonly string[], description: string];

function group(name: string, focus: Focus, rows: readonly Row[]): Binding[] {
  return rows.map(([id, keys, description]) => ({ id, keys, description, group: name, focus }));
}

const BASE: readonly Binding[] = [
  ...group('Screens', 'global', [
    ['screen.help', ['F1', '?', 'Ctrl+G'], 'help: every key, grouped and searchable'],
    ['screen.pattern', ['F2', 'Ctrl+E'], 'pattern editor'],
    ['screen.samples', ['F3', 'Ctrl+L'], 'samples'],
    ['screen.instruments', ['F4', 'Ctrl+T'], 'instruments'],
    ['screen.files', ['F9', 'Ctrl+O'], 'open a song (files screen)'],
    ['screen.saveAs', ['F10', 'Ctrl+W'], 'save the song as... (files screen, choose the format)'],
    ['screen.orders', ['F11', 'Ctrl+R'], 'order list'],
    ['screen.settings', ['F12', 'Ctrl+P'], 'song settings'],
  ]),
  ...group('Transport', 'global', [
    ['transport.playSong', ['F5', 'Alt+5'], 'play the song from the start'],
    ['transport.playPattern', ['F6', 'Alt+6'], 'play the current pattern, looped'],
    ['transport.playFromCursor', ['F7', 'Alt+7'], 'play the song from the cursor (order and row); in the order list: jump to that order'],
    ['transport.stop', ['F8', 'Alt+8'], 'stop playback'],
    ['transport.playRow', ['Alt+4'], 'play the row under the cursor, then stop'],
    ['transport.pause', ['Alt+9'], 'pause playback, or continue where it paused'],
    ['audio.chooseDevice', ['Alt+o'], 'choose the audio output device, sample rate and latency (remembered in the settings file)'],
    ['midi.setup', ['Alt+i'], 'MIDI setup: output, input, clock out, follow an external clock, latency (remembered)'],
    ['midi.panic', ['Alt+.'], 'MIDI: all notes off on every output (panic)'],
    ['view.followPlayback', ['Ctrl+F'], 'follow playback on/off (the editor shows the playing row)'],
  ]),
  ...group('File and editing', 'global', [
    ['file.save', ['Ctrl+S'], 'save the song (asks for a name the first time)'],
    ['file.new', ['Ctrl+N'], 'new song (asks first when there are unsaved changes)'],
    ['app.quit', ['Ctrl+Q', 'Ctrl+C'], 'quit (asks first when there are unsaved changes)'],
    ['edit.undo', ['Ctrl+Z'], 'undo the last edit (no limit)'],
    ['edit.redo', ['Ctrl+Y'], 'redo'],
    ['instrument.previous', ['<'], 'previous instrument (the one notes are entered with)'],
    ['instrument.next', ['>'], 'next instrument'],
  ]),
  ...group('Pattern editor: cursor', 'pattern', [
    ['cursor.up', ['Up'], 'row up'],
    ['cursor.down', ['Down'], 'row down'],
    ['cursor.left', ['Left'], 'column left (note, instrument, volume, effect digits)'],
    ['cursor.right', ['Right'], 'column right'],
    ['cursor.pageUp', ['PgUp'], 'up one measure'],
    ['cursor.pageDown', ['PgDn'], 'down one measure'],
    ['cursor.top', ['Home'], 'first row'],
    ['cursor.bottom', ['End'], 'last row'],
    ['cursor.nextChannel', ['Tab'], 'next channel'],
    ['cursor.previousChannel', ['Shift+Tab'], 'previous channel'],
    ['pattern.nextOrder', ['Ctrl+Right', 'Ctrl+PgDn'], 'next pattern in the order list'],
    ['pattern.previousOrder', ['Ctrl+Left', 'Ctrl+PgUp'], 'previous pattern in the order list'],
  ]),
  ...group('Pattern editor: editing', 'pattern', [
    ['edit.toggleEditMode', ['Space'], 'edit mode on/off (off = keyjazz: notes only sound)'],
    ['edit.toggleRecord', ['Alt+r'], 'record mode: notes entered while playing land on the playing row'],
    ['edit.octaveDown', ['-', '_'], 'octave down (_ where - is a piano key: QWERTZ, AZERTY)'],
    ['edit.octaveUp', ['+', '*'], 'octave up (* where + is a piano key: QWERTZ)'],
    ['edit.stepDown', ['{'], 'edit step - 1 (rows the cursor moves after an entry; 0 = stay)'],
    ['edit.stepUp', ['}'], 'edit step + 1'],
    ['edit.clearField', ['Delete'], 'clear the field under the cursor (or the marked block)'],
    ['edit.clearCell', ['Shift+Delete'], 'clear the whole cell'],
    ['edit.insertRow', ['Insert'], 'insert a row in this channel'],
    ['edit.deleteRow', ['Backspace'], 'delete the row in this channel'],
    ['edit.insertWholeRow', ['Alt+Insert'], 'insert a row in every channel'],
    ['edit.deleteWholeRow', ['Alt+Backspace', 'Alt+Delete'], 'delete the row in every channel'],
    ['pattern.clone', ['Alt+w'], 'clone the pattern: a copy goes into the order list after this one'],
    ['pattern.new', ['Alt+n'], 'new empty pattern after this one in the order list'],
    ['pattern.length', ['Ctrl+F2', 'Alt+h'], 'change the pattern length (rows)'],
  ]),
  ...group('Pattern editor: channels', 'pattern', [
    ['channel.mute', ['Alt+F9', 'Ctrl+K'], 'mute/unmute the cursor channel'],
    ['channel.solo', ['Alt+F10', 'Ctrl+U'], 'solo the cursor channel (again: unmute all)'],
    ['channel.unmuteAll', ['Alt+F11', 'Ctrl+\\'], 'unmute every channel'],
  ]),
  ...group('Pattern editor: block', 'pattern', [
    ['block.extendUp', ['Shift+Up'], 'mark: extend up'],
    ['block.extendDown', ['Shift+Down'], 'mark: extend down'],
    ['block.extendLeft', ['Shift+Left'], 'mark: extend left one channel'],
    ['block.extendRight', ['Shift+Right'], 'mark: extend right one channel'],
    ['block.extendPageUp', ['Shift+PgUp'], 'mark: extend up a measure'],
    ['block.extendPageDown', ['Shift+PgDn'], 'mark: extend down a measure'],
    ['block.begin', ['Alt+b'], 'mark block begin at the cursor'],
    ['block.end', ['Alt+e'], 'mark block end at the cursor'],
    ['block.selectChannel', ['Alt+l'], 'mark the channel (again: the whole pattern)'],
    ['block.unmark', ['Alt+u', 'Esc'], 'unmark'],
    ['block.copy', ['Alt+c'], 'copy the block'],
    ['block.cut', ['Alt+z'], 'cut the block'],
    ['block.paste', ['Alt+p'], 'paste at the cursor (overwrite)'],
    ['block.mixPaste', ['Alt+m'], 'mix-paste: fill only empty fields'],
    ['block.transposeUp', ['Alt+q'], 'transpose the block (or the note) up a semitone'],
    ['block.transposeDown', ['Alt+a'], 'transpose down a semitone'],
    ['block.octaveUp', ['Alt+Q'], 'transpose up an octave'],
    ['block.octaveDown', ['Alt+A'], 'transpose down an octave'],
    ['block.interpolateVolume', ['Alt+k'], 'interpolate volumes from the first to the last row'],
    ['block.interpolateEffect', ['Alt+x'], 'interpolate effect values from the first to the last row'],
    ['block.scaleVolume', ['Alt+j'], 'scale volumes by a percentage'],
    ['block.setInstrument', ['Alt+s'], 'set the current instrument on the block\'s notes'],
  ]),
  ...group('Pattern editor: notes', 'pattern.note', [
    ['note.off', ['`'], 'note off (===): release'],
    ['note.cut', ['1'], 'note cut (^^^)'],
    ['note.fade', ['~'], 'note fade (~~~)'],
  ]),
  ...group('Pattern editor: values', 'pattern.value', [
    ['pattern.typeValue', ['<text>'], 'type into instrument / volume / effect: hex digits, volume letters (v p c d a b u h l r g f e), effect letters of the song\'s notation (Shift for the lower-case extras)'],
  ]),
  ...group('Order list', 'orders', [
    ['orders.up', ['Up'], 'previous entry'],
    ['orders.down', ['Down'], 'next entry'],
    ['orders.pageUp', ['PgUp'], 'up a page'],
    ['orders.pageDown', ['PgDn'], 'down a page'],
    ['orders.top', ['Home'], 'first entry'],
    ['orders.bottom', ['End'], 'last entry'],
    ['orders.typeDigit', ['<digit>'], 'type a pattern number'],
    ['orders.skip', ['+'], 'skip marker (+++)'],
    ['orders.end', ['-'], 'end-of-song marker (---)'],
    ['orders.insert', ['Insert'], 'insert an entry (a copy of this one)'],
    ['orders.delete', ['Delete', 'Backspace'], 'delete the entry'],
    ['orders.newPattern', ['n'], 'new empty pattern after this entry'],
    ['orders.clonePattern', ['c'], 'clone this entry\'s pattern after it'],
    ['orders.edit', ['Enter'], 'edit this entry\'s pattern'],
  ]),
  ...group('Forms (samples, instruments, settings)', 'form', [
    ['form.previousField', ['Up'], 'previous field'],
    ['form.nextField', ['Down', 'Tab'], 'next field'],
    ['form.decrease', ['Left', '-'], 'decrease the value (or previous choice)'],
    ['form.increase', ['Right', '+'], 'increase the value (or next choice)'],
    ['form.decreaseMore', ['Shift+Left'], 'decrease by 16'],
    ['form.increaseMore', ['Shift+Right'], 'increase by 16'],
    ['form.edit', ['Enter'], 'type a new value'],
  ]),
  ...group('Samples', 'samples', [
    ['samples.previous', ['PgUp'], 'previous sample'],
    ['samples.next', ['PgDn'], 'next sample'],
    ['samples.loadWav', ['l'], 'load a WAV file into this sample (16/24-bit, float, mono/stereo)'],
    ['samples.fromWaveform', ['w'], 'new sample from a synthesised waveform'],
    ['samples.preview', ['Space'], 'play the sample at C-5 (keyjazz)'],
  ]),
  ...group('Instruments', 'instruments', [
    ['instruments.previous', ['PgUp'], 'previous instrument'],
    ['instruments.next', ['PgDn'], 'next instrument'],
    ['instruments.add', ['n'], 'new instrument playing the current sample'],
    ['instruments.envelope', ['e'], 'show the next envelope (volume, panning, pitch)'],
    ['instruments.envelopeView', ['g'], 'envelope as graph / as text'],
    ['instruments.toggleEnvelope', ['t'], 'envelope on/off'],
  ]),
  ...group('Files screen', 'files', [
    ['files.up', ['Up'], 'previous file'],
    ['files.down', ['Down'], 'next file'],
    ['files.pageUp', ['PgUp'], 'up a page'],
    ['files.pageDown', ['PgDn'], 'down a page'],
    ['files.enter', ['Enter'], 'open the file or folder (save: save under this name)'],
    ['files.parent', ['Backspace'], 'parent folder'],
    ['files.typePath', ['Insert', 'i'], 'type a file name or path'],
    ['files.togglePane', ['Tab'], 'switch between the folder and recent files'],
    ['files.previousFormat', ['Left'], 'save: previous writable format'],
    ['files.nextFormat', ['Right'], 'save: next writable format'],
    ['files.close', ['Esc'], 'back to the pattern editor'],
  ]),
  ...group('Help screen', 'help', [
    ['help.up', ['Up'], 'scroll up'],
    ['help.down', ['Down'], 'scroll down'],
    ['help.pageUp', ['PgUp'], 'page up'],
    ['help.pageDown', ['PgDn', 'Space'], 'page down'],
    ['help.search', ['/'], 'search (type words; Enter keeps the filter, Esc clears it)'],
    ['help.close', ['Esc', 'q'], 'back to the previous screen'],
  ]),
  ...group('Help search', 'help.search', [
    ['helpSearch.type', ['<text>'], 'type the search'],
    ['helpSearch.backspace', ['Backspace'], 'delete a character'],
    ['helpSearch.done', ['Enter'], 'keep the filter'],
    ['helpSearch.cancel', ['Esc'], 'clear the filter'],
  ]),
  ...group('Dialogs', 'prompt', [
    ['prompt.type', ['<text>'], 'type a character'],
    ['prompt.backspace', ['Backspace'], 'delete a character'],
    ['prompt.clear', ['Ctrl+U'], 'clear the text'],
    ['prompt.submit', ['Enter'], 'accept'],
    ['prompt.cancel', ['Esc', 'Ctrl+C'], 'cancel'],
  ]),
  ...group('Dialogs', 'confirm', [
    ['confirm.yes', ['y', 'Y', 'Enter'], 'answer yes'],
    ['confirm.no', ['n', 'N'], 'answer no'],
    ['confirm.cancel', ['Esc', 'Ctrl+C'], 'cancel'],
  ]),
  ...group('Dialogs', 'message', [
    ['message.close', ['Enter', 'Esc', 'Space'], 'close the message'],
  ]),
  ...group('Dialogs', 'choose', [
    ['choose.up', ['Up'], 'previous choice'],
    ['choose.down', ['Down'], 'next choice'],
    ['choose.submit', ['Enter'], 'choose'],
    ['choose.cancel', ['Esc'], 'cancel'],
  ]),
];

/** The piano-key rows of the keymap for a keyboard layout. */
export function pianoBindings(layout: KeyboardLayout): Binding[] {
  const keys = pianoKeys(layout);
  return Array.from({ length: PIANO_KEY_COUNT }, (_, i) => ({
    id: `note.${i}`,
    keys: keys[i] ?? [],
    description: `${pianoKeyDescription(i)} (edit mode: enter it; keyjazz: play it)`,
    group: 'Pattern editor: notes',
    focus: 'pattern.note' as const,
  }));
}

/** The default keymap for a keyboard layout. */
export function defaultKeymap(layout: KeyboardLayout = 'qwerty'): readonly Binding[] {
  const notes = pianoBindings(layout);
  const at = BASE.findIndex((b) => b.focus === 'pattern.note');
  return [...BASE.slice(0, at), ...notes, ...BASE.slice(at)];
}

/** Every command id of the keymap. */
export function commandIds(): readonly string[] {
  return defaultKeymap().map((b) => b.id);
}

/** A keymap with user overrides: `overrides[id]` replaces that command's keys. */
export function applyOverrides(keymap: readonly Binding[], overrides: Readonly<Record<string, readonly string[]>>): Binding[] {
  return keymap.map((b) => (Object.hasOwn(overrides, b.id) ? { ...b, keys: overrides[b.id] ?? b.keys } : b));
}
