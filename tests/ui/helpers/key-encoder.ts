// The bytes a terminal (xterm, tmux) sends for a key id such as "F5", "Shift+Up", "Alt+x",
// "Ctrl+S": the inverse of the key decoder, so tests can press any key the keymap names.

const ESC = '\u001b';

const TILDE: Readonly<Record<string, number>> = {
  Insert: 2, Delete: 3, PgUp: 5, PgDn: 6, F5: 15, F6: 17, F7: 18, F8: 19, F9: 20, F10: 21, F11: 23, F12: 24,
};
const LETTER: Readonly<Record<string, string>> = { Up: 'A', Down: 'B', Right: 'C', Left: 'D', Home: 'H', End: 'F', F1: 'P', F2: 'Q', F3: 'R', F4: 'S' };

/** Raw input for a key id; `text` stands in for "<text>" / "<digit>" classes. */
export function encodeKey(id: string, text = 'a'): string {
  if (id === '<text>' || id === '<digit>') return text;
  const m = /^(Ctrl\+)?(Alt\+)?(Shift\+)?(.+)$/u.exec(id);
  if (!m) throw new Error(`bad key id ${id}`);
  const ctrl = m[1] !== undefined;
  const alt = m[2] !== undefined;
  const shift = m[3] !== undefined;
  const name = m[4] as string;
  const mod = 1 + (shift ? 1 : 0) + (alt ? 2 : 0) + (ctrl ? 4 : 0);
  if (name in TILDE) return mod === 1 ? `${ESC}[${TILDE[name]}~` : `${ESC}[${TILDE[name]};${mod}~`;
  if (name in LETTER) {
    const l = LETTER[name] as string;
    if (mod === 1) return /^F[1-4]$/.test(name) ? `${ESC}O${l}` : `${ESC}[${l}`;
    return `${ESC}[1;${mod}${l}`;
  }
  const prefix = alt ? ESC : '';
  if (name === 'Tab') return shift ? `${ESC}[Z` : `${prefix}\t`;
  if (name === 'Enter') return `${prefix}\r`;
  if (name === 'Esc') return ESC;
  if (name === 'Backspace') return `${prefix}\u007f`;
  if (name === 'Space') return ctrl ? `${prefix}\u0000` : `${prefix} `;
  if (ctrl) {
    const code = name.toUpperCase().charCodeAt(0);
    return `${prefix}${String.fromCharCode(code - 64)}`;
  }
  return `${prefix}${name}`;
}
