import type { ExtractedText } from './extractor';

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

/** Index of the last of the first `count` starts at or before offset, or -1. */
function lastAtOrBefore(starts: Float64Array, count: number, offset: number): number {
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

/** Cells laid out as one rope before it is flattened (see TableTextBuilder.flush). */
const CHUNK_CELLS = 1024;

function grown(array: Float64Array): Float64Array {
  const bigger = new Float64Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * Lays out the non-empty cells of one sheet as one text as they arrive. Writers store cells in row
 * then column order almost always, so each cell is appended at once (no cell objects, no second
 * pass: a roster has tens of thousands of cells); should one come out of order, the rest are kept
 * aside and {@link finish} sorts them all and lays them out again. `maxChars` bounds the text:
 * cells past it are dropped and `truncated` says so, for the caller to report.
 */
export class TableTextBuilder {
  /** The text so far: `done` (flat chunks) then `pending` (the cells since the last chunk). */
  private done = '';
  private pending = '';
  private pendingCells = 0;
  private length = 0;
  private count = 0;
  /** Per laid-out cell: its row, column and offset in the text (typed: numbers only, no boxing). */
  private rows: Float64Array = new Float64Array(256);
  private cols: Float64Array = new Float64Array(256);
  private starts: Float64Array = new Float64Array(256);
  private headerRow = -1;
  private readonly headers = new Map<number, string>();
  /** Cells not laid out: past the limit, or every cell from the first one out of order. */
  private rest: TableCell[] | undefined;
  private ordered = true;
  /** False once the cells were sorted: the layout then follows the sort, whatever it did. */
  private checkOrder = true;
  private lastRow = 0;
  private lastCol = 0;

  constructor(private readonly maxChars: number) {}

  add(row: number, col: number, text: string): void {
    if (text === '') return;
    const first = this.count === 0 && this.rest === undefined;
    if (!first && this.checkOrder && (row < this.lastRow || (row === this.lastRow && col < this.lastCol)))
      this.ordered = false;
    this.lastRow = row;
    this.lastCol = col;
    if (this.rest !== undefined || !this.ordered) {
      (this.rest ??= []).push({ row, col, text });
      return;
    }
    if (first) this.headerRow = row;
    if (row === this.headerRow) this.headers.set(col, text);
    const separator = first ? '' : row === this.rows[this.count - 1] ? '\t' : '\n';
    if (this.length + separator.length + text.length > this.maxChars) {
      this.rest = [{ row, col, text }];
      return;
    }
    this.append(row, col, separator, text);
  }

  private append(row: number, col: number, separator: string, text: string): void {
    if (this.count === this.starts.length) {
      this.rows = grown(this.rows);
      this.cols = grown(this.cols);
      this.starts = grown(this.starts);
    }
    this.length += separator.length;
    this.starts[this.count] = this.length;
    this.rows[this.count] = row;
    this.cols[this.count] = col;
    this.count++;
    this.length += text.length;
    // Concatenation, not parts.join: V8 builds a rope, several times faster than join.
    this.pending += separator;
    this.pending += text;
    if (++this.pendingCells === CHUNK_CELLS) this.flush();
  }

  /**
   * Reading a character makes V8 flatten the rope of pending cells into one string while its
   * pieces are still young: a rope of hundreds of thousands of pieces kept to the end costs the
   * garbage collector three times the building itself (measured on a 190,000-cell sheet).
   */
  private flush(): void {
    this.pending.charCodeAt(0);
    this.done += this.pending;
    this.pending = '';
    this.pendingCells = 0;
  }

  /** The laid-out text; the builder is done after this. */
  finish(where: string | undefined): { text: ExtractedText; truncated: boolean } {
    if (!this.ordered) return this.sorted().finish(where);
    this.flush();
    const { done: text, count, rows, cols, starts, headerRow, headers } = this;
    const kept = (offset: number): number => lastAtOrBefore(starts, count, offset);
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
    const laid = this.done + this.pending;
    const cells: TableCell[] = [];
    for (let k = 0; k < this.count; k++) {
      const end = k + 1 < this.count ? (this.starts[k + 1] as number) - 1 : laid.length;
      const text = laid.slice(this.starts[k], end);
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
