// Runs the replayer and mixer over a small made-up song once when the engine starts, so that the first
// chunks of real playback run compiled code: cold, they took 15-45 ms each here, more than the whole
// render-ahead, and the first second of a song stuttered.

import { createSong } from '../../song/create.js';
import { createPattern, writeCell } from '../../song/pattern.js';
import type { Sample } from '../../song/song.js';
import type { MixFunction } from '../replayer/player.js';
import { EngineCore } from './engine-core.js';

function tone(bits: 8 | 16, length: number): Sample {
  const pcm: Sample['pcm'] =
    bits === 8
      ? { bits, channels: 1, data: Int8Array.from({ length }, (_, k) => Math.round(Math.sin(k / 5) * 100)) }
      : { bits, channels: 1, data: Int16Array.from({ length }, (_, k) => Math.round(Math.sin(k / 7) * 20000)) };
  return {
    name: 'warm-up',
    fileName: '',
    pcm,
    loop: { start: 0, end: length, pingPong: bits === 16 },
    sustainLoop: null,
    tuning: { kind: 'c5speed', c5Speed: 8363 },
    volume: 48,
    globalVolume: 64,
    pan: null,
    vibrato: { waveform: 'sine', speed: 0, depth: 0, sweep: 0 },
    adlib: null,
  };
}

/** Renders `seconds` of a busy 8-channel song (and a previewed note) and throws the sound away. */
export function warmUpEngine(mix: MixFunction, master: ((l: Float32Array, r: Float32Array, n: number) => void) | undefined, sampleRate: number, seconds = 1): void {
  const channels = 8;
  const pattern = createPattern(64, channels);
  for (let row = 0; row < 64; row += 2) {
    for (let c = 0; c < channels; c++) {
      if ((row / 2 + c) % 3 === 0) writeCell(pattern, row, c, { note: 37 + ((row + c * 7) % 36), instrument: 1 + (c % 2), volume: { kind: 'volume', value: 32 + c * 4 }, effects: [null] });
    }
  }
  const song = createSong({ channels }, { samples: [tone(8, 3000), tone(16, 2000)], patterns: [pattern], orders: [0], initialSpeed: 3 });
  const core = new EngineCore({ sampleRate, mix, master });
  core.handle({ type: 'setSong', song });
  core.handle({ type: 'play', mode: 'song', order: 0, row: 0 });
  const frames = 384;
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  for (let done = 0; done < seconds * sampleRate; done += frames) {
    if (done === frames * 8) core.handle({ type: 'previewNote', note: 49, instrument: 1, volume: 64, channel: 0 });
    core.snapshot();
    core.render(left, right, frames);
  }
}
