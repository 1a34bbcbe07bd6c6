// The production mixer against the reference mixer (same output for random voices, loops, directions,
// ramps and interpolations), its kernels against its own single-frame path (bit for bit), and the
// behaviours a mixer must have: exact at unit speed, loop and ping-pong positions, one-shot ends,
// click-free ramps, stereo sides, surround, filter, determinism.
import { describe, expect, it } from 'vitest';
import { mixVoices, mixVoicesFrameByFrame } from '../../../src/engine/mixer/mixer.js';
import { mixVoicesReference } from '../../../src/engine/mixer/reference-mixer.js';
import { type InterpolationMode, type LoopMode, type MixerSettings, type MixSample, MixVoice } from '../../../src/engine/mixer/voice.js';
import { buildSong, runTicks, testSample } from '../../helpers/song-builder.js';

const RATE = 48000;
const MODES: InterpolationMode[] = ['nearest', 'linear', 'cubic', 'sinc'];

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeSample(frames: number, stereo: boolean, r: () => number): MixSample {
  const left = Float64Array.from({ length: frames }, () => Math.fround(r() * 2 - 1));
  return { left, right: stereo ? Float64Array.from({ length: frames }, () => Math.fround(r() * 2 - 1)) : null, frames };
}

function makeVoice(s: MixSample, loop: LoopMode, r: () => number): MixVoice {
  const v = new MixVoice();
  v.gainLeft = r();
  v.gainRight = r();
  v.frequency = RATE * (0.05 + r() * 3);
  v.loopMode = loop;
  v.loopStart = Math.floor(r() * s.frames * 0.5);
  v.loopEnd = loop === 'none' ? s.frames : Math.min(s.frames, v.loopStart + 2 + Math.floor(r() * s.frames * 0.5));
  v.surround = r() < 0.2;
  v.trigger(s, Math.floor(r() * v.loopEnd * 0.9), r() < 0.7);
  if (r() < 0.2) v.direction = -1;
  return v;
}

function cloneVoice(v: MixVoice): MixVoice {
  const c = new MixVoice();
  c.copyFrom(v);
  return c;
}

describe('production mixer equals the reference mixer', () => {
  for (const mode of MODES) {
    it(`${mode}: random voices, loops, directions, gain changes`, () => {
      const r = rng(mode.length * 7919);
      const settings: MixerSettings = { sampleRate: RATE, interpolation: mode, rampFrames: 64 };
      for (let trial = 0; trial < 40; trial++) {
        const s = makeSample(50 + Math.floor(r() * 3000), r() < 0.3, r);
        const loop = (['none', 'forward', 'pingpong'] as const)[Math.floor(r() * 3)] as LoopMode;
        const a = makeVoice(s, loop, r);
        const b = cloneVoice(a);
        const outA = [new Float32Array(4096), new Float32Array(4096)] as const;
        const outB = [new Float32Array(4096), new Float32Array(4096)] as const;
        for (let block = 0; block < 8; block++) {
          if (block === 3) {
            a.gainLeft = b.gainLeft = r();
            a.gainRight = b.gainRight = r();
          }
          if (block === 6 && r() < 0.5) {
            a.stop();
            b.stop();
          }
          mixVoices([a], outA[0], outA[1], block * 512, 512, settings);
          mixVoicesReference([b], outB[0], outB[1], block * 512, 512, settings);
          expect(a.active).toBe(b.active);
          if (a.active) expect(a.position).toBeCloseTo(b.position, 6);
        }
        let maxErr = 0;
        for (let i = 0; i < 4096; i++) maxErr = Math.max(maxErr, Math.abs((outA[0][i] ?? 0) - (outB[0][i] ?? 0)), Math.abs((outA[1][i] ?? 0) - (outB[1][i] ?? 0)));
        expect(maxErr, `trial ${trial} (${loop}, ${s.frames} frames)`).toBeLessThan(1e-4);
      }
    });
  }
});

