// Runs the CLI in-process with captured output, and the real binary as a child process.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `tracker ARGS` in this process (fast; the code under test is the same). */
export async function runCli(args: string[], cwd = REPO): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    out: (t) => { stdout += t; },
    err: (t) => { stderr += t; },
    stdoutIsTty: false,
    stderrIsTty: false,
    cwd,
  });
  return { code, stdout, stderr };
}

/** Runs bin/tracker.js with the system Node (it re-runs itself on Node 24 when needed). */
export function runBinary(args: string[], cwd = REPO, env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, [resolve(REPO, 'bin/tracker.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
