// The one place the UI gets its engine from: the audio engine in a child process, with its native
// libraries' output sent to a log file in the user's state directory.

import { homedir } from 'node:os';
import { join } from 'node:path';
import type { EngineClient } from '../protocol.js';
import { DEFAULT_LATENCY_MS } from './audio-output.js';
import { ProcessEngineClient } from './process-engine-client.js';

export interface EngineOptions {
  /** Output device id, or null for the system default. */
  readonly audioDevice?: string | null;
  readonly sampleRate?: number;
  readonly latencyMs?: number;
  /** Use the silent sink even when a sound card exists. */
  readonly silent?: boolean;
  /** Which silent sink (see OutputPreferences.silentSink; benchmarks compare the two). */
  readonly silentSink?: 'clock' | 'native';
  readonly logFile?: string;
  /** MIDI driver module (tests and benchmarks; default easymidi). */
  readonly midiDriverModule?: string;
}

/** $XDG_STATE_HOME/tracker/engine.log (default ~/.local/state/tracker/engine.log). */
export function engineLogPath(env: NodeJS.ProcessEnv = process.env): string {
  const state = env['XDG_STATE_HOME']?.startsWith('/') ? env['XDG_STATE_HOME'] : join(env['HOME'] ?? homedir(), '.local', 'state');
  return join(state, 'tracker', 'engine.log');
}

/** Starts the audio engine for the editor. */
export function createEngine(options: EngineOptions = {}): EngineClient {
  return new ProcessEngineClient({
    logFile: options.logFile ?? engineLogPath(),
    ...(options.midiDriverModule ? { midiDriverModule: options.midiDriverModule } : {}),
    prefs: {
      device: options.audioDevice ?? null,
      sampleRate: options.sampleRate ?? 48000,
      latencyMs: options.latencyMs ?? DEFAULT_LATENCY_MS,
      ...(options.silent ? { silent: true } : {}),
      ...(options.silentSink ? { silentSink: options.silentSink } : {}),
    },
  });
}
