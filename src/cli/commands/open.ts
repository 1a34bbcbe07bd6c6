// `tracker [FILE]`: open the editor on a song (a new song without FILE, or when FILE does not
// exist yet and names a format tracker can write).

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createEngine } from '../../engine/host/create-engine.js';
import { findRecovery, listUntitledRecoveries, type RecoveryInfo } from '../../storage/recovery.js';
import { codecForWriting, loadSongFile } from '../../storage/song-file.js';
import { loadSettings } from '../../ui/settings/settings.js';
import { defaultNewSong } from '../../ui/store/services.js';
import type { Notice } from '../../ui/store/app-state.js';
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
    let song = defaultNewSong();
    let filePath: string | null = null;
    let startNotice: Notice | null = null;
    if (file !== undefined) {
      filePath = resolve(io.cwd, file);
      if (existsSync(filePath)) {
        const loaded = loadSongFile(filePath, file);
        song = loaded.song;
        const w = loaded.warnings;
        if (w.length > 0) startNotice = { text: `${file}: ${w.length} warning${w.length === 1 ? '' : 's'}: ${w[0]}`, level: 'info' };
      } else {
        codecForWriting(filePath);
        startNotice = { text: `${file} does not exist yet: a new song, saved there with Ctrl+S`, level: 'info' };
      }
    }
    if (!io.stdoutIsTty || !process.stdin.isTTY) {
      throw new UserError('the editor needs a terminal (stdin and stdout must be a TTY); for scripts use "tracker info" or "tracker convert"');
    }
    // Work that a crash, a signal or a dropped SSH connection kept from being saved is offered first.
    let recovery: RecoveryInfo | null = null;
    if (filePath !== null) {
      const found = findRecovery(filePath);
      recovery = found?.newerThanSong ? found : null;
    } else {
      recovery = listUntitledRecoveries().find((r) => !r.path.endsWith(`-${process.pid}.trk`)) ?? null;
    }
    const settings = loadSettings();
    // A song opened from the command line is a recent file too (the files screen lists it).
    if (filePath !== null && existsSync(filePath)) settings.addRecentFile(filePath);
    // React's development build costs the UI about twice the CPU; the editor always runs the production one.
    process.env['NODE_ENV'] ??= 'production';
    const { runUi } = await import('../../ui/run-ui.js');
    return runUi({ song, filePath, startNotice, engine: createEngine({ audioDevice: settings.preferences.audioDevice, sampleRate: settings.preferences.sampleRate, latencyMs: settings.preferences.latencyMs }), settings, workDir: io.cwd, recovery });
  },
};
