// fast-check generators for whole Songs that respect the model's invariants, for property tests
// of codecs (anything the model can hold must survive a save and load).
import fc from 'fast-check';
import { EFFECT_KINDS, effectParamMax, VOLUME_KINDS } from '../../src/song/effects.js';
import { createPattern, writeCell, type Cell, type Pattern } from '../../src/song/pattern.js';
import { makeProfile, PROFILE_BASES, PROFILE_FLAG_NAMES, type ProfileFlag } from '../../src/song/profile.js';
import type { Channel, Envelope, Instrument, OrderEntry, Sample, SampleLoop, SamplePcm, Song } from '../../src/song/song.js';

const text = fc.string({ maxLength: 24, unit: 'binary' });

const noteArb = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 120 }), fc.constantFrom(253, 254, 255));

const volumeArb = fc.option(
  fc.constantFrom(...VOLUME_KINDS.filter((v) => v.kind !== 'none')).chain((def) =>
    fc.integer({ min: 0, max: def.max }).map((value) => ({ kind: def.kind, value })),
  ),
  { nil: null },
);

const effectArb = fc.option(
  fc.constantFrom(...EFFECT_KINDS.filter((e) => e.kind !== 'none')).chain((def) =>
    fc.integer({ min: 0, max: effectParamMax(def.kind) }).map((param) => ({ kind: def.kind, param })),
  ),
  { nil: null },
);

function cellArb(effectColumns: number): fc.Arbitrary<Cell> {
  return fc.record({
    note: noteArb,
    instrument: fc.integer({ min: 0, max: 255 }),
    volume: volumeArb,
    effects: fc.array(effectArb, { minLength: effectColumns, maxLength: effectColumns }),
  });
}

function patternArb(channels: number): fc.Arbitrary<Pattern> {
  return fc
    .record({
      rows: fc.oneof(fc.constant(64), fc.integer({ min: 1, max: 40 })), fx: fc.integer({ min: 1, max: 2 }), name: fc.oneof(fc.constant(''), text), density: fc.double({ min: 0, max: 1, noNaN: true }),
      swing: fc.option(fc.array(fc.double({ min: 0.25, max: 4, noNaN: true }), { minLength: 1, maxLength: 8 }), { nil: undefined }),
      signature: fc.option(fc.integer({ min: 1, max: 64 }).chain((rowsPerBeat) => fc.record({ rowsPerBeat: fc.constant(rowsPerBeat), rowsPerMeasure: fc.integer({ min: rowsPerBeat, max: 256 }) })), { nil: undefined }),
    })
    .chain(({ rows, fx, name, density, signature, swing }) =>
      fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), cellArb(fx)), { minLength: rows * channels, maxLength: rows * channels }).map((cells) => {
        const created = createPattern(rows, channels, fx, name);
        const p = { ...created, ...(signature ? { signature } : {}), ...(swing ? { swing } : {}) };
        cells.forEach(([roll, cell], i) => {
          if (roll < density) writeCell(p, Math.floor(i / channels), i % channels, cell);
        });
        return p;
      }),
    );
}

const channelArb: fc.Arbitrary<Channel> = fc.record({
  name: text,
  pan: fc.integer({ min: 0, max: 256 }),
  volume: fc.integer({ min: 0, max: 64 }),
  muted: fc.boolean(),
  surround: fc.boolean(),
});

function envelopeArb(min: number, max: number): fc.Arbitrary<Envelope> {
  return fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min, max })), { maxLength: 8 }).chain((raw) => {
    let tick = 0;
    const points = raw.map(([step, value]) => ({ tick: (tick += step), value }));
    const range = points.length === 0
      ? fc.constant(null)
      : fc.option(fc.tuple(fc.nat(points.length - 1), fc.nat(points.length - 1)).map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) })), { nil: null });
    return fc.record({ enabled: fc.boolean(), points: fc.constant(points), loop: range, sustain: range, carry: fc.boolean() });
  });
}

const instrumentArb: fc.Arbitrary<Instrument> = fc.record({
  name: text,
  fileName: text,
  noteMap: fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 120, maxLength: 120 }),
  sampleMap: fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 120, maxLength: 120 }),
  volumeEnvelope: envelopeArb(0, 64),
  panEnvelope: envelopeArb(-32, 32),
  pitchEnvelope: envelopeArb(-32, 32),
  pitchEnvelopeIsFilter: fc.boolean(),
  fadeout: fc.integer({ min: 0, max: 65536 }),
  globalVolume: fc.integer({ min: 0, max: 128 }),
  pan: fc.option(fc.integer({ min: 0, max: 256 }), { nil: null }),
  pitchPanSeparation: fc.integer({ min: -32, max: 32 }),
  pitchPanCenter: fc.integer({ min: 1, max: 120 }),
  randomVolume: fc.integer({ min: 0, max: 100 }),
  randomPan: fc.integer({ min: 0, max: 64 }),
  newNoteAction: fc.constantFrom('cut', 'continue', 'off', 'fade'),
  duplicateCheck: fc.constantFrom('off', 'note', 'sample', 'instrument'),
  duplicateAction: fc.constantFrom('cut', 'off', 'fade'),
  filterCutoff: fc.option(fc.integer({ min: 0, max: 127 }), { nil: null }),
  filterResonance: fc.option(fc.integer({ min: 0, max: 127 }), { nil: null }),
  midi: fc.record({
    port: fc.option(text, { nil: null }),
    channel: fc.integer({ min: 0, max: 16 }),
    program: fc.integer({ min: -1, max: 127 }),
    bank: fc.integer({ min: -1, max: 16383 }),
    transpose: fc.integer({ min: -127, max: 127 }),
    bendRange: fc.integer({ min: 0, max: 48 }),
    controller: fc.integer({ min: -1, max: 127 }),
  }),
});

