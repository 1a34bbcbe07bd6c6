// MIDI clock out (24 pulses per beat from speed, tempo and rows per beat, following every change),
// transport messages (Start, Song Position + Continue, Stop) and following an external clock,
// phase-locked, through the engine core.
import { describe, expect, it } from 'vitest';
import { EngineCore } from '../../../src/engine/host/engine-core.js';
import { MidiClockOut, positionAtSixteenths, rowsBefore, songPositionMessage } from '../../../src/engine/midi/midi-clock.js';
import { buildSong } from '../../helpers/song-builder.js';
import { simpleMix } from '../../helpers/simple-mix.js';
import { playMidi, RATE, TICK } from './midi-helpers.js';

const clockOn = { clockOut: true, followClock: false };
/** Clock pulse frames before `limit` (the engine renders whole chunks, so a little more is played). */
const pulses = (events: ReturnType<typeof playMidi>['events'], limit = Infinity) => events.filter((e) => e.kind === 'clock' && e.bytes[0] === 0xf8 && e.frame < limit).map((e) => e.frame);

describe('clock out', () => {
  it('speed 6, 4 rows per beat: one pulse per tick, Start before the first pulse', () => {
    const song = buildSong({ base: 'it', rows: 64, pattern: [[]] });
    const { events } = playMidi(song, { frames: 10 * TICK, settings: clockOn });
    expect(events[0]?.bytes).toEqual([0xfa]);
    expect(pulses(events, 10 * TICK)).toEqual(Array.from({ length: 10 }, (_, k) => k * TICK));
  });

  it('speed 3: two pulses per tick, the second half-way; speed 5: 1.2 pulses per tick land on exact frames', () => {
    const s3 = playMidi(buildSong({ base: 'it', rows: 64, speed: 3, pattern: [[]] }), { frames: 4 * TICK, settings: clockOn });
    expect(pulses(s3.events, 4 * TICK)).toEqual(Array.from({ length: 8 }, (_, k) => k * (TICK / 2)));
    // Speed 5 at 4 rows per beat: a pulse every 960 / 1.2 = 800 frames.
    const s5 = playMidi(buildSong({ base: 'it', rows: 64, speed: 5, pattern: [[]] }), { frames: 30 * TICK, settings: clockOn });
    expect(pulses(s5.events, 30 * TICK)).toEqual(Array.from({ length: 36 }, (_, k) => k * 800));
  });

  it('follows tempo changes exactly: six pulses per row at each tempo', () => {
    // Row 0 at tempo 125 (960-frame ticks), row 1 sets tempo 150 (800-frame ticks).
    const song = buildSong({ base: 'it', rows: 64, pattern: [[], ['... .. ... T96']] });
    const p = pulses(playMidi(song, { frames: 6 * TICK + 6 * 800, settings: clockOn }).events, 6 * TICK + 6 * 800);
    expect(p).toEqual([...Array.from({ length: 6 }, (_, k) => k * TICK), ...Array.from({ length: 6 }, (_, k) => 6 * TICK + k * 800)]);
  });

  it('a pattern delay row keeps the clock running: SE1 doubles the row and its pulses', () => {
    const song = buildSong({ base: 'it', rows: 64, pattern: [['... .. ... SE1'], []] });
    const p = pulses(playMidi(song, { frames: 18 * TICK, settings: clockOn }).events, 18 * TICK);
    expect(p).toEqual(Array.from({ length: 18 }, (_, k) => k * TICK));
  });

  it('follows rows per beat: 8 rows per beat at speed 3 gives one pulse per tick', () => {
    const song = { ...buildSong({ base: 'it', rows: 64, speed: 3, pattern: [[]] }), rowsPerBeat: 8 };
    expect(pulses(playMidi(song, { frames: 5 * TICK, settings: clockOn }).events, 5 * TICK)).toEqual([0, 1, 2, 3, 4].map((k) => k * TICK));
  });

  it('a pattern with its own rows per beat is clocked by it: 8 rows per beat at speed 3, song at 4', () => {
    const built = buildSong({ base: 'it', rows: 64, speed: 3, pattern: [[]] });
    const song = { ...built, patterns: built.patterns.map((p) => ({ ...p, signature: { rowsPerBeat: 8, rowsPerMeasure: 32 } })) };
    expect(song.rowsPerBeat).toBe(4);
    expect(pulses(playMidi(song, { frames: 5 * TICK, settings: clockOn }).events, 5 * TICK)).toEqual([0, 1, 2, 3, 4].map((k) => k * TICK));
  });

  it('no clock messages when clock out is off', () => {
    const song = buildSong({ base: 'it', rows: 64, pattern: [[]] });
    expect(playMidi(song, { frames: 4 * TICK }).events.filter((e) => e.kind === 'clock')).toEqual([]);
  });

  it('the clock generator alone: phase carries across ticks of different lengths', () => {
    const c = new MidiClockOut();
    const got: number[] = [];
    c.tick(0, 1000, 5, 4, (f) => got.push(f));
    c.tick(1000, 1000, 5, 4, (f) => got.push(f));
    c.tick(2000, 500, 5, 4, (f) => got.push(f));
    // Pulses at phases 0, 1 (first tick), 2 (second tick), 3 (third tick).
    expect(got).toEqual([0, Math.floor(1000 / 1.2), 1000 + Math.floor((0.8 / 1.2) * 1000), 2000 + Math.floor((0.6 / 1.2) * 500)]);
    expect(c.pulses).toBeCloseTo(3.6, 9);
  });
});

