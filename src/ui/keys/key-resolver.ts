// Finds the command a key runs: looks the key up in each focus of the chain (most specific first),
// exact keys before key classes, so "<text>" bindings only catch what nothing else claims.

import type { KeyPress } from './key-decoder.js';
import type { Binding, Focus } from './keymap.js';

/** A command to run and the character typed (for "<text>"/"<digit>" bindings). */
export interface ResolvedKey {
  readonly id: string;
  readonly text: string | null;
}

function classOf(key: KeyPress): string[] {
  if (key.text === null) return [];
  return /^[0-9]$/.test(key.text) ? ['<digit>', '<text>'] : ['<text>'];
}

/** Key -> command lookup for a keymap. */
export class KeyResolver {
  private readonly exact = new Map<Focus, Map<string, string>>();
  private readonly classes = new Map<Focus, Map<string, string>>();

  constructor(readonly keymap: readonly Binding[]) {
    for (const b of keymap) {
      for (const key of b.keys) {
        const table = key.startsWith('<') && key.endsWith('>') ? this.classes : this.exact;
        let byKey = table.get(b.focus);
        if (!byKey) table.set(b.focus, (byKey = new Map()));
        if (!byKey.has(key)) byKey.set(key, b.id);
      }
    }
  }

  /** The command for `key` in the focus chain, or null. */
  resolve(chain: readonly Focus[], key: KeyPress): ResolvedKey | null {
    for (const focus of chain) {
      const id = this.exact.get(focus)?.get(key.id);
      if (id !== undefined) return { id, text: key.text };
    }
    const classes = classOf(key);
    for (const focus of chain) {
      for (const cls of classes) {
        const id = this.classes.get(focus)?.get(cls);
        if (id !== undefined) return { id, text: key.text };
      }
    }
    return null;
  }

  /** The keys bound to a command (for hints such as "F1 help"). */
  keysOf(id: string): readonly string[] {
    return this.keymap.find((b) => b.id === id)?.keys ?? [];
  }
}
