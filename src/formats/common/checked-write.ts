// The export linter around a module writer: write, read the file back as its readers will, and add what
// the writer changed without saying so and the song's playback rules the file will not be played with.
// A codec's write() is this, so `tracker convert` and the editor's save get every loss in one list.

import type { Song } from '../../song/song.js';
import type { ReadResult, WriteResult } from './format-error.js';
import { playbackRuleLosses } from './playback-rules.js';
import { centsBetween, PITCH_TOLERANCE_CENTS, playbackRate } from './tuning.js';

/** Song settings compared after the round trip, with the words a writer's own warning would use. */
const SETTINGS: readonly { readonly key: 'initialSpeed' | 'initialTempo' | 'globalVolume' | 'mixVolume' | 'stereoSeparation' | 'restartOrder'; readonly name: string; readonly covered: RegExp }[] = [
  { key: 'initialSpeed', name: 'initial speed', covered: /speed/ },
  { key: 'initialTempo', name: 'initial tempo', covered: /tempo/ },
  { key: 'globalVolume', name: 'initial global volume', covered: /global volume/ },
  { key: 'mixVolume', name: 'mix volume', covered: /mix volume|mix levels/ },
  { key: 'stereoSeparation', name: 'stereo separation', covered: /separation/ },
  { key: 'restartOrder', name: 'restart position', covered: /restart|order list is cut/ },
];

/** JSON with object keys sorted, so equal values compare equal whatever order their fields were built in. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : x));
}

/** What the read-back song lost that no warning names yet. */
function unreportedLosses(song: Song, back: Song, warnings: readonly string[], label: string): string[] {
  const said = warnings.join('\n');
  const out: string[] = [];
  for (const s of SETTINGS) {
    // MOD has no initial speed or tempo: the writer puts them on the first row as Fxx (or says why not).
    if (label === 'MOD' && (s.key === 'initialSpeed' || s.key === 'initialTempo')) continue;
    if (song[s.key] !== back[s.key] && !s.covered.test(said)) out.push(`${s.name} ${song[s.key]} written as ${back[s.key]} (${label})`);
  }
  if ((song.rowsPerBeat !== back.rowsPerBeat || song.rowsPerMeasure !== back.rowsPerMeasure) && !/highlight/.test(said)) {
    out.push(`row highlights ${song.rowsPerBeat}/${song.rowsPerMeasure} not kept (${label} readers show ${back.rowsPerBeat}/${back.rowsPerMeasure})`);
  }
  // Patterns' own time signatures and swing (OpenMPT's MPTM has them; the module formats do not).
  const own = (i: number, which: 'signature' | 'swing') => song.patterns[i]?.[which] !== undefined && canonical(song.patterns[i]?.[which]) !== canonical(back.patterns[i]?.[which]);
  const signatures = song.patterns.map((_, i) => i).filter((i) => own(i, 'signature'));
  if (signatures.length > 0) out.push(`pattern${signatures.length === 1 ? '' : 's'} ${signatures.join(', ')}: own rows per beat/measure not kept (${label} has only the song's)`);
  const swings = song.patterns.map((_, i) => i).filter((i) => own(i, 'swing'));
  if (swings.length > 0) out.push(`pattern${swings.length === 1 ? '' : 's'} ${swings.join(', ')}: own tempo swing not kept (${label})`);
  // Samples, where the target keeps them one for one and in order (formats without instruments flatten
  // instruments, reported; XM instruments own their samples, which may reorder them).
  const emptyTail = back.samples.slice(song.samples.length).every((x) => x.pcm.data.length === 0);
  if (song.samples.length <= back.samples.length && emptyTail && (label !== 'XM' || song.instruments.length === 0) && (song.instruments.length === 0 || back.instruments.length > 0)) {
    song.samples.forEach((s, i) => {
      const b = back.samples[i]!;
      const n = i + 1;
      if (s.adlib) return;
      const frames = (x: Song['samples'][number]) => Math.floor(x.pcm.data.length / x.pcm.channels);
      if (frames(s) !== frames(b) && !/cut to \d+ frames/.test(said)) out.push(`sample ${n}: ${frames(s)} frames written as ${frames(b)} (${label})`);
      if (canonical(s.loop) !== canonical(b.loop) && !/loop/.test(said)) out.push(`sample ${n}: loop changed (${label})`);
      if (s.volume !== b.volume) out.push(`sample ${n}: default volume ${s.volume} written as ${b.volume} (${label})`);
      const cents = Math.abs(centsBetween(playbackRate(s, song.profile.base), playbackRate(b, back.profile.base)));
      if (cents > PITCH_TOLERANCE_CENTS && !/tuned|transpose|pitch/.test(said)) out.push(`sample ${n}: pitch off by ${cents.toFixed(0)} cents (${label})`);
    });
  }
  // Instruments, where the target keeps them in order.
  if (back.instruments.length > 0) {
    const checks: readonly { readonly name: string; readonly covered: RegExp; readonly get: (i: Song['instruments'][number]) => unknown }[] = [
      // IT stores fadeouts in steps of 32 XM units: below 1 % the fade time is the same to the ear.
      { name: 'fadeout', covered: /fadeout/, get: (i) => Math.round(Math.log(Math.max(1, i.fadeout)) * 100) },
      { name: 'volume and panning', covered: /instrument volume, panning/, get: (i) => [i.globalVolume, i.pan, i.randomVolume, i.randomPan, i.pitchPanSeparation] },
      { name: 'envelopes', covered: /envelope/, get: (i) => [i.volumeEnvelope, i.panEnvelope, i.pitchEnvelope, i.pitchEnvelopeIsFilter] },
      { name: 'new-note actions', covered: /new-note/, get: (i) => [i.newNoteAction, i.duplicateCheck, i.duplicateAction] },
      { name: 'filter', covered: /filter/, get: (i) => [i.filterCutoff, i.filterResonance] },
      { name: 'note map', covered: /note map/, get: (i) => i.noteMap },
    ];
    for (const c of checks) {
      if (c.covered.test(said)) continue;
      // An instrument without samples plays nothing: its settings cannot be lost.
      const changed = song.instruments.findIndex((ins, i) => back.instruments[i] !== undefined && ins.sampleMap.some((n) => n > 0) && canonical(c.get(ins)) !== canonical(c.get(back.instruments[i]!)));
      if (changed >= 0) out.push(`instrument ${changed + 1}: ${c.name} changed (${label})`);
    }
    const fields = ['channel', 'program', 'bank', 'port', 'transpose', 'bendRange', 'controller'] as const;
    const lost = fields.filter((f) => song.instruments.some((ins, i) => back.instruments[i] !== undefined && ins.midi[f] !== back.instruments[i]!.midi[f]));
    if (lost.length > 0) out.push(`instrument MIDI ${lost.join(', ')} not kept (${label})`);
  }
  return out;
}

/** A writer whose warnings also name unreported losses and the playback rules the target will not reproduce. */
export function checkedWriter(write: (song: Song) => WriteResult, read: (bytes: Uint8Array) => ReadResult<Song>, label: string): (song: Song) => WriteResult {
  return (song) => {
    const written = write(song);
    let back: Song;
    try {
      back = read(written.bytes).song;
    } catch (e) {
      // A writer bug, not the user's: say so rather than claim the file is faithful.
      return { bytes: written.bytes, warnings: [...written.warnings, `the written ${label} could not be read back (${e instanceof Error ? e.message : String(e)})`] };
    }
    return {
      bytes: written.bytes,
      warnings: [...written.warnings, ...unreportedLosses(song, back, written.warnings, label), ...playbackRuleLosses(song, back.profile, label)],
    };
  };
}
