// Offline rendering (WAV export, tests, benchmarks): steps the player and mixes directly into reusable
// buffers, chunk by chunk, optionally one buffer pair per pattern channel (stems).

import type { Song } from '../song/song.js';
import type { MixVoice } from './mixer/voice.js';
import { Player, type MixFunction } from './replayer/player.js';

export interface OfflineRenderOptions {
  readonly sampleRate: number;
  readonly mix: MixFunction;
  /** Applied to each stereo chunk of the full mix (master gain, soft clip). */
  readonly master?: (left: Float32Array, right: Float32Array, frames: number) => void;
  /** Stop after this many seconds (default: the song's end). */
  readonly seconds?: number;
  /** Hard cap in seconds for songs that never end (default 3600). */
  readonly maxSeconds?: number;
  /** Also render one stereo pair per pattern channel. */
  readonly stems?: boolean;
  /** Frames per chunk (default 16384). */
  readonly chunkFrames?: number;
}

export interface RenderChunk {
  readonly frames: number;
  readonly left: Float32Array;
  readonly right: Float32Array;
  /** Per pattern channel [left, right], when stems were requested. */
  readonly stems: readonly (readonly [Float32Array, Float32Array])[];
}

export interface RenderSummary {
  readonly frames: number;
  /** True when the hard cap cut the song short. */
  readonly capped: boolean;
}

/** Renders a song chunk by chunk, handing each chunk to `sink` (the buffers are reused afterwards). */
export function renderOffline(song: Song, options: OfflineRenderOptions, sink: (chunk: RenderChunk) => void): RenderSummary {
  const rate = options.sampleRate;
  const chunk = options.chunkFrames ?? 16384;
  const player = new Player(song, { sampleRate: rate });
  const limit = Math.round(Math.min(options.seconds ?? Infinity, options.maxSeconds ?? 3600) * rate);
  const left = new Float32Array(chunk);
  const right = new Float32Array(chunk);
  const numChannels = song.channels.length;
  const stems = options.stems ? Array.from({ length: numChannels }, () => [new Float32Array(chunk), new Float32Array(chunk)] as const) : [];
  let frames = 0;
  // With stems, each channel's voices are mixed once into its own stem, and the stems summed. The
  // grouping is redone every tick (background voices change owners) into the same arrays.
  const groups: MixVoice[][] = Array.from({ length: numChannels }, () => []);
  const stemMix: MixFunction = (_voices, l, r, offset, n) => {
    voicesByChannel(player, groups);
    for (let c = 0; c < groups.length; c++) {
      const stem = stems[c];
      if (!stem) continue;
      const sl = stem[0];
      const sr = stem[1];
      options.mix(groups[c]!, sl, sr, offset, n);
      for (let i = offset; i < offset + n; i++) {
        l[i]! += sl[i]!;
        r[i]! += sr[i]!;
      }
    }
  };
  while (frames < limit) {
    const want = Math.min(chunk, limit - frames);
    left.fill(0, 0, want);
    right.fill(0, 0, want);
    for (const [sl, sr] of stems) {
      sl.fill(0, 0, want);
      sr.fill(0, 0, want);
    }
    const got = player.render(options.stems ? stemMix : options.mix, left, right, want);
    if (got === 0) break;
    options.master?.(left, right, got);
    sink({ frames: got, left, right, stems });
    frames += got;
    if (got < want) return { frames, capped: false };
  }
  return { frames, capped: frames >= limit && options.seconds === undefined };
}

/** The voices grouped by the pattern channel that owns them, into `groups` (one array per channel). */
export function voicesByChannel(player: Player, groups: MixVoice[][]): MixVoice[][] {
  const r = player.state;
  for (let c = 0; c < groups.length; c++) groups[c]!.length = 0;
  for (let i = 0; i < r.channels.length; i++) {
    const c = r.channels[i]!;
    const owner = i < r.numChannels ? i : c.masterChannel - 1;
    if (owner >= 0 && owner < r.numChannels) groups[owner]?.push(c.voice);
  }
  return groups;
}
