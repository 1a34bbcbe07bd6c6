// Never a hanging note: the engine runs in its own process with a MIDI output (a test driver that
// logs to a file), and every way playback can end silences the synth: quitting, the engine crashing
// (the restarted engine sends all-notes-off before anything else), and the editor dying (SIGKILL, a
// dropped SSH session) while notes sound.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProcessEngineClient } from '../../../src/engine/host/process-engine-client.js';
import type { EngineEvent } from '../../../src/engine/protocol.js';
import { buildSong } from '../../helpers/song-builder.js';
import { REPO } from '../../helpers/run-cli.js';
import { until } from '../../helpers/until.js';
import { midiInstrument } from '../midi/midi-helpers.js';
import { readMidiLog } from '../midi/file-midi-driver.js';

const DRIVER = fileURLToPath(new URL('../midi/file-midi-driver.ts', import.meta.url));

/** A long note on a MIDI-only instrument, so a note is sounding whenever we look. */
const song = buildSong({ base: 'it', rows: 64, pattern: [['C-5 01 ... ...']], instruments: [midiInstrument({ port: 'Synth A' })] });

let dir = '';
let midiLog = '';
let client: ProcessEngineClient | null = null;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tracker-midi-safety-'));
  midiLog = join(dir, 'midi.log');
  process.env['TRACKER_TEST_MIDI_LOG'] = midiLog;
});
afterEach(async () => {
  await client?.close();
  client = null;
  delete process.env['TRACKER_TEST_MIDI_LOG'];
});

const sent = () => (existsSync(midiLog) ? readMidiLog(readFileSync(midiLog, 'utf8')) : []);
const allNotesOff = (from: number, pid?: number) => sent().slice(from).filter((m) => (m.bytes[0]! & 0xf0) === 0xb0 && m.bytes[1] === 123 && (pid === undefined || m.pid === pid)).length;

function startEngine(): { events: EngineEvent[] } {
  client = new ProcessEngineClient({ logFile: join(dir, 'engine.log'), prefs: { device: null, sampleRate: 48000, latencyMs: 20, silent: true }, midiDriverModule: DRIVER });
  const events: EngineEvent[] = [];
  client.onEvent((e) => events.push(e));
  client.send({ type: 'setMidi', setup: { output: 'Synth A', input: null, clockOut: true, clockIn: false, latencyMs: {} } });
  client.send({ type: 'setSong', song });
  client.send({ type: 'play', mode: 'song', order: 0, row: 0 });
  return { events };
}

describe('never a hanging note', () => {
  it('quitting sends the note-off of the sounding note and all-notes-off on every channel', async () => {
    startEngine();
    await until('the note', () => sent().some((m) => m.bytes[0] === 0x90));
    const mark = sent().length;
    await client?.close();
    client = null;
    const after = sent().slice(mark);
    expect(after).toContainEqual(expect.objectContaining({ port: 'Synth A', bytes: [0x80, 60, 64] }));
    expect(allNotesOff(mark)).toBe(16);
  }, 30_000);

  it('an engine killed mid-note is restarted, and the new engine silences the port first, then plays on', async () => {
    const { events } = startEngine();
    await until('the note', () => sent().some((m) => m.bytes[0] === 0x90));
    const firstPid = client!.pid!;
    const mark = sent().length;
    process.kill(firstPid, 'SIGKILL');
    await until('a new engine', () => client!.pid !== undefined && client!.pid !== firstPid);
    const newPid = client!.pid!;
    await until('all notes off from the new engine', () => allNotesOff(mark, newPid) === 16, 20000);
    client!.send({ type: 'play', mode: 'song', order: 0, row: 0 });
    await until('the note again', () => sent().slice(mark).some((m) => m.bytes[0] === 0x90 && m.pid === newPid));
    // The new engine got the MIDI setup again: clock out is on.
    await until('clock from the new engine', () => sent().slice(mark).some((m) => m.bytes[0] === 0xf8 && m.pid === newPid));
    expect(events.some((e) => e.type === 'audio' && /restarting/.test(e.status.detail))).toBe(true);
  }, 40_000);

  it('the editor killed (or its SSH session dropped) mid-note: the engine silences the synth and exits', async () => {
    const script = join(dir, 'editor.ts');
    writeFileSync(script, [
      `import { ProcessEngineClient } from ${JSON.stringify(join(REPO, 'src/engine/host/process-engine-client.ts'))};`,
      `import { buildSong } from ${JSON.stringify(join(REPO, 'tests/helpers/song-builder.ts'))};`,
      `import { midiInstrument } from ${JSON.stringify(join(REPO, 'tests/engine/midi/midi-helpers.ts'))};`,
      `const song = buildSong({ base: 'it', rows: 64, pattern: [['C-5 01 ... ...']], instruments: [midiInstrument({ port: 'Synth A' })] });`,
      `const c = new ProcessEngineClient({ logFile: ${JSON.stringify(join(dir, 'engine2.log'))}, prefs: { device: null, sampleRate: 48000, latencyMs: 20, silent: true }, midiDriverModule: ${JSON.stringify(DRIVER)} });`,
      `c.send({ type: 'setMidi', setup: { output: 'Synth A', input: null, clockOut: false, clockIn: false, latencyMs: {} } });`,
      `c.send({ type: 'setSong', song });`,
      `c.send({ type: 'play', mode: 'song', order: 0, row: 0 });`,
      `setInterval(() => process.stdout.write(String(c.pid ?? '') + '\\n'), 100);`,
    ].join('\n'));
    const editor = spawn(join(REPO, 'node_modules/.bin/node'), ['--import', join(REPO, 'bench/lib/ts-hooks.mjs'), script], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env } });
    let enginePid = 0;
    editor.stdout.on('data', (d: Buffer) => {
      const n = Number(String(d).trim().split('\n').at(-1));
      if (n > 0) enginePid = n;
    });
    await until('the note', () => sent().some((m) => m.bytes[0] === 0x90), 20000);
    const mark = sent().length;
    editor.kill('SIGKILL');
    await until('all notes off', () => allNotesOff(mark) === 16, 10000);
    expect(sent().slice(mark)).toContainEqual(expect.objectContaining({ bytes: [0x80, 60, 64] }));
    await until('the engine to exit', () => {
      try {
        process.kill(enginePid, 0);
        return false;
      } catch {
        return true;
      }
    });
  }, 40_000);
});
