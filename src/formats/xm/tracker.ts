// Which program saved an XM file, worked out from the tracker-name field and fingerprints in the
// headers (as libopenmpt does: FastTracker 2 and clones, ModPlug Tracker, OpenMPT, MilkyTracker,
// MadTracker, Skale, PlayerPRO, DigiTrakker), and the playback-profile flags that follow.

import type { ProfileFlag } from '../../song/profile.js';
import { decodeName } from '../common/text-codecs.js';
import { FLAG_EXTENDED_FILTER, type XMHeader, type XMInstrumentHeader, type XMSampleHeader } from './layout.js';

const OLD_MODPLUG = 0x01;
const NEW_MODPLUG = 0x02;
const MODPLUG_BIDI = 0x04;
const OPENMPT = 0x08;
const CONFIRMED = 0x10;
const FT2_GENERIC = 0x20;
const FT2_CLONE = 0x80;
const PLAYERPRO = 0x100;
const DIGITRAKKER = 0x200;
const EMPTY_ORDERS = 0x800;

function ascii(b: Uint8Array, from = 0, to = b.length): string {
  return String.fromCharCode(...b.subarray(from, to));
}

/** Feeds on the headers as the reader meets them; `finish` names the tracker and its quirks. */
export class TrackerSniffer {
  private made = 0;
  private name = '';
  private savedByModPlug = false;
  private readonly flags: Partial<Record<ProfileFlag, boolean>> = {};
  private lastType = -1;
  private lastReserved = -1;
  private sampleReserved = 0;
  private withSamples = false;
  private lastSampleHeaderSize = -1;
  private adpcm = false;
  private openMptVersion = 0;
  private readonly header: XMHeader;
  /** NitroTracker ignores instrument numbers that stand without a note. */
  readonly nitroTracker: boolean;

  constructor(h: XMHeader) {
    this.header = h;
    const tracker = ascii(h.trackerName);
    this.nitroTracker = tracker.startsWith('NitroTracker');
    const song = ascii(h.songName);
    if (tracker === 'FastTracker v2.00   ' && h.size === 276) {
      const nul = song.indexOf('\0');
      if (h.version < 0x0104) this.made = FT2_GENERIC | CONFIRMED;
      else if (nul >= 0) {
        if (h.restart) this.made = FT2_CLONE | NEW_MODPLUG | EMPTY_ORDERS;
        else if (nul === song.length - 1) this.made = FT2_CLONE | NEW_MODPLUG | PLAYERPRO | EMPTY_ORDERS;
        else if (/^ *$/.test(song.slice(nul + 1))) this.made = PLAYERPRO | CONFIRMED;
        else this.made = FT2_CLONE | NEW_MODPLUG | EMPTY_ORDERS;
      } else this.made = h.restart ? FT2_GENERIC | NEW_MODPLUG : FT2_GENERIC | NEW_MODPLUG | PLAYERPRO;
    } else if (tracker === 'FastTracker v 2.00  ') {
      this.made = OLD_MODPLUG;
    } else {
      this.made = CONFIRMED;
      this.name = decodeName(h.trackerName, 'cp437');
      if (tracker.startsWith('OpenMPT ')) this.made = OPENMPT | CONFIRMED | EMPTY_ORDERS;
      else if (tracker.startsWith('MilkyTracker ')) {
        if (ascii(h.trackerName, 12, 20) !== '        ') this.flags.ft2PanLaw = true;
      } else if (tracker === 'Fasttracker II clone') this.made = FT2_GENERIC | CONFIRMED;
      else if (tracker.startsWith('MadTracker 2.0\0')) {
        Object.assign(this.flags, { ft2PortaNoNote: false, ft2Arpeggio: false });
        this.name = ascii(h.trackerName, 15, 19) !== '\0\0\0\0' ? 'MadTracker 2 (registered)' : 'MadTracker 2';
      } else if (tracker.startsWith('Skale Tracker\0') || tracker.startsWith('Sk@le Tracker\0')) {
        Object.assign(this.flags, { ft2OffsetOutOfRange: false, ft2Arpeggio: false });
      } else if (tracker.startsWith('*Converted ') && tracker.slice(14, 20) === '-File*') {
        this.made = DIGITRAKKER | CONFIRMED;
        this.name = 'Digitrakker';
      }
    }
    if (h.flags & FLAG_EXTENDED_FILTER && this.has(NEW_MODPLUG)) this.made = FT2_CLONE | NEW_MODPLUG | CONFIRMED | EMPTY_ORDERS;
  }

