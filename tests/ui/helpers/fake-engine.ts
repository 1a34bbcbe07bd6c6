// A stand-in engine for UI tests: records every command the UI sends and lets a test play the
// engine's part by emitting events (positions, audio status).
import type { EngineClient, EngineCommand, EngineEvent, PositionSnapshot } from '../../../src/engine/protocol.js';

export class FakeEngine implements EngineClient {
  readonly commands: EngineCommand[] = [];
  private readonly listeners = new Set<(e: EngineEvent) => void>();
  closed = false;

  send(command: EngineCommand): void {
    this.commands.push(command);
  }

  onEvent(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Plays the engine: delivers an event to the UI. */
  emit(event: EngineEvent): void {
    for (const l of this.listeners) l(event);
  }

  /** Emits a playing position. */
  position(p: Partial<PositionSnapshot> & Pick<PositionSnapshot, 'order' | 'pattern' | 'row'>): void {
    this.emit({ type: 'position', position: { playing: true, paused: false, tick: 0, speed: 6, tempo: 125, vu: [], seconds: 0, ...p } });
  }

  /** Commands of one type, in order. */
  sent<T extends EngineCommand['type']>(type: T): Extract<EngineCommand, { type: T }>[] {
    return this.commands.filter((c): c is Extract<EngineCommand, { type: T }> => c.type === type);
  }

  clear(): void {
    this.commands.length = 0;
  }
}
