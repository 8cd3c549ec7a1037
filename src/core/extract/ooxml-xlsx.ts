import { ExtractFailure, checkDeadline, failSafely } from './extract-failure';
import type { ExtractContext, ExtractedText, ExtractOutcome, Extractor } from './extractor';
import { BUILTIN_FORMATS, formatNumber } from './number-format';
import { elementText } from './ooxml-text';
import { TableTextBuilder, quoteSheetName } from './table-text';
import { decodeUtf8Strict, decodeWindows1252, utf16Length, utf8Text } from './text-decode';
import { NextIndex, attrValue, decodeXmlEntities, walkXml } from './xml';
import { ZipPackage } from './zip-package';
import { isZip, readZipPart } from './zip';

/**
 * Excel workbooks (.xlsx, .xlsm): every sheet including hidden and very hidden ones, shared and
 * inline strings, numbers rendered through their number format, and cell comments (notes and
 * threaded comments). Each sheet becomes ONE text (tab/newline laid out, see table-text.ts) so
 * the engine runs once per sheet; locations read 'Roster!J2'.
 *
 * The sheet XML is read as bytes, looking for the known element names rather than walking it as
 * XML: a roster sheet is mostly <c> elements and this is the hot path (see SheetPart).
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
  return { p, t: NextIndex.of(xml, '<' + p + 't'), phonetic: NextIndex.of(xml, '<' + p + 'rPh') };
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

/** Character codes the sheet reader compares bytes with. */
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const AMPERSAND = 38;
const SLASH = 47;
const EQUALS = 61;
const LT = 60;
const GT = 62;

/**
 * Worksheet parts are read as bytes, never decoded whole: the markers and attributes the reader
 * looks at are ASCII, and in UTF-8 (or Windows-1252) an ASCII byte is always that character, so
 * positions found in the bytes delimit the same text as in the decoded part. Cell values are copied
 * as bytes into the table (TableTextBuilder.addUtf8); the rest is decoded a piece at a time the way
 * decodeUtf8 would decode the whole part. Which way that is (UTF-8 when valid, else Windows-1252)
 * matters only for bytes from 0x80, so it is settled when the first such byte is read, if ever: on
 * roster.xlsx, decoding the 817 KB sheet took 0.5 ms, and checking it all for such bytes 0.1 ms.
 */
const CHARSET_UNKNOWN = 0;
const CHARSET_UTF8 = 1;
const CHARSET_WINDOWS_1252 = 2;

/** The characters rootPrefix looks at. */
const HEAD_CHARS = 4096;

function isAsciiRange(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if ((bytes[i] as number) >= 0x80) return false;
  return true;
}

/** A worksheet part: its bytes after any byte order mark, decoded on demand. */
class SheetPart {
  readonly bytes: Uint8Array;
  /** The same bytes, read four at a time by {@link Marker}. */
  readonly view: DataView;
  private charset = CHARSET_UNKNOWN;
  private utf8Head = '';

  constructor(stored: Uint8Array) {
    const bom = stored[0] === 0xef && stored[1] === 0xbb && stored[2] === 0xbf;
    this.bytes = bom ? stored.subarray(3) : stored;
    this.view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length);
  }

  /** The first characters of the text, where rootPrefix looks for the root element. */
  head(): string {
    const end = Math.min(this.bytes.length, HEAD_CHARS);
    if (isAsciiRange(this.bytes, 0, end)) return utf8Text(this.bytes, 0, end);
    return this.isUtf8() ? this.utf8Head : decodeWindows1252(this.bytes, 0, end);
  }

  /** The text of bytes from..to, as in the whole part decoded. */
  text(from: number, to: number): string {
    if (to <= from) return '';
    if (!isAsciiRange(this.bytes, from, to) && !this.isUtf8()) return decodeWindows1252(this.bytes, from, to);
    return utf8Text(this.bytes, from, to);
  }

  /** Whether the part reads as UTF-8 rather than Windows-1252, as decodeUtf8 decides. */
  isUtf8(): boolean {
    if (this.charset === CHARSET_UNKNOWN) {
      const text = decodeUtf8Strict(this.bytes);
      this.charset = text === undefined ? CHARSET_WINDOWS_1252 : CHARSET_UTF8;
      this.utf8Head = text === undefined ? '' : text.slice(0, HEAD_CHARS);
    }
    return this.charset === CHARSET_UTF8;
  }

  /** Where the last character starts: xml.slice(from, -1) on the decoded part ends there. */
  lastCharStart(): number {
    const bytes = this.bytes;
    let i = bytes.length - 1;
    if ((bytes[i] as number) >= 0x80 && this.isUtf8())
      while (i > 0 && ((bytes[i] as number) & 0xc0) === 0x80) i--;
    return i;
  }
}

