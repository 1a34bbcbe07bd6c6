// .trk <-> module conversions: a module saved as .trk and written back in its own format gives the same
// file as writing it directly (so the same Song as the same-format round trips pin), and the editor's
// demo songs written to every module format either report nothing and play the same in our replayer,
// or name each thing the read-back song lost.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTrk } from '../../src/formats/native/trk-read.js';
import { writeTrk } from '../../src/formats/native/trk-write.js';
import { allCodecs, readSong } from '../../src/formats/registry.js';
import type { Song } from '../../src/song/song.js';
import { corpusEntries, hasCorpus, readCorpusFile } from '../helpers/corpus.js';
import { REPO } from '../helpers/run-cli.js';
import { runTicks } from '../helpers/song-builder.js';

const codec = (id: string) => allCodecs().find((c) => c.id === id)!;

describe.skipIf(!hasCorpus)('module -> .trk -> the same module format', () => {
  for (const e of corpusEntries()) {
    it(`${e.path}: the .trk holds the whole song and writes back the same bytes and warnings`, () => {
      const { song, format } = readSong(readCorpusFile(e));
      const viaTrk = readTrk(writeTrk(song)).song;
      expect(viaTrk).toEqual(song);
      const direct = format.write!(song);
      const fromTrk = format.write!(viaTrk);
      expect(fromTrk.warnings).toEqual(direct.warnings);
      expect(Buffer.from(fromTrk.bytes).equals(Buffer.from(direct.bytes))).toBe(true);
    });
  }
});

const DEMOS = ['songs/demo-night-drive.trk', 'songs/demo-pocket-arcade.trk'];

function loadDemo(path: string): Song {
  return readTrk(new Uint8Array(readFileSync(`${REPO}/${path}`))).song;
}

/** Every channel's volume, panning and pitch per tick over the first orders. */
function trace(song: Song, ticks: number): string[] {
  const out: string[] = [];
  for (let ch = 0; ch < song.channels.length; ch++) {
    for (const s of runTicks(song, ticks, ch).states) out.push(`${ch} ${s.order}.${s.row}.${s.tick} v${s.volume} p${s.pan} g${s.globalVolume} f${s.frequency.toFixed(0)}`);
  }
  return out;
}

/** What a written-and-read-back song visibly lost, each with the words a warning must use. */
function structuralLosses(a: Song, b: Song): { what: string; warning: RegExp }[] {
  const out: { what: string; warning: RegExp }[] = [];
  if (b.channels.length < a.channels.length) out.push({ what: 'channels', warning: /channels .* dropped/ });
  if (a.instruments.length > 0 && b.instruments.length === 0) out.push({ what: 'instruments', warning: /instruments written as/ });
  if (a.channels.some((c, i) => b.channels[i] && (c.pan !== b.channels[i]!.pan || c.volume !== b.channels[i]!.volume))) out.push({ what: 'channel pan/volume', warning: /channel (panning|volume)/ });
  if (a.samples.some((s, i) => b.samples[i] && s.pcm.bits !== b.samples[i]!.pcm.bits)) out.push({ what: 'sample bits', warning: /audio reduced to 8 bits|floating-point/ });
  if (a.patterns.some((p, i) => b.patterns[i] && p.rows !== b.patterns[i]!.rows)) out.push({ what: 'pattern rows', warning: /rows/ });
  if (a.message !== '' && b.message !== a.message) out.push({ what: 'message', warning: /message/ });
  if (b.title !== a.title) out.push({ what: 'title', warning: /title cut/ });
  if (a.instruments.length === 0 && a.samples.some((s, i) => b.samples[i] && b.samples[i]!.name !== s.name)) out.push({ what: 'sample names', warning: /sample names cut/ });
  if (a.instruments.length > 0 && a.instruments.some((ins, i) => b.instruments[i] && b.instruments[i]!.name !== ins.name)) out.push({ what: 'instrument names', warning: /instrument names cut/ });
  return out;
}

describe('.trk demo songs -> every module format -> back', () => {
  for (const path of DEMOS) {
    for (const id of ['mod', 'xm', 's3m', 'it']) {
      it(`${path} -> ${id}: every loss is reported; no warnings means the same playback`, () => {
        const song = loadDemo(path);
        const { bytes, warnings } = codec(id).write!(song);
        const back = codec(id).read(bytes).song;
        for (const loss of structuralLosses(song, back)) expect(warnings.join('\n'), loss.what).toMatch(loss.warning);
        if (warnings.length === 0) {
          expect(back.profile).toEqual(song.profile);
          expect(trace(back, 400)).toEqual(trace(song, 400));
        }
      });
    }
  }

  it('the Impulse Tracker demo is written to IT without a loss', () => {
    expect(codec('it').write!(loadDemo(DEMOS[0]!)).warnings).toEqual([]);
  });
});