const pcmArb: fc.Arbitrary<SamplePcm> = fc
  .record({ bits: fc.constantFrom(8, 16, 'float' as const), channels: fc.constantFrom(1 as const, 2 as const), frames: fc.integer({ min: 0, max: 300 }) })
  .chain(({ bits, channels, frames }) => {
    const n = frames * channels;
    if (bits === 8) return fc.array(fc.integer({ min: -128, max: 127 }), { minLength: n, maxLength: n }).map((a) => ({ bits, channels, data: Int8Array.from(a) }) as SamplePcm);
    if (bits === 16) return fc.array(fc.integer({ min: -32768, max: 32767 }), { minLength: n, maxLength: n }).map((a) => ({ bits, channels, data: Int16Array.from(a) }) as SamplePcm);
    return fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n }).map((a) => ({ bits, channels, data: Float32Array.from(a) }) as SamplePcm);
  });

function loopArb(frames: number): fc.Arbitrary<SampleLoop | null> {
  if (frames < 2) return fc.constant(null);
  return fc.option(
    fc.tuple(fc.nat(frames - 1), fc.nat(frames), fc.boolean()).filter(([a, b]) => a < b).map(([start, end, pingPong]) => ({ start, end, pingPong })),
    { nil: null },
  );
}

const sampleArb: fc.Arbitrary<Sample> = pcmArb.chain((pcm) => {
  const frames = pcm.data.length / pcm.channels;
  return fc.record({
    name: text,
    fileName: text,
    pcm: fc.constant(pcm),
    loop: loopArb(frames),
    sustainLoop: loopArb(frames),
    tuning: fc.oneof(
      fc.double({ min: 1, max: 200000, noNaN: true }).map((c5Speed) => ({ kind: 'c5speed' as const, c5Speed })),
      fc.record({ kind: fc.constant('finetune' as const), relativeNote: fc.integer({ min: -128, max: 127 }), finetune: fc.integer({ min: -128, max: 127 }) }),
    ),
    volume: fc.integer({ min: 0, max: 64 }),
    globalVolume: fc.integer({ min: 0, max: 64 }),
    pan: fc.option(fc.integer({ min: 0, max: 256 }), { nil: null }),
    vibrato: fc.record({
      waveform: fc.constantFrom('sine', 'rampDown', 'square', 'random', 'rampUp'),
      speed: fc.integer({ min: 0, max: 255 }),
      depth: fc.integer({ min: 0, max: 255 }),
      sweep: fc.integer({ min: 0, max: 65535 }),
    }),
    adlib: fc.option(fc.uint8Array({ minLength: 12, maxLength: 12 }), { nil: null }),
  });
});

const profileArb = fc
  .record({ base: fc.constantFrom(...PROFILE_BASES), changes: fc.dictionary(fc.constantFrom(...PROFILE_FLAG_NAMES), fc.boolean()) })
  .map(({ base, changes }) => makeProfile(base, changes as Partial<Record<ProfileFlag, boolean>>));

const macroListArb = (n: number) => fc.array(fc.string({ maxLength: 12 }), { minLength: n, maxLength: n });

/** A random but valid Song. */
export const songArb: fc.Arbitrary<Song> = fc.integer({ min: 1, max: 6 }).chain((channelCount) =>
  fc
    .record({
      title: text,
      message: fc.string({ maxLength: 80, unit: 'binary' }),
      initialSpeed: fc.integer({ min: 1, max: 255 }),
      initialTempo: fc.integer({ min: 1, max: 1000 }),
      globalVolume: fc.integer({ min: 0, max: 128 }),
      mixVolume: fc.integer({ min: 0, max: 128 }),
      stereoSeparation: fc.integer({ min: 0, max: 128 }),
      rowsPerBeat: fc.integer({ min: 1, max: 32 }),
      rowsPerMeasure: fc.integer({ min: 1, max: 64 }),
      restartOrder: fc.integer({ min: 0, max: 20 }),
      notation: fc.constantFrom('xm' as const, 'it' as const),
      profile: profileArb,
      channels: fc.array(channelArb, { minLength: channelCount, maxLength: channelCount }),
      patterns: fc.array(patternArb(channelCount), { minLength: 1, maxLength: 3 }),
      instruments: fc.array(instrumentArb, { maxLength: 3 }),
      samples: fc.array(sampleArb, { maxLength: 3 }),
      midiMacros: fc.option(fc.record({ global: macroListArb(9), parametered: macroListArb(16), fixed: macroListArb(128) }), { nil: null }),
      origin: fc.record({ format: fc.constantFrom('trk' as const, 'mod' as const, 'xm' as const, 's3m' as const, 'it' as const), tracker: text }),
      orderSeed: fc.array(fc.oneof(fc.nat(100), fc.constantFrom<OrderEntry>('skip', 'end')), { maxLength: 12 }),
    })
    .map(({ orderSeed, ...song }) => ({
      ...song,
      orders: orderSeed.map((o) => (typeof o === 'number' ? o % song.patterns.length : o)),
    })),
);
