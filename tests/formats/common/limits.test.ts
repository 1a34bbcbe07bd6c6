// The per-format limits table is the one the writers check: every effect and volume-column command the
// table lists survives a write in that format and every other one is reported; channel counts past the
// table's maximum are reported, up to it they are not; the UI lines describe each format.

import { describe, expect, it } from 'vitest';
import { describeLimits, FORMAT_LIMITS, formatLimits } from '../../../src/formats/common/limits.js';
import { IT_LIMITS } from '../../../src/formats/it/write.js';
import { MOD_LIMITS } from '../../../src/formats/mod/write.js';
import { S3M_LIMITS } from '../../../src/formats/s3m/write.js';
import { XM_LIMITS } from '../../../src/formats/xm/write.js';
import { allCodecs } from '../../../src/formats/registry.js';
import { createChannel } from '../../../src/song/create.js';
import { EFFECT_KINDS, effectParamMax, VOLUME_KINDS } from '../../../src/song/effects.js';
import { createPattern, MAX_CHANNELS, writeCell } from '../../../src/song/pattern.js';
import type { Song } from '../../../src/song/song.js';
import { buildSong, testSample } from '../../helpers/song-builder.js';

type Target = 'mod' | 'xm' | 's3m' | 'it';
const TARGETS: readonly Target[] = ['mod', 'xm', 's3m', 'it'];

function write(song: Song, target: Target): readonly string[] {
  return allCodecs().find((c) => c.id === target)!.write!(song).warnings;
}

/** A one-cell song in the target's own rules, so nothing is translated between dialects. */
function oneCell(target: Target, cell: Parameters<typeof writeCell>[3]): Song {
  const base = buildSong({ base: target, pattern: [['C-5 01 ... ...']], rows: 64, samples: [testSample(target)] });
  const p = createPattern(64, 1);
  writeCell(p, 0, 0, { note: 61, instrument: 1, volume: null, effects: [] });
  writeCell(p, 1, 0, cell);
  return { ...base, patterns: [p] };
}

describe('format limits', () => {
  it('the writers take their limits from the table', () => {
    expect(MOD_LIMITS).toMatchObject({ channels: FORMAT_LIMITS.mod.channels.max, rows: 64, patterns: FORMAT_LIMITS.mod.patterns, samples: 31, orders: 128, lowestNote: 25, highestNote: 108 });
    expect(XM_LIMITS).toMatchObject({ channels: FORMAT_LIMITS.xm.channels.max, rows: FORMAT_LIMITS.xm.rows.max, patterns: 256, instruments: 128, envelopePoints: 12 });
    expect(S3M_LIMITS).toMatchObject({ channels: 32, rows: 64, patterns: FORMAT_LIMITS.s3m.patterns, samples: FORMAT_LIMITS.s3m.samples });
    expect(IT_LIMITS).toMatchObject({ channels: 64, rows: FORMAT_LIMITS.it.rows.max, patterns: 240, instruments: FORMAT_LIMITS.it.instruments, envelopePoints: 25 });
  });

  for (const target of TARGETS) {
    it(`${target}: exactly the effects the table lists are written, the others reported`, () => {
      const listed = new Set(formatLimits(target).effects);
      for (const { kind } of EFFECT_KINDS.slice(1)) {
        const param = kind === 'tempo' ? 0x80 : kind === 'setSpeed' ? 3 : Math.min(1, effectParamMax(kind));
        const warnings = write(oneCell(target, { note: 0, instrument: 0, volume: null, effects: [{ kind, param }] }), target);
        const dropped = warnings.some((w) => w.includes(`"${kind}" dropped`));
        expect(dropped, `${kind} in ${target}: ${warnings.join('; ')}`).toBe(!listed.has(kind));
      }
    });

    it(`${target}: exactly the volume-column commands the table lists are written, the others reported`, () => {
      const listed = new Set(formatLimits(target).volumeColumn);
      for (const { kind } of VOLUME_KINDS.slice(1)) {
        // MOD turns a volume into Cxx when the effect column is free: that is not a loss.
        if (target === 'mod' && kind === 'volume') continue;
        const warnings = write(oneCell(target, { note: 0, instrument: 0, volume: { kind, value: 1 }, effects: [] }), target);
        const dropped = warnings.some((w) => w.includes(`volume column "${kind}" dropped`));
        expect(dropped, `${kind} in ${target}: ${warnings.join('; ')}`).toBe(!listed.has(kind));
      }
    });

    it(`${target}: channels up to the table's maximum are kept, one more is reported`, () => {
      const max = formatLimits(target).channels.max;
      const base = buildSong({ base: target, pattern: [['C-5 01 ... ...']], rows: 64, samples: [testSample(target)] });
      const wide = (n: number): Song => ({ ...base, channels: Array.from({ length: n }, () => createChannel({ pan: 128 })), patterns: [createPattern(64, n)] });
      expect(write(wide(max), target).join('\n')).not.toMatch(/channels .*dropped/);
      // XM holds as many channels as the model (127): there is no song with one more.
      if (max + 1 <= MAX_CHANNELS) expect(write(wide(max + 1), target).join('\n')).toMatch(new RegExp(`channels ${max + 1}\\.\\..*dropped`));
      else expect(max).toBe(MAX_CHANNELS);
    });

    it(`${target}: the table describes the format in a few short lines`, () => {
      const lines = describeLimits(target);
      expect(lines.length).toBeGreaterThanOrEqual(4);
      expect(lines[0]).toContain(`${formatLimits(target).channels.max} channels`);
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(100);
    });
  }

  it('names longer than a format keeps are reported', () => {
    const base = buildSong({ base: 'it', pattern: [['C-5 01 ... ...']], samples: [testSample('it', { name: 'a sample name longer than twenty-six' })] });
    expect(write({ ...base, title: 'a title that is far too long for a MOD' }, 'mod').join('\n')).toMatch(/title cut to 20 characters/);
    expect(write(base, 'it').join('\n')).toMatch(/sample names cut to 26 characters/);
  });
});
