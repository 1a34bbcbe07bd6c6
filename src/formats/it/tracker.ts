// Which program saved an IT file (Cwt/v, Cmwt and fingerprints, as libopenmpt reads them): Impulse
// Tracker, Schism Tracker (dated versions), ModPlug Tracker and OpenMPT, ChibiTracker, BeRoTracker,
// and the playback quirks that follow. ModPlug-era files played without IT's compatibility rules.

import type { ProfileFlag } from '../../song/profile.js';
import type { ITHeader } from './layout.js';

export interface ITSniff {
  readonly tracker: string;
  readonly flags: Partial<Record<ProfileFlag, boolean>>;
  /** OpenMPT's MPTM (IT plus extension chunks). */
  readonly mptm: boolean;
  /** ChibiTracker writes twice the mix volume it means. */
  readonly halveMixVolume: boolean;
}

export interface SniffInput {
  readonly historyEntries: number;
  readonly instrumentPointers: readonly number[];
  readonly patternPointers: readonly number[];
  readonly samplePointers: readonly number[];
  readonly bytes: Uint8Array;
}

/** IT's compatibility rules off: how ModPlug Tracker played IT files. */
const MODPLUG_PLAYBACK: Partial<Record<ProfileFlag, boolean>> = {
  itQuirks: false, itRetrigger: false, itShortSampleRetrig: false, itPortaNoNote: false, itPortamentoSwapResetsPos: false, periodsAreHertz: false,
  modplugMixLevels: true,
};

function schismDays(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(2009, 9, 31)) / 86400000);
}

function hex2(v: number): string {
  return v.toString(16).padStart(2, '0');
}

export function itVersionName(cwtv: number, cmwt: number): string {
  const v = cwtv & 0xfff;
  if (cmwt > 0x0214) return 'Impulse Tracker 2.15';
  if (v >= 0x0215 && v <= 0x0217) return `Impulse Tracker 2.14p${['1-2', '3', '4-5'][v - 0x0215]}`;
  return `Impulse Tracker ${(v >> 8).toString(16)}.${hex2(v & 0xff)}`;
}

export function sniffTracker(h: ITHeader, o: SniffInput): ITSniff {
  const flags: Partial<Record<ProfileFlag, boolean>> = {};
  let tracker = '';
  let modplug = false;
  let halveMixVolume = false;
  let mptm = false;
  const b = o.bytes;
  if (h.cwtv >= 0x0889 && h.cwtv <= 0x0fff && b.length >= 8) {
    const at = (b[b.length - 4]! | (b[b.length - 3]! << 8) | (b[b.length - 2]! << 16) | (b[b.length - 1]! << 24)) >>> 0;
    if (at >= 0x100 && at + 3 <= b.length && b[at] === 0x32 && b[at + 1] === 0x32 && b[at + 2] === 0x38) mptm = true;
  }
  const kind = h.cwtv & 0xf000;
  if (mptm) tracker = 'OpenMPT (MPTM)';
  else if (kind === 0x5000) {
    const v = h.cwtv & 0x0fff;
    tracker = `OpenMPT ${(v >> 8).toString(16)}.${hex2(v & 0xff).toUpperCase()}`;
  } else if (h.cmwt === 0x888 || h.cwtv === 0x888) {
    tracker = 'OpenMPT 1.17';
    modplug = true;
  } else if (h.cwtv === 0x0214 && h.cmwt === 0x0202 && h.reserved === 0) {
    tracker = 'ModPlug Tracker b3.2 - 1.09';
    modplug = true;
  } else if (h.cwtv === 0x0300 && h.cmwt === 0x0300 && h.reserved === 0 && h.ordnum === 256 && h.separation === 128 && h.pitchWheelDepth === 0) {
    tracker = 'OpenMPT 1.17.02.20';
    modplug = true;
  } else if (h.cwtv === 0x0217 && h.cmwt === 0x0200 && h.reserved === 0) {
    tracker = 'ModPlug Tracker 1.09 - 1.16 / OpenMPT 1.17 (compatibility export)';
    modplug = true;
  } else if (kind === 0x0000) {
    const p = o.patternPointers;
    const s = o.samplePointers;
    if (h.cwtv === 0x0202 && h.cmwt === 0x0200 && h.highlightMajor === 0 && h.highlightMinor === 0 && h.reserved === 0 && p.length > 0 && s.length > 0 && p[0] !== 0 && p[0]! < s[0]!) {
      tracker = 'ModPlug Tracker 1.0 pre-alpha / alpha';
      modplug = true;
    } else if (h.cwtv === 0x0214 && h.cmwt === 0x0200 && h.highlightMajor === 0 && h.highlightMinor === 0 && h.reserved === 0) {
      tracker = 'ModPlug Tracker 1.0';
      modplug = true;
    } else if (h.cwtv === 0x0214 && h.cmwt === 0x0214 && h.reservedText === 'CHBI') {
      tracker = 'ChibiTracker';
      flags.itShortSampleRetrig = false;
      halveMixVolume = true;
    } else if (h.cwtv === 0) tracker = 'unknown tracker';
    else tracker = itVersionName(h.cwtv, h.cmwt);
  } else if (kind === 0x1000) {
    const days = h.cwtv === 0x1fff ? h.reserved : (h.cwtv & 0xfff) - 0x050;
    const date = new Date(Date.UTC(2009, 9, 31) + days * 86400000).toISOString().slice(0, 10);
    tracker = (h.cwtv & 0xfff) > 0x050 ? `Schism Tracker ${date}` : `Schism Tracker 0.${(h.cwtv & 0xfff).toString(16)}`;
    const older = (y: number, m: number, d: number) => (h.cwtv & 0xfff) <= 0x050 || days < schismDays(y, m, d);
    if (older(2015, 1, 29) || (older(2021, 5, 2) && !(h.flags & 0x08))) flags.periodsAreHertz = false;
    if (older(2016, 5, 13)) flags.itShortSampleRetrig = false;
    if (older(2022, 4, 30)) flags.itPortamentoSwapResetsPos = false;
    if (older(2023, 10, 19)) flags.itPortaNoNote = false;
  } else if (kind === 0x4000) tracker = `pyIT ${(h.cwtv & 0xf00) >> 8}.${hex2(h.cwtv & 0xff)}`;
  else if (kind === 0x6000) tracker = 'BeRoTracker';
  else tracker = 'unknown tracker';
  if (modplug) Object.assign(flags, MODPLUG_PLAYBACK);
  return { tracker, flags, mptm, halveMixVolume };
}
