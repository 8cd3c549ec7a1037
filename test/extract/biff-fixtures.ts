/** A tiny BIFF8 writer for xls fixtures with the records SheetJS does not write (SST, RK, MULRK, FORMULA). */

export function record(type: number, ...parts: Uint8Array[]): Uint8Array {
  const size = parts.reduce((n, p) => n + p.length, 0);
  return concat(u16(type), u16(size), ...parts);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function u16(n: number): Uint8Array {
  return new Uint8Array([n & 0xff, (n >> 8) & 0xff]);
}

export function u32(n: number): Uint8Array {
  return new Uint8Array([n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff]);
}

export function f64(n: number): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, n, true);
  return b;
}

/** 8-bit ("compressed") characters. */
export function latin1(text: string): Uint8Array {
  return new Uint8Array(text.split('').map((c) => c.charCodeAt(0)));
}

/** XLUnicodeString, 8-bit. */
export function xlString(text: string): Uint8Array {
  return concat(u16(text.length), new Uint8Array([0]), latin1(text));
}

export const BOF = (kind: number): Uint8Array =>
  record(0x0809, u16(0x0600), u16(kind), u16(0), u16(0), u32(0), u32(0));
export const EOF = record(0x000a);
export const label = (row: number, col: number, text: string): Uint8Array =>
  record(0x0204, u16(row), u16(col), u16(0), xlString(text));
export const labelSst = (row: number, col: number, index: number): Uint8Array =>
  record(0x00fd, u16(row), u16(col), u16(0), u32(index));
export const numberCell = (row: number, col: number, xf: number, value: number): Uint8Array =>
  record(0x0203, u16(row), u16(col), u16(xf), f64(value));
/** An RK holding a 30-bit integer. */
export const rkInt = (n: number): Uint8Array => u32(((n << 2) | 2) >>> 0);
export const rkCell = (row: number, col: number, n: number): Uint8Array =>
  record(0x027e, u16(row), u16(col), u16(0), rkInt(n));
