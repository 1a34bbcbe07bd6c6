// The end of a song, as libopenmpt finds it: the song ends when a row would play again in the same
// pattern-loop state (jumps back, endless loops, the end of the order list), at '---' markers
// (subsong 0 is played), and every render stops after 60 minutes with a warning. The lengths here
// were confirmed with libopenmpt (npm run bench:oracle -- --durations).
import { describe, expect, it } from 'vitest';
import { renderOffline } from '../../../src/engine/offline-render.js';
import { Player, songDuration } from '../../../src/engine/replayer/player.js';
import { buildSong, track, type TestSongSpec } from '../../helpers/song-builder.js';

const rows = (...r: string[]) => r.map((x) => x.split('|'));
/** Song length in ticks of 960 frames (tempo 125 at 48 kHz). */
const ticks = (spec: TestSongSpec) => {
  const d = songDuration(buildSong(spec));
  expect(d.capped).toBe(false);
  return Math.round((d.seconds * 48000) / 960);
};

describe('end of the song', () => {
  it('a song ends after its last order', () => {
    expect(ticks({ base: 'xm', speed: 3, pattern: rows('... .. ... ...', '... .. ... ...') })).toBe(6);
  });
  it('a jump back to a played row ends the song there', () => {
    expect(ticks({ base: 'xm', speed: 1, pattern: rows('... .. ... ...', '... .. ... B00'), morePatterns: [rows('... .. ... ...')] })).toBe(2);
    expect(ticks({ base: 'it', speed: 1, pattern: rows('... .. ... ...', '... .. ... ...'), morePatterns: [rows('... .. ... ...', '... .. ... B01'), rows('... .. ... ...')], orders: [0, 1, 2] })).toBe(4);
  });
  it('a jump forward skips orders; a break to a row plays from it', () => {
    expect(ticks({ base: 'it', speed: 1, pattern: rows('... .. ... B02', '... .. ... ...'), morePatterns: [rows('... .. ... ...'), rows('... .. ... ...', '... .. ... ...', '... .. ... ...')] })).toBe(4);
    expect(ticks({ base: 'xm', speed: 1, pattern: rows('... .. ... ...', '... .. ... D01'), morePatterns: [rows('... .. ... ...', '... .. ... B00')] })).toBe(3);
  });
  it('pattern loops count: rows repeat in another loop state', () => {
    expect(ticks({ base: 'xm', speed: 2, pattern: rows('... .. ... E60', '... .. ... E62', '... .. ... ...') })).toBe(14);
    expect(ticks({ base: 'it', speed: 1, pattern: rows('... .. ... SB0', '... .. ... SB1', '... .. ... SB1', '... .. ... ...') })).toBe(7);
    expect(ticks({ base: 's3m', speed: 1, pattern: rows('... .. ... SB0', '... .. ... SB2', '... .. ... B00') })).toBe(7);
  });
  it('an endless FT2/ProTracker loop ends when a row comes back in the same loop state', () => {
    expect(ticks({ base: 'xm', speed: 1, pattern: rows('... .. ... E60', '... .. ... E61', '... .. ... E61', '... .. ... ...') })).toBe(5);
  });
  it('plays subsong 0: "---" ends it, "+++" is skipped', () => {
    expect(ticks({ base: 'it', speed: 1, pattern: rows('... .. ... ...'), morePatterns: [rows('... .. ... ...', '... .. ... ...'), rows('... .. ... ...', '... .. ... ...', '... .. ... ...')], orders: [0, 1, 'end', 2] })).toBe(3);
    expect(ticks({ base: 'it', speed: 1, pattern: rows('... .. ... ...'), morePatterns: [rows('... .. ... ...', '... .. ... ...')], orders: [0, 'skip', 1] })).toBe(3);
    expect(ticks({ base: 's3m', speed: 1, pattern: rows('... .. ... ...'), morePatterns: [rows('... .. ... ...', '... .. ... ...')], orders: ['skip', 0, 'end', 1] })).toBe(1);
  });
  it('the restart position does not lengthen the song (it is played once)', () => {
    expect(ticks({ base: 'xm', speed: 1, restartOrder: 1, pattern: rows('... .. ... ...'), morePatterns: [rows('... .. ... ...', '... .. ... ...')] })).toBe(3);
  });
  it('row delays count (pattern delay and fine delay, also on a row that breaks)', () => {
    expect(ticks({ base: 'it', speed: 3, pattern: rows('... .. ... SE3', '... .. ... S64', '... .. ... ...') })).toBe(22);
    expect(ticks({ base: 'xm', speed: 2, pattern: rows('... .. ... EE2', '... .. ... D00'), morePatterns: [rows('... .. ... ...')] })).toBe(12);
    expect(ticks({ base: 'xm', speed: 2, pattern: rows('... .. ... ...', '... .. ... EE2|... .. ... D01'), morePatterns: [rows('... .. ... ...|... .. ... ...', '... .. ... ...|... .. ... ...')] })).toBe(10);
  });
  it('with repeat on, the player goes on past the end and restarts at the restart position', () => {
    const spec: TestSongSpec = { base: 'xm', speed: 1, restartOrder: 1, pattern: rows('... .. ... ...'), morePatterns: [rows('... .. ... ...', '... .. ... ...')] };
    expect(track(spec, 8, 'order')).toEqual([0, 1, 1]);
    expect(ordersWithRepeat(spec, 8)).toEqual([0, 1, 1, 1, 1, 1, 1, 1]);
  });
});

describe('hard cap', () => {
  // 12 rows of speed 255 at tempo 32, each repeated 16 times: 63.75 minutes.
  const long: TestSongSpec = { base: 'it', speed: 255, tempo: 32, pattern: Array.from({ length: 12 }, () => ['... .. ... SEF']) };
  it('a song longer than 60 minutes is measured as 60 minutes, marked capped', () => {
    expect(songDuration(buildSong(long))).toEqual({ seconds: 3600, capped: true });
  });
  it('an offline render stops at 60 minutes and says it was capped', () => {
    let frames = 0;
    const summary = renderOffline(buildSong(long), { sampleRate: 8000, mix: () => {}, chunkFrames: 65536 }, (c) => { frames += c.frames; });
    expect(summary).toEqual({ frames: 3600 * 8000, capped: true });
    expect(frames).toBe(3600 * 8000);
  });
});

function ordersWithRepeat(spec: TestSongSpec, n: number): number[] {
  const p = new Player(buildSong(spec), { repeat: true });
  const out: number[] = [];
  for (let i = 0; i < n && p.nextTick() > 0; i++) out.push(p.position().order);
  return out;
}