describe('transport', () => {
  const song = buildSong({ base: 'it', rows: 16, pattern: [[]], morePatterns: [[[]], [[]]] });

  it('song position pointer counts sixteenths: rows / rows-per-beat x 4', () => {
    expect(rowsBefore(song, 2, 4)).toBe(36);
    expect(songPositionMessage(song, 2, 4)).toEqual([0xf2, 36, 0]);
    expect(positionAtSixteenths(song, 36)).toEqual({ order: 2, row: 4 });
    expect(positionAtSixteenths(song, 20)).toEqual({ order: 1, row: 4 });
  });

  it('play from an order sends Song Position then Continue; stop sends Stop', () => {
    const { events } = playMidi(song, { frames: 4 * TICK, settings: clockOn, start: { order: 1, row: 8 }, at: [{ frame: 2 * TICK, run: (c) => c.handle({ type: 'stop' }) }] });
    const transport = events.filter((e) => e.bytes[0] !== 0xf8).map((e) => [e.frame, ...e.bytes]);
    expect(transport).toEqual([[0, 0xf2, 24, 0], [0, 0xfb], [2 * TICK, 0xfc]]);
    expect(pulses(events)).toEqual([0, TICK]);
  });

  it('pause sends Stop, continue sends Continue and the clock goes on where it paused', () => {
    const { events } = playMidi(song, {
      frames: 8 * TICK, settings: clockOn,
      at: [{ frame: 2 * TICK, run: (c) => c.handle({ type: 'pause' }) }, { frame: 4 * TICK, run: (c) => c.handle({ type: 'resume' }) }],
    });
    const transport = events.filter((e) => e.bytes[0] !== 0xf8).map((e) => [e.frame, ...e.bytes]);
    expect(transport).toEqual([[0, 0xfa], [2 * TICK, 0xfc], [4 * TICK, 0xfb]]);
    expect(pulses(events)).toEqual([0, 1, 4, 5, 6, 7].map((k) => k * TICK));
  });

  it('playing a single row sends no transport', () => {
    const { events } = playMidi(song, { frames: 4 * TICK, settings: clockOn, start: { order: 0, row: 3, mode: 'row' } });
    expect(events.filter((e) => e.kind === 'clock')).toEqual([]);
  });
});

