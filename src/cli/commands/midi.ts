// `tracker midi list`: the MIDI output and input ports (or why there are none).

import { formatMidiPorts, listMidiPortsQuietly } from '../../midi/midi-ports.js';
import { UsageError } from '../args.js';
import type { Command } from '../command.js';

export const midiCommand: Command = {
  spec: {
    name: 'midi',
    summary: 'MIDI: "tracker midi list" prints the output and input ports, or why there are none.',
    args: ['ACTION'],
    options: [{ name: 'json', type: 'flag', description: 'print one JSON object: { inputs, outputs, error }' }],
  },
  async run(args, io) {
    const action = args.positionals[0];
    if (action !== 'list') throw new UsageError(`unknown midi action "${action ?? ''}" (try: tracker midi list)`);
    const midi = listMidiPortsQuietly();
    if (args.options['json'] === true) {
      io.out(`${JSON.stringify(midi)}\n`);
      return 0;
    }
    if (midi.error) {
      io.out(`MIDI unavailable: ${midi.error}\n`);
      return 0;
    }
    io.out(formatMidiPorts(midi));
    return 0;
  },
};
