// `tracker play FILE`: plays a song through the sound card (or the silent sink) without the screen,
// for scripts and SSH sessions; prints the position, and with --stats the audio health figures.

import { resolve } from 'node:path';
import { createEngine } from '../../engine/host/create-engine.js';
import type { AudioStatus, EngineEvent, PositionSnapshot } from '../../engine/protocol.js';
import { loadSongFile } from '../../storage/song-file.js';
import { loadSettings } from '../../ui/settings/settings.js';
import type { Command } from '../command.js';

function clock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  return `${m}:${(seconds - m * 60).toFixed(1).padStart(4, '0')}`;
}

export const playCommand: Command = {
  spec: {
    name: 'play',
    summary: 'Play a song without the screen (sound card, or a silent clock when there is none).',
    args: ['FILE'],
    options: [
      { name: 'seconds', type: 'number', value: 'N', min: 0.1, max: 86400, description: 'stop after N seconds (default: the end of the song)' },
      { name: 'order', type: 'number', value: 'N', integer: true, min: 0, max: 65535, description: 'start at order N' },
      { name: 'stats', type: 'flag', description: 'print render load, underruns, audio-clock drift and engine CPU time at the end' },
      { name: 'device', type: 'string', value: 'ID', description: 'output device id (see "tracker devices"; default: the one chosen in the editor, Alt+O)' },
      { name: 'rate', type: 'number', value: 'HZ', integer: true, min: 8000, max: 192000, description: 'output sample rate (default: the editor\'s, 48000 unless changed)' },
      { name: 'latency', type: 'number', value: 'MS', integer: true, min: 4, max: 500, description: 'output latency in milliseconds (default: the editor\'s)' },
      { name: 'silent', type: 'flag', description: 'use the silent sink even when there is a sound card' },
      { name: 'midi-out', type: 'string', value: 'PORT', description: 'MIDI output for instruments without a port of their own (default: the one chosen in the editor, Alt+I)' },
      { name: 'midi-clock', type: 'flag', description: 'send MIDI clock, Start/Stop and Song Position to the MIDI output' },
      { name: 'quiet', short: 'q', type: 'flag', description: 'do not print the position' },
    ],
  },
  async run(args, io) {
    const file = args.positionals[0] as string;
    const loaded = loadSongFile(resolve(io.cwd, file), file);
    const limit = args.options['seconds'] as number | undefined;
    const quiet = args.options['quiet'] === true;
    const device = args.options['device'] as string | undefined;
    const prefs = loadSettings().preferences;
    // The output the editor remembers (Alt+O), unless the flags say otherwise.
    const engine = createEngine({
      audioDevice: device ?? prefs.audioDevice,
      sampleRate: (args.options['rate'] as number | undefined) ?? prefs.sampleRate,
      latencyMs: (args.options['latency'] as number | undefined) ?? prefs.latencyMs,
      silent: args.options['silent'] === true,
    });
    const midiOut = (args.options['midi-out'] as string | undefined) ?? prefs.midiDevice;
    const usesMidi = loaded.song.instruments.some((i) => i.midi.channel > 0) || args.options['midi-clock'] === true || args.options['midi-out'] !== undefined;
    let midiTiming: Extract<EngineEvent, { type: 'midiTiming' }> | null = null;
    let midiReported = false;
    let status: AudioStatus | null = null;
    let first: AudioStatus['clock'] | null = null;
    let last: AudioStatus['clock'] | null = null;
    let lastLine = '';
    let position: PositionSnapshot | null = null;
    let ended = false;
    let peakLoad = 0;
    let worstUnderrun = 0;
    const done = new Promise<void>((resolveDone) => {
      engine.onEvent((e: EngineEvent) => {
        if (e.type === 'audio') {
          if (!status) io.err(`audio: ${e.status.kind === 'device' ? e.status.detail : `silent (${e.status.detail})`}, ${e.status.sampleRate} Hz\n`);
          status = e.status;
          if (e.status.clock) {
            first ??= e.status.clock;
            last = e.status.clock;
          }
          if (e.status.load) {
            peakLoad = Math.max(peakLoad, e.status.load.peak);
            worstUnderrun = Math.max(worstUnderrun, e.status.load.underrunRatio);
          }
        } else if (e.type === 'position') {
          if (e.position.playing) position = e.position;
          if (!quiet && e.position.playing) {
            const line = `order ${String(e.position.order).padStart(3, '0')} row ${String(e.position.row).padStart(3, '0')}  ${clock(e.position.seconds)}`;
            if (io.stdoutIsTty) io.out(`\r${line}`);
            else if (line.slice(0, 13) !== lastLine.slice(0, 13)) io.out(`${line}\n`);
            lastLine = line;
          }
          if (limit !== undefined && e.position.seconds >= limit) resolveDone();
        } else if (e.type === 'ended') {
          ended = true;
          resolveDone();
        } else if (e.type === 'error') {
          io.err(`tracker: ${e.message}\n`);
        } else if (e.type === 'midi' && usesMidi && !midiReported) {
          midiReported = true;
          const s = e.status;
          io.err(`midi: ${!s.available ? `unavailable: ${s.detail}` : s.openOutputs.length > 0 ? `sending to ${s.openOutputs.join(', ')}` : `no output port${midiOut ? ` named "${midiOut}"` : ''} (ports: ${s.outputs.join(', ') || 'none'})`}\n`);
        } else if (e.type === 'midiTiming') {
          midiTiming = e;
        }
      });
    });
    const interrupt = () => {
      ended = false;
      void engine.close().then(() => process.exit(130));
    };
    process.once('SIGINT', interrupt);
    engine.send({ type: 'setMidi', setup: { output: midiOut, input: null, clockOut: args.options['midi-clock'] === true, clockIn: false, latencyMs: prefs.midiLatencyMs } });
    engine.send({ type: 'setSong', song: loaded.song });
    engine.send({ type: 'play', mode: 'song', order: (args.options['order'] as number | undefined) ?? 0, row: 0 });
    await done;
    engine.send({ type: 'stop' });
    await new Promise((r) => setTimeout(r, 1100));
    if (args.options['stats'] === true && usesMidi) {
      engine.send({ type: 'midiTiming' });
      const deadline = Date.now() + 1000;
      while (!midiTiming && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    }
    await engine.close();
    process.off('SIGINT', interrupt);
    if (!quiet && io.stdoutIsTty) io.out('\n');
    if (!quiet) io.out(`${ended ? 'song ended' : 'stopped'} at ${clock((position as PositionSnapshot | null)?.seconds ?? 0)}\n`);
    if (args.options['stats'] === true) {
      const f = first as AudioStatus['clock'] | null;
      const l = last as AudioStatus['clock'] | null;
      const s = status as AudioStatus | null;
      if (!f || !l || !s?.load) io.out('stats: not enough measurements (play for at least 2 seconds)\n');
      else {
        const wall = l.wallSeconds - f.wallSeconds;
        const audio = l.audioSeconds - f.audioSeconds;
        const cpu = l.cpuSeconds - f.cpuSeconds;
        io.out(
          [
            `render load: average ${(s.load.average * 100).toFixed(1)}%, peak ${(peakLoad * 100).toFixed(1)}%`,
            `underrun ratio: ${worstUnderrun.toFixed(4)} (worst update); schedule late by ${l.lateFrames} frames in total`,
            `audio clock drift: ${((audio - wall) * 1000).toFixed(2)} ms over ${wall.toFixed(1)} s of wall time`,
            `engine CPU: ${cpu.toFixed(2)} s over ${wall.toFixed(1)} s (${((cpu / Math.max(wall, 1e-9)) * 100).toFixed(1)}% of one core)`,
          ].join('\n') + '\n',
        );
        const t = midiTiming as Extract<EngineEvent, { type: 'midiTiming' }> | null;
        if (t && t.notes.count + t.clock.count === 0) io.out('MIDI: no messages were sent\n');
        else if (t) {
          const line = (name: string, x: typeof t.notes) => `MIDI ${name} sent late by: p50 ${x.p50.toFixed(3)} ms, p99 ${x.p99.toFixed(3)} ms, max ${x.max.toFixed(3)} ms (${x.count} messages)`;
          io.out(`${line('notes', t.notes)}\n${line('clock', t.clock)}\n`);
        }
      }
    }
    return 0;
  },
};
