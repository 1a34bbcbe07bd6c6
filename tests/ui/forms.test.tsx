// The samples, instruments and song settings screens through keys: choosing items and fields,
// changing and typing values, loading a WAV, synthesising a waveform, MIDI settings, envelopes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createInstrument, createSample, createSong } from '../../src/song/create.js';
import { addInstrument, addSample } from '../../src/song/edit-instrument.js';
import type { Song } from '../../src/song/song.js';
import { synthesize } from '../../src/song/synth.js';
import { KEYS, renderApp, type RenderedApp } from './helpers/render-app.js';

let app: RenderedApp;
afterEach(() => app?.unmount());

function sampleSong(): Song {
  return addSample(addSample(createSong({ channels: 4 }), synthesize('kick')).song, synthesize('saw')).song;
}

function instrumentSong(): Song {
  const withEnv = createInstrument(1, {
    name: 'Lead',
    volumeEnvelope: { enabled: true, points: [{ tick: 0, value: 64 }, { tick: 10, value: 32 }, { tick: 30, value: 0 }], loop: null, sustain: { start: 1, end: 1 }, carry: false },
  });
  return addInstrument(sampleSong(), withEnv).song;
}

/** A silent WAV of `frames` frames at 22050 Hz: 16-bit mono unless said otherwise (float: IEEE float). */
function wavBytes(frames: number, o: { bits?: number; channels?: number; float?: boolean } = {}): Uint8Array {
  const bits = o.bits ?? 16;
  const channels = o.channels ?? 1;
  const block = (bits / 8) * channels;
  const out = new Uint8Array(44 + frames * block);
  const v = new DataView(out.buffer);
  const tag = (at: number, s: string) => { for (let i = 0; i < 4; i++) out[at + i] = s.charCodeAt(i); };
  tag(0, 'RIFF'); v.setUint32(4, out.length - 8, true); tag(8, 'WAVE'); tag(12, 'fmt '); v.setUint32(16, 16, true);
  v.setUint16(20, o.float ? 3 : 1, true); v.setUint16(22, channels, true); v.setUint32(24, 22050, true); v.setUint32(28, 22050 * block, true); v.setUint16(32, block, true); v.setUint16(34, bits, true);
  tag(36, 'data'); v.setUint32(40, frames * block, true);
  return out;
}

