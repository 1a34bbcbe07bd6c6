// Behaviours OpenMPT corrected after libopenmpt 0.6.9 (the reference renderer installed here) to match
// the original trackers; the replayer follows the corrections, so these songs sound different from
// openmpt123 on purpose (bench:oracle lists them as "known"). Each names OpenMPT's test module.
import { describe, expect, it } from 'vitest';
import { envelope, instrumentFor, semitones, testSample, track } from '../../helpers/song-builder.js';

describe('OpenMPT fixes the replayer follows', () => {
  it('IT: portamentos in both columns share memory in IT\'s order, so both slide by the effect column\'s speed (DoubleSlide.it)', () => {
    // f02 and F04: 0.25 + 0.25 semitones per tick (libopenmpt 0.6.9: 0.5 + 0.25).
    expect(track({ base: 'it', pattern: [['C-5 01 ... ...'], ['... .. f02 F04']] }, 9, 'frequency').slice(6).map((f) => semitones(f, 8363))).toEqual([0, 0.5, 1]);
  });
  it('IT: Lxx without a portamento speed takes the "slide down" branch, which reaches a higher target at once (LxxWith0Portamento.it)', () => {
    expect(track({ base: 'it', pattern: [['C-5 01 ... ...'], ['E-5 .. ... L00']] }, 9, 'period').slice(6)).toEqual([8363, 10536, 10536]);
  });
  it('IT: a note with tone portamento next to SCx is not cut (SCx-Reset.it)', () => {
    expect(track({ base: 'it', pattern: [['C-5 01 ... ...'], ['D-5 .. g01 SC1']] }, 9, 'playing', 0, { mix: true }).slice(6)).toEqual([true, true, true]);
  });
  it('IT: volume-column slides do not feed the effect column\'s slide memory', () => {
    expect(track({ base: 'it', pattern: [['C-5 01 v32 ...'], ['... .. d02 ...'], ['... .. ... D00']] }, 15, 'volume').slice(12)).toEqual([88, 88, 88]);
  });
  it('IT: the first note memory is C-0, so a lone instrument number plays C-0 (InitialNoteMemory.it)', () => {
    expect(track({ base: 'it', samples: [testSample('it')], instruments: [instrumentFor(1)], pattern: [['... 01 ... ...']] }, 2, 'frequency')).toEqual([261, 261]);
  });
  it('FT2: a key-off during the auto-vibrato sweep drops the depth back to its first step (AutoVibratoSweepKeyOff.xm)', () => {
    const spec = {
      base: 'xm' as const, speed: 4,
      samples: [testSample('xm', { vibrato: { waveform: 'square' as const, speed: 128, depth: 15, sweep: 32 } })],
      instruments: [instrumentFor(1, { volumeEnvelope: envelope([[0, 64], [50, 64]], { sustain: [0, 0] }) })],
      pattern: [['C-5 01 ... ...'], ['... .. ... ...'], ['=== .. ... ...'], ['... .. ... ...']],
    };
    expect(track(spec, 12, 'frequency').map((f) => semitones(f, 8363))).toEqual([0, 0, -0.02, 0.02, -0.03, 0.03, -0.05, 0.05, 0, 0, 0, 0]);
  });
});
