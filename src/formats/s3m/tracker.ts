// Which tracker saved an S3M file (from the Cwt/v field and fingerprints, as libopenmpt reads them)
// and the playback quirks that follow: real Scream Tracker 3 (SoundBlaster or GUS driver), Impulse
// Tracker, Schism Tracker, ModPlug/OpenMPT, BeRoTracker and others.

import type { ProfileFlag } from '../../song/profile.js';
import type { S3MHeader } from './layout.js';

export interface TrackerSniff {
  readonly tracker: string;
  /** Saved by Scream Tracker 3 itself (its replayer quirks apply). */
  readonly isST3: boolean;
  /** ST3 with the Gravis Ultrasound driver loaded. */
  readonly useGus: boolean;
  /**
   * Saved by ModPlug Tracker or OpenMPT (libopenmpt knows a "last saved with" version): such files
   * always play in stereo and their names are Windows-1252.
   */
  readonly savedByOpenMPT: boolean;
  /** Zxx keeps IT's default MIDI macros (filter cutoff); false for ST3 and old IT, which ignored Zxx. */
  readonly keepMidiMacros: boolean;
  readonly flags: Partial<Record<ProfileFlag, boolean>>;
}

/** Days from Schism Tracker's version epoch (2009-10-31) to a date. */
function schismDays(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(2009, 9, 31)) / 86400000);
}

const hex2 = (v: number): string => v.toString(16).padStart(2, '0');

/** Impulse Tracker's version as libopenmpt names it (2.15-2.17 in the header are 2.14 patches). */
function itVersion(cwtv: number): string {
  const v = cwtv & 0x0fff;
  if (v >= 0x0215 && v <= 0x0217) return `Impulse Tracker 2.14p${['1-2', '3', '4-5'][v - 0x0215] ?? ''}`;
  return `Impulse Tracker ${(v >> 8).toString(16)}.${hex2(v & 0xff)}`;
}

/** OpenMPT's version: major.minor from Cwt/v; from 1.29 on the patch and test numbers are in reserved2. */
function openMptVersion(cwtv: number, reserved2: number): string {
  const v = cwtv & 0x0fff;
  const head = `${(v >> 8).toString(16).toUpperCase()}.${hex2(v & 0xff).toUpperCase()}`;
  if (v < 0x0129 || reserved2 === 0) return head;
  return `${head}.${hex2(reserved2 >> 8).toUpperCase()}.${hex2(reserved2 & 0xff).toUpperCase()}`;
}

export interface SniffInput {
  readonly gusAddresses: number;
  readonly anySamples: boolean;
  readonly panTable: Uint8Array | null;
  /** Patterns stored after the sample headers, as ModPlug and ST3 write them. */
  readonly canonicalOffsets: boolean;
  /** Some sample is stored as ModPlug ADPCM. */
  readonly anyAdpcm: boolean;
}

