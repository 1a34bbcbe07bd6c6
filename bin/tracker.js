#!/usr/bin/env node
// Starts tracker. tracker needs Node 24; when an older Node runs this file (Node 20 is common on
// servers), it re-runs itself with the Node 24 that `npm install` put in node_modules.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const major = Number(process.versions.node.split('.')[0]);

if (major < 24) {
  const ownNode = join(root, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(ownNode)) {
    process.stderr.write(`tracker: needs Node 24 or newer (this is ${process.version}); run "npm install" in ${root} to fetch it\n`);
    process.exit(1);
  }
  const child = spawn(ownNode, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => {});
  child.on('exit', (code, signal) => {
    process.exit(signal ? 128 + (constants.signals[signal] ?? 1) : (code ?? 1));
  });
} else {
  const entry = join(root, 'dist', 'cli', 'run.js');
  if (!existsSync(entry)) {
    process.stderr.write(`tracker: not built yet: run "npm run build" in ${root}\n`);
    process.exit(1);
  }
  await import(entry);
}