/**
 * A fixed ASCII marker ('<c', '</v></c>') compared four bytes at a time: the reader checks three a
 * cell, which cost 0.3 ms of roster.xlsx's 2.4 ms compared byte by byte, 0.1 ms this way.
 */
class Marker {
  readonly bytes: Uint8Array;
  readonly length: number;
  /** Bytes 0-3 and 4-7, little-endian, with masks for a marker shorter than that. */
  private readonly head: number;
  private readonly headMask: number;
  private readonly tail: number;
  private readonly tailMask: number;

  constructor(text: string) {
    this.bytes = asciiBytes(text);
    this.length = text.length;
    this.head = this.word(0, 0xff);
    this.headMask = this.word(0, -1);
    this.tail = this.word(4, 0xff);
    this.tailMask = this.word(4, -1);
  }

  /** Bytes from..from+3 (each masked with `mask`), or 0xff for each byte the marker has, for mask -1. */
  private word(from: number, mask: number): number {
    let word = 0;
    for (let k = 0; k < 4 && from + k < this.length; k++) {
      word |= (mask === -1 ? 0xff : (this.bytes[from + k] as number) & mask) << (8 * k);
    }
    return word;
  }

  /** Whether the marker is at `at`, as xml.startsWith(marker, at) on the decoded part. */
  at(part: SheetPart, at: number): boolean {
    if (at < 0 || at + 8 > part.bytes.length) return startsAt(part.bytes, at, this.bytes);
    if ((part.view.getInt32(at, true) & this.headMask) !== this.head) return false;
    if (this.length <= 4) return true;
    if ((part.view.getInt32(at + 4, true) & this.tailMask) !== this.tail) return false;
    for (let k = 8; k < this.length; k++) if (part.bytes[at + k] !== this.bytes[k]) return false;
    return true;
  }

  /** The first occurrence starting from `from` and before `before`, or -1, as xml.indexOf(marker, from). */
  find(part: SheetPart, from: number, before = part.bytes.length): number {
    const bytes = part.bytes;
    const first = this.bytes[0];
    for (let i = from; i < before; i++) if (bytes[i] === first && this.at(part, i)) return i;
    return -1;
  }
}

function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function startsAt(bytes: Uint8Array, at: number, marker: Uint8Array): boolean {
  for (let k = 0; k < marker.length; k++) if (bytes[at + k] !== marker[k]) return false;
  return true;
}

/** A byte loop: the distances are short (within a tag), where Uint8Array.indexOf's call costs more. */
function indexOfByte(bytes: Uint8Array, byte: number, from: number): number {
  for (let i = from; i < bytes.length; i++) if (bytes[i] === byte) return i;
  return -1;
}

function readType(bytes: Uint8Array, from: number, to: number): number {
  const length = to - from;
  if (length === 1) {
    const c = bytes[from];
    return c === 115 ? TYPE_SHARED : c === 101 || c === 100 ? TYPE_TEXT : c === 98 ? TYPE_BOOL : TYPE_NUMBER;
  }
  if (length === 3 && startsAt(bytes, from, STR)) return TYPE_TEXT;
  return length === 9 && startsAt(bytes, from, INLINE_STR) ? TYPE_INLINE : TYPE_NUMBER;
}

