// `tracker [FILE]`: open the pattern editor on a song (a new song without FILE).

import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { loadSongFile } from '../../storage/song-file.js';
import { UserError } from '../../storage/user-error.js';
import type { Command } from '../command.js';

export const openCommand: Command = {
  spec: {
    name: '',
    summary: 'Open the tracker on FILE (a .trk song or a MOD/XM/S3M/IT module), or on a new song.',
    args: ['FILE?'],
    options: [],
  },
  async run(args, io) {
    const file = args.positionals[0];
    if (file !== undefined && existsSync(resolve(io.cwd, file))) loadSongFile(resolve(io.cwd, file), file);
    throw new UserError('the pattern editor screen is not built yet; for now use "tracker info FILE" or "tracker convert IN OUT"');
  },
};
