// Ping-pong loops for formats that loop forward only (MOD, S3M): the loop is written out once forwards
// and once backwards, and the result loops forward, so a player of that format hears the same
// back-and-forth, period for period. How a ping-pong loop turns at its end depends on the tracker
// (libopenmpt, and the mixer, follow it): Impulse Tracker turns a frame early, so one cycle is
// forward start..end-1 then back end-1..start+1 (2L-1 frames); the others turn at the end itself,
// whose frame reads as the last one, so the cycle holds end-1 once more (2L frames).

import type { Sample, SampleLoop, SamplePcm } from '../../song/song.js';

/** Frames a sample holds. */
export function framesOf(pcm: SamplePcm): number {
  return Math.floor(pcm.data.length / pcm.channels);
}

/**
 * `sample` with its ping-pong `loop` unrolled into a forward loop (data past the loop end, which a
 * looping sample never reaches, is dropped), or null when the result would exceed `maxFrames`.
 * `turn`: 1 for Impulse Tracker's turn a frame before the end, 0 for the turn at the end.
 * `evenLoop` (MOD, which counts in words): the loop starts on an even frame and spans an even number
 * of frames; the cycle is then written twice when its length is odd, and rotated by a frame when the
 * loop starts on an odd one, so the loop still repeats the same cycle.
 */
export function unrollPingPong(sample: Sample, loop: SampleLoop, maxFrames: number, turn: 0 | 1, evenLoop = false): Sample | null {
  const pcm = sample.pcm;
  const end = Math.min(loop.end, framesOf(pcm));
  const start = Math.max(0, Math.min(loop.start, end));
  const length = end - start;
  // One cycle, as sample frame numbers: forward start..end-1, then back end-1..start+1.
  const cycle: number[] = [];
  for (let f = start; f < end; f++) cycle.push(f);
  if (turn === 0 && length > 1) cycle.push(end - 1);
  for (let f = end - 1; f > start; f--) cycle.push(f);
  if (length === 1) cycle.length = 1;
  const repeats = evenLoop && cycle.length % 2 === 1 ? 2 : 1;
  const shift = evenLoop && start % 2 === 1 ? 1 : 0;
  const loopLength = cycle.length * repeats;
  const total = start + shift + loopLength;
  if (total > maxFrames) return null;
  const ch = pcm.channels;
  const data = new (pcm.data.constructor as { new (n: number): typeof pcm.data })(total * ch);
  data.set(pcm.data.subarray(0, start * ch) as never, 0);
  for (let k = 0; k < shift + loopLength; k++) {
    const from = (cycle[k % cycle.length] as number) * ch;
    for (let c = 0; c < ch; c++) data[(start + k) * ch + c] = pcm.data[from + c] as number;
  }
  return { ...sample, pcm: { ...pcm, data } as SamplePcm, loop: { start: start + shift, end: total, pingPong: false } };
}
