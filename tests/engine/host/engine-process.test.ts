// The engine child process: its native libraries' output lands in the log file (never on the
// terminal), and when it crashes the client says so, starts a new one with the current song, and
// playback works again.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProcessEngineClient } from '../../../src/engine/host/process-engine-client.js';
import type { EngineEvent } from '../../../src/engine/protocol.js';
import { createSong } from '../../../src/song/create.js';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, ok: () => boolean, ms = 15000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await wait(20);
  }
}

let client: ProcessEngineClient | null = null;
afterEach(async () => {
  await client?.close();
  client = null;
});

describe('engine child process', () => {
  it('restarts after a crash with the current song, and plays again', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'tracker-engine-')), 'engine.log');
    client = new ProcessEngineClient({ logFile: log, prefs: { device: null, sampleRate: 48000, latencyMs: 20, silent: true } });
    const events: EngineEvent[] = [];
    client.onEvent((e) => events.push(e));
    const song = createSong({}, { title: 'survivor', initialSpeed: 1 });
    client.send({ type: 'setSong', song });
    client.send({ type: 'play', mode: 'song', order: 0, row: 0 });
    await until('positions', () => events.some((e) => e.type === 'position'));
    const firstPid = client.pid;
    expect(firstPid).toBeDefined();

    process.kill(firstPid!, 'SIGKILL');
    await until('the crash report', () => events.some((e) => e.type === 'audio' && e.status.kind === 'error' && /restarting/.test(e.status.detail)));
    await until('a new engine', () => client!.pid !== undefined && client!.pid !== firstPid);
    const mark = events.length;
    await until('the new engine to report its output', () => events.slice(mark).some((e) => e.type === 'audio' && e.status.kind === 'silent'));
    client.send({ type: 'play', mode: 'song', order: 0, row: 0 });
    await until('positions from the new engine', () => events.slice(mark).some((e) => e.type === 'position' && e.position.playing));
  }, 30_000);

  it('a restarted engine opens the output last chosen, at its rate and latency', async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'tracker-engine-')), 'engine.log');
    client = new ProcessEngineClient({ logFile: log, prefs: { device: null, sampleRate: 48000, latencyMs: 16, silent: true } });
    const events: EngineEvent[] = [];
    client.onEvent((e) => events.push(e));
    // A device that is not there: the engine falls back to the silent output, saying which device.
    client.send({ type: 'setOutput', device: 'no-such-device-xyz', sampleRate: 44100, latencyMs: 48 });
    await until('the new output', () => events.some((e) => e.type === 'audio' && e.status.sampleRate === 44100));
    const firstPid = client.pid;
    process.kill(firstPid!, 'SIGKILL');
    await until('a new engine', () => client!.pid !== undefined && client!.pid !== firstPid);
    const mark = events.length;
    await until('the new engine to report its clock', () => events.slice(mark).some((e) => e.type === 'audio' && e.status.clock !== undefined));
    const status = events.slice(mark).flatMap((e) => (e.type === 'audio' && e.status.clock ? [e.status] : []))[0]!;
    expect(status).toMatchObject({ kind: 'silent', sampleRate: 44100 });
    expect(status.detail).toMatch(/no-such-device-xyz/);
    // 48 ms of render-ahead: the whole 384-frame chunks that fit, five at 44.1 kHz (43.5 ms).
    expect(status.clock!.aheadMs).toBeGreaterThan(40);
  }, 30_000);

  it("sends the engine's stderr (native library messages) to the log file, not to the terminal", async () => {
    const log = join(mkdtempSync(join(tmpdir(), 'tracker-engine-')), 'engine.log');
    const written: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      // A device that does not exist: the engine says why on its stderr and falls back to silence.
      client = new ProcessEngineClient({ logFile: log, prefs: { device: 'no-such-device-xyz', sampleRate: 48000, latencyMs: 20 } });
      const events: EngineEvent[] = [];
      client.onEvent((e) => events.push(e));
      await until('the audio status', () => events.some((e) => e.type === 'audio'));
      await client.close();
      client = null;
    } finally {
      process.stderr.write = original;
    }
    expect(readFileSync(log, 'utf8')).toMatch(/audio: cannot open no-such-device-xyz/);
    expect(written.join('')).toBe('');
  }, 30_000);
});
