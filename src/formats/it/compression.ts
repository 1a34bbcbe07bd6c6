// Impulse Tracker 2.14/2.15 sample compression: blocks of variable-width deltas (bit widths change
// in-stream by three escape methods); IT 2.15 integrates twice. Each block holds up to 0x8000
// 8-bit or 0x4000 16-bit samples and starts with its packed size. Damaged blocks end early.

/** Reads bits least-significant first from a byte range. */
class BitReader {
  private bit: number;
  private readonly bytes: Uint8Array;
  private readonly end: number;

  constructor(bytes: Uint8Array, start: number, end: number) {
    this.bytes = bytes;
    this.end = end;
    this.bit = start * 8;
  }

  canRead(n: number): boolean {
    return this.bit + n <= this.end * 8;
  }

  read(n: number): number {
    let v = 0;
    for (let k = 0; k < n; k++) {
      const b = this.bytes[this.bit >> 3] ?? 0;
      v |= ((b >> (this.bit & 7)) & 1) << k;
      this.bit++;
    }
    return v >>> 0;
  }
}

/** IT's width change: the announced width, skipping the current one. */
function nextWidth(current: number, announced: number): number {
  const w = announced + 1;
  return w >= current ? w + 1 : w;
}

/**
 * Decompresses one channel of `frames` samples starting at `offset`. Returns the samples and the
 * offset after the last block (where a stereo sample's right channel starts).
 */
export function decompressIT(bytes: Uint8Array, offset: number, frames: number, is16: boolean, it215: boolean): { data: Int8Array | Int16Array; end: number; complete: boolean } {
  const out = is16 ? new Int16Array(frames) : new Int8Array(frames);
  const topWidth = is16 ? 17 : 9;
  const blockFrames = is16 ? 0x4000 : 0x8000;
  let pos = offset;
  let done = 0;
  let complete = true;
  while (done < frames) {
    if (pos + 2 > bytes.length) {
      complete = false;
      break;
    }
    const packed = bytes[pos]! | (bytes[pos + 1]! << 8);
    pos += 2;
    // OpenMPT skips empty blocks (a damaged header) and reads the next size word.
    if (packed === 0) continue;
    const end = Math.min(bytes.length, pos + packed);
    if (pos + packed > bytes.length) complete = false;
    const r = new BitReader(bytes, pos, end);
    const len = Math.min(frames - done, blockFrames);
    let width = topWidth;
    let d1 = 0;
    let d2 = 0;
    let i = 0;
    while (i < len) {
      // A width above the top one (only method 3 can set it) ends the block.
      if (width > topWidth || !r.canRead(width)) break;
      let value = r.read(width);
      const top = 1 << (width - 1);
      if (width <= 6) {
        // Method 1: the top value announces a new width in 3 (8-bit) or 4 (16-bit) bits.
        if (value === top) {
          if (!r.canRead(is16 ? 4 : 3)) break;
          width = nextWidth(width, r.read(is16 ? 4 : 3));
          continue;
        }
      } else if (width < topWidth) {
        // Method 2: values just around the top bit announce a new width.
        const lower = top - (is16 ? 8 : 4);
        if (value >= lower && value <= top + (is16 ? 7 : 3)) {
          width = nextWidth(width, value - lower);
          continue;
        }
      } else {
        // Method 3: the top bit set means the other bits are the new width minus one.
        if (value & top) {
          width = (value & (top - 1)) + 1;
          continue;
        }
        value &= top - 1;
      }
      // Methods 1 and 2 sign-extend the delta from its width; method 3 values wrap with the sample.
      if (width < topWidth && value & top) value -= 2 * top;
      d1 = is16 ? ((d1 + value) << 16) >> 16 : ((d1 + value) << 24) >> 24;
      d2 = is16 ? ((d2 + d1) << 16) >> 16 : ((d2 + d1) << 24) >> 24;
      out[done + i] = it215 ? d2 : d1;
      i++;
    }
    // As OpenMPT: a block that ends early leaves the next block to continue where it stopped.
    if (i < len) complete = false;
    done += i;
    pos += packed;
  }
  return { data: out, end: Math.min(pos, bytes.length), complete };
}
