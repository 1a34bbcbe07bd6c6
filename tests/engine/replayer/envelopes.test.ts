// Instrument envelopes per tick (XM and IT): volume, pan and pitch envelopes with loops, sustain points
// and sustain loops, IT's envelope carry, the fade-out after key-off, XM's Lxx and IT's S77-S7C.
// Envelope positions are ticks: XM reads the position it stores, IT stores one ahead (1 = tick 0 used).
import { describe, expect, it } from 'vitest';
import type { ProfileBase } from '../../../src/song/profile.js';
import type { Instrument } from '../../../src/song/song.js';
import { buildSong, envelope, instrumentFor, runTicks, testSample, track, type TestSongSpec } from '../../helpers/song-builder.js';

const withIns = (base: ProfileBase, ins: Partial<Instrument>, pattern: string[][], speed = 6): TestSongSpec => ({
  base, speed, rows: 16, samples: [testSample(base)], instruments: [instrumentFor(1, ins)], pattern,
});
/** Output volume on the 0..64 scale of a note volume (realVolume / 256). */
const out = (spec: TestSongSpec, ticks: number) => track(spec, ticks, 'realVolume').map((v) => Math.round(v / 256));

describe('volume envelope', () => {
  const ramp = { volumeEnvelope: envelope([[0, 64], [4, 0], [8, 32]]) };
  it('is read between points, tick by tick, from the note start', () => {
    expect(out(withIns('xm', ramp, [['C-5 01 ... ...']]), 10)).toEqual([64, 48, 32, 16, 0, 8, 16, 24, 32, 32]);
    expect(track(withIns('xm', ramp, [['C-5 01 ... ...']]), 4, 'volEnv')).toEqual([1, 2, 3, 4]);
    expect(out(withIns('it', ramp, [['C-5 01 ... ...']]), 5)).toEqual([64, 48, 32, 16, 0]);
    expect(track(withIns('it', ramp, [['C-5 01 ... ...']]), 4, 'volEnv')).toEqual([1, 2, 3, 4]);
  });
  it('loops: XM jumps back when it reaches the loop end, IT after playing it', () => {
    const loop = { volumeEnvelope: envelope([[0, 64], [2, 32], [4, 0]], { loop: [0, 1] }) };
    expect(out(withIns('xm', loop, [['C-5 01 ... ...']]), 6)).toEqual([64, 48, 64, 48, 64, 48]);
    expect(out(withIns('it', loop, [['C-5 01 ... ...']]), 6)).toEqual([64, 48, 32, 64, 48, 32]);
  });
  it('sustain holds at its point until key-off; IT sustain loops loop until key-off, then the envelope goes on', () => {
    const sus = { volumeEnvelope: envelope([[0, 64], [2, 32], [4, 0], [6, 32]], { sustain: [1, 1] }), fadeout: 0 };
    expect(out(withIns('xm', sus, [['C-5 01 ... ...'], ['=== .. ... ...']], 4), 8)).toEqual([64, 48, 32, 32, 32, 16, 0, 16]);
    const susLoop = { volumeEnvelope: envelope([[0, 64], [2, 32], [4, 0], [6, 32]], { sustain: [0, 1] }) };
    expect(out(withIns('it', susLoop, [['C-5 01 ... ...'], ['=== .. ... ...']], 4), 9)).toEqual([64, 48, 32, 64, 48, 32, 16, 0, 16]);
  });
  it('IT: an envelope that ends at 0 ends the note', () => {
    const s = runTicks(buildSong(withIns('it', { volumeEnvelope: envelope([[0, 64], [2, 0]]) }, [['C-5 01 ... ...']])), 5).states;
    expect(s.map((x) => x.fadeOut)).toEqual([65536, 65536, 65536, 0, 0]);
    expect(s[4]?.playing).toBe(false);
  });
  it('IT carry: a new note continues the envelope where the last one was', () => {
    const env = (carry: boolean) => ({ volumeEnvelope: envelope([[0, 64], [10, 0]], { carry }) });
    expect(track(withIns('it', env(true), [['C-5 01 ... ...'], ['D-5 01 ... ...']], 3), 6, 'volEnv')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(track(withIns('it', env(false), [['C-5 01 ... ...'], ['D-5 01 ... ...']], 3), 6, 'volEnv')).toEqual([1, 2, 3, 1, 2, 3]);
  });
  it('IT carry works for the pan and pitch envelopes too, each by its own flag', () => {
    const both = (carry: boolean) => ({
      panEnvelope: envelope([[0, 0], [10, 64]], { carry }),
      pitchEnvelope: envelope([[0, 32], [10, 0]], { carry }),
    });
    for (const key of ['panEnv', 'pitchEnv'] as const) {
      expect(track(withIns('it', both(true), [['C-5 01 ... ...'], ['D-5 01 ... ...']], 3), 6, key), key).toEqual([1, 2, 3, 4, 5, 6]);
      expect(track(withIns('it', both(false), [['C-5 01 ... ...'], ['D-5 01 ... ...']], 3), 6, key), key).toEqual([1, 2, 3, 1, 2, 3]);
    }
    // Only the pan envelope carries: the pitch envelope restarts.
    const panOnly = { panEnvelope: envelope([[0, 0], [10, 64]], { carry: true }), pitchEnvelope: envelope([[0, 32], [10, 0]]) };
    expect(track(withIns('it', panOnly, [['C-5 01 ... ...'], ['D-5 01 ... ...']], 3), 6, 'pitchEnv')).toEqual([1, 2, 3, 1, 2, 3]);
  });
});

describe('fade-out', () => {
  it('XM: after key-off the fade-out volume falls by 2 * fadeout per tick', () => {
    const spec = withIns('xm', { volumeEnvelope: envelope([[0, 64], [10, 64]]), fadeout: 8192 }, [['C-5 01 ... ...'], ['=== .. ... ...']], 2);
    expect(track(spec, 8, 'fadeOut')).toEqual([65536, 65536, 49152, 32768, 16384, 0, 0, 0]);
  });
  it('IT: after key-off the note fades only when the envelope loops or ends; ~~~ fades at once', () => {
    const looped = withIns('it', { volumeEnvelope: envelope([[0, 64], [2, 64]], { loop: [0, 1] }), fadeout: 16384 }, [['C-5 01 ... ...'], ['=== .. ... ...']], 2);
    expect(track(looped, 6, 'fadeOut')).toEqual([65536, 65536, 32768, 0, 0, 0]);
    const noEnv = withIns('it', { fadeout: 16384 }, [['C-5 01 ... ...'], ['~~~ .. ... ...']], 2);
    expect(track(noEnv, 5, 'fadeOut')).toEqual([65536, 65536, 32768, 0, 0]);
  });
});

describe('pan envelope', () => {
  it('moves the output pan around the channel pan, scaled towards the nearer side', () => {
    const pan = { panEnvelope: envelope([[0, 0], [2, 32], [4, -32]]) };
    expect(track(withIns('xm', pan, [['C-5 01 p32 ...']]), 5, 'realPan')).toEqual([128, 192, 256, 128, 0]);
    expect(track(withIns('it', pan, [['C-5 01 p16 ...']]), 5, 'realPan')).toEqual([64, 96, 128, 64, 0]);
  });
});

describe('setting envelope positions', () => {
  it('XM: Lxx jumps the volume envelope to tick xx (the pan envelope only when the volume envelope has a sustain point)', () => {
    const ins = { volumeEnvelope: envelope([[0, 64], [20, 0]]), panEnvelope: envelope([[0, 0], [20, 32]]) };
    const s = runTicks(buildSong(withIns('xm', ins, [['C-5 01 ... ...'], ['... .. ... L10']], 3)), 5).states;
    expect(s.map((x) => x.volEnv)).toEqual([1, 2, 3, 17, 18]);
    expect(s.map((x) => x.panEnv)).toEqual([1, 2, 3, 4, 5]);
    const sus = { ...ins, volumeEnvelope: envelope([[0, 64], [20, 0]], { sustain: [1, 1] }) };
    expect(track(withIns('xm', sus, [['C-5 01 ... ...'], ['... .. ... L10']], 3), 5, 'panEnv')).toEqual([1, 2, 3, 17, 18]);
  });
  it('IT: S77/S78 switch the volume envelope off (paused) and on', () => {
    const ins = { volumeEnvelope: envelope([[0, 64], [8, 0]]) };
    const v = out(withIns('it', ins, [['C-5 01 ... ...'], ['... .. ... S77'], ['... .. ... S78']], 2), 6);
    // Off pauses the envelope at its current value (IT still applies it); on lets it carry on.
    expect(v).toEqual([64, 56, 56, 56, 48, 40]);
  });
});
