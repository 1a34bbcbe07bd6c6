// End to end in a real terminal: tmux at 80x24 runs `node bin/tracker.js songs/demo-night-drive.trk`
// (on a copy, with CI unset so Ink draws interactively), enters notes and an effect, saves, quits,
// reopens and finds them, and checks that F-keys switch screens; the screen follows live resizes;
// the terminal is restored (checked with stty) after quitting, Ctrl+C, SIGTERM and a crash; bad
// settings are reported; and the editor works inside GNU screen too. Skipped when tmux is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCell } from '../../src/song/pattern.js';
import { loadSongFile } from '../../src/storage/song-file.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const screenStatus = spawnSync('screen', ['-v']).status;
const hasScreen = screenStatus === 0 || screenStatus === 1;
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

  /**
   * Starts the editor (or `program`) on the demo song in a new 80x24 session; after it exits the
   * shell prints "EXIT <code>" and the terminal's line discipline flags ("icanon echo" when restored).
   */
  function start(o: { readonly program?: string; readonly inScreen?: boolean } = {}): void {
    const program = o.program ?? `'${join(ROOT, 'bin', 'tracker.js')}'`;
    const run = `env -u CI XDG_CONFIG_HOME='${work}/config' XDG_STATE_HOME='${work}/state' '${process.execPath}' ${program} songs/demo-night-drive.trk`;
    const after = 'echo "EXIT $?"; echo "TTY $(stty -a | tr -s \' ;\' \'\\n\' | grep -x -e icanon -e -icanon -e echo -e -echo | tr \'\\n\' \' \')"; sleep 60';
    const cmd = o.inScreen ? `cd '${work}' && screen -q sh -c '${run.replace(/'/g, `'"'"'`)}; ${after.replace(/'/g, `'"'"'`)}'` : `cd '${work}' && ${run}; ${after}`;
    // A session left over by a failed test would make this one fail too.
    spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', 'e2e']);
    tmux('new-session', '-d', '-s', 'e2e', '-x', '80', '-y', '24', cmd);
    tmux('set', '-sg', 'escape-time', '10');
  }

  /** Waits for the exit line, checks the code and that the terminal is back in cooked mode with echo. */
  async function exited(code: number): Promise<string> {
    const s = await waitFor(/TTY \S/);
    expect(s).toContain(`EXIT ${code}`);
    expect(s).toMatch(/TTY icanon echo/);
    return s;
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
    send('F9');
    await waitFor('Open a song');
    send('Tab');
    // Opened from the command line, the song is a recent file.
    await waitFor(/> .*songs\/demo-night-drive\.trk/);
    send('Escape');
    send('F2');
    await waitFor('[Pattern]');
    // Live resize: more channels at 120 columns, back to five at 80, a request below 80x24.
    tmux('resize-window', '-t', 'e2e', '-x', '120', '-y', '30');
    s = await waitFor(/\|07 +Lead/);
    expect(s.split('\n')[28]).toMatch(/^ Oct 4/);
    tmux('resize-window', '-t', 'e2e', '-x', '70', '-y', '20');
    await waitFor('terminal is 70x20: tracker wants at least 80x24');
    tmux('resize-window', '-t', 'e2e', '-x', '80', '-y', '24');
    s = await waitFor(/\|05 +Pad 3r +>\n/);
    expect(s).not.toContain('|06');
    send('C-q');
    await exited(0);
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
    await exited(0);
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
    await exited(0);
    tmux('kill-session', '-t', 'e2e');
    expect(getCell(loadSongFile(song).song.patterns[0]!, 4, 0).note).toBe(61);
  }, 120_000);

  it('keeps keys typed while it starts, without shifting the screen (the terminal echoed them)', async () => {
    start();
    // Sent at once: Node is still starting, the terminal is still echoing what is typed.
    send('Down');
    send('Down');
    const s = await waitFor(/Row 02\/64/);
    expect(s.split('\n')[0]).toMatch(/^ tracker  demo-night-drive\.trk \[Pattern\]/);
    expect(s.split('\n')[1]).toMatch(/^ ED \|01 /);
    send('C-q');
    await exited(0);
    tmux('kill-session', '-t', 'e2e');
  }, 120_000);

  it('Ctrl+C asks about unsaved changes; SIGTERM keeps unsaved edits in a recovery file; the terminal is restored after Ctrl+C, SIGTERM, SIGINT and a crash', async () => {
    start();
    await waitFor(/demo-night-drive\.trk \[Pattern\]/);
    for (let i = 0; i < 7; i++) send('Down');
    send('w');
    await waitFor(/ 07 \|D-5 01/);
    send('C-c');
    await waitFor('Unsaved changes');
    send('Escape');
    await waitFor(/demo-night-drive\.trk \* \[Pattern\]/);
    send('C-c');
    await waitFor('Unsaved changes');
    send('n');
    await exited(0);
    tmux('kill-session', '-t', 'e2e');

    // SIGTERM with an unsaved edit: the edit goes to a recovery file and the exit message says where.
    const recoveryDir = join(work, 'state', 'tracker', 'recovery');
    start();
    await waitFor(/demo-night-drive\.trk \[Pattern\]/);
    for (let i = 0; i < 5; i++) send('Down');
    send('r');
    await waitFor(/ 05 \|F-5 01/);
    const shell = tmux('list-panes', '-t', 'e2e', '-F', '#{pane_pid}').trim();
    const pid = execFileSync('pgrep', ['-P', shell], { encoding: 'utf8' }).trim().split('\n')[0] ?? '';
    expect(pid).toMatch(/^\d+$/);
    process.kill(Number(pid), 'SIGTERM');
    const s = await exited(143);
    expect(s).toMatch(/tracker: SIGTERM: stopped.*unsaved work is in/s);
    tmux('kill-session', '-t', 'e2e');
    const termFiles = readdirSync(recoveryDir).filter((f) => f.endsWith('.trk'));
    expect(termFiles).toHaveLength(1);
    expect(getCell(loadSongFile(join(recoveryDir, termFiles[0]!)).song.patterns[0]!, 5, 0).note).toBe(66);
    for (const f of termFiles) rmSync(join(recoveryDir, f));

    // A real SIGINT (kill -INT, not the Ctrl+C key the raw terminal delivers as a key) stops it too.
    start();
    await waitFor(/demo-night-drive\.trk \[Pattern\]/);
    const shell2 = tmux('list-panes', '-t', 'e2e', '-F', '#{pane_pid}').trim();
    const pid2 = execFileSync('pgrep', ['-P', shell2], { encoding: 'utf8' }).trim().split('\n')[0] ?? '';
    process.kill(Number(pid2), 'SIGINT');
    expect(await exited(130)).toContain('tracker: SIGINT: stopped');
    tmux('kill-session', '-t', 'e2e');

    start({ program: `'${join(ROOT, 'tests', 'e2e', 'fixtures', 'crash-harness.mjs')}'` });
    await waitFor(/demo-night-drive\.trk \[Pattern\]/);
    for (let i = 0; i < 9; i++) send('Down');
    send('e');
    await waitFor(/ 09 \|E-5 01/);
    send('!');
    const crashed = await exited(1);
    expect(crashed).toMatch(/tracker: internal error: boom \(test crash\).*unsaved work is in/s);
    expect(crashed).not.toMatch(/\|E-5 01/);
    const files = readdirSync(recoveryDir).filter((f) => f.endsWith('.trk'));
    expect(files).toHaveLength(1);
    expect(getCell(loadSongFile(join(recoveryDir, files[0]!)).song.patterns[0]!, 9, 0).note).toBe(65);
    tmux('kill-session', '-t', 'e2e');
    for (const f of files) rmSync(join(recoveryDir, f));
  }, 120_000);

  it('reports bad settings at start, one line each, and uses the defaults', async () => {
    mkdirSync(join(work, 'config', 'tracker'), { recursive: true });
    const settings = join(work, 'config', 'tracker', 'settings.json');
    writeFileSync(settings, JSON.stringify({ colors: 'purple', displayFps: 0, keys: { 'transport.playSong': ['Hyper+5'] } }));
    try {
      start();
      const s = await waitFor('+- Settings');
      expect(s).toContain('colors must be one of auto, truecolor, 256, 16, none');
      expect(s).toContain('displayFps must be a whole number 1..120');
      expect(s).toContain('"Hyper+5" is not a key name');
      send('Enter');
      await waitFor(/demo-night-drive\.trk \[Pattern\]/);
      send('C-q');
      await exited(0);
      tmux('kill-session', '-t', 'e2e');
    } finally {
      writeFileSync(settings, '{}');
    }
  }, 120_000);

  it.skipIf(!hasScreen)('works inside GNU screen: keys, screens, save, and the screen cleared on exit', async () => {
    start({ inScreen: true });
    await waitFor(/demo-night-drive\.trk \[Pattern\]/);
    for (let i = 0; i < 12; i++) send('Down');
    send('z');
    send('Up');
    send('M-q');
    await waitFor(/ 12 \|C#4 01/);
    send('Insert');
    await waitFor(/ 13 \|C#4 01/);
    send('F3');
    await waitFor('[Samples]');
    send('F11');
    await waitFor('Order list');
    send('F2');
    await waitFor('[Pattern]');
    send('C-s');
    await waitFor('saved songs/demo-night-drive.trk');
    send('C-q');
    const s = await exited(0);
    expect(s).not.toContain('[Pattern]');
    tmux('kill-session', '-t', 'e2e');
    expect(getCell(loadSongFile(song).song.patterns[0]!, 13, 0).note).toBe(50);
  }, 120_000);
});
