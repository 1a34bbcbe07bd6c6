// Instrument envelopes: the value at a tick position (linear between points) and how each tracker
// advances the position through loops and sustain loops.

import type { Envelope } from '../../song/song.js';
import type { Behaviour } from './behaviour.js';
import type { ChannelState } from './channel-state.js';

export type EnvelopeKind = 'volume' | 'pan' | 'pitch';

/** The model envelope of an instrument for a kind. */
export function envelopeOf(chn: ChannelState, kind: EnvelopeKind): Envelope | null {
  const ins = chn.instrument?.model;
  if (!ins) return null;
  return kind === 'volume' ? ins.volumeEnvelope : kind === 'pan' ? ins.panEnvelope : ins.pitchEnvelope;
}

/** Offset that maps a model envelope value to 0..64 (pan and pitch are stored -32..32). */
function valueOffset(kind: EnvelopeKind): number {
  return kind === 'volume' ? 0 : 32;
}

/**
 * Envelope value at `position`, scaled from 0..64 to 0..rangeOut, computed with the 16-bit fixed point
 * of OpenMPT so that results match bit for bit.
 */
export function envelopeValue(env: Envelope, kind: EnvelopeKind, position: number, rangeOut: number): number {
  const pts = env.points;
  if (pts.length === 0) return 0;
  const off = valueOffset(kind);
  const PRECISION = 65536;
  const last = pts.length - 1;
  let pt = last;
  for (let i = 0; i < last; i++) {
    if (position <= (pts[i]?.tick ?? 0)) {
      pt = i;
      break;
    }
  }
  const x2 = pts[pt]?.tick ?? 0;
  const v2 = Math.trunc((((pts[pt]?.value ?? 0) + off) * PRECISION) / 64);
  let value: number;
  if (position >= x2) value = v2;
  else {
    let x1 = 0;
    value = 0;
    if (pt > 0) {
      value = Math.trunc((((pts[pt - 1]?.value ?? 0) + off) * PRECISION) / 64);
      x1 = pts[pt - 1]?.tick ?? 0;
    }
    if (x2 > x1 && position > x1) value += Math.trunc(((position - x1) * (v2 - value)) / (x2 - x1));
  }
  value = Math.max(0, Math.min(PRECISION, value));
  return Math.floor((value * rangeOut + PRECISION / 2) / PRECISION);
}

function getPos(chn: ChannelState, kind: EnvelopeKind): number {
  return kind === 'volume' ? chn.volEnvPos : kind === 'pan' ? chn.panEnvPos : chn.pitchEnvPos;
}

function setPos(chn: ChannelState, kind: EnvelopeKind, pos: number): void {
  if (kind === 'volume') chn.volEnvPos = pos;
  else if (kind === 'pan') chn.panEnvPos = pos;
  else chn.pitchEnvPos = pos;
}

/** True when the channel's envelope of this kind is switched on (S77-S7C can switch it). */
export function envelopeOn(chn: ChannelState, kind: EnvelopeKind): boolean {
  return kind === 'volume' ? chn.volEnvOn : kind === 'pan' ? chn.panEnvOn : chn.pitchEnvOn;
}

function setOn(chn: ChannelState, kind: EnvelopeKind, on: boolean): void {
  if (kind === 'volume') chn.volEnvOn = on;
  else if (kind === 'pan') chn.panEnvOn = on;
  else chn.pitchEnvOn = on;
}

/** True when the envelope contributes this tick. */
export function isEnvelopeProcessed(b: Behaviour, chn: ChannelState, kind: EnvelopeKind): boolean {
  const env = envelopeOf(chn, kind);
  if (!env || env.points.length === 0) return false;
  const playIfPaused = b.itEnvelopePositionHandling || b.ft2PanSustainRelease;
  return envelopeOn(chn, kind) || (env.enabled && playIfPaused);
}

/** The tick of point `i` (clamped to the points); a plain function so that no closure is made per tick. */
function tickAt(pts: Envelope['points'], i: number): number {
  return pts[Math.max(0, Math.min(pts.length - 1, i))]?.tick ?? 0;
}

/** Advances one envelope by a tick, handling loops, sustain and the end. */
export function incrementEnvelope(b: Behaviour, chn: ChannelState, kind: EnvelopeKind): void {
  const env = envelopeOf(chn, kind);
  if (!env || !envelopeOn(chn, kind) || env.points.length === 0) return;
  const pts = env.points;
  const lastTick = pts[pts.length - 1]?.tick ?? 0;
  let position = getPos(chn, kind) + (b.itEnvelopePositionHandling ? 0 : 1);
  let endReached = false;
  if (!b.itEnvelopePositionHandling) {
    if (env.loop) {
      let end = tickAt(pts, env.loop.end);
      if (!b.isXm) end++;
      const escape = env.sustain !== null && env.loop.end === env.sustain.end && chn.keyOff && b.ft2EnvelopeEscape;
      if (position === end && !escape) position = tickAt(pts, env.loop.start);
    }
    if (env.sustain && !chn.keyOff) {
      if (position === tickAt(pts, env.sustain.end) + 1) {
        position = tickAt(pts, env.sustain.start);
        // FT2: a pan envelope reaching its sustain point before key-off stays there. Test: PanSustainRelease.xm
        if (b.ft2PanSustainRelease && kind === 'pan') setOn(chn, kind, false);
      }
    } else if (position > lastTick) {
      position = lastTick;
      endReached = true;
    }
  } else {
    let start: number;
    let end: number;
    if (env.sustain && !chn.oldKeyOff) {
      start = tickAt(pts, env.sustain.start);
      end = tickAt(pts, env.sustain.end) + 1;
    } else if (env.loop) {
      start = tickAt(pts, env.loop.start);
      end = tickAt(pts, env.loop.end) + 1;
    } else {
      start = end = lastTick;
      if (position > end) endReached = true;
    }
    if (position >= end) position = start;
  }
  if (kind === 'volume' && endReached) {
    if (b.isIt || chn.keyOff) chn.noteFade = true;
    if ((pts[pts.length - 1]?.value ?? 1) === 0 && (chn.masterChannel > 0 || b.isIt)) {
      chn.noteFade = true;
      chn.fadeOutVol = 0;
      chn.realVolume = 0;
    }
  }
  setPos(chn, kind, position + (b.itEnvelopePositionHandling ? 1 : 0));
}

/** Advances all three envelopes. */
export function incrementEnvelopes(b: Behaviour, chn: ChannelState): void {
  incrementEnvelope(b, chn, 'volume');
  incrementEnvelope(b, chn, 'pan');
  incrementEnvelope(b, chn, 'pitch');
}
