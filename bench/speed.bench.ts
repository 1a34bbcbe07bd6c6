// Render speed against the fastest existing renderers: every corpus module (capped at 240 s of
// audio) rendered at 48 kHz by tracker (in-process, linear and cubic), by xmp (null driver; linear
// and its default spline) and by openmpt123 (raw to /dev/null; its default 8-tap sinc and 2-tap
// linear). Prints x-real-time per file and the medians. External tools include their process start
// (a few ms), so small files favour tracker; the medians are what the targets are about.
// Run: npm run bench:speed [-- --only PATTERN]
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMaster, createMix } from '../src/engine/host/mix-setup.js';
import type { InterpolationMode } from '../src/engine/mixer/voice.js';
import { renderOffline } from '../src/engine/offline-render.js';
import { readSong } from '../src/formats/registry.js';
import { corpusEntries, hasCorpus, readCorpusFile } from '../tests/helpers/corpus.js';

const CAP = 240;
const RATE = 48000;
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
if (!hasCorpus) {
  console.log('speed bench: ../shared/corpus is absent');
  process.exit(0);
}
const hasXmp = has('xmp');
const hasOpenmpt = has('openmpt123');
if (!hasXmp) console.log('speed bench: xmp not installed (apt-get install -y xmp): its columns are empty');
if (!hasOpenmpt) console.log('speed bench: openmpt123 not installed: its columns are empty');

function ours(bytes: Uint8Array, interp: InterpolationMode): { seconds: number; wall: number } {
  const song = readSong(bytes).song;
  const t0 = performance.now();
  const s = renderOffline(song, { sampleRate: RATE, mix: createMix(RATE, interp), master: createMaster(), seconds: CAP }, () => {});
  return { seconds: s.frames / RATE, wall: (performance.now() - t0) / 1000 };
}

function timed(cmd: string, args: string[]): number {
  const t0 = performance.now();
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'ignore'] });
  return (performance.now() - t0) / 1000;
}

const cols = ['tracker lin', 'tracker cub', 'xmp lin', 'xmp spline', 'mpt123 lin', 'mpt123 sinc'] as const;
const results: Record<(typeof cols)[number], number[]> = { 'tracker lin': [], 'tracker cub': [], 'xmp lin': [], 'xmp spline': [], 'mpt123 lin': [], 'mpt123 sinc': [] };
console.log(`${'file'.padEnd(48)}${'audio s'.padStart(8)}${cols.map((c) => c.padStart(13)).join('')}   (x real time)`);
for (const e of corpusEntries()) {
  if (only && !e.path.includes(only)) continue;
  const bytes = readCorpusFile(e);
  ours(bytes, 'linear'); // warm-up (JIT)
  const lin = ours(bytes, 'linear');
  const cub = ours(bytes, 'cubic');
  const audio = lin.seconds;
  const row: Partial<Record<(typeof cols)[number], number>> = { 'tracker lin': audio / lin.wall, 'tracker cub': audio / cub.wall };
  const xmpArgs = ['-q', '--nocmd', '--norc', '-d', 'null', '-f', String(RATE), '-t', String(CAP)];
  if (hasXmp) {
    row['xmp lin'] = audio / timed('xmp', [...xmpArgs, '-i', 'linear', e.absPath]);
    row['xmp spline'] = audio / timed('xmp', [...xmpArgs, e.absPath]);
  }
  if (hasOpenmpt) {
    // openmpt123 cannot write to a pipe or /dev/null in batch mode: a raw file in the temp folder.
    const out = join(tmpdir(), `tracker-speed-${process.pid}.raw`);
    const run = (taps: string) => {
      const t = timed('openmpt123', ['--batch', '-q', '--force', '-o', out, '--samplerate', String(RATE), '--end-time', String(CAP), '--subsong', '0', '--filter', taps, e.absPath]);
      rmSync(out, { force: true });
      return t;
    };
    row['mpt123 lin'] = audio / run('2');
    row['mpt123 sinc'] = audio / run('8');
  }
  for (const c of cols) if (row[c] !== undefined) results[c].push(row[c]!);
  console.log(`${e.path.padEnd(48)}${audio.toFixed(1).padStart(8)}${cols.map((c) => (row[c] === undefined ? '-' : row[c]!.toFixed(0)).padStart(13)).join('')}`);
}
const median = (xs: number[]) => (xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
console.log(`\nmedian x real time: ${cols.map((c) => `${c} ${median(results[c]).toFixed(0)}`).join(', ')}`);
const ml = median(results['tracker lin']);
const mc = median(results['tracker cub']);
console.log(`ratios: tracker linear / xmp linear ${(ml / median(results['xmp lin'])).toFixed(2)}, / openmpt123 linear ${(ml / median(results['mpt123 lin'])).toFixed(2)}; tracker cubic / xmp spline ${(mc / median(results['xmp spline'])).toFixed(2)}, / openmpt123 sinc ${(mc / median(results['mpt123 sinc'])).toFixed(2)}`);
console.log(`peak memory of this process: rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
console.log(`targets: tracker linear >= xmp linear (${median(results['tracker lin']).toFixed(0)} vs ${median(results['xmp lin']).toFixed(0)}); tracker cubic > openmpt123 default sinc (${median(results['tracker cub']).toFixed(0)} vs ${median(results['mpt123 sinc']).toFixed(0)})`);
