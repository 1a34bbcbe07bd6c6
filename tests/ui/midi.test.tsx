// MIDI in the editor: Alt+I opens the MIDI setup (output, input, clock out, following an external
// clock, latency offset, panic), each choice is sent to the engine and remembered; the status line
// shows the engine's MIDI state; notes from a MIDI keyboard are entered with their velocity and held
// as keyjazz until released.
import { afterEach, describe, expect, it } from 'vitest';
import { getCell } from '../../src/song/pattern.js';
import type { MidiStatus } from '../../src/engine/protocol.js';
import { renderApp, type RenderedApp } from './helpers/render-app.js';

let app: RenderedApp;
afterEach(() => app?.unmount());

const status: MidiStatus = { available: true, detail: 'ok', outputs: ['Synth A', 'Synth B'], inputs: ['Keys'], openOutputs: ['Synth A'], openInput: null };

describe('MIDI setup', () => {
  it('sends the saved setup to the engine at start', async () => {
    app = await renderApp({ preferences: { midiDevice: 'Synth B', midiClockOut: true, midiLatencyMs: { 'Synth B': 7 } } });
    expect(app.engine.sent('setMidi').at(-1)?.setup).toEqual({ output: 'Synth B', input: null, clockOut: true, clockIn: false, latencyMs: { 'Synth B': 7 } });
  });

  it('chooses the output and input, switches clock out and in, sets the latency and remembers each', async () => {
    const saved: [string, unknown][] = [];
    app = await renderApp({ services: { savePreference: (k, v) => saved.push([k, v]) } });
    await app.after(() => app.engine.emit({ type: 'midi', status }));
    await app.key('midi.setup');
    expect(app.frame()).toContain('MIDI setup: 2 outputs, 1 inputs');
    expect(app.frame()).toContain('Output: none');
    await app.key('choose.submit');
    expect(app.frame()).toContain('Synth B');
    await app.key('choose.down');
    await app.key('choose.down');
    await app.key('choose.submit');
    expect(app.engine.sent('setMidi').at(-1)?.setup.output).toBe('Synth B');
    expect(app.frame()).toContain('Output: Synth B');
    await app.key('choose.down');
    await app.key('choose.submit');
    await app.key('choose.down');
    await app.key('choose.submit');
    expect(app.engine.sent('setMidi').at(-1)?.setup.input).toBe('Keys');
    await app.key('choose.down');
    await app.key('choose.submit');
    await app.key('choose.down');
    await app.key('choose.submit');
    expect(app.engine.sent('setMidi').at(-1)?.setup).toMatchObject({ clockOut: true, clockIn: true });
    await app.key('choose.down');
    await app.key('choose.submit');
    // Each output has its own offset: the chosen output first, then the other ports.
    expect(app.frame()).toContain('Latency offset of which output?');
    await app.key('choose.submit');
    await app.key('prompt.clear');
    for (const ch of '-12') await app.key('prompt.type', { text: ch });
    await app.key('prompt.submit');
    expect(app.engine.sent('setMidi').at(-1)?.setup.latencyMs).toEqual({ 'Synth B': -12 });
    expect(app.frame()).toContain('Latency offsets: Synth B -12 ms');
    await app.key('choose.submit');
    await app.key('choose.down');
    await app.key('choose.submit');
    await app.key('prompt.clear');
    for (const ch of '7.5') await app.key('prompt.type', { text: ch });
    await app.key('prompt.submit');
    expect(app.engine.sent('setMidi').at(-1)?.setup.latencyMs).toEqual({ 'Synth B': -12, 'Synth A': 7.5 });
    expect(saved).toEqual([['midiDevice', 'Synth B'], ['midiInput', 'Keys'], ['midiClockOut', true], ['midiClockIn', true], ['midiLatencyMs', { 'Synth B': -12 }], ['midiLatencyMs', { 'Synth B': -12, 'Synth A': 7.5 }]]);
    expect(app.state().preferences.midiClockOut).toBe(true);
    await app.key('choose.down');
    await app.key('choose.submit');
    expect(app.engine.sent('midiPanic')).toHaveLength(1);
    expect(app.state().modal).toBeNull();
  });

  it('a bad latency is refused with a message; an unavailable MIDI system is said in the menu and status line', async () => {
    app = await renderApp({ preferences: { midiDevice: 'Synth A' } });
    await app.after(() => app.engine.emit({ type: 'midi', status: { ...status, available: false, detail: 'no MIDI system on this machine (no ALSA sequencer)', outputs: [], inputs: [], openOutputs: [] } }));
    expect(app.frame()).toContain('MIDI unavailable');
    await app.key('midi.setup');
    expect(app.frame()).toContain('MIDI setup: MIDI unavailable');
    expect(app.frame()).toContain('MIDI unavailable: no MIDI system');
    await app.key('choose.submit');
    expect(app.frame()).toContain('MIDI unavailable: no MIDI system');
    for (let i = 0; i < 4; i++) await app.key('choose.down');
    await app.key('choose.submit');
    await app.key('prompt.clear');
    for (const ch of '900') await app.key('prompt.type', { text: ch });
    await app.key('prompt.submit');
    expect(app.frame()).toContain('"900" is not a latency offset');
    expect(app.engine.sent('setMidi').every((c) => Object.keys(c.setup.latencyMs).length === 0)).toBe(true);
  });

  it('Alt+. sends all notes off', async () => {
    app = await renderApp();
    await app.key('midi.panic');
    expect(app.engine.sent('midiPanic')).toHaveLength(1);
  });

  it('the status line shows the open output, the clock and the followed tempo', async () => {
    app = await renderApp({ preferences: { midiClockOut: true, midiClockIn: true }, columns: 120 });
    await app.after(() => app.engine.emit({ type: 'midi', status: { ...status, openInput: 'Keys', externalBpm: 121.5 } }));
    expect(app.frame()).toContain('MIDI Synth A clk ext 121.5');
  });
});

