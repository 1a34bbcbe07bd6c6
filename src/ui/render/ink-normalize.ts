// Rewrites a pre-coloured line into the exact escape codes Ink's renderer produces for it, once
// per distinct line. Ink tokenizes each line twice per frame, caching by string within the frame;
// giving it lines already in its own form turns the second pass into cache hits (about a third
// less UI CPU at 160x50, measured in bench/ui.bench.ts).

import { styledCharsFromTokens, styledCharsToString, tokenize } from '@alcalzone/ansi-tokenize';

const cache = new Map<string, string>();
/** Distinct lines kept; a full screen of a few pages of pattern fits easily. */
const MAX_ENTRIES = 4096;

/** The line as Ink would print it. */
export function inkNormalize(line: string): string {
  let out = cache.get(line);
  if (out === undefined) {
    if (cache.size >= MAX_ENTRIES) cache.clear();
    out = styledCharsToString(styledCharsFromTokens(tokenize(line)));
    cache.set(line, out);
  }
  return out;
}
