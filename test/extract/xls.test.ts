import * as XLSX from 'xlsx';
import { extractXls, xlsExtractor } from '../../src/core/extract/xls';
import {
  BOF,
  EOF,
  concat,
  f64,
  label,
  labelSst,
  latin1,
  numberCell,
  rkCell,
  rkInt,
  record,
  u16,
  u32,
  xlString,
} from './biff-fixtures';
import { contextWith, locate, texts } from './extract-helpers';
import { buildOle, utf16le } from './ole-fixtures';

const GLOBALS = 0x0005;
const WORKSHEET = 0x0010;
const CHART = 0x0020;

/** SST with 'Name', 'SSN', 'Ann Lee' and one string whose tail continues, as UTF-16, in a CONTINUE record. */
function sharedStrings(): Uint8Array {
  const head = 'Applicant SSN 536-';
  const tail = '22-8471 on file';
  const whole = head + tail;
  const first = concat(
    u32(4),
    u32(4),
    xlString('Name'),
    xlString('SSN'),
    xlString('Ann Lee'),
    u16(whole.length),
    new Uint8Array([0]),
    latin1(head),
  );
  const rest = concat(new Uint8Array([1]), utf16le(tail));
  return concat(record(0x00fc, first), record(0x003c, rest));
}

/** OBJ (FtCmo with type and id) + TXO (cchText at 10) + CONTINUE with the characters. */
function textObject(type: number, id: number, text: string, wide: boolean): Uint8Array[] {
  const cmo = concat(u16(0x15), u16(0x12), u16(type), u16(id), new Uint8Array(14));
  const txo = concat(new Uint8Array(10), u16(text.length), new Uint8Array(6));
  const chars = wide ? utf16le(text) : latin1(text);
  return [record(0x005d, cmo), record(0x01b6, txo), record(0x003c, new Uint8Array([wide ? 1 : 0]), chars)];
}

const xf = (ifmt: number): Uint8Array => record(0x00e0, u16(0), u16(ifmt), new Uint8Array(16));
const boundSheet = (at: number, hidden: boolean, name: string): Uint8Array =>
  record(0x0085, u32(at), new Uint8Array([hidden ? 1 : 0, 0, name.length, 0]), latin1(name));

/** A workbook with a visible 'Sheet1' and a hidden 'Secret' sheet, written record by record. */
function workbookStream(options: { filePass?: boolean } = {}): Uint8Array {
  const sheet1 = concat(
    BOF(WORKSHEET),
    labelSst(0, 0, 0),
    labelSst(0, 1, 1),
    label(0, 2, 'Note'),
    labelSst(1, 0, 2),
    // Formatted through the custom format 000-00-0000 (XF 1): 536228471 reads as 536-22-8471.
    numberCell(1, 1, 1, 536228471),
    labelSst(1, 2, 3),
    label(2, 0, 'Bob Roe'),
    rkCell(2, 1, 412567890),
    // MULRK: C3 and D3.
    record(0x00bd, u16(2), u16(2), u16(0), rkInt(7), u16(0), rkInt(8), u16(3)),
    // FORMULA with a cached number (A4) and one with a cached string in the next STRING record (B4).
    record(0x0006, u16(3), u16(0), u16(0), f64(42.5), u16(0), u32(0), u16(0)),
    record(
      0x0006,
      u16(3),
      u16(1),
      u16(0),
      new Uint8Array([0, 0, 0, 0, 0, 0, 0xff, 0xff]),
      u16(0),
      u32(0),
      u16(0),
    ),
    record(0x0207, xlString('SSN 287-65-4321')),
    // A date serial under the built-in format 14 (XF 2).
    numberCell(4, 0, 2, 31850),
    // Page header, an empty footer, a note on A2 and a text box (OBJ + TXO + CONTINUE with the text).
    record(0x0014, xlString('&CPayroll SSN 287-65-4321')),
    record(0x0015),
    ...textObject(0x19, 1, 'Verify SSN 536-22-8471', true),
    ...textObject(0x06, 2, 'Draft', false),
    record(0x001c, u16(1), u16(0), u16(0), u16(1), xlString('Auditor')),
    // An embedded chart substream: its text is not a cell.
    BOF(CHART),
    label(9, 9, 'chart title 111-22-3333'),
    EOF,
    EOF,
  );
  const secret = concat(BOF(WORKSHEET), label(4, 3, 'SSN: 536-22-8471'), EOF);
  const globalsFor = (sheet1At: number, secretAt: number): Uint8Array =>
    concat(
      BOF(GLOBALS),
      options.filePass ? record(0x002f, u16(1), new Uint8Array(52)) : new Uint8Array(0),
      record(0x041e, u16(164), xlString('000-00-0000')),
      xf(0),
      xf(164),
      xf(14),
      boundSheet(sheet1At, false, 'Sheet1'),
      boundSheet(secretAt, true, 'Secret Sheet'),
      sharedStrings(),
      EOF,
    );
  const globalsLength = globalsFor(0, 0).length;
  return concat(globalsFor(globalsLength, globalsLength + sheet1.length), sheet1, secret);
}

