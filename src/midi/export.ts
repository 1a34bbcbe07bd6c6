// A song as a Standard MIDI File: the replayer plays the song tick by tick (no audio), every note
// start on a pattern channel becomes a note-on and ends at the next note, a cut, a key-off, a fade
// to silence or the end of its sample; an instrument with a controller set turns Zxx into that CC.
// Track 0 carries the title and a tempo map that follows every speed and tempo change exactly; one
// track per channel (or per instrument). Pure: song in, bytes out.

import { macroValue } from '../engine/midi/midi-notes.js';
import type { ChannelState } from '../engine/replayer/channel-state.js';
import { CMD } from '../engine/replayer/commands.js';
import { Player } from '../engine/replayer/player.js';
import { signatureOf } from '../song/pattern.js';
import type { Song } from '../song/song.js';
import { encodeSmf, type SmfEvent, textBytes } from './smf.js';

export interface MidiExportOptions {
  /** One track per instrument (sample in sample mode) instead of one per channel. */
  readonly perInstrument?: boolean;
  /** Stop after this many seconds of song time (default: the song's end, at most an hour). */
  readonly seconds?: number;
}

export interface MidiExportResult {
  readonly bytes: Uint8Array;
  readonly notes: number;
  readonly tracks: number;
  readonly seconds: number;
  readonly warnings: readonly string[];
}

/** Ticks per quarter note: divisible by rows per beat and speeds that are common, so rows land on ticks. */
export const DIVISION = 960;
const RATE = 48000;
/** MIDI channels for tracks without an instrument channel: 1..16 without 10 (General MIDI drums). */
const CHANNELS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15];

interface OpenNote {
  key: number;
  track: number;
  channel: number;
}

/** The MIDI key for a model note: C-5 (61, a sample's base pitch) is middle C (60). */
function keyOf(note: number): number {
  return Math.max(0, Math.min(127, note - 1));
}

