// What the engine must hear after the editor state changed: the smallest messages that bring its
// copy of the song up to date (song fields the player reads as it goes, one pattern, sample or
// instrument where possible, else the whole song), and mute changes.

import { type EngineCommand, LIVE_SONG_FIELDS, type LiveSongField } from '../../engine/protocol.js';
import type { Song } from '../../song/song.js';

const PARTS = new Set<keyof Song>(['patterns', 'samples', 'instruments']);
const LIVE = new Set<keyof Song>(LIVE_SONG_FIELDS);

function changedIndices<T>(a: readonly T[], b: readonly T[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) out.push(i);
  return out;
}

/** Messages that turn the engine's `prev` song into `next`. */
export function songSyncCommands(prev: Song, next: Song): EngineCommand[] {
  if (prev === next) return [];
  const fields: Partial<Pick<Song, LiveSongField>> = {};
  let liveChanges = 0;
  for (const key of Object.keys(next) as (keyof Song)[]) {
    if (PARTS.has(key) || prev[key] === next[key]) continue;
    // A change the player cannot take as it plays (profile, channels, MIDI macros) rebuilds it.
    if (!LIVE.has(key)) return [{ type: 'setSong', song: next }];
    (fields as Record<string, unknown>)[key] = next[key];
    liveChanges++;
  }
  // New patterns, samples and instruments are sent one by one (appended); removing any rebuilds.
  if (prev.patterns.length > next.patterns.length || prev.samples.length > next.samples.length || prev.instruments.length > next.instruments.length) {
    return [{ type: 'setSong', song: next }];
  }
  const commands: EngineCommand[] = [];
  for (const i of changedIndices(prev.patterns, next.patterns)) commands.push({ type: 'setPattern', index: i, pattern: next.patterns[i] as Song['patterns'][number] });
  for (const i of changedIndices(prev.samples, next.samples)) commands.push({ type: 'setSample', index: i, sample: next.samples[i] as Song['samples'][number] });
  for (const i of changedIndices(prev.instruments, next.instruments)) commands.push({ type: 'setInstrument', index: i, instrument: next.instruments[i] as Song['instruments'][number] });
  if (commands.length > 16) return [{ type: 'setSong', song: next }];
  // The fields go last, so an order list never names a pattern the engine has not been sent.
  if (liveChanges > 0) commands.push({ type: 'setSongFields', fields });
  return commands;
}

/** setMute messages for channels whose mute changed (every channel after a whole-song update). */
export function muteSyncCommands(prev: readonly boolean[], next: readonly boolean[], wholeSong: boolean): EngineCommand[] {
  const out: EngineCommand[] = [];
  next.forEach((muted, channel) => {
    if (wholeSong || (prev[channel] ?? false) !== muted) out.push({ type: 'setMute', channel, muted });
  });
  return out;
}
