// Time-boxed fuzzing of every loader: seeded mutations of each corpus module (and of built files
// when the corpus is absent) must load or fail with a FormatError, each in under a second.
// Long local runs: `npm run fuzz -- --seconds 600`.

import { describe, expect, it } from 'vitest';
import { corpusEntries, hasCorpus, noticeIfMissing, readCorpusFile } from '../helpers/corpus.js';
import { loadOnce, mutate, rng } from '../helpers/mutate.js';
import { buildMod } from './mod/mod-builder.js';

noticeIfMissing('fuzzing corpus mutations (built files are fuzzed instead)');

/** Mutations per source file; 40 files x 60 keeps the run around 20-40 s on this machine. */
const RUNS = 60;

const sources: { name: string; bytes: Uint8Array }[] = hasCorpus
  ? corpusEntries().map((e) => ({ name: e.path, bytes: readCorpusFile(e) }))
  : [{ name: 'built.mod', bytes: buildMod({ orders: [0, 1], cells: [{ row: 0, channel: 0, period: 428, sample: 1 }] }) }];

describe('loader fuzzing', () => {
  sources.forEach((src, index) => {
    it(`${src.name}: ${RUNS} mutations load or fail cleanly, each within 1 s`, () => {
      const random = rng(0x5eed + index);
      for (let i = 0; i < RUNS; i++) {
        const bytes = mutate(src.bytes, random);
        const outcome = loadOnce(bytes);
        if (outcome.crash !== undefined) throw new Error(`mutation ${i} of ${src.name}: ${String(outcome.crash)}`, { cause: outcome.crash });
        expect(outcome.ms, `mutation ${i} took ${outcome.ms.toFixed(0)} ms`).toBeLessThan(1000);
      }
    }, 60_000);
  });
});
