// Moving through the song: rows, orders, pattern breaks and jumps, pattern loops, and the end of the
// song (a row played again in the same loop state, as libopenmpt detects it).

import { cellStride } from '../../song/pattern.js';
import type { ChannelState } from './channel-state.js';
import { CMD, type CommandTable, VOLCMD } from './commands.js';
import { periodFromNote } from './pitch.js';
import type { ReplayerState } from './state.js';

/** Pattern index of an order entry, -1 for '+++' (skip) and -2 for '---' (end). */
function orderPattern(r: ReplayerState, order: number): number {
  const e = r.song.orders[order];
  if (e === undefined || e === 'end') return -2;
  if (e === 'skip') return -1;
  return e < r.song.patterns.length ? e : -1;
}

/** Remembers visited rows with their pattern-loop state, to find where a song starts repeating. */
export class RowVisitor {
  /** Rows visited outside pattern loops, as small integers (no string per row on the play path). */
  private readonly plain = new Set<number>();
  /** Rows visited inside pattern loops, keyed with every channel's loop count. */
  private readonly looped = new Set<string>();

  /** Marks a row; returns true if it was already visited in the same loop state. */
  visit(r: ReplayerState, ignoreRow: boolean): boolean {
    let inLoop = false;
    for (let i = 0; i < r.numChannels && !inLoop; i++) inLoop = (r.channels[i] as ChannelState).patternLoopCount !== 0;
    if (!inLoop && r.order < 0x20000 && r.row < 0x800) {
      // order (17 bits), row (11 bits) and the ignore flag stay within V8's small integers.
      const key = ((r.order * 0x800 + r.row) * 2) + (ignoreRow ? 1 : 0);
      if (this.plain.has(key)) return true;
      this.plain.add(key);
      return false;
    }
    let key = `${r.order}:${r.row}`;
    if (ignoreRow) key += ':i';
    for (let i = 0; i < r.numChannels; i++) {
      const c = (r.channels[i] as ChannelState).patternLoopCount;
      if (c) key += `:${i}=${c}`;
    }
    if (this.looped.has(key)) return true;
    this.looped.add(key);
    return false;
  }

  clear(): void {
    this.plain.clear();
    this.looped.clear();
  }
}

/** Moves to the next row; returns whether that row is to be skipped (ignoreRow). */
function nextRow(r: ReplayerState, breakRow: boolean): boolean {
  // ProTracker: EEx on the same row as Dxx skips the target row. Test: DelayBreak.mod
  const ignoreRow = r.patternDelay > 1 && breakRow && r.b.isMod;
  const transition = r.nextRow === 0 || breakRow;
  if (transition && r.b.isS3m) {
    // ST3 resets the loop start on new patterns. Test: LoopReset.s3m
    for (let i = 0; i < r.numChannels; i++) (r.channels[i] as ChannelState).patternLoopRow = 0;
  }
  r.patternDelay = 0;
  r.frameDelay = 0;
  r.tick = 0;
  r.row = r.nextRow;
  r.order = r.nextOrder;
  return ignoreRow;
}

function setupNextRow(r: ReplayerState, loopPattern: boolean): void {
  r.nextRow = r.row + 1;
  const pat = r.song.patterns[r.pattern];
  if (!pat || r.nextRow >= pat.rows) {
    if (!loopPattern) r.nextOrder = r.order + 1;
    r.nextRow = 0;
    // FT2: after E60 the next pattern starts at the loop row. Test: PatLoop-Jumps.xm
    if (r.b.ft2LoopE60Restart) {
      r.nextRow = r.nextPatStartRow;
      r.nextPatStartRow = 0;
    }
  }
}

/** Reads the current row's cells into the channels' row fields. */
function loadRow(r: ReplayerState, table: CommandTable): void {
  const pat = r.song.patterns[r.pattern];
  if (!pat) return;
  const b = r.b;
  const stride = cellStride(pat.effectColumns);
  const d = pat.data;
  for (let ci = 0; ci < r.numChannels; ci++) {
    const chn = r.channels[ci] as ChannelState;
    const o = (r.row * pat.channels + ci) * stride;
    const inPattern = ci < pat.channels;
    const note = inPattern ? (d[o] ?? 0) : 0;
    const fx = inPattern ? (d[o + 4] ?? 0) : 0;
    const fxParam = inPattern ? (d[o + 5] ?? 0) : 0;
    const cmd = table.cmd[fx] ?? 0;
    const param = (table.high[fx] ?? 0) | fxParam;
    // ST3: a portamento right after an arpeggio continues from the arpeggio note. Test: PortaAfterArp.s3m
    if (b.st3PortaAfterArpeggio && chn.command === CMD.ARPEGGIO && (cmd === CMD.PORTAUP || cmd === CMD.PORTADOWN)) {
      chn.period = periodFromNote(b, chn.arpeggioLastNote, chn.fineTune, chn.c5Speed);
    }
    // ProTracker: a note from an out-of-range delay sounds on the next row. Test: NoteDelay-NextRow.mod
    if (b.modOutOfRangeNoteDelay && !(note >= 1 && note <= 120) && chn.rowNote >= 1 && chn.rowNote <= 120 && chn.rowCmd === CMD.MODCMDEX && (chn.rowParam & 0xf0) === 0xd0 && (chn.rowParam & 0x0f) >= r.speed) {
      chn.period = periodFromNote(b, chn.rowNote, chn.fineTune, 0);
    }
    // ProTracker sets the tempo after the first tick; at speed 1 that is the next row. Test: TempoChange.mod
    if (b.modTempoOnSecondTick && !b.vblankTiming && r.speed === 1 && chn.rowCmd === CMD.TEMPO) {
      r.tempo = Math.max(1, chn.rowParam);
    }
    chn.vibratoOn = false;
    chn.tremoloOn = false;
    if (!b.itVibratoTremoloPanbrello) chn.panbrelloOffset = 0;
    chn.command = 0;
    chn.rowNote = note;
    chn.rowInstr = inPattern ? (d[o + 1] ?? 0) : 0;
    chn.rowVolCmd = inPattern ? (d[o + 2] ?? 0) : 0;
    chn.rowVol = inPattern ? (d[o + 3] ?? 0) : 0;
    chn.rowCmd = cmd;
    chn.rowParam = param;
    chn.rowIsTonePorta = cmd === CMD.TONEPORTA || cmd === CMD.TONEPORTAVOL || chn.rowVolCmd === VOLCMD.TONEPORTAMENTO;
    if (pat.effectColumns > 1 && inPattern) {
      const extra: number[] = [];
      for (let k = 1; k < pat.effectColumns; k++) {
        const id = d[o + 4 + 2 * k] ?? 0;
        if (id === 0) continue;
        extra.push(table.cmd[id] ?? 0, (table.high[id] ?? 0) | (d[o + 5 + 2 * k] ?? 0));
      }
      chn.extraCmds = extra;
    } else if (chn.extraCmds.length > 0) chn.extraCmds = [];
  }
}

