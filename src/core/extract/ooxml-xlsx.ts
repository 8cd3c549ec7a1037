import { ExtractFailure, checkDeadline, failSafely } from './extract-failure';
import type { ExtractContext, ExtractedText, ExtractOutcome, Extractor } from './extractor';
import { BUILTIN_FORMATS, formatNumber } from './number-format';
import { elementText } from './ooxml-text';
import { TableTextBuilder, quoteSheetName } from './table-text';
import { NextIndex, attrValue, decodeXmlEntities, walkXml } from './xml';
import { ZipPackage } from './zip-package';
import { isZip } from './zip';

/**
 * Excel workbooks (.xlsx, .xlsm): every sheet including hidden and very hidden ones, shared and
 * inline strings, numbers rendered through their number format, and cell comments (notes and
 * threaded comments). Each sheet becomes ONE text (tab/newline laid out, see table-text.ts) so
 * the engine runs once per sheet; locations read 'Roster!J2'.
 *
 * The sheet XML is read with indexOf over the known element names rather than a general XML
 * walk: a roster sheet is mostly <c> elements and this is the hot path.
 */

interface SheetRef {
  name: string;
  path: string;
}

interface Workbook {
  sheets: SheetRef[];
  date1904: boolean;
}

function readWorkbook(pkg: ZipPackage, workbookPath: string): Workbook {
  const xml = pkg.text(workbookPath);
  if (xml === undefined) throw new ExtractFailure('corrupt', 'xlsx without a workbook part');
  const rels = pkg.relationships(workbookPath);
  const sheets: SheetRef[] = [];
  let date1904 = false;
  walkXml(xml, {
    open(name, attrs) {
      if (name === 'sheet' || name.endsWith(':sheet')) {
        const path = rels.get(attrValue(attrs, 'r:id') ?? '');
        if (path !== undefined) sheets.push({ name: attrValue(attrs, 'name') ?? path, path });
      } else if (name === 'workbookPr' || name.endsWith(':workbookPr')) {
        const flag = attrValue(attrs, 'date1904');
        date1904 = flag === '1' || flag === 'true';
      }
    },
  });
  return { sheets, date1904 };
}

/** Cursors over one part for the run-text markers, kept across calls (see NextIndex). */
interface RunCursors {
  p: string;
  t: NextIndex;
  phonetic: NextIndex;
}

function runCursors(xml: string, p: string): RunCursors {
  return { p, t: new NextIndex(xml, '<' + p + 't'), phonetic: new NextIndex(xml, '<' + p + 'rPh') };
}

/** Text of <t> elements between from and to, skipping phonetic runs (<rPh>). */
function runText(xml: string, from: number, to: number, cursors: RunCursors): string {
  let text = '';
  let i = from;
  const tLength = cursors.p.length + 2;
  const tClose = '</' + cursors.p + 't>';
  const phoneticClose = '</' + cursors.p + 'rPh>';
  while (i < to) {
    const t = cursors.t.from(i);
    if (t < 0 || t >= to) break;
    const ph = cursors.phonetic.from(i);
    if (ph >= 0 && ph < t) {
      const phEnd = xml.indexOf(phoneticClose, ph);
      i = phEnd < 0 || phEnd > to ? to : phEnd + phoneticClose.length;
      continue;
    }
    const after = xml.charCodeAt(t + tLength);
    const gt = xml.indexOf('>', t);
    if (gt < 0 || gt >= to) break;
    if ((after !== 62 && after !== 32) || xml.charCodeAt(gt - 1) === 47) {
      i = gt + 1;
      continue;
    }
    const end = xml.indexOf(tClose, gt);
    if (end < 0 || end > to) break;
    text += xml.slice(gt + 1, end);
    i = end + tClose.length;
  }
  return decodeXmlEntities(text);
}

/** Namespace prefix of the root element ('' or 'x:'): some generators prefix every element. */
function rootPrefix(xml: string, root: string): string {
  const m = new RegExp('<([A-Za-z][\\w.-]{0,20}:)?' + root + '[\\s>]').exec(xml.slice(0, 4096));
  return m && m[1] ? m[1] : '';
}

