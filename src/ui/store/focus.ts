// Which keymap focuses apply in a state, most specific first: a dialog takes every key; screens
// add their own focus before the global one; the pattern editor splits note and value columns.

import type { Focus } from '../keys/keymap.js';
import type { AppState } from './app-state.js';
import { columnInfo } from './columns.js';

/** The focus chain for key lookup. */
export function focusChain(state: AppState): readonly Focus[] {
  if (state.modal) return [state.modal.kind];
  switch (state.view.kind) {
    case 'pattern': {
      const fx = state.song.patterns[state.cursor.pattern]?.effectColumns ?? 1;
      return [columnInfo(state.cursor.column, fx).field === 'note' ? 'pattern.note' : 'pattern.value', 'pattern', 'global'];
    }
    case 'orders': return ['orders', 'global'];
    case 'samples': return ['samples', 'form', 'global'];
    case 'instruments': return ['instruments', 'form', 'global'];
    case 'settings': return ['settings', 'form', 'global'];
    case 'files': return ['files', 'global'];
    case 'help': return state.view.searching ? ['help.search'] : ['help', 'global'];
  }
}
