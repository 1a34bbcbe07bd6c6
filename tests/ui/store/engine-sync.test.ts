// What the engine is told after edits: one pattern/sample/instrument when only that changed, the
// whole song after structural edits, and mute changes (all channels after a whole-song update).
import { describe, expect, it } from 'vitest';
import { createSample, createSong } from '../../../src/song/create.js';
import { editCell } from '../../../src/song/edit-cell.js';
import { addSample, setSampleFields } from '../../../src/song/edit-instrument.js';
import { insertOrder, newPatternAtOrder } from '../../../src/song/edit-order.js';
import { setChannelCount } from '../../../src/song/edit-pattern.js';
import { setSongSettings } from '../../../src/song/edit-song.js';
import { muteSyncCommands, songSyncCommands } from '../../../src/ui/store/engine-sync.js';

describe('engine sync', () => {
  const song = addSample(createSong(), createSample()).song;

  it('sends nothing for the same song and one pattern for a cell edit', () => {
    expect(songSyncCommands(song, song)).toEqual([]);
    const edited = editCell(song, { pattern: 0, row: 0, channel: 0 }, { note: 50 });
    expect(songSyncCommands(song, edited)).toEqual([{ type: 'setPattern', index: 0, pattern: edited.patterns[0] }]);
  });

  it('sends one sample for a sample edit, the whole song for structure or playback rules', () => {
    const s = addSample(createSong(), createSample()).song;
    const changed = setSampleFields(s, 1, { volume: 10 });
    expect(songSyncCommands(s, changed)).toEqual([{ type: 'setSample', index: 0, sample: changed.samples[0] }]);
    expect(songSyncCommands(s, { ...s, profile: { ...s.profile, tempoMode: 'modern' } })[0]?.type).toBe('setSong');
    expect(songSyncCommands(s, setChannelCount(s, 6))[0]?.type).toBe('setSong');
  });

  it('sends the fields a playing song can take as it plays (order list, settings) without rebuilding it', () => {
    const s = addSample(createSong(), createSample()).song;
    expect(songSyncCommands(s, setSongSettings(s, { initialTempo: 140 }))).toEqual([{ type: 'setSongFields', fields: { initialTempo: 140 } }]);
    const reordered = insertOrder(s, 1, 0);
    expect(songSyncCommands(s, reordered)).toEqual([{ type: 'setSongFields', fields: { orders: reordered.orders } }]);
    const both = editCell(setSongSettings(s, { title: 'x' }), { pattern: 0, row: 0, channel: 0 }, { note: 50 });
    expect(songSyncCommands(s, both)).toEqual([{ type: 'setPattern', index: 0, pattern: both.patterns[0] }, { type: 'setSongFields', fields: { title: 'x' } }]);
  });

  it('sends a pattern, sample or instrument added while playing on its own, before the order list naming it', () => {
    const s = addSample(createSong(), createSample()).song;
    const added = newPatternAtOrder(s, 0);
    const index = added.song.patterns.length - 1;
    expect(songSyncCommands(s, added.song)).toEqual([{ type: 'setPattern', index, pattern: added.song.patterns[index] }, { type: 'setSongFields', fields: { orders: added.song.orders } }]);
    const more = addSample(s, createSample({ name: 'two' })).song;
    expect(songSyncCommands(s, more)).toEqual([{ type: 'setSample', index: 1, sample: more.samples[1] }]);
    // Removing one rebuilds the engine's song.
    expect(songSyncCommands(more, s)[0]?.type).toBe('setSong');
  });

  it('sends mute changes, and every channel after a whole-song update', () => {
    expect(muteSyncCommands([false, false], [false, true], false)).toEqual([{ type: 'setMute', channel: 1, muted: true }]);
    expect(muteSyncCommands([false, true], [false, true], true)).toEqual([{ type: 'setMute', channel: 0, muted: false }, { type: 'setMute', channel: 1, muted: true }]);
  });
});
