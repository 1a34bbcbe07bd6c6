// Live playback under a busy UI: plays the 32-channel corpus XM (rafkill song2) for 60 s through the
// real engine child process on the silent sink while this (the "UI") thread blocks for 200 ms every
// second, and prints the underrun ratio, schedule lateness, audio-clock drift against wall time and
// the engine's CPU time (idle, stopped and playing; per thread on Linux). Then edit-to-ear and keyjazz
// latency, measured on the audio clock.
// Run: npm run bench:playback [-- --seconds N] [--sink clock|native] [--only busy|edit|keyjazz]
//   --sink native: node-web-audio-api's own silent sink (sinkId 'none'), which renders every chunk
//   on a native thread as a sound card would; the default is the engine's wall-clock silent output.
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../src/engine/host/create-engine.js';
import type { OpenedOutput, OutputPreferences } from '../src/engine/host/audio-output.js';
import type { ProcessEngineClient } from '../src/engine/host/process-engine-client.js';
import type { AudioStatus, EngineClient, EngineEvent } from '../src/engine/protocol.js';
import { readSong } from '../src/formats/registry.js';
import { createSong } from '../src/song/create.js';
import { createPattern, writeCell } from '../src/song/pattern.js';
import type { Sample } from '../src/song/song.js';
import { corpusEntries, hasCorpus, readCorpusFile } from '../tests/helpers/corpus.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const SECONDS = Number(arg('seconds') ?? 60);
const SINK = (arg('sink') ?? 'clock') as 'clock' | 'native';
const ONLY = arg('only');
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const logFile = join(tmpdir(), `tracker-playback-bench-${process.pid}.log`);
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

type Clock = NonNullable<AudioStatus['clock']>;

/** CPU ticks (1/100 s) per thread of a process, from /proc (Linux; empty elsewhere). */
function threadTicks(pid: number): Map<string, { name: string; ticks: number }> {
  const out = new Map<string, { name: string; ticks: number }>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, { name, ticks: Number(fields[11]) + Number(fields[12]) });
    }
  } catch {
    // Not Linux, or the process is gone.
  }
  return out;
}

function threadReport(before: Map<string, { name: string; ticks: number }>, after: Map<string, { name: string; ticks: number }>, seconds: number, pid: number): string {
  const parts: string[] = [];
  for (const [tid, t] of after) {
    const pct = (t.ticks - (before.get(tid)?.ticks ?? 0)) / seconds;
    if (pct >= 0.1) parts.push(`${Number(tid) === pid ? 'JS main' : `${t.name} ${tid}`} ${pct.toFixed(1)}%`);
  }
  return parts.join(', ') || 'n/a';
}

/** Collects the engine's audio-status clock readings. */
function clockReadings(engine: EngineClient): { readings: { clock: Clock; load: AudioStatus['load'] }[]; positions: () => number } {
  const readings: { clock: Clock; load: AudioStatus['load'] }[] = [];
  let positions = 0;
  engine.onEvent((e: EngineEvent) => {
    if (e.type === 'audio' && e.status.clock) readings.push({ clock: e.status.clock, load: e.status.load });
    else if (e.type === 'position' && e.position.playing) positions++;
  });
  return { readings, positions: () => positions };
}

async function nextReading(readings: { clock: Clock }[]): Promise<Clock> {
  const n = readings.length;
  while (readings.length === n) await wait(20);
  return readings[readings.length - 1]!.clock;
}

