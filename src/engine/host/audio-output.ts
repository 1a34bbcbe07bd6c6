// Opens the audio output: the chosen (or default) sound card through node-web-audio-api, or, when
// there is none (headless servers, CI), a silent sink whose clock keeps running so playback, position
// and MIDI still work. Never throws: the reason for a fallback is returned for the status line.

import type { AudioStatus } from '../protocol.js';
import { SilentClockContext } from './silent-output.js';

/** What we use of node-web-audio-api's AudioContext. */
export interface LiveAudioContext {
  readonly currentTime: number;
  readonly sampleRate: number;
  readonly destination: unknown;
  /** Seconds between the audio clock and the speaker (when the library reports it). */
  readonly outputLatency?: number;
  readonly baseLatency?: number;
  readonly renderCapacity?: {
    start(options: { updateInterval: number }): void;
    stop(): void;
    addEventListener(type: 'update', listener: (e: { averageLoad: number; peakLoad: number; underrunRatio: number }) => void): void;
  };
  createBuffer(channels: number, length: number, sampleRate: number): { copyToChannel(source: Float32Array, channel: number): void };
  createBufferSource(): { buffer: unknown; connect(destination: never): unknown; start(when: number): void; stop(when?: number): void };
  close(): Promise<void>;
  addEventListener?(type: string, listener: (e: unknown) => void): void;
}

/** Output latency when none is chosen (ms): the engine's render-ahead and the device's buffer hint. */
export const DEFAULT_LATENCY_MS = 16;

/** Sample rates offered for the output (Hz). */
export const SAMPLE_RATES = [22050, 32000, 44100, 48000, 88200, 96000] as const;

/** Latencies offered for the output (ms). */
export const LATENCIES_MS = [8, 16, 24, 32, 48, 64, 96] as const;

export interface OutputPreferences {
  /** Device id from the device list, or null for the system default. */
  readonly device: string | null;
  readonly sampleRate: number;
  /**
   * Output latency in ms: how far ahead of the clock the engine renders (whole chunks of ~8 ms, at
   * least one) and the buffer size hinted to the device driver.
   */
  readonly latencyMs: number;
  /** Force the silent sink (tests, --silent). */
  readonly silent?: boolean;
  /**
   * Which silent sink: 'clock' (default) follows wall time and renders nothing; 'native' is
   * node-web-audio-api's `sinkId: { type: 'none' }`, which renders every chunk on its own thread
   * (kept to measure the library's cost on a machine without a sound card).
   */
  readonly silentSink?: 'clock' | 'native';
}

export interface OpenedOutput {
  readonly ctx: LiveAudioContext;
  readonly status: AudioStatus;
}

type AudioModule = {
  AudioContext: new (options: Record<string, unknown>) => LiveAudioContext;
  mediaDevices?: { enumerateDevices(): Promise<{ kind: string; deviceId: string; label: string }[]> };
};

let audioModule: AudioModule | null | undefined;

/** Loads node-web-audio-api once; null if it cannot load on this machine. */
export async function loadAudioModule(): Promise<AudioModule | null> {
  if (audioModule !== undefined) return audioModule;
  try {
    audioModule = (await import('node-web-audio-api')) as unknown as AudioModule;
  } catch {
    audioModule = null;
  }
  return audioModule;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Opens the preferred device, falling back to the silent sink. */
export async function openOutput(prefs: OutputPreferences): Promise<OpenedOutput> {
  const mod = await loadAudioModule();
  if (!mod) {
    process.stderr.write('audio: node-web-audio-api could not be loaded on this machine; using the silent output\n');
    return silentOutput(prefs, prefs.silent ? 'silent output requested' : 'no audio library');
  }
  const base = { sampleRate: prefs.sampleRate, latencyHint: Math.max(0.001, prefs.latencyMs / 1000) };
  let reason = 'silent output requested';
  if (!prefs.silent) {
    try {
      const ctx = new mod.AudioContext(prefs.device ? { ...base, sinkId: prefs.device } : base);
      return { ctx, status: { kind: 'device', detail: prefs.device ?? 'default output', sampleRate: ctx.sampleRate } };
    } catch (e) {
      // The library's own words go to the engine log; the status line gets the short version.
      process.stderr.write(`audio: cannot open ${prefs.device ?? 'the default device'}: ${message(e)}\n`);
      reason = prefs.device ? `device "${prefs.device}" unavailable` : 'no sound device';
    }
  }
  if (prefs.silentSink !== 'native') return silentOutput(prefs, reason);
  const ctx = new mod.AudioContext({ ...base, sinkId: { type: 'none' } });
  return { ctx, status: { kind: 'silent', detail: reason, sampleRate: ctx.sampleRate } };
}

function silentOutput(prefs: OutputPreferences, reason: string): OpenedOutput {
  const ctx = new SilentClockContext(prefs.sampleRate);
  return { ctx, status: { kind: 'silent', detail: reason, sampleRate: ctx.sampleRate } };
}

/** Output devices the system offers (empty when none can be listed). */
export async function listOutputDevices(): Promise<{ id: string; label: string }[]> {
  const mod = await loadAudioModule();
  try {
    const devices = (await mod?.mediaDevices?.enumerateDevices()) ?? [];
    return devices.filter((d) => d.kind === 'audiooutput').map((d) => ({ id: d.deviceId, label: d.label }));
  } catch {
    return [];
  }
}
