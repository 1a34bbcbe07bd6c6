// Load times for the whole corpus: each module read 10 times after 3 warm-up reads; prints the
// median per file, the median over files, and peak RSS / heap.
// Run: node_modules/.bin/node --expose-gc --import ./bench/lib/ts-hooks.mjs bench/load.bench.ts
import { readSong } from '../src/formats/registry.js';
import { corpusEntries, hasCorpus, readCorpusFile } from '../tests/helpers/corpus.js';

if (!hasCorpus) {
  console.log('load bench: ../shared/corpus is absent; nothing to measure');
  process.exit(0);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
let peakRss = process.memoryUsage().rss;
let peakHeap = process.memoryUsage().heapUsed;
const medians: number[] = [];
console.log('file'.padEnd(52) + 'KB'.padStart(7) + '  median ms');
for (const e of corpusEntries()) {
  const bytes = readCorpusFile(e);
  const times: number[] = [];
  let error = '';
  for (let i = 0; i < 13; i++) {
    const t0 = performance.now();
    try {
      readSong(bytes);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      break;
    }
    if (i >= 3) times.push(performance.now() - t0);
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }
  if (error) {
    console.log(`${e.path.padEnd(52)}${(bytes.length / 1024).toFixed(0).padStart(7)}  FAILED: ${error}`);
    continue;
  }
  medians.push(median(times));
  console.log(`${e.path.padEnd(52)}${(bytes.length / 1024).toFixed(0).padStart(7)}  ${median(times).toFixed(2).padStart(9)}`);
}
console.log(`\n${medians.length} files loaded; median load ${median(medians).toFixed(2)} ms, slowest ${Math.max(...medians).toFixed(2)} ms; peak RSS ${(peakRss / 1048576).toFixed(0)} MB, peak heap ${(peakHeap / 1048576).toFixed(0)} MB`);
