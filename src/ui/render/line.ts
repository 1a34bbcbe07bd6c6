// Builds one screen line as a single pre-coloured string of exactly the screen width: SGR codes
// only where the style changes, text cut at the right edge, padding to the end.

import type { Theme } from './theme.js';

/** Printable ASCII only (names from module files may hold control or wide characters). */
export function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}

/** Left-aligned text cut or padded to `width`. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length >= width ? text.slice(0, width) : text + ' '.repeat(width - text.length);
}

/** Right-aligned text cut or padded to `width`. */
export function fitRight(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length >= width ? text.slice(text.length - width) : ' '.repeat(width - text.length) + text;
}

/** Accumulates styled spans into one line of a fixed width. */
export class LineBuilder {
  private out = '';
  private style: string;
  private used = 0;

  constructor(private readonly width: number, private readonly theme: Theme) {
    this.style = theme.reset;
  }

  /** Columns still free. */
  get remaining(): number {
    return this.width - this.used;
  }

  /** Appends text in a style (an SGR string from Theme.sgr); text past the width is dropped. */
  add(text: string, sgr: string): this {
    if (text === '' || this.used >= this.width) return this;
    const room = this.width - this.used;
    const t = text.length > room ? text.slice(0, room) : text;
    if (sgr !== this.style) {
      this.out += sgr;
      this.style = sgr;
    }
    this.out += t;
    this.used += t.length;
    return this;
  }

  /** Fills the rest of the line with spaces in a style. */
  fill(sgr: string = this.theme.reset): this {
    return this.add(' '.repeat(Math.max(0, this.width - this.used)), sgr);
  }

  /** The finished line: padded to the width, styles reset at the end. */
  done(): string {
    this.fill();
    return this.style === this.theme.reset ? this.out : this.out + this.theme.reset;
  }
}

/** A plain line of text in one style. */
export function plainLine(text: string, width: number, theme: Theme, sgr: string = theme.reset): string {
  return new LineBuilder(width, theme).add(printable(text), sgr).fill(sgr).done();
}

/** Splits text into lines of at most `width` characters, at spaces where possible. */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(8, width);
  const out: string[] = [];
  let rest = text;
  while (rest.length > w) {
    const cut = rest.lastIndexOf(' ', w);
    const at = cut > w / 3 ? cut : w;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^ /, '');
  }
  out.push(rest);
  return out;
}
