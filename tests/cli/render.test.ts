// `tracker render` and the duration of `tracker info`: every option the issue names (--rate 8000..192000,
// --interp, --format, --stems, --seconds), the progress bar only on a terminal, and durationSeconds
// as the replayer measures it (with the 60-minute cap).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { songDuration } from '../../src/engine/replayer/player.js';
import { writeTrk } from '../../src/formats/native/trk-write.js';
import type { Song } from '../../src/song/song.js';
import { buildSong } from '../helpers/song-builder.js';
import { runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tracker-render-'));

/** A two-channel song of 8 rows at speed 3 (0.48 s), a note on each channel. */
function smallSong(): Song {
  const song = buildSong({ base: 'it', speed: 3, channels: 2, rows: 8, pattern: [['C-5 01 v40 ...', 'G-5 01 v30 X20'], ['... .. ... ...', '... .. ... ...']] });
  return { ...song, channels: song.channels.map((c, i) => ({ ...c, name: i === 0 ? 'Lead' : '' })) };
}
const songFile = join(dir, 'small.trk');
writeFileSync(songFile, writeTrk(smallSong()));
const LENGTH = songDuration(smallSong()).seconds;

interface Wav { format: number; channels: number; rate: number; bits: number; frames: number; data: Buffer }

function readWavFile(path: string): Wav {
  const b = readFileSync(path);
  expect(b.toString('ascii', 0, 4)).toBe('RIFF');
  expect(b.toString('ascii', 8, 12)).toBe('WAVE');
  const channels = b.readUInt16LE(22);
  const bits = b.readUInt16LE(34);
  const dataBytes = b.readUInt32LE(40);
  expect(b.length).toBe(44 + dataBytes);
  return { format: b.readUInt16LE(20), channels, rate: b.readUInt32LE(24), bits, frames: dataBytes / (channels * bits / 8), data: b.subarray(44) };
}

async function render(args: string[], out = 'out.wav') {
  const r = await runCli(['render', songFile, '-o', join(dir, out), ...args], dir);
  return { ...r, wav: r.code === 0 ? readWavFile(join(dir, out)) : null };
}

describe('tracker render', () => {
  it('gives identical bytes on every run, and keeps the previous file as OUT.bak (backups setting; .bak.2 with 2)', async () => {
    const config = mkdtempSync(join(tmpdir(), 'tracker-conf-'));
    mkdirSync(join(config, 'tracker'));
    writeFileSync(join(config, 'tracker', 'settings.json'), JSON.stringify({ backups: 2 }));
    const saved = process.env['XDG_CONFIG_HOME'];
    process.env['XDG_CONFIG_HOME'] = config;
    try {
      const first = await render(['--interp', 'sinc'], 'again.wav');
      const bytes = readFileSync(join(dir, 'again.wav'));
      const second = await render(['--interp', 'sinc'], 'again.wav');
      expect([first.code, second.code]).toEqual([0, 0]);
      expect(readFileSync(join(dir, 'again.wav')).equals(bytes)).toBe(true);
      expect(readFileSync(join(dir, 'again.wav.bak')).equals(bytes)).toBe(true);
      expect(existsSync(join(dir, 'again.wav.bak.2'))).toBe(false);
      await render([], 'again.wav');
      expect(readFileSync(join(dir, 'again.wav.bak.2')).equals(bytes)).toBe(true);
      // convert keeps backups the same way.
      const out = join(dir, 'copy.it');
      expect((await runCli(['convert', songFile, out], dir)).code).toBe(0);
      expect((await runCli(['convert', songFile, out], dir)).code).toBe(0);
      expect(existsSync(`${out}.bak`)).toBe(true);
    } finally {
      if (saved === undefined) delete process.env['XDG_CONFIG_HOME'];
      else process.env['XDG_CONFIG_HOME'] = saved;
    }
  });

  it('writes a 48 kHz 16-bit stereo WAV of the whole song by default, silently when stderr is not a terminal', async () => {
    const r = await render([]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.wav).toMatchObject({ format: 1, channels: 2, rate: 48000, bits: 16, frames: Math.round(LENGTH * 48000) });
    expect(r.wav!.data.some((x) => x !== 0)).toBe(true);
  });

  it('--rate takes 8000..192000 Hz and refuses anything else with a usage error', async () => {
    for (const rate of [8000, 22050, 192000]) {
      const r = await render(['--rate', String(rate)], `rate-${rate}.wav`);
      expect(r.code, String(rate)).toBe(0);
      expect(r.wav!.rate).toBe(rate);
      // Ticks are whole frames: floor(rate * 2.5 / 125) per tick, 24 ticks.
      expect(r.wav!.frames).toBe(24 * Math.floor((rate * 2.5) / 125));
    }
    for (const rate of ['7999', '192001', 'fast']) {
      const r = await render(['--rate', rate], 'bad.wav');
      expect(r.code, rate).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('--format s16 / s24 / f32 write 16-bit, 24-bit integer and 32-bit float PCM', async () => {
    const s24 = await render(['--format', 's24', '--seconds', '0.1'], 's24.wav');
    expect(s24.wav).toMatchObject({ format: 1, bits: 24, frames: 4800 });
    const f32 = await render(['--format', 'f32', '--seconds', '0.1'], 'f32.wav');
    expect(f32.wav).toMatchObject({ format: 3, bits: 32, frames: 4800 });
    const s16 = await render(['--format', 's16', '--seconds', '0.1'], 's16.wav');
    // The same music in each format: the 16-bit sample values are the float ones, scaled.
    const i = 400;
    const f = f32.wav!.data.readFloatLE(i * 8);
    expect(s16.wav!.data.readInt16LE(i * 4) / 32767).toBeCloseTo(f, 3);
    expect((await render(['--format', 'u8'], 'u8.wav')).code).toBe(2);
  });

  it('--interp nearest / linear / cubic / sinc each render; the interpolations sound (slightly) different', async () => {
    const outs = [];
    for (const interp of ['nearest', 'linear', 'cubic', 'sinc']) {
      const r = await render(['--interp', interp, '--seconds', '0.1', '--format', 'f32'], `interp-${interp}.wav`);
      expect(r.code, interp).toBe(0);
      outs.push(r.wav!.data.toString('hex'));
    }
    expect(new Set(outs).size).toBe(4);
    expect((await render(['--interp', 'best'], 'x.wav')).code).toBe(2);
  });

  it('--seconds N renders exactly N seconds (here less than the song)', async () => {
    expect((await render(['--seconds', '0.25'], 'short.wav')).wav!.frames).toBe(12000);
  });

  it('--stems DIR writes one WAV per channel that add up to the mix', async () => {
    const stems = join(dir, 'stems');
    const r = await render(['--stems', stems, '--format', 'f32', '--seconds', '0.2'], 'mix.wav');
    expect(r.code).toBe(0);
    expect(readdirSync(stems).sort()).toEqual(['01-Lead.wav', '02.wav']);
    const a = readWavFile(join(stems, '01-Lead.wav'));
    const b = readWavFile(join(stems, '02.wav'));
    expect(a.frames).toBe(r.wav!.frames);
    let maxDiff = 0;
    for (let i = 0; i < r.wav!.frames * 2; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(a.data.readFloatLE(i * 4) + b.data.readFloatLE(i * 4) - r.wav!.data.readFloatLE(i * 4)));
    }
    expect(maxDiff).toBeLessThan(1e-6);
    expect(a.data.some((x) => x !== 0) && b.data.some((x) => x !== 0)).toBe(true);
  });

  it('draws a progress bar on stderr only when it is a terminal', async () => {
    let stderr = '';
    const code = await main(['render', songFile, '-o', join(dir, 'tty.wav')], { out: () => {}, err: (t) => { stderr += t; }, stdoutIsTty: true, stderrIsTty: true, cwd: dir });
    expect(code).toBe(0);
    expect(stderr).toMatch(/\r\[#+\] +100% 0:00\/0:00\n$/);
  });

  it('without -o: one line, no file', async () => {
    const r = await runCli(['render', songFile], dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/-o OUT\.wav/);
  });
});

describe('tracker info durationSeconds', () => {
  it('is the replayer\'s song length, in seconds to the millisecond', async () => {
    const r = await runCli(['info', songFile, '--json'], dir);
    expect(JSON.parse(r.stdout).durationSeconds).toBe(Math.round(LENGTH * 1000) / 1000);
    expect(LENGTH).toBeCloseTo(0.48, 6);
  });
  it('is capped at 60 minutes, with a warning, for a song that runs longer', async () => {
    const long = buildSong({ base: 'it', speed: 255, tempo: 32, pattern: Array.from({ length: 12 }, () => ['... .. ... SEF']) });
    const file = join(dir, 'long.trk');
    writeFileSync(file, writeTrk(long));
    const r = await runCli(['info', file, '--json'], dir);
    expect(JSON.parse(r.stdout).durationSeconds).toBe(3600);
    expect(r.stderr).toMatch(/did not end within 60 minutes/);
  });
});
