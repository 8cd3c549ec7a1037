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

function byPosition(a: TableCell, b: TableCell): number {
  return a.row - b.row || a.col - b.col;
}

function isSorted(cells: TableCell[]): boolean {
  for (let i = 1; i < cells.length; i++)
    if (byPosition(cells[i - 1] as TableCell, cells[i] as TableCell) > 0) return false;
  return true;
}

/** Index of the last start at or before offset, or -1. */
function lastAtOrBefore(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Lays out non-empty cells (any order) as one text. `maxChars` bounds the text: cells past it are
 * dropped and `truncated` says so, for the caller to report.
 */
export function tableText(
  cells: TableCell[],
  where: string | undefined,
  maxChars: number,
): { text: ExtractedText; truncated: boolean } {
  const sorted = cells.filter((c) => c.text !== '');
  // Writers store cells in row order almost always: sort only when needed.
  if (!isSorted(sorted)) sorted.sort(byPosition);
  const headerRow = sorted.length > 0 ? (sorted[0] as TableCell).row : -1;
  const headers = new Map<number, string>();
  const parts: string[] = [];
  const starts: number[] = [];
  const kept: TableCell[] = [];
  let length = 0;
  let truncated = false;
  let previousRow = -1;
  for (const cell of sorted) {
    if (cell.row === headerRow) headers.set(cell.col, cell.text);
    const separator = kept.length === 0 ? '' : cell.row === previousRow ? '\t' : '\n';
    if (length + separator.length + cell.text.length > maxChars) {
      truncated = true;
      break;
    }
    parts.push(separator, cell.text);
    length += separator.length;
    starts.push(length);
    kept.push(cell);
    length += cell.text.length;
    previousRow = cell.row;
  }
  const cellOf = (offset: number): TableCell | undefined => kept[lastAtOrBefore(starts, offset)];
  const text: ExtractedText = {
    text: parts.join(''),
    where,
    headerAt(offset) {
      const cell = cellOf(offset);
      return cell && cell.row !== headerRow ? headers.get(cell.col) : undefined;
    },
    cellAt(offset) {
      const cell = cellOf(offset);
      return cell ? cellName(cell.row, cell.col) : undefined;
    },
  };
  return { text, truncated };
}
