// The error every codec throws for input it cannot read: what was wrong, and where (a byte
// offset for binary modules, a line number for text songs). The CLI and UI prefix the file name.

/** Where in the input a problem was found. */
export type ErrorLocation = { readonly offset: number } | { readonly line: number } | Record<string, never>;

/** A problem with the input file, in words a user understands. */
export class FormatError extends Error {
  readonly what: string;
  readonly offset: number | undefined;
  readonly line: number | undefined;

  constructor(what: string, where: ErrorLocation = {}) {
    const offset = 'offset' in where ? where.offset : undefined;
    const line = 'line' in where ? where.line : undefined;
    super(line !== undefined ? `line ${line}: ${what}` : offset !== undefined ? `at byte ${offset}: ${what}` : what);
    this.name = 'FormatError';
    this.what = what;
    this.offset = offset;
    this.line = line;
  }

  /** One line naming the file: "song.trk:12: unknown key", "song.xm: at byte 336: ...". */
  describe(file: string): string {
    if (this.line !== undefined) return `${file}:${this.line}: ${this.what}`;
    if (this.offset !== undefined) return `${file}: at byte ${this.offset}: ${this.what}`;
    return `${file}: ${this.what}`;
  }
}

/** A song read from bytes, with everything the reader had to clamp or drop. */
export interface ReadResult<T> {
  readonly song: T;
  readonly warnings: readonly string[];
}

/** Bytes written for a song, with everything the target format could not hold. */
export interface WriteResult {
  readonly bytes: Uint8Array;
  readonly warnings: readonly string[];
}
