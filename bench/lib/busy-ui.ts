// Makes this thread behave like a stuck editor: blocked for `blockMs` every `everyMs` (a slow
// redraw, a big paste, garbage collection). Returns a function that stops it.

export function blockThreadPeriodically(blockMs = 200, everyMs = 1000): () => void {
  const timer = setInterval(() => {
    const until = performance.now() + blockMs;
    while (performance.now() < until) {
      // Spin: the thread can do nothing else.
    }
  }, everyMs);
  return () => clearInterval(timer);
}
