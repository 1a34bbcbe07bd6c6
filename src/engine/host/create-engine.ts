// The one place the UI gets its engine from. For now a minimal in-process stand-in that answers
// with a silent audio status and ignores commands; the live engine host replaces this body.

import type { EngineClient, EngineEvent } from '../protocol.js';

/** Starts the audio engine for the editor. */
export function createEngine(): EngineClient {
  const listeners = new Set<(event: EngineEvent) => void>();
  let announced = false;
  return {
    send() {
      // The stand-in plays nothing.
    },
    onEvent(listener) {
      listeners.add(listener);
      if (!announced) {
        announced = true;
        queueMicrotask(() => {
          for (const l of listeners) l({ type: 'audio', status: { kind: 'silent', detail: 'engine starting', sampleRate: 48000 } });
        });
      }
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
    },
  };
}
