// The engine's MIDI host inside the engine service: opens the ports the song needs, sends the
// song's notes at the wall-clock time their audio is heard, silences them on stop and shutdown,
// notices ports that come and go, reports a machine without MIDI as a status, forwards input notes
// to the editor and follows an external clock. Uses a memory MIDI driver and a fake audio context.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveAudioContext, OpenedOutput } from '../../../src/engine/host/audio-output.js';
import { EngineService } from '../../../src/engine/host/engine-service.js';
import { monotonicMs } from '../../../src/engine/host/monotonic-clock.js';
import type { EngineEvent, MidiSetup, MidiStatus } from '../../../src/engine/protocol.js';
import { buildSong } from '../../helpers/song-builder.js';
import { simpleMix } from '../../helpers/simple-mix.js';
import { midiInstrument } from '../midi/midi-helpers.js';
import { driver, listen, setTestFailure, setTestPorts } from '../midi/test-midi-driver.js';

const DRIVER = fileURLToPath(new URL('../midi/test-midi-driver.ts', import.meta.url));
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An audio context whose clock is the monotonic wall clock (so due times can be checked). */
class WallContext implements LiveAudioContext {
  readonly sampleRate = 48000;
  readonly destination = {};
  private readonly t0 = monotonicMs();
  get currentTime(): number {
    return (monotonicMs() - this.t0) / 1000;
  }
  createBuffer() {
    return { copyToChannel() {} };
  }
  createBufferSource() {
    return { buffer: null as unknown, connect: () => undefined, start() {}, stop() {} };
  }
  async close(): Promise<void> {}
}

async function until<T>(what: () => T | undefined | false, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = what();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await wait(5);
  }
}

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
  it('opens the song\'s ports and sends its notes when their audio is heard; stop sends note-offs', async () => {
    const { midiStatus } = await start({ output: 'Synth B' });
    service?.handle({ type: 'setSong', song });
    await until(() => midiStatus()?.openOutputs.length === 2 && midiStatus());
    expect(midiStatus()).toMatchObject({ available: true, outputs: ['Synth A', 'Synth B'], inputs: ['Keys'] });
    const before = rec?.sent.length ?? 0;
    const t0 = monotonicMs();
    service?.handle({ type: 'play', mode: 'song', order: 0, row: 0 });
    const on = await until(() => rec?.sent.slice(before).filter((s) => s.bytes[0] === 0x90 || s.bytes[0] === 0x91).length === 2 && rec.sent.slice(before));
    expect(on.find((s) => s.port === 'Synth A')?.bytes).toEqual([0x90, 60, 127]);
    expect(on.find((s) => s.port === 'Synth B')?.bytes).toEqual([0x91, 64, 127]);
    // The first chunk is scheduled one chunk (8 ms) after play, and heard then.
    const delay = (on[0]?.time ?? 0) - t0;
    expect(delay).toBeGreaterThan(4);
    expect(delay).toBeLessThan(60);
    // Row 4 (4 x 6 ticks of 20 ms = 480 ms later): D-5 after the note-off of C-5, on Synth A.
    const row4 = await until(() => rec?.sent.find((s) => s.bytes[0] === 0x90 && s.bytes[1] === 62));
    expect(row4.time - (on[0]?.time ?? 0)).toBeGreaterThan(470);
    expect(row4.time - (on[0]?.time ?? 0)).toBeLessThan(500);
    const n = rec?.sent.length ?? 0;
    service?.handle({ type: 'stop' });
    const offs = await until(() => {
      const after = rec?.sent.slice(n) ?? [];
      return after.some((s) => s.bytes[0] === 0x80 && s.bytes[1] === 62) && after.some((s) => s.bytes[0] === 0x81 && s.bytes[1] === 64) && after;
    });
    expect(offs.length).toBeGreaterThanOrEqual(2);
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
    driver.inject('Keys', [0xfa]);
    // 100 BPM: a pulse every 25 ms, for two seconds.
    const t0 = monotonicMs();
    for (let k = 0; k < 80; k++) {
      const due = t0 + k * 25;
      while (monotonicMs() < due) await wait(1);
      driver.inject('Keys', [0xf8]);
    }
    const bpm = service?.midi?.status().externalBpm ?? 0;
    expect(bpm).toBeGreaterThan(90);
    expect(bpm).toBeLessThan(110);
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