  private has(bits: number): boolean {
    return (this.made & bits) !== 0;
  }

  instrument(ih: XMInstrumentHeader): void {
    if (this.made === OLD_MODPLUG) {
      this.made |= CONFIRMED;
      if (ih.size === 245) [this.name, this.savedByModPlug] = ['ModPlug Tracker 1.0 alpha', true];
      else if (ih.size === 263) [this.name, this.savedByModPlug] = ['ModPlug Tracker 1.0 beta', true];
      else this.made = CONFIRMED;
    } else if (ih.numSamples === 0) {
      if (ih.size === 263 && ih.sampleHeaderSize === 0 && this.has(NEW_MODPLUG)) this.made |= CONFIRMED;
      else if (ih.size !== 29 && this.has(DIGITRAKKER)) this.made &= ~DIGITRAKKER;
      else if (this.has(FT2_CLONE | FT2_GENERIC) && ih.size !== 33) this.made = 0;
      if (ih.size !== 33) this.made &= ~PLAYERPRO;
      else if (ih.sampleHeaderSize > 40 && this.has(PLAYERPRO)) {
        if (this.withSamples || (this.lastSampleHeaderSize !== -1 && ih.sampleHeaderSize !== this.lastSampleHeaderSize)) this.made = PLAYERPRO | CONFIRMED;
        this.lastSampleHeaderSize = ih.sampleHeaderSize;
      }
    }
    if (this.lastType === -1) this.lastType = ih.type;
    else if (this.lastType !== ih.type && this.has(FT2_GENERIC)) this.made = (this.made & ~FT2_GENERIC) | FT2_CLONE;
    if (ih.numSamples > 0) {
      this.withSamples = true;
      if (ih.midiEnabled | ih.midiChannel | ih.midiProgram | ih.muteComputer) this.made &= ~(OLD_MODPLUG | NEW_MODPLUG | PLAYERPRO);
      if (ih.size !== 263 || ih.type !== 0) this.made &= ~PLAYERPRO;
      if (!this.has(CONFIRMED) && this.has(PLAYERPRO)) {
        const v = ih.volume;
        const p = ih.pan;
        if ((!(v.flags & 4) && v.loopStart === 0xff && v.loopEnd === 0xff) || (!(p.flags & 4) && p.loopStart === 0xff && p.loopEnd === 0xff)) {
          this.made = (this.made | CONFIRMED) & ~NEW_MODPLUG;
        }
      }
    }
  }

  sample(sh: XMSampleHeader): void {
    this.sampleReserved |= sh.reserved;
    if (sh.reserved !== 0 && sh.reserved !== 0xad) this.made &= ~(OLD_MODPLUG | NEW_MODPLUG | OPENMPT);
    if (this.lastReserved === -1) this.lastReserved = sh.reserved;
    else if (this.lastReserved !== sh.reserved) this.made &= ~PLAYERPRO;
    if (sh.pan !== 128) this.made &= ~PLAYERPRO;
    if (sh.finetune & 0x0f && sh.finetune !== 127) this.made &= ~PLAYERPRO;
    if (this.has(FT2_GENERIC | FT2_CLONE) && this.has(NEW_MODPLUG | PLAYERPRO) && !this.has(CONFIRMED)) {
      const rest = ascii(sh.name, Math.min(sh.reserved, 22));
      if (sh.reserved > 22 || /[^ ]/.test(rest)) this.made = (this.made & ~FT2_GENERIC) | FT2_CLONE | CONFIRMED;
    }
    if ((sh.flags & 3) === 3 && this.has(NEW_MODPLUG)) this.made |= MODPLUG_BIDI;
    if (sh.reserved === 0xad && !(sh.flags & 0x30)) this.adpcm = true;
  }

