import { ExtractFailure } from './extract-failure';

/**
 * Low-level BIFF8 reading for xls.ts: the record stream and the string forms of [MS-XLS]
 * (2.5.293 XLUnicodeRichExtendedString with CONTINUE records, 2.5.294 XLUnicodeString).
 */

export interface BiffRecord {
  type: number;
  /** Offset of the record header in the stream (BOUNDSHEET positions point here). */
  at: number;
  data: Uint8Array;
}

export const RECORD = {
  BOF: 0x0809,
  EOF: 0x000a,
  FILEPASS: 0x002f,
  BOUNDSHEET: 0x0085,
  SST: 0x00fc,
  CONTINUE: 0x003c,
  LABELSST: 0x00fd,
  LABEL: 0x0204,
  RSTRING: 0x00d6,
  NUMBER: 0x0203,
  RK: 0x027e,
  MULRK: 0x00bd,
  FORMULA: 0x0006,
  STRING: 0x0207,
  FORMAT: 0x041e,
  XF: 0x00e0,
  DATE1904: 0x0022,
  HEADER: 0x0014,
  FOOTER: 0x0015,
  OBJ: 0x005d,
  TXO: 0x01b6,
  NOTE: 0x001c,
} as const;

/** Reads the stream's records in order; a record running past the end is 'corrupt'. */
export function readRecords(stream: Uint8Array): BiffRecord[] {
  const records: BiffRecord[] = [];
  let at = 0;
  while (at + 4 <= stream.length) {
    const type = (stream[at] as number) | ((stream[at + 1] as number) << 8);
    const size = (stream[at + 2] as number) | ((stream[at + 3] as number) << 8);
    if (at + 4 + size > stream.length) {
      // Streams are padded to a sector; zero padding after the last EOF is not a record.
      if (type === 0 && size === 0) break;
      throw new ExtractFailure('corrupt', 'a BIFF record runs past the end of the workbook');
    }
    records.push({ type, at, data: stream.subarray(at + 4, at + 4 + size) });
    at += 4 + size;
  }
  return records;
}

export function u16(data: Uint8Array, at: number): number {
  if (at + 2 > data.length) throw new ExtractFailure('corrupt', 'a BIFF record is short');
  return (data[at] as number) | ((data[at + 1] as number) << 8);
}

export function u32(data: Uint8Array, at: number): number {
  if (at + 4 > data.length) throw new ExtractFailure('corrupt', 'a BIFF record is short');
  return (
    ((data[at] as number) | ((data[at + 1] as number) << 8) | ((data[at + 2] as number) << 16)) +
    (data[at + 3] as number) * 0x1000000
  );
}

export function f64(data: Uint8Array, at: number): number {
  if (at + 8 > data.length) throw new ExtractFailure('corrupt', 'a BIFF record is short');
  return new DataView(data.buffer, data.byteOffset + at, 8).getFloat64(0, true);
}

/** RkNumber (2.5.217): a 30-bit integer or the top of a double, optionally divided by 100. */
export function rkNumber(rk: number): number {
  let value: number;
  if (rk & 2) {
    value = (rk | 0) >> 2;
  } else {
    const view = new DataView(new ArrayBuffer(8));
    view.setUint32(4, rk & 0xfffffffc, true);
    value = view.getFloat64(0, true);
  }
  return rk & 1 ? value / 100 : value;
}

/** Characters of one string, 8-bit (the low bytes of UTF-16, i.e. Latin-1) or UTF-16LE. */
function decodeChars(data: Uint8Array, at: number, count: number, wide: boolean): string {
  const codes: number[] = [];
  if (wide) {
    for (let i = 0; i < count; i++)
      codes.push((data[at + i * 2] as number) | ((data[at + i * 2 + 1] as number) << 8));
  } else {
    for (let i = 0; i < count; i++) codes.push(data[at + i] as number);
  }
  return String.fromCharCode.apply(null, codes);
}

/** XLUnicodeString (16-bit count) or ShortXLUnicodeString (8-bit count) inside one record. */
export function unicodeString(
  data: Uint8Array,
  at: number,
  shortCount = false,
): { text: string; end: number } {
  const count = shortCount ? (data[at] as number) : u16(data, at);
  const flagsAt = at + (shortCount ? 1 : 2);
  if (flagsAt >= data.length) throw new ExtractFailure('corrupt', 'a BIFF string is short');
  const wide = ((data[flagsAt] as number) & 1) === 1;
  const start = flagsAt + 1;
  const end = start + count * (wide ? 2 : 1);
  if (end > data.length) throw new ExtractFailure('corrupt', 'a BIFF string is short');
  return { text: decodeChars(data, start, count, wide), end };
}

/**
 * A cursor over the payloads of an SST record and its CONTINUE records. A string's characters
 * may break across records; each continuation starts with a fresh 8-bit/16-bit flag byte.
 */
class SegmentCursor {
  private segment = 0;
  private at = 0;
  constructor(private readonly segments: Uint8Array[]) {}

  private current(): Uint8Array {
    let data = this.segments[this.segment];
    while (data && this.at >= data.length) {
      this.segment++;
      this.at = 0;
      data = this.segments[this.segment];
    }
    if (!data) throw new ExtractFailure('corrupt', 'the shared string table is short');
    return data;
  }

  done(): boolean {
    let segment = this.segment;
    let at = this.at;
    while (segment < this.segments.length) {
      if (at < (this.segments[segment] as Uint8Array).length) return false;
      segment++;
      at = 0;
    }
    return true;
  }

  byte(): number {
    const data = this.current();
    return data[this.at++] as number;
  }

  u16(): number {
    return this.byte() | (this.byte() << 8);
  }

  u32(): number {
    return this.u16() + this.u16() * 0x10000;
  }

  skip(count: number): void {
    let left = count;
    while (left > 0) {
      const data = this.current();
      const step = Math.min(left, data.length - this.at);
      this.at += step;
      left -= step;
    }
  }

  chars(count: number, wideAtStart: boolean): string {
    const parts: string[] = [];
    let wide = wideAtStart;
    let left = count;
    while (left > 0) {
      let data = this.segments[this.segment];
      if (!data || this.at >= data.length) {
        this.segment++;
        this.at = 0;
        data = this.segments[this.segment];
        if (!data) throw new ExtractFailure('corrupt', 'the shared string table is short');
        // A string continued in a CONTINUE record restates its width.
        wide = ((data[this.at++] as number) & 1) === 1;
        continue;
      }
      const available = Math.floor((data.length - this.at) / (wide ? 2 : 1));
      const take = Math.min(left, available);
      if (take === 0) throw new ExtractFailure('corrupt', 'a shared string splits a character');
      parts.push(decodeChars(data, this.at, take, wide));
      this.at += take * (wide ? 2 : 1);
      left -= take;
    }
    return parts.join('');
  }
}

/** The shared string table (2.4.265 SST), its strings in order. */
export function readSst(segments: Uint8Array[], maxStrings: number): string[] {
  const cursor = new SegmentCursor(segments);
  cursor.u32(); // cstTotal: references, not strings
  const unique = cursor.u32();
  const strings: string[] = [];
  const count = Math.min(unique, maxStrings);
  for (let i = 0; i < count && !cursor.done(); i++) {
    const length = cursor.u16();
    const flags = cursor.byte();
    const runs = flags & 8 ? cursor.u16() : 0;
    const extBytes = flags & 4 ? cursor.u32() : 0;
    strings.push(cursor.chars(length, (flags & 1) === 1));
    cursor.skip(runs * 4 + extBytes);
  }
  return strings;
}
