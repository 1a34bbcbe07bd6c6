// The engine's MIDI host inside the engine service: opens the ports the song needs, sends the
// song's notes at the wall-clock time their audio is heard, silences them on stop and shutdown,
// notices ports that come and go, reports a machine without MIDI as a status, forwards input notes
// to the editor and follows an external clock. Uses a memory MIDI driver and a fake audio context
// (and, where exact send times are checked, a sender that records instead of waiting).
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveAudioContext, OpenedOutput } from '../../../src/engine/host/audio-output.js';
import { EngineService } from '../../../src/engine/host/engine-service.js';
import { monotonicMs } from '../../../src/engine/host/monotonic-clock.js';
import type { EngineEvent, MidiSetup, MidiStatus } from '../../../src/engine/protocol.js';
import type { MidiSenderLike, TimedMessage } from '../../../src/engine/host/midi-sender.js';
import type { SenderReport } from '../../../src/engine/host/midi-sender-protocol.js';
import { buildSong } from '../../helpers/song-builder.js';
import { simpleMix } from '../../helpers/simple-mix.js';
import { midiInstrument } from '../midi/midi-helpers.js';
import { driver, listen, setTestFailure, setTestPorts } from '../midi/test-midi-driver.js';
import { until as waitUntil, wait } from '../../helpers/until.js';

const DRIVER = fileURLToPath(new URL('../midi/test-midi-driver.ts', import.meta.url));

/** An audio context whose clock is the monotonic wall clock (so due times can be checked). */
class WallContext implements LiveAudioContext {
  readonly sampleRate = 48000;
  readonly destination = {};
  private readonly t0 = monotonicMs();
  get currentTime(): number {
    return (monotonicMs() - this.t0) / 1000;
  }
  wallNow(): number {
    return monotonicMs();
  }
  createBuffer() {
    return { copyToChannel() {} };
  }
  createBufferSource() {
    return { buffer: null as unknown, connect: () => undefined, start() {}, stop() {} };
  }
  async close(): Promise<void> {}
}

const until = <T>(ok: () => T | undefined | false) => waitUntil('the MIDI host', ok, 5000);

let service: EngineService | null = null;
let rec: ReturnType<typeof listen> | null = null;
afterEach(async () => {
  await service?.shutdown();
  service = null;
  rec?.close();
  rec = null;
  setTestPorts(['Synth A', 'Synth B']);
  setTestFailure(null);
});

async function start(setup: Partial<MidiSetup> = {}) {
  const events: EngineEvent[] = [];
  rec = listen();
  const open = async (): Promise<OpenedOutput> => ({ ctx: new WallContext(), status: { kind: 'silent', detail: 'test', sampleRate: 48000 } });
  service = new EngineService((e) => events.push(e), { prefs: { device: null, sampleRate: 48000, latencyMs: 20 }, mix: simpleMix(48000), open, midi: { driverModule: DRIVER, pollMs: 50 } });
  await service.start();
  service.handle({ type: 'setMidi', setup: { output: null, input: null, clockOut: false, clockIn: false, latencyMs: {}, ...setup } });
  return { events, midiStatus: () => events.flatMap((e) => (e.type === 'midi' ? [e.status] : [])).at(-1) as MidiStatus | undefined };
}

const song = buildSong({
  base: 'it', rows: 8,
  pattern: [['C-5 01 ... ...', 'E-5 02 ... ...'], [], [], [], ['D-5 01 ... ...']],
  instruments: [midiInstrument({ port: 'Synth A' }), midiInstrument({ channel: 2 })],
});

