// What the engine must hear after the editor state changed: the smallest messages that bring its
// copy of the song up to date (one pattern, sample or instrument where possible, else the whole
// song), and mute changes.

import type { EngineCommand } from '../../engine/protocol.js';
import type { Song } from '../../song/song.js';

const PARTS = new Set<keyof Song>(['patterns', 'samples', 'instruments']);

function changedIndices<T>(a: readonly T[], b: readonly T[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) out.push(i);
  return out;
}

/** Messages that turn the engine's `prev` song into `next`. */
export function songSyncCommands(prev: Song, next: Song): EngineCommand[] {
  if (prev === next) return [];
  for (const key of Object.keys(next) as (keyof Song)[]) {
    if (!PARTS.has(key) && prev[key] !== next[key]) return [{ type: 'setSong', song: next }];
  }
  if (prev.patterns.length !== next.patterns.length || prev.samples.length !== next.samples.length || prev.instruments.length !== next.instruments.length) {
    return [{ type: 'setSong', song: next }];
  }
  const commands: EngineCommand[] = [];
  for (const i of changedIndices(prev.patterns, next.patterns)) commands.push({ type: 'setPattern', index: i, pattern: next.patterns[i] as Song['patterns'][number] });
  for (const i of changedIndices(prev.samples, next.samples)) commands.push({ type: 'setSample', index: i, sample: next.samples[i] as Song['samples'][number] });
  for (const i of changedIndices(prev.instruments, next.instruments)) commands.push({ type: 'setInstrument', index: i, instrument: next.instruments[i] as Song['instruments'][number] });
  return commands.length > 16 ? [{ type: 'setSong', song: next }] : commands;
}

/** setMute messages for channels whose mute changed (every channel after a whole-song update). */
export function muteSyncCommands(prev: readonly boolean[], next: readonly boolean[], wholeSong: boolean): EngineCommand[] {
  const out: EngineCommand[] = [];
  next.forEach((muted, channel) => {
    if (wholeSong || (prev[channel] ?? false) !== muted) out.push({ type: 'setMute', channel, muted });
  });
  return out;
}
