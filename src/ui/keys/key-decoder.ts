// Turns raw terminal input into named keys ("F5", "Shift+Up", "Alt+Insert", "Ctrl+S", "z"). Ink's
// useInput cannot tell F1-F12 or Insert apart and keeps typed-ahead text together, so tracker reads
// stdin itself: several keys in one read are split, and a lone Esc is Esc at once (never a prefix).

/** A decoded key press. `id` is the name the keymap uses: modifiers (Ctrl+Alt+Shift+) then the key. */
export interface KeyPress {
  readonly id: string;
  /** The key without modifiers: "Up", "F5", "a", "A", "Space"... */
  readonly name: string;
  readonly ctrl: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
  /** The character typed, for printable keys without Ctrl/Alt; otherwise null. */
  readonly text: string | null;
}

const ESC = '\u001b';

/** Builds a KeyPress; printable one-character names carry their shift in the character itself. */
export function makeKey(name: string, mods: { ctrl?: boolean; alt?: boolean; shift?: boolean } = {}): KeyPress {
  const ctrl = mods.ctrl === true;
  const alt = mods.alt === true;
  const printable = [...name].length === 1;
  const shift = printable ? false : mods.shift === true;
  const prefix = `${ctrl ? 'Ctrl+' : ''}${alt ? 'Alt+' : ''}${shift ? 'Shift+' : ''}`;
  const text = printable && !ctrl && !alt ? name : name === 'Space' && !ctrl && !alt ? ' ' : null;
  return { id: `${prefix}${name}`, name, ctrl, alt, shift, text };
}

/** CSI "~" sequence numbers (ESC [ n ~). */
const TILDE_KEYS: Readonly<Record<string, string>> = {
  1: 'Home', 2: 'Insert', 3: 'Delete', 4: 'End', 5: 'PgUp', 6: 'PgDn', 7: 'Home', 8: 'End',
  11: 'F1', 12: 'F2', 13: 'F3', 14: 'F4', 15: 'F5', 17: 'F6', 18: 'F7', 19: 'F8', 20: 'F9', 21: 'F10', 23: 'F11', 24: 'F12',
  // rxvt: Shift+F1..F10 arrive as F11..F20 codes; treat 25+ as Shift+F3.. for completeness.
  25: 'Shift+F3', 26: 'Shift+F4', 28: 'Shift+F5', 29: 'Shift+F6', 31: 'Shift+F7', 32: 'Shift+F8', 33: 'Shift+F9', 34: 'Shift+F10',
};

/** CSI / SS3 final letters. */
const LETTER_KEYS: Readonly<Record<string, string>> = {
  A: 'Up', B: 'Down', C: 'Right', D: 'Left', H: 'Home', F: 'End', E: 'Begin',
  P: 'F1', Q: 'F2', R: 'F3', S: 'F4', M: 'Enter',
};

/** Linux console function keys: ESC [ [ A .. E. */
const LINUX_F_KEYS: Readonly<Record<string, string>> = { A: 'F1', B: 'F2', C: 'F3', D: 'F4', E: 'F5' };

function modifiers(param: string | undefined): { ctrl: boolean; alt: boolean; shift: boolean } {
  const m = Math.max(0, (Number(param ?? '1') || 1) - 1);
  return { shift: (m & 1) !== 0, alt: (m & 2) !== 0, ctrl: (m & 4) !== 0 };
}

function withName(name: string, mods: { ctrl?: boolean; alt?: boolean; shift?: boolean }): KeyPress {
  if (name.startsWith('Shift+')) return makeKey(name.slice(6), { ...mods, shift: true });
  return makeKey(name, mods);
}

/** A control byte (below 0x20 or DEL) as a key. */
function controlKey(ch: string, alt: boolean): KeyPress {
  const code = ch.charCodeAt(0);
  if (code === 0x0d || code === 0x0a) return makeKey('Enter', { alt });
  if (code === 0x09) return makeKey('Tab', { alt });
  if (code === 0x7f || code === 0x08) return makeKey('Backspace', { alt });
  if (code === 0x00) return makeKey('Space', { ctrl: true, alt });
  if (code >= 0x01 && code <= 0x1a) return makeKey(String.fromCharCode(code + 64), { ctrl: true, alt });
  return makeKey(String.fromCharCode(code + 64), { ctrl: true, alt });
}

function printableKey(ch: string, alt: boolean): KeyPress {
  if (ch === ' ') return makeKey('Space', { alt });
  return makeKey(ch, { alt });
}

interface Parsed {
  readonly key: KeyPress | null;
  readonly length: number;
}

