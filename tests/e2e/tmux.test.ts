// End to end in a real terminal: tmux at 80x24 runs `node bin/tracker.js songs/demo-night-drive.trk`
// (on a copy, with CI unset so Ink draws interactively), enters notes and an effect, saves, quits,
// reopens and finds them, and checks that F-keys switch screens. Skipped when tmux is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCell } from '../../src/song/pattern.js';
import { loadSongFile } from '../../src/storage/song-file.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux) console.log('tests/e2e/tmux.test.ts: tmux is not installed, so the terminal end-to-end test is skipped (.ci/run installs it)');

const SOCKET = `tracker-e2e-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });

function newestMtime(dir: string): number {
  return readdirSync(dir).reduce((m, name) => {
    const p = join(dir, name);
    const st = statSync(p);
    return Math.max(m, st.isDirectory() ? newestMtime(p) : st.mtimeMs);
  }, 0);
}

/** Builds dist when it is missing or older than src (type errors elsewhere do not stop the emit). */
function ensureBuilt(): void {
  const entry = join(ROOT, 'dist', 'cli', 'run.js');
  if (existsSync(entry) && existsSync(join(ROOT, 'dist', 'ui', 'run-ui.js')) && statSync(entry).mtimeMs >= newestMtime(join(ROOT, 'src'))) return;
  spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'ignore' });
  if (!existsSync(join(ROOT, 'dist', 'ui', 'run-ui.js'))) throw new Error('could not build dist (npm run build)');
}

function screen(): string {
  return tmux('capture-pane', '-p', '-t', 'e2e');
}

/** Waits until the screen shows `what` (polling the pane; fails with the screen after 15 s). */
async function waitFor(what: string | RegExp): Promise<string> {
  const deadline = Date.now() + 15000;
  for (;;) {
    const s = screen();
    if (typeof what === 'string' ? s.includes(what) : what.test(s)) return s;
    if (Date.now() > deadline) throw new Error(`screen never showed ${String(what)}:\n${s}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function send(...keys: string[]): void {
  tmux('send-keys', '-t', 'e2e', ...keys);
}

describe.skipIf(!hasTmux)('tracker in tmux', () => {
  let work = '';
  let song = '';

  beforeAll(() => {
    ensureBuilt();
    work = mkdtempSync(join(tmpdir(), 'tracker-e2e-'));
    mkdirSync(join(work, 'songs'));
    song = join(work, 'songs', 'demo-night-drive.trk');
    copyFileSync(join(ROOT, 'songs', 'demo-night-drive.trk'), song);
  }, 120_000);

  afterAll(() => {
    if (hasTmux) spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
  });

  function start(): void {
    const cmd = `cd '${work}' && env -u CI XDG_CONFIG_HOME='${work}/config' XDG_STATE_HOME='${work}/state' '${process.execPath}' '${join(ROOT, 'bin', 'tracker.js')}' songs/demo-night-drive.trk; echo "EXIT $?"; sleep 60`;
    tmux('new-session', '-d', '-s', 'e2e', '-x', '80', '-y', '24', cmd);
    tmux('set', '-sg', 'escape-time', '10');
  }

  it('enters notes and an effect, saves, quits, reopens and finds them; F-keys switch screens', async () => {
    start();
    const first = await waitFor(/demo-night-drive\.trk \[Pattern\]/);
    await new Promise((r) => setTimeout(r, 500));
    // Native audio/MIDI libraries print to fd 2 (ALSA: "cannot find card"); none of it may reach the screen.
    expect(`${first}\n${screen()}`).not.toMatch(/ALSA|RtMidi|snd_|Error:/);
    send('z');
    send('x');
    for (let i = 0; i < 6; i++) send('Right');
    send('d', '0', 'f');
    let s = await waitFor('D0F');
    expect(s).toMatch(/ 00 \|C-4 01 \.\.\. \.\.\.\|/);
    expect(s).toMatch(/ 01 \|D-4 01 \.\.\. \.\.\.\|/);
    expect(s).toContain('demo-night-drive.trk *');
    send('C-s');
    await waitFor('saved songs/demo-night-drive.trk');
    send('F11');
    await waitFor('Order list');
    send('F3');
    await waitFor('[Samples]');
    send('F4');
    await waitFor('[Instruments]');
    send('F12');
    await waitFor('Song settings');
    send('F1');
    await waitFor('Help  ');
    send('F2');
    await waitFor('[Pattern]');
    send('C-q');
    await waitFor('EXIT 0');
    tmux('kill-session', '-t', 'e2e');

    const saved = loadSongFile(song).song.patterns[0]!;
    expect(getCell(saved, 0, 0).note).toBe(49);
    expect(getCell(saved, 1, 0).note).toBe(51);
    expect(getCell(saved, 2, 0).effects[0]).toEqual({ kind: 'volSlide', param: 0x0f });

    start();
    s = await waitFor(/demo-night-drive\.trk \[Pattern\]/);
    expect(s).toMatch(/ 00 \|C-4 01/);
    expect(s).toMatch(/ 02 \|\.\.\. \.\. \.\.\. D0F/);
    send('C-q');
    await waitFor('EXIT 0');
    tmux('kill-session', '-t', 'e2e');
  }, 120_000);

  it('SIGHUP (a dropped SSH connection) keeps unsaved edits in a recovery file that the next start restores', async () => {
    const recoveryDir = join(work, 'state', 'tracker', 'recovery');
    start();
    await waitFor(/demo-night-drive\.trk \[Pattern\]/);
    for (let i = 0; i < 4; i++) send('Down');
    send('q');
    await waitFor(/ 04 \|C-5 01/);
    // Closing the session hangs up the terminal: tmux sends SIGHUP, as sshd does when a link drops.
    tmux('kill-session', '-t', 'e2e');
    const deadline = Date.now() + 10000;
    while (!(existsSync(recoveryDir) && readdirSync(recoveryDir).some((f) => f.endsWith('.trk'))) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const files = readdirSync(recoveryDir).filter((f) => f.endsWith('.trk'));
    expect(files).toHaveLength(1);
    const recovered = loadSongFile(join(recoveryDir, files[0]!)).song.patterns[0]!;
    expect(getCell(recovered, 4, 0).note).toBe(61);
    // The song file itself was not touched.
    expect(getCell(loadSongFile(song).song.patterns[0]!, 4, 0).note).not.toBe(61);

    start();
    await waitFor('Unsaved work found');
    send('y');
    const s = await waitFor('restored the unsaved work');
    expect(s).toMatch(/ 04 \|C-5 01/);
    expect(s).toContain('demo-night-drive.trk *');
    send('C-s');
    await waitFor('saved songs/demo-night-drive.trk');
    // Saved: the recovery file has done its job and is gone.
    expect(readdirSync(recoveryDir).filter((f) => f.endsWith('.trk'))).toEqual([]);
    send('C-q');
    await waitFor('EXIT 0');
    tmux('kill-session', '-t', 'e2e');
    expect(getCell(loadSongFile(song).song.patterns[0]!, 4, 0).note).toBe(61);
  }, 120_000);
});