  /** An extension chunk only ModPlug/OpenMPT write was found. */
  confirm(): void {
    this.made = (this.made | CONFIRMED) & ~PLAYERPRO;
  }

  /** OpenMPT and ModPlug allow an empty order list; FT2 plays pattern 0. */
  allowsEmptyOrders(): boolean {
    return this.has(EMPTY_ORDERS);
  }

  finish(): { tracker: string; flags: Partial<Record<ProfileFlag, boolean>>; clearZxx: boolean } {
    if (this.sampleReserved === 0 && this.has(NEW_MODPLUG) && ascii(this.header.songName).includes('\0')) this.made |= CONFIRMED;
    if (this.has(CONFIRMED)) {
      if (this.has(MODPLUG_BIDI)) [this.name, this.savedByModPlug] = ['ModPlug Tracker 1.0 - 1.11', true];
      else if (this.has(NEW_MODPLUG) && !this.has(PLAYERPRO)) [this.name, this.savedByModPlug] = ['ModPlug Tracker 1.0 - 1.16', true];
      else if (this.has(NEW_MODPLUG) && this.has(PLAYERPRO)) [this.name, this.savedByModPlug] = ['ModPlug Tracker 1.0 - 1.16 / PlayerPRO', true];
      else if (this.has(PLAYERPRO)) this.name = 'PlayerPRO';
    }
    const tracker = ascii(this.header.trackerName);
    if (tracker.startsWith('OpenMPT ')) {
      this.made = OPENMPT | CONFIRMED;
      this.savedByModPlug = false;
      const v = tracker.slice(8).trim().split('.').map((x) => parseInt(x, 16) || 0);
      const version = ((v[0] ?? 0) << 24) | ((v[1] ?? 0) << 16) | ((v[2] ?? 0) << 8) | (v[3] ?? 0);
      this.openMptVersion = version;
      if (version >= 0x01220719) this.flags.ft2PanLaw = true;
    }
    if (this.savedByModPlug) {
      // Old ModPlug Tracker played XMs its own way: none of FastTracker 2's rules apply.
      Object.assign(this.flags, { ft2Quirks: false, ft2Arpeggio: false, ft2PortaNoNote: false, ft2OffsetOutOfRange: false, tremoloRampWaveform: false, modplugMixLevels: true });
    }
    if (this.has(FT2_GENERIC)) this.flags.ft2PanLaw = true;
    if (this.name === '') {
      if (this.has(DIGITRAKKER) && this.sampleReserved === 0 && this.lastType <= 0) this.name = 'DigiTrakker';
      else if (this.has(FT2_GENERIC)) this.name = 'FastTracker 2 or compatible';
      else this.name = 'unknown tracker';
    }
    if (this.adpcm) this.name += ' (ADPCM packed)';
    // FastTracker 2 has no Zxx: libopenmpt clears the macros for its files (unless a MIDI block says otherwise).
    return { tracker: this.name, flags: this.flags, clearZxx: this.has(FT2_GENERIC) };
  }

  /**
   * ModPlug Tracker and OpenMPT before 1.22.02.02 wrote 0xFE ('+++') and 0xFF ('---') into XM order
   * lists; libopenmpt drops the former and ends the song at the latter. Call after `finish`.
   */
  legacyOrderMarkers(): boolean {
    return this.savedByModPlug || (this.openMptVersion > 0 && this.openMptVersion < 0x01220202);
  }
}
