// Live playback under a busy UI: plays the 32-channel corpus XM (rafkill song2) for 60 s through
// the real engine child process on the silent sink while this (the "UI") thread blocks for 200 ms
// every second, then prints the underrun ratio, audio-clock drift against wall time, schedule
// lateness and the engine's CPU time. Then measures edit-to-ear latency: while a pattern plays,
// a note is written into it and the time until the engine reports that channel sounding is taken
// (an upper bound: positions arrive 40 times a second).
// Run: npm run bench:playback [-- --seconds N]
import { createEngine } from '../src/engine/host/create-engine.js';
import type { AudioStatus, EngineEvent } from '../src/engine/protocol.js';
import { readSong } from '../src/formats/registry.js';
import { createSong } from '../src/song/create.js';
import { createPattern, writeCell } from '../src/song/pattern.js';
import { corpusEntries, hasCorpus, readCorpusFile } from '../tests/helpers/corpus.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const i = process.argv.indexOf('--seconds');
const SECONDS = i >= 0 ? Number(process.argv[i + 1]) : 60;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const logFile = join(tmpdir(), `tracker-playback-bench-${process.pid}.log`);

async function busyPlayback(): Promise<void> {
  const entry = corpusEntries().find((e) => e.path === 'xm/rafkill-data--song2.xm');
  if (!hasCorpus || !entry) {
    console.log('playback bench: ../shared/corpus (xm/rafkill-data--song2.xm) is absent; skipping the 32-channel run');
    return;
  }
  const song = readSong(readCorpusFile(entry)).song;
  const engine = createEngine({ silent: true, logFile });
  let first: AudioStatus['clock'] | undefined;
  let last: AudioStatus['clock'] | undefined;
  let worstUnderrun = 0;
  let peakLoad = 0;
  let avgLoad = 0;
  let positions = 0;
  const offsets: number[] = [];
  engine.onEvent((e: EngineEvent) => {
    if (e.type === 'audio' && e.status.clock) {
      first ??= e.status.clock;
      last = e.status.clock;
      offsets.push(e.status.clock.audioSeconds - e.status.clock.wallSeconds);
      if (e.status.load) {
        worstUnderrun = Math.max(worstUnderrun, e.status.load.underrunRatio);
        peakLoad = Math.max(peakLoad, e.status.load.peak);
        avgLoad = e.status.load.average;
      }
    } else if (e.type === 'position' && e.position.playing) positions++;
  });
  engine.send({ type: 'setSong', song });
  engine.send({ type: 'play', mode: 'song', order: 0, row: 0 });
  // The UI thread is blocked for 200 ms every second (a slow redraw, a big paste, GC).
  const busy = setInterval(() => {
    const until = performance.now() + 200;
    while (performance.now() < until) {
      // spin
    }
  }, 1000);
  await wait(SECONDS * 1000);
  clearInterval(busy);
  engine.send({ type: 'stop' });
  await wait(1100);
  await engine.close();
  if (!first || !last) {
    console.log('playback bench: the engine sent no clock measurements');
    return;
  }
  const wall = last.wallSeconds - first.wallSeconds;
  const audio = last.audioSeconds - first.audioSeconds;
  const cpu = last.cpuSeconds - first.cpuSeconds;
  console.log(`32-channel XM, ${wall.toFixed(1)} s on the silent sink, UI thread blocked 200 ms every second:`);
  console.log(`  underrun ratio (worst renderCapacity update): ${worstUnderrun.toFixed(4)}   [target 0]`);
  console.log(`  schedule late by: ${last.lateFrames} frames in total`);
  // Event delivery jitters by a millisecond or so: compare the mean offset of the first and last ten readings.
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const drift = mean(offsets.slice(-10)) - mean(offsets.slice(0, 10));
  console.log(`  audio-clock drift vs wall time: ${(drift * 1000).toFixed(2)} ms (first/last reading only: ${((audio - wall) * 1000).toFixed(2)} ms)   [target < 1 ms]`);
  console.log(`  engine CPU: ${cpu.toFixed(2)} s over ${wall.toFixed(1)} s = ${((100 * cpu) / wall).toFixed(1)}% of one core   [target < 10%]`);
  console.log(`  render load: average ${(avgLoad * 100).toFixed(1)}%, peak ${(peakLoad * 100).toFixed(1)}%; position events: ${(positions / wall).toFixed(0)}/s`);
}