function readSharedStrings(xml: string | undefined): string[] {
  if (xml === undefined) return [];
  const p = rootPrefix(xml, 'sst');
  const strings: string[] = [];
  const siOpen = '<' + p + 'si';
  const siClose = '</' + p + 'si>';
  const cursors = runCursors(xml, p);
  let i = 0;
  for (;;) {
    const start = xml.indexOf(siOpen, i);
    if (start < 0) break;
    const gt = xml.indexOf('>', start);
    if (gt < 0) break;
    if (xml.charCodeAt(gt - 1) === 47) {
      strings.push('');
      i = gt + 1;
      continue;
    }
    const end = xml.indexOf(siClose, gt);
    const stop = end < 0 ? xml.length : end;
    strings.push(runText(xml, gt + 1, stop, cursors));
    i = stop + siClose.length;
  }
  return strings;
}

/** Number format code per cell style index (cellXfs order). */
function readStyles(xml: string | undefined): string[] {
  if (xml === undefined) return [];
  const custom = new Map<number, string>();
  const formats: string[] = [];
  let inCellXfs = false;
  walkXml(xml, {
    open(name, attrs, selfClosing) {
      const local = name.slice(name.indexOf(':') + 1);
      if (local === 'numFmt') {
        custom.set(Number(attrValue(attrs, 'numFmtId')), attrValue(attrs, 'formatCode') ?? 'General');
      } else if (local === 'cellXfs') inCellXfs = !selfClosing;
      else if (local === 'xf' && inCellXfs) {
        const id = Number(attrValue(attrs, 'numFmtId') ?? '0');
        formats.push(custom.get(id) ?? BUILTIN_FORMATS[id] ?? 'General');
      }
    },
    close(name) {
      if (name.slice(name.indexOf(':') + 1) === 'cellXfs') inCellXfs = false;
    },
  });
  return formats;
}

/**
 * How a cell's value reads, from its t attribute, as a number so that the innermost loop compares
 * integers instead of slicing a string per cell. Absent, 'n' and unknown types read as numbers.
 */
const TYPE_NUMBER = 0;
const TYPE_SHARED = 1;
/** 'str' (formula text), 'e' (error), 'd' (ISO date): the value as written. */
const TYPE_TEXT = 2;
const TYPE_BOOL = 3;
const TYPE_INLINE = 4;

function readType(xml: string, from: number, to: number): number {
  const length = to - from;
  if (length === 1) {
    const c = xml.charCodeAt(from);
    return c === 115 ? TYPE_SHARED : c === 101 || c === 100 ? TYPE_TEXT : c === 98 ? TYPE_BOOL : TYPE_NUMBER;
  }
  if (length === 3 && xml.startsWith('str', from)) return TYPE_TEXT;
  return length === 9 && xml.startsWith('inlineStr', from) ? TYPE_INLINE : TYPE_NUMBER;
}

/** The attributes of a <c> element that matter: its reference, type and style. */
interface CellAttrs {
  /** 0-based; -1 when the element has no (valid) r attribute. */
  row: number;
  col: number;
  /** One of the TYPE_ constants. */
  type: number;
  /** Index into cellXfs; -1 when absent. */
  style: number;
}

