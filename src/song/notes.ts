// Note numbers used in pattern cells, and their three-character names ("C-5", "C#5", "===").
// Note 61 (C-5) plays a sample at its base pitch (its C-5 speed, or 8363 Hz shifted by relative note
// and finetune), so every format shares one octave numbering, as OpenMPT displays them.

/** Empty note cell. */
export const NOTE_NONE = 0;
/** Lowest playable note, C-0. */
export const NOTE_MIN = 1;
/** Highest playable note, B-9. */
export const NOTE_MAX = 120;
/** Middle C: the note at which a sample plays at its base pitch. */
export const NOTE_MIDDLE_C = 61;
/** "~~~": fade the voice out (instrument fadeout) without releasing envelopes. */
export const NOTE_FADE = 253;
/** "^^^": cut the voice at once. */
export const NOTE_CUT = 254;
/** "===": key off: release sustain loops and envelopes, start the fadeout. */
export const NOTE_OFF = 255;

const NAMES = ['C-', 'C#', 'D-', 'D#', 'E-', 'F-', 'F#', 'G-', 'G#', 'A-', 'A#', 'B-'] as const;

/** True for a playable note 1..120. */
export function isPlayableNote(note: number): boolean {
  return note >= NOTE_MIN && note <= NOTE_MAX;
}

/** True for note off, note cut or note fade. */
export function isSpecialNote(note: number): boolean {
  return note === NOTE_OFF || note === NOTE_CUT || note === NOTE_FADE;
}

/** True for anything a cell may hold in its note column. */
export function isValidNote(note: number): boolean {
  return note === NOTE_NONE || isPlayableNote(note) || isSpecialNote(note);
}

/** Three-character name: "C-5", "F#3", "===", "^^^", "~~~", "..." for none. */
export function formatNote(note: number): string {
  if (note === NOTE_NONE) return '...';
  if (note === NOTE_OFF) return '===';
  if (note === NOTE_CUT) return '^^^';
  if (note === NOTE_FADE) return '~~~';
  if (!isPlayableNote(note)) return '???';
  const n = note - NOTE_MIN;
  return `${NAMES[n % 12]}${Math.floor(n / 12)}`;
}

/** Parses a three-character note name; returns undefined when it is not one. */
export function parseNote(text: string): number | undefined {
  if (text === '...' || text === '---') return NOTE_NONE;
  if (text === '===') return NOTE_OFF;
  if (text === '^^^') return NOTE_CUT;
  if (text === '~~~') return NOTE_FADE;
  if (text.length !== 3) return undefined;
  const name = text.slice(0, 2).toUpperCase();
  const idx = NAMES.findIndex((n) => n === name || (n[1] === '-' && name === `${n[0]}-`));
  const octave = text.charCodeAt(2) - 48;
  if (idx < 0 || octave < 0 || octave > 9) return undefined;
  return NOTE_MIN + octave * 12 + idx;
}

/** Semitone offset of a note from middle C (C-5 = 0). */
export function semitonesFromMiddleC(note: number): number {
  return note - NOTE_MIDDLE_C;
}
