// Long local fuzzing of the loaders: mutates every corpus module (or a built MOD when the corpus
// is absent) until time runs out and prints loads, clean failures, crashes and the slowest load.
// Run: npm run fuzz -- [--seconds N] [--seed S]
import { corpusEntries, hasCorpus, readCorpusFile } from '../tests/helpers/corpus.js';
import { loadOnce, mutate, rng } from '../tests/helpers/mutate.js';
import { buildMod } from '../tests/formats/mod/mod-builder.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 0) {
    console.error(`fuzz: --${name} needs a number`);
    process.exit(2);
  }
  return v;
}

const seconds = option('seconds', 300);
const seed = option('seed', Date.now() % 1e9);
const sources = hasCorpus
  ? corpusEntries().map((e) => ({ name: e.path, bytes: readCorpusFile(e) }))
  : [{ name: 'built.mod', bytes: buildMod({ orders: [0, 1], cells: [{ row: 0, channel: 0, period: 428, sample: 1 }] }) }];
if (!hasCorpus) console.log('fuzz: ../shared/corpus is absent; fuzzing a built MOD only');

const random = rng(seed);
const end = Date.now() + seconds * 1000;
let runs = 0, loaded = 0, failed = 0, crashes = 0, slowest = 0, slowestName = '';
while (Date.now() < end) {
  const src = sources[Math.floor(random() * sources.length)]!;
  const outcome = loadOnce(mutate(src.bytes, random));
  runs++;
  if (outcome.ok) loaded++;
  else failed++;
  if (outcome.ms > slowest) [slowest, slowestName] = [outcome.ms, src.name];
  if (outcome.crash !== undefined) {
    crashes++;
    console.log(`CRASH on a mutation of ${src.name} (seed ${seed}, run ${runs}): ${String(outcome.crash)}`);
  }
}
console.log(`fuzz: seed ${seed}, ${seconds} s, ${runs} mutated files: ${loaded} loaded, ${failed} clean FormatErrors, ${crashes} crashes; slowest load ${slowest.toFixed(1)} ms (${slowestName})`);
process.exit(crashes > 0 || slowest >= 1000 ? 1 : 0);
