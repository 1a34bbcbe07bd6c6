// `tracker devices`: the audio outputs and MIDI ports this machine offers (or why there are none).

import { listOutputDevices } from '../../engine/host/audio-output.js';
import { formatMidiPorts, listMidiPortsQuietly } from '../../midi/midi-ports.js';
import type { Command } from '../command.js';

export const devicesCommand: Command = {
  spec: {
    name: 'devices',
    summary: 'List audio output devices and MIDI ports (ids to use in settings and with --device).',
    args: [],
    options: [{ name: 'json', type: 'flag', description: 'print one JSON object: { audio: [...], midi: { inputs, outputs, error } }' }],
  },
  async run(args, io) {
    const audio = await listOutputDevices();
    const midi = listMidiPortsQuietly();
    if (args.options['json'] === true) {
      io.out(`${JSON.stringify({ audio, midi })}\n`);
      return 0;
    }
    io.out('audio outputs:\n');
    if (audio.length === 0) io.out('  none found (playback uses a silent clock)\n');
    for (const d of audio) io.out(`  ${d.id}  ${d.label}\n`);
    io.out(formatMidiPorts(midi));
    return 0;
  },
};
