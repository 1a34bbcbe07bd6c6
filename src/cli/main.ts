// The `tracker` program: picks the subcommand, parses its arguments, runs it, and turns every
// failure into one line on stderr with exit code 1 (bad input) or 2 (bad usage), never a stack trace.

import { commandHelp, parseArgs, UsageError } from './args.js';
import { type CliIo, processIo } from './cli-io.js';
import type { Command } from './command.js';
import { convertCommand } from './commands/convert.js';
import { infoCommand } from './commands/info.js';
import { renderCommand } from './commands/render.js';
import { playCommand } from './commands/play.js';
import { devicesCommand } from './commands/devices.js';
import { exportMidiCommand } from './commands/export-midi.js';
import { midiCommand } from './commands/midi.js';
import { openCommand } from './commands/open.js';
import { trackerVersion } from './version.js';
import { UserError } from '../storage/user-error.js';
import { FormatError } from '../formats/common/format-error.js';

/** Subcommands by name; the open command (no name) handles `tracker [FILE]`. */
export const COMMANDS: readonly Command[] = [infoCommand, convertCommand, renderCommand, playCommand, exportMidiCommand, midiCommand, devicesCommand];

function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.spec.name.length)) + 2;
  return [
    'tracker - a music tracker for the terminal',
    '',
    'usage:',
    '  tracker [FILE]              open the tracker on a song or module (a new song without FILE)',
    '  tracker COMMAND [ARGS...]   run a command without the screen',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.spec.name.padEnd(width)}${c.spec.summary}`),
    '',
    'options:',
    '  -h, --help       show help (tracker COMMAND --help for a command\'s options)',
    '  -V, --version    print the version',
    '',
    'Formats: .trk (tracker\'s own text format), .mod, .xm, .s3m, .it, .mptm (read by content, not by name); written: .trk, .it, .xm, .s3m and .mod.',
    'Exit codes: 0 ok, 1 the input or the machine was the problem, 2 the command line was wrong.',
  ].join('\n');
}

/** Runs the program with `argv` (without "node" and the script); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    const first = argv[0];
    if (first === '--version' || first === '-V') {
      io.out(`tracker ${trackerVersion()}\n`);
      return 0;
    }
    if (first === '--help' || first === '-h' || first === 'help') {
      const topic = first === 'help' ? argv[1] : undefined;
      const cmd = topic === undefined ? undefined : COMMANDS.find((c) => c.spec.name === topic);
      if (topic !== undefined && !cmd) throw new UsageError(`no command "${topic}" (see tracker --help)`);
      io.out(`${cmd ? commandHelp(cmd.spec) : globalHelp()}\n`);
      return 0;
    }
    const named = first === undefined ? undefined : COMMANDS.find((c) => c.spec.name === first);
    const command = named ?? openCommand;
    const rest = named ? argv.slice(1) : argv;
    const args = parseArgs(command.spec, rest);
    if (args.options['help'] === true) {
      io.out(`${command === openCommand ? globalHelp() : commandHelp(command.spec)}\n`);
      return 0;
    }
    return await command.run(args, io);
  } catch (e) {
    return reportError(e, io);
  }
}

/** Prints a failure as one line; returns its exit code. */
export function reportError(e: unknown, io: CliIo): number {
  if (e instanceof UsageError) {
    io.err(`tracker: ${e.message}\n`);
    return 2;
  }
  if (e instanceof UserError) {
    io.err(`tracker: ${e.message}\n`);
    return 1;
  }
  if (e instanceof FormatError) {
    io.err(`tracker: ${e.message}\n`);
    return 1;
  }
  const message = e instanceof Error ? e.message : String(e);
  io.err(`tracker: internal error: ${message.split('\n')[0]} (set TRACKER_DEBUG=1 for details; please report it)\n`);
  if (process.env['TRACKER_DEBUG'] === '1' && e instanceof Error && e.stack) io.err(`${e.stack}\n`);
  return 1;
}
