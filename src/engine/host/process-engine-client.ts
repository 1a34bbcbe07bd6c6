// EngineClient that runs the engine in a child process: the UI stays responsive whatever audio does,
// native library output goes to a log file, and a crashed engine is restarted with the current song.

import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Song } from '../../song/song.js';
import { type EngineClient, type EngineCommand, type EngineEvent, withItem } from '../protocol.js';
import type { OutputPreferences } from './audio-output.js';

export interface ProcessEngineOptions {
  /** File that receives the engine's stdout and stderr. */
  readonly logFile: string;
  readonly prefs: OutputPreferences;
  /** Restart after a crash (default true). */
  readonly restart?: boolean;
  /** MIDI driver module for the engine (tests and benchmarks; default easymidi). */
  readonly midiDriverModule?: string;
}

/** Path of the engine's entry script next to this file (TypeScript sources run with the ts hooks). */
function engineEntry(): { entry: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    const hooks = join(dirname(here), '../../../bench/lib/ts-hooks.mjs');
    return { entry: join(dirname(here), 'engine-process.ts'), execArgv: ['--import', hooks] };
  }
  return { entry: join(dirname(here), 'engine-process.js'), execArgv: [] };
}

export class ProcessEngineClient implements EngineClient {
  private child: ChildProcess | null = null;
  private readonly listeners = new Set<(e: EngineEvent) => void>();
  private queue: EngineCommand[] = [];
  private song: Song | null = null;
  /** Settings a restarted engine must get again: the output as last chosen, MIDI setup, mutes. */
  private prefs: OutputPreferences;
  private midiSetup: EngineCommand | null = null;
  private readonly mutes = new Map<number, EngineCommand>();
  private closing = false;
  private restarts = 0;

  private readonly options: ProcessEngineOptions;

  constructor(options: ProcessEngineOptions) {
    this.options = options;
    this.prefs = options.prefs;
    this.spawn();
  }

  private spawn(): void {
    mkdirSync(dirname(this.options.logFile), { recursive: true });
    const fd = openSync(this.options.logFile, 'a');
    const { entry, execArgv } = engineEntry();
    const args = [JSON.stringify(this.prefs), ...(this.options.midiDriverModule ? [this.options.midiDriverModule] : [])];
    const child = fork(entry, args, {
      stdio: ['ignore', fd, fd, 'ipc'],
      serialization: 'advanced',
      execArgv,
      env: { ...process.env, CI: undefined },
    });
    closeSync(fd);
    this.child = child;
    child.on('message', (m) => this.emit(m as EngineEvent));
    child.on('error', (e) => this.emit({ type: 'error', message: `audio engine: ${e.message}` }));
    child.on('exit', (code, signal) => {
      this.child = null;
      if (this.closing) return;
      this.emit({ type: 'audio', status: { kind: 'error', detail: `audio engine stopped (${signal ?? `exit ${code}`}); restarting`, sampleRate: 0 } });
      if (this.options.restart === false || this.restarts > 20) return;
      this.restarts++;
      setTimeout(() => {
        if (this.closing) return;
        this.spawn();
        if (this.song) this.send({ type: 'setSong', song: this.song });
        if (this.midiSetup) this.send(this.midiSetup);
        for (const m of this.mutes.values()) this.send(m);
      }, 300).unref();
    });
    if (child.connected) this.flush();
    child.once('spawn', () => this.flush());
  }

  private flush(): void {
    const child = this.child;
    if (!child?.connected) return;
    for (const cmd of this.queue.splice(0)) child.send(cmd);
  }

  private track(cmd: EngineCommand): void {
    const s = this.song;
    if (cmd.type === 'setMidi') this.midiSetup = cmd;
    if (cmd.type === 'setMute') this.mutes.set(cmd.channel, cmd);
    if (cmd.type === 'setSong') this.song = cmd.song;
    else if (s && cmd.type === 'setSongFields') this.song = { ...s, ...cmd.fields };
    else if (s && cmd.type === 'setPattern') this.song = { ...s, patterns: withItem(s.patterns, cmd.index, cmd.pattern) };
    else if (s && cmd.type === 'setSample') this.song = { ...s, samples: withItem(s.samples, cmd.index, cmd.sample) };
    else if (s && cmd.type === 'setInstrument') this.song = { ...s, instruments: withItem(s.instruments, cmd.index, cmd.instrument) };
    else if (cmd.type === 'setOutput') this.prefs = { device: cmd.device, sampleRate: cmd.sampleRate, latencyMs: cmd.latencyMs };
  }

  send(command: EngineCommand): void {
    this.track(command);
    const child = this.child;
    if (child?.connected) {
      try {
        child.send(command);
        return;
      } catch {
        // The child is going away; the command waits for the restart.
      }
    }
    this.queue.push(command);
  }

  onEvent(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: EngineEvent): void {
    for (const l of this.listeners) l(event);
  }

  async close(): Promise<void> {
    this.closing = true;
    const child = this.child;
    if (!child) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 1500);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      try {
        child.send({ type: 'shutdown' });
      } catch {
        child.kill('SIGTERM');
      }
    });
  }

  /** The child's pid (tests). */
  get pid(): number | undefined {
    return this.child?.pid;
  }
}
