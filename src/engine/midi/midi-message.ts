// MIDI messages as plain byte arrays: builders for the messages the tracker sends, and a splitter
// that cuts a macro's byte string into whole messages (a port sends one message at a time).

/** One MIDI message: a status byte and its data bytes (or a whole SysEx F0 ... F7). */
export type MidiBytes = readonly number[];

export const CLOCK = 0xf8;
export const START = 0xfa;
export const CONTINUE = 0xfb;
export const STOP = 0xfc;
export const SONG_POSITION = 0xf2;

/** Controller numbers used by the tracker. */
export const CC = {
  bankMsb: 0,
  modulation: 1,
  volume: 7,
  pan: 10,
  bankLsb: 32,
  resonance: 71,
  cutoff: 74,
  allSoundOff: 120,
  resetControllers: 121,
  allNotesOff: 123,
} as const;

const clamp7 = (v: number): number => Math.max(0, Math.min(127, Math.round(v)));
const ch4 = (channel: number): number => channel & 0x0f;

/** Note on; `channel` 0..15. */
export function noteOn(channel: number, key: number, velocity: number): number[] {
  return [0x90 | ch4(channel), clamp7(key), Math.max(1, clamp7(velocity))];
}

export function noteOff(channel: number, key: number, velocity = 64): number[] {
  return [0x80 | ch4(channel), clamp7(key), clamp7(velocity)];
}

export function controlChange(channel: number, controller: number, value: number): number[] {
  return [0xb0 | ch4(channel), clamp7(controller), clamp7(value)];
}

export function programChange(channel: number, program: number): number[] {
  return [0xc0 | ch4(channel), clamp7(program)];
}

/** Pitch bend, `value` 0..16383 (8192 = centre). */
export function pitchBend(channel: number, value: number): number[] {
  const v = Math.max(0, Math.min(16383, Math.round(value)));
  return [0xe0 | ch4(channel), v & 0x7f, v >> 7];
}

/** Song Position Pointer in MIDI beats (sixteenth notes, 0..16383). */
export function songPosition(sixteenths: number): number[] {
  const v = Math.max(0, Math.min(16383, Math.floor(sixteenths)));
  return [SONG_POSITION, v & 0x7f, v >> 7];
}

/** Data bytes that follow each channel-message status (high nibble 8..E). */
const CHANNEL_DATA: Readonly<Record<number, number>> = { 0x8: 2, 0x9: 2, 0xa: 2, 0xb: 2, 0xc: 1, 0xd: 1, 0xe: 2 };
/** Data bytes of system common messages. */
const SYSTEM_DATA: Readonly<Record<number, number>> = { 0xf1: 1, 0xf2: 2, 0xf3: 1, 0xf6: 0, 0xf8: 0, 0xfa: 0, 0xfb: 0, 0xfc: 0, 0xfe: 0, 0xff: 0 };

/**
 * Cuts a byte string (e.g. an evaluated macro) into complete messages. Running status is followed;
 * data bytes without a status and incomplete messages are dropped, SysEx is kept whole.
 */
export function splitMessages(bytes: readonly number[]): number[][] {
  const out: number[][] = [];
  let i = 0;
  let running = -1;
  while (i < bytes.length) {
    const b = (bytes[i] ?? 0) & 0xff;
    if (b === 0xf0) {
      const end = bytes.indexOf(0xf7, i + 1);
      if (end < 0) break;
      out.push(bytes.slice(i, end + 1).map((x) => x & 0xff));
      i = end + 1;
      running = -1;
      continue;
    }
    let status = b;
    let start = i + 1;
    if (b < 0x80) {
      if (running < 0) {
        i++;
        continue;
      }
      status = running;
      start = i;
    }
    const need = status >= 0xf0 ? SYSTEM_DATA[status] : CHANNEL_DATA[status >> 4];
    if (need === undefined) {
      i = start;
      continue;
    }
    const data = bytes.slice(start, start + need).map((x) => x & 0x7f);
    if (data.length < need) break;
    out.push([status, ...data]);
    if (status < 0xf0) running = status;
    i = start + need;
  }
  return out;
}

/** True for messages that start, continue, stop or position the transport, or keep time. */
export function isRealtime(status: number): boolean {
  return status >= 0xf8 || status === SONG_POSITION;
}
