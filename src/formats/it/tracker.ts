// Which program saved an IT file (Cwt/v, Cmwt and fingerprints, as libopenmpt's Load_it.cpp reads
// them): Impulse Tracker, Schism Tracker (dated versions), ModPlug Tracker and OpenMPT, UNMO3,
// ChibiTracker, CheeseTracker, BeRoTracker and others, and the playback rules that follow.

import type { ProfileFlag } from '../../song/profile.js';
import type { SongExtensions } from './extensions.js';
import type { ITHeader } from './layout.js';
import type { ITPreamble } from './preamble.js';

/** What the tracker sniffing decided. */
export interface ITSniff {
  readonly tracker: string;
  readonly flags: Partial<Record<ProfileFlag, boolean>>;
  /** OpenMPT's MPTM (IT plus extension chunks). */
  readonly mptm: boolean;
  /** ChibiTracker writes twice the mix volume it means. */
  readonly halveMixVolume: boolean;
  /** ModPlug Tracker or OpenMPT in its own (non-IT-compatible) mode saved the file. */
  readonly modplugMade: boolean;
  /** OpenMPT version that saved the file (0x01170000 = 1.17), 0 when not ModPlug/OpenMPT. */
  readonly mptVersion: number;
  /** Impulse Tracker before 2.14 (and ModPlug alphas) had no Zxx filter macros. */
  readonly noZxxMacros: boolean;
}

/** Facts about the file beyond its header. */
export interface SniffInput {
  readonly preamble: ITPreamble;
  readonly extensions: SongExtensions;
  /** File name of sample 1 ('' when none). */
  readonly firstSampleFileName: string;
  readonly anyUnsignedSample: boolean;
  readonly anyAdpcmSample: boolean;
  readonly mptm: boolean;
}

/** IT's compatibility rules off: how ModPlug Tracker played IT files. */
const MODPLUG_PLAYBACK: Partial<Record<ProfileFlag, boolean>> = {
  itQuirks: false, itRetrigger: false, itShortSampleRetrig: false, itPortaNoNote: false, itPortamentoSwapResetsPos: false, periodsAreHertz: false,
};

/** Profile flags and the OpenMPT PlayBehaviour bit ("MSF." field) each follows (Snd_defs.h order). */
const MSF_BITS: readonly (readonly [ProfileFlag, number])[] = [
  ['periodsAreHertz', 7], ['itQuirks', 21], ['itRetrigger', 23], ['itShortSampleRetrig', 38], ['itPortaNoNote', 39], ['itPortamentoSwapResetsPos', 42],
];

const V = (a: number, b: number, c: number, d: number) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
const hex2 = (v: number) => v.toString(16).toUpperCase().padStart(2, '0');

/** OpenMPT's spelling of a version: "1.17" or "1.33.00.12". */
export function mptVersionName(v: number): string {
  const head = `${(v >>> 24).toString(16).toUpperCase()}.${hex2((v >>> 16) & 0xff)}`;
  return v & 0xffff ? `${head}.${hex2((v >>> 8) & 0xff)}.${hex2(v & 0xff)}` : head;
}

function isMptTestVersion(v: number): boolean {
  return (v > V(1, 0x17, 2, 0x54) && v < V(1, 0x18, 2, 0) && v !== V(1, 0x18, 0, 0)) || (v > V(1, 0x18, 2, 0) && (v & 0xff) !== 0);
}

export function itVersionName(cwtv: number, cmwt: number): string {
  const v = cwtv & 0xfff;
  if (cmwt > 0x0214) return 'Impulse Tracker 2.15';
  if (v >= 0x0215 && v <= 0x0217) return `Impulse Tracker 2.14p${['1-2', '3', '4-5'][v - 0x0215]}`;
  return `Impulse Tracker ${(v >> 8).toString(16)}.${(v & 0xff).toString(16).padStart(2, '0')}`;
}

/** Days since Schism Tracker's epoch (2009-10-31) for a date. */
function schismDays(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(2009, 9, 31)) / 86400000);
}

function schism(h: ITHeader, flags: Partial<Record<ProfileFlag, boolean>>): string {
  const v = h.cwtv & 0xfff;
  const days = h.cwtv === 0x1fff ? h.reserved : v - 0x050;
  const name = v > 0x050 ? `Schism Tracker ${new Date(Date.UTC(2009, 9, 31) + days * 86400000).toISOString().slice(0, 10)}` : `Schism Tracker 0.${v.toString(16).padStart(2, '0')}`;
  // Schism Tracker fixed these IT behaviours on the given dates (libopenmpt's SchismQuirks table).
  const older = (y: number, m: number, d: number) => days < schismDays(y, m, d);
  if (older(2015, 1, 29) || (older(2021, 5, 2) && !(h.flags & 0x08))) flags.periodsAreHertz = false;
  if (older(2016, 5, 13)) flags.itShortSampleRetrig = false;
  if (older(2022, 4, 30)) flags.itPortamentoSwapResetsPos = false;
  if (older(2023, 10, 19)) flags.itPortaNoNote = false;
  return name;
}