/** 'J2' between from and to -> row 1, col 9 in `out`; leaves -1 when malformed. */
function readRef(xml: string, from: number, to: number, out: CellAttrs): void {
  let col = 0;
  let i = from;
  for (; i < to; i++) {
    const c = xml.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  let row = 0;
  for (; i < to; i++) {
    const d = xml.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return;
    row = row * 10 + d;
  }
  if (col > 0 && row > 0) {
    out.row = row - 1;
    out.col = col - 1;
  }
}

/** Decimal digits that always parse exactly (below 2^53), as Number() would read them. */
const MAX_EXACT_DIGITS = 15;

function readIndex(xml: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = xml.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return to > from ? n : -1;
}

/**
 * Reads the usual attribute text of a cell, ' r="J2" t="s" s="3"' (single spaces, double quotes,
 * digits and letters), in one pass up to the '>' (or '/>') that ends the start tag, and returns
 * the index of that '>'. Returns -1 as soon as anything else comes up: {@link readCellAttrs}
 * then reads it. A roster has tens of thousands of cells and this is the innermost loop.
 */
function readUsualAttrs(xml: string, from: number, out: CellAttrs): number {
  out.row = -1;
  out.col = -1;
  out.type = TYPE_NUMBER;
  out.style = -1;
  for (let i = from; ;) {
    const c = xml.charCodeAt(i);
    if (c === 62) return i;
    if (c === 47 && xml.charCodeAt(i + 1) === 62) return i + 1;
    if (c !== 32 || xml.charCodeAt(i + 2) !== 61 || xml.charCodeAt(i + 3) !== 34) return -1;
    const end = readAttr(xml, xml.charCodeAt(i + 1), i + 4, out);
    if (end < 0) return -1;
    i = end + 1;
  }
}

/**
 * One double-quoted r, t or s value starting at `from`; returns its closing quote, or -1 (nothing
 * read) when the value is anything but the usual digits and letters.
 */
function readAttr(xml: string, name: number, from: number, out: CellAttrs): number {
  if (name === 114) return readRefValue(xml, from, out);
  if (name === 116) return readTypeValue(xml, from, out);
  if (name !== 115) return -1;
  let n = 0;
  let i = from;
  let c = xml.charCodeAt(i);
  for (; c >= 48 && c <= 57; c = xml.charCodeAt(++i)) n = n * 10 + (c - 48);
  if (c !== 34) return -1;
  out.style = i > from ? n : -1;
  return i;
}

/** r="J2": the letters then the digits, up to the closing quote; see readRef. */
function readRefValue(xml: string, from: number, out: CellAttrs): number {
  let col = 0;
  let i = from;
  let c = xml.charCodeAt(i);
  for (; (c | 0x20) >= 97 && (c | 0x20) <= 122; c = xml.charCodeAt(++i)) col = col * 26 + ((c | 0x20) - 96);
  let row = 0;
  for (; c >= 48 && c <= 57; c = xml.charCodeAt(++i)) row = row * 10 + (c - 48);
  if (c !== 34) return -1;
  if (col > 0 && row > 0) {
    out.row = row - 1;
    out.col = col - 1;
  }
  return i;
}

/** t="s", t="str", t="inlineStr", ...: see readType. */
function readTypeValue(xml: string, from: number, out: CellAttrs): number {
  const c = xml.charCodeAt(from);
  if (c === 34 || (c !== 60 && c !== 62 && xml.charCodeAt(from + 1) === 34)) {
    const end = c === 34 ? from : from + 1;
    out.type = readType(xml, from, end);
    return end;
  }
  if (xml.startsWith('str"', from)) {
    out.type = TYPE_TEXT;
    return from + 3;
  }
  if (!xml.startsWith('inlineStr"', from)) return -1;
  out.type = TYPE_INLINE;
  return from + 9;
}

/**
 * Reads r, t and s of any attribute text in place, without slicing it. Returns whether it was read
 * to its end and holds no '<' (no tag can start inside it), which lets the reader skip it when
 * looking for <row> tags.
 */
function readCellAttrs(xml: string, from: number, to: number, out: CellAttrs): boolean {
  out.row = -1;
  out.col = -1;
  out.type = TYPE_NUMBER;
  out.style = -1;
  let plain = true;
  let i = from;
  while (i < to) {
    let c = xml.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47) {
      i++;
      continue;
    }
    const nameStart = i;
    for (; i < to && (c = xml.charCodeAt(i)) !== 61; i++) if (c === 60) plain = false;
    const nameLength = i - nameStart;
    i++;
    while (i < to && xml.charCodeAt(i) === 32) i++;
    const quote = xml.charCodeAt(i);
    if (quote !== 34 && quote !== 39) return false;
    const valueStart = i + 1;
    for (i = valueStart; i < to && (c = xml.charCodeAt(i)) !== quote; i++) if (c === 60) plain = false;
    if (i >= to) return false;
    if (nameLength === 1) {
      const name = xml.charCodeAt(nameStart);
      if (name === 114) readRef(xml, valueStart, i, out);
      else if (name === 116) out.type = readType(xml, valueStart, i);
      else if (name === 115) out.style = readIndex(xml, valueStart, i);
    }
    i++;
  }
  return plain;
}

