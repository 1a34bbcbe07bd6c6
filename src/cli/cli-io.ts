// What a command may touch of the outside world, passed in so tests can run commands in-process.

export interface CliIo {
  /** Writes text to standard output (the caller adds newlines). */
  readonly out: (text: string) => void;
  /** Writes text to standard error. */
  readonly err: (text: string) => void;
  readonly stdoutIsTty: boolean;
  readonly stderrIsTty: boolean;
  /** The working directory relative paths resolve against. */
  readonly cwd: string;
}

/** The real process's streams. */
export function processIo(): CliIo {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    stdoutIsTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
    cwd: process.cwd(),
  };
}
