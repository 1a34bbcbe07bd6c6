// UI rendering budget: a 64-row x 16-channel pattern playing at 16 rows/s (position events driven
// into the store), on a fake TTY and inside tmux, at 80x24 and 160x50. Prints bytes written per
// playing-row step, UI CPU % of one core while playing, and cursor-move latency p50/p95, for each of
// several runs and their spread, with the machine's load average (timings are noisy on shared machines).
// Run: npm run bench:ui [-- --runs N] (the UI's .tsx runs from dist/, built here when missing or stale).

import { execFileSync, spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EngineClient, EngineCommand, EngineEvent } from '../src/engine/protocol.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ROWS_PER_SECOND = 16;
/** How often the engine reports the position (src/engine/host/engine-service.ts positionRate). */
const EVENTS_PER_SECOND = 40;
const PLAY_STEPS = 192;
const CURSOR_MOVES = 200;

type AppModule = typeof import('../src/ui/components/app.js');
type StoreModule = typeof import('../src/ui/store/store.js');
type StateModule = typeof import('../src/ui/store/app-state.js');
type KeymapModule = typeof import('../src/ui/keys/keymap.js');
type ServicesModule = typeof import('../src/ui/store/services.js');
type SettingsModule = typeof import('../src/ui/settings/settings.js');
type SongModule = typeof import('../src/song/create.js');
type PatternModule = typeof import('../src/song/pattern.js');

interface Result {
  readonly where: string;
  readonly size: string;
  readonly bytesPerStep: number;
  readonly bytesPerSecond: number;
  readonly cpuPercent: number;
  readonly cursorP50: number | null;
  readonly cursorP95: number | null;
  /** CPU time this process spent per cursor move (p95): the work, without the wait for a core. */
  readonly cursorCpuP95: number | null;
}

function newestMtime(dir: string): number {
  return readdirSync(dir).reduce((m, name) => {
    const p = join(dir, name);
    const st = statSync(p);
    return Math.max(m, st.isDirectory() ? newestMtime(p) : st.mtimeMs);
  }, 0);
}

function ensureBuilt(): void {
  const entry = join(ROOT, 'dist', 'ui', 'components', 'app.js');
  if (existsSync(entry) && statSync(entry).mtimeMs >= newestMtime(join(ROOT, 'src'))) return;
  spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'ignore' });
  if (!existsSync(entry)) throw new Error('could not build dist/ (npm run build)');
}

async function load<T>(rel: string): Promise<T> {
  return (await import(pathToFileURL(join(ROOT, 'dist', rel)).href)) as T;
}

