// `tracker convert IN OUT`: read a song in any known format and write it in the format OUT's
// extension names, listing what the target cannot hold.

import { resolve } from 'node:path';
import { UserError } from '../../storage/user-error.js';
import { codecForWriting, loadSongFile, writeFileAtomic } from '../../storage/song-file.js';
import { loadSettings } from '../../ui/settings/settings.js';
import type { Command } from '../command.js';

export const convertCommand: Command = {
  spec: {
    name: 'convert',
    summary: 'Convert a song between formats; the output format follows OUT\'s extension.',
    args: ['IN', 'OUT'],
    options: [
      { name: 'strict', type: 'flag', description: 'fail (exit 1) instead of writing when anything would be lost' },
      { name: 'quiet', short: 'q', type: 'flag', description: 'do not print warnings' },
    ],
    details: [
      'Warnings go to stderr: what the target format cannot hold, and the playback rules of the song\'s tracker',
      'that the target\'s players will not reproduce. The exit code is 0 unless --strict.',
    ],
  },
  async run(args, io) {
    const [inFile, outFile] = args.positionals as [string, string];
    const codec = codecForWriting(outFile);
    const loaded = loadSongFile(resolve(io.cwd, inFile), inFile);
    const { bytes, warnings } = codec.write(loaded.song);
    const all = [...loaded.warnings.map((w) => `${inFile}: ${w}`), ...warnings.map((w) => `${outFile}: ${w}`)];
    if (args.options['strict'] === true && warnings.length > 0) {
      for (const w of all) io.err(`warning: ${w}\n`);
      throw new UserError(`${outFile}: not written: ${warnings.length} thing${warnings.length === 1 ? '' : 's'} would be lost (--strict)`);
    }
    writeFileAtomic(resolve(io.cwd, outFile), bytes, { backups: loadSettings().preferences.backups });
    if (args.options['quiet'] !== true) for (const w of all) io.err(`warning: ${w}\n`);
    return 0;
  },
};
