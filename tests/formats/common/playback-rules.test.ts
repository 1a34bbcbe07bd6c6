// The export linter's semantic half: a playback rule of the song that the target's readers will not
// reproduce is reported when the song uses it, and only then; conversions within one tracker's rules
// report nothing.

import { describe, expect, it } from 'vitest';
import { playbackRuleLosses, RULE_TOPIC_IDS } from '../../../src/formats/common/playback-rules.js';
import { allCodecs } from '../../../src/formats/registry.js';
import { makeProfile, type ProfileBase, type ProfileFlag } from '../../../src/song/profile.js';
import type { Envelope, Song } from '../../../src/song/song.js';
import { buildSong, testInstrument, testSample } from '../../helpers/song-builder.js';

type Target = 'mod' | 'xm' | 's3m' | 'it';

function envelope(points: [number, number][], loop: Envelope['loop']): Envelope {
  return { enabled: true, points: points.map(([tick, value]) => ({ tick, value })), loop, sustain: null, carry: false };
}

function warningsOf(song: Song, target: Target): readonly string[] {
  return allCodecs().find((c) => c.id === target)!.write!(song).warnings;
}

function playback(song: Song, target: Target): string[] {
  return warningsOf(song, target).filter((w) => w.includes('playback:'));
}

function song(base: ProfileBase, rows: string[][], flags: Partial<Record<ProfileFlag, boolean>> = {}, extra: Partial<Song> = {}): Song {
  return { ...buildSong({ base, pattern: rows, flags, samples: [testSample(base)] }), ...extra };
}