/** An engine that only listens; the benchmark plays its part by emitting positions. */
class BenchEngine implements EngineClient {
  private readonly listeners = new Set<(e: EngineEvent) => void>();
  send(_command: EngineCommand): void {}
  onEvent(l: (e: EngineEvent) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  async close(): Promise<void> {}
  emit(e: EngineEvent): void {
    for (const l of this.listeners) l(e);
  }
}

/** A terminal that counts what is written to it. */
class FakeTty extends EventEmitter {
  readonly isTTY = true;
  bytes = 0;
  private waiters: (() => void)[] = [];
  readonly columns: number;
  readonly rows: number;
  constructor(columns: number, rows: number) {
    super();
    this.columns = columns;
    this.rows = rows;
  }
  write(chunk: string | Uint8Array, cb?: () => void): boolean {
    this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    for (const w of this.waiters.splice(0)) w();
    cb?.();
    return true;
  }
  nextWrite(): Promise<void> {
    return new Promise((r) => this.waiters.push(r));
  }
}

class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  setRawMode(): void {}
  setEncoding(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
  read(): null {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

async function buildApp(columns: number, rows: number, out: NodeJS.WritableStream & { bytes?: number }, input: NodeJS.ReadableStream) {
  const { App, INK_OPTIONS } = await load<AppModule>('ui/components/app.js');
  const { AppStore } = await load<StoreModule>('ui/store/store.js');
  const { initialState } = await load<StateModule>('ui/store/app-state.js');
  const { defaultKeymap } = await load<KeymapModule>('ui/keys/keymap.js');
  const { nodeServices } = await load<ServicesModule>('ui/store/services.js');
  const { DEFAULT_PREFERENCES } = await load<SettingsModule>('ui/settings/settings.js');
  const { createSong, createSample } = await load<SongModule>('song/create.js');
  const { writeCell } = await load<PatternModule>('song/pattern.js');
  const { render } = await import('ink');
  const { createElement } = await import('react');

  const song = createSong({ channels: 16, rows: 64 }, { samples: Array.from({ length: 8 }, () => createSample()) });
  const pattern = song.patterns[0];
  if (!pattern) throw new Error('no pattern');
  for (let r = 0; r < 64; r++) {
    for (let c = 0; c < 16; c++) {
      if ((r * 7 + c * 3) % 4 !== 0) continue;
      writeCell(pattern, r, c, { note: 37 + ((r + c) % 36), instrument: 1 + (c % 8), volume: { kind: 'volume', value: (r * 5) % 65 }, effects: [r % 8 === 0 ? { kind: 'volSlide', param: 0x0f } : null] });
    }
  }
  const engine = new BenchEngine();
  const state = initialState({ song, filePath: '/bench/song.trk', preferences: DEFAULT_PREFERENCES, workDir: '/bench', size: { columns, rows } });
  const store = new AppStore(state, nodeServices(engine, { add: () => {}, list: () => [] }), { keymap: defaultKeymap(), displayFps: DEFAULT_PREFERENCES.displayFps });
  const instance = render(createElement(App, { store, colorLevel: '256' }), {
    ...INK_OPTIONS, stdout: out as NodeJS.WriteStream, stdin: input as NodeJS.ReadStream, patchConsole: false,
  });
  return { store, engine, instance };
}

/**
 * Plays 16 rows/s with position events at the engine's rate (40/s, VU changing in every one):
 * returns bytes per row step, bytes per second and CPU % of one core.
 */
async function measurePlaying(engine: BenchEngine, bytes: () => number): Promise<{ perStep: number; perSecond: number; cpu: number }> {
  const emit = (i: number) => {
    const row = Math.floor((i * ROWS_PER_SECOND) / EVENTS_PER_SECOND);
    engine.emit({
      type: 'position',
      position: { playing: true, paused: false, order: 0, pattern: 0, row: row % 64, tick: 0, speed: 6, tempo: 125, seconds: i / EVENTS_PER_SECOND, vu: Array.from({ length: 16 }, (_, c) => ((i * 13 + c * 7) % 10) / 10) },
    });
    return row;
  };
  for (let i = 0; i < EVENTS_PER_SECOND; i++) { emit(i); await sleep(1000 / EVENTS_PER_SECOND); }
  const events = Math.round((PLAY_STEPS * EVENTS_PER_SECOND) / ROWS_PER_SECOND);
  const b0 = bytes();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const firstRow = emit(EVENTS_PER_SECOND);
  let lastRow = firstRow;
  for (let i = 1; i <= events; i++) {
    const due = t0 + (i * 1000) / EVENTS_PER_SECOND;
    await sleep(Math.max(0, due - performance.now()));
    lastRow = emit(EVENTS_PER_SECOND + i);
  }
  await sleep(1000 / EVENTS_PER_SECOND);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const total = bytes() - b0;
  return { perStep: total / Math.max(1, lastRow - firstRow), perSecond: (total / wall) * 1000, cpu: ((cpu.user + cpu.system) / 1000 / wall) * 100 };
}

/**
 * Presses Down/Up with pauses and times key -> frame written, in wall time and in this process's
 * CPU time (on a busy machine the difference is time spent waiting for a core).
 */
async function measureCursor(input: EventEmitter, nextWrite: () => Promise<void>): Promise<{ p50: number; p95: number; cpuP95: number }> {
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < CURSOR_MOVES; i++) {
    const key = Math.floor(i / 30) % 2 === 0 ? '\u001b[B' : '\u001b[A';
    const written = nextWrite();
    const c0 = process.cpuUsage();
    const t = performance.now();
    input.emit('data', key);
    await written;
    times.push(performance.now() - t);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    await sleep(15);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), cpuP95: percentile(cpu, 95) };
}

async function fakeTty(columns: number, rows: number): Promise<Result> {
  const out = new FakeTty(columns, rows);
  const input = new FakeStdin();
  const app = await buildApp(columns, rows, out as unknown as NodeJS.WritableStream, input as unknown as NodeJS.ReadableStream);
  await sleep(100);
  const play = await measurePlaying(app.engine, () => out.bytes);
  app.engine.emit({ type: 'ended' });
  await sleep(50);
  const c = await measureCursor(input, () => out.nextWrite());
  app.instance.unmount();
  app.store.dispose();
  return { where: 'fake TTY', size: `${columns}x${rows}`, bytesPerStep: play.perStep, bytesPerSecond: play.perSecond, cpuPercent: play.cpu, cursorP50: c.p50, cursorP95: c.p95, cursorCpuP95: c.cpuP95 };
}

/** Inside tmux: renders to the real pty stdout, counting bytes written to it. */
async function child(columns: number, rows: number, outFile: string): Promise<void> {
  const stdout = process.stdout;
  let bytes = 0;
  let waiters: (() => void)[] = [];
  const write = stdout.write.bind(stdout) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
  stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    const w = waiters;
    waiters = [];
    for (const f of w) f();
    return write(chunk, ...rest);
  }) as typeof stdout.write;
  const input = new FakeStdin();
  const app = await buildApp(stdout.columns || columns, stdout.rows || rows, stdout, input as unknown as NodeJS.ReadableStream);
  await sleep(200);
  const play = await measurePlaying(app.engine, () => bytes);
  app.engine.emit({ type: 'ended' });
  await sleep(50);
  const c = await measureCursor(input, () => new Promise((r) => waiters.push(r)));
  app.instance.unmount();
  app.store.dispose();
  const result: Result = { where: 'tmux', size: `${stdout.columns}x${stdout.rows}`, bytesPerStep: play.perStep, bytesPerSecond: play.perSecond, cpuPercent: play.cpu, cursorP50: c.p50, cursorP95: c.p95, cursorCpuP95: c.cpuP95 };
  writeFileSync(outFile, JSON.stringify(result));
  process.exit(0);
}

