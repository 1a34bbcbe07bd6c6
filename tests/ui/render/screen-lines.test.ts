// Screen lines: every screen, with and without a dialog, is exactly as tall and as wide as the
// terminal at 80x24 and 160x50; the pattern page flips; colour levels follow the environment.
import { describe, expect, it } from 'vitest';
import { loadSongFile } from '../../../src/storage/song-file.js';
import { defaultKeymap } from '../../../src/ui/keys/keymap.js';
import { stripAnsi, detectColorLevel, Theme } from '../../../src/ui/render/theme.js';
import { screenLines } from '../../../src/ui/render/screen-lines.js';
import { envelopeGraph, sampleWaveform } from '../../../src/ui/render/form-view.js';
import { createSample } from '../../../src/song/create.js';
import { DEFAULT_PREFERENCES } from '../../../src/ui/settings/settings.js';
import { initialState, type AppState, type Modal, type View } from '../../../src/ui/store/app-state.js';

const demo = loadSongFile('songs/demo-night-drive.trk').song;
const keymap = defaultKeymap();

function state(view: View, modal: Modal | null = null): AppState {
  const s = initialState({ song: demo, filePath: '/songs/demo.trk', preferences: DEFAULT_PREFERENCES, workDir: '/', size: { columns: 80, rows: 24 } });
  return { ...s, view, modal, recentFiles: ['/a.trk'], cursor: { ...s.cursor, row: 45, channel: 6 } };
}

const views: View[] = [
  { kind: 'pattern' }, { kind: 'orders' }, { kind: 'samples', field: 2 }, { kind: 'settings', field: 0 },
  { kind: 'instruments', field: 1, envelope: 'volumeEnvelope', graph: true },
  { kind: 'files', mode: 'save', dir: '/songs', entries: [{ name: '..', isDirectory: true, size: 0 }, { name: 'x.trk', isDirectory: false, size: 2048 }], selected: 1, pane: 'folder', format: 'trk' },
  { kind: 'help', query: '', searching: false, scroll: 5 },
];
const modals: Modal[] = [
  { kind: 'confirm', title: 'Sure?', lines: ['a very long line '.repeat(20)], yes: { kind: 'quit' }, no: { kind: 'none' } },
  { kind: 'prompt', title: 'Name', text: 'abc', target: { kind: 'loadWav' } },
  { kind: 'choose', title: 'Pick', options: Array.from({ length: 60 }, (_, i) => `option ${i}`), selected: 40, target: { kind: 'waveform' } },
];

describe('screen size', () => {
  for (const [columns, rows] of [[80, 24], [160, 50]] as const) {
    it(`draws every screen at exactly ${columns}x${rows}`, () => {
      const theme = new Theme('truecolor');
      for (const view of views) {
        for (const modal of [null, ...modals]) {
          const lines = screenLines(state(view, modal), keymap, theme, columns, rows);
          expect(lines, `${view.kind} ${modal?.kind ?? ''}`).toHaveLength(rows);
          for (const l of lines) expect(stripAnsi(l).length, `${view.kind} ${modal?.kind ?? ''}: ${stripAnsi(l)}`).toBe(columns);
        }
      }
    });
  }

  const ALL_HINTS = 'F1 help F2 pat F3 smp F4 ins F5 play F8 stop F9 open F10 save F11 ord F12 song';
  it('the title line shows whole key hints, as many as fit (80 columns: none cut in half; 160: all)', () => {
    for (const view of views) {
      const narrow = stripAnsi(screenLines(state(view), keymap, new Theme('none'), 80, 24)[0] ?? '').trimEnd();
      const hints = narrow.slice(narrow.indexOf('F1 help'));
      expect(hints.length, view.kind).toBeGreaterThan(0);
      expect(`${ALL_HINTS} `.startsWith(`${hints} `), `${view.kind}: "${hints}"`).toBe(true);
      const wide = stripAnsi(screenLines(state(view), keymap, new Theme('none'), 160, 50)[0] ?? '').trimEnd();
      expect(wide.endsWith(ALL_HINTS), view.kind).toBe(true);
    }
  });

  it('flips the pattern page: row 45 shows rows 40..59 at 80x24; channel 7 of 8 scrolls channels 3..7 into view', () => {
    const lines = screenLines(state({ kind: 'pattern' }), keymap, new Theme('none'), 80, 24).map(stripAnsi);
    expect(lines[2]?.startsWith(' 40 |')).toBe(true);
    expect(lines[21]?.startsWith(' 59 |')).toBe(true);
    expect(lines[1]).toMatch(/^<ED \|03 +Hats .*\|07 +Lead +>$/);
    const first = screenLines({ ...state({ kind: 'pattern' }), cursor: { ...state({ kind: 'pattern' }).cursor, channel: 0 } }, keymap, new Theme('none'), 80, 24).map(stripAnsi);
    expect(first[1]).toMatch(/^ ED \|01 +Kick .*\|05 +Pad 3r +>$/);
  });
});

describe('colour levels', () => {
  it('follows NO_COLOR, the setting, COLORTERM and TERM', () => {
    expect(detectColorLevel('truecolor', { NO_COLOR: '1' })).toBe('none');
    expect(detectColorLevel('16', {})).toBe('16');
    expect(detectColorLevel('auto', { COLORTERM: 'truecolor', TERM: 'xterm' })).toBe('truecolor');
    expect(detectColorLevel('auto', { TERM: 'tmux-256color' })).toBe('256');
    expect(detectColorLevel('auto', { TERM: 'screen' })).toBe('16');
    expect(detectColorLevel('auto', { TERM: 'dumb' })).toBe('none');
    // GNU screen passes the outer terminal's COLORTERM on but has no 24-bit colour of its own.
    expect(detectColorLevel('auto', { COLORTERM: 'truecolor', TERM: 'screen', STY: '1234.pts-0.host' })).toBe('16');
    expect(detectColorLevel('auto', { COLORTERM: 'truecolor', TERM: 'screen.xterm-256color', STY: '1234.pts-0.host' })).toBe('256');
    expect(detectColorLevel('truecolor', { STY: '1234.pts-0.host' })).toBe('truecolor');
  });
});

describe('envelope graph', () => {
  it('draws points and the lines between them', () => {
    const g = envelopeGraph({ enabled: true, points: [{ tick: 0, value: 64 }, { tick: 10, value: 0 }], loop: null, sustain: null, carry: false }, 11, 3, 0, 64);
    expect(g[0]?.[0]).toBe('*');
    expect(g[2]?.[10]).toBe('*');
    for (let x = 0; x < 11; x++) expect(g.filter((row) => row[x] !== ' ').length, `column ${x}`).toBe(1);
  });
});

describe('sample waveform', () => {
  it('draws each column\'s range, the zero line and the loop points', () => {
    const data = Int16Array.from({ length: 100 }, (_, i) => Math.round(-32768 + (65535 * i) / 99));
    const smp = { ...createSample(), pcm: { bits: 16 as const, channels: 1 as const, data }, loop: { start: 50, end: 90, pingPong: false } };
    const w = sampleWaveform(smp, 10, 5);
    // A ramp from -1 to 1 over 10 columns of 5 rows; the loop from frame 50 (column 5) to 90 (column 9).
    expect(w).toEqual([
      '     :  ##',
      '     :###:',
      '---####--:',
      ' ### :   :',
      '##   :   :',
    ]);
    expect(sampleWaveform(smp, 10, 5)).toBe(w);
  });
});
