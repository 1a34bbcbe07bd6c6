// EngineClient that runs the engine in this process: for `tracker play` (no UI to protect) and tests.

import type { EngineClient, EngineCommand, EngineEvent } from '../protocol.js';
import type { OutputPreferences } from './audio-output.js';
import { EngineService } from './engine-service.js';
import { defaultMaster, defaultMix } from './mix-setup.js';
import { warmUpEngine } from './warm-up.js';

export class InProcessEngineClient implements EngineClient {
  readonly service: EngineService;
  private readonly listeners = new Set<(e: EngineEvent) => void>();
  readonly ready: Promise<void>;

  constructor(prefs: OutputPreferences, tuning: { chunkFrames?: number; aheadFrames?: number } = {}) {
    warmUpEngine(defaultMix(prefs.sampleRate), defaultMaster(), prefs.sampleRate);
    this.service = new EngineService((e) => this.emit(e), { prefs, mix: defaultMix(prefs.sampleRate), mixFor: defaultMix, master: defaultMaster(), ...tuning });
    this.ready = this.service.start().then(() => undefined);
  }

  send(command: EngineCommand): void {
    this.service.handle(command);
  }

  onEvent(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: EngineEvent): void {
    for (const l of this.listeners) l(event);
  }

  async close(): Promise<void> {
    await this.service.stop();
  }
}
