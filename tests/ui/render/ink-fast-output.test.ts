// The fast frame path in front of Ink's Output: installed on this Ink, and byte for byte the frame
// Ink's own Output.get() makes, for every screen, dialog and colour level; other shapes fall back.
import { describe, expect, it } from 'vitest';
import { loadSongFile } from '../../../src/storage/song-file.js';
import { defaultKeymap } from '../../../src/ui/keys/keymap.js';
import { inkNormalize } from '../../../src/ui/render/ink-normalize.js';
import { installInkFastOutput, internals } from '../../../src/ui/render/ink-fast-output.js';
import { screenLines } from '../../../src/ui/render/screen-lines.js';
import { type ColorLevel, Theme } from '../../../src/ui/render/theme.js';
import { DEFAULT_PREFERENCES } from '../../../src/ui/settings/settings.js';
import { initialState, type AppState, type Modal, type View } from '../../../src/ui/store/app-state.js';

interface InkOutput {
  write(x: number, y: number, text: string, options: { transformers: ((s: string, i: number) => string)[] }): void;
  clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
}
type OutputCtor = new (o: { width: number; height: number }) => InkOutput;

async function outputClass(): Promise<OutputCtor> {
  const mod = (await import(new URL('./output.js', import.meta.resolve('ink')).href)) as { default: OutputCtor };
  return mod.default;
}

const demo = loadSongFile('songs/demo-night-drive.trk').song;
const keymap = defaultKeymap();
const identity = (s: string) => s;

function state(view: View, modal: Modal | null, size: { columns: number; rows: number }): AppState {
  const s = initialState({ song: demo, filePath: '/songs/demo.trk', preferences: DEFAULT_PREFERENCES, workDir: '/', size });
  return {
    ...s, view, modal, cursor: { ...s.cursor, row: 45, channel: 3, column: 7 },
    selection: { pattern: s.cursor.pattern, anchorRow: 40, anchorChannel: 1, row: 47, channel: 3 },
    playback: { playing: true, paused: false, order: 0, pattern: s.cursor.pattern, row: 44, tick: 0, speed: 6, tempo: 125, seconds: 3, vu: [1, 0.5, 0.2, 0, 0.9] },
  };
}

const views: View[] = [
  { kind: 'pattern' }, { kind: 'orders' }, { kind: 'samples', field: 2 }, { kind: 'settings', field: 0 },
  { kind: 'instruments', field: 1, envelope: 'volumeEnvelope', graph: true },
  { kind: 'help', query: 'block', searching: true, scroll: 0 },
];
const modals: (Modal | null)[] = [
  null,
  { kind: 'confirm', title: 'Sure?', lines: ['a very long line '.repeat(20)], yes: { kind: 'quit' }, no: { kind: 'none' } },
  { kind: 'choose', title: 'Pick', options: ['one', 'two'], selected: 1, target: { kind: 'waveform' } },
];

describe('fast Ink output', () => {
  it('is installed on this Ink', async () => {
    expect(await installInkFastOutput()).toBe(true);
  });

  it('gives the same frames as Ink\'s own output', async () => {
    await installInkFastOutput();
    const Output = await outputClass();
    let compared = 0;
    for (const level of ['truecolor', '256', '16', 'none'] as ColorLevel[]) {
      const theme = new Theme(level);
      for (const [columns, rows] of [[80, 24], [160, 50]] as const) {
        for (const view of views) {
          for (const modal of modals) {
            const lines = screenLines(state(view, modal, { columns, rows }), keymap, theme, columns, rows);
            for (const normalize of [true, false]) {
              const out = new Output({ width: columns, height: rows });
              lines.forEach((l, y) => out.write(0, y, normalize ? inkNormalize(l) : l, { transformers: [identity] }));
              const fast = internals.fastFrame(out as never);
              expect(fast, `${level} ${columns}x${rows} ${view.kind} ${modal?.kind ?? ''}`).not.toBeNull();
              expect(fast).toEqual(internals.inkFrame(out as never));
              compared++;
            }
          }
        }
      }
    }
    expect(compared).toBe(4 * 2 * views.length * modals.length * 2);
  });

  it('matches Ink for short rows and missing rows, and leaves other shapes to Ink', async () => {
    await installInkFastOutput();
    const Output = await outputClass();
    const short = new Output({ width: 20, height: 3 });
    short.write(0, 0, '\u001b[1;31mred\u001b[0m  ', { transformers: [identity] });
    short.write(0, 2, 'plain', { transformers: [(s) => `\u001b[4m${s}\u001b[24m`] });
    expect(internals.fastFrame(short as never)).toEqual(internals.inkFrame(short as never));
    const shapes: ((o: InkOutput) => void)[] = [
      (o) => o.write(2, 0, 'indented', { transformers: [] }),
      (o) => o.write(0, 0, 'two\nlines', { transformers: [] }),
      (o) => o.write(0, 0, 'wide \u4e2d', { transformers: [] }),
      (o) => { o.write(0, 0, 'a', { transformers: [] }); o.write(0, 0, 'b', { transformers: [] }); },
      (o) => { o.clip({ x1: 0, x2: 5 }); o.write(0, 0, 'clipped text', { transformers: [] }); o.unclip(); },
      (o) => o.write(0, 0, 'x'.repeat(30), { transformers: [] }),
    ];
    for (const shape of shapes) {
      const out = new Output({ width: 20, height: 3 });
      shape(out);
      expect(internals.fastFrame(out as never)).toBeNull();
      expect(out.get()).toEqual(internals.inkFrame(out as never));
    }
  });
});
