// MIDI macro sets loaders choose from when a file brings none of its own.

import type { MidiMacros } from '../../song/song.js';

/**
 * IT's default macros with every Zxx macro cleared: trackers that ignored Zxx (ST3, Impulse Tracker
 * before 2.14, FastTracker 2) must not drive the filter with it; libopenmpt clears them the same way.
 */
export const NO_ZXX_MACROS: MidiMacros = {
  global: ['FF', 'FC', '', '', '', '', '', '', ''],
  parametered: Array.from({ length: 16 }, () => ''),
  fixed: Array.from({ length: 128 }, () => ''),
};
