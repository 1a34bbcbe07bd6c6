// The raw key decoder: function and editing keys in the forms xterm, tmux, rxvt and the Linux
// console send, modifiers, several keys in one read, Esc never waiting, sequences split over reads.
import { describe, expect, it } from 'vitest';
import { decodeKeys, isValidKeyId, KeyDecoder } from '../../../src/ui/keys/key-decoder.js';
import { defaultKeymap } from '../../../src/ui/keys/keymap.js';
import { KEYBOARD_LAYOUTS } from '../../../src/ui/keys/piano.js';
import { encodeKey } from '../helpers/key-encoder.js';

const ids = (input: string) => decodeKeys(input).map((k) => k.id);
const E = '\u001b';

describe('function keys', () => {
  it('tells F1-F12 apart in SS3, CSI, and Linux console forms', () => {
    expect(ids(`${E}OP${E}OQ${E}OR${E}OS`)).toEqual(['F1', 'F2', 'F3', 'F4']);
    expect(ids(`${E}[11~${E}[12~${E}[13~${E}[14~${E}[15~${E}[17~${E}[18~${E}[19~${E}[20~${E}[21~${E}[23~${E}[24~`))
      .toEqual(['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12']);
    expect(ids(`${E}[[A${E}[[E`)).toEqual(['F1', 'F5']);
  });

  it('reads modified function keys', () => {
    expect(ids(`${E}[20;3~${E}[1;2P${E}[15;5~`)).toEqual(['Alt+F9', 'Shift+F1', 'Ctrl+F5']);
  });
});

describe('editing and cursor keys', () => {
  it('tells Insert, Delete, Home, End, PgUp, PgDn apart', () => {
    expect(ids(`${E}[2~${E}[3~${E}[1~${E}[4~${E}[5~${E}[6~${E}[H${E}[F${E}[7~${E}[8~`))
      .toEqual(['Insert', 'Delete', 'Home', 'End', 'PgUp', 'PgDn', 'Home', 'End', 'Home', 'End']);
  });

  it('reads arrows with Shift, Alt and Ctrl, in normal and application mode', () => {
    expect(ids(`${E}[A${E}OB${E}[1;2C${E}[1;3D${E}[1;5A${E}[1;6B`)).toEqual(['Up', 'Down', 'Shift+Right', 'Alt+Left', 'Ctrl+Up', 'Ctrl+Shift+Down']);
    expect(ids(`${E}${E}[A`)).toEqual(['Alt+Up']);
  });

  it('reads Enter, Tab, Shift+Tab, Backspace and Space', () => {
    expect(ids(`\r\t${E}[Z\u007f\b `)).toEqual(['Enter', 'Tab', 'Shift+Tab', 'Backspace', 'Backspace', 'Space']);
  });
});

describe('characters and modifiers', () => {
  it('splits several keys arriving in one read', () => {
    expect(ids('zxc')).toEqual(['z', 'x', 'c']);
    expect(ids(`q${E}[Bw${E}[B`)).toEqual(['q', 'Down', 'w', 'Down']);
  });

  it('reads Ctrl and Alt letters; shift lives in the character', () => {
    expect(ids('\u0013\u0011\u001a')).toEqual(['Ctrl+S', 'Ctrl+Q', 'Ctrl+Z']);
    expect(ids(`${E}q${E}Q${E}\u007f`)).toEqual(['Alt+q', 'Alt+Q', 'Alt+Backspace']);
    expect(decodeKeys('Z')[0]).toMatchObject({ id: 'Z', text: 'Z', shift: false });
  });

  it('makes a lone Esc a key at once, never a prefix', () => {
    expect(ids(E)).toEqual(['Esc']);
    const d = new KeyDecoder();
    expect(d.push(E).map((k) => k.id)).toEqual(['Esc']);
    expect(d.push('z').map((k) => k.id)).toEqual(['z']);
  });

  it('keeps a sequence cut between two reads', () => {
    const d = new KeyDecoder();
    expect(d.push(`z${E}[1;`)).toHaveLength(1);
    expect(d.hasPending()).toBe(true);
    expect(d.push('2A').map((k) => k.id)).toEqual(['Shift+Up']);
    d.push(`${E}[`);
    expect(d.flush().map((k) => k.id)).toEqual(['Esc', '[']);
  });

  it('reads kitty keyboard protocol keys and unknown sequences without crashing', () => {
    expect(ids(`${E}[97;5u${E}[27u`)).toEqual(['Ctrl+A', 'Esc']);
    expect(ids(`${E}[99~x`)).toEqual(['x']);
    expect(ids('é')).toEqual(['é']);
  });
});

describe('every binding can be typed', () => {
  it('decodes what a terminal sends for each key of the keymap back to that key', () => {
    for (const layout of KEYBOARD_LAYOUTS) {
      for (const b of defaultKeymap(layout)) {
        for (const k of b.keys) {
          if (k.startsWith('<')) continue;
          expect(isValidKeyId(k), `${b.id}: ${k}`).toBe(true);
          expect(ids(encodeKey(k)), `${b.id}: ${k}`).toEqual([k]);
        }
      }
    }
  });
});