export function sniffTracker(h: ITHeader, o: SniffInput): ITSniff {
  const flags: Partial<Record<ProfileFlag, boolean>> = {};
  const p = o.preamble;
  const ext = o.extensions;
  let tracker = '';
  let modplug = false;
  let version = 0;
  let halveMixVolume = false;
  const kind = h.cwtv & 0xf000;

  if (!o.mptm) {
    if (kind === 0x5000) {
      // OpenMPT: "OMPT" in the reserved field means its own rules, anything else an IT-compatible save.
      version = (h.cwtv & 0x0fff) << 16;
      if (h.reservedText === 'OMPT') modplug = true;
      else if (version >= V(1, 0x29, 0, 0)) version = (version | (h.reserved & 0xffff)) >>> 0;
    } else if (h.cmwt === 0x888 || h.cwtv === 0x888) {
      modplug = true;
      version = V(1, 0x17, 0, 0);
    } else if (h.cwtv === 0x0214 && h.cmwt === 0x0202 && h.reserved === 0) {
      version = V(1, 9, 0, 0);
      tracker = 'ModPlug Tracker b3.2 - 1.09';
      modplug = true;
    } else if (h.cwtv === 0x0300 && h.cmwt === 0x0300 && h.reserved === 0 && h.ordnum === 256 && h.separation === 128 && h.pitchWheelDepth === 0) {
      version = V(1, 0x17, 2, 0x20);
      modplug = true;
    }
  }
  if (p.isBeRoTracker) version = 0;
  if (h.cwtv === 0x0217 && h.cmwt === 0x0200 && h.reserved === 0 && !p.isBeRoTracker) {
    // OpenMPT 1.17 disguised itself as this, but never wrote 0xFF pan for unused channels or a
    // final "---" order, nor ModPlug's chunks.
    if (p.hasModPlugExtensions || p.orders[p.orders.length - 1] === 0xff || h.channelPan.includes(0xff)) {
      version = V(1, 0x16, 0, 0);
      tracker = 'ModPlug Tracker 1.09 - 1.16';
    } else {
      version = V(1, 0x17, 0, 0);
      tracker = 'OpenMPT 1.17 (compatibility export)';
    }
    modplug = true;
  }
  const modplugBeforeSamples = modplug;
  if (ext.lastSavedWith) version = ext.lastSavedWith;
  if (!version && h.cwtv === 0x0888) version = V(1, 0x17, 0, 0);

  if (version && !tracker) {
    tracker = `OpenMPT ${mptVersionName(version)}`;
    let compat = h.reservedText !== 'OMPT' && kind === 0x5000;
    if (version === V(1, 0x17, 0, 0)) compat = !ext.present && !p.hasModPlugExtensions;
    if (compat) tracker += ' (compatibility export)';
    else if (isMptTestVersion(version)) tracker += ' (test build)';
  } else if (!tracker) {
    switch (h.cwtv >> 12) {
      // ModPlug 1.0 alphas and betas are found too late to change libopenmpt's rules (only the name).
      case 0: tracker = sniffOld(h, o, (v) => {
        version = v;
      }, () => {
        flags.itShortSampleRetrig = false;
        halveMixVolume = true;
      }); break;
      case 1: tracker = schism(h, flags); break;
      case 4: tracker = `pyIT ${(h.cwtv & 0xf00) >> 8}.${hex2(h.cwtv & 0xff)}`; break;
      case 6: tracker = 'BeRoTracker'; break;
      case 7: tracker = h.cwtv === 0x7fff && h.cmwt === 0x0215 ? 'munch.py' : `ITMCK ${(h.cwtv >> 8) & 15}.${(h.cwtv >> 4) & 15}.${h.cwtv & 15}`; break;
      case 0xd: tracker = h.cwtv === 0xdaeb ? 'spc2it' : h.cwtv === 0xd1ce ? 'itwriter' : 'Unknown'; break;
      case 0xe: tracker = h.cwtv === 0xefff ? 'rosetracker' : 'Unknown'; break;
      default: tracker = 'Unknown';
    }
  }
  if (o.anyAdpcmSample) tracker += ' (ADPCM packed)';
  if (o.mptm && !tracker.startsWith('OpenMPT')) tracker = `OpenMPT MPTM ${tracker}`.trim();

  // ModPlug-made files play without IT's compatibility rules and with ModPlug's mix levels; OpenMPT's
  // extension block resets the rules and names the ones it keeps (libopenmpt Load_it.cpp).
  if (modplug && !p.isBeRoTracker) Object.assign(flags, MODPLUG_PLAYBACK, { modplugMixLevels: true });
  if (ext.present) {
    Object.assign(flags, MODPLUG_PLAYBACK);
    const msf = ext.playBehaviour;
    if (msf) for (const [flag, bit] of MSF_BITS) flags[flag] = ((msf[bit >> 3] ?? 0) >> (bit & 7) & 1) === 1;
    if (ext.mixLevels !== undefined) flags.modplugMixLevels = ext.mixLevels === 0;
  }
  const noZxxMacros = (h.cwtv < 0x0214 && h.cmwt < 0x0214) || (version !== 0 && version <= V(1, 0, 0, 0xa6));
  return { tracker, flags, mptm: o.mptm, halveMixVolume, modplugMade: modplugBeforeSamples, mptVersion: version, noZxxMacros };
}

