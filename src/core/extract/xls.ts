import type { ExtractContext, ExtractedText, ExtractOutcome, Extractor } from './extractor';
import { ExtractFailure, checkDeadline, failSafely } from './extract-failure';
import { BUILTIN_FORMATS, formatNumber } from './number-format';
import { OleFile, isEncryptedOfficePackage } from './ole';
import { quoteSheetName, tableText, type TableCell } from './table-text';
import { SheetExtras } from './xls-sheet-extras';
import {
  RECORD,
  f64,
  readRecords,
  readSst,
  rkNumber,
  u16,
  u32,
  unicodeString,
  type BiffRecord,
} from './xls-records';

/**
 * Excel 97-2003 workbooks (BIFF8 in the OLE 'Workbook' stream): shared strings, inline labels,
 * numbers (NUMBER, RK, MULRK, cached FORMULA results) rendered through their number formats
 * (000-00-0000, dates), every worksheet including hidden ones, each laid out as one text with its column
 * headers; page headers and footers, notes and text boxes (xls-sheet-extras.ts). FILEPASS (a password) -> 'encrypted'. BIFF5 and older -> 'unsupported'.
 */

const BIFF8 = 0x0600;
const SUBSTREAM_WORKSHEET = 0x0010;
/** Records handled between deadline checks. */
const RECORDS_PER_DEADLINE_CHECK = 4096;
/** Shared strings read at most; Excel's own limit on unique strings is about 2^31, real files have < 10^6. */
export const XLS_MAX_SHARED_STRINGS = 4_000_000;

interface Globals {
  sheetNames: Map<number, string>;
  strings: string[];
  /** XF index -> number format code. */
  formats: string[];
  date1904: boolean;
  end: number;
}

function readGlobals(records: BiffRecord[]): Globals {
  const sheetNames = new Map<number, string>();
  const customFormats = new Map<number, string>();
  const xfFormat: number[] = [];
  let strings: string[] = [];
  let date1904 = false;
  let i = 1;
  for (; i < records.length; i++) {
    const record = records[i] as BiffRecord;
    if (record.type === RECORD.EOF) break;
    if (record.type === RECORD.FILEPASS)
      throw new ExtractFailure('encrypted', 'the workbook is password-protected');
    if (record.type === RECORD.BOUNDSHEET) {
      sheetNames.set(u32(record.data, 0), unicodeString(record.data, 6, true).text);
    } else if (record.type === RECORD.FORMAT) {
      customFormats.set(u16(record.data, 0), unicodeString(record.data, 2).text);
    } else if (record.type === RECORD.DATE1904) {
      date1904 = u16(record.data, 0) === 1;
    } else if (record.type === RECORD.XF) {
      xfFormat.push(u16(record.data, 2));
    } else if (record.type === RECORD.SST) {
      const segments = [record.data];
      while (records[i + 1]?.type === RECORD.CONTINUE) segments.push((records[++i] as BiffRecord).data);
      strings = readSst(segments, XLS_MAX_SHARED_STRINGS);
    }
  }
  if (i >= records.length) throw new ExtractFailure('corrupt', 'the workbook globals have no EOF');
  const formats = xfFormat.map((ifmt) => customFormats.get(ifmt) ?? BUILTIN_FORMATS[ifmt] ?? 'General');
  return { sheetNames, strings, formats, date1904, end: i };
}

/** Collects the cells of one worksheet substream, skipping nested (chart) substreams. */
class SheetReader {
  readonly cells: TableCell[] = [];
  readonly extras = new SheetExtras();
  private depth = 1;
  private pendingFormula: { row: number; col: number } | undefined;

  constructor(private readonly globals: Globals) {}

  /** Handles one record; returns false once the sheet's EOF is reached. */
  take(record: BiffRecord): boolean {
    if (record.type === RECORD.BOF) this.depth++;
    else if (record.type === RECORD.EOF) this.depth--;
    else if (this.depth === 1) {
      this.cell(record);
      this.extras.take(record);
    }
    return this.depth > 0;
  }

  private number(row: number, col: number, xf: number, value: number): void {
    const code = this.globals.formats[xf] ?? 'General';
    this.cells.push({ row, col, text: formatNumber(value, code, this.globals.date1904) });
  }