interface SheetContext {
  strings: string[];
  formats: string[];
  date1904: boolean;
}

/** `entities` false says raw has no '&', so there is nothing to decode. */
function cellValue(type: number, raw: string, style: number, sheet: SheetContext, entities = true): string {
  if (type === TYPE_SHARED) return sheet.strings[Number(raw)] ?? '';
  if (type === TYPE_TEXT) return entities ? decodeXmlEntities(raw) : raw;
  if (type === TYPE_BOOL) return raw === '1' ? 'TRUE' : 'FALSE';
  const value = Number(raw);
  if (raw === '' || !isFinite(value)) return decodeXmlEntities(raw);
  const format = style < 0 ? undefined : sheet.formats[style];
  return format === undefined || format === 'General' ? raw : formatNumber(value, format, sheet.date1904);
}

/** Whether the tag at `at` (after its name) really ends its name: '<c ' or '<c>', not '<col'. */
function nameEnds(xml: string, at: number): boolean {
  const c = xml.charCodeAt(at);
  return c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;
}

/** The markers of one worksheet part, with its namespace prefix. */
interface SheetTags {
  c: string;
  cClose: string;
  row: string;
  v: string;
  vClose: string;
  /** '</v></c>': what follows a plain value in the common cell. */
  valueEnd: string;
}

function sheetTags(p: string): SheetTags {
  const vClose = '</' + p + 'v>';
  const cClose = '</' + p + 'c>';
  return {
    c: '<' + p + 'c',
    cClose,
    row: '<' + p + 'row',
    v: '<' + p + 'v>',
    vClose,
    valueEnd: vClose + cClose,
  };
}

/**
 * Reads the cells of one worksheet part, in document order, into a table. Rows and cells without
 * a reference take the next position, as Excel does.
 *
 * <row> tags are found between cells, in the stretches not already read as plain cells: searching
 * for the next '<row' from the previous one would scan every row's cells twice.
 */
class SheetReader {
  private readonly tags: SheetTags;
  private readonly values: NextIndex;
  private readonly inlineStrings: NextIndex;
  private readonly ampersands: NextIndex;
  private readonly cursors: RunCursors;
  private readonly attrs: CellAttrs = { row: -1, col: -1, type: TYPE_NUMBER, style: -1 };
  private row = -1;
  private col = -1;
  /** Every '<row' before this has been applied; plain cells move it past themselves. */
  private rowsFrom = 0;

  constructor(
    private readonly xml: string,
    private readonly sheet: SheetContext,
    private readonly table: TableTextBuilder,
  ) {
    const p = rootPrefix(xml, 'worksheet');
    this.tags = sheetTags(p);
    this.values = new NextIndex(xml, this.tags.v);
    this.inlineStrings = new NextIndex(xml, '<' + p + 'is>');
    this.ampersands = new NextIndex(xml, '&');
    this.cursors = runCursors(xml, p);
  }

  read(): void {
    const xml = this.xml;
    const open = this.tags.c;
    for (let i = 0; i >= 0;) {
      // The next cell usually starts right where the last one ended.
      const at = xml.startsWith(open, i) ? i : xml.indexOf(open, i);
      if (at < 0) return;
      if (this.rowsFrom < at) this.passRows(at);
      const named = nameEnds(xml, at + open.length);
      const usual = named ? readUsualAttrs(xml, at + open.length, this.attrs) : -1;
      if (usual >= 0) {
        // Read up to the first '>' without meeting a '<': as plain as a start tag gets.
        i = this.cell(at, usual, true);
        continue;
      }
      const gt = xml.indexOf('>', at);
      if (gt < 0) return;
      i = named ? this.cell(at, gt, readCellAttrs(xml, at + open.length, gt, this.attrs)) : gt + 1;
    }
  }

