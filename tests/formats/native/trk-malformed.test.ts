// Malformed and newer-version .trk files: each gives a FormatError naming the line and the problem.
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../src/formats/common/format-error.js';
import { readTrk } from '../../../src/formats/native/trk-read.js';
import { writeTrkText } from '../../../src/formats/native/trk-write.js';
import { createSample, createSong } from '../../../src/song/create.js';
import { createPattern, writeCell } from '../../../src/song/pattern.js';

function validText(): string {
  const p = createPattern(4, 2);
  writeCell(p, 0, 0, { note: 61, instrument: 1, volume: { kind: 'volume', value: 32 }, effects: [{ kind: 'setSpeed', param: 4 }] });
  const song = createSong({ channels: 2 }, {
    title: 'ok',
    patterns: [p],
    samples: [createSample({ name: 'x', pcm: { bits: 8, channels: 1, data: Int8Array.from([1, 2, 3, 4]) }, loop: { start: 0, end: 4, pingPong: false } })],
  });
  return writeTrkText(song);
}

const enc = (s: string) => new TextEncoder().encode(s);

function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`test setup: "${needle}" not in text`);
  return i + 1;
}

function expectError(text: string | Uint8Array, pattern: RegExp, line?: number): void {
  let error: unknown;
  try {
    readTrk(typeof text === 'string' ? enc(text) : text);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(FormatError);
  const fe = error as FormatError;
  expect(fe.what).toMatch(pattern);
  expect(fe.message.split('\n')).toHaveLength(1);
  if (line !== undefined) expect(fe.line).toBe(line);
}

function replaceLine(text: string, needle: string, replacement: string): { text: string; line: number } {
  const line = lineOf(text, needle);
  const lines = text.split('\n');
  lines[line - 1] = replacement;
  return { text: lines.join('\n'), line };
}

describe('malformed .trk files', () => {
  it('the valid base text loads (so each case below fails for its own reason)', () => {
    expect(readTrk(enc(validText())).song.title).toBe('ok');
  });

  it('empty file', () => expectError('', /empty/, 1));
  it('not a tracker song', () => expectError('hello world\n', /not a tracker song/, 1));
  it('newer format version', () => expectError(validText().replace('tracker-song 1', 'tracker-song 7'), /newer tracker.*7/, 1));
  it('a pattern time signature that is not beat/measure, or a measure shorter than the beat', () => {
    const bad = replaceLine(validText(), 'rows = 4', 'rows = 4\ntime-signature = 5');
    expectError(bad.text, /time-signature is rows per beat \/ rows per measure, like 4\/16; got "5"/, bad.line + 1);
    const short = replaceLine(validText(), 'rows = 4', 'rows = 4\ntime-signature = 8/4');
    expectError(short.text, /rows per measure/, short.line + 1);
    const good = replaceLine(validText(), 'rows = 4', 'rows = 4\ntime-signature = 3/12\ntempo-swing = 1.5,0.5,1');
    const pattern = readTrk(enc(good.text)).song.patterns[0]!;
    expect(pattern.signature).toEqual({ rowsPerBeat: 3, rowsPerMeasure: 12 });
    expect(pattern.swing).toEqual([1.5, 0.5, 1]);
  });
  it('unknown section', () => {
    const { text, line } = replaceLine(validText(), '[orders]', '[chorus]');
    expectError(text, /unknown section \[chorus\]/, line);
  });
  it('unknown key', () => {
    const { text, line } = replaceLine(validText(), 'speed = ', 'sped = 6');
    expectError(text, /unknown key "sped"/, line);
  });
  it('number that is not a number', () => {
    const { text, line } = replaceLine(validText(), 'speed = ', 'speed = fast');
    expectError(text, /speed must be a whole number/, line);
  });
  it('number out of range', () => {
    const { text, line } = replaceLine(validText(), 'tempo = ', 'tempo = 5000');
    expectError(text, /tempo must be a whole number 1\.\.1000/, line);
  });
  it('bad note in the grid', () => {
    const { text, line } = replaceLine(validText(), '0 | C-5', '0 | H-5 01 v32 A04 | ... .. ... ...');
    expectError(text, /"H-5" is not a note/, line);
  });
  it('bad effect in the grid', () => {
    const { text, line } = replaceLine(validText(), '0 | C-5', '0 | C-5 01 v32 Q!! | ... .. ... ...');
    expectError(text, /"Q!!" is not an effect/, line);
  });
  it('wrong number of cells in a row', () => {
    const { text, line } = replaceLine(validText(), '0 | C-5', '0 | C-5 01 v32 A04');
    expectError(text, /has 1 cells, the song has 2 channels/, line);
  });
  it('missing grid rows', () => {
    const text = validText().split('\n').filter((l) => !l.startsWith('3 |')).join('\n');
    expectError(text, /pattern 0 has 3 grid rows but says rows = 4/, lineOf(text, '[pattern 0]'));
  });
  it('rows out of order', () => {
    const { text, line } = replaceLine(validText(), '2 | ', '5 | ... .. ... ... | ... .. ... ...');
    expectError(text, /expected row 2/, line);
  });
  it('order list names a missing pattern', () => {
    const { text } = replaceLine(validText(), '[orders]', '[orders]\n0 9');
    expectError(text, /plays pattern 9, but the song has 1 patterns/);
  });
  it('unterminated string', () => {
    const { text, line } = replaceLine(validText(), 'title = ', 'title = "oops');
    expectError(text, /title must be a "quoted string"/, line);
  });
  it('duplicate section', () => {
    const text = `${validText()}\n[orders]\n0\n`;
    expectError(text, /\[orders\] appears twice/, text.split('\n').length - 2);
  });
  it('invalid base64 sample data', () => {
    const text = validText().replace(/\[sample-data 1\]\n[^\n]+/, '[sample-data 1]\n!!!!');
    expectError(text, /not valid base64/, lineOf(text, '[sample-data 1]'));
  });
  it('sample data of the wrong length', () => {
    const { text } = replaceLine(validText(), 'pcm = ', 'pcm = 8 mono 5');
    expectError(text, /loop|holds 4 bytes/);
    const noLoop = replaceLine(text, 'loop = forward', 'loop = off').text;
    expectError(noLoop, /holds 4 bytes; pcm = 8 mono 5 needs 5/, lineOf(noLoop, '[sample-data 1]'));
  });
  it('loop past the end of the sample', () => {
    const { text, line } = replaceLine(validText(), 'loop = forward', 'loop = forward 0 99');
    expectError(text, /loop 0\.\.99 must satisfy/, line);
  });
  it('envelope ticks going backwards', () => {
    const text = validText().replace('[sample 1]', '[instrument 1]\nvolume-envelope = on 10:64 5:0\n\n[sample 1]').replace('instruments = 0', 'instruments = 1');
    expectError(text, /must not go backwards/, lineOf(text, 'volume-envelope'));
  });
  it('unknown profile flag', () => {
    const { text, line } = replaceLine(validText(), 'profile = ', 'profile = it warpDrive=on');
    expectError(text, /unknown profile flag "warpDrive"/, line);
  });
  it('invalid UTF-8', () => {
    const bytes = enc(validText());
    const broken = new Uint8Array(bytes.length + 1);
    broken.set(bytes);
    broken[30] = 0xff;
    expectError(broken, /not valid UTF-8/);
  });
  it('text outside any section', () => {
    const text = validText().replace('tracker-song 1\n', 'tracker-song 1\nstray words\n');
    expectError(text, /outside any section/, 2);
  });
});
