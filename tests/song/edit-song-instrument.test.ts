// Song settings and instrument/sample edits: values clamped, loops fitted to the sample, MIDI
// settings stored, samples added and replaced.
import { describe, expect, it } from 'vitest';
import { addInstrument, addSample, replaceSampleData, setEnvelopeEnabled, setInstrumentFields, setInstrumentSample, setSampleFields, setSampleLoop } from '../../src/song/edit-instrument.js';
import { setSongSettings } from '../../src/song/edit-song.js';
import { createInstrument, createSample, createSong } from '../../src/song/create.js';
import { synthesize } from '../../src/song/synth.js';

describe('song settings', () => {
  it('sets and clamps values', () => {
    const song = setSongSettings(createSong(), { title: 'a\nb', initialSpeed: 0, initialTempo: 999, rowsPerBeat: 8, rowsPerMeasure: 4 });
    expect(song).toMatchObject({ title: 'a b', initialSpeed: 1, initialTempo: 255, rowsPerBeat: 8, rowsPerMeasure: 8 });
  });
});

describe('samples', () => {
  const withSample = () => addSample(createSong(), synthesize('kick')).song;

  it('adds samples and changes their fields', () => {
    const { song, number } = addSample(createSong(), createSample({ name: 'a' }));
    expect(number).toBe(1);
    const next = setSampleFields(song, 1, { name: 'bass', volume: 80, pan: 64, tuning: { kind: 'c5speed', c5Speed: 5 } });
    expect(next.samples[0]).toMatchObject({ name: 'bass', volume: 64, pan: 64, tuning: { kind: 'c5speed', c5Speed: 1000 } });
    expect(song.samples[0]!.name).toBe('a');
  });

  it('edits finetune tunings', () => {
    const song = addSample(createSong(), createSample({ tuning: { kind: 'finetune', relativeNote: 0, finetune: 0 } })).song;
    expect(setSampleFields(song, 1, { tuning: { kind: 'finetune', relativeNote: -12, finetune: 300 } }).samples[0]!.tuning).toEqual({ kind: 'finetune', relativeNote: -12, finetune: 127 });
  });

  it('sets loops inside the sample', () => {
    const song = withSample();
    const frames = song.samples[0]!.pcm.data.length;
    const looped = setSampleLoop(song, 1, 'pingPong', 100, frames + 500);
    expect(looped.samples[0]!.loop).toEqual({ start: 100, end: frames, pingPong: true });
    expect(setSampleLoop(looped, 1, 'forward', 50, 20).samples[0]!.loop).toEqual({ start: 0, end: frames, pingPong: false });
    expect(setSampleLoop(looped, 1, 'off').samples[0]!.loop).toBeNull();
  });

  it('replaces sample data keeping the slot settings', () => {
    const song = setSampleFields(withSample(), 1, { volume: 20, name: 'mine' });
    const next = replaceSampleData(song, 1, synthesize('snare'));
    expect(next.samples[0]).toMatchObject({ name: 'snare', volume: 20 });
    expect(replaceSampleData(song, 3, createSample({ name: 'x' })).samples).toHaveLength(3);
  });
});

describe('instruments', () => {
  it('changes fields and MIDI settings, clamped', () => {
    const { song } = addInstrument(createSong(), createInstrument(1));
    const next = setInstrumentFields(song, 1, { name: 'Lead', globalVolume: 300, midi: { port: ' Synth ', channel: 20, program: 5, bank: 200 } });
    expect(next.instruments[0]).toMatchObject({ name: 'Lead', globalVolume: 128, midi: { port: 'Synth', channel: 16, program: 5, bank: 200, transpose: 0 } });
    expect(setInstrumentFields(next, 1, { midi: { port: '' } }).instruments[0]!.midi.port).toBeNull();
  });

  it('maps every note to one sample and toggles envelopes', () => {
    const { song } = addInstrument(createSong(), createInstrument(1));
    expect(new Set(setInstrumentSample(song, 1, 3).instruments[0]!.sampleMap)).toEqual(new Set([3]));
    expect(setEnvelopeEnabled(song, 1, 'volumeEnvelope', true).instruments[0]!.volumeEnvelope.enabled).toBe(true);
  });
});
