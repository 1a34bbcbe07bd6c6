// `tracker play` without the screen (the real binary, on the silent sink): the position, where it
// stopped, the --stats figures, the output settings the editor remembers (and the flags that
// override them), and one-line usage errors.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBinary } from '../helpers/run-cli.js';

/** A settings folder (XDG_CONFIG_HOME) holding `settings`. */
function config(settings: object): { XDG_CONFIG_HOME: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tracker-play-conf-'));
  mkdirSync(join(dir, 'tracker'));
  writeFileSync(join(dir, 'tracker', 'settings.json'), JSON.stringify(settings));
  return { XDG_CONFIG_HOME: dir };
}

describe('tracker play', () => {
  it('plays for --seconds, prints the position and where it stopped, and the --stats figures', () => {
    const r = runBinary(['play', 'songs/demo-pocket-arcade.trk', '--silent', '--seconds', '2', '--stats'], undefined, config({}));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^order 000 row 000 {2}0:00\.\d$/m);
    expect(r.stdout).toMatch(/^stopped at 0:0[23]\.\d$/m);
    expect(r.stdout).toMatch(/^render load: average \d+\.\d%, peak \d+\.\d%$/m);
    expect(r.stdout).toMatch(/^underrun ratio: \d\.\d{4} \(worst update\); schedule late by \d+ frames in total$/m);
    expect(r.stdout).toMatch(/^audio clock drift: -?\d+\.\d\d ms over \d\.\d s of wall time$/m);
    expect(r.stdout).toMatch(/^engine CPU: \d+\.\d\d s over \d\.\d s \(\d+\.\d% of one core\)$/m);
    // One line about the output, nothing else (no native library noise). The figures are checked for
    // their form only: how good they are is for bench:playback to say.
    expect(r.stderr).toBe('audio: silent (silent output requested), 48000 Hz\n');
  });

  it('uses the sample rate the editor remembers; --rate overrides it', () => {
    const env = config({ sampleRate: 44100 });
    expect(runBinary(['play', 'songs/demo-pocket-arcade.trk', '--silent', '--seconds', '0.3', '-q'], undefined, env).stderr).toContain(', 44100 Hz');
    expect(runBinary(['play', 'songs/demo-pocket-arcade.trk', '--silent', '--seconds', '0.3', '-q', '--rate', '96000'], undefined, env).stderr).toContain(', 96000 Hz');
  });

  it('refuses a bad flag or a missing file with one line and a non-zero exit', () => {
    const bad = runBinary(['play', 'songs/demo-pocket-arcade.trk', '--rate', '5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual(['tracker: --rate must be between 8000 and 192000, got 5']);
    const latency = runBinary(['play', 'songs/demo-pocket-arcade.trk', '--latency', '2']);
    expect(latency.code).toBe(2);
    expect(latency.stderr.trim().split('\n')).toEqual(['tracker: --latency must be between 4 and 500, got 2']);
    const missing = runBinary(['play', 'no-such-song.trk', '--silent']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });
});
