// The keymap table: every command has keys, a description and a behaviour, no key is bound twice
// where it applies, and the help screen lists every command from the same table.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/ui/commands/registry.js';
import { makeKey } from '../../../src/ui/keys/key-decoder.js';
import { KeyResolver } from '../../../src/ui/keys/key-resolver.js';
import { applyOverrides, defaultKeymap, pianoBindings } from '../../../src/ui/keys/keymap.js';
import { KEYBOARD_LAYOUTS, pianoKeys } from '../../../src/ui/keys/piano.js';
import { helpLines } from '../../../src/ui/render/help-view.js';

describe('keymap table', () => {
  const keymap = defaultKeymap();

  it('gives every command at least one key, a description and a group', () => {
    for (const b of keymap) {
      expect(b.keys.length, b.id).toBeGreaterThan(0);
      expect(b.description.length, b.id).toBeGreaterThan(3);
      expect(b.group.length, b.id).toBeGreaterThan(0);
    }
  });

  it('lists each command once, and exactly the commands that have a behaviour', () => {
    const ids = keymap.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(Object.keys(COMMANDS).sort());
  });

  it('binds no key twice in one focus', () => {
    for (const layout of KEYBOARD_LAYOUTS) {
      const seen = new Map<string, string>();
      for (const b of defaultKeymap(layout)) {
        for (const k of b.keys) {
          const slot = `${b.focus} ${k}`;
          expect(seen.get(slot), `${layout}: ${k} in ${b.focus} is bound to ${seen.get(slot)} and ${b.id}`).toBeUndefined();
          seen.set(slot, b.id);
        }
      }
    }
  });

  it('leaves every pattern-editor command a key that no piano key hides, on every layout', () => {
    for (const layout of KEYBOARD_LAYOUTS) {
      const km = defaultKeymap(layout);
      const piano = new Set(km.filter((b) => b.focus === 'pattern.note').flatMap((b) => b.keys));
      for (const b of km.filter((x) => x.focus === 'pattern' || x.focus === 'global')) {
        expect(b.keys.some((k) => !piano.has(k)), `${layout}: ${b.id} (${b.keys.join(', ')}) is only reachable by piano keys on the note column`).toBe(true);
      }
    }
  });

  it('has the FT2/IT two-row piano: Z-row the octave, Q-row the octave above, sharps above each', () => {
    const keys = pianoKeys('qwerty');
    expect(keys[0]).toEqual(['z']);
    expect(keys[1]).toEqual(['s']);
    expect(keys[12]).toEqual([',', 'q']);
    expect(keys[13]).toEqual(['l', '2']);
    expect(keys[24]).toEqual(['i']);
    expect(pianoKeys('qwertz')[0]).toEqual(['y']);
    expect(pianoKeys('azerty')[0]).toEqual(['w']);
    expect(pianoBindings('qwerty')).toHaveLength(32);
  });

  it('lets overrides replace a command\'s keys', () => {
    const custom = applyOverrides(keymap, { 'transport.playSong': ['Ctrl+B'] });
    const r = new KeyResolver(custom);
    expect(r.resolve(['global'], makeKey('B', { ctrl: true }))?.id).toBe('transport.playSong');
    expect(r.resolve(['global'], makeKey('F5'))).toBeNull();
  });

  it('prefers exact keys over key classes along the focus chain', () => {
    const r = new KeyResolver(keymap);
    expect(r.resolve(['pattern.value', 'pattern', 'global'], makeKey('?'))?.id).toBe('screen.help');
    expect(r.resolve(['pattern.value', 'pattern', 'global'], makeKey('a'))).toEqual({ id: 'pattern.typeValue', text: 'a' });
    expect(r.resolve(['pattern.note', 'pattern', 'global'], makeKey('a'))).toBeNull();
    expect(r.resolve(['prompt'], makeKey('?'))).toEqual({ id: 'prompt.type', text: '?' });
  });
});

describe('help generated from the keymap', () => {
  it('lists every command under its group, and search narrows it', () => {
    const keymap = defaultKeymap();
    const all = helpLines(keymap, '');
    expect(all.filter((l) => l.kind === 'binding')).toHaveLength(keymap.length);
    const found = helpLines(keymap, 'transpose octave');
    expect(found.filter((l) => l.kind === 'binding').map((l) => l.text)).toEqual(['transpose up an octave', 'transpose down an octave']);
    expect(found[0]).toEqual({ kind: 'group', text: 'Pattern editor: block' });
  });
});
