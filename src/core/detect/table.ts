/**
 * Tabular context for delimited text (CSV, TSV, semicolon or pipe separated, as pasted into a
 * body or read from a .csv attachment): the header of the column a value sits in vouches for
 * it, so an unformatted 9-digit number under "SSN" is an SSN.
 *
 * Lookups are lazy (only for candidate matches) and memoized per line, so a 100,000-line CSV
 * costs one pass over its lines, not one pass per value.
 */

const DELIMITERS = ['\t', ',', ';', '|'];

interface LineInfo {
  start: number;
  end: number;
}

function lineAt(text: string, offset: number): LineInfo {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return { start, end };
}

/** Splits a line into cells on `delimiter`, honouring double quotes. Returns cell start offsets. */
function cellStarts(text: string, line: LineInfo, delimiter: string): number[] {
  const starts = [line.start];
  let quoted = false;
  const d = delimiter.charCodeAt(0);
  for (let i = line.start; i < line.end; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === d && !quoted) starts.push(i + 1);
  }
  return starts;
}

function countDelimiter(text: string, line: LineInfo, delimiter: string): number {
  return cellStarts(text, line, delimiter).length - 1;
}

function pickDelimiter(text: string, line: LineInfo): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = countDelimiter(text, line, d);
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

function cellText(text: string, line: LineInfo, starts: number[], column: number): string {
  const start = starts[column];
  if (start === undefined) return '';
  const next = starts[column + 1];
  const end = next === undefined ? line.end : next - 1;
  return text.slice(start, end).replace(/^\s*"?|"?\s*$/g, '');
}

const HAS_LETTER = /[A-Za-z]/;

interface LineLayout {
  line: LineInfo;
  delimiter: string | null;
  /** Cell start offsets, when the line has a delimiter. */
  starts: number[];
  /** Start of the line's header line, once looked up. */
  headerStart?: number;
}

/** Finds column headers of delimited blocks in one text. Create one per scanned text. */
export class DelimitedHeaders {
  /** line start -> start of its block's header line (or -1 when it has none) */
  private readonly headerLineOf = new Map<string, number>();
  /**
   * The layout of the line looked up last. Candidates arrive in text order, so one line with
   * thousands of numbers (a PDF's text, a one-line CSV) is split into cells once, not once per
   * number: without this a 64 KB line of account numbers took seconds (quadratic).
   */
  private last: LineLayout | undefined = undefined;
  /** header line start + delimiter -> its cell starts */
  private readonly headerCells = new Map<string, number[]>();

  constructor(private readonly text: string) {}

  /** The header of the column that `offset` sits in, or undefined if the text is not tabular there. */
  headerAt(offset: number): string | undefined {
    const text = this.text;
    const layout = this.layoutAt(offset);
    const { line, delimiter, starts } = layout;
    if (delimiter === null) return undefined;
    if (layout.headerStart === undefined) layout.headerStart = this.findHeaderLine(line, delimiter);
    const headerStart = layout.headerStart;
    if (headerStart < 0 || headerStart === line.start) return undefined;
    const column = columnOf(starts, offset);
    const headerLine = lineAt(text, headerStart);
    const key = delimiter + headerStart;
    let headerStarts = this.headerCells.get(key);
    if (!headerStarts) {
      headerStarts = cellStarts(text, headerLine, delimiter);
      this.headerCells.set(key, headerStarts);
    }
    const header = cellText(text, headerLine, headerStarts, column);
    return HAS_LETTER.test(header) ? header : undefined;
  }

  private layoutAt(offset: number): LineLayout {
    const last = this.last;
    if (last && offset >= last.line.start && offset <= last.line.end) return last;
    const line = lineAt(this.text, offset);
    const delimiter = pickDelimiter(this.text, line);
    const layout = {
      line,
      delimiter,
      starts: delimiter === null ? [] : cellStarts(this.text, line, delimiter),
    };
    this.last = layout;
    return layout;
  }

  /** Walks up over lines with the same delimiter count; the top one is the header. */
  private findHeaderLine(line: LineInfo, delimiter: string): number {
    const key = delimiter + line.start;
    const known = this.headerLineOf.get(key);
    if (known !== undefined) return known;
    const count = countDelimiter(this.text, line, delimiter);
    const visited: number[] = [line.start];
    let top = line.start;
    let result = -2;
    while (top > 0) {
      const previous = lineAt(this.text, top - 1);
      if (previous.end <= previous.start || countDelimiter(this.text, previous, delimiter) !== count) break;
      const memo = this.headerLineOf.get(delimiter + previous.start);
      if (memo !== undefined) {
        result = memo;
        break;
      }
      top = previous.start;
      visited.push(top);
    }
    if (result === -2) result = top;
    for (const start of visited) this.headerLineOf.set(delimiter + start, result);
    return result;
  }
}

/** Index of the cell containing `offset`: the last start at or before it (binary search). */
function columnOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Lower-cases a header and reduces it to letters, digits and single spaces. */
export function normalizeHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** True when the normalized header is, or contains as whole words, one of `names`. */
export function headerMatches(normalized: string, names: readonly string[]): string | undefined {
  if (normalized.length === 0) return undefined;
  const padded = ' ' + normalized + ' ';
  for (const name of names) {
    if (padded.indexOf(' ' + name + ' ') >= 0) return name;
  }
  return undefined;
}
