import type { ExtractedText } from './extractor';
import { utf8Text } from './text-decode';

/**
 * A sheet laid out as one text for the detection engine: cells tab-separated, rows
 * newline-separated, in row then column order. headerAt and cellAt map an offset of the text back
 * to its column header (the topmost non-empty row's cell in that column) and its cell reference
 * ('J2') by binary search over the cell start offsets, so lookups cost O(log cells) and only
 * happen for candidate matches. Shared by every spreadsheet extractor (xls, xlsx, ods).
 */

export interface TableCell {
  /** 0-based row index. */
  row: number;
  /** 0-based column index. */
  col: number;
  text: string;
}

/** 'A', 'Z', 'AA', ... for a 0-based column index. */
export function columnName(col: number): string {
  if (col < COMMON_COLUMNS) return (COLUMN_NAMES[col] ??= spellColumn(col));
  return spellColumn(col);
}

/** Columns A to ZZ: their names are kept once made (a roster names a cell for every finding). */
const COMMON_COLUMNS = 702;
const COLUMN_NAMES: Array<string | undefined> = [];

function spellColumn(col: number): string {
  let name = '';
  let n = col + 1;
  while (n > 0) {
    const rem = (n - 1) % 26;
    name = String.fromCharCode(65 + rem) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** The A1-style reference of a 0-based cell. */
export function cellName(row: number, col: number): string {
  return columnName(col) + String(row + 1);
}

/** A sheet name as it is written before '!': quoted when it has spaces or punctuation ('My Sheet'!B2). */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z0-9_.]{1,31}$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/**
 * Writes `text` as UTF-8 from `at` (3 bytes of room a UTF-16 unit); returns where it ends, or -1 at
 * a lone surrogate, which UTF-8 cannot carry.
 */
function writeUtf8(text: string, into: Uint8Array, at: number): number {
  let o = at;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      into[o++] = c;
    } else if (c < 0x800) {
      into[o++] = 0xc0 | (c >> 6);
      into[o++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c > 0xdfff) {
      into[o++] = 0xe0 | (c >> 12);
      into[o++] = 0x80 | ((c >> 6) & 0x3f);
      into[o++] = 0x80 | (c & 0x3f);
    } else {
      const low = text.charCodeAt(++i);
      if (c > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) return -1;
      const cp = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
      into[o++] = 0xf0 | (cp >> 18);
      into[o++] = 0x80 | ((cp >> 12) & 0x3f);
      into[o++] = 0x80 | ((cp >> 6) & 0x3f);
      into[o++] = 0x80 | (cp & 0x3f);
    }
  }
  return o;
}

