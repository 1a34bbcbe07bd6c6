// Text <-> bytes without Node or DOM APIs: UTF-8 for .trk files, and the 8-bit code pages that
// module formats store names in (CP437 for DOS trackers, Windows-1252 for the rest).

/** Encodes a string as UTF-8. */
export function encodeUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    let c = ch.codePointAt(0) ?? 0xfffd;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** Decodes UTF-8; returns undefined at the first invalid sequence (so callers can say where). */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { badOffset: number } {
  const parts: string[] = [];
  let codes: number[] = [];
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] ?? 0;
    let c: number;
    let len: number;
    if (b < 0x80) { c = b; len = 1; }
    else if (b >= 0xc2 && b < 0xe0) { c = b & 0x1f; len = 2; }
    else if (b >= 0xe0 && b < 0xf0) { c = b & 0x0f; len = 3; }
    else if (b >= 0xf0 && b < 0xf5) { c = b & 0x07; len = 4; }
    else return { badOffset: i };
    if (i + len > n) return { badOffset: i };
    for (let k = 1; k < len; k++) {
      const cb = bytes[i + k] ?? 0;
      if ((cb & 0xc0) !== 0x80) return { badOffset: i };
      c = (c << 6) | (cb & 0x3f);
    }
    if ((len === 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) || (len === 4 && (c < 0x10000 || c > 0x10ffff))) {
      return { badOffset: i };
    }
    codes.push(c);
    if (codes.length >= 4096) {
      parts.push(String.fromCodePoint(...codes));
      codes = [];
    }
    i += len;
  }
  parts.push(String.fromCodePoint(...codes));
  return { text: parts.join('') };
}

const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * Decodes a fixed-size name field: stops at the first NUL, maps control bytes to spaces, trims the
 * end. With `keepLineBreaks` (song messages), CR and LF are kept.
 */
export function decodeName(bytes: Uint8Array, codePage: 'cp437' | 'cp1252', keepLineBreaks = false): string {
  let out = '';
  for (const b of bytes) {
    if (b === 0) break;
    if (keepLineBreaks && (b === 13 || b === 10)) out += String.fromCharCode(b);
    else if (b < 0x20 || b === 0x7f) out += ' ';
    else if (b < 0x80) out += String.fromCharCode(b);
    else if (codePage === 'cp437') out += CP437_HIGH[b - 0x80] ?? '?';
    else if (b < 0xa0) out += CP1252_80_9F[b - 0x80] ?? '?';
    else out += String.fromCharCode(b);
  }
  return out.trimEnd();
}

/** Encodes a name into a fixed-size, NUL-padded field; characters the code page lacks become '?'. */
export function encodeName(text: string, size: number, codePage: 'cp437' | 'cp1252'): Uint8Array {
  const out = new Uint8Array(size);
  let o = 0;
  for (const ch of text) {
    if (o >= size) break;
    const c = ch.codePointAt(0) ?? 63;
    let b = 63;
    if (c >= 0x20 && c < 0x7f) b = c;
    else if (codePage === 'cp437') {
      const idx = CP437_HIGH.indexOf(ch);
      if (idx >= 0) b = 0x80 + idx;
    } else {
      const idx = CP1252_80_9F.indexOf(ch);
      if (idx >= 0) b = 0x80 + idx;
      else if (c >= 0xa0 && c <= 0xff) b = c;
    }
    out[o++] = b;
  }
  return out;
}
