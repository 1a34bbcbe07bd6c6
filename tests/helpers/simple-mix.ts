// A small, obviously-correct nearest-neighbour mixer for engine tests that must not depend on the
// production mixer's interpolation details (sample accuracy, scheduling). Handles forward, backward
// and ping-pong playback and the ProTracker one-shot loop hand-over.
import type { MixVoice } from '../../src/engine/mixer/voice.js';

export function simpleMix(sampleRate: number) {
  return (voices: readonly MixVoice[], left: Float32Array, right: Float32Array, offset: number, frames: number): void => {
    for (const v of voices) {
      if (!v.active || !v.sample) continue;
      const data = v.sample.left;
      const step = v.frequency / sampleRate;
      for (let i = 0; i < frames; i++) {
        if (v.stopping) {
          v.active = false;
          break;
        }
        v.currentLeft = v.gainLeft;
        v.currentRight = v.gainRight;
        const x = data[Math.floor(v.position)] ?? 0;
        left[offset + i] = (left[offset + i] ?? 0) + x * v.currentLeft;
        right[offset + i] = (right[offset + i] ?? 0) + x * v.currentRight;
        v.framesPlayed++;
        v.position += step * v.direction;
        if (v.direction > 0 && v.position >= v.loopEnd) {
          if (v.loopMode === 'none') {
            v.active = false;
            break;
          }
          if (v.pendingLoopEnd >= 0) {
            v.loopEnd = v.pendingLoopEnd;
            v.pendingLoopEnd = -1;
          }
          if (v.loopMode === 'pingpong') {
            v.position = 2 * v.loopEnd - v.position;
            v.direction = -1;
          } else v.position -= v.loopEnd - v.loopStart;
        } else if (v.direction < 0 && v.position < (v.loopMode === 'none' ? 0 : v.loopStart)) {
          if (v.loopMode === 'none') {
            v.active = false;
            break;
          }
          if (v.loopMode === 'pingpong') {
            v.position = 2 * v.loopStart - v.position;
            v.direction = 1;
          } else v.position += v.loopEnd - v.loopStart;
        }
      }
    }
  };
}