/** Cwt/v 0x0xxx: Impulse Tracker itself or one of the programs that pose as it. */
function sniffOld(h: ITHeader, o: SniffInput, setVersion: (version: number) => void, chibi: () => void): string {
  const p = o.preamble;
  if (p.isBeRoTracker) return 'BeRoTracker';
  if (h.cwtv === 0x0214 && h.cmwt === 0x0200 && h.flags === 9 && h.special === 0 && h.highlightMajor === 0 && h.highlightMinor === 0 && h.insnum === 0
    && h.patnum + 1 === h.ordnum && h.globalVolume === 128 && h.mixVolume === 100 && h.speed === 1 && h.separation === 128 && h.pitchWheelDepth === 0
    && h.messageLength === 0 && h.messageOffset === 0 && h.reserved === 0) return 'OpenSPC conversion';
  const pp = p.patternPointers;
  const sp = p.samplePointers;
  if (h.cwtv === 0x0202 && h.cmwt === 0x0200 && h.highlightMajor === 0 && h.highlightMinor === 0 && h.reserved === 0 && pp.length > 0 && sp.length > 0
    && pp[0] !== 0 && pp[0]! < sp[0]!) {
    setVersion(V(1, 0, 0, 0xa0));
    return 'ModPlug Tracker 1.0 pre-alpha / alpha';
  }
  if (h.cwtv === 0x0214 && h.cmwt === 0x0200 && h.highlightMajor === 0 && h.highlightMinor === 0 && h.reserved === 0) {
    const ip = p.instrumentPointers;
    if (h.special & (0x04 | 0x02)) {
      const b2 = ip.length >= 2 && ip[1]! - ip[0]! === 557;
      setVersion(b2 ? V(1, 0, 0, 0xb2) : V(1, 0, 0, 0xb1));
      return b2 ? 'ModPlug Tracker 1.0b2' : 'ModPlug Tracker 1.0 alpha / beta';
    }
    setVersion(V(1, 0, 0, 0xa5));
    return 'ModPlug Tracker 1.0a5';
  }
  if (h.cwtv === 0x0214 && h.cmwt === 0x0214 && h.reservedText === 'CHBI') {
    chibi();
    return 'ChibiTracker';
  }
  if (h.cwtv === 0x0214 && h.cmwt === 0x0214 && h.special <= 1 && h.pitchWheelDepth === 0 && h.reserved === 0
    && (h.flags & (0x02 | 0x04 | 0x40 | 0x80 | 0x1000)) === 0x04 && o.firstSampleFileName === 'XXXXXXXX.YYY') return 'CheeseTracker';
  if (p.unmo3) return p.unmo3;
  if (o.anyUnsignedSample && h.cwtv === 0x0204 && h.cmwt === 0x0200 && isXmConversion(h)) return 'XM Conversion';
  if (h.cwtv === 0) return 'Unknown';
  // Any file made with IT from 2.07 on has an edit history.
  if (h.cwtv >= 0x0208 && h.cwtv <= 0x0214 && h.reserved === 0 && p.historyEntries <= 0) return 'Unknown';
  if (h.cmwt < 0x0300) return itVersionName(h.cwtv, h.cmwt);
  return 'Unknown';
}

/** An unknown XM-to-IT converter's fingerprint (libopenmpt: "XM Conversion"). */
function isXmConversion(h: ITHeader): boolean {
  return h.special === 0 && h.reserved === 0 && (h.flags & ~0x08) === (0x01 | 0x04 | 0x10) && h.globalVolume === 128 && h.mixVolume === 48
    && h.separation === 128 && h.pitchWheelDepth === 0 && h.messageLength === 0
    && h.channelPan.every((v) => v === 0x20 || v === 0xa0) && h.channelVolume.every((v) => v === 0x40) && h.songName.subarray(20).every((v) => v === 0);
}