describe('samples screen', () => {
  it('opens with F3 and changes fields with arrows and typed values', async () => {
    app = await renderApp({ song: sampleSong() });
    await app.key('screen.samples');
    expect(app.frame()).toContain('01 kick');
    // The key hints wrap onto a second line at 80 columns rather than being cut off, between hints.
    expect(app.frame()).toMatch(/ Samples .*Enter type,\n l load WAV, w waveform, Space play/);
    // The waveform under the sample's details.
    expect(app.frame()).toMatch(/\|  [-# ]*#{10}/);
    await app.key('form.nextField');
    await app.key('form.decrease');
    await app.key('form.decreaseMore');
    expect(app.state().song.samples[0]?.volume).toBe(47);
    await app.key('form.increase');
    await app.key('form.increaseMore');
    await app.key('form.increase', { which: 1 });
    expect(app.state().song.samples[0]?.volume).toBe(64);
    await app.key('form.previousField');
    await app.key('form.edit');
    await app.key('prompt.clear');
    await app.press('Big Kick');
    await app.key('prompt.submit');
    expect(app.state().song.samples[0]?.name).toBe('Big Kick');
    expect(app.frame()).toContain('01 Big Kick');
    await app.key('form.decrease', { which: 1 });
    expect(app.state().song.samples[0]?.volume).toBe(64);
  });

  it('sets the loop type and points, and the C-5 speed', async () => {
    app = await renderApp({ song: sampleSong() });
    await app.key('screen.samples');
    for (let i = 0; i < 5; i++) await app.key('form.nextField', { which: i % 2 });
    expect(app.frame()).toMatch(/> Loop +off/);
    await app.key('form.nextField');
    await app.key('form.increase');
    expect(app.frame()).toContain('loop is off: choose forward or ping-pong first');
    await app.key('form.previousField');
    await app.key('form.increase');
    await app.key('form.increase');
    expect(app.state().song.samples[0]?.loop?.pingPong).toBe(true);
    await app.key('form.nextField');
    await app.key('form.edit');
    await app.key('prompt.clear');
    await app.press('100');
    await app.key('prompt.submit');
    expect(app.state().song.samples[0]?.loop?.start).toBe(100);
    await app.key('form.previousField');
    await app.key('form.previousField');
    await app.key('form.increaseMore');
    expect(app.state().song.samples[0]?.tuning).toEqual({ kind: 'c5speed', c5Speed: 45100 });
  });

  it('edits relative note and finetune for MOD/XM samples (FT2 tuning)', async () => {
    const song = addSample(createSong({ channels: 4, notation: 'xm' }), createSample({ name: 'xm bass', pcm: synthesize('saw').pcm, tuning: { kind: 'finetune', relativeNote: 0, finetune: 0 } })).song;
    app = await renderApp({ song });
    await app.key('screen.samples');
    for (let i = 0; i < 4; i++) await app.key('form.nextField');
    expect(app.frame()).toMatch(/> Relative note +0/);
    await app.key('form.increaseMore');
    await app.key('form.nextField');
    expect(app.frame()).toMatch(/> Finetune +0/);
    await app.key('form.decrease');
    await app.key('form.decrease');
    expect(app.state().song.samples[0]?.tuning).toEqual({ kind: 'finetune', relativeNote: 12, finetune: -2 });
    expect(app.frame()).toMatch(/Relative note +12/);
  });

  it('moves between samples and plays the selected one', async () => {
    app = await renderApp({ song: sampleSong() });
    await app.key('screen.samples');
    await app.key('samples.next');
    expect(app.state().sample).toBe(2);
    app.engine.clear();
    await app.key('samples.preview');
    expect(app.engine.sent('previewNote')).toEqual([{ type: 'previewNote', note: 61, instrument: 2, volume: 64, channel: 0 }]);
    await app.key('samples.next');
    expect(app.frame()).toContain('03 (empty)');
    await app.key('samples.preview');
    expect(app.frame()).toContain('no sample here to play');
    await app.key('samples.previous');
    expect(app.state().sample).toBe(2);
  });

  it('loads a WAV file into a sample slot, undoably', async () => {
    app = await renderApp({ song: sampleSong() });
    writeFileSync(join(app.workDir, 'hit.wav'), wavBytes(500));
    await app.key('screen.samples');
    await app.key('samples.next');
    await app.key('samples.next');
    await app.key('samples.loadWav');
    await app.press('hit.wav');
    await app.key('prompt.submit');
    expect(app.state().song.samples[2]).toMatchObject({ name: 'hit', tuning: { kind: 'c5speed', c5Speed: 22050 } });
    expect(app.frame()).toContain('500 frames, 16-bit, mono');
    // The engine gets the new sample on its own (appended), not a whole song.
    expect(app.engine.sent('setSample').some((c) => c.type === 'setSample' && c.index === 2 && c.sample.name === 'hit')).toBe(true);
    expect(app.engine.sent('setSong')).toHaveLength(1);
    await app.key('edit.undo');
    expect(app.state().song.samples).toHaveLength(2);
    await app.key('samples.loadWav');
    await app.press('missing.wav');
    await app.key('prompt.submit');
    expect(app.frame()).toContain('Could not load the WAV file');
    expect(app.frame()).toContain('no such file or directory');
    await app.key('message.close');
  });

  it('loads 24-bit stereo and 32-bit float WAVs (kept as float samples, stereo kept)', async () => {
    app = await renderApp({ song: sampleSong() });
    writeFileSync(join(app.workDir, 'wide.wav'), wavBytes(300, { bits: 24, channels: 2 }));
    writeFileSync(join(app.workDir, 'float.wav'), wavBytes(200, { bits: 32, float: true }));
    await app.key('screen.samples');
    await app.key('samples.loadWav');
    await app.press('wide.wav');
    await app.key('prompt.submit');
    expect(app.state().song.samples[0]?.pcm).toMatchObject({ bits: 'float', channels: 2 });
    expect(app.frame()).toContain('300 frames, 32-bit float, stereo');
    expect(app.frame()).toContain('01 wide');
    await app.key('samples.next');
    await app.key('samples.loadWav');
    await app.press('float.wav');
    await app.key('prompt.submit');
    expect(app.state().song.samples[1]?.pcm).toMatchObject({ bits: 'float', channels: 1 });
    expect(app.frame()).toContain('200 frames, 32-bit float, mono');
  });

  it('synthesises a sample from a waveform', async () => {
    app = await renderApp({ song: sampleSong() });
    await app.key('screen.samples');
    await app.key('samples.fromWaveform');
    expect(app.frame()).toContain('Synthesise sample 1 from');
    await app.key('choose.down');
    await app.key('choose.down');
    await app.key('choose.up');
    await app.key('choose.submit');
    expect(app.state().song.samples[0]?.name).toBe('triangle');
    await app.key('samples.fromWaveform');
    await app.key('choose.cancel');
    expect(app.state().modal).toBeNull();
  });
});

describe('instruments screen', () => {
  it('edits instrument fields including MIDI port, channel, program, bank, transpose, bend range and the CC Zxx sends', async () => {
    app = await renderApp({ song: instrumentSong() });
    await app.key('screen.instruments');
    expect(app.frame()).toContain('01 Lead');
    for (let i = 0; i < 6; i++) await app.key('form.nextField');
    await app.key('form.edit');
    await app.press('Synth A');
    await app.key('prompt.submit');
    await app.key('form.nextField');
    await app.key('form.increase');
    await app.key('form.increase');
    await app.key('form.nextField');
    await app.key('form.edit');
    await app.key('prompt.clear');
    await app.press('42');
    await app.key('prompt.submit');
    await app.key('form.nextField');
    await app.key('form.increaseMore');
    await app.key('form.nextField');
    for (let i = 0; i < 3; i++) await app.key('form.increase');
    await app.key('form.nextField');
    await app.key('form.increaseMore');
    expect(app.frame()).toMatch(/MIDI Zxx sends +song macro/);
    await app.key('form.nextField');
    await app.key('form.edit');
    await app.key('prompt.clear');
    await app.press('74');
    await app.key('prompt.submit');
    expect(app.state().song.instruments[0]?.midi).toEqual({ port: 'Synth A', channel: 2, program: 42, bank: 15, transpose: 3, bendRange: 18, controller: 74 });
    expect(app.frame()).toMatch(/MIDI Zxx sends +CC 74/);
    expect(app.frame()).toMatch(/MIDI program +42/);
    expect(app.frame()).toMatch(/MIDI transpose +\+3/);
    expect(app.frame()).toMatch(/MIDI bend range +18 semitones/);
  });

  it('shows the envelope as a graph or as text, and switches it on and off', async () => {
    app = await renderApp({ song: instrumentSong(), rows: 30 });
    await app.key('screen.instruments');
    expect(app.frame()).toContain('Volume envelope (on, sustain 1-1) - 3 points');
    expect(app.frame()).toContain('*');
    await app.key('instruments.envelopeView');
    expect(app.frame()).toContain(' 1: tick   10 value  32');
    await app.key('instruments.envelope');
    expect(app.frame()).toContain('Panning envelope (off) - 0 points');
    await app.key('instruments.envelope');
    await app.key('instruments.envelope');
    await app.key('instruments.toggleEnvelope');
    expect(app.state().song.instruments[0]?.volumeEnvelope.enabled).toBe(false);
  });

  it('adds instruments: in a sample-mode song, one per sample', async () => {
    app = await renderApp({ song: sampleSong() });
    await app.key('screen.instruments');
    expect(app.frame()).toContain('Sample mode');
    await app.key('instruments.next');
    expect(app.frame()).toContain('the song has no instruments');
    await app.key('instruments.add');
    expect(app.state().song.instruments.map((i) => i.name)).toEqual(['kick', 'saw']);
    await app.key('instruments.add');
    expect(app.state().instrument).toBe(3);
    await app.key('instruments.previous');
    await app.key('instruments.previous');
    expect(app.frame()).toMatch(/> Name +kick/);
    await app.key('instruments.next');
    expect(app.state().instrument).toBe(2);
  });
});

describe('song settings screen', () => {
  it('changes title, speed, tempo, highlights, channels, pattern length and the pattern\'s own time signature', async () => {
    app = await renderApp({ song: sampleSong() });
    await app.key('screen.settings');
    await app.key('form.edit');
    await app.press('Night Shift');
    await app.key('prompt.submit');
    await app.key('form.nextField');
    await app.key('form.increase');
    await app.key('form.nextField');
    await app.key('form.decrease');
    expect(app.state().song).toMatchObject({ title: 'Night Shift', initialSpeed: 7, initialTempo: 124 });
    for (let i = 0; i < 7; i++) await app.key('form.nextField');
    expect(app.frame()).toMatch(/> Channels +4/);
    await app.key('form.increase');
    expect(app.state().song.channels).toHaveLength(5);
    await app.key('form.nextField');
    expect(app.frame()).toMatch(/> Rows in this pattern +64\n/);
    await app.key('form.edit');
    await app.key('prompt.clear');
    await app.press('abc');
    await app.key('prompt.submit');
    expect(app.frame()).toContain('"abc" is not a number');
    await app.key('form.decreaseMore');
    expect(app.state().song.patterns[0]?.rows).toBe(48);
    await app.press(KEYS.down);
    expect(app.frame()).toMatch(/> Pattern rows per beat +song's\n/);
    for (let i = 0; i < 3; i++) await app.key('form.increase');
    expect(app.state().song.patterns[0]?.signature).toEqual({ rowsPerBeat: 3, rowsPerMeasure: 16 });
    await app.press(KEYS.down);
    await app.key('form.edit');
    await app.key('prompt.clear');
    await app.press('12');
    await app.key('prompt.submit');
    expect(app.state().song.patterns[0]?.signature).toEqual({ rowsPerBeat: 3, rowsPerMeasure: 12 });
    expect(app.frame()).toMatch(/Pattern rows per measure +12\n/);
    // The pattern editor shades this pattern's beats (rows 0, 3, 6...) and measures by it.
    expect(app.state().song.rowsPerBeat).toBe(4);
    await app.press(KEYS.down);
    await app.key('form.edit');
    expect(app.state().song.notation).toBe('xm');
  });
});
