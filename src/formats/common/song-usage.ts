// What a song uses, counted once for the export linter: effects and volume commands (and how often from
// memory), special notes, instrument numbers without notes, risky offsets, delays and cuts, notes played.
// A playback rule that differs between trackers is reported only when the song uses it.

import type { EffectKind, VolumeKind } from '../../song/effects.js';
import { NOTE_CUT, NOTE_FADE, NOTE_OFF } from '../../song/notes.js';
import { getCell } from '../../song/pattern.js';
import type { Instrument, Sample, Song } from '../../song/song.js';

/** How often a command is used, and how often with a zero parameter. */
export interface UseCount {
  count: number;
  zero: number;
}

/** Counts of the song features whose playback differs between trackers. */
export interface SongUsage {
  readonly effects: ReadonlyMap<EffectKind, UseCount>;
  readonly volume: ReadonlyMap<VolumeKind, UseCount>;
  readonly noteOff: number;
  readonly noteCut: number;
  readonly noteFade: number;
  /** Note-offs with an instrument number on the same row (FT2 and IT disagree on those). */
  readonly noteOffWithInstrument: number;
  /** Instrument numbers without a note that change the channel's instrument or restart envelopes. */
  readonly instrumentWithoutNote: number;
  /** Tone portamento with an instrument number, without a note, or from its memory. */
  readonly tonePortaSpecial: number;
  /** Sample offsets from memory, without a note or instrument, or past the sample's end. */
  readonly offsetSpecial: number;
  /** Rows with a pattern delay and anything else that acts per tick or per row. */
  readonly patternDelayBusy: number;
  /** Rows with more than one of position jump, pattern break and pattern loop. */
  readonly flowCombos: number;
  /** Note delays at or past the row's length, on rows without an instrument, or with a volume command. */
  readonly noteDelaySpecial: number;
  /** Note cuts at tick 0 or past the row's length. */
  readonly noteCutSpecial: number;
  /** The smallest speed the song sets. */
  readonly minSpeed: number;
  /** Samples that the patterns play (1-based numbers). */
  readonly playedSamples: ReadonlySet<number>;
  /** Notes (1..120) that the patterns play. */
  readonly notes: ReadonlySet<number>;
  /** The highest note an arpeggio reaches (999 when its base note is not known from the pattern). */
  readonly arpeggioReach: number;
}

function bump<K>(map: Map<K, UseCount>, key: K, zero: boolean): void {
  const c = map.get(key) ?? { count: 0, zero: 0 };
  c.count++;
  if (zero) c.zero++;
  map.set(key, c);
}

const PORTA_KINDS: ReadonlySet<EffectKind> = new Set(['tonePorta', 'tonePortaVolSlide']);
const FLOW_KINDS: ReadonlySet<EffectKind> = new Set(['positionJump', 'patternBreak', 'patternLoop']);

/** The sample a note plays with an instrument number (sample mode: the number itself). */
export function sampleOf(song: Song, instrument: number, note: number): number {
  if (song.instruments.length === 0) return instrument;
  const ins: Instrument | undefined = song.instruments[instrument - 1];
  if (!ins) return 0;
  const n = note >= 1 && note <= 120 ? note : 61;
  return ins.sampleMap[n - 1] ?? 0;
}

function frames(s: Sample | undefined): number {
  return s ? Math.floor(s.pcm.data.length / s.pcm.channels) : 0;
}