describe('following an external clock', () => {
  /**
   * Plays the song following pulses at `bpm` (a list of [fromPulse, bpm] changes) with +-`jitterMs`
   * arrival jitter; pulses reach the engine `delay` frames after they happen (the render runs ahead).
   * Returns the phase error in milliseconds at every pulse and the core.
   */
  function follow(tempos: readonly [number, number][], totalPulses: number, jitterMs: number) {
    const song = buildSong({ base: 'it', rows: 64, tempo: 125, pattern: [[]] });
    const core = new EngineCore({ sampleRate: RATE, mix: simpleMix(RATE) });
    core.handle({ type: 'setSong', song });
    core.setMidiSettings({ clockOut: false, followClock: true });
    core.externalTransport('start');
    let seed = 12345;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const arrivals: number[] = [];
    let t = 0;
    for (let k = 0; k < totalPulses; k++) {
      let bpm = tempos[0]?.[1] ?? 120;
      for (const [from, b] of tempos) if (k >= from) bpm = b;
      arrivals.push(Math.round(t + (rand() * 2 - 1) * jitterMs * 48));
      t += (RATE * 60) / (bpm * 24);
    }
    const chunk = 384;
    const delay = 1152;
    const left = new Float32Array(chunk);
    const right = new Float32Array(chunk);
    const errorsMs: number[] = [];
    let next = 0;
    for (let f = 0; next < arrivals.length; f += chunk) {
      while (next < arrivals.length && (arrivals[next] ?? 0) + delay <= f) {
        const at = arrivals[next] as number;
        core.midi.externalPulse(at);
        const follower = core.midi.follower;
        if (follower) errorsMs.push(((next - follower.phaseAt(at)) * (RATE * 60) / (120 * 24) / RATE) * 1000);
        next++;
      }
      core.render(left, right, chunk);
    }
    return { errorsMs, core };
  }

  it('locks to 120 BPM from the song\'s 125: phase error under 1 ms after two beats, no drift over a minute', () => {
    const { errorsMs, core } = follow([[0, 120]], 24 * 120, 0);
    const settled = errorsMs.slice(48);
    expect(Math.max(...settled.map(Math.abs))).toBeLessThan(1);
    expect(core.midi.follower?.bpm(RATE)).toBeCloseTo(120, 1);
    // After 120 beats the song has played 2880 pulses (480 rows), give or take the render-ahead.
    const played = core.midi.follower?.pulsesPlayed ?? 0;
    expect(played).toBeGreaterThanOrEqual(2880);
    expect(played).toBeLessThanOrEqual(2880 + 3);
  });

  it('external transport: Song Position cues a place, Continue plays from it, Stop pauses, Continue resumes there', () => {
    // Two 16-row patterns at 4 rows per beat: sixteenth 20 is order 1, row 4.
    const song = buildSong({ base: 'it', rows: 16, pattern: [[]], morePatterns: [[]] });
    const core = new EngineCore({ sampleRate: RATE, mix: simpleMix(RATE) });
    core.handle({ type: 'setSong', song: { ...song, orders: [0, 1] } });
    core.setMidiSettings({ clockOut: false, followClock: true });
    const run = (frames: number) => core.render(new Float32Array(frames), new Float32Array(frames), frames);
    core.externalTransport('position', 20);
    run(480);
    expect(core.snapshot().playing).toBe(false);
    core.externalTransport('continue');
    run(480);
    expect(core.snapshot()).toMatchObject({ playing: true, order: 1, row: 4 });
    core.externalTransport('stop');
    run(480);
    const held = core.snapshot();
    expect(held).toMatchObject({ paused: true, order: 1, row: 4 });
    run(48000);
    expect(core.snapshot()).toMatchObject({ order: 1, row: 4 });
    core.externalTransport('continue');
    run(480);
    expect(core.snapshot()).toMatchObject({ playing: true, paused: false, order: 1, row: 4 });
    // A Song Position while playing moves there (and waits for Continue, as a sequencer expects).
    core.externalTransport('position', 4);
    run(480);
    expect(core.snapshot()).toMatchObject({ order: 0, row: 4, paused: true });
  });

  it('stays locked through +-1 ms arrival jitter and follows a tempo change within two beats', () => {
    const { errorsMs } = follow([[0, 120], [24 * 8, 140]], 24 * 16, 1);
    const beforeChange = errorsMs.slice(48, 24 * 8);
    const afterSettling = errorsMs.slice(24 * 10);
    const mean = (a: number[]) => a.reduce((s, x) => s + Math.abs(x), 0) / a.length;
    expect(mean(beforeChange)).toBeLessThan(1.5);
    expect(mean(afterSettling)).toBeLessThan(1.5);
  });
});
