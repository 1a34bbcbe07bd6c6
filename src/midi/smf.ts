// Standard MIDI File (type 1) encoding: a header chunk and one MTrk chunk per track, events with
// variable-length delta times, each track ending with End of Track. Pure: bytes in, bytes out.

/** One event at an absolute tick: the status and data bytes (or a meta event). */
export type SmfEvent =
  | { readonly tick: number; readonly kind: 'midi'; readonly bytes: readonly number[] }
  | { readonly tick: number; readonly kind: 'meta'; readonly type: number; readonly data: readonly number[] };

export interface SmfTrack {
  readonly events: readonly SmfEvent[];
}

function varLen(n: number): number[] {
  let v = Math.max(0, Math.floor(n));
  const out = [v & 0x7f];
  v = Math.floor(v / 128);
  while (v > 0) {
    out.unshift((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  return out;
}

/** Orders events by tick; at the same tick, note-offs come before note-ons (no stuck notes). */
function order(a: SmfEvent, b: SmfEvent): number {
  if (a.tick !== b.tick) return a.tick - b.tick;
  const rank = (e: SmfEvent) => (e.kind === 'meta' ? 0 : ((e.bytes[0] ?? 0) & 0xf0) === 0x80 ? 1 : 2);
  return rank(a) - rank(b);
}

/** Text as bytes for meta events (Latin-1, other characters become '?'). */
export function textBytes(text: string): number[] {
  return Array.from(text, (c) => (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 0x3f));
}

/** Encodes a type 1 file with `division` ticks per quarter note. */
export function encodeSmf(tracks: readonly SmfTrack[], division: number): Uint8Array {
  const out: number[] = [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1, (tracks.length >> 8) & 0xff, tracks.length & 0xff, (division >> 8) & 0x7f, division & 0xff];
  for (const track of tracks) {
    const body: number[] = [];
    let last = 0;
    const events = [...track.events].sort(order);
    for (const e of events) {
      body.push(...varLen(e.tick - last));
      last = e.tick;
      if (e.kind === 'midi') body.push(...e.bytes);
      else body.push(0xff, e.type, ...varLen(e.data.length), ...e.data);
    }
    body.push(0, 0xff, 0x2f, 0);
    const n = body.length;
    out.push(0x4d, 0x54, 0x72, 0x6b, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff, ...body);
  }
  return Uint8Array.from(out);
}