/** Options of the sequencer that the player controls. */
export interface SequencerMode {
  /** Repeat the current pattern instead of following the order list (the editor's "play pattern"). */
  loopPattern: boolean;
  /** Keep playing past the end (restart), instead of stopping. */
  repeat: boolean;
}

/**
 * Advances one tick: moves to the next row when the row's ticks are used up and loads it.
 * Returns false when the song has ended.
 */
export function advanceTick(r: ReplayerState, visitor: RowVisitor, mode: SequencerMode): boolean {
  while (++r.tick >= r.ticksOnRow()) {
    const ignoreRow = nextRow(r, r.breakToRow);
    if (!mode.loopPattern) {
      const len = r.song.orders.length;
      r.pattern = r.order < len ? orderPattern(r, r.order) : -2;
      let guard = 0;
      while (r.pattern < 0) {
        if (++guard > len + 2) return false;
        if (r.pattern === -2 || r.order >= len) {
          let restart = r.song.restartOrder;
          if (restart === 0 && r.order <= len && r.order > 0) {
            // A sub-song between '---' markers restarts at its own first order.
            for (let o = r.order - 1; o > 0; o--) {
              if (r.song.orders[o] === 'end') {
                restart = o + 1;
                break;
              }
            }
          }
          r.order = restart;
          r.breakToRow = false;
          while (r.order < len && r.song.orders[r.order] === 'skip') r.order++;
          if (r.order >= len || orderPattern(r, r.order) < 0) {
            visitor.clear();
            return false;
          }
        } else {
          r.order++;
        }
        r.pattern = r.order < len ? orderPattern(r, r.order) : -2;
      }
      r.nextOrder = r.order;
    }
    const pat = r.song.patterns[r.pattern];
    if (!pat) return false;
    if (r.row >= pat.rows) r.row = 0;
    if (visitor.visit(r, ignoreRow)) {
      if (!mode.repeat) {
        visitor.clear();
        return false;
      }
      visitor.clear();
      visitor.visit(r, ignoreRow);
    }
    setupNextRow(r, mode.loopPattern);
    loadRow(r, r.commandTable);
    if (ignoreRow) {
      r.tick = r.speed;
      continue;
    }
    break;
  }
  if (!r.speed) r.speed = 1;
  if (r.tick) {
    r.firstTick = false;
    const b = r.b;
    // IT/ST3/PT: every repetition of a row delayed by EEx/SEx has its own first tick. Test: PatternDelaysRetrig.s3m
    if (!b.isXm && (!b.isMod || b.ptMode) && r.tick < r.ticksOnRow()) {
      if (!(r.tick % (r.speed + r.frameDelay))) r.firstTick = true;
    }
  } else {
    r.firstTick = true;
    r.breakToRow = false;
  }
  return true;
}

/** Applies pattern break, position jump and pattern loop at the end of a row's first tick. */
export function handleNextRow(r: ReplayerState): boolean {
  const b = r.b;
  const doPatternLoop = r.patLoopRow >= 0;
  const doBreakRow = r.breakRow >= 0;
  const doPosJump = r.posJump >= 0;
  let breakToRow = false;
  if ((doBreakRow || doPosJump) && (!doPatternLoop || b.ft2PatternLoopWithJumps || (b.itPatternLoopWithJumps && doPosJump))) {
    if (!doPosJump) r.posJump = r.order + 1;
    if (!doBreakRow) r.breakRow = 0;
    breakToRow = true;
    if (r.posJump >= r.song.orders.length) r.posJump = r.song.restartOrder;
    // IT/FT2 keep loop counts across pattern breaks. Test: PatLoop-Break.xm
    if (r.posJump !== r.order && !b.itPatternLoopBreak && !b.ft2PatternLoopWithJumps && !b.isMod) {
      for (let i = 0; i < r.numChannels; i++) (r.channels[i] as ChannelState).patternLoopCount = 0;
    }
    r.nextRow = r.breakRow;
    if (!r.loopPattern) r.nextOrder = r.posJump;
  } else if (doPatternLoop) {
    r.nextOrder = r.order;
    r.nextRow = r.patLoopRow;
    // FT2 skips the loop's first row after a pattern delay. Test: PatLoopWithDelay.it
    if (r.patternDelay && (!b.isIt || !b.itPatternLoopWithJumps) && !b.isS3m) r.nextRow++;
    const pat = r.song.patterns[r.pattern];
    if (pat && r.patLoopRow >= pat.rows) {
      r.nextOrder++;
      r.nextRow = 0;
    }
  }
  return breakToRow;
}
