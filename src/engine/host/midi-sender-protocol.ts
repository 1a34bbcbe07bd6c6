// Messages between the engine and its MIDI sender thread (src/engine/host/midi-sender-worker.ts).

/** One message to send at `due` (monotonic milliseconds) to output `port`. */
export interface TimedMessage {
  readonly due: number;
  readonly port: string;
  readonly bytes: readonly number[];
  /** Clock and transport (reported apart in the timing statistics). */
  readonly clock?: boolean;
}

export type SenderRequest =
  /** Keep exactly these outputs open (closing others, all their notes off first). */
  | { readonly op: 'ports'; readonly names: readonly string[] }
  | { readonly op: 'send'; readonly messages: readonly TimedMessage[] }
  /** Drops what is due after `after` (note-offs among them are sent at once: never a hanging note). */
  | { readonly op: 'cancel'; readonly after: number }
  /** All notes off on every open port (or the named ones), at once. */
  | { readonly op: 'panic'; readonly ports?: readonly string[] }
  | { readonly op: 'stats'; readonly reset?: boolean }
  /** Panic, close every port, end the thread. */
  | { readonly op: 'close' };

/** Lateness of sent messages (sent - due), in milliseconds. */
export interface SendTiming {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export type SenderReport =
  | { readonly op: 'opened'; readonly names: readonly string[]; readonly failed: readonly { readonly name: string; readonly reason: string }[] }
  | { readonly op: 'error'; readonly port: string; readonly reason: string }
  | { readonly op: 'stats'; readonly notes: SendTiming; readonly clock: SendTiming }
  | { readonly op: 'closed' };
