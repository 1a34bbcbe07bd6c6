// Allocation in steady-state rendering: corpus modules rendered through the production paths (the
// offline path of `tracker render`, with 16-bit WAV encoding, and the live EngineCore in the
// scheduler's 480-frame chunks) at linear and cubic, counting bytes allocated (heap growth plus what
// each GC freed, from V8's GCProfiler) and collections per second of audio after a warm-up. Target:
// ~0 bytes and no GC. --sites runs V8's sampling heap profiler over the same region instead and lists
// the allocating functions (named by their first line; inlined callees count as their caller).
// Run: npm run bench:alloc [-- --only PATTERN] [--seconds N] [--sites]
import { Session } from 'node:inspector';
import { GCProfiler, getHeapStatistics } from 'node:v8';
import { EngineCore } from '../src/engine/host/engine-core.js';
import { createMaster, createMix } from '../src/engine/host/mix-setup.js';
import type { InterpolationMode } from '../src/engine/mixer/voice.js';
import { renderOffline } from '../src/engine/offline-render.js';
import { encodePcm } from '../src/engine/wav-encoder.js';
import { readSong } from '../src/formats/registry.js';
import type { Song } from '../src/song/song.js';
import { corpusEntries, hasCorpus, readCorpusFile } from '../tests/helpers/corpus.js';

const RATE = 48000;
const WARM_UP = 8;
const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const only = arg('--only');
const seconds = Number(arg('--seconds') ?? 60);
const sites = process.argv.includes('--sites');
/** A 32-channel XM, ITs with NNA background voices (pingus-2: up to 61), 16- and 32-channel S3Ms, MODs. */
const FILES = ['xm/rafkill-data--song2.xm', 'it/pingus-data--pingus-2.it', 'it/cuyo-data--cuyo.it', 's3m/pathogen--music.s3m', 's3m/njam-data--ritam.s3m', 'mod/freedroid-data--starpaws.mod', 'mod/tuxmath-data--game3.mod'];

if (!hasCorpus) {
  console.log('alloc bench: ../shared/corpus is absent');
  process.exit(0);
}

interface Meter {
  start(): void;
  stop(): { bytes: number; minor: number; major: number };
}

/** Bytes allocated and collections between start() and stop(), from the heap before and after each GC. */
class AllocMeter {
  private profiler: GCProfiler | null = null;
  private startUsed = 0;
  start(): void {
    this.profiler = new GCProfiler();
    this.profiler.start();
    this.startUsed = getHeapStatistics().used_heap_size;
  }
  stop(): { bytes: number; minor: number; major: number } {
    const endUsed = getHeapStatistics().used_heap_size;
    const stats = this.profiler?.stop()?.statistics ?? [];
    let bytes = 0;
    let prev = this.startUsed;
    let minor = 0;
    let major = 0;
    for (const s of stats) {
      bytes += s.beforeGC.heapStatistics.usedHeapSize - prev;
      prev = s.afterGC.heapStatistics.usedHeapSize;
      if (s.gcType === 'Scavenge' || s.gcType === 'MinorMarkSweep') minor++;
      else major++;
    }
    bytes += endUsed - prev;
    return { bytes, minor, major };
  }
}

interface Run {
  readonly audio: number;
  readonly bytes: number;
  readonly minor: number;
  readonly major: number;
  readonly chunks: number;
}

/** `tracker render`'s path: renderOffline in 16384-frame chunks, master, 16-bit WAV encoding. */
function offline(song: Song, interp: InterpolationMode, meter: Meter): Run {
  const chunk = 16384;
  const pcm = new Uint8Array(chunk * 4);
  const channels: Float32Array[] = [new Float32Array(0), new Float32Array(0)];
  let frames = 0;
  let measuring = false;
  let chunks = 0;
  let measuredFrom = 0;
  renderOffline(song, { sampleRate: RATE, mix: createMix(RATE, interp), master: createMaster(), chunkFrames: chunk, seconds: WARM_UP + seconds }, (c) => {
    channels[0] = c.left;
    channels[1] = c.right;
    encodePcm(channels, c.frames, 's16', pcm);
    frames += c.frames;
    if (measuring) chunks++;
    if (!measuring && frames >= WARM_UP * RATE) {
      measuring = true;
      measuredFrom = frames;
      meter.start();
    }
  });
  const m = measuring ? meter.stop() : { bytes: 0, minor: 0, major: 0 };
  return { audio: (frames - measuredFrom) / RATE, chunks, ...m };
}