async function editLatency(): Promise<void> {
  // Channel 0 keeps time; channel 1 is empty until the edit puts a note on every row.
  const rows = 64;
  const base = createPattern(rows, 2);
  // The unedited pattern cuts channel 1 on every row, so it is silent before each edit.
  for (let r = 0; r < rows; r++) writeCell(base, r, 1, { note: 254, instrument: 0, volume: null, effects: [null] });
  const sample = { name: 'beep', fileName: '', pcm: { bits: 8 as const, channels: 1 as const, data: Int8Array.from({ length: 2000 }, (_, k) => (k % 40 < 20 ? 100 : -100)) }, loop: { start: 0, end: 2000, pingPong: false }, sustainLoop: null, tuning: { kind: 'c5speed' as const, c5Speed: 8363 }, volume: 64, globalVolume: 64, pan: null, vibrato: { waveform: 'sine' as const, speed: 0, depth: 0, sweep: 0 }, adlib: null };
  const song = createSong({ channels: 2 }, { samples: [sample], patterns: [base], orders: [0], initialSpeed: 1, initialTempo: 255 });
  const edited = createPattern(rows, 2);
  for (let r = 0; r < rows; r++) writeCell(edited, r, 1, { note: 61, instrument: 1, volume: null, effects: [null] });
  const engine = createEngine({ silent: true, logFile });
  let sounding = false;
  engine.onEvent((e) => {
    if (e.type === 'position' && e.position.playing) sounding = (e.position.vu[1] ?? 0) > 0;
  });
  engine.send({ type: 'setSong', song });
  engine.send({ type: 'play', mode: 'pattern', order: 0, row: 0 });
  await wait(1500);
  const samples: number[] = [];
  for (let k = 0; k < 15; k++) {
    engine.send({ type: 'setPattern', index: 0, pattern: base });
    await wait(300 + Math.random() * 100);
    const t0 = performance.now();
    engine.send({ type: 'setPattern', index: 0, pattern: edited });
    while (!sounding && performance.now() - t0 < 1000) await wait(1);
    samples.push(performance.now() - t0);
    await wait(100);
  }
  engine.send({ type: 'stop' });
  await engine.close();
  samples.sort((a, b) => a - b);
  const p = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(1);
  console.log(`edit-to-ear latency (edit sent -> engine reports the channel sounding), ${samples.length} edits: median ${p(0.5)} ms, p90 ${p(0.9)} ms, max ${p(1)} ms   [target <= 50 ms; includes waiting for the next row (<= 10 ms here) and up to 25 ms of position-event granularity]`);
}

/**
 * Keyjazz latency, measured on the audio clock: the engine service runs in this process on the real
 * silent output, whose buffers are watched; from the moment a previewNote is handed to the engine
 * until the first non-silent frame of the chunk that carries it is due to play. (The UI-to-engine
 * IPC hop, well under a millisecond, is not included.)
 */
async function keyjazzLatency(playing: boolean): Promise<void> {
  const { EngineService } = await import('../src/engine/host/engine-service.js');
  const { openOutput } = await import('../src/engine/host/audio-output.js');
  const { defaultMix } = await import('../src/engine/host/mix-setup.js');
  const samples: number[] = [];
  let waiting = false;
  let sentAt = 0;
  let clock: () => number = () => 0;
  const open = async (prefs: Parameters<typeof openOutput>[0]) => {
    const opened = await openOutput({ ...prefs, silent: true });
    const ctx = opened.ctx as unknown as Record<string, unknown> & { currentTime: number; sampleRate: number };
    clock = () => ctx.currentTime;
    const wrapped = new Proxy(ctx, {
      get(target, key) {
        if (key === 'createBuffer') {
          return (channels: number, length: number, rate: number) => {
            const buf = (target['createBuffer'] as (c: number, l: number, r: number) => { copyToChannel(s: Float32Array, c: number): void }).call(target, channels, length, rate);
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
            const src = (target['createBufferSource'] as () => { buffer: unknown; connect(d: unknown): unknown; start(w: number): void; stop(w?: number): void }).call(target);
            let b: { native: unknown; firstSound(): number } | null = null;
            return {
              set buffer(v: { native: unknown; firstSound(): number }) { b = v; src.buffer = v.native; },
              connect: (d: unknown) => src.connect(d),
              stop: (w?: number) => src.stop(w),
              start(when: number) {
                const i = b?.firstSound() ?? -1;
                if (waiting && i >= 0) {
                  samples.push((when + i / ctx.sampleRate - sentAt) * 1000);
                  waiting = false;
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
    return { ctx: wrapped as unknown as typeof opened.ctx, status: opened.status };
  };
  const service = new EngineService(() => {}, { prefs: { device: null, sampleRate: 48000, latencyMs: 20, silent: true }, mix: defaultMix(48000), open });
  await service.start();
  const song = createSong({ channels: 1 }, { samples: [{ name: 'beep', fileName: '', pcm: { bits: 8, channels: 1, data: Int8Array.from({ length: 4000 }, (_, k) => (k % 40 < 20 ? 100 : -100)) }, loop: null, sustainLoop: null, tuning: { kind: 'c5speed', c5Speed: 8363 }, volume: 64, globalVolume: 64, pan: null, vibrato: { waveform: 'sine', speed: 0, depth: 0, sweep: 0 }, adlib: null }] });
  service.handle({ type: 'setSong', song });
  if (playing) service.handle({ type: 'play', mode: 'pattern', order: 0, row: 0 });
  await wait(500);
  for (let k = 0; k < 20; k++) {
    sentAt = clock();
    waiting = true;
    service.handle({ type: 'previewNote', note: 61, instrument: 1, volume: 64, channel: 0 });
    await wait(150 + Math.random() * 50);
    service.handle({ type: 'previewOff', channel: 0 });
    await wait(100);
  }
  await service.stop();
  samples.sort((a, b) => a - b);
  const p = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(1);
  console.log(`keyjazz latency ${playing ? 'while playing' : 'while stopped'} (previewNote handed to the engine -> first sounding frame due), ${samples.length} notes: median ${p(0.5)} ms, p90 ${p(0.9)} ms, max ${p(1)} ms   [target <= 30 ms]`);
}

await busyPlayback();
await editLatency();
await keyjazzLatency(false);
await keyjazzLatency(true);
process.exit(0);
