// The save screen tells, before saving, what the chosen format holds (its limits table) and what of
// this song it cannot hold (the writer's warnings, semantic losses included), or that it holds it all.
import { describe, expect, it } from 'vitest';
import { loadSongFile } from '../../../src/storage/song-file.js';
import { formatLosses } from '../../../src/ui/commands/file-commands.js';
import { defaultKeymap } from '../../../src/ui/keys/keymap.js';
import { screenLines } from '../../../src/ui/render/screen-lines.js';
import { stripAnsi, Theme } from '../../../src/ui/render/theme.js';
import { DEFAULT_PREFERENCES } from '../../../src/ui/settings/settings.js';
import { initialState, type AppState } from '../../../src/ui/store/app-state.js';

const demo = loadSongFile('songs/demo-night-drive.trk').song;

function saveScreen(format: 'trk' | 'it' | 'xm' | 'mod'): string[] {
  const s = initialState({ song: demo, filePath: '/songs/demo.trk', preferences: DEFAULT_PREFERENCES, workDir: '/', size: { columns: 100, rows: 30 } });
  const state: AppState = { ...s, view: { kind: 'files', mode: 'save', dir: '/songs', entries: [], selected: 0, pane: 'folder', format } };
  return screenLines(state, defaultKeymap(), new Theme('none'), 100, 30).map(stripAnsi);
}

describe('save screen: what the chosen format cannot hold', () => {
  it('lists the first losses and how many there are, with the format\'s limits', () => {
    const text = saveScreen('mod').join('\n');
    const losses = formatLosses(demo, 'mod');
    expect(losses.length).toBeGreaterThan(2);
    expect(text).toContain(`MOD cannot hold ${losses.length} things of this song (first 2; all are listed before saving):`);
    expect(text).toContain(`   - ${losses[0]!.slice(0, 40)}`);
    expect(text).toContain(`   - ${losses[1]!.slice(0, 40)}`);
    expect(text).toContain('MOD holds 99 channels, 64 rows, 128 patterns, 128 orders');
  });

  it('says when the format holds the song as it is', () => {
    expect(formatLosses(demo, 'it')).toEqual([]);
    const text = saveScreen('it').join('\n');
    expect(text).toContain('IT holds this song as it is');
    expect(saveScreen('trk').join('\n')).toContain('TRK holds this song as it is');
  });

  it('works the losses out once per song and format', () => {
    expect(formatLosses(demo, 'xm')).toBe(formatLosses(demo, 'xm'));
  });
});
