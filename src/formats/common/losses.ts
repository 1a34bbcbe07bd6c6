// What a writer could not keep, each kind of loss once with a count: the export linter's words,
// shown before saving and printed by `tracker convert`.

import type { Song } from '../../song/song.js';

export class Losses {
  private readonly counts = new Map<string, number>();

  add(what: string): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + 1);
  }

  list(): string[] {
    return [...this.counts].map(([what, n]) => (n > 1 ? `${what} (${n} times)` : what));
  }
}

/** Reports OpenMPT timing that the module writers do not store: tempo modes, swing, fractional tempo. */
export function addTimingLosses(song: Song, losses: Losses): void {
  if (song.profile.tempoMode !== 'classic') losses.add(`OpenMPT's ${song.profile.tempoMode} tempo mode lost: the song plays with classic tempo timing`);
  if (song.profile.tempoSwing.length > 0) losses.add('tempo swing lost');
  if (!Number.isInteger(song.initialTempo)) losses.add(`fractional tempo ${song.initialTempo} rounded`);
}