describe('kernels equal the single-frame path sample for sample', () => {
  for (const mode of MODES) {
    it(`${mode}: mono, stereo, filtered, surround and ramping voices over loops, in blocks of any size`, () => {
      const r = rng(mode.length * 104729 + 17);
      const settings: MixerSettings = { sampleRate: RATE, interpolation: mode, rampFrames: 48 };
      for (let trial = 0; trial < 30; trial++) {
        const voices: MixVoice[] = [];
        for (let j = 0; j < 4; j++) {
          const s = makeSample(40 + Math.floor(r() * 2500), r() < 0.3, r);
          const loop = (['none', 'forward', 'pingpong'] as const)[Math.floor(r() * 3)] as LoopMode;
          const v = makeVoice(s, loop, r);
          if (r() < 0.3) v.filter = { a0: 0.2 + r() * 0.5, b0: r() * 0.6, b1: -r() * 0.3, highPass: r() < 0.3 };
          if (r() < 0.3 && loop === 'forward') v.pendingLoopEnd = v.loopEnd;
          voices.push(v);
        }
        const twins = voices.map(cloneVoice);
        const fast = [new Float32Array(6000), new Float32Array(6000)] as const;
        const slow = [new Float32Array(6000), new Float32Array(6000)] as const;
        let at = 0;
        while (at < 6000) {
          const n = Math.min(6000 - at, 1 + Math.floor(r() * 900));
          if (r() < 0.3) {
            const k = Math.floor(r() * voices.length);
            const gl = r();
            const gr = r();
            (voices[k] as MixVoice).gainLeft = (twins[k] as MixVoice).gainLeft = gl;
            (voices[k] as MixVoice).gainRight = (twins[k] as MixVoice).gainRight = gr;
          }
          if (r() < 0.05) {
            const k = Math.floor(r() * voices.length);
            (voices[k] as MixVoice).stop();
            (twins[k] as MixVoice).stop();
          }
          mixVoices(voices, fast[0], fast[1], at, n, settings);
          mixVoicesFrameByFrame(twins, slow[0], slow[1], at, n, settings);
          at += n;
        }
        expect(fast[0], `trial ${trial} left`).toEqual(slow[0]);
        expect(fast[1], `trial ${trial} right`).toEqual(slow[1]);
        voices.forEach((v, k) => {
          const t = twins[k] as MixVoice;
          expect([v.active, v.position, v.direction, v.currentLeft, v.currentRight, v.filterY1L, v.filterY1R]).toEqual([t.active, t.position, t.direction, t.currentLeft, t.currentRight, t.filterY1L, t.filterY1R]);
        });
      }
    });
  }
});