  /** Applies the <row> tags between rowsFrom and `at`, visiting each '<' there once. */
  private passRows(at: number): void {
    const xml = this.xml;
    const open = this.tags.row;
    for (let lt = xml.indexOf('<', this.rowsFrom); lt >= 0 && lt < at; lt = xml.indexOf('<', lt + 1)) {
      if (!xml.startsWith(open, lt) || !nameEnds(xml, lt + open.length)) continue;
      const gt = xml.indexOf('>', lt);
      const r = Number(attrValue(xml.slice(lt + open.length, gt), 'r'));
      this.row = Number.isInteger(r) && r > 0 ? r - 1 : this.row + 1;
      this.col = -1;
    }
    this.rowsFrom = at;
  }

  /**
   * Reads the cell whose start tag spans at..gt, its attributes already read (plain: without a
   * '<'); returns where to look next, -1 to stop.
   */
  private cell(at: number, gt: number, plain: boolean): number {
    const xml = this.xml;
    const attrs = this.attrs;
    this.col = attrs.row >= 0 ? attrs.col : this.col + 1;
    const row = attrs.row >= 0 ? attrs.row : Math.max(this.row, 0);
    if (xml.charCodeAt(gt - 1) === 47) return gt + 1;
    if (attrs.type !== TYPE_INLINE && xml.startsWith(this.tags.v, gt + 1)) {
      // The common cell, '<v>value</v></c>', read with one search: a value holds no '<'.
      const from = gt + 1 + this.tags.v.length;
      const lt = xml.indexOf('<', from);
      if (lt >= 0 && xml.startsWith(this.tags.valueEnd, lt)) {
        this.add(row, this.plainValue(from, lt));
        const next = lt + this.tags.valueEnd.length;
        // Its only tags are <c>, <v>, </v> and </c>: no <row> can start inside it.
        if (plain && this.rowsFrom === at) this.rowsFrom = next;
        return next;
      }
    }
    return this.anyCell(row, gt);
  }

  /** The value of a common cell, between from and lt, without slicing a shared string's index. */
  private plainValue(from: number, lt: number): string {
    const xml = this.xml;
    const attrs = this.attrs;
    if (attrs.type === TYPE_SHARED && lt - from <= MAX_EXACT_DIGITS) {
      const index = readIndex(xml, from, lt);
      if (index >= 0) return this.sheet.strings[index] ?? '';
    }
    const amp = this.ampersands.from(from);
    const entities = amp >= 0 && amp < lt;
    return cellValue(attrs.type, xml.slice(from, lt), attrs.style, this.sheet, entities);
  }

  /** Any other cell body: inline strings, formulas before the value, unusual layout. */
  private anyCell(row: number, gt: number): number {
    const xml = this.xml;
    const tags = this.tags;
    const end = xml.indexOf(tags.cClose, gt);
    if (end < 0) return -1;
    if (this.attrs.type === TYPE_INLINE) {
      const is = this.inlineStrings.from(gt);
      this.add(row, is >= 0 && is < end ? runText(xml, is, end, this.cursors) : '');
    } else {
      const v = this.values.from(gt);
      if (v < 0 || v > end) return end + tags.cClose.length;
      const vEnd = xml.indexOf(tags.vClose, v);
      const raw = xml.slice(v + tags.v.length, vEnd < 0 ? end : vEnd);
      this.add(row, cellValue(this.attrs.type, raw, this.attrs.style, this.sheet));
    }
    return end + tags.cClose.length;
  }

  private add(row: number, text: string): void {
    this.table.add(row, this.col, text);
  }
}

