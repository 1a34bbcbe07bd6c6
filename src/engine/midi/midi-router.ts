// Where each message goes: instrument messages to the instrument's port (or the default output),
// clock and transport messages to every clock port. Pure.

import type { QueuedMidi } from './engine-midi.js';

export interface MidiRouting {
  /** Output for instruments without a port of their own; null = none. */
  readonly defaultPort: string | null;
  /** Outputs that receive clock and transport. */
  readonly clockPorts: readonly string[];
}

/** The ports one message goes to. */
export function portsFor(message: Pick<QueuedMidi, 'kind' | 'port'>, routing: MidiRouting): readonly string[] {
  if (message.kind === 'clock') return routing.clockPorts;
  const port = message.port ?? routing.defaultPort;
  return port === null ? [] : [port];
}
