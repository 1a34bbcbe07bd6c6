// A faster frame for Ink 8's Output, for screens made of whole single-line <Text> rows (ours): each
// row's final string is cached across frames instead of re-tokenised into a grid of cells every
// frame. Same bytes as Ink's own Output.get(); any other frame shape falls back to it. Test: "gives
// the same frames as Ink's own output" (tests/ui/render/ink-fast-output.test.ts).

import { styledCharsFromTokens, styledCharsToString, tokenize } from '@alcalzone/ansi-tokenize';

/** The parts of Ink's internal Output class this module relies on. */
interface OutputLike {
  width: number;
  height: number;
  operations: readonly InkOperation[];
  get(): { output: string; height: number };
}

type InkOperation =
  | { readonly type: 'write'; readonly x: number; readonly y: number; readonly text: string; readonly transformers: readonly ((line: string, index: number) => string)[] }
  | { readonly type: 'clip' | 'unclip' };

interface OutputClass {
  prototype: OutputLike;
}

/** Distinct rows remembered; a few screens' worth of pattern pages fit. */
const MAX_ROWS_CACHED = 8192;
/** Row text (after Ink's text transform) + width -> the string Ink would put in the frame, or null when only Ink's own path is exact. */
const rowCache = new Map<string, string | null>();

/** The frame row Ink makes of `line` written at column 0 of an empty row `width` cells wide. */
function frameRow(line: string, width: number): string | null {
  const key = `${width}\u0000${line}`;
  let row = rowCache.get(key);
  if (row !== undefined) return row;
  // Ink tokenises the written text, turns the (only) line back into a string, applies the text
  // transform, tokenises again into cells, and joins a row of cells into a string: do the same.
  const once = styledCharsFromTokens(tokenize(line));
  const isSimple = once.length <= width && once.every((c) => c.value.length === 1 && c.value >= ' ' && c.value <= '~' && !c.fullWidth);
  if (!isSimple) row = null;
  else {
    const cells = styledCharsFromTokens(tokenize(styledCharsToString(once)));
    while (cells.length < width) cells.push({ type: 'char', value: ' ', fullWidth: false, styles: [] });
    row = styledCharsToString(cells).trimEnd();
  }
  if (rowCache.size >= MAX_ROWS_CACHED) rowCache.clear();
  rowCache.set(key, row);
  return row;
}

/** The frame from cached rows, or null when the operations are not whole single-line rows at column 0. */
function fastFrame(output: OutputLike): { output: string; height: number } | null {
  const rows: (string | undefined)[] = new Array<string | undefined>(output.height);
  for (const op of output.operations) {
    if (op.type !== 'write' || op.x !== 0 || op.text.includes('\n') || op.y < 0 || op.y >= output.height || rows[op.y] !== undefined) return null;
    let text = op.text;
    for (const transform of op.transformers) text = transform(text, 0);
    const row = frameRow(text, output.width);
    if (row === null) return null;
    rows[op.y] = row;
  }
  let text = '';
  for (let y = 0; y < output.height; y++) text += (y === 0 ? '' : '\n') + (rows[y] ?? '');
  return { output: text, height: output.height };
}

function looksLikeInkOutput(value: unknown): value is OutputClass {
  if (typeof value !== 'function') return false;
  const proto = (value as { prototype?: unknown }).prototype;
  return typeof proto === 'object' && proto !== null && typeof (proto as { get?: unknown }).get === 'function'
    && typeof (proto as { applyWriteOperation?: unknown }).applyWriteOperation === 'function';
}

let installed: boolean | null = null;
let inkGet: ((this: OutputLike) => { output: string; height: number }) | null = null;

/**
 * Puts the fast path in front of Ink's Output.get(). Ink does not export Output, so it is loaded
 * from the file Ink itself imports (the same module instance). Returns false, changing nothing,
 * when this Ink does not have the Output this was written against.
 */
export async function installInkFastOutput(): Promise<boolean> {
  if (installed !== null) return installed;
  installed = false;
  try {
    const mod: { default?: unknown } = await import(new URL('./output.js', import.meta.resolve('ink')).href);
    const Output = mod.default;
    if (!looksLikeInkOutput(Output)) return false;
    const original = Output.prototype.get;
    inkGet = original;
    Output.prototype.get = function get(this: OutputLike) {
      return fastFrame(this) ?? original.call(this);
    };
    installed = true;
  } catch {
    // Another Ink layout: keep Ink's own output.
  }
  return installed;
}

/** Ink's own frame for an Output (tests compare it with the fast one); null before installing. */
function inkFrame(output: OutputLike): { output: string; height: number } | null {
  return inkGet ? inkGet.call(output) : null;
}

export const internals = { fastFrame, inkFrame };
