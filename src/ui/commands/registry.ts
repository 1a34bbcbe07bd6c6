// Every command's behaviour by id. The keymap (src/ui/keys/keymap.ts) says which keys run them;
// a test checks that both list the same ids.

import { BLOCK_COMMANDS } from './block-commands.js';
import type { CommandDef } from './command.js';
import { DIALOG_COMMANDS } from './dialog-commands.js';
import { FILE_COMMANDS } from './file-commands.js';
import { FORM_COMMANDS } from './form-commands.js';
import { MIDI_COMMANDS } from './midi-commands.js';
import { NAVIGATION_COMMANDS } from './navigation.js';
import { NOTE_ENTRY_COMMANDS } from './note-entry.js';
import { ORDERS_COMMANDS } from './orders-commands.js';
import { PATTERN_COMMANDS } from './pattern-commands.js';

/** Command id -> behaviour. */
export const COMMANDS: Readonly<Record<string, CommandDef>> = {
  ...NAVIGATION_COMMANDS,
  ...NOTE_ENTRY_COMMANDS,
  ...BLOCK_COMMANDS,
  ...PATTERN_COMMANDS,
  ...ORDERS_COMMANDS,
  ...FORM_COMMANDS,
  ...FILE_COMMANDS,
  ...DIALOG_COMMANDS,
  ...MIDI_COMMANDS,
};