  private cell(record: BiffRecord): void {
    const data = record.data;
    switch (record.type) {
      case RECORD.LABELSST:
        this.cells.push({
          row: u16(data, 0),
          col: u16(data, 2),
          text: this.globals.strings[u32(data, 6)] ?? '',
        });
        break;
      case RECORD.LABEL:
      case RECORD.RSTRING:
        this.cells.push({ row: u16(data, 0), col: u16(data, 2), text: unicodeString(data, 6).text });
        break;
      case RECORD.NUMBER:
        this.number(u16(data, 0), u16(data, 2), u16(data, 4), f64(data, 6));
        break;
      case RECORD.RK:
        this.number(u16(data, 0), u16(data, 2), u16(data, 4), rkNumber(u32(data, 6)));
        break;
      case RECORD.MULRK: {
        const row = u16(data, 0);
        const first = u16(data, 2);
        const count = Math.floor((data.length - 6) / 6);
        for (let k = 0; k < count; k++) {
          this.number(row, first + k, u16(data, 4 + k * 6), rkNumber(u32(data, 6 + k * 6)));
        }
        break;
      }
      case RECORD.FORMULA:
        this.formula(data);
        break;
      case RECORD.STRING:
        if (this.pendingFormula)
          this.cells.push({ ...this.pendingFormula, text: unicodeString(data, 0).text });
        this.pendingFormula = undefined;
        break;
    }
  }

  /** A formula's cached result: a number, or (0xFFFF marker, type 0) a string in the next STRING record. */
  private formula(data: Uint8Array): void {
    const row = u16(data, 0);
    const col = u16(data, 2);
    if (u16(data, 12) === 0xffff) {
      this.pendingFormula = data[6] === 0 ? { row, col } : undefined;
      return;
    }
    this.number(row, col, u16(data, 4), f64(data, 6));
  }
}

function readWorkbook(stream: Uint8Array, context: ExtractContext): ExtractOutcome {
  const records = readRecords(stream);
  const bof = records[0];
  if (!bof || bof.type !== RECORD.BOF)
    throw new ExtractFailure('corrupt', 'the workbook does not start with BOF');
  if (u16(bof.data, 0) !== BIFF8) {
    throw new ExtractFailure('unsupported', 'only Excel 97-2003 (BIFF8) workbooks are read');
  }
  const globals = readGlobals(records);
  const texts: ExtractedText[] = [];
  const unscanned: Array<{ name: string; reason: 'limit'; detail: string }> = [];
  let budget = context.limits.maxExtractedChars;
  let sheetIndex = 0;
  for (let i = globals.end + 1; i < records.length; i++) {
    const record = records[i] as BiffRecord;
    if (record.type !== RECORD.BOF) continue;
    sheetIndex++;
    const name = quoteSheetName(globals.sheetNames.get(record.at) ?? 'Sheet' + String(sheetIndex));
    const isWorksheet = u16(record.data, 2) === SUBSTREAM_WORKSHEET;
    const reader = new SheetReader(globals);
    for (i++; i < records.length && reader.take(records[i] as BiffRecord); i++) {
      if (i % RECORDS_PER_DEADLINE_CHECK === 0) checkDeadline(context);
    }
    if (i >= records.length) throw new ExtractFailure('corrupt', 'a sheet has no EOF');
    if (!isWorksheet) continue;
    const laid = tableText(reader.cells, name, budget);
    budget -= laid.text.text.length;
    if (laid.text.text !== '') texts.push(laid.text);
    for (const extra of reader.extras.texts(name)) {
      if (extra.text.length > budget) {
        laid.truncated = true;
        break;
      }
      budget -= extra.text.length;
      texts.push(extra);
    }
    if (laid.truncated)
      unscanned.push({ name, reason: 'limit', detail: 'the extracted text limit was reached' });
  }
  return unscanned.length > 0 ? { ok: true, texts, unscanned } : { ok: true, texts };
}

/** Reads an OLE container that holds a workbook; also the route for encrypted OOXML packages. */
export function extractXls(bytes: Uint8Array, context: ExtractContext): ExtractOutcome {
  return failSafely(() => {
    const ole = new OleFile(bytes, context.limits.maxAttachmentBytes);
    if (isEncryptedOfficePackage(ole))
      throw new ExtractFailure('encrypted', 'the Office file is password-protected');
    const stream = ole.readPath('Workbook');
    if (!stream) {
      if (ole.find('Book')) throw new ExtractFailure('unsupported', 'Excel 5.0/95 workbooks are not read');
      throw new ExtractFailure('corrupt', 'the file has no Workbook stream');
    }
    return readWorkbook(stream, context);
  }, 'the workbook');
}

export const xlsExtractor: Extractor = {
  id: 'xls',
  extensions: ['xls', 'xlt', 'xla'],
  contentTypes: ['application/vnd.ms-excel'],
  // No sniff: every OLE file shares one signature; oleExtractor (ole-extractor.ts) routes by streams.
  extract: (bytes, _name, context) => extractXls(bytes, context),
};
