// The songs bench/effect-oracle.ts checks against libopenmpt: the songs of the replayer tests in
// tests/engine/replayer (one voice at a time, so gains, position and rate can be read from the audio;
// timing effects show as positions that drift when a tick or row has the wrong length).
import type { ProfileBase } from '../src/song/profile.js';
import { envelope, instrumentFor, oneShotSample, testSample, type TestSongSpec } from '../tests/helpers/song-builder.js';

export interface OracleCase {
  readonly name: string;
  readonly spec: TestSongSpec;
  readonly ticks: number;
  /** Why this song is expected to differ: libopenmpt 0.6.9 predates a fix that the replayer follows. */
  readonly known?: string;
}

const long = (base: ProfileBase) => [oneShotSample(base, 60000)];
const c = (name: string, spec: TestSongSpec, ticks: number, known?: string): OracleCase => ({ name, spec, ticks, ...(known ? { known } : {}) });
const FIXED_AFTER_069 = 'OpenMPT fixed this after libopenmpt 0.6.9 (the reference here); the replayer follows the fix:';
const rows = (...r: string[]) => r.map((x) => x.split('|'));

export const ORACLE_CASES: OracleCase[] = [
  // Timing.
  ...(['it', 's3m'] as const).map((b) => c(`${b}/tempo-slide`, { base: b, speed: 4, samples: long(b), pattern: rows('C-5 01 ... T05', '... .. ... T12', '... .. ... T00') }, 12)),
  c('mod/tempo-pt-late', { base: 'mod', channels: 4, flags: { protrackerMode: true }, samples: long('mod'), pattern: rows('C-5 01 ... ...', '... .. ... F96', '... .. ... ...') }, 14),
  ...(['mod', 'xm'] as const).map((b) => c(`${b}/speed-tempo`, { base: b, samples: long(b), pattern: rows('C-5 01 ... F03', '... .. ... F50', '... .. ... ...') }, 10)),
  ...(['mod', 'xm', 's3m', 'it'] as const).map((b) => c(`${b}/pattern-delay`, { base: b, speed: 2, samples: long(b), pattern: rows(`C-5 01 v32 ${b === 'mod' || b === 'xm' ? 'EE2' : 'SE2'}`, '... .. ... ...', '... .. ... ...') }, 10)),
  c('it/first-delay-wins', { base: 'it', speed: 2, samples: long('it'), pattern: rows('C-5 01 ... SE1|... .. ... SE3', '... .. ... ...|... .. ... ...', '... .. ... ...|... .. ... ...') }, 10),
  c('xm/last-delay-wins', { base: 'xm', speed: 2, samples: long('xm'), pattern: rows('C-5 01 ... EE1|... .. ... EE3', '... .. ... ...|... .. ... ...', '... .. ... ...|... .. ... ...') }, 12),
  c('it/delay-first-tick', { base: 'it', speed: 2, samples: long('it'), pattern: rows('C-5 01 v32 D1F|... .. ... SE2', '... .. ... ...|... .. ... ...') }, 8),
  c('s3m/delay-first-tick', { base: 's3m', speed: 2, samples: long('s3m'), pattern: rows('C-5 01 v32 D1F|... .. ... SE2', '... .. ... ...|... .. ... ...') }, 8),
  c('mod/delay-first-tick', { base: 'mod', channels: 4, flags: { protrackerMode: true }, speed: 2, samples: long('mod'), pattern: rows('C-5 01 ... EA1|... .. ... EE2', '... .. ... ...|... .. ... ...') }, 8),
  c('xm/delay-first-tick', { base: 'xm', speed: 2, samples: long('xm'), pattern: rows('C-5 01 v32 EA1|... .. ... EE2', '... .. ... ...|... .. ... ...') }, 8),
  c('it/fine-delay', { base: 'it', speed: 3, samples: long('it'), pattern: rows('C-5 01 ... S62|... .. ... SE1', '... .. ... ...|... .. ... ...', '... .. ... ...|... .. ... ...') }, 14),
  ...(['mod', 'xm', 's3m', 'it'] as const).map((b) => c(`${b}/note-delay`, { base: b, samples: long(b), pattern: rows(`C-5 01 v40 ${b === 'mod' || b === 'xm' ? 'ED2' : 'SD2'}`, '... .. ... ...') }, 8)),
  c('it/sd0', { base: 'it', samples: long('it'), pattern: rows('C-5 01 v40 SD0', '... .. ... ...') }, 4),
  c('s3m/sd0', { base: 's3m', samples: long('s3m'), pattern: rows('C-5 01 v40 SD0', 'D-5 01 ... ...') }, 8),
  ...(['xm', 's3m', 'it'] as const).map((b) => c(`${b}/delay-past-row`, { base: b, samples: long(b), pattern: rows(`C-5 01 v40 ${b === 'xm' ? 'ED7' : 'SD7'}`, '... .. ... ...', 'D-5 01 ... ...') }, 14)),
  c('mod/delay-next-row', { base: 'mod', channels: 4, flags: { protrackerMode: true }, samples: long('mod'), pattern: rows('C-5 01 ... ...', 'G-5 01 ... ED7', '... .. ... ...') }, 14),
  ...(['mod', 'xm'] as const).map((b) => c(`${b}/note-cut`, { base: b, samples: long(b), pattern: rows('C-5 01 ... EC2', '... .. ... ...') }, 8)),
  ...(['s3m', 'it'] as const).map((b) => c(`${b}/note-cut`, { base: b, samples: long(b), pattern: rows('C-5 01 ... SC2', '... .. ... SC0', 'D-5 01 ... ...') }, 14)),
  ...(['mod', 'xm'] as const).map((b) => c(`${b}/e9x`, { base: b, samples: long(b), pattern: rows('C-5 01 ... E92', '... .. ... E92') }, 12)),
  ...(['s3m', 'it'] as const).map((b) => c(`${b}/qxy`, { base: b, speed: 4, samples: long(b), pattern: rows('C-5 01 ... Q03', '... .. ... Q03') }, 8)),
  c('xm/rxy', { base: 'xm', speed: 4, samples: long('xm'), pattern: rows('C-5 01 ... R03', '... .. ... R03') }, 8),
  ...['1', '5', '6', '7', 'B', 'E', 'F'].map((x) => c(`it/retrig-volume-${x}`, { base: 'it', speed: 2, samples: long('it'), pattern: rows(`C-5 01 v32 Q${x}1`, `... .. ... Q${x}1`, `... .. ... Q${x}1`) }, 6)),
  c('xm/keyoff-no-env', { base: 'xm', samples: [testSample('xm')], instruments: [instrumentFor(1)], pattern: rows('C-5 01 ... ...', '=== .. ... ...') }, 8),
  c('xm/keyoff-env', {
    base: 'xm', speed: 2, samples: [testSample('xm')], instruments: [instrumentFor(1, { volumeEnvelope: envelope([[0, 64], [2, 32], [20, 0]], { sustain: [1, 1] }), fadeout: 4096 })],
    pattern: rows('C-5 01 ... ...', '... .. ... ...', '=== .. ... ...', '... .. ... ...'),
  }, 8),
  c('it/keyoff-env', {
    base: 'it', speed: 2, samples: [testSample('it')], instruments: [instrumentFor(1, { volumeEnvelope: envelope([[0, 64], [2, 64], [4, 32]], { sustain: [1, 1] }), fadeout: 8192 })],
    pattern: rows('C-5 01 ... ...', '... .. ... ...', '=== .. ... ...', '... .. ... ...'),
  }, 12),
  c('it/note-fade', { base: 'it', samples: [testSample('it')], instruments: [instrumentFor(1, { fadeout: 8192 })], pattern: rows('C-5 01 ... ...', '~~~ .. ... ...') }, 12),
  // Pitch.
  c('mod/porta', { base: 'mod', channels: 4, samples: long('mod'), pattern: rows('C-5 01 ... 104', '... .. ... 202', '... .. ... 100') }, 18),
  c('xm/porta-linear', { base: 'xm', samples: long('xm'), pattern: rows('C-5 01 ... 104', '... .. ... 210', '... .. ... 100', '... .. ... 200') }, 24),
  c('xm/porta-amiga', { base: 'xm', flags: { linearSlides: false }, samples: long('xm'), pattern: rows('C-5 01 ... 104', '... .. ... 210') }, 12),
  c('it/porta-linear', { base: 'it', samples: long('it'), pattern: rows('C-5 01 ... F04', '... .. ... E00') }, 12),
  c('it/porta-amiga', { base: 'it', flags: { linearSlides: false }, samples: long('it'), pattern: rows('C-5 01 ... F04', '... .. ... E00', '... .. ... EF2', '... .. ... EE3') }, 24),
  c('s3m/porta', { base: 's3m', samples: long('s3m'), pattern: rows('C-5 01 ... F04', '... .. ... FF4', '... .. ... FE4', '... .. ... D02', '... .. ... E00') }, 30),
  c('xm/fine-porta', { base: 'xm', samples: long('xm'), pattern: rows('C-5 01 ... E12', '... .. ... X13', '... .. ... E10', '... .. ... X10', '... .. ... E20') }, 30),
  c('mod/e5x', { base: 'mod', channels: 4, samples: long('mod'), pattern: rows('C-5 01 ... E58', 'C-5 01 ... E57', 'C-5 01 ... ...') }, 18),
  c('xm/e5x', { base: 'xm', samples: long('xm'), pattern: rows('C-5 01 ... E5C', 'C-5 01 ... ...') }, 12),
  c('s3m/s2x', { base: 's3m', samples: long('s3m'), pattern: rows('C-5 01 ... S2F', 'C-5 01 ... S20') }, 12),
  c('it/s2x', { base: 'it', samples: long('it'), pattern: rows('C-5 01 ... S20', 'C-5 01 ... S2F') }, 12),
  c('mod/toneporta', { base: 'mod', channels: 4, samples: long('mod'), pattern: rows('C-5 01 ... ...', 'D-5 .. ... 310', '... .. ... 300') }, 18),
  c('mod/porta-target', { base: 'mod', channels: 4, samples: long('mod'), pattern: rows('C-5 01 ... ...', 'D-5 .. ... 3FF', '... .. ... 104', '... .. ... 300') }, 24),
  c('xm/porta-target', { base: 'xm', samples: long('xm'), pattern: rows('C-5 01 ... ...', 'D-5 .. ... 3FF', '... .. ... 104', '... .. ... 300') }, 24),
  c('it/toneporta', { base: 'it', samples: long('it'), pattern: rows('C-5 01 ... ...', 'C-6 .. ... G40', '... .. ... F08', 'D-5 .. ... G00') }, 24),
  c('it/toneporta-compat', { base: 'it', flags: { itCompatibleGxx: true }, samples: long('it'), pattern: rows('C-5 01 ... F08', 'D-5 .. ... G00') }, 12),
  c('xm/porta-nothing-plays', { base: 'xm', samples: long('xm'), pattern: rows('... .. ... ...', 'D-5 01 ... 310') }, 12),
  c('it/porta-nothing-plays', { base: 'it', samples: long('it'), pattern: rows('... .. ... ...', 'D-5 01 ... G10') }, 12),
  c('s3m/porta-after-cut', { base: 's3m', speed: 3, samples: long('s3m'), pattern: rows('C-5 01 ... ...', '^^^ .. ... ...', 'G-4 01 ... G00', '... .. ... ...') }, 12),
  c('s3m/porta-after-silent-cut', { base: 's3m', speed: 3, samples: long('s3m'), pattern: rows('C-5 01 ... ...', '... .. ... I0A', '^^^ .. ... ...', 'G-4 01 ... G00') }, 12),
  c('xm/porta-instrument', { base: 'xm', samples: long('xm'), pattern: rows('C-5 01 v20 ...', 'D-5 01 ... 310') }, 12),
  c('mod/vibrato', { base: 'mod', channels: 4, samples: long('mod'), pattern: rows('C-5 01 ... 448', '... .. ... 400') }, 12),
  c('xm/vibrato', { base: 'xm', samples: long('xm'), pattern: rows('C-5 01 ... 448', '... .. ... 400') }, 12),
  c('s3m/vibrato', { base: 's3m', samples: long('s3m'), pattern: rows('C-5 01 ... H48', '... .. ... U48') }, 12),
  c('it/vibrato', { base: 'it', samples: long('it'), pattern: rows('C-5 01 ... H48', '... .. ... U48') }, 12),
  ...[0, 1, 2, 3].map((x) => c(`xm/vibrato-wave-${x}`, { base: 'xm', samples: long('xm'), pattern: rows(`C-5 01 ... E4${x}`, '... .. ... 448', '... .. ... 400') }, 18)),
  ...[0, 1, 2, 3].map((x) => c(`it/vibrato-wave-${x}`, { base: 'it', samples: long('it'), pattern: rows(`C-5 01 ... S3${x}`, '... .. ... H48', '... .. ... H00') }, 18, x === 3 ? 'IT\'s random waveform: another random generator' : undefined)),
  ...[0, 1, 2].map((x) => c(`s3m/vibrato-wave-${x}`, { base: 's3m', samples: long('s3m'), pattern: rows(`C-5 01 ... S3${x}`, '... .. ... H48', '... .. ... H00') }, 18)),
  ...(['mod', 'xm'] as const).map((b) => c(`${b}/arpeggio`, { base: b, samples: long(b), pattern: rows('C-5 01 ... 037', '... .. ... 000') }, 12)),
  ...(['s3m', 'it'] as const).map((b) => c(`${b}/arpeggio`, { base: b, samples: long(b), pattern: rows('C-5 01 ... J37', '... .. ... J00') }, 12)),
  c('xm/glissando', { base: 'xm', samples: long('xm'), pattern: rows('C-5 01 ... E31', 'E-5 .. ... 310', '... .. ... 300') }, 18),
  c('it/glissando', { base: 'it', samples: long('it'), pattern: rows('C-5 01 ... S11', 'E-5 .. ... G10', '... .. ... G00') }, 18),
  c('xm/autovibrato', { base: 'xm', samples: [testSample('xm', { vibrato: { waveform: 'square', speed: 64, depth: 8, sweep: 4 } })], instruments: [instrumentFor(1)], pattern: rows('C-5 01 ... ...', '... .. ... ...') }, 12),
  c('xm/autovibrato-sine', { base: 'xm', samples: [testSample('xm', { vibrato: { waveform: 'sine', speed: 16, depth: 15, sweep: 0 } })], instruments: [instrumentFor(1)], pattern: rows('C-5 01 ... ...', '... .. ... ...') }, 12),
  c('it/autovibrato', { base: 'it', samples: [testSample('it', { vibrato: { waveform: 'sine', speed: 32, depth: 16, sweep: 200 } })], instruments: [instrumentFor(1)], pattern: rows('C-5 01 ... ...', '... .. ... ...') }, 12),
  c('it/pitch-envelope', { base: 'it', samples: [testSample('it')], instruments: [instrumentFor(1, { pitchEnvelope: envelope([[0, 0], [4, 8]]) })], pattern: rows('C-5 01 ... ...') }, 6),
  c('mod/amiga-limits', { base: 'mod', channels: 4, samples: long('mod'), pattern: rows('C-4 01 ... 2FF', 'B-6 01 ... 1FF') }, 12),
  c('xm/period-limit', { base: 'xm', speed: 20, samples: long('xm'), pattern: rows('C-9 01 ... 1FF') }, 20),
  // Volume and pan.
  ...(['mod', 'xm'] as const).map((b) => c(`${b}/volslide`, { base: b, channels: b === 'mod' ? 4 : 1, samples: long(b), pattern: rows('C-5 01 v32 A20', '... .. ... A03', '... .. ... A23', '... .. ... A00') }, 24)),
  ...(['s3m', 'it'] as const).map((b) => c(`${b}/volslide`, { base: b, samples: long(b), pattern: rows('C-5 01 v32 D20', '... .. ... D03', '... .. ... D23', '... .. ... D00', '... .. ... D3F', '... .. ... DF3', '... .. ... D0F', '... .. ... DF0') }, 48)),
  c('mod/finevol', { base: 'mod', channels: 4, samples: long('mod'), pattern: rows('C-5 01 v32 EA4', '... .. ... EB2', '... .. ... EA0') }, 18),
  c('xm/finevol', { base: 'xm', samples: long('xm'), pattern: rows('C-5 01 v32 EA4', '... .. ... EB2', '... .. ... EA0', '... .. ... EB0') }, 24),
  c('xm/volcol', { base: 'xm', samples: long('xm'), pattern: rows('C-5 01 v32 ...', '... .. c02 ...', '... .. b03 ...', '... .. d01 ...', '... .. a02 ...') }, 30),
  c('it/volcol', { base: 'it', samples: long('it'), pattern: rows('C-5 01 v32 ...', '... .. d02 ...', '... .. a03 ...', '... .. c01 ...', '... .. b02 ...') }, 30),
  ...(['mod', 'xm'] as const).map((b) => c(`${b}/tremolo`, { base: b, channels: b === 'mod' ? 4 : 1, samples: long(b), pattern: rows('C-5 01 v32 748', '... .. ... 700', '... .. ... E71', '... .. ... 748') }, 24)),
  ...(['s3m', 'it'] as const).map((b) => c(`${b}/tremolo`, { base: b, samples: long(b), pattern: rows('C-5 01 v32 R48', '... .. ... R00', '... .. ... S41', '... .. ... R48') }, 24)),
  c('s3m/tremor', { base: 's3m', speed: 12, samples: long('s3m'), pattern: rows('C-5 01 v32 I12', '... .. ... I00') }, 24),
  c('it/tremor', { base: 'it', speed: 12, samples: long('it'), pattern: rows('C-5 01 v32 I12', '... .. ... I00') }, 24),
  c('xm/tremor', { base: 'xm', speed: 12, samples: long('xm'), pattern: rows('C-5 01 v32 T12', '... .. ... T00') }, 24),
  c('xm/pan', { base: 'xm', samples: long('xm'), pattern: rows('C-5 01 ... 8C0', '... .. ... E8C', '... .. p16 ...', '... .. ... 880', '... .. ... P10', '... .. ... P01', '... .. r04 ...', '... .. l02 ...') }, 48),
  c('it/pan', { base: 'it', samples: long('it'), pattern: rows('C-5 01 ... XC0', '... .. ... S8F', '... .. p48 ...', '... .. ... X80', '... .. ... P02', '... .. ... P20', '... .. ... P2F', '... .. ... PF3') }, 48),
  c('s3m/pan', { base: 's3m', samples: long('s3m'), pattern: rows('C-5 01 ... X60', '... .. ... S8C', '... .. ... X00') }, 18),
  c('it/surround', { base: 'it', samples: long('it'), pattern: rows('C-5 01 ... X20', '... .. ... S91', '... .. ... S90') }, 18),
  c('it/panbrello-ramp', { base: 'it', samples: long('it'), pattern: rows('C-5 01 ... X80', '... .. ... S51', '... .. ... Y48') }, 18),
  c('it/panbrello', { base: 'it', samples: long('it'), pattern: rows('C-5 01 ... X80', '... .. ... Y48', '... .. ... Y00', '... .. ... S51', '... .. ... Y48') }, 30),
  c('xm/globalvol', { base: 'xm', samples: long('xm'), pattern: rows('C-5 01 ... G20', '... .. ... G50', '... .. ... H02', '... .. ... H10') }, 24),
  c('it/globalvol', { base: 'it', samples: long('it'), pattern: rows('C-5 01 ... V40', '... .. ... V90', '... .. ... W02', '... .. ... W3F', '... .. ... W00') }, 30),
  c('it/channelvol', { base: 'it', samples: long('it'), pattern: rows('C-5 01 ... M20', '... .. ... N02', '... .. ... N1F', '... .. ... N00') }, 24),
  c('it/sample-instrument-gv', { base: 'it', samples: [testSample('it', { globalVolume: 32 })], instruments: [instrumentFor(1, { globalVolume: 64 })], pattern: rows('C-5 01 ... ...') }, 4),
  // Envelopes.
  ...(['xm', 'it'] as const).flatMap((b) => {
    const ins = (i: Parameters<typeof instrumentFor>[1]) => ({ samples: long(b), instruments: [instrumentFor(1, i)] });
    return [
      c(`${b}/env-ramp`, { base: b, ...ins({ volumeEnvelope: envelope([[0, 64], [4, 0], [8, 32]]) }), pattern: rows('C-5 01 ... ...', '... .. ... ...') }, 12),
      c(`${b}/env-loop`, { base: b, ...ins({ volumeEnvelope: envelope([[0, 64], [2, 32], [4, 0]], { loop: [0, 1] }) }), pattern: rows('C-5 01 ... ...', '... .. ... ...') }, 12),
      c(`${b}/env-sustain`, { base: b, speed: 4, ...ins({ volumeEnvelope: envelope([[0, 64], [2, 32], [4, 0], [6, 32]], { sustain: [1, 1] }) }), pattern: rows('C-5 01 ... ...', '=== .. ... ...', '... .. ... ...') }, 12),
      c(`${b}/env-sustain-loop`, { base: b, speed: 4, ...ins({ volumeEnvelope: envelope([[0, 64], [2, 32], [4, 0], [6, 32]], { sustain: [0, 1] }) }), pattern: rows('C-5 01 ... ...', '=== .. ... ...', '... .. ... ...') }, 12),
      c(`${b}/fadeout`, { base: b, speed: 2, ...ins({ volumeEnvelope: envelope([[0, 64], [2, 64]], { loop: [0, 1] }), fadeout: b === 'xm' ? 4096 : 16384 }), pattern: rows('C-5 01 ... ...', '=== .. ... ...', '... .. ... ...', '... .. ... ...') }, 8),
      c(`${b}/pan-env`, { base: b, ...ins({ panEnvelope: envelope([[0, 0], [2, 32], [4, -32]]) }), pattern: rows('C-5 01 p32 ...', '... .. ... ...') }, 8),
      c(`${b}/pan-env-left`, { base: b, ...ins({ panEnvelope: envelope([[0, 0], [2, 32], [4, -32]]) }), pattern: rows('C-5 01 p16 ...', '... .. ... ...') }, 8),
    ];
  }),
  c('it/env-end-zero', { base: 'it', samples: long('it'), instruments: [instrumentFor(1, { volumeEnvelope: envelope([[0, 64], [2, 0]]) })], pattern: rows('C-5 01 ... ...') }, 6),
  c('it/env-carry', { base: 'it', speed: 3, samples: long('it'), instruments: [instrumentFor(1, { volumeEnvelope: envelope([[0, 64], [10, 0]], { carry: true }) })], pattern: rows('C-5 01 ... ...', 'D-5 01 ... ...', '... .. ... ...') }, 9),
  c('it/note-fade-noenv', { base: 'it', speed: 2, samples: long('it'), instruments: [instrumentFor(1, { fadeout: 16384 })], pattern: rows('C-5 01 ... ...', '~~~ .. ... ...', '... .. ... ...') }, 6),
  c('xm/lxx', { base: 'xm', speed: 3, samples: long('xm'), instruments: [instrumentFor(1, { volumeEnvelope: envelope([[0, 64], [20, 0]]), panEnvelope: envelope([[0, 0], [20, 32]]) })], pattern: rows('C-5 01 ... ...', '... .. ... L10', '... .. ... ...') }, 9),
  c('xm/lxx-sustain', { base: 'xm', speed: 3, samples: long('xm'), instruments: [instrumentFor(1, { volumeEnvelope: envelope([[0, 64], [20, 0]], { sustain: [1, 1] }), panEnvelope: envelope([[0, 0], [20, 32]]) })], pattern: rows('C-5 01 ... ...', '... .. ... L10', '... .. ... ...') }, 9),
  c('it/s77', { base: 'it', speed: 2, samples: long('it'), instruments: [instrumentFor(1, { volumeEnvelope: envelope([[0, 64], [8, 0]]) })], pattern: rows('C-5 01 ... ...', '... .. ... S77', '... .. ... S78') }, 6),
  // Instruments (one voice at a time).
  ...(['mod', 'xm', 's3m', 'it'] as const).map((b) => c(`${b}/offset`, { base: b, channels: b === 'mod' ? 4 : 1, samples: [oneShotSample(b, 20000)], pattern: rows(`C-5 01 ... ${b === 'mod' || b === 'xm' ? '910' : 'O10'}`, `C-5 01 ... ${b === 'mod' || b === 'xm' ? '920' : 'O20'}`, `C-5 01 ... ${b === 'mod' || b === 'xm' ? '900' : 'O00'}`) }, 18)),
  c('xm/offset-memory-needs-note', { base: 'xm', samples: [oneShotSample('xm', 20000)], pattern: rows('C-5 01 ... 910', '... .. ... 930', 'C-5 01 ... 900') }, 18, `${FIXED_AFTER_069} OffsetWithoutNote.xm`),
  c('it/offset-memory', { base: 'it', samples: [oneShotSample('it', 20000)], pattern: rows('C-5 01 ... O10', '... .. ... O30', 'C-5 01 ... O00') }, 18),
  ...(['xm', 's3m', 'it'] as const).map((b) => c(`${b}/offset-past-end`, { base: b, samples: [oneShotSample(b, 2000)], pattern: rows(`C-5 01 ... ${b === 'xm' ? '910' : 'O10'}`, '... .. ... ...') }, 8)),
  c('mod/offset-past-end-loop', { base: 'mod', channels: 4, samples: [oneShotSample('mod', 2000, { loop: { start: 1000, end: 2000, pingPong: false } })], pattern: rows('C-5 01 ... 910') }, 4),
  c('it/sax', { base: 'it', samples: [oneShotSample('it', 140000)], pattern: rows('C-5 01 ... SA1', 'C-5 01 ... O10') }, 9),
  c('s3m/shared-memory', { base: 's3m', samples: long('s3m'), pattern: rows('C-5 01 v32 D04', '... .. ... K00', 'C-5 01 v32 F04', '... .. ... D00') }, 24),
  c('it/vol-memory', { base: 'it', samples: long('it'), pattern: rows('C-5 01 v32 D04', '... .. ... K00', 'C-5 01 v32 F04', '... .. ... D00') }, 24),
  ...['E40', 'E44'].map((fx) => c(`xm/vibrato-${fx}`, { base: 'xm', speed: 3, samples: long('xm'), pattern: rows(`C-5 01 ... ${fx}`, '... .. ... 448', 'C-5 01 ... 448') }, 9)),
  ...['E70', 'E74'].map((fx) => c(`xm/tremolo-${fx}`, { base: 'xm', speed: 3, samples: long('xm'), pattern: rows(`C-5 01 v32 ${fx}`, '... .. ... 748', 'C-5 01 v32 748') }, 9)),
  ...['S40', 'S44'].map((fx) => c(`it/tremolo-${fx}`, { base: 'it', speed: 3, samples: long('it'), pattern: rows(`C-5 01 v32 ${fx}`, '... .. ... R48', 'C-5 01 v32 R48') }, 9)),
  ...(['mod', 'xm', 's3m', 'it'] as const).map((b) => c(`${b}/porta-other-instrument`, {
    base: b, channels: b === 'mod' ? 4 : 1, samples: [oneShotSample(b, 30000, { volume: 20 }), oneShotSample(b, 40000, { volume: 50 })],
    ...(b === 'xm' || b === 'it' ? { instruments: [instrumentFor(1), instrumentFor(2)] } : {}),
    pattern: rows('C-5 01 ... ...', `D-5 02 ... ${b === 'mod' || b === 'xm' ? '305' : 'G05'}`),
  }, 12)),
  c('it/sample-sustain-loop', {
    base: 'it', speed: 4, instruments: [instrumentFor(1)],
    samples: [testSample('it', { pcm: { bits: 8, channels: 1, data: new Int8Array(1000) }, sustainLoop: { start: 0, end: 300, pingPong: false }, loop: { start: 500, end: 1000, pingPong: false } })],
    pattern: rows('C-5 01 ... ...', '... .. ... ...', '=== .. ... ...', '... .. ... ...', '... .. ... ...'),
  }, 20),
  // Fixed in OpenMPT after 0.6.9 (tests/engine/replayer/openmpt-fixes.test.ts): expected to differ.
  c('it/double-slide', { base: 'it', samples: long('it'), pattern: rows('C-5 01 ... ...', '... .. f02 F04') }, 9, `${FIXED_AFTER_069} DoubleSlide.it`),
  c('it/lxx-without-speed', { base: 'it', samples: long('it'), pattern: rows('C-5 01 ... ...', 'E-5 .. ... L00') }, 9, `${FIXED_AFTER_069} LxxWith0Portamento.it`),
  c('it/scx-with-porta', { base: 'it', samples: long('it'), pattern: rows('C-5 01 ... ...', 'D-5 .. g01 SC1') }, 9, `${FIXED_AFTER_069} SCx-Reset.it`),
  c('it/volcol-memory', { base: 'it', samples: long('it'), pattern: rows('C-5 01 v32 ...', '... .. d02 ...', '... .. ... D00') }, 15, `${FIXED_AFTER_069} volume-column slide memory`),
  c('it/initial-note-memory', { base: 'it', samples: long('it'), instruments: [instrumentFor(1)], pattern: rows('... 01 ... ...') }, 2, `${FIXED_AFTER_069} InitialNoteMemory.it`),
  c('xm/autovibrato-sweep-keyoff', {
    base: 'xm', speed: 4, samples: [testSample('xm', { vibrato: { waveform: 'square', speed: 128, depth: 15, sweep: 32 } })],
    instruments: [instrumentFor(1, { volumeEnvelope: envelope([[0, 64], [50, 64]], { sustain: [0, 0] }) })],
    pattern: rows('C-5 01 ... ...', '... .. ... ...', '=== .. ... ...', '... .. ... ...'),
  }, 12, `${FIXED_AFTER_069} AutoVibratoSweepKeyOff.xm`),
];

