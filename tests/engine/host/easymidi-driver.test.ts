// The easymidi adapter against a mocked easymidi module: every message type the engine sends maps
// to the easymidi call with the right fields, input messages map back to bytes, and a machine without
// a MIDI system gives a reason a user can read instead of RtMidi's words.
import { describe, expect, it } from 'vitest';
import { EasyMidiDriver, type EasyMidiModule, fromEasyMidi, toEasyMidi } from '../../../src/engine/host/easymidi-driver.js';

function mockEasyMidi(options: { fail?: boolean; outputs?: string[]; inputs?: string[] } = {}) {
  const calls: { port: string; type: string; args: unknown }[] = [];
  const closed: string[] = [];
  const inputs = new Map<string, (msg: Record<string, unknown>) => void>();
  const check = () => {
    if (options.fail) throw new Error('Failed to initialise RtMidi');
  };
  const mod: EasyMidiModule = {
    getOutputs: () => (check(), options.outputs ?? ['Synth']),
    getInputs: () => (check(), options.inputs ?? ['Keys']),
    Output: class {
      private readonly name: string;
      constructor(name: string) {
        check();
        if (!(options.outputs ?? ['Synth']).includes(name)) throw new Error(`No MIDI output found with name: ${name}`);
        this.name = name;
      }
      send(type: string, args?: unknown) {
        calls.push({ port: this.name, type, args });
      }
      close() {
        closed.push(this.name);
      }
    },
    Input: class {
      private readonly name: string;
      constructor(name: string) {
        check();
        this.name = name;
      }
      on(_event: 'message', listener: (msg: Record<string, unknown>) => void) {
        inputs.set(this.name, listener);
      }
      close() {
        closed.push(this.name);
      }
    },
  };
  return { mod, calls, closed, inputs };
}

describe('easymidi adapter', () => {
  it('sends every message type as the matching easymidi call', () => {
    const m = mockEasyMidi();
    const out = new EasyMidiDriver(m.mod).openOutput('Synth');
    const messages = [
      [0x92, 60, 100], [0x82, 60, 64], [0xb3, 74, 40], [0xc4, 12], [0xe5, 0, 64], [0xa1, 60, 30], [0xd1, 50],
      [0xf8], [0xfa], [0xfb], [0xfc], [0xf2, 36, 1], [0xf0, 0x41, 0x10, 0xf7],
    ];
    for (const b of messages) out.send(b);
    out.close();
    expect(m.calls).toEqual([
      { port: 'Synth', type: 'noteon', args: { note: 60, velocity: 100, channel: 2 } },
      { port: 'Synth', type: 'noteoff', args: { note: 60, velocity: 64, channel: 2 } },
      { port: 'Synth', type: 'cc', args: { controller: 74, value: 40, channel: 3 } },
      { port: 'Synth', type: 'program', args: { number: 12, channel: 4 } },
      { port: 'Synth', type: 'pitch', args: { value: 8192, channel: 5 } },
      { port: 'Synth', type: 'poly aftertouch', args: { note: 60, pressure: 30, channel: 1 } },
      { port: 'Synth', type: 'channel aftertouch', args: { pressure: 50, channel: 1 } },
      { port: 'Synth', type: 'clock', args: undefined },
      { port: 'Synth', type: 'start', args: undefined },
      { port: 'Synth', type: 'continue', args: undefined },
      { port: 'Synth', type: 'stop', args: undefined },
      { port: 'Synth', type: 'position', args: { value: 36 + 128 } },
      { port: 'Synth', type: 'sysex', args: [0xf0, 0x41, 0x10, 0xf7] },
    ]);
    expect(m.closed).toEqual(['Synth']);
  });

  it('turns input messages into bytes, every type round-tripping through the output mapping', () => {
    for (const bytes of [[0x90, 61, 99], [0x8f, 61, 0], [0xb0, 1, 64], [0xc2, 5], [0xe0, 3, 70], [0xf8], [0xfa], [0xfb], [0xfc], [0xf2, 5, 2]]) {
      const call = toEasyMidi(bytes);
      expect(call).not.toBeNull();
      const [type, args] = call as [string, Record<string, unknown> | undefined];
      expect(fromEasyMidi({ ...(args ?? {}), _type: type })).toEqual(bytes);
    }
    const m = mockEasyMidi();
    const got: number[][] = [];
    const input = new EasyMidiDriver(m.mod).openInput('Keys', (b) => got.push(b));
    m.inputs.get('Keys')?.({ _type: 'noteon', note: 64, velocity: 80, channel: 0 });
    m.inputs.get('Keys')?.({ _type: 'activesense' });
    input.close();
    expect(got).toEqual([[0x90, 64, 80]]);
  });

  it('no MIDI system: listing says so in words, without asking RtMidi when the ALSA sequencer is missing', () => {
    const m = mockEasyMidi({ fail: true });
    expect(() => new EasyMidiDriver(m.mod).outputs()).toThrow('no MIDI system on this machine (no ALSA sequencer)');
    let asked = false;
    const spy: EasyMidiModule = { ...m.mod, getOutputs: () => ((asked = true), []) };
    expect(() => new EasyMidiDriver(spy, () => false).outputs()).toThrow('no MIDI system');
    expect(asked).toBe(false);
  });

  it('lists ports and refuses an unknown one with easymidi\'s message', () => {
    const m = mockEasyMidi({ outputs: ['A', 'B'], inputs: ['K'] });
    const d = new EasyMidiDriver(m.mod);
    expect(d.outputs()).toEqual(['A', 'B']);
    expect(d.inputs()).toEqual(['K']);
    expect(() => d.openOutput('C')).toThrow('No MIDI output found with name: C');
  });
});