async function busyPlayback(): Promise<void> {
  const entry = corpusEntries().find((e) => e.path === 'xm/rafkill-data--song2.xm');
  if (!hasCorpus || !entry) {
    console.log('playback bench: ../shared/corpus (xm/rafkill-data--song2.xm) is absent; skipping the 32-channel run');
    return;
  }
  const song = readSong(readCorpusFile(entry)).song;
  const engine = createEngine({ silent: true, silentSink: SINK, logFile }) as ProcessEngineClient;
  const { readings, positions } = clockReadings(engine);
  const cpuShare = (a: Clock, b: Clock) => (100 * (b.cpuSeconds - a.cpuSeconds)) / (b.wallSeconds - a.wallSeconds);
  // Idle (no song) and stopped (song loaded) first: what the engine costs while nothing plays.
  await nextReading(readings);
  const idle0 = await nextReading(readings);
  await wait(4000);
  const idle1 = await nextReading(readings);
  engine.send({ type: 'setSong', song });
  await nextReading(readings);
  const stopped0 = await nextReading(readings);
  await wait(4000);
  const stopped1 = await nextReading(readings);

  engine.send({ type: 'play', mode: 'song', order: 0, row: 0 });
  // The UI thread is blocked for 200 ms every second (a slow redraw, a big paste, GC).
  const busy = setInterval(() => {
    const until = performance.now() + 200;
    while (performance.now() < until) {
      // spin
    }
  }, 1000);
  const loadBefore = load();
  await nextReading(readings);
  const first = readings.length;
  const start = await nextReading(readings);
  const pid = engine.pid ?? 0;
  const threads0 = threadTicks(pid);
  const positions0 = positions();
  await wait(SECONDS * 1000);
  const end = await nextReading(readings);
  const threads1 = threadTicks(pid);
  const positionCount = positions() - positions0;
  clearInterval(busy);
  const loadAfter = load();
  engine.send({ type: 'stop' });
  await engine.close();

  const window = readings.slice(first);
  const wall = end.wallSeconds - start.wallSeconds;
  const worstUnderrun = Math.max(...window.map((r) => r.load?.underrunRatio ?? 0));
  const peakLoad = Math.max(...window.map((r) => r.load?.peak ?? 0));
  const avgLoad = window.reduce((a, r) => a + (r.load?.average ?? 0), 0) / Math.max(1, window.length);
  const wakeLate = Math.max(...window.map((r) => r.clock.wakeLateMs ?? 0));
  const aheads = window.map((r) => r.clock.aheadMs ?? 0);
  const offsets = window.map((r) => r.clock.audioSeconds - r.clock.wallSeconds);
  // Event delivery jitters by a millisecond or so: compare the mean offset of the first and last ten readings.
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const drift = mean(offsets.slice(-10)) - mean(offsets.slice(0, 10));
  const rawDrift = end.audioSeconds - start.audioSeconds - wall;
  const sinkName = SINK === 'native' ? "node-web-audio-api's silent sink (sinkId 'none')" : "the engine's wall-clock silent output";
  console.log(`32-channel XM, ${wall.toFixed(1)} s on ${sinkName}, UI thread blocked 200 ms every second (load average ${loadBefore} -> ${loadAfter}):`);
  console.log(`  underrun ratio (worst 1-s report): ${worstUnderrun.toFixed(4)}   [target 0]`);
  console.log(`  schedule late by: ${end.lateFrames - start.lateFrames} frames; engine timer fired up to ${wakeLate.toFixed(1)} ms late; render-ahead ${Math.min(...aheads).toFixed(0)}..${Math.max(...aheads).toFixed(0)} ms (grows while the machine is slow)`);
  console.log(`  audio-clock drift vs wall time: ${(drift * 1000).toFixed(2)} ms (first/last reading only: ${(rawDrift * 1000).toFixed(2)} ms)   [target < 1 ms]`);
  console.log(`  engine CPU playing: ${(end.cpuSeconds - start.cpuSeconds).toFixed(2)} s over ${wall.toFixed(1)} s = ${cpuShare(start, end).toFixed(1)}% of one core   [target < 10%]`);
  console.log(`    per thread: ${threadReport(threads0, threads1, wall, pid)}`);
  console.log(`  engine CPU idle (no song): ${cpuShare(idle0, idle1).toFixed(1)}%, stopped (song loaded): ${cpuShare(stopped0, stopped1).toFixed(1)}%`);
  console.log(`  render load: average ${(avgLoad * 100).toFixed(1)}%, peak ${(peakLoad * 100).toFixed(1)}%; position events: ${(positionCount / wall).toFixed(0)}/s`);
}

