/**
 * Tabular context for delimited text (CSV, TSV, semicolon or pipe separated, as pasted into a
 * body or read from a .csv attachment): the header of the column a value sits in vouches for
 * it, so an unformatted 9-digit number under "SSN" is an SSN.
 *
 * Lookups are lazy (only for candidate matches) and memoized per line, so a 100,000-line CSV
 * costs one pass over its lines, not one pass per value.
 */

/** Tab, comma, semicolon, pipe: on a tie, the first of them wins. */
const DELIMITERS = [9, 44, 59, 124];
const QUOTE = 34;
const NO_DELIMITER = -1;

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
function cellStarts(text: string, line: LineInfo, delimiter: number): number[] {
  const starts = [line.start];
  let quoted = false;
  for (let i = line.start; i < line.end; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (c === delimiter && !quoted) starts.push(i + 1);
  }
  return starts;
}

/** How many of `delimiter` the line has outside double quotes. */
function countDelimiter(text: string, line: LineInfo, delimiter: number): number {
  let count = 0;
  let quoted = false;
  for (let i = line.start; i < line.end; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (c === delimiter && !quoted) count++;
  }
  return count;
}

/** The delimiter the line has most of, outside double quotes, or NO_DELIMITER: one pass, no arrays. */
function pickDelimiter(text: string, line: LineInfo): number {
  let tabs = 0;
  let commas = 0;
  let semicolons = 0;
  let pipes = 0;
  let quoted = false;
  for (let i = line.start; i < line.end; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 9) tabs++;
    else if (c === 44) commas++;
    else if (c === 59) semicolons++;
    else if (c === 124) pipes++;
  }
  const counts = [tabs, commas, semicolons, pipes];
  let best = NO_DELIMITER;
  let bestCount = 0;
  for (let d = 0; d < DELIMITERS.length; d++) {
    if ((counts[d] as number) > bestCount) {
      best = DELIMITERS[d] as number;
      bestCount = counts[d] as number;
    }
  }
  return best;
}

const HAS_LETTER = /[A-Za-z]/;

/** A cell's text without surrounding blanks and quotes, or null when it has no letter. */
function headerText(text: string, line: LineInfo, starts: number[], column: number): string | null {
  const start = starts[column];
  if (start === undefined) return null;
  const next = starts[column + 1];
  const end = next === undefined ? line.end : next - 1;
  const cell = text.slice(start, end).replace(/^\s*"?|"?\s*$/g, '');
  return HAS_LETTER.test(cell) ? cell : null;
}

/** A line start and a delimiter as one number, for the maps below. */
function keyOf(lineStart: number, delimiter: number): number {
  return lineStart * 4 + DELIMITERS.indexOf(delimiter);
}

interface HeaderLine {
  line: LineInfo;
  starts: number[];
  /** Per column: its text, null when it has no letter, undefined until read. */
  texts: Array<string | null | undefined>;
}

interface LineLayout {
  line: LineInfo;
  delimiter: number;
  /** Cell start offsets, when the line has a delimiter. */
  starts: number[];
  /** Its block's header line once looked up; null when it has none. */
  header: HeaderLine | null | undefined;
}

/**
 * Finds column headers of delimited blocks in one text. Create one per scanned text. Lines and
 * delimiters are counted without making arrays, maps are keyed by numbers, and each header
 * line's cell texts are cut once: on a 25 MB roster CSV this was half of the scan.
 */
export class DelimitedHeaders {
  /** line start + delimiter -> start of its block's header line (or -1 when it has none) */
  private readonly headerLineOf = new Map<number, number>();
  /**
   * The layout of the line looked up last. Candidates arrive in text order, so one line with
   * thousands of numbers (a PDF's text, a one-line CSV) is split into cells once, not once per
   * number: without this a 64 KB line of account numbers took seconds (quadratic).
   */
  private last: LineLayout | undefined = undefined;
  /** The table block of the line whose header was looked up last, and where that line ends. */
  private block: { delimiter: number; count: number; header: number; lastEnd: number } | undefined =
    undefined;
  /** header line start + delimiter -> the line, its cell starts and, per column once read, its text */
  private readonly headerCells = new Map<number, HeaderLine>();