/** The live engine's path: EngineCore.render in the scheduler's 480-frame chunks (no audio device). */
function live(song: Song, interp: InterpolationMode, meter: Meter): Run {
  const chunk = 480;
  const core = new EngineCore({ sampleRate: RATE, mix: createMix(RATE, interp), master: createMaster() });
  core.handle({ type: 'setSong', song });
  core.handle({ type: 'play', mode: 'song', order: 0, row: 0 });
  const left = new Float32Array(chunk);
  const right = new Float32Array(chunk);
  const warm = Math.ceil((WARM_UP * RATE) / chunk);
  for (let i = 0; i < warm; i++) core.render(left, right, chunk);
  const n = Math.ceil((seconds * RATE) / chunk);
  meter.start();
  for (let i = 0; i < n; i++) core.render(left, right, chunk);
  const m = meter.stop();
  return { audio: (n * chunk) / RATE, chunks: n, ...m };
}

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

/**
 * A meter that runs V8's sampling heap profiler over the measured region (the inspector session
 * answers synchronously on the main thread) and prints the allocating functions, garbage included.
 */
function siteMeter(label: string): Meter {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object): unknown => {
    let result: unknown;
    session.post(method, params, (err, r) => {
      if (err) throw err;
      result = r;
    });
    return result;
  };
  return {
    start() {
      post('HeapProfiler.enable');
      post('HeapProfiler.startSampling', { samplingInterval: 128, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    },
    stop() {
      const { profile } = post('HeapProfiler.stopSampling') as { profile: { head: ProfileNode } };
      session.disconnect();
      const bySite = new Map<string, number>();
      let total = 0;
      const name = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(src|bench)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
      const walk = (n: ProfileNode, caller: string) => {
        const where = name(n);
        if (n.selfSize > 0) {
          const key = `${where}  <- ${caller}`;
          bySite.set(key, (bySite.get(key) ?? 0) + n.selfSize);
          total += n.selfSize;
        }
        for (const c of n.children) walk(c, where);
      };
      walk(profile.head, '');
      console.log(`\n${label}: ${(total / 1024).toFixed(0)} KB sampled (functions named by their first line, with their caller)`);
      for (const [k, v] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${(v / 1024).toFixed(1).padStart(9)} KB  ${k}`);
      return { bytes: total, minor: 0, major: 0 };
    },
  };
}

const entries = corpusEntries().filter((e) => FILES.includes(e.path) && (!only || e.path.includes(only)));
const interps: InterpolationMode[] = ['linear', 'cubic'];
const idle: Meter = { start() {}, stop: () => ({ bytes: 0, minor: 0, major: 0 }) };
if (sites) {
  for (const e of entries) {
    const song = readSong(readCorpusFile(e)).song;
    for (const [path, fn] of [['offline', offline], ['live', live]] as const) {
      for (const interp of interps) {
        fn(song, interp, idle);
        fn(song, interp, siteMeter(`${e.path} ${path} ${interp}`));
      }
    }
  }
  process.exit(0);
}
console.log(`steady state after ${WARM_UP} s of warm-up, up to ${seconds} s of audio per run, ${RATE} Hz`);
console.log(`${'file'.padEnd(40)}${'path'.padEnd(9)}${'interp'.padEnd(8)}${'audio s'.padStart(8)}${'KB/s audio'.padStart(12)}${'B/chunk'.padStart(10)}${'minor GC'.padStart(10)}${'major GC'.padStart(10)}`);
let worst = 0;
let gcs = 0;
for (const e of entries) {
  const song = readSong(readCorpusFile(e)).song;
  for (const [path, fn] of [['offline', offline], ['live', live]] as const) {
    for (const interp of interps) {
      fn(song, interp, idle); // warm-up (JIT)
      const r = fn(song, interp, new AllocMeter());
      const perSecond = r.audio > 0 ? r.bytes / r.audio : 0;
      worst = Math.max(worst, perSecond);
      gcs += r.minor + r.major;
      console.log(`${e.path.padEnd(40)}${path.padEnd(9)}${interp.padEnd(8)}${r.audio.toFixed(1).padStart(8)}${(perSecond / 1024).toFixed(1).padStart(12)}${(r.chunks > 0 ? r.bytes / r.chunks : 0).toFixed(0).padStart(10)}${String(r.minor).padStart(10)}${String(r.major).padStart(10)}`);
    }
  }
}
console.log(`\nworst: ${(worst / 1024).toFixed(1)} KB allocated per second of audio; ${gcs} garbage collections in all measured runs (target: ~0 and 0)`);