const beep = (length: number, loop: boolean): Sample => ({
  name: 'beep',
  fileName: '',
  pcm: { bits: 8, channels: 1, data: Int8Array.from({ length }, (_, k) => (k % 40 < 20 ? 100 : -100)) },
  loop: loop ? { start: 0, end: length, pingPong: false } : null,
  sustainLoop: null,
  tuning: { kind: 'c5speed', c5Speed: 8363 },
  volume: 64,
  globalVolume: 64,
  pan: null,
  vibrato: { waveform: 'sine', speed: 0, depth: 0, sweep: 0 },
  adlib: null,
});

/**
 * An engine service in this process on the real silent output, whose buffers are watched: `heard()`
 * resolves with the audio-clock time of the first non-silent frame scheduled after `arm()`.
 */
async function watchedService() {
  const { EngineService } = await import('../src/engine/host/engine-service.js');
  const { openOutput } = await import('../src/engine/host/audio-output.js');
  const { defaultMix } = await import('../src/engine/host/mix-setup.js');
  let armed = false;
  let heardAt: number | null = null;
  let clock: () => number = () => 0;
  const open = async (prefs: OutputPreferences): Promise<OpenedOutput> => {
    const opened = await openOutput({ ...prefs, silent: true, silentSink: SINK });
    const ctx = opened.ctx;
    clock = () => ctx.currentTime;
    type Buf = { copyToChannel(s: Float32Array, c: number): void };
    type Src = ReturnType<typeof ctx.createBufferSource>;
    const wrapped = new Proxy(ctx, {
      get(target, key) {
        if (key === 'createBuffer') {
          return (channels: number, length: number, rate: number) => {
            const buf = target.createBuffer(channels, length, rate) as Buf;
            let first = -1;
            return {
              native: buf,
              firstSound: () => first,
              copyToChannel(src: Float32Array, c: number) {
                if (c === 0 && first < 0) first = src.findIndex((x) => x !== 0);
                buf.copyToChannel(src, c);
              },
            };
          };
        }
        if (key === 'createBufferSource') {
          return () => {
            const src: Src = target.createBufferSource();
            let b: { native: unknown; firstSound(): number } | null = null;
            return {
              set buffer(v: { native: unknown; firstSound(): number }) {
                b = v;
                src.buffer = v.native;
              },
              connect: (d: never) => src.connect(d),
              stop: (w?: number) => src.stop(w),
              start(when: number) {
                const i = b?.firstSound() ?? -1;
                if (armed && i >= 0) {
                  heardAt = when + i / target.sampleRate;
                  armed = false;
                }
                src.start(when);
              },
            };
          };
        }
        const v = Reflect.get(target, key, target) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    return { ctx: wrapped, status: opened.status };
  };
  const service = new EngineService(() => {}, { prefs: { device: null, sampleRate: 48000, latencyMs: 16, silent: true }, mix: defaultMix(48000), open, midi: false });
  await service.start();
  return {
    service,
    now: () => clock(),
    /** Watch for the next sounding frame; returns its latency in ms from now once scheduled. */
    async latencyOf(action: () => void): Promise<number | null> {
      heardAt = null;
      armed = true;
      const t0 = clock();
      action();
      const deadline = performance.now() + 1000;
      while (heardAt === null && performance.now() < deadline) await wait(1);
      armed = false;
      return heardAt === null ? null : (heardAt - t0) * 1000;
    },
  };
}

function summary(samples: number[]): string {
  samples.sort((a, b) => a - b);
  const p = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(1);
  return `${samples.length} times: median ${p(0.5)} ms, p90 ${p(0.9)} ms, max ${p(1)} ms`;
}

/**
 * Edit-to-ear latency on the audio clock: a pattern plays with channel 1 cut on every row; the edit
 * puts a note on every row of it; from the moment the engine takes the edit until the first sounding
 * frame of it is due. Includes waiting for the next row (9.8 ms rows here); not the UI-to-engine IPC hop.
 */
async function editLatency(): Promise<void> {
  const rows = 64;
  const base = createPattern(rows, 2);
  for (let r = 0; r < rows; r++) writeCell(base, r, 1, { note: 254, instrument: 0, volume: null, effects: [null] });
  const song = createSong({ channels: 2 }, { samples: [beep(2000, true)], patterns: [base], orders: [0], initialSpeed: 1, initialTempo: 255 });
  const edited = createPattern(rows, 2);
  for (let r = 0; r < rows; r++) writeCell(edited, r, 1, { note: 61, instrument: 1, volume: null, effects: [null] });
  const w = await watchedService();
  w.service.handle({ type: 'setSong', song });
  w.service.handle({ type: 'play', mode: 'pattern', order: 0, row: 0 });
  await wait(500);
  const samples: number[] = [];
  for (let k = 0; k < 20; k++) {
    w.service.handle({ type: 'setPattern', index: 0, pattern: base });
    await wait(150 + Math.random() * 50);
    const ms = await w.latencyOf(() => w.service.handle({ type: 'setPattern', index: 0, pattern: edited }));
    if (ms !== null) samples.push(ms);
    await wait(50);
  }
  await w.service.stop();
  console.log(`edit-to-ear latency (edit taken by the engine -> first sounding frame due, incl. waiting for the row), ${summary(samples)}   [target <= 50 ms]`);
}

/** Keyjazz latency on the audio clock: previewNote taken by the engine -> first sounding frame due. */
async function keyjazzLatency(playing: boolean): Promise<void> {
  const w = await watchedService();
  const song = createSong({ channels: 1 }, { samples: [beep(4000, false)] });
  w.service.handle({ type: 'setSong', song });
  if (playing) w.service.handle({ type: 'play', mode: 'pattern', order: 0, row: 0 });
  await wait(500);
  const samples: number[] = [];
  for (let k = 0; k < 20; k++) {
    const ms = await w.latencyOf(() => w.service.handle({ type: 'previewNote', note: 61, instrument: 1, volume: 64, channel: 0 }));
    if (ms !== null) samples.push(ms);
    await wait(150 + Math.random() * 50);
    w.service.handle({ type: 'previewOff', channel: 0 });
    // Stopped: long enough apart that the engine has gone to sleep (the slowest case) every other time.
    await wait(playing || k % 2 === 0 ? 100 : 700);
  }
  await w.service.stop();
  console.log(`keyjazz latency ${playing ? 'while playing' : 'while stopped'} (previewNote taken by the engine -> first sounding frame due), ${summary(samples)}   [target <= 30 ms]`);
}

/**
 * The hop the latencies above leave out: from the UI process to the engine child over IPC. Measured
 * as half the round trip of a command the engine answers at once (midiTiming), while a song plays.
 */
async function ipcHop(): Promise<void> {
  const logFile = join(tmpdir(), `tracker-bench-ipc-${process.pid}.log`);
  const engine = createEngine({ silent: true, silentSink: SINK, logFile });
  let replied: (() => void) | null = null;
  engine.onEvent((e: EngineEvent) => {
    if (e.type === 'midiTiming') replied?.();
  });
  engine.send({ type: 'setSong', song: createSong({ channels: 1 }, { samples: [beep(4000, true)] }) });
  engine.send({ type: 'play', mode: 'pattern', order: 0, row: 0 });
  await wait(1000);
  const samples: number[] = [];
  for (let k = 0; k < 50; k++) {
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      replied = resolve;
      engine.send({ type: 'midiTiming' });
    });
    samples.push((performance.now() - t0) / 2);
    await wait(20);
  }
  await engine.close();
  console.log(`UI-to-engine IPC hop (half a round trip, while playing), ${summary(samples)}`);
}

if (!ONLY || ONLY === 'busy') await busyPlayback();
if (!ONLY || ONLY === 'ipc') await ipcHop();
if (!ONLY || ONLY === 'edit') await editLatency();
if (!ONLY || ONLY === 'keyjazz') {
  await keyjazzLatency(false);
  await keyjazzLatency(true);
}
process.exit(0);
