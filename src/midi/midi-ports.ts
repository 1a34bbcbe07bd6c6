// Listing MIDI ports through easymidi (RtMidi). Where the machine has no ALSA sequencer (servers,
// CI), RtMidi fails to initialise: that is reported as a reason, never thrown. RtMidi prints to
// stderr when it fails, so this is only called where stderr is not the user's screen.

import { createRequire } from 'node:module';

export interface MidiPortList {
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** Why MIDI is unavailable, or null when the ports could be listed. */
  readonly error: string | null;
}

interface EasyMidiModule {
  getInputs(): string[];
  getOutputs(): string[];
}

let cached: EasyMidiModule | null | undefined;

/** Loads easymidi once (null if the native module cannot load on this machine). */
export function loadEasyMidi(): EasyMidiModule | null {
  if (cached !== undefined) return cached;
  try {
    const require = createRequire(import.meta.url);
    cached = require('easymidi') as EasyMidiModule;
  } catch {
    cached = null;
  }
  return cached;
}

function reason(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return /RtMidi/i.test(m) ? 'no MIDI system on this machine (no ALSA sequencer)' : m;
}

/** The MIDI ports, or the reason there are none. */
export function listMidiPorts(): MidiPortList {
  const midi = loadEasyMidi();
  if (!midi) return { inputs: [], outputs: [], error: 'the MIDI library could not be loaded' };
  try {
    return { inputs: midi.getInputs(), outputs: midi.getOutputs(), error: null };
  } catch (e) {
    return { inputs: [], outputs: [], error: reason(e) };
  }
}