export function songToMidi(song: Song, options: MidiExportOptions = {}): MidiExportResult {
  const player = new Player(song, { sampleRate: RATE });
  const state = player.state;
  const numChannels = song.channels.length;
  let rpb = -1;
  const warnings: string[] = [];
  const trackEvents = new Map<number, SmfEvent[]>();
  const trackNames = new Map<number, string>();
  const trackChannel = new Map<number, number>();
  const conductor: SmfEvent[] = [{ tick: 0, kind: 'meta', type: 0x03, data: textBytes(song.title || 'tracker song') }];
  const open: (OpenNote | null)[] = Array.from({ length: numChannels }, () => null);
  const lastTriggers = new Array<number>(numChannels).fill(0);
  const ccValues: (number | undefined)[] = new Array<number | undefined>(numChannels);
  const limit = Math.min(options.seconds ?? 3600, 3600) * RATE;
  let frames = 0;
  let tick = 0;
  let notes = 0;
  let speed = -1;
  let tempo = -1;

  const trackFor = (chn: ChannelState, c: number): number => {
    const ins = chn.instrument ? chn.instrument.index : (chn.sample?.index ?? 0);
    const id = options.perInstrument ? ins : c;
    if (!trackEvents.has(id)) {
      trackEvents.set(id, []);
      const model = chn.instrument?.model;
      const name = options.perInstrument ? (model?.name || song.samples[ins - 1]?.name || `instrument ${ins}`) : song.channels[c]?.name || `channel ${c + 1}`;
      trackNames.set(id, name);
      // The instrument's own MIDI channel when it has one; otherwise the next free melodic channel.
      const midiChannel = model && model.midi.channel >= 1 ? model.midi.channel - 1 : (CHANNELS[(trackEvents.size - 1) % CHANNELS.length] ?? 0);
      trackChannel.set(id, midiChannel);
      const program = model && model.midi.program >= 0 ? model.midi.program : -1;
      if (program >= 0) trackEvents.get(id)!.push({ tick: 0, kind: 'midi', bytes: [0xc0 | trackChannel.get(id)!, program & 0x7f] });
    }
    return id;
  };
  const noteOff = (c: number, at: number) => {
    const n = open[c];
    if (!n) return;
    trackEvents.get(n.track)!.push({ tick: at, kind: 'midi', bytes: [0x80 | n.channel, n.key, 0x40] });
    open[c] = null;
  };

  for (;;) {
    if (frames >= limit) {
      if (options.seconds === undefined) warnings.push('the song did not end within an hour; the MIDI file stops there');
      break;
    }
    const n = player.nextTick();
    if (n === 0) break;
    // A beat is the playing pattern's rows per beat (its own time signature, or the song's).
    const beat = Math.max(1, signatureOf(song.patterns[state.pattern], song).rowsPerBeat || 4);
    if (state.speed !== speed || state.tempo !== tempo || beat !== rpb) {
      speed = Math.max(1, state.speed);
      tempo = Math.max(1, state.tempo);
      rpb = beat;
      // A beat lasts rows-per-beat x speed ticks of 2.5 / tempo seconds (1 / tempo in OpenMPT's
      // alternative mode); in its modern mode the tempo is the beats per minute (swing is not kept).
      const mode = song.profile.tempoMode;
      const usPerQuarter = Math.round(mode === 'modern' ? 60e6 / tempo : (rpb * speed * (mode === 'alternative' ? 1e6 : 2.5e6)) / tempo);
      conductor.push({ tick: Math.round(tick), kind: 'meta', type: 0x51, data: [(usPerQuarter >> 16) & 0xff, (usPerQuarter >> 8) & 0xff, usPerQuarter & 0xff] });
    }
    const at = Math.round(tick);
    for (let c = 0; c < numChannels; c++) {
      const chn = state.channels[c] as ChannelState;
      const voice = chn.voice;
      if (voice.triggers !== lastTriggers[c]) {
        lastTriggers[c] = voice.triggers;
        noteOff(c, at);
        if (chn.note >= 1 && chn.note <= 120 && chn.sample) {
          const track = trackFor(chn, c);
          const channel = trackChannel.get(track) ?? 0;
          const velocity = Math.max(1, Math.min(127, Math.round((chn.volume * 127) / 256)));
          const key = keyOf(chn.note + (chn.instrument?.model.midi.transpose ?? 0));
          trackEvents.get(track)!.push({ tick: at, kind: 'midi', bytes: [0x90 | channel, key, velocity] });
          open[c] = { key, track, channel };
          notes++;
        }
      } else if (open[c] && (!voice.active || chn.length === 0 || chn.keyOff || (chn.noteFade && chn.fadeOutVol === 0) || (chn.volume === 0 && chn.realVolume === 0))) {
        noteOff(c, at);
      }
      // An instrument's plain "set CC": Zxx (first tick) and \xx (gliding over the row) as controller changes.
      const controller = chn.instrument?.model.midi.controller ?? -1;
      const cmd = chn.rowCmd;
      if (controller >= 0 && chn.rowParam < 0x80 && ((cmd === CMD.MIDI && state.firstTick) || cmd === CMD.SMOOTHMIDI)) {
        const value = macroValue(state, chn, ccValues[c]);
        if (value !== ccValues[c] || state.firstTick) {
          const track = trackFor(chn, c);
          trackEvents.get(track)!.push({ tick: at, kind: 'midi', bytes: [0xb0 | (trackChannel.get(track) ?? 0), controller, value] });
        }
        ccValues[c] = value;
      }
    }
    frames += n;
    tick += DIVISION / (rpb * speed);
  }
  const end = Math.round(tick);
  for (let c = 0; c < numChannels; c++) noteOff(c, end);

  const ids = [...trackEvents.keys()].sort((a, b) => a - b);
  const tracks = [
    { events: conductor },
    ...ids.map((id) => ({ events: [{ tick: 0, kind: 'meta' as const, type: 0x03, data: textBytes(trackNames.get(id) ?? '') }, ...trackEvents.get(id)!] })),
  ];
  if (notes === 0) warnings.push('the song plays no notes; the MIDI file holds only the tempo map');
  return { bytes: encodeSmf(tracks, DIVISION), notes, tracks: tracks.length, seconds: frames / RATE, warnings };
}