/** Parses one escape sequence at `i` (input[i] is ESC); null when it is cut off at the end of input. */
function parseEscape(input: string, i: number): Parsed | null {
  const next = input[i + 1];
  if (next === undefined) return { key: makeKey('Esc'), length: 1 };
  if (next === '[' || next === 'O') {
    let j = i + 2;
    if (next === '[' && input[j] === '[') {
      const f = input[j + 1];
      if (f === undefined) return null;
      return { key: makeKey(LINUX_F_KEYS[f] ?? 'Unknown'), length: 4 };
    }
    while (j < input.length && /[0-9;:?<=>]/.test(input[j] as string)) j++;
    const final = input[j];
    if (final === undefined) return null;
    const params = input.slice(i + 2, j).split(';');
    const length = j - i + 1;
    if (final === '~') {
      const name = TILDE_KEYS[params[0] ?? ''];
      return { key: name ? withName(name, modifiers(params[1])) : null, length };
    }
    if (final === 'Z') return { key: makeKey('Tab', { shift: true }), length };
    if (final === 'u') {
      const code = Number(params[0]);
      const mods = modifiers(params[1]);
      if (code === 27) return { key: makeKey('Esc', mods), length };
      if (code === 13) return { key: makeKey('Enter', mods), length };
      if (code === 9) return { key: makeKey('Tab', mods), length };
      if (code === 127) return { key: makeKey('Backspace', mods), length };
      if (code === 32) return { key: makeKey('Space', mods), length };
      const ch = Number.isFinite(code) && code > 32 ? String.fromCodePoint(code) : 'Unknown';
      return { key: makeKey(mods.ctrl && /[a-z]/.test(ch) ? ch.toUpperCase() : ch, mods), length };
    }
    const name = LETTER_KEYS[final];
    const mods = modifiers(params.length > 1 ? params[1] : next === 'O' ? params[0] : undefined);
    return { key: name ? makeKey(name, mods) : null, length };
  }
  if (next === ESC) {
    // ESC ESC [ ...: some terminals send Alt+key as ESC + the key's own sequence.
    const inner = parseEscape(input, i + 1);
    if (inner === null) return null;
    if (inner.key && inner.length > 1) return { key: makeKey(inner.key.name, { ctrl: inner.key.ctrl, shift: inner.key.shift, alt: true }), length: inner.length + 1 };
    return { key: makeKey('Esc'), length: 1 };
  }
  const code = next.codePointAt(0) ?? 0;
  const ch = String.fromCodePoint(code);
  if (code < 0x20 || code === 0x7f) return { key: controlKey(ch, true), length: 2 };
  return { key: printableKey(ch, true), length: 1 + ch.length };
}

/**
 * Splits terminal input into keys. Keeps a sequence cut off at the end of a read (ESC [ 1 ;) for
 * the next read; `flush()` gives it up as keys when nothing more comes.
 */
export class KeyDecoder {
  private pending = '';

  /** Decodes one read from the terminal. */
  push(chunk: string): KeyPress[] {
    const input = this.pending + chunk;
    this.pending = '';
    const keys: KeyPress[] = [];
    let i = 0;
    while (i < input.length) {
      const ch = input[i] as string;
      if (ch === ESC) {
        const parsed = parseEscape(input, i);
        if (parsed === null) {
          this.pending = input.slice(i);
          break;
        }
        if (parsed.key) keys.push(parsed.key);
        i += parsed.length;
        continue;
      }
      const code = input.codePointAt(i) ?? 0;
      const char = String.fromCodePoint(code);
      keys.push(code < 0x20 || code === 0x7f ? controlKey(char, false) : printableKey(char, false));
      i += char.length;
    }
    return keys;
  }

  /** True while part of a sequence waits for the next read. */
  hasPending(): boolean {
    return this.pending !== '';
  }

  /** Gives up waiting: the pending bytes become keys (a lone Esc, then the rest as typed). */
  flush(): KeyPress[] {
    const rest = this.pending;
    this.pending = '';
    if (rest === '') return [];
    return [makeKey('Esc'), ...this.push(rest.slice(1))];
  }
}

/** Decodes a complete string of input at once (tests, the benchmark). */
export function decodeKeys(input: string): KeyPress[] {
  const d = new KeyDecoder();
  return [...d.push(input), ...d.flush()];
}

/** True when a key name is one the decoder can produce (for checking user key bindings). */
export function isValidKeyId(id: string): boolean {
  const m = /^(Ctrl\+)?(Alt\+)?(Shift\+)?(.+)$/u.exec(id);
  if (!m) return false;
  const name = m[4] as string;
  const named = ['Up', 'Down', 'Left', 'Right', 'Home', 'End', 'PgUp', 'PgDn', 'Insert', 'Delete', 'Enter', 'Esc', 'Tab', 'Backspace', 'Space', 'Begin'];
  if (named.includes(name) || /^F([1-9]|1[0-2])$/.test(name)) return true;
  if ([...name].length !== 1 || m[3]) return false;
  return true;
}
