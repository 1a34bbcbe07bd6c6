// MIDI clock out: 24 pulses per quarter note derived from the replayer's ticks. A beat is
// rows-per-beat rows of `speed` ticks, so each tick carries 24 / (rowsPerBeat x speed) pulses; pulses
// that fall inside a tick are placed at their exact frame, so the clock follows every speed and
// tempo change (and row delays, which add ticks) exactly. Also the Song Position Pointer of an order
// and row. Pure.

import type { Song } from '../../song/song.js';
import { CLOCK, songPosition } from './midi-message.js';
import type { MidiSink } from './midi-notes.js';

const EPSILON = 1e-9;

/** Pulses in one tick at a speed and rows-per-beat. */
export function pulsesPerTick(speed: number, rowsPerBeat: number): number {
  return 24 / (Math.max(1, rowsPerBeat) * Math.max(1, speed));
}

export class MidiClockOut {
  /** Pulses sent so far, fractional: the position in the clock. */
  private phase = 0;

  /** Restarts counting (the next tick's start is a pulse). */
  reset(): void {
    this.phase = 0;
  }

  /**
   * Sends the pulses of one tick that starts at `frame` and lasts `frames` frames, at `speed` ticks per
   * row. The first pulse of a playback falls on the first frame.
   */
  tick(frame: number, frames: number, speed: number, rowsPerBeat: number, out: MidiSink): void {
    const ppt = pulsesPerTick(speed, rowsPerBeat);
    const start = this.phase;
    const end = start + ppt;
    for (let k = Math.ceil(start - EPSILON); k < end - EPSILON; k++) {
      const at = frame + Math.floor(((Math.max(k, start) - start) / ppt) * frames + EPSILON);
      out(at, null, [CLOCK]);
    }
    // Snap to whole pulses when floating-point sums land within rounding of one.
    const rounded = Math.round(end);
    this.phase = Math.abs(end - rounded) < EPSILON ? rounded : end;
  }

  /** Pulses counted so far. */
  get pulses(): number {
    return this.phase;
  }
}

/** Rows played from the start of the song to `order`, `row` (following the order list; '+++' skipped). */
export function rowsBefore(song: Song, order: number, row: number): number {
  let rows = 0;
  for (let o = 0; o < order && o < song.orders.length; o++) {
    const e = song.orders[o];
    if (e === 'end') break;
    if (typeof e !== 'number') continue;
    rows += song.patterns[e]?.rows ?? 0;
  }
  return rows + row;
}

/** The Song Position Pointer message for an order and row (MIDI beats = sixteenth notes). */
export function songPositionMessage(song: Song, order: number, row: number): number[] {
  const rpb = Math.max(1, song.rowsPerBeat || 4);
  return songPosition(Math.floor((rowsBefore(song, order, row) * 4) / rpb));
}

/** The order and row at a Song Position Pointer (sixteenth notes from the start). */
export function positionAtSixteenths(song: Song, sixteenths: number): { order: number; row: number } {
  const rpb = Math.max(1, song.rowsPerBeat || 4);
  let rows = Math.floor((sixteenths * rpb) / 4);
  for (let o = 0; o < song.orders.length; o++) {
    const e = song.orders[o];
    if (e === 'end') break;
    if (typeof e !== 'number') continue;
    const n = song.patterns[e]?.rows ?? 0;
    if (rows < n) return { order: o, row: rows };
    rows -= n;
  }
  return { order: 0, row: 0 };
}
