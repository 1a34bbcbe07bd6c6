// `tracker export-midi FILE -o OUT.mid`: the song's notes as a Standard MIDI File (type 1) with a
// tempo map, one track per channel (or per instrument with --per-instrument), written atomically.

import { resolve } from 'node:path';
import { songToMidi } from '../../midi/export.js';
import { writeFileAtomic } from '../../storage/atomic-write.js';
import { loadSettings } from '../../ui/settings/settings.js';
import { loadSongFile } from '../../storage/song-file.js';
import { UsageError } from '../args.js';
import type { Command } from '../command.js';

export const exportMidiCommand: Command = {
  spec: {
    name: 'export-midi',
    summary: 'Write the song as a Standard MIDI File: a tempo map and one track per channel (or per instrument).',
    args: ['FILE'],
    options: [
      { name: 'output', short: 'o', type: 'string', value: 'OUT.mid', description: 'the .mid file to write (required)' },
      { name: 'per-instrument', type: 'flag', description: 'one track per instrument (sample in sample mode) instead of per channel' },
      { name: 'seconds', type: 'number', value: 'N', min: 1, max: 3600, description: 'stop after N seconds of song time' },
    ],
  },
  async run(args, io) {
    const file = args.positionals[0] as string;
    const out = args.options['output'] as string | undefined;
    if (typeof out !== 'string') throw new UsageError('export-midi needs -o OUT.mid (the file to write)');
    const loaded = loadSongFile(resolve(io.cwd, file), file);
    const seconds = args.options['seconds'] as number | undefined;
    const result = songToMidi(loaded.song, { perInstrument: args.options['per-instrument'] === true, ...(seconds !== undefined ? { seconds } : {}) });
    writeFileAtomic(resolve(io.cwd, out), result.bytes, { backups: loadSettings().preferences.backups });
    for (const w of result.warnings) io.err(`warning: ${file}: ${w}\n`);
    io.out(`${out}: ${result.notes} notes on ${result.tracks - 1} tracks, ${result.seconds.toFixed(1)} s\n`);
    return 0;
  },
};