describe('playback rules the target does not reproduce', () => {
  it('knows the rule families it checks', () => {
    expect(RULE_TOPIC_IDS).toEqual(expect.arrayContaining(['pitch', 'modulation', 'retrigger', 'flow', 'patternDelay', 'memory', 'sharedMemory', 'envelopes', 'noteOff', 'panLaw']));
  });

  it('reports nothing for plain notes, volumes and speeds between any two formats with linear slides', () => {
    const xm = song('xm', [['C-5 01 v40 ...', 'E-5 01 ... F05'], ['... .. ... A02', '... .. ... C00']], { linearSlides: true });
    expect(playback(xm, 'it')).toEqual([]);
    const it8 = song('it', [['C-5 01 v40 ...', 'E-5 01 ... A05'], ['... .. ... D02', '... .. ... ...']], { linearSlides: true });
    expect(playback(it8, 'xm')).toEqual([]);
  });

  const cases: { name: string; base: ProfileBase; flags?: Partial<Record<ProfileFlag, boolean>>; target: Target; rows: string[][]; message: RegExp }[] = [
    { name: 'ProTracker pattern loops with a jump on the same row -> XM', base: 'mod', flags: { protrackerMode: true }, target: 'xm', rows: [['C-5 01 ... E60', '... .. ... ...'], ['... .. ... E62', '... .. ... B00']], message: /XM playback: pattern loops combined with jumps and breaks follow ProTracker's rules, not FastTracker 2's/ },
    { name: 'ProTracker vibrato (no update on tick 0) -> XM', base: 'mod', flags: { protrackerMode: true }, target: 'xm', rows: [['C-5 01 ... 444']], message: /vibrato, tremolo and panbrello .* ProTracker's rules/ },
    { name: 'ProTracker panning commands (ignored there) -> IT', base: 'mod', flags: { protrackerMode: true, modIgnorePanning: true }, target: 'it', rows: [['C-5 01 ... 880']], message: /panning commands are ignored by ProTracker/ },
    { name: 'Scream Tracker 3 shared effect memory -> IT', base: 's3m', target: 'it', rows: [['C-5 01 ... D04'], ['... .. ... E00']], message: /IT playback: Scream Tracker 3 shares one effect memory between commands; Impulse Tracker keeps one per command/ },
    { name: 'Scream Tracker 3 shared effect memory -> XM', base: 's3m', target: 'xm', rows: [['C-5 01 ... D04'], ['... .. ... K00']], message: /XM playback: Scream Tracker 3 shares one effect memory/ },
    { name: 'Impulse Tracker retrigger -> XM', base: 'it', target: 'xm', rows: [['C-5 01 ... Q03']], message: /XM playback: note retrigger .* the way Impulse Tracker does, not FastTracker 2/ },
    { name: 'FastTracker 2 retrigger -> IT', base: 'xm', target: 'it', rows: [['C-5 01 ... R03']], message: /IT playback: note retrigger .* FastTracker 2/ },
    { name: 'FastTracker 2 tremor -> IT', base: 'xm', target: 'it', rows: [['C-5 01 ... T12']], message: /tremor on\/off ticks follow FastTracker 2/ },
    { name: 'FastTracker 2 arpeggio -> IT', base: 'xm', target: 'it', rows: [['C-5 01 ... 037']], message: /arpeggio follows FastTracker 2's tick order/ },
    { name: 'pattern delay with a note delay on the row -> IT', base: 'xm', target: 'it', rows: [['C-5 01 ... EE2', '... .. ... ED1']], message: /pattern delays with notes or effects on the same row/ },
    { name: 'sample offset past the sample end -> IT', base: 'xm', target: 'it', rows: [['C-5 01 ... 920']], message: /sample offsets past the sample end/ },
    { name: 'instrument number without a note -> XM', base: 'it', target: 'xm', rows: [['C-5 01 ... ...'], ['... 02 ... ...']], message: /instrument numbers without a note/ },
    { name: 'tone portamento with an instrument -> IT', base: 'xm', target: 'it', rows: [['C-5 01 ... ...'], ['E-5 01 ... 304']], message: /tone portamento with an instrument/ },
    { name: 'note delay past the row -> IT', base: 'xm', target: 'it', rows: [['C-5 01 ... ED7']], message: /note delays and cuts/ },
    { name: 'portamento from memory -> XM', base: 'it', flags: { linearSlides: true }, target: 'xm', rows: [['C-5 01 ... F04'], ['... .. ... F00']], message: /effects with a 00 parameter recall Impulse Tracker's effect memory/ },
    { name: 'Impulse Tracker frequency slides -> MOD periods', base: 'it', flags: { linearSlides: false }, target: 'mod', rows: [['C-5 01 ... F04']], message: /MOD playback: pitch slides and portamento follow Impulse Tracker's pitch model/ },
    { name: 'ST3.00 fast volume slides -> IT', base: 's3m', flags: { st3FastVolumeSlides: true }, target: 'it', rows: [['C-5 01 ... D04']], message: /volume slides on the first tick/ },
    { name: 'old MOD timing (every Fxx sets the speed) -> XM', base: 'mod', flags: { vblankTiming: true }, target: 'xm', rows: [['C-5 01 ... F40']], message: /old MOD timing/ },
  ];
  for (const c of cases) {
    it(`${c.name}: reported`, () => {
      expect(playback(song(c.base, c.rows, c.flags), c.target).join('\n')).toMatch(c.message);
    });
    it(`${c.name}: not reported when the song does not use it`, () => {
      const plain = song(c.base, [['C-5 01 ... ...']], c.flags);
      expect(playback(plain, c.target).join('\n')).not.toMatch(c.message);
    });
  }

  it('Amiga period slides written as IT keep period slides (IT files read with period pitch)', () => {
    const xm = song('xm', [['C-5 01 ... 104'], ['... .. ... 204']], { linearSlides: false });
    expect(playback(xm, 'it')).toEqual([]);
    const back = allCodecs().find((c) => c.id === 'it')!.read(allCodecs().find((c) => c.id === 'it')!.write!(xm).bytes).song;
    expect([back.profile.flags.linearSlides, back.profile.flags.periodsAreHertz]).toEqual([false, false]);
  });

  it('ProTracker arpeggio is reported only where it runs past B-3 and wraps', () => {
    const pt = { protrackerMode: true, amigaPeriodLimits: true };
    expect(playback(song('mod', [['A-6 01 ... 037']], pt), 'it').join('\n')).toMatch(/IT playback: arpeggio follows ProTracker's/);
    expect(playback(song('mod', [['C-5 01 ... 037']], pt), 'it').join('\n')).not.toMatch(/arpeggio/);
  });

  it('envelope loops and key-offs on an instrument without a volume envelope, XM -> IT', () => {
    const looped = testInstrument({ volumeEnvelope: envelope([[0, 64], [10, 32], [20, 64]], { start: 0, end: 2 }), fadeout: 0 });
    const base = buildSong({ base: 'xm', pattern: [['C-5 01 ... ...'], ['=== .. ... ...']], samples: [testSample('xm')], instruments: [looped] });
    expect(playback(base, 'it').join('\n')).toMatch(/envelope loops, sustain release and end-of-envelope fades follow FastTracker 2/);
    const bare = buildSong({ base: 'xm', pattern: [['C-5 01 ... ...'], ['=== .. ... ...']], samples: [testSample('xm')], instruments: [testInstrument()] });
    expect(playback(bare, 'it').join('\n')).toMatch(/note-offs and fades release instruments the way FastTracker 2 does/);
  });

  it('period-table tuning: ProTracker\'s octave-by-octave rounding is reported for high notes, not for notes both tables agree on', () => {
    // Model G#6 (ProTracker G#3, period 135) is 6.4 cents off Scream Tracker 3's table, whose periods IT uses here.
    expect(playback(song('mod', [['G#6 01 ... ...']]), 'it').join('\n')).toMatch(/IT playback: notes are tuned by ProTracker's period table, Scream Tracker 3's period table in IT: some play up to 6\.4 cents apart/);
    expect(playback(song('mod', [['C-5 01 ... ...', 'G-5 01 ... ...']]), 'it')).toEqual([]);
    // Impulse Tracker's exact semitones against Scream Tracker 3's table: an IT song written as S3M keeps IT's pitch.
    expect(playback(song('it', [['G-5 01 ... ...']], { linearSlides: false }), 's3m').join('\n')).not.toMatch(/tuned/);
  });

  it('FastTracker 2\'s pan law is reported for FT2-saved songs written to IT', () => {
    expect(playback(song('xm', [['C-5 01 ... ...']], { ft2PanLaw: true }), 'it').join('\n')).toMatch(/square-root pan law/);
  });

  it('names the source tracker when the target keeps the base but not the flags (same format)', () => {
    const madTracker = song('xm', [['C-5 01 ... 037']], { ft2Arpeggio: false }, { origin: { format: 'xm', tracker: 'MadTracker 2.0' } });
    const lines = playbackRuleLosses(madTracker, makeProfile('xm'), 'XM');
    expect(lines).toEqual(['XM playback: arpeggio follows MadTracker 2.0\'s tick order and note wrap, not XM readers\'']);
  });
});