describe('xls extractor (BIFF8)', () => {
  const context = contextWith();

  it('lays each sheet out with cell references and column headers', () => {
    const outcome = xlsExtractor.extract(buildOle({ Workbook: workbookStream() }), 'roster.xls', context);
    const all = texts(outcome);
    expect(all.map((t) => t.where)).toEqual([
      'Sheet1',
      'Sheet1 header',
      'Sheet1!A2 note',
      'Sheet1 text box',
      "'Secret Sheet'",
    ]);
    const [sheet1, header, note, textBox, secret] = all;
    expect([header?.text, note?.text, textBox?.text]).toEqual([
      '&CPayroll SSN 287-65-4321',
      'Verify SSN 536-22-8471',
      'Draft',
    ]);
    expect(sheet1?.text).toBe(
      'Name\tSSN\tNote\nAnn Lee\t536-22-8471\tApplicant SSN 536-22-8471 on file\n' +
        'Bob Roe\t412567890\t7\t8\n42.5\tSSN 287-65-4321\n3/14/1987',
    );
    expect(secret?.text).toBe('SSN: 536-22-8471');
    const text = sheet1?.text ?? '';
    expect(sheet1?.cellAt?.(text.indexOf('412567890'))).toBe('B3');
    expect(sheet1?.headerAt?.(text.indexOf('412567890'))).toBe('SSN');
    expect(sheet1?.headerAt?.(text.indexOf('Name'))).toBeUndefined();
  });

  it('finds SSNs in shared strings, formatted numbers, RK under an SSN header, formulas, headers, notes and hidden sheets', () => {
    const outcome = xlsExtractor.extract(buildOle({ Workbook: workbookStream() }), 'roster.xls', context);
    expect(locate(outcome).map((f) => f.where)).toEqual([
      'Sheet1!B2',
      'Sheet1!C2',
      'Sheet1!B3',
      'Sheet1!B4',
      'Sheet1 header',
      'Sheet1!A2 note',
      "'Secret Sheet'!D5",
    ]);
  });

  it('reports a FILEPASS workbook and a password-protected xlsx as encrypted', () => {
    const filePass = extractXls(buildOle({ Workbook: workbookStream({ filePass: true }) }), context);
    expect(filePass).toMatchObject({ ok: false, reason: 'encrypted' });
    const protectedXlsx = extractXls(buildOle({ EncryptionInfo: 'v4', EncryptedPackage: 'x' }), context);
    expect(protectedXlsx).toMatchObject({ ok: false, reason: 'encrypted' });
  });

  it('reads a workbook written by SheetJS', () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['Name', 'SSN'],
      ['Ann', 'x'],
      ['Bob', 536228471],
    ]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Sheet1');
    const bytes = new Uint8Array(XLSX.write(book, { bookType: 'biff8', type: 'buffer' }) as Buffer);
    expect(locate(xlsExtractor.extract(bytes, 'book.xls', context))).toEqual([
      { where: 'Sheet1!B3', preview: expect.stringMatching(/8471$/) as string },
    ]);
  });

  it('reports broken and unsupported files honestly', () => {
    const stream = workbookStream();
    expect(extractXls(buildOle({ Workbook: stream.slice(0, 300) }), context)).toMatchObject({
      ok: false,
      reason: 'corrupt',
    });
    expect(extractXls(buildOle({ Book: 'old' }), context)).toMatchObject({
      ok: false,
      reason: 'unsupported',
    });
    expect(extractXls(new Uint8Array(600), context)).toMatchObject({ ok: false, reason: 'corrupt' });
  });

  it('stops at the extracted-characters limit and says so', () => {
    const outcome = extractXls(
      buildOle({ Workbook: workbookStream() }),
      contextWith({ maxExtractedChars: 20 }),
    );
    expect(outcome.ok && outcome.unscanned).toEqual([
      { name: 'Sheet1', reason: 'limit', detail: expect.any(String) as string },
      { name: "'Secret Sheet'", reason: 'limit', detail: expect.any(String) as string },
    ]);
    expect(texts(outcome)[0]?.text).toBe('Name\tSSN\tNote');
  });

  it('reports timeout when the deadline has passed', () => {
    const many = concat(...Array.from({ length: 5000 }, (_, i) => label(i, 0, 'x')));
    const globals = concat(BOF(GLOBALS), EOF);
    const stream = concat(globals, BOF(WORKSHEET), many, EOF);
    const outcome = extractXls(buildOle({ Workbook: stream }), contextWith({}, Date.now() - 1));
    expect(outcome).toMatchObject({ ok: false, reason: 'timeout' });
  });
});