describe('MIDI keyboard', () => {
  it('edit mode: a note-on is entered with its velocity as the volume and held until its note-off', async () => {
    app = await renderApp();
    await app.after(() => app.engine.emit({ type: 'midiInput', bytes: [0x90, 60, 100] }));
    const cell = getCell(app.state().song.patterns[0]!, 0, 0);
    expect(cell.note).toBe(61);
    expect(cell.volume).toEqual({ kind: 'volume', value: 50 });
    expect(app.state().cursor.row).toBe(1);
    expect(app.engine.sent('previewNote').at(-1)).toMatchObject({ note: 61, volume: 50, channel: 0, hold: true });
    // A release changes nothing on screen (so no frame is drawn): it only reaches the engine.
    app.engine.emit({ type: 'midiInput', bytes: [0x80, 60, 0] });
    expect(app.engine.sent('previewOff').at(-1)).toEqual({ type: 'previewOff', channel: 0 });
    // The entry is one undoable edit.
    await app.key('edit.undo');
    expect(getCell(app.state().song.patterns[0]!, 0, 0).note).toBe(0);
  });

  it('keyjazz (edit mode off): notes sound, chords on separate voices, nothing is written', async () => {
    app = await renderApp();
    await app.key('edit.toggleEditMode');
    const before = app.state().song;
    for (const key of [60, 64, 67]) app.engine.emit({ type: 'midiInput', bytes: [0x90, key, 80] });
    expect(app.state().song).toBe(before);
    expect(new Set(app.engine.sent('previewNote').map((c) => c.channel)).size).toBe(3);
    app.engine.emit({ type: 'midiInput', bytes: [0x90, 64, 0] });
    expect(app.engine.sent('previewOff').at(-1)?.channel).toBe(1);
  });

  it('keys a multiple of 8 semitones apart keep their own voices; with every voice busy the oldest key gives way', async () => {
    app = await renderApp();
    await app.key('edit.toggleEditMode');
    const on = (key: number) => app.engine.emit({ type: 'midiInput', bytes: [0x90, key, 80] });
    const off = (key: number) => app.engine.emit({ type: 'midiInput', bytes: [0x80, key, 0] });
    on(60);
    on(68);
    const [c, gSharp] = app.engine.sent('previewNote').map((x) => x.channel);
    expect(c).not.toBe(gSharp);
    // Releasing C stops C's voice only; G# sounds on.
    off(60);
    expect(app.engine.sent('previewOff').map((x) => x.channel)).toEqual([c]);
    // A key released twice, or never pressed, sends nothing more.
    off(60);
    off(50);
    expect(app.engine.sent('previewOff')).toHaveLength(1);
    // Nine keys on eight voices: the ninth takes the voice of the longest-held (G#, then 70...).
    for (const key of [70, 72, 74, 76, 78, 80, 82]) on(key);
    on(84);
    expect(app.engine.sent('previewNote').at(-1)?.channel).toBe(gSharp);
    off(68);
    expect(app.engine.sent('previewOff')).toHaveLength(1);
    off(84);
    expect(app.engine.sent('previewOff').at(-1)?.channel).toBe(gSharp);
  });

  it('record mode while playing: the note lands on the playing row', async () => {
    app = await renderApp();
    await app.key('edit.toggleRecord');
    await app.after(() => app.engine.position({ order: 0, pattern: 0, row: 12 }));
    app.store.flushPosition();
    await app.after(() => app.engine.emit({ type: 'midiInput', bytes: [0x90, 72, 127] }));
    expect(getCell(app.state().song.patterns[0]!, 12, 0)).toMatchObject({ note: 73, volume: { kind: 'volume', value: 64 } });
  });
});
