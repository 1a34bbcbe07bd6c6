// The root component: reads the store, draws the screen as one memoised <Text> per line (each a
// pre-coloured string of the terminal's width, exactly as many lines as the terminal is tall), and
// forwards decoded keys from stdin to the store. It never interprets keys itself.

import { Box, Text, useStdin, useWindowSize } from 'ink';
import { memo, useEffect, useMemo, useSyncExternalStore } from 'react';
import { KeyDecoder } from '../keys/key-decoder.js';
import { installInkFastOutput } from '../render/ink-fast-output.js';
import { inkNormalize } from '../render/ink-normalize.js';
import { screenLines } from '../render/screen-lines.js';
import { type ColorLevel, Theme } from '../render/theme.js';
import type { ScreenSize } from '../store/app-state.js';
import type { AppStore } from '../store/store.js';

/**
 * How the editor asks Ink to draw: only changed lines are written, on the alternate screen. The
 * store already limits playback redraws to the display frame rate, so Ink's own throttle is kept
 * short: a key press right after a playback frame is not held back.
 */
export const INK_OPTIONS = { exitOnCtrlC: false, incrementalRendering: true, maxFps: 1000, alternateScreen: true, interactive: true } as const;

export interface AppProps {
  readonly store: AppStore;
  readonly colorLevel: ColorLevel;
  /** A fixed terminal size (tests); otherwise the real terminal's, following resizes. */
  readonly size?: ScreenSize;
}

// Ink re-tokenises every row of every frame into cells; whole-row frames like ours can skip that.
await installInkFastOutput();

/** How long a cut-off escape sequence may wait for its end before it counts as typed keys. */
const PENDING_SEQUENCE_MS = 40;

/** Reads stdin, splits it into keys and hands them to the store. */
function useKeyInput(store: AppStore): void {
  const { stdin } = useStdin();
  useEffect(() => {
    const decoder = new KeyDecoder();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onData = (chunk: string | Buffer) => {
      if (timer) clearTimeout(timer);
      timer = null;
      const keys = decoder.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      if (keys.length > 0) store.dispatch({ type: 'keys', keys });
      if (decoder.hasPending()) {
        timer = setTimeout(() => {
          timer = null;
          const rest = decoder.flush();
          if (rest.length > 0) store.dispatch({ type: 'keys', keys: rest });
        }, PENDING_SEQUENCE_MS);
      }
    };
    stdin.on('data', onData);
    return () => {
      if (timer) clearTimeout(timer);
      stdin.off('data', onData);
    };
  }, [stdin, store]);
}

const Line = memo(function Line({ text }: { readonly text: string }) {
  return <Text wrap="truncate-end">{text}</Text>;
});

export function App({ store, colorLevel, size }: AppProps) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const win = useWindowSize();
  const columns = size?.columns ?? win.columns;
  const rows = size?.rows ?? win.rows;
  useKeyInput(store);
  useEffect(() => {
    const s = store.getState().size;
    if (s.columns !== columns || s.rows !== rows) store.dispatch({ type: 'resize', size: { columns, rows } });
  }, [store, columns, rows]);
  const theme = useMemo(() => new Theme(colorLevel), [colorLevel]);
  const lines = screenLines(state, store.keys.keymap, theme, columns, rows);
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      {lines.map((line, i) => <Line key={i} text={inkNormalize(line)} />)}
    </Box>
  );
}
