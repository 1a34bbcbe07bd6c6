// The shape of a tracker subcommand: its declaration (for parsing and help) and what it does.

import type { CommandSpec, ParsedArgs } from './args.js';
import type { CliIo } from './cli-io.js';

export interface Command {
  readonly spec: CommandSpec;
  /** Runs the command; resolves to the process exit code. Throws UserError/UsageError for failures. */
  readonly run: (args: ParsedArgs, io: CliIo) => Promise<number>;
}