const STR = asciiBytes('str');
const INLINE_STR = asciiBytes('inlineStr');
const INLINE_STR_VALUE = asciiBytes('inlineStr"');

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
function readRef(bytes: Uint8Array, from: number, to: number, out: CellAttrs): void {
  let col = 0;
  let i = from;
  for (; i < to; i++) {
    const c = (bytes[i] as number) | 0x20;
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  let row = 0;
  for (; i < to; i++) {
    const d = (bytes[i] as number) - 48;
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

function readIndex(bytes: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = (bytes[i] as number) - 48;
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
function readUsualAttrs(bytes: Uint8Array, from: number, out: CellAttrs): number {
  out.row = -1;
  out.col = -1;
  out.type = TYPE_NUMBER;
  out.style = -1;
  for (let i = from; ;) {
    const c = bytes[i];
    if (c === GT) return i;
    if (c === SLASH && bytes[i + 1] === GT) return i + 1;
    if (c !== SPACE || bytes[i + 2] !== EQUALS || bytes[i + 3] !== QUOTE) return -1;
    const end = readAttr(bytes, bytes[i + 1] as number, i + 4, out);
    if (end < 0) return -1;
    i = end + 1;
  }
}

/**
 * One double-quoted r, t or s value starting at `from`; returns its closing quote, or -1 (nothing
 * read) when the value is anything but the usual digits and letters.
 */
function readAttr(bytes: Uint8Array, name: number, from: number, out: CellAttrs): number {
  if (name === 114) return readRefValue(bytes, from, out);
  if (name === 116) return readTypeValue(bytes, from, out);
  if (name !== 115) return -1;
  let n = 0;
  let i = from;
  let c = bytes[i] as number;
  for (; c >= 48 && c <= 57; c = bytes[++i] as number) n = n * 10 + (c - 48);
  if (c !== QUOTE) return -1;
  out.style = i > from ? n : -1;
  return i;
}

/** r="J2": the letters then the digits, up to the closing quote; see readRef. */
function readRefValue(bytes: Uint8Array, from: number, out: CellAttrs): number {
  let col = 0;
  let i = from;
  let c = bytes[i] as number;
  for (; (c | 0x20) >= 97 && (c | 0x20) <= 122; c = bytes[++i] as number) col = col * 26 + ((c | 0x20) - 96);
  let row = 0;
  for (; c >= 48 && c <= 57; c = bytes[++i] as number) row = row * 10 + (c - 48);
  if (c !== QUOTE) return -1;
  if (col > 0 && row > 0) {
    out.row = row - 1;
    out.col = col - 1;
  }
  return i;
}

/** t="s", t="str", t="inlineStr", ...: see readType. */
function readTypeValue(bytes: Uint8Array, from: number, out: CellAttrs): number {
  const c = bytes[from] as number;
  if (c === QUOTE || (c !== LT && c !== GT && bytes[from + 1] === QUOTE)) {
    const end = c === QUOTE ? from : from + 1;
    out.type = readType(bytes, from, end);
    return end;
  }
  // 'str"' spelled out: 0.08 ms less than a marker loop on roster.xlsx, whose cells are all t="str".
  if (c === 115 && bytes[from + 1] === 116 && bytes[from + 2] === 114 && bytes[from + 3] === QUOTE) {
    out.type = TYPE_TEXT;
    return from + 3;
  }
  if (!startsAt(bytes, from, INLINE_STR_VALUE)) return -1;
  out.type = TYPE_INLINE;
  return from + 9;
}

/**
 * Reads r, t and s of any attribute text in place. Returns whether it was read to its end and holds
 * no '<' (no tag can start inside it), which lets the reader skip it when looking for <row> tags.
 */
function readCellAttrs(bytes: Uint8Array, from: number, to: number, out: CellAttrs): boolean {
  out.row = -1;
  out.col = -1;
  out.type = TYPE_NUMBER;
  out.style = -1;
  let plain = true;
  let i = from;
  while (i < to) {
    let c = bytes[i] as number;
    if (c === SPACE || c === TAB || c === LF || c === CR || c === SLASH) {
      i++;
      continue;
    }
    const nameStart = i;
    for (; i < to && (c = bytes[i] as number) !== EQUALS; i++) if (c === LT) plain = false;
    const nameLength = i - nameStart;
    i++;
    while (i < to && bytes[i] === SPACE) i++;
    const quote = bytes[i];
    if (quote !== QUOTE && quote !== 39) return false;
    const valueStart = i + 1;
    for (i = valueStart; i < to && (c = bytes[i] as number) !== quote; i++) if (c === LT) plain = false;
    if (i >= to) return false;
    if (nameLength === 1) {
      const name = bytes[nameStart];
      if (name === 114) readRef(bytes, valueStart, i, out);
      else if (name === 116) out.type = readType(bytes, valueStart, i);
      else if (name === 115) out.style = readIndex(bytes, valueStart, i);
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
function nameEnds(bytes: Uint8Array, at: number): boolean {
  return isNameEnd(bytes[at]);
}

function isNameEnd(c: number | undefined): boolean {
  return c === SPACE || c === GT || c === SLASH || c === TAB || c === LF || c === CR;
}

/** The markers of one worksheet part, with its namespace prefix. */
interface SheetTags {
  prefix: string;
  c: Marker;
  cClose: Marker;
  row: Marker;
  v: Marker;
  vClose: Marker;
  /** '</v></c>': what follows a plain value in the common cell. */
  valueEnd: Marker;
  inlineString: Marker;
  /** '<is><t>' or '<is><t xml:space="preserve">', then the text and '</t></is>': the usual inline string. */
  inlineText: Marker;
  inlineTextKept: Marker;
  inlineEnd: Marker;
}

function sheetTags(p: string): SheetTags {
  const vClose = '</' + p + 'v>';
  const cClose = '</' + p + 'c>';
  return {
    prefix: p,
    c: new Marker('<' + p + 'c'),
    cClose: new Marker(cClose),
    row: new Marker('<' + p + 'row'),
    v: new Marker('<' + p + 'v>'),
    vClose: new Marker(vClose),
    valueEnd: new Marker(vClose + cClose),
    inlineString: new Marker('<' + p + 'is>'),
    inlineText: new Marker('<' + p + 'is><' + p + 't>'),
    inlineTextKept: new Marker('<' + p + 'is><' + p + 't xml:space="preserve">'),
    inlineEnd: new Marker('</' + p + 't></' + p + 'is>'),
  };
}

/** What a value's bytes hold besides plain ASCII (see SheetReader.valueEnd). */
const VALUE_ENTITY = 1;
const VALUE_NON_ASCII = 2;

const LT_BYTES = 0x3c3c3c3c;
const AMPERSAND_BYTES = 0x26262626;

/** The VALUE_ flags of bytes from..to. */
function marksOf(bytes: Uint8Array, from: number, to: number): number {
  let marks = 0;
  for (let i = from; i < to; i++) {
    const c = bytes[i] as number;
    if (c === AMPERSAND) marks |= VALUE_ENTITY;
    else if (c >= 0x80) marks |= VALUE_NON_ASCII;
  }
  return marks;
}

/** Whether a zero byte is in a word (the classic bit trick, exact as a yes or no). */
function hasZeroByte(word: number): boolean {
  return ((word - 0x01010101) & ~word & 0x80808080) !== 0;
}

/** Whether four bytes of a value are plain: none is '<', '&' or from 0x80. */
function isPlainWord(word: number): boolean {
  return (word & 0x80808080) === 0 && !hasZeroByte(word ^ LT_BYTES) && !hasZeroByte(word ^ AMPERSAND_BYTES);
}

/**
 * Reads the cells of one worksheet part, in document order, into a table. Rows and cells without
 * a reference take the next position, as Excel does.
 *
 * <row> tags are found between cells, in the stretches not already read as plain cells: searching
 * for the next '<row' from the previous one would scan every row's cells twice.
 */
class SheetReader {
  private readonly bytes: Uint8Array;
  private readonly tags: SheetTags;
  private readonly valueCloses: NextIndex;
  private readonly attrs: CellAttrs = { row: -1, col: -1, type: TYPE_NUMBER, style: -1 };
  private row = -1;
  private col = -1;
  /** Every '<row' before this has been applied; plain cells move it past themselves. */
  private rowsFrom = 0;
  /** VALUE_ flags of the last value read by valueEnd. */
  private marks = 0;

  constructor(
    private readonly part: SheetPart,
    private readonly sheet: SheetContext,
    private readonly table: TableTextBuilder,
  ) {
    this.bytes = part.bytes;
    this.tags = sheetTags(rootPrefix(part.head(), 'worksheet'));
    this.valueCloses = new NextIndex((from) => this.tags.vClose.find(part, from));
  }

  read(): void {
    const { bytes, part } = this;
    const open = this.tags.c;
    for (let i = 0; i >= 0;) {
      // The next cell usually starts right where the last one ended.
      const at = open.at(part, i) ? i : open.find(part, i);
      if (at < 0) return;
      if (this.rowsFrom < at) this.passRows(at);
      const named = nameEnds(bytes, at + open.length);
      const usual = named ? readUsualAttrs(bytes, at + open.length, this.attrs) : -1;
      if (usual >= 0) {
        // Read up to the first '>' without meeting a '<': as plain as a start tag gets.
        i = this.cell(at, usual, true);
        continue;
      }
      const gt = indexOfByte(bytes, GT, at);
      if (gt < 0) return;
      i = named ? this.cell(at, gt, readCellAttrs(bytes, at + open.length, gt, this.attrs)) : gt + 1;
    }
  }

  /** Applies the <row> tags between rowsFrom and `at`, visiting each '<' there once. */
  private passRows(at: number): void {
    const bytes = this.bytes;
    const open = this.tags.row;
    for (
      let lt = indexOfByte(bytes, LT, this.rowsFrom);
      lt >= 0 && lt < at;
      lt = indexOfByte(bytes, LT, lt + 1)
    ) {
      if (!open.at(this.part, lt) || !nameEnds(bytes, lt + open.length)) continue;
      const r = this.rowNumber(lt + open.length);
      this.row = Number.isInteger(r) && r > 0 ? r - 1 : this.row + 1;
      this.col = -1;
    }
    this.rowsFrom = at;
  }

  /** The r attribute of the <row> tag whose attributes start at `from`: ' r="5"' read in place. */
  private rowNumber(from: number): number {
    const bytes = this.bytes;
    if (
      bytes[from] === SPACE &&
      bytes[from + 1] === 114 &&
      bytes[from + 2] === EQUALS &&
      bytes[from + 3] === QUOTE
    ) {
      const digits = from + 4;
      const end = digits + MAX_EXACT_DIGITS + 1;
      for (let i = digits; i < end; i++) {
        const c = bytes[i];
        if (c === QUOTE) return readIndex(bytes, digits, i);
        if (c === undefined || c < 48 || c > 57) break;
      }
    }
    const gt = indexOfByte(bytes, GT, from);
    return Number(attrValue(this.part.text(from, gt < 0 ? this.part.lastCharStart() : gt), 'r'));
  }

  /**
   * Reads the cell whose start tag spans at..gt, its attributes already read (plain: without a
   * '<'); returns where to look next, -1 to stop.
   */
  private cell(at: number, gt: number, plain: boolean): number {
    const { bytes, part, attrs, tags } = this;
    this.col = attrs.row >= 0 ? attrs.col : this.col + 1;
    const row = attrs.row >= 0 ? attrs.row : Math.max(this.row, 0);
    if (bytes[gt - 1] === SLASH) return gt + 1;
    if (attrs.type !== TYPE_INLINE && tags.v.at(part, gt + 1)) {
      // The common cell, '<v>value</v></c>', read in one pass: a value holds no '<'.
      const from = gt + 1 + tags.v.length;
      const lt = this.valueEnd(from);
      if (tags.valueEnd.at(part, lt)) {
        this.addValue(row, from, lt, this.marks);
        const next = lt + tags.valueEnd.length;
        // Its only tags are <c>, <v>, </v> and </c>: no <row> can start inside it.
        if (plain && this.rowsFrom === at) this.rowsFrom = next;
        return next;
      }
    }
    return this.anyCell(row, gt);
  }

  /**
   * The '<' that ends a value starting at `from` (the end of the part if none), noting in `marks`
   * what the value holds besides plain ASCII. Four bytes at a time while none of them is '<', '&'
   * or from 0x80: 0.05 ms of roster.xlsx's 1.9 ms less than a byte loop.
   */
  private valueEnd(from: number): number {
    const { bytes, part } = this;
    let lt = from;
    for (const last = bytes.length - 4; lt <= last && isPlainWord(part.view.getInt32(lt, true)); lt += 4);
    let marks = 0;
    for (; lt < bytes.length; lt++) {
      const c = bytes[lt] as number;
      if (c === LT) break;
      if (c === AMPERSAND) marks |= VALUE_ENTITY;
      else if (c >= 0x80) marks |= VALUE_NON_ASCII;
    }
    this.marks = marks;
    return lt;
  }

  /** The value of a cell, the bytes from..to: copied when it reads as written. */
  private addValue(row: number, from: number, to: number, marks: number): void {
    if (this.readsAsWritten()) this.addText(row, from, to, marks);
    else this.add(row, this.valueText(from, to, (marks & VALUE_ENTITY) !== 0));
  }

  /** Text as written, entities decoded: copied as bytes when it has none (and its charset allows). */
  private addText(row: number, from: number, to: number, marks: number): void {
    const bytes = this.bytes;
    if (marks === 0) this.table.addUtf8(row, this.col, bytes, from, to, to - from);
    else if (marks === VALUE_NON_ASCII && this.part.isUtf8())
      this.table.addUtf8(row, this.col, bytes, from, to, utf16Length(bytes, from, to));
    else this.add(row, decodeXmlEntities(this.part.text(from, to)));
  }

  /** Whether the cell's value is its text (entities decoded): formula text and General numbers. */
  private readsAsWritten(): boolean {
    const { type, style } = this.attrs;
    if (type === TYPE_TEXT) return true;
    if (type !== TYPE_NUMBER) return false;
    const format = style < 0 ? undefined : this.sheet.formats[style];
    return format === undefined || format === 'General';
  }

  /** The value of a common cell as cellValue reads it, without slicing a shared string's index. */
  private valueText(from: number, lt: number, entities: boolean): string {
    const attrs = this.attrs;
    if (attrs.type === TYPE_SHARED && lt - from <= MAX_EXACT_DIGITS) {
      const index = readIndex(this.bytes, from, lt);
      if (index >= 0) return this.sheet.strings[index] ?? '';
    }
    return cellValue(attrs.type, this.part.text(from, lt), attrs.style, this.sheet, entities);
  }

  /** Any other cell body: inline strings, formulas before the value, unusual layout. */
  private anyCell(row: number, gt: number): number {
    const { part, tags, attrs } = this;
    const end = tags.cClose.find(part, gt);
    if (end < 0) return -1;
    if (attrs.type === TYPE_INLINE) {
      const is = tags.inlineString.find(part, gt, end);
      if (is >= 0 && !this.addPlainInline(row, is, end)) this.add(row, this.inlineText(is, end));
    } else {
      const v = tags.v.find(part, gt, end);
      if (v < 0) return end + tags.cClose.length;
      const vEnd = this.valueCloses.from(v);
      const from = v + tags.v.length;
      const to = vEnd < 0 ? end : vEnd;
      this.addValue(row, from, to, marksOf(this.bytes, from, to));
    }
    return end + tags.cClose.length;
  }

  /**
   * The usual inline string, '<is><t>text</t></is>' right up to `end` (its '</c>'), copied as a
   * plain value is; false for any other, such as rich text.
   */
  private addPlainInline(row: number, is: number, end: number): boolean {
    const { part, tags } = this;
    const open = tags.inlineText.at(part, is) ? tags.inlineText : tags.inlineTextKept;
    if (open !== tags.inlineText && !open.at(part, is)) return false;
    const from = is + open.length;
    const lt = this.valueEnd(from);
    if (lt + tags.inlineEnd.length !== end || !tags.inlineEnd.at(part, lt)) return false;
    this.addText(row, from, lt, this.marks);
    return true;
  }

  /** The runs of an inline string (<is> up to </c>), read as a shared string's are. */
  private inlineText(is: number, end: number): string {
    const xml = this.part.text(is, end);
    return runText(xml, 0, xml.length, runCursors(xml, this.tags.prefix));
  }

  private add(row: number, text: string): void {
    this.table.add(row, this.col, text);
  }
}

/** Reads the cells of one worksheet part (its bytes, as stored), in document order, into `table`. */
export function readSheetCells(bytes: Uint8Array, sheet: SheetContext, table: TableTextBuilder): void {
  new SheetReader(new SheetPart(bytes), sheet, table).read();
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
    if (!isNameEnd(xml.charCodeAt(m + 1 + element.length))) {
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
    const bytes = readZipPart(pkg.bytes, pkg.directory, sheet.path, context);
    if (bytes === undefined) continue;
    const name = quoteSheetName(sheet.name);
    const table = new TableTextBuilder(Math.max(1, budget), bytes.length);
    readSheetCells(bytes, sheetContext, table);
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