describe('mixer behaviour', () => {
  const settings = (interpolation: InterpolationMode): MixerSettings => ({ sampleRate: RATE, interpolation, rampFrames: 32 });

  it('reproduces the sample exactly at unit speed (nearest, linear, cubic)', () => {
    const s = makeSample(2000, false, rng(1));
    for (const mode of ['nearest', 'linear', 'cubic'] as const) {
      const v = new MixVoice();
      v.gainLeft = v.gainRight = 1;
      v.frequency = RATE;
      v.trigger(s, 0, false);
      const L = new Float32Array(1000);
      mixVoices([v], L, new Float32Array(1000), 0, 1000, settings(mode));
      for (let i = 2; i < 1000; i++) expect(L[i]).toBeCloseTo(s.left[i] ?? 0, 6);
    }
  });

  it('linear interpolation gives midpoints at half speed', () => {
    const s: MixSample = { left: Float64Array.from([0, 1, 0, -1, 0, 1, 0, -1]), right: null, frames: 8 };
    const v = new MixVoice();
    v.gainLeft = v.gainRight = 1;
    v.frequency = RATE / 2;
    v.trigger(s, 0, false);
    const L = new Float32Array(8);
    mixVoices([v], L, new Float32Array(8), 0, 8, settings('linear'));
    expect(Array.from(L)).toEqual([0, 0.5, 1, 0.5, 0, -0.5, -1, -0.5]);
  });

  it('a forward loop wraps to the analytic position', () => {
    const s = makeSample(1000, false, rng(2));
    const v = new MixVoice();
    v.loopMode = 'forward';
    v.loopStart = 200;
    v.loopEnd = 700;
    v.frequency = RATE * 1.37;
    v.trigger(s, 0, false);
    mixVoices([v], new Float32Array(5000), new Float32Array(5000), 0, 5000, settings('cubic'));
    const p = 5000 * 1.37;
    expect(v.position).toBeCloseTo(200 + ((p - 200) % 500), 4);
  });

  it('a silent voice adds nothing but keeps moving through its loops (forward, ping-pong, one-shot end)', () => {
    const s = makeSample(1000, false, rng(5));
    const run = (loop: LoopMode, frames: number) => {
      const v = new MixVoice();
      v.loopMode = loop;
      v.loopStart = 100;
      v.loopEnd = loop === 'none' ? 1000 : 300;
      v.frequency = RATE;
      v.gainLeft = v.gainRight = 0;
      v.trigger(s, 0, false);
      const L = new Float32Array(frames);
      const R = new Float32Array(frames);
      mixVoices([v], L, R, 0, frames, settings('cubic'));
      expect(L.every((x) => x === 0) && R.every((x) => x === 0)).toBe(true);
      return v;
    };
    expect(run('forward', 2050).position).toBeCloseTo(100 + ((2050 - 100) % 200), 6);
    const pp = run('pingpong', 350);
    expect(pp.direction).toBe(-1);
    expect(pp.position).toBeCloseTo(300 - 1 - 50, 6);
    expect(run('none', 1200).active).toBe(false);
  });

  it('a ping-pong loop reflects at both ends: a frame before the end for IT, at the end for the others (libopenmpt)', () => {
    for (const [turn, at] of [[1, 300 - 1 - 50], [0, 300 - 50]] as const) {
      const s = makeSample(1000, false, rng(3));
      const v = new MixVoice();
      v.loopMode = 'pingpong';
      v.pingPongTurn = turn;
      v.loopStart = 100;
      v.loopEnd = 300;
      v.frequency = RATE;
      v.trigger(s, 0, false);
      const n = 100 + 200 + 50;
      mixVoices([v], new Float32Array(n), new Float32Array(n), 0, n, settings('linear'));
      expect(v.direction, `turn ${turn}`).toBe(-1);
      expect(v.position, `turn ${turn}`).toBeCloseTo(at, 6);
    }
  });

  it('the replayer turns IT ping-pong loops a frame early and XM ones at the end', () => {
    for (const [base, turn] of [['it', 1], ['xm', 0], ['s3m', 0], ['mod', 0]] as const) {
      const sample = testSample(base, { loop: { start: 0, end: 100, pingPong: true } });
      const voice = runTicks(buildSong({ base, samples: [sample], pattern: [['C-5 01 ... ...']] }), 1).player.state.channels[0]!.voice;
      expect(voice.pingPongTurn, base).toBe(turn);
    }
  });

  it('a one-shot sample stops at its end', () => {
    const s = makeSample(480, false, rng(4));
    const v = new MixVoice();
    v.frequency = RATE;
    v.gainLeft = 1;
    v.trigger(s, 0, false);
    const L = new Float32Array(1000);
    mixVoices([v], L, new Float32Array(1000), 0, 1000, settings('linear'));
    expect(v.active).toBe(false);
    expect(L.subarray(481).every((x) => x === 0)).toBe(true);
  });

  it('ramps gains: no jump on trigger, on gain change or on stop', () => {
    const s: MixSample = { left: new Float64Array(100000).fill(0.8), right: null, frames: 100000 };
    const v = new MixVoice();
    v.frequency = RATE;
    v.gainLeft = v.gainRight = 1;
    v.trigger(s, 0, true);
    const L = new Float32Array(3000);
    mixVoices([v], L, new Float32Array(3000), 0, 1000, settings('linear'));
    v.gainLeft = 0.2;
    mixVoices([v], L, new Float32Array(3000), 1000, 1000, settings('linear'));
    v.stop();
    mixVoices([v], L, new Float32Array(3000), 2000, 1000, settings('linear'));
    let maxJump = 0;
    for (let i = 1; i < 3000; i++) maxJump = Math.max(maxJump, Math.abs((L[i] ?? 0) - (L[i - 1] ?? 0)));
    expect(maxJump).toBeLessThan(0.8 / 32 + 1e-6);
    expect(v.active).toBe(false);
    expect(L[2999]).toBe(0);
  });

  it('keeps stereo sides apart and inverts the right side for surround', () => {
    const s: MixSample = { left: new Float64Array(100).fill(0.5), right: new Float64Array(100).fill(-0.25), frames: 100 };
    const v = new MixVoice();
    v.frequency = RATE;
    v.gainLeft = v.gainRight = 1;
    v.trigger(s, 0, false);
    const L = new Float32Array(10);
    const R = new Float32Array(10);
    mixVoices([v], L, R, 0, 10, settings('linear'));
    expect(L[5]).toBeCloseTo(0.5, 6);
    expect(R[5]).toBeCloseTo(-0.25, 6);
    const m = new MixVoice();
    m.frequency = RATE;
    m.gainLeft = m.gainRight = 1;
    m.surround = true;
    m.trigger({ left: new Float64Array(100).fill(0.5), right: null, frames: 100 }, 0, false);
    const L2 = new Float32Array(10);
    const R2 = new Float32Array(10);
    mixVoices([m], L2, R2, 0, 10, settings('linear'));
    expect(R2[5]).toBeCloseTo(-0.5, 6);
  });

  it('applies the filter: identity passes, a low-pass attenuates a high tone', () => {
    const n = 4800;
    const hi: MixSample = { left: Float64Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * 10000 * i) / RATE)), right: null, frames: n };
    const run = (filter: MixVoice['filter']) => {
      const v = new MixVoice();
      v.frequency = RATE;
      v.gainLeft = 1;
      v.filter = filter;
      v.trigger(hi, 0, false);
      const L = new Float32Array(n);
      mixVoices([v], L, new Float32Array(n), 0, n, settings('linear'));
      return Math.sqrt(L.subarray(1000, 4000).reduce((a, x) => a + x * x, 0) / 3000);
    };
    const none = run(null);
    expect(run({ a0: 1, b0: 0, b1: 0, highPass: false })).toBeCloseTo(none, 5);
    // A 500 Hz two-pole low-pass (coefficients as IT computes them).
    const fc = 2 * Math.PI * 500;
    const r = RATE / fc;
    const d = r;
    const e = r * r;
    const low = run({ a0: 1 / (1 + d + e), b0: (d + e + e) / (1 + d + e), b1: -e / (1 + d + e), highPass: false });
    expect(low).toBeLessThan(none / 50);
  });

  it('is deterministic', () => {
    const render = () => {
      const r = rng(9);
      const s = makeSample(3000, true, r);
      const v = makeVoice(s, 'pingpong', r);
      const L = new Float32Array(8192);
      const R = new Float32Array(8192);
      mixVoices([v], L, R, 0, 8192, settings('sinc'));
      return [L, R];
    };
    expect(render()).toEqual(render());
  });
});
