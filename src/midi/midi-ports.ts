// Listing MIDI ports through easymidi (RtMidi). Where the machine has no ALSA sequencer (servers,
// CI), RtMidi fails to initialise: that is reported as a reason, never thrown. RtMidi prints to
// stderr when it fails, so this is only called where stderr is not the user's screen.

import { spawnSync } from 'node:child_process';
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

/**
 * The MIDI ports, asked in a short-lived child process whose stderr is discarded: RtMidi and ALSA
 * print their complaints straight to file descriptor 2, which must not reach the user's terminal.
 */
export function listMidiPortsQuietly(): MidiPortList {
  const require = createRequire(import.meta.url);
  let modulePath: string;
  try {
    modulePath = require.resolve('easymidi');
  } catch {
    return { inputs: [], outputs: [], error: 'the MIDI library could not be loaded' };
  }
  const code = `
    let out;
    try { const m = require(${JSON.stringify(modulePath)}); out = { inputs: m.getInputs(), outputs: m.getOutputs(), error: null }; }
    catch (e) { const msg = String(e && e.message || e); out = { inputs: [], outputs: [], error: /RtMidi/i.test(msg) ? 'no MIDI system on this machine (no ALSA sequencer)' : msg }; }
    process.stdout.write(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8', timeout: 10000 });
  try {
    const parsed = JSON.parse(r.stdout) as MidiPortList;
    return { inputs: parsed.inputs ?? [], outputs: parsed.outputs ?? [], error: parsed.error ?? null };
  } catch {
    return { inputs: [], outputs: [], error: r.error ? `the MIDI port check failed (${r.error.message})` : 'the MIDI port check failed' };
  }
}

/** The ports as `tracker midi list` and `tracker devices` print them: a heading per direction, a port a line. */
export function formatMidiPorts(midi: MidiPortList): string {
  const section = (title: string, ports: readonly string[]) =>
    `${title}\n${midi.error ? `  unavailable: ${midi.error}\n` : ports.length === 0 ? '  none\n' : ports.map((p) => `  ${p}\n`).join('')}`;
  return section('MIDI outputs:', midi.outputs) + section('MIDI inputs:', midi.inputs);
}
