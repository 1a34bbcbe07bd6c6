// Waiting in tests without fixed sleeps: poll a condition until it holds, failing with what was awaited.

export const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves with the first truthy value of `ok()`, polled every 10 ms; rejects after `ms`. */
export async function until<T>(what: string, ok: () => T | undefined | null | false, ms = 15000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = ok();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await wait(10);
  }
}