/** Songs whose length libopenmpt measures (bench:oracle --durations): the ends of songs. */
export const DURATION_CASES: { readonly name: string; readonly spec: TestSongSpec; readonly known?: string }[] = [
  { name: 'xm/plain', spec: { base: 'xm', speed: 3, pattern: rows('... .. ... ...', '... .. ... ...') } },
  { name: 'xm/jump-back', spec: { base: 'xm', speed: 1, pattern: rows('... .. ... ...', '... .. ... B00'), morePatterns: [rows('... .. ... ...')] } },
  { name: 'it/jump-back-later', spec: { base: 'it', speed: 1, pattern: rows('... .. ... ...', '... .. ... ...'), morePatterns: [rows('... .. ... ...', '... .. ... B01'), rows('... .. ... ...')], orders: [0, 1, 2] } },
  { name: 'it/jump-forward', spec: { base: 'it', speed: 1, pattern: rows('... .. ... B02', '... .. ... ...'), morePatterns: [rows('... .. ... ...'), rows('... .. ... ...', '... .. ... ...', '... .. ... ...')] } },
  { name: 'xm/loop', spec: { base: 'xm', speed: 2, pattern: rows('... .. ... E60', '... .. ... E62', '... .. ... ...') } },
  { name: 'it/loop', spec: { base: 'it', speed: 2, pattern: rows('... .. ... SB0', '... .. ... SB2', '... .. ... ...') } },
  { name: 'xm/endless-loop', spec: { base: 'xm', speed: 1, pattern: rows('... .. ... E60', '... .. ... E61', '... .. ... E61', '... .. ... ...') } },
  { name: 'mod/endless-loop', spec: { base: 'mod', channels: 4, speed: 1, pattern: rows('... .. ... E60', '... .. ... E61', '... .. ... E61', '... .. ... ...') } },
  { name: 's3m/shared-loop', spec: { base: 's3m', speed: 1, pattern: rows('... .. ... ...|... .. ... ...', '... .. ... SB0|... .. ... ...', '... .. ... ...|... .. ... SB1', '... .. ... ...|... .. ... ...') } },
  { name: 'it/own-loops', spec: { base: 'it', speed: 1, pattern: rows('... .. ... ...|... .. ... ...', '... .. ... SB0|... .. ... ...', '... .. ... ...|... .. ... SB1', '... .. ... ...|... .. ... ...') } },
  { name: 'it/loop-sequence', spec: { base: 'it', speed: 1, pattern: rows('... .. ... SB0', '... .. ... SB1', '... .. ... SB1', '... .. ... ...') } },
  { name: 's3m/loop-jump-back', spec: { base: 's3m', speed: 1, pattern: rows('... .. ... SB0', '... .. ... SB2', '... .. ... B00') } },
  { name: 'it/end-marker', spec: { base: 'it', speed: 1, pattern: rows('... .. ... ...'), morePatterns: [rows('... .. ... ...', '... .. ... ...'), rows('... .. ... ...', '... .. ... ...', '... .. ... ...')], orders: [0, 1, 'end', 2] } },
  { name: 'it/skip-marker', spec: { base: 'it', speed: 1, pattern: rows('... .. ... ...'), morePatterns: [rows('... .. ... ...', '... .. ... ...')], orders: [0, 'skip', 1] } },
  { name: 's3m/end-and-skip', spec: { base: 's3m', speed: 1, pattern: rows('... .. ... ...'), morePatterns: [rows('... .. ... ...', '... .. ... ...')], orders: ['skip', 0, 'end', 1] } },
  { name: 'xm/restart', spec: { base: 'xm', speed: 1, restartOrder: 1, pattern: rows('... .. ... ...'), morePatterns: [rows('... .. ... ...', '... .. ... ...')] } },
  { name: 'xm/break-loop', spec: { base: 'xm', speed: 1, pattern: rows('... .. ... ...', '... .. ... D01'), morePatterns: [rows('... .. ... ...', '... .. ... B00')] } },
  { name: 'xm/f00', spec: { base: 'xm', speed: 2, pattern: rows('... .. ... ...', '... .. ... F00', '... .. ... ...', '... .. ... ...') } },
  {
    name: 'it/tempo-slide-length', spec: { base: 'it', speed: 8, pattern: rows('... .. ... T08', '... .. ... T08', '... .. ... T18', '... .. ... ...') },
    known: 'libopenmpt 0.6.9 measures a row of tempo slide at its final tempo; its playback (and ours, tick for tick) slides per tick',
  },
  { name: 'it/delays', spec: { base: 'it', speed: 3, pattern: rows('... .. ... SE3', '... .. ... S64', '... .. ... ...') } },
  { name: 'xm/delay-break', spec: { base: 'xm', speed: 2, pattern: rows('... .. ... EE2', '... .. ... D00'), morePatterns: [rows('... .. ... ...')] } },
  { name: 'xm/delay-break-2', spec: { base: 'xm', speed: 2, pattern: rows('... .. ... ...', '... .. ... EE2|... .. ... D01'), morePatterns: [rows('... .. ... ...|... .. ... ...', '... .. ... ...|... .. ... ...')] } },
  { name: 'mod/delay-break', spec: { base: 'mod', channels: 4, speed: 2, pattern: rows('... .. ... ...|... .. ... ...|... .. ... ...|... .. ... ...', '... .. ... EE2|... .. ... D01|... .. ... ...|... .. ... ...'), morePatterns: [rows('... .. ... ...|... .. ... ...|... .. ... ...|... .. ... ...', '... .. ... ...|... .. ... ...|... .. ... ...|... .. ... ...')] } },
];
