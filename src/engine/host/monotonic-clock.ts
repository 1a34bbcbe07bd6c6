// One clock for every thread of the engine process: milliseconds of the system's monotonic clock
// (performance.now() starts afresh in each worker thread, so it cannot be shared).

/** Milliseconds on the monotonic clock shared by all threads and processes of this machine. */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
