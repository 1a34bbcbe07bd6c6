// Cross-format export check: every corpus module written to every other module format whose writer
// reports no losses (the linter's verdict) must load in libopenmpt and render like the original
// (wavcompare envelope >= 0.9, spectral >= 0.9; both rendered by reference.sh, capped at --seconds).
// Conversions whose only losses are names cut to the target's lengths are compared too and counted apart.
// Prints each pair, the totals and the failures (exit 1 when any). Run: npm run bench:convert [-- --seconds 60]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allCodecs, readSong } from '../src/formats/registry.js';
import { corpusEntries, hasReference, readCorpusFile, REFERENCE_SH, SHARED_DIR } from '../tests/helpers/corpus.js';

if (!hasReference) {
  console.log('convert compare: needs ../shared/corpus and openmpt123');
  process.exit(0);
}
const i = process.argv.indexOf('--seconds');
const seconds = i >= 0 ? Number(process.argv[i + 1]) : 60;
const dir = join(tmpdir(), 'tracker-convert-compare');
mkdirSync(dir, { recursive: true });
const targets = allCodecs().filter((c) => c.write && c.id !== 'trk');
let lossless = 0;
let passed = 0;
let lossy = 0;
/** Conversions whose only losses are names cut to the target's lengths: compared too, counted apart. */
let namesOnly = 0;
let namesOnlyPassed = 0;
const NAME_LOSS = /^(title|sample names|sample file names|instrument names) cut to \d+ characters/;
const failures: string[] = [];
const losslessPairs = new Map<string, number>();
for (const e of corpusEntries()) {
  const { song, format } = readSong(readCorpusFile(e));
  const name = e.path.replace(/\//g, '--');
  const ref = join(dir, `orig-${name}-${seconds}.wav`);
  for (const t of targets) {
    if (t.id === format.id) continue;
    const { bytes, warnings } = t.write!(song);
    const onlyNames = warnings.length > 0 && warnings.every((w) => NAME_LOSS.test(w));
    if (warnings.length > 0 && !onlyNames) {
      lossy++;
      continue;
    }
    if (onlyNames) namesOnly++;
    else lossless++;
    const pair = `${format.id}->${t.id}`;
    if (!onlyNames) losslessPairs.set(pair, (losslessPairs.get(pair) ?? 0) + 1);
    const out = join(dir, `${name}.${t.extensions[0]}`);
    writeFileSync(out, bytes);
    let verdict = '';
    try {
      const info = execFileSync('bash', [REFERENCE_SH, '--info', out], { encoding: 'utf8' });
      if (!new RegExp(`^type: ${t.extensions[0]}$`, 'm').test(info)) throw new Error('libopenmpt did not load it as that format');
      if (!existsSync(ref)) execFileSync('bash', [REFERENCE_SH, '--end-time', String(seconds), e.absPath, ref], { stdio: 'ignore' });
      const wav = join(dir, `${name}.${t.extensions[0]}.wav`);
      execFileSync('bash', [REFERENCE_SH, '--end-time', String(seconds), out, wav], { stdio: 'ignore' });
      let json = '';
      try {
        json = execFileSync('node', [join(SHARED_DIR, 'tools', 'wavcompare.mjs'), ref, wav, '--json', '--max-lag-ms', '50'], { encoding: 'utf8' });
      } catch (err) {
        json = (err as { stdout?: string }).stdout ?? '{}';
      }
      const c = JSON.parse(json) as { env_corr: number; spec_sim: number };
      const ok = c.env_corr >= 0.9 && c.spec_sim >= 0.9;
      if (ok && onlyNames) namesOnlyPassed++;
      else if (ok) passed++;
      else failures.push(`${e.path} -> ${t.id}${onlyNames ? ' (names only)' : ''}`);
      verdict = `env ${c.env_corr.toFixed(3)} spec ${c.spec_sim.toFixed(3)} ${ok ? 'PASS' : 'FAIL'}`;
    } catch (err) {
      failures.push(`${e.path} -> ${t.id}`);
      verdict = `FAIL: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
    }
    console.log(`${e.path.padEnd(50)} -> ${t.id.padEnd(4)} ${verdict}${onlyNames ? '  (names cut only)' : ''}`);
  }
}
const total = lossless + namesOnly + lossy;
console.log(`\n${total} cross-format conversions: ${lossless} lossless (the linter reported nothing lost), ${namesOnly} lossless but for names cut to the target's lengths, ${lossy} lossy (not compared; the linter lists what).`);
console.log(`lossless by pair: ${[...losslessPairs].map(([p, n]) => `${p} ${n}`).join(', ') || 'none'}`);
console.log(`lossless conversions: ${passed} of ${lossless} pass (load in libopenmpt, wavcompare env >= 0.9, spectral >= 0.9); names-only: ${namesOnlyPassed} of ${namesOnly} pass; ${failures.length} fail${failures.length ? `: ${failures.join(', ')}` : ''}`);
process.exitCode = failures.length > 0 ? 1 : 0;