async function inTmux(columns: number, rows: number): Promise<Result | string> {
  if (spawnSync('tmux', ['-V']).status !== 0) return 'tmux not installed';
  const dir = mkdtempSync(join(tmpdir(), 'tracker-uibench-'));
  const outFile = join(dir, 'result.json');
  const socket = `tracker-uibench-${process.pid}`;
  const cmd = `env -u CI '${process.execPath}' --import '${join(ROOT, 'bench', 'lib', 'ts-hooks.mjs')}' '${fileURLToPath(import.meta.url)}' --child ${columns} ${rows} '${outFile}' 2>'${dir}/err.log'`;
  execFileSync('tmux', ['-L', socket, 'new-session', '-d', '-s', 'b', '-x', String(columns), '-y', String(rows), cmd]);
  const deadline = Date.now() + 60_000;
  while (!existsSync(outFile) && Date.now() < deadline) await sleep(200);
  spawnSync('tmux', ['-L', socket, 'kill-server']);
  if (!existsSync(outFile)) return `tmux run failed: ${existsSync(join(dir, 'err.log')) ? readFileSync(join(dir, 'err.log'), 'utf8').split('\n')[0] : 'no output'}`;
  return JSON.parse(readFileSync(outFile, 'utf8')) as Result;
}

function row(r: Result): string {
  const ms = (v: number | null) => (v === null ? '-' : v.toFixed(2));
  return `| ${r.where.padEnd(8)} | ${r.size.padEnd(7)} | ${r.bytesPerStep.toFixed(0).padStart(10)} | ${(r.bytesPerSecond / 1024).toFixed(1).padStart(6)} | ${r.cpuPercent.toFixed(1).padStart(8)} | ${ms(r.cursorP50).padStart(9)} | ${ms(r.cursorP95).padStart(9)} | ${ms(r.cursorCpuP95).padStart(9)} |`;
}

