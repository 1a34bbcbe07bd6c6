// The FastTracker 2 / Impulse Tracker two-row piano on the computer keyboard: the bottom letter row
// plays the current octave, the top letter row the octave above, with the sharps on the row above
// each. One table per physical keyboard layout; key i plays semitone i above C of the octave.

/** Keyboard layouts tracker knows (set in the settings file as keyboardLayout). */
export const KEYBOARD_LAYOUTS = ['qwerty', 'qwertz', 'azerty'] as const;
export type KeyboardLayout = (typeof KEYBOARD_LAYOUTS)[number];

/** Semitones 0..31 -> the keys that play them (QWERTY positions). */
const QWERTY: readonly (readonly string[])[] = [
  ['z'], ['s'], ['x'], ['d'], ['c'], ['v'], ['g'], ['b'], ['h'], ['n'], ['j'], ['m'],
  [',', 'q'], ['l', '2'], ['.', 'w'], [';', '3'], ['/', 'e'], ['r'], ['5'], ['t'], ['6'], ['y'], ['7'], ['u'],
  ['i'], ['9'], ['o'], ['0'], ['p'], ['['], ['='], [']'],
];

/** Same physical keys on other layouts: the character each QWERTY key produces there. */
const REMAP: Readonly<Record<Exclude<KeyboardLayout, 'qwerty'>, Readonly<Record<string, string>>>> = {
  qwertz: { z: 'y', y: 'z', ';': 'ö', '/': '-', '[': 'ü', '=': '´', ']': '+' },
  azerty: {
    q: 'a', w: 'z', z: 'w', m: ',', ',': ';', '.': ':', '/': '!', ';': 'm',
    2: 'é', 3: '"', 5: '(', 6: '-', 7: 'è', 9: 'ç', 0: 'à', '[': '^', '=': '=', ']': '$',
  },
};

/** Number of piano keys (semitones from C of the octave to G two octaves up). */
export const PIANO_KEY_COUNT = QWERTY.length;

/** The keys for each semitone 0..31 on a layout. */
export function pianoKeys(layout: KeyboardLayout): readonly (readonly string[])[] {
  if (layout === 'qwerty') return QWERTY;
  const map = REMAP[layout];
  return QWERTY.map((keys) => keys.map((k) => map[k] ?? k));
}

const NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;

/** "C#, octave + 1" for semitone 13: the help text of a piano key. */
export function pianoKeyDescription(semitone: number): string {
  const octave = Math.floor(semitone / 12);
  return `note ${NAMES[semitone % 12] ?? '?'}${octave === 0 ? '' : `, octave + ${octave}`}`;
}