/** Index of the last of the first `count` starts at or before offset, or -1. */
function lastAtOrBefore(starts: Int32Array, count: number, offset: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function byPosition(a: TableCell, b: TableCell): number {
  return a.row - b.row || a.col - b.col;
}

function grown<T extends Int32Array | Float64Array>(array: T, size: number): T {
  const bigger = new (array.constructor as new (size: number) => T)(size);
  bigger.set(array);
  return bigger;
}

function grownBytes(array: Uint8Array, used: number, size: number): Uint8Array {
  const bigger = new Uint8Array(size);
  bigger.set(array.subarray(0, used));
  return bigger;
}

/** What TableTextBuilder.place says of a cell kept aside: out of order or past the limit. */
const ASIDE = -1;

const TAB = 9;
const NEWLINE = 10;

const DEFAULT_CELLS = 256;
const DEFAULT_TEXT_BYTES = 1024;
/** Presizing guesses (see the TableTextBuilder constructor): generous, never exact. */
const SOURCE_BYTES_A_CELL = 32;
const SOURCE_BYTES_A_TEXT_BYTE = 3;

/**
 * Lays out the non-empty cells of one sheet as one text as they arrive. Writers store cells in row
 * then column order almost always, so each cell is appended at once (no cell objects, no second
 * pass: a roster has tens of thousands of cells); should one come out of order, the rest are kept
 * aside and {@link finish} sorts them all and lays them out again. `maxChars` bounds the text:
 * cells past it are dropped and `truncated` says so, for the caller to report.
 *
 * The text is written as UTF-8 into one buffer and decoded once at the end, so that a reader of
 * UTF-8 XML copies each cell's bytes as they are (addUtf8): it never decodes the whole part nor
 * makes a string per cell. On roster.xlsx (19,000 cells) reading the sheet part went from 3.8 to
 * 1.9 ms; the layout alone from 1.06 ms (slices of the decoded part concatenated) to 0.88 ms.
 */
export class TableTextBuilder {
  /** The text so far: `flat`, then the UTF-8 in utf8[0, utf8Length). `flat` holds text before a lone surrogate. */
  private flat = '';
  private utf8: Uint8Array;
  private utf8Length = 0;
  /** In UTF-16 units, like every offset here: the length of the final string. */
  private length = 0;
  private count = 0;
  /**
   * Per laid-out cell: its row, column and offset in the text (typed: numbers only, no boxing).
   * Offsets fit 32 bits (maxExtractedChars is at most 10^9); rows and columns are whatever a file
   * writes in its references (A99999999999999 included), so they keep 64-bit floats.
   */
  private rows: Float64Array;
  private cols: Float64Array;
  private starts: Int32Array;
  private headerRow = -1;
  /** Cells not laid out: past the limit, or every cell from the first one out of order. */
  private rest: TableCell[] | undefined;
  private ordered = true;
  /** False once the cells were sorted: the layout then follows the sort, whatever it did. */
  private checkOrder = true;
  private lastRow = 0;
  private lastCol = 0;

  /**
   * `sourceBytes`, the size of the XML the cells come from, presizes the buffers (they still grow
   * as needed): a roster takes about 40 bytes of XML a cell, a quarter of them text. Measured on
   * roster10.xlsx: about 1 ms of its 43 ms less than growing from the default.
   */
  constructor(
    private readonly maxChars: number,
    sourceBytes = 0,
  ) {
    // A cell takes at least one character of the text (and a separator).
    const cells = Math.max(DEFAULT_CELLS, Math.floor(Math.min(sourceBytes / SOURCE_BYTES_A_CELL, maxChars)));
    this.rows = new Float64Array(cells);
    this.cols = new Float64Array(cells);
    this.starts = new Int32Array(cells);
    // UTF-8 takes at most 3 bytes a UTF-16 unit.
    const bytes = Math.min(sourceBytes / SOURCE_BYTES_A_TEXT_BYTE, 3 * maxChars);
    this.utf8 = new Uint8Array(Math.max(DEFAULT_TEXT_BYTES, Math.floor(bytes)));
  }

  add(row: number, col: number, text: string): void {
    if (text === '') return;
    const separator = this.place(row, col, text.length);
    if (separator >= 0) this.appendText(row, col, separator, text);
    else (this.rest ??= []).push({ row, col, text });
  }

  /** A cell whose text is the well-formed UTF-8 bytes from..to, `units` UTF-16 units long. */
  addUtf8(row: number, col: number, bytes: Uint8Array, from: number, to: number, units: number): void {
    if (units === 0) return;
    const separator = this.place(row, col, units);
    if (separator >= 0) this.appendUtf8(row, col, separator, bytes, from, to, units);
    else (this.rest ??= []).push({ row, col, text: utf8Text(bytes, from, to) });
  }

  /** The separator length (0 or 1) before the cell, or ASIDE. */
  private place(row: number, col: number, units: number): number {
    const first = this.count === 0 && this.rest === undefined;
    if (!first && this.checkOrder && (row < this.lastRow || (row === this.lastRow && col < this.lastCol)))
      this.ordered = false;
    this.lastRow = row;
    this.lastCol = col;
    if (this.rest !== undefined || !this.ordered) return ASIDE;
    if (first) this.headerRow = row;
    const separator = first ? 0 : 1;
    return this.length + separator + units > this.maxChars ? ASIDE : separator;
  }

  private appendText(row: number, col: number, separator: number, text: string): void {
    this.reserve(1 + 3 * text.length);
    this.record(row, col, separator);
    const end = writeUtf8(text, this.utf8, this.utf8Length);
    if (end >= 0) {
      this.utf8Length = end;
    } else {
      this.flat += utf8Text(this.utf8, 0, this.utf8Length) + text;
      this.utf8Length = 0;
    }
    this.length += text.length;
  }

  private appendUtf8(
    row: number,
    col: number,
    separator: number,
    bytes: Uint8Array,
    from: number,
    to: number,
    units: number,
  ): void {
    this.reserve(1 + to - from);
    this.record(row, col, separator);
    const utf8 = this.utf8;
    let o = this.utf8Length;
    // A loop, not utf8.set(bytes.subarray(...)): cells are short and subarray allocates.
    for (let i = from; i < to; i++) utf8[o++] = bytes[i] as number;
    this.utf8Length = o;
    this.length += units;
  }

  private reserve(bytes: number): void {
    const needed = this.utf8Length + bytes;
    if (needed > this.utf8.length)
      this.utf8 = grownBytes(this.utf8, this.utf8Length, Math.max(needed, this.utf8.length * 2));
  }

  /** Notes the cell about to be written at the end of the text, after its separator. */
  private record(row: number, col: number, separator: number): void {
    if (this.count === this.starts.length) {
      const size = this.count * 2;
      this.rows = grown(this.rows, size);
      this.cols = grown(this.cols, size);
      this.starts = grown(this.starts, size);
    }
    if (separator > 0) {
      this.utf8[this.utf8Length++] = row === this.rows[this.count - 1] ? TAB : NEWLINE;
      this.length++;
    }
    this.starts[this.count] = this.length;
    this.rows[this.count] = row;
    this.cols[this.count] = col;
    this.count++;
  }

  private text(): string {
    return this.utf8Length === 0 ? this.flat : this.flat + utf8Text(this.utf8, 0, this.utf8Length);
  }

  /** Where laid-out cell k ends in `text` (its separator is not part of it). */
  private cellEnd(k: number, text: string): number {
    return k + 1 < this.count ? (this.starts[k + 1] as number) - 1 : text.length;
  }

  /**
   * Column -> header text: the laid-out cells of the header row come first in the text. (A
   * header-row cell past the limit leaves no cell laid out below the header row to ask for it.)
   */
  private headerTexts(text: string): Map<number, string> {
    const headers = new Map<number, string>();
    for (let k = 0; k < this.count && this.rows[k] === this.headerRow; k++) {
      headers.set(this.cols[k] as number, text.slice(this.starts[k], this.cellEnd(k, text)));
    }
    return headers;
  }

  /** The laid-out text; the builder is done after this. */
  finish(where: string | undefined): { text: ExtractedText; truncated: boolean } {
    if (!this.ordered) return this.sorted().finish(where);
    const text = this.text();
    const headers = this.headerTexts(text);
    const { count, rows, cols, starts, headerRow } = this;
    // The engine asks in rising offsets, header lookups and findings alike: try the cell asked
    // last and the next one before searching (a roster's 9,000 findings: ~0.3 ms less).
    let last = 0;
    const kept = (offset: number): number => {
      if (last < count && (starts[last] as number) <= offset) {
        if (last + 1 === count || (starts[last + 1] as number) > offset) return last;
        if (last + 2 === count || (starts[last + 2] as number) > offset) return ++last;
      }
      const found = lastAtOrBefore(starts, count, offset);
      last = Math.max(0, found);
      return found;
    };
    const laid: ExtractedText = {
      text,
      where,
      headerAt(offset) {
        const k = kept(offset);
        return k >= 0 && rows[k] !== headerRow ? headers.get(cols[k] as number) : undefined;
      },
      cellAt(offset) {
        const k = kept(offset);
        return k >= 0 ? cellName(rows[k] as number, cols[k] as number) : undefined;
      },
    };
    return { text: laid, truncated: this.rest !== undefined };
  }

  /** A builder holding every cell in row then column order (stable: duplicates keep theirs). */
  private sorted(): TableTextBuilder {
    const laid = this.text();
    const cells: TableCell[] = [];
    for (let k = 0; k < this.count; k++) {
      const text = laid.slice(this.starts[k], this.cellEnd(k, laid));
      cells.push({ row: this.rows[k] as number, col: this.cols[k] as number, text });
    }
    for (const cell of this.rest ?? []) cells.push(cell);
    cells.sort(byPosition);
    const builder = new TableTextBuilder(this.maxChars);
    builder.checkOrder = false;
    for (const cell of cells) builder.add(cell.row, cell.col, cell.text);
    return builder;
  }
}

/** Lays out non-empty cells (any order) as one text; see {@link TableTextBuilder}. */
export function tableText(
  cells: TableCell[],
  where: string | undefined,
  maxChars: number,
): { text: ExtractedText; truncated: boolean } {
  const builder = new TableTextBuilder(maxChars);
  for (const cell of cells) builder.add(cell.row, cell.col, cell.text);
  return builder.finish(where);
}
