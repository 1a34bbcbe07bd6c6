// `tracker midi list` and `tracker devices` through the real binary: the ports or the reason there
// are none, exit 0, and nothing from RtMidi/ALSA on stderr (they print to fd 2 when MIDI is absent).
import { describe, expect, it } from 'vitest';
import { formatMidiPorts } from '../../src/midi/midi-ports.js';
import { runBinary, runCli } from '../helpers/run-cli.js';

describe('MIDI port listing', () => {
  it('tracker midi list prints ports or why there are none, and keeps native noise off stderr', () => {
    const r = runBinary(['midi', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^(MIDI unavailable: .+|MIDI outputs:[\s\S]*MIDI inputs:[\s\S]*)\n$/);
    expect(r.stderr).toBe('');
  }, 60_000);

  it('tracker devices lists audio outputs and MIDI, with nothing on stderr', () => {
    const r = runBinary(['devices']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/audio outputs:[\s\S]*MIDI outputs:[\s\S]*MIDI inputs:/);
    expect(r.stderr).toBe('');
  }, 60_000);

  it('prints each port on a line under its direction, "none" for an empty side, the reason when unavailable', () => {
    expect(formatMidiPorts({ outputs: ['Synth A', 'USB MIDI 1'], inputs: [], error: null })).toBe('MIDI outputs:\n  Synth A\n  USB MIDI 1\nMIDI inputs:\n  none\n');
    expect(formatMidiPorts({ outputs: [], inputs: [], error: 'no MIDI system on this machine (no ALSA sequencer)' })).toBe(
      'MIDI outputs:\n  unavailable: no MIDI system on this machine (no ALSA sequencer)\nMIDI inputs:\n  unavailable: no MIDI system on this machine (no ALSA sequencer)\n',
    );
  });

  it('an unknown midi action is a usage error (exit 2, one line)', async () => {
    const r = await runCli(['midi', 'play']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
