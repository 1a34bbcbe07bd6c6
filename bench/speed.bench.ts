// Render speed against the fastest existing renderers: every corpus module (capped at 240 s of
// audio) rendered at 48 kHz by tracker (in-process, linear and cubic), by xmp (null driver; linear
// and its default spline) and by openmpt123 (raw file; its default 8-tap sinc and 2-tap linear).
// Each render runs --reps times (default 3), the tools taking turns, and the fastest counts. Speed is
// x real time by CPU time (user + system; for the tools through bash's `times`), which other work
// on the machine disturbs far less than wall time; --wall uses wall-clock time instead. External
// tools include their process start and file loading (a few ms), so small files favour tracker;
// the medians are what the targets are about.
// Run: npm run bench:speed [-- --only PATTERN] [--reps N] [--wall]
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMaster, createMix } from '../src/engine/host/mix-setup.js';
import type { InterpolationMode } from '../src/engine/mixer/voice.js';
import { renderOffline } from '../src/engine/offline-render.js';
import { readSong } from '../src/formats/registry.js';
import type { Song } from '../src/song/song.js';
import { corpusEntries, hasCorpus, readCorpusFile } from '../tests/helpers/corpus.js';

const CAP = 240;
const RATE = 48000;
const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const only = arg('--only');
const reps = Math.max(1, Number(arg('--reps') ?? 3) || 1);
const useWall = process.argv.includes('--wall');
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
if (!hasCorpus) {
  console.log('speed bench: ../shared/corpus is absent');
  process.exit(0);
}
const hasXmp = has('xmp');
const hasOpenmpt = has('openmpt123');
if (!hasXmp) console.log('speed bench: xmp not installed (apt-get install -y xmp): its columns are empty');
if (!hasOpenmpt) console.log('speed bench: openmpt123 not installed: its columns are empty');

/** Seconds taken by a render, by the clock this run uses. */
interface Timing {
  readonly cpu: number;
  readonly wall: number;
}

function ours(song: Song, interp: InterpolationMode): { seconds: number; time: Timing } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const s = renderOffline(song, { sampleRate: RATE, mix: createMix(RATE, interp), master: createMaster(), seconds: CAP }, () => {});
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { seconds: s.frames / RATE, time: { cpu: (c.user + c.system) / 1e6, wall } };
}

/** Runs a tool under bash and reads its children's CPU time from `times`. */
function timed(cmd: string, args: string[]): Timing {
  const quoted = [cmd, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const t0 = performance.now();
  const out = execFileSync('bash', ['-c', `${quoted} >/dev/null 2>&1; times`], { encoding: 'utf8' });
  const wall = (performance.now() - t0) / 1000;
  // `times` prints the shell's user/system times, then its children's: "0m0.615s 0m0.076s".
  const line = out.trim().split('\n').pop() ?? '';
  const secs = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  return { cpu: (secs[0] ?? NaN) + (secs[1] ?? NaN), wall };
}

const cols = ['tracker lin', 'tracker cub', 'xmp lin', 'xmp spline', 'mpt123 lin', 'mpt123 sinc'] as const;
type Col = (typeof cols)[number];
const results: Record<Col, number[]> = { 'tracker lin': [], 'tracker cub': [], 'xmp lin': [], 'xmp spline': [], 'mpt123 lin': [], 'mpt123 sinc': [] };
const load0 = loadavg()[0] ?? 0;
console.log(`x real time by ${useWall ? 'wall-clock' : 'CPU'} time, best of ${reps}; load average at start ${load0.toFixed(2)}`);
console.log(`${'file'.padEnd(48)}${'audio s'.padStart(8)}${cols.map((c) => c.padStart(13)).join('')}`);
const t0 = performance.now();
for (const e of corpusEntries()) {
  if (only && !e.path.includes(only)) continue;
  const song = readSong(readCorpusFile(e)).song;
  ours(song, 'linear'); // warm-up (JIT)
  const xmpArgs = ['-q', '--nocmd', '--norc', '-d', 'null', '-f', String(RATE), '-t', String(CAP)];
  // openmpt123 cannot write to a pipe or /dev/null in batch mode: a raw file in the temp folder.
  const out = join(tmpdir(), `tracker-speed-${process.pid}.raw`);
  const mpt = (taps: string) => {
    const t = timed('openmpt123', ['--batch', '-q', '--force', '-o', out, '--samplerate', String(RATE), '--end-time', String(CAP), '--subsong', '0', '--filter', taps, e.absPath]);
    rmSync(out, { force: true });
    return t;
  };
  let audio = 0;
  const runs: Partial<Record<Col, () => Timing>> = {
    'tracker lin': () => {
      const r = ours(song, 'linear');
      audio = r.seconds;
      return r.time;
    },
    'tracker cub': () => ours(song, 'cubic').time,
  };
  if (hasXmp) {
    runs['xmp lin'] = () => timed('xmp', [...xmpArgs, '-i', 'linear', e.absPath]);
    runs['xmp spline'] = () => timed('xmp', [...xmpArgs, e.absPath]);
  }
  if (hasOpenmpt) {
    runs['mpt123 lin'] = () => mpt('2');
    runs['mpt123 sinc'] = () => mpt('8');
  }
  const best: Partial<Record<Col, number>> = {};
  for (let rep = 0; rep < reps; rep++) {
    for (const c of cols) {
      const run = runs[c];
      if (!run) continue;
      const t = run();
      const s = useWall ? t.wall : t.cpu;
      if (Number.isFinite(s)) best[c] = Math.min(best[c] ?? Infinity, s);
    }
  }
  const row: Partial<Record<Col, number>> = {};
  for (const c of cols) if (best[c] !== undefined) row[c] = audio / Math.max(best[c]!, 0.001);
  for (const c of cols) if (row[c] !== undefined) results[c].push(row[c]!);
  console.log(`${e.path.padEnd(48)}${audio.toFixed(1).padStart(8)}${cols.map((c) => (row[c] === undefined ? '-' : row[c]!.toFixed(0)).padStart(13)).join('')}`);
}
const median = (xs: number[]) => (xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
console.log(`\nmedian x real time: ${cols.map((c) => `${c} ${median(results[c]).toFixed(0)}`).join(', ')}`);
const ml = median(results['tracker lin']);
const mc = median(results['tracker cub']);
console.log(`ratios: tracker linear / xmp linear ${(ml / median(results['xmp lin'])).toFixed(2)}, / openmpt123 linear ${(ml / median(results['mpt123 lin'])).toFixed(2)}; tracker cubic / xmp spline ${(mc / median(results['xmp spline'])).toFixed(2)}, / openmpt123 sinc ${(mc / median(results['mpt123 sinc'])).toFixed(2)}`);
console.log(`peak memory of this process: rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
console.log(`targets: tracker linear >= xmp linear (${ml.toFixed(0)} vs ${median(results['xmp lin']).toFixed(0)}); tracker cubic > openmpt123 default sinc (${mc.toFixed(0)} vs ${median(results['mpt123 sinc']).toFixed(0)})`);
console.log(`took ${((performance.now() - t0) / 1000).toFixed(0)} s; load average now ${(loadavg()[0] ?? 0).toFixed(2)} (2 cores)`);
