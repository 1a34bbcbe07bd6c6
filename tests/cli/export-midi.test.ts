// `tracker export-midi`: writes a Standard MIDI File read back by midi-file, says what it wrote in one
// line, follows --per-instrument and --seconds, and refuses a missing -o with a usage error.

import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMidi } from 'midi-file';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tracker-export-midi-'));
const DEMO = 'songs/demo-pocket-arcade.trk';

function noteOns(path: string): number {
  const midi = parseMidi(readFileSync(path)) as { header: { format: number }; tracks: { type: string; velocity?: number }[][] };
  expect(midi.header.format).toBe(1);
  return midi.tracks.flat().filter((e) => e.type === 'noteOn' && (e.velocity ?? 0) > 0).length;
}

describe('tracker export-midi', () => {
  it('writes the demo song as a type-1 MIDI file and says how many notes on how many tracks', async () => {
    const out = join(dir, 'demo.mid');
    const r = await runCli(['export-midi', DEMO, '-o', out]);
    expect(r.code).toBe(0);
    const m = /^(.+): (\d+) notes on (\d+) tracks, (\d+\.\d) s\n$/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    expect(m![1]).toBe(out);
    expect(noteOns(out)).toBe(Number(m![2]));
    const tracks = (parseMidi(readFileSync(out)) as { tracks: unknown[] }).tracks.length;
    expect(tracks - 1).toBe(Number(m![3]));
  });

  it('--per-instrument makes one track per instrument; --seconds stops early', async () => {
    const whole = await runCli(['export-midi', DEMO, '-o', join(dir, 'channels.mid')]);
    const per = await runCli(['export-midi', DEMO, '-o', join(dir, 'instruments.mid'), '--per-instrument']);
    expect(per.code).toBe(0);
    const count = (s: string) => Number(/(\d+) notes/.exec(s)?.[1]);
    expect(count(per.stdout)).toBe(count(whole.stdout));
    const short = await runCli(['export-midi', DEMO, '-o', join(dir, 'short.mid'), '--seconds', '2']);
    expect(short.stdout).toMatch(/, 2\.\d s\n$/);
    expect(count(short.stdout)).toBeLessThan(count(whole.stdout));
  });

  it('refuses a missing -o with one line and exit 2, and a missing song with exit 1, writing nothing', async () => {
    const noOut = await runCli(['export-midi', DEMO]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/export-midi needs -o OUT\.mid/);
    const missing = await runCli(['export-midi', 'no-such.trk', '-o', join(dir, 'never.mid')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(dir, 'never.mid'))).toBe(false);
  });
});