/** Reads the cells of one worksheet part, in document order, into `table`. */
export function readSheetCells(xml: string, sheet: SheetContext, table: TableTextBuilder): void {
  new SheetReader(xml, sheet, table).read();
}

const COMMENT_TAGS = ['t', 'x:t', 'text', 'x:text'];

/** Notes and threaded comments of one sheet, one text per comment at 'Sheet!B2 comment'. */
function sheetComments(pkg: ZipPackage, sheet: SheetRef): ExtractedText[] {
  const texts: ExtractedText[] = [];
  for (const target of pkg.relationships(sheet.path).values()) {
    if (!/omment[^/]{0,40}\.xml$/.test(target) || !pkg.has(target)) continue;
    const xml = pkg.text(target) ?? '';
    const threaded = /threadedComment/.test(target);
    const tags = threaded ? ['text', 'x:text'] : COMMENT_TAGS;
    const element = threaded ? 'threadedComment' : 'comment';
    forEachComment(xml, element, (ref, inner) => {
      const text = elementText(inner, tags);
      if (text) texts.push({ text, where: `${sheet.name}!${ref} ${threaded ? 'comment' : 'note'}` });
    });
  }
  return texts;
}

function forEachComment(xml: string, element: string, visit: (ref: string, inner: string) => void): void {
  let i = 0;
  for (;;) {
    const m = xml.indexOf('<' + element, i);
    if (m < 0) return;
    const gt = xml.indexOf('>', m);
    if (gt < 0) return;
    if (!nameEnds(xml, m + 1 + element.length)) {
      i = gt + 1;
      continue;
    }
    const close = xml.indexOf('</' + element + '>', gt);
    const end = close < 0 ? xml.length : close;
    if (xml.charCodeAt(gt - 1) !== 47) {
      visit(attrValue(xml.slice(m, gt), 'ref') ?? '', xml.slice(gt + 1, end));
    }
    i = end + 1;
  }
}

function extractXlsx(bytes: Uint8Array, context: ExtractContext): ExtractOutcome {
  const pkg = new ZipPackage(bytes, context);
  const workbookPath = pkg.mainPart('xl/workbook.xml');
  const workbook = readWorkbook(pkg, workbookPath);
  const targets = [...pkg.relationships(workbookPath).values()];
  const sst = targets.find((t) => /sharedStrings\.xml$/.test(t)) ?? 'xl/sharedStrings.xml';
  const styles = targets.find((t) => /styles\.xml$/.test(t)) ?? 'xl/styles.xml';
  const sheetContext: SheetContext = {
    strings: readSharedStrings(pkg.text(sst)),
    formats: readStyles(pkg.text(styles)),
    date1904: workbook.date1904,
  };
  const texts: ExtractedText[] = [];
  const unscanned: Array<{ name: string; reason: 'limit'; detail: string }> = [];
  let budget = context.limits.maxExtractedChars;
  for (const sheet of workbook.sheets) {
    checkDeadline(context);
    const xml = pkg.text(sheet.path);
    if (xml === undefined) continue;
    const name = quoteSheetName(sheet.name);
    const table = new TableTextBuilder(Math.max(1, budget));
    readSheetCells(xml, sheetContext, table);
    const laid = table.finish(name);
    budget -= laid.text.text.length;
    if (laid.text.text) texts.push(laid.text);
    if (laid.truncated)
      unscanned.push({ name, reason: 'limit', detail: 'sheet text passed the extracted-characters limit' });
    texts.push(...sheetComments(pkg, { name, path: sheet.path }));
  }
  return { ok: true, texts, unscanned };
}

export const xlsxExtractor: Extractor = {
  id: 'xlsx',
  extensions: ['xlsx', 'xlsm', 'xltx', 'xltm'],
  contentTypes: [
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.ms-excel.sheet.macroenabled.12',
  ],
  sniff: isZip,
  extract: (bytes, _name, context) => failSafely(() => extractXlsx(bytes, context), 'xlsx'),
};
