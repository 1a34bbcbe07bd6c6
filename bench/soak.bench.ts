// Soak: plays every corpus module for its full length in one process, twice per round: through the
// offline renderer (what `tracker render` runs) and through the live engine core (what the engine
// process runs while the editor plays: 480-frame chunks, position snapshots, MIDI queue), both
// faster than real time at 48 kHz, cubic. Prints heap and RSS at the start, after each round and at
// the end: memory must not grow beyond a small constant across songs.
// Run: npm run bench:soak [-- --rounds N]
import { EngineCore } from '../src/engine/host/engine-core.js';
import { createMaster, createMix } from '../src/engine/host/mix-setup.js';
import { renderOffline } from '../src/engine/offline-render.js';
import { readSong } from '../src/formats/registry.js';
import { corpusEntries, hasCorpus, readCorpusFile } from '../tests/helpers/corpus.js';

if (!hasCorpus) {
  console.log('soak: ../shared/corpus is absent; nothing to play');
  process.exit(0);
}
const i = process.argv.indexOf('--rounds');
const rounds = i >= 0 ? Math.max(1, Number(process.argv[i + 1]) || 1) : 2;
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
function memory(label: string): { heap: number; rss: number } {
  gc?.();
  const m = process.memoryUsage();
  console.log(`${label.padEnd(16)} heap ${mb(m.heapUsed).padStart(9)}   array buffers ${mb(m.arrayBuffers).padStart(9)}   rss ${mb(m.rss).padStart(9)}`);
  return { heap: m.heapUsed, rss: m.rss };
}

const RATE = 48000;
const entries = corpusEntries();
const start = memory('start');
let audioSeconds = 0;
let wallSeconds = 0;
let liveSeconds = 0;
let liveWall = 0;
const CHUNK = 480;
const left = new Float32Array(CHUNK);
const right = new Float32Array(CHUNK);

/** Plays `song` through the live engine core for `frames` frames, as the engine process does. */
function playLive(song: ReturnType<typeof readSong>['song'], frames: number): void {
  const core = new EngineCore({ sampleRate: RATE, mix: createMix(RATE, 'cubic'), master: createMaster() });
  core.handle({ type: 'setSong', song });
  core.handle({ type: 'play', mode: 'song', order: 0, row: 0 });
  for (let done = 0, n = 0; done < frames; done += CHUNK, n++) {
    left.fill(0);
    right.fill(0);
    core.render(left, right, CHUNK);
    // The engine posts a position snapshot about 30 times a second and drains the MIDI queue per chunk.
    if (n % 3 === 0) core.snapshot();
    core.midi.take();
  }
  core.handle({ type: 'stop' });
}
const after: { heap: number; rss: number }[] = [];
for (let round = 1; round <= rounds; round++) {
  for (const e of entries) {
    let song;
    try {
      song = readSong(readCorpusFile(e)).song;
    } catch (err) {
      console.log(`  ${e.path}: not loaded (${err instanceof Error ? err.message : String(err)})`);
      continue;
    }
    const t0 = performance.now();
    const summary = renderOffline(song, { sampleRate: RATE, mix: createMix(RATE, 'cubic'), master: createMaster() }, () => {});
    wallSeconds += (performance.now() - t0) / 1000;
    audioSeconds += summary.frames / RATE;
    const t1 = performance.now();
    playLive(song, summary.frames);
    liveWall += (performance.now() - t1) / 1000;
    liveSeconds += summary.frames / RATE;
  }
  after.push(memory(`after round ${round}`));
}
const end = after[after.length - 1]!;
const first = after[0]!;
console.log(`\nplayed ${(audioSeconds / 60).toFixed(1)} min of audio offline in ${wallSeconds.toFixed(1)} s (${(audioSeconds / wallSeconds).toFixed(0)}x real time) and ${(liveSeconds / 60).toFixed(1)} min through the live engine core in ${liveWall.toFixed(1)} s (${(liveSeconds / liveWall).toFixed(0)}x)`);
console.log(`heap: start ${mb(start.heap)}, end ${mb(end.heap)} (growth after round 1: ${mb(end.heap - first.heap)}); rss: start ${mb(start.rss)}, end ${mb(end.rss)} (growth after round 1: ${mb(end.rss - first.rss)})`);