export function sniffTracker(h: S3MHeader, o: SniffInput): TrackerSniff {
  const kind = h.cwtv & 0xf000;
  const usePan = o.panTable !== null;
  const flags: Partial<Record<ProfileFlag, boolean>> = {};
  let tracker = 'unknown tracker';
  let isST3 = false;
  let nonCompat = false;
  let savedByOpenMPT = false;
  let keepMidiMacros = false;
  let modplug116 = false;
  const hex = (v: number) => `${(v & 0xf00) >> 8}.${(v & 0xff).toString(16).padStart(2, '0')}`;
  const reservedText = String.fromCharCode(...h.reserved2Bytes);

  if (kind === 0x1000) {
    if (reservedText === 'SCLUB2.0') tracker = 'Sound Club 2';
    else if (h.cwtv === 0x1320 && h.special === 0 && (h.ordNum & 1) === 0 && h.ultraClicks === 0 && (h.flags & ~0x50) === 0 && usePan && o.canonicalOffsets) {
      // ModPlug Tracker / old OpenMPT / Schism disguised as ST3.20.
      if ((h.ordNum & 0x0f) === 0) {
        // ModPlug 1.0 alpha 5 did not set the stereo flag; alpha 6 and later do.
        modplug116 = (h.masterVolume & 0x80) !== 0;
        tracker = modplug116 ? 'ModPlug Tracker / OpenMPT 1.17' : 'ModPlug Tracker 1.0 alpha';
        savedByOpenMPT = true;
      } else if ((h.masterVolume & 0x80) !== 0) tracker = 'Schism Tracker';
      keepMidiMacros = true;
      nonCompat = true;
      flags.st3LimitPeriod = true;
    } else if (h.cwtv === 0x1320 && h.special === 0 && h.ultraClicks === 0 && h.flags === 0 && !usePan) {
      tracker = h.globalVolume === 64 && h.masterVolume === 48 ? 'PlayerPRO' : 'Velvet Studio';
    } else if (h.cwtv === 0x1320 && h.special === 0 && h.ultraClicks === 0 && h.flags === 8 && !usePan) {
      tracker = 'Impulse Tracker < 1.03';
    } else {
      isST3 = true;
      tracker = h.cwtv === 0x1320 ? 'Scream Tracker 3.20 - 3.21' : `Scream Tracker ${hex(h.cwtv)}`;
    }
  } else if (kind === 0x2000) {
    tracker = h.cwtv === 0x2013 ? 'PlayerPRO' : `Imago Orpheus ${hex(h.cwtv)}`;
    nonCompat = true;
  } else if (kind === 0x3000) {
    tracker = h.cwtv === 0x3320 ? 'Impulse Tracker 1.03' : itVersion(h.cwtv);
    nonCompat = true;
    Object.assign(flags, { periodsAreHertz: true, itRetrigger: true, itShortSampleRetrig: true, st3SampleSwap: true, itPortaNoNote: true, itPortamentoSwapResetsPos: true });
  } else if (kind === 0x4000) {
    if (h.cwtv === 0x4100) {
      tracker = 'BeRoTracker';
      flags.st3LimitPeriod = true;
    } else {
      const days = h.cwtv === 0x4fff ? h.reserved2 : h.cwtv - 0x4050;
      const date = new Date(Date.UTC(2009, 9, 31) + days * 86400000).toISOString().slice(0, 10);
      tracker = h.cwtv > 0x4050 ? `Schism Tracker ${date}` : `Schism Tracker 0.${hex2(h.cwtv & 0xfff)}`;
      if (days >= schismDays(2021, 5, 2)) flags.periodsAreHertz = true;
      if (days >= schismDays(2016, 5, 13)) flags.itShortSampleRetrig = true;
    }
    nonCompat = true;
  } else if (kind === 0x5000) {
    if ((h.cwtv & 0xff00) === 0x5700) tracker = `NESMusa ${hex(h.cwtv)}`;
    else if (h.reserved2 === 0 && h.ultraClicks === 16 && h.channels[1] !== 1) tracker = `Liquid Tracker ${hex(h.cwtv)}`;
    else if (h.cwtv === 0x5447) tracker = 'Graoumf Tracker';
    else {
      tracker = `OpenMPT ${openMptVersion(h.cwtv, h.reserved2)}`;
      savedByOpenMPT = true;
    }
  } else if (kind === 0x6000) {
    tracker = 'BeRoTracker';
    flags.st3LimitPeriod = true;
  } else if (kind === 0x7000) tracker = 'CreamTracker';
  else if (h.cwtv === 0x0208) tracker = 'Akord';
  else if (h.cwtv === 0xca00) tracker = 'Camoto';

  if (nonCompat) Object.assign(flags, { st3Quirks: false, st3PortaSampleChange: false });
  // Other trackers kept IT's Zxx macros, except Impulse Tracker before 2.14 (and ST3, which ignored Zxx).
  if (kind > 0x1000 && (kind !== 0x3000 || h.cwtv >= 0x3214)) keepMidiMacros = true;

  if (modplug116 && channelsBelow32(h) && o.panTable) {
    // ModPlug 1.0 alpha 6 up to 1.16 set the panning bit for every channel, used or not.
    tracker = o.panTable.some((p) => p < 0x10) ? 'ModPlug Tracker 1.16 / OpenMPT 1.17' : 'ModPlug Tracker';
  }

  const useGus = o.gusAddresses > 1;
  if (isST3 && o.anySamples && o.gusAddresses === 0 && h.cwtv !== 0x1300) {
    // Every ST3 except early 3.00 writes GUS addresses: without them it was another program.
    isST3 = false;
    tracker = otherThanST3(h, o.panTable !== null);
  } else if (isST3) {
    flags.st3PortaSampleChange = useGus;
    flags.st3SampleSwap = !useGus;
    flags.itShortSampleRetrig = !useGus;
    tracker += useGus ? ' (GUS)' : ' (SB)';
  }
  if (isST3) flags.s3mIgnoreCombinedFineSlides = true;
  if (o.anyAdpcm) tracker += ' (ADPCM packed)';
  return { tracker, isST3, useGus, savedByOpenMPT, keepMidiMacros, flags };
}

/** Fewer than 32 channels in use (the header's count, as libopenmpt reads it). */
function channelsBelow32(h: S3MHeader): boolean {
  return h.channels[31] === 0xff;
}

/** A file claiming ST3 without GUS addresses: converters that fingerprint as ST3.01, else unknown. */
function otherThanST3(h: S3MHeader, usePan: boolean): string {
  if (h.cwtv !== 0x1301 || h.ultraClicks !== 0) return 'unknown tracker (claims Scream Tracker 3)';
  if ((h.flags & ~0x50) === 0 && (h.masterVolume & 0x80) !== 0 && usePan) return 'UNMO3';
  if (h.flags === 0 && h.globalVolume === 48 && h.masterVolume === 176 && h.tempo === 150 && !usePan) return 'deMODifier';
  if (h.flags === 0 && h.globalVolume === 64 && (h.masterVolume & 0x7f) === 48 && h.speed === 6 && h.tempo === 125 && !usePan) return 'Kosmic To-S3M';
  return 'unknown tracker (claims Scream Tracker 3)';
}