const HEADER = ['| where    | size    | bytes/step | KB/s   | UI CPU % | cur p50ms | cur p95ms | cpu p95ms |', '|----------|---------|------------|--------|----------|-----------|-----------|-----------|'];

/** "median (min..max)" of a metric over runs. */
function spread(values: readonly number[], digits: number): string {
  const xs = [...values].sort((a, b) => a - b);
  const median = xs[Math.floor((xs.length - 1) / 2)] ?? 0;
  return `${median.toFixed(digits)} (${(xs[0] ?? 0).toFixed(digits)}..${(xs.at(-1) ?? 0).toFixed(digits)})`;
}

const loadAverage = () => loadavg().map((l) => l.toFixed(2)).join(' ');

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  // As `tracker` itself does (src/cli/commands/open.ts): React's production build.
  process.env['NODE_ENV'] ??= 'production';
  if (args[0] === '--child') {
    await child(Number(args[1]), Number(args[2]), String(args[3]));
    return;
  }
  ensureBuilt();
  if (args[0] === '--fake-only') {
    console.log(row(await fakeTty(Number(args[1] ?? 160), Number(args[2] ?? 50))));
    return;
  }
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Math.max(1, Number(args[runsAt + 1]) || 1) : 3;
  console.log(`UI benchmark: 64-row x 16-channel pattern playing at ${ROWS_PER_SECOND} rows/s (${PLAY_STEPS} row steps; ${EVENTS_PER_SECOND} position events/s, VU changing in each), display 30 fps, Ink 8 incremental rendering, 256 colours, Node ${process.versions.node}; ${runs} runs; ${CURSOR_MOVES} cursor moves per run`);
  console.log(`load average before: ${loadAverage()} on ${availableParallelism()} cores`);
  console.log(HEADER.join('\n'));
  const byConfig = new Map<string, Result[]>();
  for (let run = 0; run < runs; run++) {
    for (const [where, columns, rows] of [['fake TTY', 80, 24], ['fake TTY', 160, 50], ['tmux', 80, 24], ['tmux', 160, 50]] as const) {
      const r = where === 'fake TTY' ? await fakeTty(columns, rows) : await inTmux(columns, rows);
      if (typeof r === 'string') {
        console.log(`| ${where.padEnd(8)} | ${`${columns}x${rows}`.padEnd(7)} | ${r} |`);
        continue;
      }
      console.log(row(r));
      const key = `${r.where} ${columns}x${rows}`;
      byConfig.set(key, [...(byConfig.get(key) ?? []), r]);
    }
  }
  console.log(`load average after: ${loadAverage()}`);
  console.log(`\nMedian (min..max) over ${runs} runs:`);
  console.log('| where and size    | bytes/step         | UI CPU %          | cursor p50 ms     | cursor p95 ms        | cursor CPU p95 ms |');
  console.log('|-------------------|--------------------|-------------------|-------------------|----------------------|-------------------|');
  for (const [key, rs] of byConfig) {
    console.log(`| ${key.padEnd(17)} | ${spread(rs.map((r) => r.bytesPerStep), 0).padEnd(18)} | ${spread(rs.map((r) => r.cpuPercent), 1).padEnd(17)} | ${spread(rs.map((r) => r.cursorP50 ?? 0), 2).padEnd(17)} | ${spread(rs.map((r) => r.cursorP95 ?? 0), 2).padEnd(20)} | ${spread(rs.map((r) => r.cursorCpuP95 ?? 0), 2).padEnd(17)} |`);
  }
  console.log('Budgets (issue 6): <= 1536 bytes/step at 80x24, <= 2048 at 160x50; cursor p95 <= 8 ms at 160x50; UI CPU <= 25% of one core at 160x50.');
  console.log('cursor p95 is wall time from key to frame written; with a load average above the core count most of it is waiting for a core (compare cursor CPU p95).');
}

await main();
