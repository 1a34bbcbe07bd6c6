// What a writer could not keep, each kind of loss once with a count: the export linter's words,
// shown before saving and printed by `tracker convert`.

export class Losses {
  private readonly counts = new Map<string, number>();

  add(what: string): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + 1);
  }

  list(): string[] {
    return [...this.counts].map(([what, n]) => (n > 1 ? `${what} (${n} times)` : what));
  }
}
