// ChannelState.copyFrom (a new note moving the old one to a background channel): every field is
// copied, whatever fields the class gains, and the two channels keep their own mixer voices.
import { describe, expect, it } from 'vitest';
import { ChannelState } from '../../src/engine/replayer/channel-state.js';

describe('ChannelState.copyFrom', () => {
  it('copies every field except the voice object, whose state is copied into the own voice', () => {
    const src = new ChannelState();
    const keys = Object.keys(src).filter((k) => k !== 'voice');
    expect(keys.length).toBeGreaterThan(50);
    const fields = src as unknown as Record<string, unknown>;
    keys.forEach((k, i) => {
      const v = fields[k];
      if (typeof v === 'number') fields[k] = 1000 + i + 0.25;
      else if (typeof v === 'boolean') fields[k] = !v;
      else if (typeof v === 'string') fields[k] = `${v}-${i}`;
      else fields[k] = { sentinel: i };
    });
    src.voice.position = 123.5;
    src.voice.frequency = 8363.25;
    const dst = new ChannelState();
    const ownVoice = dst.voice;
    dst.copyFrom(src);
    const copied = dst as unknown as Record<string, unknown>;
    for (const k of keys) expect(copied[k], k).toBe(fields[k]);
    expect(dst.voice).toBe(ownVoice);
    expect(dst.voice).not.toBe(src.voice);
    expect(dst.voice.position).toBe(123.5);
    expect(dst.voice.frequency).toBe(8363.25);
  });
});