  constructor(private readonly text: string) {}

  /** The header of the column that `offset` sits in, or undefined if the text is not tabular there. */
  headerAt(offset: number): string | undefined {
    const layout = this.layoutAt(offset);
    if (layout.delimiter === NO_DELIMITER) return undefined;
    if (layout.header === undefined) layout.header = this.headerLineFor(layout);
    const header = layout.header;
    if (header === null) return undefined;
    const column = columnOf(layout.starts, offset);
    let cell = header.texts[column];
    if (cell === undefined) {
      cell = headerText(this.text, header.line, header.starts, column);
      header.texts[column] = cell;
    }
    return cell ?? undefined;
  }

  /** The header line of a line's block, split into cells once per block; null when it has none. */
  private headerLineFor(layout: LineLayout): HeaderLine | null {
    const { line, delimiter } = layout;
    const headerStart = this.findHeaderLine(line, delimiter, layout.starts.length - 1);
    if (headerStart < 0 || headerStart === line.start) return null;
    const key = keyOf(headerStart, delimiter);
    let header = this.headerCells.get(key);
    if (!header) {
      const headerLine = lineAt(this.text, headerStart);
      header = { line: headerLine, starts: cellStarts(this.text, headerLine, delimiter), texts: [] };
      this.headerCells.set(key, header);
    }
    return header;
  }

  private layoutAt(offset: number): LineLayout {
    const last = this.last;
    if (last && offset >= last.line.start && offset <= last.line.end) return last;
    const line = lineAt(this.text, offset);
    const delimiter = pickDelimiter(this.text, line);
    const layout: LineLayout = {
      line,
      delimiter,
      starts: delimiter === NO_DELIMITER ? [] : cellStarts(this.text, line, delimiter),
      header: undefined,
    };
    this.last = layout;
    return layout;
  }

  /**
   * Walks up over lines with the same delimiter count; the top one is the header. Memoized per
   * line: the addresses of a table are looked up after its numbers, from its first line again.
   */
  private findHeaderLine(line: LineInfo, delimiter: number, count: number): number {
    const key = keyOf(line.start, delimiter);
    const known = this.headerLineOf.get(key);
    if (known !== undefined) return known;
    const block = this.block;
    if (
      block !== undefined &&
      block.delimiter === delimiter &&
      block.count === count &&
      followsDirectly(this.text, block.lastEnd, line.start)
    ) {
      // Right under the last line looked up, with as many delimiters: the walk up would stop at
      // that line's answer. Values arrive in text order, so this is most lines of a table.
      this.headerLineOf.set(key, block.header);
      block.lastEnd = line.end;
      return block.header;
    }
    const header = this.walkUp(line, delimiter, count);
    this.block = { delimiter, count, header, lastEnd: line.end };
    return header;
  }

  private walkUp(line: LineInfo, delimiter: number, count: number): number {
    const visited: number[] = [line.start];
    let top = line.start;
    let result = -2;
    while (top > 0) {
      const previous = lineAt(this.text, top - 1);
      if (previous.end <= previous.start || countDelimiter(this.text, previous, delimiter) !== count) break;
      const memo = this.headerLineOf.get(keyOf(previous.start, delimiter));
      if (memo !== undefined) {
        result = memo;
        break;
      }
      top = previous.start;
      visited.push(top);
    }
    if (result === -2) result = top;
    for (const start of visited) this.headerLineOf.set(keyOf(start, delimiter), result);
    return result;
  }
}

/** Whether the line starting at `start` comes right after the line ending at `end` ('\n' or '\r\n'). */
function followsDirectly(text: string, end: number, start: number): boolean {
  if (start === end + 1) return text.charCodeAt(end) === 10;
  return start === end + 2 && text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10;
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
