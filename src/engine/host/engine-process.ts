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

const argPrefs = process.argv[2] ? (JSON.parse(process.argv[2]) as OutputPreferences) : null;
// Audio and MIDI timing matter more than anything else the machine does: ask for a higher priority
// before any thread starts (threads inherit it). Without the privilege the request fails quietly.
try {
  setPriority(-11);
} catch {
  // Not permitted (an ordinary user without CAP_SYS_NICE): normal priority.
}
// Compiled code for the first chunks of real playback (cold, they took longer than the render-ahead).
warmUpEngine(defaultMix(argPrefs?.sampleRate ?? 48000), defaultMaster(), argPrefs?.sampleRate ?? 48000);

const midiDriverModule = process.argv[3];
const service = new EngineService(send, {
  prefs: argPrefs ?? { device: null, sampleRate: 48000, latencyMs: DEFAULT_LATENCY_MS },
  mix: defaultMix(argPrefs?.sampleRate ?? 48000),
  mixFor: defaultMix,
  master: defaultMaster(),
  ...(midiDriverModule ? { midi: { driverModule: midiDriverModule } } : {}),
});

/** All MIDI notes off and ports closed (at most half a second), then exit. */
function exitAfterShutdown(code: number): void {
  const timer = setTimeout(() => process.exit(code), 600);
  void service.shutdown().finally(() => {
    clearTimeout(timer);
    process.exit(code);
  });
}

process.on('message', (msg) => {
  if ((msg as EngineCommand).type === 'shutdown') exitAfterShutdown(0);
  else service.handle(msg as EngineCommand);
});
// The editor went away (quit, crash, lost SSH session): never leave a synth with hanging notes.
process.on('disconnect', () => exitAfterShutdown(0));
process.on('SIGTERM', () => exitAfterShutdown(0));
process.on('uncaughtException', (e) => {
  send({ type: 'error', message: `engine crashed: ${e.message}` });
  process.stderr.write(`${e.stack ?? e.message}\n`);
  exitAfterShutdown(70);
});

service.start().catch((e: unknown) => {
  send({ type: 'audio', status: { kind: 'error', detail: e instanceof Error ? e.message : String(e), sampleRate: 0 } });
  process.exit(71);
});
