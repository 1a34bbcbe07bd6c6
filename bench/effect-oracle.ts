// Cross-checks small effect songs against libopenmpt tick by tick (see bench/lib/oracle.ts): each case
// is written with our writers, rendered by openmpt123 and by tracker, and the per-tick gains, positions
// and rates are compared. The replayer tests in tests/engine/replayer pin the values this confirms.
// Run: npm run bench:oracle [-- --only NAME --table]
import { songDuration } from '../src/engine/replayer/player.js';
import { readSong } from '../src/formats/registry.js';
import { compareTable, measure, referenceDuration, writeModule } from './lib/oracle.js';
import { DURATION_CASES, ORACLE_CASES } from './oracle-cases.js';
import { buildSong } from '../tests/helpers/song-builder.js';
import { randomSpec } from './oracle-random.js';
import type { ProfileBase } from '../src/song/profile.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const only = arg('only');
const showTable = process.argv.includes('--table');
const randomCount = Number(arg('random') ?? 0);
const withInstruments = process.argv.includes('--instruments');
const seedBase = Number(arg('seed') ?? 1);
const bases = (arg('base') ?? 'mod,xm,s3m,it').split(',') as ProfileBase[];
const inline = arg('song');
if (inline) {
  // --song "it:speed=3:C-5 01 ... ...;^^^ .. ... ...": rows separated by ';', channels by '|'.
  const parts = inline.split(':');
  const base = parts[0] as ProfileBase;
  const opts = Object.fromEntries(parts.slice(1, -1).map((p) => p.split('=') as [string, string]));
  const rows = (parts[parts.length - 1] ?? '').split(';').map((r) => r.split('|'));
  let samples = randomSpec(base, 1).samples;
  if (opts['short'] && samples) {
    const frames = Number(opts['short']);
    samples = [samples[0]!, { ...samples[1]!, pcm: { bits: 8, channels: 1, data: new Int8Array(frames) } }];
  }
  ORACLE_CASES.splice(0, ORACLE_CASES.length, {
    name: 'inline',
    spec: { base, pattern: rows, speed: Number(opts['speed'] ?? 6), ...(samples ? { samples } : {}), ...(opts['flags'] ? { flags: JSON.parse(opts['flags']) as Record<string, boolean> } : {}) },
    ticks: Number(opts['ticks'] ?? rows.length * Number(opts['speed'] ?? 6)),
  });
}
if (randomCount > 0) {
  for (const base of bases) {
    for (let i = 0; i < randomCount; i++) {
      const seed = seedBase + i;
      ORACLE_CASES.push({ name: `random/${base}/${seed}`, spec: randomSpec(base, seed, 8, withInstruments), ticks: 48 });
    }
  }
  ORACLE_CASES.splice(0, ORACLE_CASES.length, ...ORACLE_CASES.filter((c) => c.name.startsWith('random/')));
}
let failed = 0;
let run = 0;
if (process.argv.includes('--durations')) {
  for (const c of DURATION_CASES) {
    if (only && !c.name.includes(only)) continue;
    run++;
    const song = buildSong(c.spec);
    const ours = songDuration(readSong(writeModule(song)).song).seconds;
    const ref = referenceDuration(song);
    const ok = Math.abs(ours - ref) < 0.002;
    if (!ok && !c.known) failed++;
    console.log(`${ok ? 'same ' : c.known ? 'KNOWN' : 'DIFF '} ${c.name}: ours ${ours.toFixed(3)} s, libopenmpt ${ref.toFixed(3)} s${!ok && c.known ? ` (${c.known})` : ''}`);
  }
  console.log(`${run - failed}/${run} song lengths agree with libopenmpt`);
  process.exit(0);
}
for (const c of ORACLE_CASES) {
  if (only && !c.name.includes(only)) continue;
  run++;
  try {
    const { ours, ref, readBack } = measure(buildSong(c.spec), c.ticks);
    const lost = Object.entries(c.spec.flags ?? {}).filter(([k, v]) => readBack.profile.flags[k as keyof typeof readBack.profile.flags] !== v);
    if (lost.length) console.log(`note  ${c.name}: the written file reads back with ${lost.map(([k, v]) => `${k}=${!v}`).join(', ')}`);
    const { text, mismatches } = compareTable(ours, ref);
    if (mismatches && !c.known) failed++;
    const label = mismatches ? (c.known ? 'KNOWN' : 'DIFF') : 'same';
    console.log(`${label.padEnd(5)} ${c.name}${mismatches ? ` (${mismatches} of ${ours.length} ticks differ)${c.known ? `: ${c.known}` : ''}` : ''}`);
    if (showTable || (mismatches && only)) {
      if (c.name.startsWith('random/')) console.log(c.spec.pattern.map((row, i) => `  ${String(i).padStart(2)} ${row.join(' | ')}`).join('\n'), `speed ${c.spec.speed}`);
      console.log(text);
    }
  } catch (e) {
    failed++;
    console.log(`ERR   ${c.name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
console.log(`${run - failed}/${run} cases agree with libopenmpt (or differ as documented)`);
