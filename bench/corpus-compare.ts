// How close tracker plays to libopenmpt over the whole corpus: for every module, the song length
// against libopenmpt's (within 0.5 s), and our render against reference.sh's (wavcompare: envelope
// and spectral similarity, level), both capped at --seconds (default 240). Prints a per-file
// table and the pass rates. Heavy (renders ~40 modules twice): not part of `npm test`.
// Run: npm run bench:corpus [-- --seconds N --interp cubic --only PATTERN]
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMaster, createMix, INTERPOLATIONS } from '../src/engine/host/mix-setup.js';
import type { InterpolationMode } from '../src/engine/mixer/voice.js';
import { renderOffline } from '../src/engine/offline-render.js';
import { songDuration } from '../src/engine/replayer/player.js';
import { encodePcm, wavHeader } from '../src/engine/wav-encoder.js';
import { readSong } from '../src/formats/registry.js';
import { corpusEntries, hasReference, readCorpusFile, REFERENCE_SH, SHARED_DIR } from '../tests/helpers/corpus.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (!hasReference) {
  console.log('corpus compare: needs ../shared/corpus, ../shared/tools/reference.sh and openmpt123 (apt-get install -y openmpt123)');
  process.exit(0);
}
const seconds = Number(arg('seconds') ?? 240);
const interp = (arg('interp') ?? 'cubic') as InterpolationMode;
if (!INTERPOLATIONS.includes(interp)) {
  console.error(`corpus compare: --interp must be one of ${INTERPOLATIONS.join(', ')}`);
  process.exit(2);
}
const only = arg('only');
const RATE = 48000;
const dir = join(tmpdir(), 'tracker-corpus-compare');
mkdirSync(dir, { recursive: true });

function renderOurs(bytes: Uint8Array, out: string): void {
  const song = readSong(bytes).song;
  const fd = openSync(out, 'w');
  writeSync(fd, wavHeader(0, 2, RATE, 's16'));
  let frames = 0;
  const buf = new Uint8Array(8192 * 4);
  renderOffline(song, { sampleRate: RATE, mix: createMix(RATE, interp), master: createMaster(), seconds, chunkFrames: 4096 }, (c) => {
    const n = encodePcm([c.left, c.right], c.frames, 's16', buf);
    writeSync(fd, buf, 0, n);
    frames += c.frames;
  });
  writeSync(fd, wavHeader(frames, 2, RATE, 's16'), 0, 44, 0);
  closeSync(fd);
}

interface Row {
  file: string;
  durOk: boolean;
  ours: number;
  theirs: number;
  env: number;
  spec: number;
  rmsA: number;
  rmsB: number;
  pass: boolean;
  note: string;
}

const rows: Row[] = [];
console.log(`${'file'.padEnd(50)} ${'length ours/ref'.padStart(17)}  ${'env'.padStart(5)} ${'spec'.padStart(5)} ${'rms ref/ours'.padStart(13)}  result`);
for (const e of corpusEntries()) {
  if (only && !e.path.includes(only)) continue;
  const bytes = readCorpusFile(e);
  let ours = NaN;
  let note = '';
  try {
    ours = songDuration(readSong(bytes).song).seconds;
  } catch (err) {
    note = `load failed: ${err instanceof Error ? err.message : String(err)}`;
  }
  const durOk = Math.abs(ours - e.duration) <= 0.5;
  const name = e.path.replace(/\//g, '--');
  const ref = join(dir, `ref-${name}-${seconds}.wav`);
  const mine = join(dir, `ours-${name}.wav`);
  let cmp = { env_corr: NaN, spec_sim: NaN, rms_db_a: NaN, rms_db_b: NaN, pass: false };
  if (!note) {
    try {
      if (!existsSync(ref)) execFileSync('bash', [REFERENCE_SH, '--end-time', String(seconds), e.absPath, ref], { stdio: 'ignore' });
      renderOurs(bytes, mine);
      let json = '';
      try {
        json = execFileSync('node', [join(SHARED_DIR, 'tools', 'wavcompare.mjs'), ref, mine, '--json', '--max-lag-ms', '50'], { encoding: 'utf8' });
      } catch (err) {
        json = (err as { stdout?: string }).stdout ?? '';
      }
      cmp = JSON.parse(json) as typeof cmp;
    } catch (err) {
      note = `render failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
    }
  }
  // Renders are capped, so the wavcompare duration check only counts when both songs end before the cap.
  const capped = e.duration > seconds;
  const pass = cmp.env_corr >= 0.9 && cmp.spec_sim >= 0.9 && (capped || durOk);
  rows.push({ file: e.path, durOk, ours, theirs: e.duration, env: cmp.env_corr, spec: cmp.spec_sim, rmsA: cmp.rms_db_a, rmsB: cmp.rms_db_b, pass, note });
  const f = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '-');
  console.log(`${e.path.padEnd(50)} ${`${f(ours, 1)}/${f(e.duration, 1)}${durOk ? ' ' : '!'}`.padStart(17)}  ${f(cmp.env_corr).padStart(5)} ${f(cmp.spec_sim).padStart(5)} ${`${f(cmp.rms_db_a, 1)}/${f(cmp.rms_db_b, 1)}`.padStart(13)}  ${pass ? 'PASS' : 'FAIL'}${note ? ` ${note}` : ''}`);
}
const pct = (n: number) => `${((100 * n) / rows.length).toFixed(0)}%`;
const durOk = rows.filter((r) => r.durOk).length;
const passed = rows.filter((r) => r.pass).length;
console.log(`\n${rows.length} modules (${interp}, ${seconds} s cap): song length within 0.5 s of libopenmpt: ${durOk}/${rows.length} (${pct(durOk)}, target 95%); wavcompare pass (env >= 0.9, spec >= 0.9): ${passed}/${rows.length} (${pct(passed)}, target 90%)`);