describe('MIDI in the engine', () => {
  it('opens the song\'s ports and schedules its notes for when their audio is heard; stop sends note-offs', async () => {
    // A recording sender: the due times are what the host computes from the audio clock.
    const queued: TimedMessage[] = [];
    const cancels: number[] = [];
    const createSender = (_module: string, onReport: (r: SenderReport) => void): MidiSenderLike => ({
      setPorts: (names) => onReport({ op: 'opened', names: [...names], failed: [] }),
      send: (m) => void queued.push(...m),
      cancelAfter: (after) => void cancels.push(after),
      panic: () => {},
      stats: async () => ({ notes: { count: 0, p50: 0, p99: 0, max: 0 }, clock: { count: 0, p50: 0, p99: 0, max: 0 } }),
      close: async () => {},
    });
    const events: EngineEvent[] = [];
    const ctx = new WallContext();
    service = new EngineService((e) => events.push(e), {
      prefs: { device: null, sampleRate: 48000, latencyMs: 20 }, mix: simpleMix(48000), chunkFrames: 384, aheadFrames: 1152,
      open: async () => ({ ctx, status: { kind: 'silent', detail: 'test', sampleRate: 48000 } }),
      midi: { driverModule: DRIVER, pollMs: 50, createSender },
    });
    await service.start();
    service.handle({ type: 'setMidi', setup: { output: 'Synth B', input: null, clockOut: false, clockIn: false, latencyMs: { 'Synth A': 5, 'Synth B': -3 } } });
    service.handle({ type: 'setSong', song });
    const status = () => events.flatMap((e) => (e.type === 'midi' ? [e.status] : [])).at(-1);
    await until(() => status()?.openOutputs.length === 2);
    expect(status()).toMatchObject({ available: true, outputs: ['Synth A', 'Synth B'], inputs: ['Keys'] });
    const t0 = ctx.wallNow();
    service.handle({ type: 'play', mode: 'song', order: 0, row: 0 });
    const row4 = await until(() => queued.find((m) => m.bytes[0] === 0x90 && m.bytes[1] === 62));
    const a = queued.find((m) => m.port === 'Synth A' && m.bytes[0] === 0x90) as TimedMessage;
    const b = queued.find((m) => m.port === 'Synth B' && m.bytes[0] === 0x91) as TimedMessage;
    expect(a.bytes).toEqual([0x90, 60, 127]);
    expect(b.bytes).toEqual([0x91, 64, 127]);
    // Synth A is 5 ms later by its latency offset and Synth B 3 ms earlier; both start with the first
    // chunk after play, scheduled one chunk (8 ms) ahead of the audio clock.
    expect(a.due - b.due).toBeCloseTo(8, 1);
    expect(b.due - t0).toBeGreaterThan(0);
    expect(b.due - t0).toBeLessThan(400);
    // Row 4 is 4 x 6 ticks of 960 frames later: 480 ms after row 0 on the audio clock, plus any gap
    // the scheduler had to skip when this (busy) machine starved it: MIDI stays with the audio.
    expect(row4.port).toBe('Synth A');
    const skipped = (service.lateFrames / 48000) * 1000;
    expect(row4.due - a.due - skipped).toBeCloseTo(480, 1);
    const offBeforeRow4 = queued.findIndex((m) => m.bytes[0] === 0x80 && m.bytes[1] === 60);
    expect(offBeforeRow4).toBeGreaterThan(-1);
    expect(offBeforeRow4).toBeLessThan(queued.indexOf(row4));
    const n = queued.length;
    const cancelled = cancels.length;
    service.handle({ type: 'stop' });
    // Stop cuts what is queued for later (its note-offs still go out) and adds the note-offs of the sounding notes.
    expect(cancels).toHaveLength(cancelled + 1);
    await until(() => queued.slice(n).some((m) => m.bytes[0] === 0x80 && m.bytes[1] === 62) && queued.slice(n).some((m) => m.bytes[0] === 0x81 && m.bytes[1] === 64));
  });

  it('shutdown sends all notes off on every open port', async () => {
    const { midiStatus } = await start({ output: 'Synth B' });
    service?.handle({ type: 'setSong', song });
    await until(() => midiStatus()?.openOutputs.length === 2);
    service?.handle({ type: 'play', mode: 'song', order: 0, row: 0 });
    await until(() => rec?.sent.some((s) => s.bytes[0] === 0x90));
    const n = rec?.sent.length ?? 0;
    await service?.shutdown();
    service = null;
    await wait(50);
    const after = rec?.sent.slice(n) ?? [];
    for (const port of ['Synth A', 'Synth B']) {
      expect(after.filter((s) => s.port === port && s.bytes[1] === 123).length, port).toBe(16);
    }
    expect(after).toContainEqual(expect.objectContaining({ port: 'Synth A', bytes: [0x80, 60, 64] }));
  });

  it('a machine without MIDI is a status with the reason, and playback still runs', async () => {
    setTestFailure('no MIDI system on this machine (no ALSA sequencer)');
    const { events, midiStatus } = await start();
    service?.handle({ type: 'setSong', song });
    service?.handle({ type: 'play', mode: 'song', order: 0, row: 0 });
    await until(() => events.some((e) => e.type === 'position' && e.position.playing));
    expect(midiStatus()).toMatchObject({ available: false, detail: 'no MIDI system on this machine (no ALSA sequencer)', openOutputs: [] });
  });

  it('notices ports that vanish and come back (polling), and reopens them', async () => {
    const { midiStatus } = await start({ output: 'Synth B' });
    service?.handle({ type: 'setSong', song });
    await until(() => midiStatus()?.openOutputs.length === 2);
    setTestPorts(['Synth B']);
    await until(() => midiStatus()?.outputs.length === 1 && midiStatus()?.openOutputs.join() === 'Synth B');
    setTestPorts(['Synth A', 'Synth B']);
    await until(() => midiStatus()?.openOutputs.length === 2);
    expect(midiStatus()?.openOutputs).toEqual(expect.arrayContaining(['Synth A', 'Synth B']));
  });

  it('notices the input port vanishing and coming back, and listens to it again', async () => {
    const { events, midiStatus } = await start({ input: 'Keys' });
    await until(() => midiStatus()?.openInput === 'Keys');
    setTestPorts(['Synth A', 'Synth B'], []);
    await until(() => midiStatus()?.inputs.length === 0 && midiStatus()?.openInput === null);
    setTestPorts(['Synth A', 'Synth B'], ['Keys']);
    await until(() => midiStatus()?.openInput === 'Keys');
    driver.inject('Keys', [0x90, 65, 90]);
    expect(events.filter((e) => e.type === 'midiInput').map((e) => (e.type === 'midiInput' ? e.bytes : []))).toEqual([[0x90, 65, 90]]);
  });

  it('forwards notes from the MIDI input to the editor', async () => {
    const { events, midiStatus } = await start({ input: 'Keys' });
    await until(() => midiStatus()?.openInput === 'Keys');
    driver.inject('Keys', [0x90, 64, 100]);
    driver.inject('Keys', [0x80, 64, 0]);
    driver.inject('Keys', [0xfe]);
    expect(events.filter((e) => e.type === 'midiInput').map((e) => (e.type === 'midiInput' ? e.bytes : []))).toEqual([[0x90, 64, 100], [0x80, 64, 0]]);
  });

  it('follows an external clock: Start plays, pulses set the tempo, Stop pauses', async () => {
    const { events, midiStatus } = await start({ input: 'Keys', clockIn: true });
    service?.handle({ type: 'setSong', song: buildSong({ base: 'it', rows: 64, tempo: 125, pattern: [[]] }) });
    await until(() => midiStatus()?.openInput === 'Keys');
    await wait(100);
    expect(events.filter((e) => e.type === 'position' && e.position.playing)).toEqual([]);
    driver.inject('Keys', [0xfa]);
    // 100 BPM: a pulse every 25 ms, for two seconds.
    const t0 = monotonicMs();
    for (let k = 0; k < 80; k++) {
      const due = t0 + k * 25;
      while (monotonicMs() < due) await wait(1);
      driver.inject('Keys', [0xf8]);
    }
    // Pulses timed by this test's timers on a shared machine are only roughly 25 ms apart: the
    // follower's precision is tested with exact pulse times in tests/engine/midi/midi-clock.test.ts.
    const bpm = service?.midi?.status().externalBpm ?? 0;
    expect(bpm).toBeGreaterThan(50);
    expect(bpm).toBeLessThan(200);
    const playing = events.filter((e) => e.type === 'position' && e.position.playing);
    expect(playing.length).toBeGreaterThan(10);
    driver.inject('Keys', [0xfc]);
    await wait(150);
    const n = events.length;
    await wait(300);
    // Stopped by the external Stop: no more playing positions.
    expect(events.slice(n).filter((e) => e.type === 'position' && e.position.playing && !e.position.paused)).toEqual([]);
  });
});
