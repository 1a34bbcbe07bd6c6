// Mixer speed: 60 s of 32 looping voices (mono and stereo, 8- and 16-bit sources, varied pitches,
// some ramping) mixed in 1024-frame blocks at 48 kHz, for each interpolation; prints x-realtime
// (median of 5 runs after a warm-up) and heap growth across the runs (the mixing path allocates nothing).
// Run: node_modules/.bin/node --expose-gc --import ./bench/lib/ts-hooks.mjs bench/mixer.bench.ts
import { mixVoices } from '../src/engine/mixer/mixer.js';
import { type InterpolationMode, type MixSample, MixVoice } from '../src/engine/mixer/voice.js';

const RATE = 48000;
const SECONDS = 60;
const BLOCK = 1024;

function makeVoices(): MixVoice[] {
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
  const voices: MixVoice[] = [];
  for (let i = 0; i < 32; i++) {
    const frames = 2000 + Math.floor(rnd() * 30000);
    const stereo = i % 8 === 7;
    const s: MixSample = {
      left: Float64Array.from({ length: frames }, () => rnd() * 2 - 1),
      right: stereo ? Float64Array.from({ length: frames }, () => rnd() * 2 - 1) : null,
      frames,
    };
    const v = new MixVoice();
    v.loopMode = i % 5 === 0 ? 'pingpong' : 'forward';
    v.loopStart = Math.floor(frames * 0.2);
    v.loopEnd = frames;
    v.frequency = 4000 + rnd() * 60000;
    v.gainLeft = 0.3;
    v.gainRight = 0.3;
    v.trigger(s, 0, true);
    voices.push(v);
  }
  return voices;
}

function run(mode: InterpolationMode): number {
  const voices = makeVoices();
  const L = new Float32Array(BLOCK);
  const R = new Float32Array(BLOCK);
  const settings = { sampleRate: RATE, interpolation: mode, rampFrames: 72 };
  const blocks = Math.ceil((SECONDS * RATE) / BLOCK);
  const t0 = performance.now();
  for (let b = 0; b < blocks; b++) {
    if (b % 50 === 0) for (const v of voices) v.gainLeft = 0.2 + ((b / 50) % 3) * 0.1;
    L.fill(0);
    R.fill(0);
    mixVoices(voices, L, R, 0, BLOCK, settings);
  }
  return performance.now() - t0;
}

const gc = (globalThis as { gc?: () => void }).gc;
const rows: string[] = [];
for (const mode of ['nearest', 'linear', 'cubic', 'sinc'] as const) {
  run(mode);
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const times: number[] = [];
  for (let i = 0; i < 5; i++) times.push(run(mode));
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  times.sort((a, b) => a - b);
  const median = times[2] as number;
  rows.push(`| ${mode.padEnd(7)} | ${((SECONDS * 1000) / median).toFixed(0).padStart(6)}x | ${(times[0] as number).toFixed(0).padStart(6)}..${(times[4] as number).toFixed(0).padStart(6)} ms | ${((heapAfter - heapBefore) / 1024).toFixed(0).padStart(6)} KB |`);
}
console.log(`32 voices, ${SECONDS} s at ${RATE} Hz, ${BLOCK}-frame blocks${gc ? '' : ' (run with --expose-gc for exact heap figures)'}`);
console.log('| interp  | realtime | run times (5)      | heap growth |');
console.log('|---------|----------|--------------------|-------------|');
for (const r of rows) console.log(r);
