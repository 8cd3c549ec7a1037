import { ExtractFailure, checkDeadline, failSafely } from './extract-failure';
import type { ExtractContext, ExtractedText, ExtractOutcome, Extractor } from './extractor';
import { BUILTIN_FORMATS, formatNumber } from './number-format';
import { elementText } from './ooxml-text';
import { tableText, type TableCell } from './table-text';
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

/** The attributes of a <c> element that matter: its reference, type and style. */
interface CellAttrs {
  /** 0-based; -1 when the element has no (valid) r attribute. */
  row: number;
  col: number;
  type: string | undefined;
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
 * Reads r, t and s of a cell's attribute text in place, without slicing it: a roster has tens
 * of thousands of cells and this is the innermost loop.
 */
function readCellAttrs(xml: string, from: number, to: number, out: CellAttrs): void {
  out.row = -1;
  out.col = -1;
  out.type = undefined;
  out.style = -1;
  let i = from;
  while (i < to) {
    const c = xml.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < to && xml.charCodeAt(i) !== 61) i++;
    const nameLength = i - nameStart;
    i++;
    while (i < to && xml.charCodeAt(i) === 32) i++;
    const quote = xml.charCodeAt(i);
    if (quote !== 34 && quote !== 39) return;
    const valueStart = i + 1;
    const valueEnd = xml.indexOf(quote === 34 ? '"' : "'", valueStart);
    if (valueEnd < 0 || valueEnd > to) return;
    if (nameLength === 1) {
      const name = xml.charCodeAt(nameStart);
      if (name === 114) readRef(xml, valueStart, valueEnd, out);
      else if (name === 116) out.type = xml.slice(valueStart, valueEnd);
      else if (name === 115) out.style = readIndex(xml, valueStart, valueEnd);
    }
    i = valueEnd + 1;
  }
}

interface SheetContext {
  strings: string[];
  formats: string[];
  date1904: boolean;
}

function cellValue(t: string | undefined, raw: string, style: number, sheet: SheetContext): string {
  if (t === 's') return sheet.strings[Number(raw)] ?? '';
  if (t === 'str' || t === 'e' || t === 'd') return decodeXmlEntities(raw);
  if (t === 'b') return raw === '1' ? 'TRUE' : 'FALSE';
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

/** The cells of one worksheet part, in document order. */
export function readSheetCells(xml: string, sheet: SheetContext): TableCell[] {
  const p = rootPrefix(xml, 'worksheet');
  const cOpen = '<' + p + 'c';
  const cClose = '</' + p + 'c>';
  const rowOpen = '<' + p + 'row';
  const vOpen = '<' + p + 'v>';
  const vClose = '</' + p + 'v>';
  const values = new NextIndex(xml, '<' + p + 'v>');
  const inlineStrings = new NextIndex(xml, '<' + p + 'is>');
  const cursors = runCursors(xml, p);
  const cells: TableCell[] = [];
  const attrs: CellAttrs = { row: -1, col: -1, type: undefined, style: -1 };
  let row = -1;
  let col = -1;
  let nextRow = xml.indexOf(rowOpen);
  let i = 0;
  for (;;) {
    const at = xml.indexOf(cOpen, i);
    if (at < 0) break;
    while (nextRow >= 0 && nextRow < at) {
      if (nameEnds(xml, nextRow + rowOpen.length)) {
        const gt = xml.indexOf('>', nextRow);
        const r = Number(attrValue(xml.slice(nextRow + rowOpen.length, gt), 'r'));
        row = Number.isInteger(r) && r > 0 ? r - 1 : row + 1;
        col = -1;
      }
      nextRow = xml.indexOf(rowOpen, nextRow + 1);
    }
    const gt = xml.indexOf('>', at);
    if (gt < 0) break;
    i = gt + 1;
    if (!nameEnds(xml, at + cOpen.length)) continue;
    readCellAttrs(xml, at + cOpen.length, gt, attrs);
    col = attrs.row >= 0 ? attrs.col : col + 1;
    const cellRow = attrs.row >= 0 ? attrs.row : Math.max(row, 0);
    if (xml.charCodeAt(gt - 1) === 47) continue;
    const end = xml.indexOf(cClose, gt);
    if (end < 0) break;
    i = end + cClose.length;
    let text: string;
    if (attrs.type === 'inlineStr') {
      const is = inlineStrings.from(gt);
      text = is >= 0 && is < end ? runText(xml, is, end, cursors) : '';
    } else {
      const v = values.from(gt);
      if (v < 0 || v > end) continue;
      const vEnd = xml.indexOf(vClose, v);
      text = cellValue(attrs.type, xml.slice(v + vOpen.length, vEnd < 0 ? end : vEnd), attrs.style, sheet);
    }
    if (text !== '') cells.push({ row: cellRow, col, text });
  }
  return cells;
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

function quoteSheetName(name: string): string {
  return /^[A-Za-z0-9_.]{1,31}$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
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
    const laid = tableText(readSheetCells(xml, sheetContext), name, Math.max(1, budget));
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
