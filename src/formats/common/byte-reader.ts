// Bounds-checked little/big-endian reads over a module's bytes. Every read past the end throws a
// FormatError naming what was being read and where, so loaders never see undefined or garbage.

import { FormatError } from './format-error.js';

/** Random-access reader over a file's bytes. */
export class ByteReader {
  readonly bytes: Uint8Array;
  private readonly view: DataView;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  /** True when `len` bytes starting at `offset` are inside the file. */
  has(offset: number, len: number): boolean {
    return Number.isInteger(offset) && offset >= 0 && len >= 0 && offset + len <= this.bytes.length;
  }

  /** How many of `len` bytes from `offset` are really present (0 when offset is past the end). */
  available(offset: number, len: number): number {
    if (offset < 0 || offset >= this.bytes.length) return 0;
    return Math.max(0, Math.min(len, this.bytes.length - offset));
  }

  private need(offset: number, len: number, what: string): void {
    if (!this.has(offset, len)) {
      throw new FormatError(`file ends before ${what} (needs ${len} byte${len === 1 ? '' : 's'}, file has ${this.bytes.length})`, { offset });
    }
  }

  u8(offset: number, what = 'data'): number {
    this.need(offset, 1, what);
    return this.view.getUint8(offset);
  }

  i8(offset: number, what = 'data'): number {
    this.need(offset, 1, what);
    return this.view.getInt8(offset);
  }

  u16le(offset: number, what = 'data'): number {
    this.need(offset, 2, what);
    return this.view.getUint16(offset, true);
  }

  i16le(offset: number, what = 'data'): number {
    this.need(offset, 2, what);
    return this.view.getInt16(offset, true);
  }

  u32le(offset: number, what = 'data'): number {
    this.need(offset, 4, what);
    return this.view.getUint32(offset, true);
  }

  i32le(offset: number, what = 'data'): number {
    this.need(offset, 4, what);
    return this.view.getInt32(offset, true);
  }

  u16be(offset: number, what = 'data'): number {
    this.need(offset, 2, what);
    return this.view.getUint16(offset, false);
  }

  u32be(offset: number, what = 'data'): number {
    this.need(offset, 4, what);
    return this.view.getUint32(offset, false);
  }

  /** A view of `len` bytes (not a copy); throws when they are not all present. */
  slice(offset: number, len: number, what = 'data'): Uint8Array {
    this.need(offset, len, what);
    return this.bytes.subarray(offset, offset + len);
  }

  /** A view of up to `len` bytes: as many as the file really has from `offset`. */
  sliceAvailable(offset: number, len: number): Uint8Array {
    const n = this.available(offset, len);
    return n === 0 ? new Uint8Array(0) : this.bytes.subarray(offset, offset + n);
  }

  /** `len` bytes as ASCII (for magic tags); throws when they are not all present. */
  ascii(offset: number, len: number, what = 'a tag'): string {
    const b = this.slice(offset, len, what);
    let s = '';
    for (const c of b) s += String.fromCharCode(c);
    return s;
  }

  /** True when the bytes at `offset` spell `tag` (false when the file is too short). */
  matches(offset: number, tag: string): boolean {
    if (!this.has(offset, tag.length)) return false;
    for (let i = 0; i < tag.length; i++) if (this.bytes[offset + i] !== tag.charCodeAt(i)) return false;
    return true;
  }
}
