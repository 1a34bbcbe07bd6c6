// Entry point of the engine child process: runs the EngineService and speaks the protocol over the
// IPC channel. Its stdout/stderr go to a log file (set up by the parent), so native audio and MIDI
// libraries can print whatever they like without reaching the user's terminal.

import { setPriority } from 'node:os';
import type { EngineCommand } from '../protocol.js';
import { DEFAULT_LATENCY_MS, type OutputPreferences } from './audio-output.js';
import { defaultMix, defaultMaster } from './mix-setup.js';
import { EngineService } from './engine-service.js';
import { warmUpEngine } from './warm-up.js';

const send = (event: unknown): void => {
  if (process.connected) process.send?.(event);
};

// Audio must be computed before it is due, however busy the machine: ask for a higher scheduling
// priority, as audio servers do. Allowed for root and where limits.conf grants it (often the audio
// group); refused otherwise, which only costs safety margin under load.
try {
  setPriority(-10);
  process.stderr.write('engine: running at raised priority (nice -10)\n');
} catch {
  process.stderr.write('engine: could not raise the scheduling priority; running at normal priority\n');
}

const argPrefs = process.argv[2] ? (JSON.parse(process.argv[2]) as OutputPreferences) : null;
warmUpEngine(defaultMix(argPrefs?.sampleRate ?? 48000), defaultMaster(), argPrefs?.sampleRate ?? 48000);
const service = new EngineService(send, {
  prefs: argPrefs ?? { device: null, sampleRate: 48000, latencyMs: DEFAULT_LATENCY_MS },
  mix: defaultMix(argPrefs?.sampleRate ?? 48000),
  mixFor: defaultMix,
  master: defaultMaster(),
});

process.on('message', (msg) => {
  service.handle(msg as EngineCommand);
  if ((msg as EngineCommand).type === 'shutdown') setTimeout(() => process.exit(0), 50);
});
process.on('disconnect', () => process.exit(0));
process.on('uncaughtException', (e) => {
  send({ type: 'error', message: `engine crashed: ${e.message}` });
  process.stderr.write(`${e.stack ?? e.message}\n`);
  process.exit(70);
});

service.start().catch((e: unknown) => {
  send({ type: 'audio', status: { kind: 'error', detail: e instanceof Error ? e.message : String(e), sampleRate: 0 } });
  process.exit(71);
});
