// MIDI timing under load: plays a 32-channel corpus XM with every instrument also sent to MIDI
// (sample + MIDI layering), plus MIDI clock, through the real engine child process on the silent
// sink, to a recording port, while this ("UI") thread blocks for 200 ms every second. Prints how
// late notes and clock pulses left against their scheduled times (p50/p99/max of |sent - due|, as
// measured by the sender thread right after each send), and the machine load.
// Run: npm run bench:midi [-- --seconds N] [--file corpus/path]
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../src/engine/host/create-engine.js';
import type { EngineEvent, MidiTiming } from '../src/engine/protocol.js';
import { readSong } from '../src/formats/registry.js';
import { corpusEntries, hasCorpus, readCorpusFile } from '../tests/helpers/corpus.js';
import { blockThreadPeriodically } from './lib/busy-ui.js';

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const SECONDS = Number(arg('--seconds') ?? 60);
const FILE = arg('--file') ?? 'xm/rafkill-data--song2.xm';
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

const entry = corpusEntries().find((e) => e.path === FILE);
if (!hasCorpus || !entry) {
  console.log(`midi bench: ../shared/corpus (${FILE}) is absent`);
  process.exit(0);
}
const loaded = readSong(readCorpusFile(entry)).song;
// Every instrument (or, in sample mode, an instrument per sample) plays on MIDI channels 1..16 too.
const song = {
  ...loaded,
  instruments: loaded.instruments.map((ins, i) => ({ ...ins, midi: { ...ins.midi, port: null, channel: (i % 16) + 1 } })),
};
const engine = createEngine({ silent: true, logFile: join(tmpdir(), `tracker-midi-bench-${process.pid}.log`), midiDriverModule: fileURLToPath(new URL('./lib/recording-midi-driver.ts', import.meta.url)) });
let timing: Extract<EngineEvent, { type: 'midiTiming' }> | null = null;
let opened: readonly string[] = [];
engine.onEvent((e) => {
  if (e.type === 'midiTiming') timing = e;
  if (e.type === 'midi' && e.status.openOutputs.length > 0) opened = e.status.openOutputs;
});
engine.send({ type: 'setMidi', setup: { output: 'Recorder', input: null, clockOut: true, clockIn: false, latencyMs: {} } });
engine.send({ type: 'setSong', song });
const t0 = performance.now();
while (opened.length === 0 && performance.now() - t0 < 10000) await wait(20);
engine.send({ type: 'play', mode: 'song', order: 0, row: 0 });
const load0 = loadavg()[0] ?? 0;
const unblock = blockThreadPeriodically(200, 1000);
await wait(SECONDS * 1000);
unblock();
engine.send({ type: 'stop' });
await wait(500);
engine.send({ type: 'midiTiming' });
const t1 = performance.now();
while (!timing && performance.now() - t1 < 5000) await wait(20);
await engine.close();
const t = timing as Extract<EngineEvent, { type: 'midiTiming' }> | null;
const row = (name: string, x: MidiTiming) => `${name.padEnd(6)} ${String(x.count).padStart(7)} ${x.p50.toFixed(3).padStart(9)} ${x.p99.toFixed(3).padStart(9)} ${x.max.toFixed(3).padStart(9)}`;
console.log(`midi bench: ${FILE} (${song.channels.length} channels, ${song.instruments.length} instruments on MIDI), ${SECONDS} s, clock out on, UI thread blocked 200 ms every second`);
console.log(`port opened: ${opened.join(', ') || 'none'}; load average ${load0.toFixed(2)} at start, ${(loadavg()[0] ?? 0).toFixed(2)} at the end (2 cores)`);
if (!t) console.log('no timing report from the engine');
else {
  console.log('|sent - scheduled| in ms');
  console.log('kind   messages       p50       p99       max');
  console.log(row('notes', t.notes));
  console.log(row('clock', t.clock));
}
process.exit(0);
