// Tick lengths in frames for the three tempo modes a song can use (src/song/profile.ts TempoMode):
// classic (every tracker), alternative, and OpenMPT's modern mode with its carried rounding error and
// tempo swing, computed as libopenmpt does so that song lengths agree to the frame.

import { signatureOf } from '../../song/pattern.js';
import type { ReplayerState } from './state.js';

/** Fractional tempos are kept in 1/10000 BPM, as OpenMPT stores them. */
const TEMPO_FRACTION = 10000;

/** Frames per tick at a tempo: floor(rate * 2.5 / tempo), as libopenmpt computes it. */
export function framesPerTick(sampleRate: number, tempo: number): number {
  const raw = Math.max(1, Math.round(tempo * TEMPO_FRACTION));
  return Math.max(1, Math.floor((sampleRate * 5 * TEMPO_FRACTION) / (raw * 2)));
}

/** The length of the tick about to play, in frames (modern mode carries its rounding error in `r`). */
export function tickFrames(r: ReplayerState): number {
  const profile = r.song.profile;
  const raw = Math.max(1, Math.round(r.tempo * TEMPO_FRACTION));
  switch (profile.tempoMode) {
    case 'alternative':
      return Math.max(1, Math.floor((r.sampleRate * TEMPO_FRACTION) / raw));
    case 'modern': {
      // OpenMPT quirk: modern tempo is beats per minute of rowsPerBeat rows (the pattern's own time
      // signature when it has one); the fraction of a frame each tick loses is carried to the next,
      // and swing (the pattern's own, or the song's) stretches rows. Test: timing.test.ts "tempo modes"
      const pattern = r.song.patterns[r.pattern];
      const rowsPerBeat = signatureOf(pattern, r.song).rowsPerBeat;
      let accurate = r.sampleRate * (60 / ((raw / TEMPO_FRACTION) * Math.max(1, r.speed) * Math.max(1, rowsPerBeat)));
      const swing = pattern?.swing ?? profile.tempoSwing;
      if (swing.length > 0) accurate *= swing[r.row % swing.length] ?? 1;
      let frames = Math.trunc(accurate);
      r.tempoError += accurate - frames;
      if (r.tempoError >= 1) {
        frames++;
        r.tempoError--;
      } else if (r.tempoError <= -1) {
        frames--;
        r.tempoError++;
      }
      return Math.max(1, frames);
    }
    default:
      return framesPerTick(r.sampleRate, r.tempo);
  }
}