/** Scans every pattern the order list plays. */
export function scanSongUsage(song: Song): SongUsage {
  const effects = new Map<EffectKind, UseCount>();
  const volume = new Map<VolumeKind, UseCount>();
  const playedSamples = new Set<number>();
  const notes = new Set<number>();
  let noteOff = 0;
  let noteCut = 0;
  let noteFade = 0;
  let noteOffWithInstrument = 0;
  let instrumentWithoutNote = 0;
  let tonePortaSpecial = 0;
  let offsetSpecial = 0;
  let patternDelayBusy = 0;
  let flowCombos = 0;
  let noteDelaySpecial = 0;
  let noteCutSpecial = 0;
  let minSpeed = song.initialSpeed;
  let arpeggioReach = 0;
  const hasEnvelopes = song.instruments.some((i) => i.volumeEnvelope.enabled || i.panEnvelope.enabled || i.pitchEnvelope.enabled);
  const played = new Set(song.orders.filter((o): o is number => typeof o === 'number'));
  // Speeds first: note delays and cuts are judged against the smallest one.
  for (const p of played) {
    const pat = song.patterns[p];
    if (!pat) continue;
    for (let r = 0; r < pat.rows; r++) {
      for (let c = 0; c < pat.channels; c++) {
        for (const e of getCell(pat, r, c).effects) if (e?.kind === 'setSpeed' && e.param > 0) minSpeed = Math.min(minSpeed, e.param);
      }
    }
  }
  for (const p of played) {
    const pat = song.patterns[p];
    if (!pat) continue;
    const lastInstrument = new Array<number>(pat.channels).fill(-1);
    const lastNote = new Array<number>(pat.channels).fill(-1);
    for (let r = 0; r < pat.rows; r++) {
      let flow = 0;
      let delay = false;
      let busy = false;
      for (let c = 0; c < pat.channels; c++) {
        const cell = getCell(pat, r, c);
        const isNote = cell.note >= 1 && cell.note <= 120;
        if (isNote) notes.add(cell.note);
        if (cell.note === NOTE_OFF) noteOff++;
        if (cell.note === NOTE_CUT) noteCut++;
        if (cell.note === NOTE_FADE) noteFade++;
        if (cell.note === NOTE_OFF && cell.instrument) noteOffWithInstrument++;
        if (cell.instrument && isNote) playedSamples.add(sampleOf(song, cell.instrument, cell.note));
        if (cell.instrument && !isNote && cell.note === 0 && (hasEnvelopes || lastInstrument[c] !== cell.instrument)) instrumentWithoutNote++;
        if (cell.volume) bump(volume, cell.volume.kind, cell.volume.value === 0);
        const volPorta = cell.volume?.kind === 'tonePorta';
        let porta = volPorta && (cell.volume?.value ?? 0) === 0;
        for (const e of cell.effects) {
          if (!e || e.kind === 'none') continue;
          bump(effects, e.kind, e.param === 0);
          if (FLOW_KINDS.has(e.kind)) flow++;
          if (e.kind === 'patternDelay' || e.kind === 'finePatternDelay') delay = true;
          else busy = true;
          // Lxy / 5xy always continue from the tone portamento memory.
          if ((e.kind === 'tonePorta' && e.param === 0) || e.kind === 'tonePortaVolSlide') porta = true;
          if (e.kind === 'sampleOffset') {
            const smp = song.samples[sampleOf(song, cell.instrument || lastInstrument[c]!, cell.note) - 1];
            if (e.param === 0 || !isNote || !cell.instrument || e.param * 256 >= frames(smp)) offsetSpecial++;
          }
          if (e.kind === 'arpeggio' && e.param > 0) {
            const base = isNote ? cell.note : lastNote[c]!;
            arpeggioReach = Math.max(arpeggioReach, base < 0 ? 999 : base + Math.max(e.param >> 4, e.param & 15));
          }
          if (e.kind === 'noteDelay' && (e.param >= minSpeed || !cell.instrument || cell.volume || !isNote)) noteDelaySpecial++;
          if (e.kind === 'noteCut' && (e.param === 0 || e.param >= minSpeed)) noteCutSpecial++;
        }
        const anyPorta = volPorta || cell.effects.some((e) => e && PORTA_KINDS.has(e.kind));
        if (anyPorta && (porta || cell.instrument || !isNote)) tonePortaSpecial++;
        if (cell.note !== 0 || cell.volume) busy = true;
        if (cell.instrument) lastInstrument[c] = cell.instrument;
        if (isNote) lastNote[c] = cell.note;
      }
      if (flow > 1) flowCombos++;
      if (delay && busy) patternDelayBusy++;
    }
  }
  return {
    effects, volume, noteOff, noteCut, noteFade, noteOffWithInstrument, instrumentWithoutNote, tonePortaSpecial,
    offsetSpecial, patternDelayBusy, flowCombos, noteDelaySpecial, noteCutSpecial, minSpeed, playedSamples, notes, arpeggioReach,
  };
}

/** True when the song uses any of these effect kinds (with any parameter). */
export function usesEffect(u: SongUsage, ...kinds: EffectKind[]): boolean {
  return kinds.some((k) => (u.effects.get(k)?.count ?? 0) > 0);
}

/** True when the song uses any of these kinds with a zero parameter. */
export function usesEffectMemory(u: SongUsage, ...kinds: EffectKind[]): boolean {
  return kinds.some((k) => (u.effects.get(k)?.zero ?? 0) > 0);
}

/** True when the song uses any of these volume-column commands. */
export function usesVolume(u: SongUsage, ...kinds: VolumeKind[]): boolean {
  return kinds.some((k) => (u.volume.get(k)?.count ?? 0) > 0);
}

/** True when the song uses any of these volume-column commands with a zero value. */
export function usesVolumeMemory(u: SongUsage, ...kinds: VolumeKind[]): boolean {
  return kinds.some((k) => (u.volume.get(k)?.zero ?? 0) > 0);
}
