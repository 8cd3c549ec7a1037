import { strToU8, zipSync } from 'fflate';
import { docxExtractor } from '../../src/core/extract/ooxml-docx';
import { pptxExtractor } from '../../src/core/extract/ooxml-pptx';
import { xlsxExtractor } from '../../src/core/extract/ooxml-xlsx';
import { scanAttachment } from '../../src/core/scan/scan-message';
import type { AttachmentInput } from '../../src/core/types';
import { docx, para, pptx, xlsx } from './fixtures';
import { context, textsByWhere } from './helpers';

const file = (name: string, bytes: Uint8Array): AttachmentInput => ({
  name,
  size: bytes.length,
  kind: 'file',
  bytes,
});

describe('docx', () => {
  const bytes = docx({
    body:
      para('Intro &amp; welcome') +
      '<w:tbl><w:tr><w:tc>' +
      para('SSN') +
      '</w:tc><w:tc>' +
      para('Name') +
      '</w:tc></w:tr>' +
      '<w:tr><w:tc>' +
      para('536-22-8471') +
      '</w:tc><w:tc>' +
      para('Ann') +
      '</w:tc></w:tr></w:tbl>' +
      '<w:p><w:ins><w:r><w:t>inserted words</w:t></w:r></w:ins><w:del><w:r><w:delText>SSN 536-22-9012</w:delText></w:r></w:del></w:p>' +
      '<w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent>' +
      para('box text') +
      '</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>' +
      para('box text') +
      '</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>',
    header: para('Confidential header'),
    footer: para('Footer SSN 536-22-7001'),
    footnotes: para('a footnote'),
    comments: para('reviewer comment'),
  });

  it('reads body, tables, insertions, deletions, text boxes, headers, footers, notes and comments', () => {
    const texts = textsByWhere(docxExtractor.extract(bytes, 'a.docx', context()));
    expect(texts.body).toContain('Intro & welcome');
    expect(texts.body).toContain('SSN\tName\n536-22-8471\tAnn\n');
    expect(texts.body).toContain('inserted words');
    expect(texts.body).not.toContain('536-22-9012');
    expect(texts['deleted text']).toContain('SSN 536-22-9012');
    // Once, not twice: the VML fallback copy of the text box is skipped.
    expect(texts['text box']).toBe('box text\n\n');
    expect(texts.header).toContain('Confidential header');
    expect(texts.footer).toContain('Footer SSN');
    expect(texts.footnotes).toContain('a footnote');
    expect(texts.comments).toContain('reviewer comment');
  });

  it('locates SSNs in the body table, the deleted text and the footer', () => {
    const scan = scanAttachment(file('memo.docx', bytes));
    const ssns = scan.findings.filter((f) => f.entity === 'US_SSN');
    expect(ssns.map((f) => [f.preview, f.location.where]).sort()).toEqual([
      ['***-**-7001', 'footer'],
      ['***-**-8471', 'body'],
      ['***-**-9012', 'deleted text'],
    ]);
    expect(ssns.every((f) => f.location.part === 'attachment' && f.location.name === 'memo.docx')).toBe(true);
  });

  it('reports a zip without a main document as corrupt', () => {
    const outcome = docxExtractor.extract(xlsx([{ name: 'S', rows: [['x']] }]), 'a.docx', context());
    expect(outcome).toMatchObject({ ok: false, reason: 'corrupt' });
  });
});

describe('xlsx', () => {
  const header = ['Name', 'Address', 'City', 'State', 'Zip', 'NPN', 'License', 'Phone', 'Email', 'SSN'];
  const bytes = xlsx([
    {
      name: 'Roster',
      rows: [
        header,
        [
          'Ann Lee',
          '1 Main St',
          'Saint Paul',
          'MN',
          55101,
          1234567,
          'L-1',
          '651-555-0100',
          'a@b.example',
          { n: 536228471, s: 1 },
        ],
      ],
      notes: { B2: 'old SSN 536-22-7001' },
    },
    { name: 'Hidden data', state: 'veryHidden', rows: [['ssn'], [{ inline: '536-22-1234' }], [536221235]] },
  ]);

  it('renders numbers through their format and lays each sheet out as one table text', () => {
    const outcome = xlsxExtractor.extract(bytes, 'r.xlsx', context());
    if (!outcome.ok) throw new Error('failed');
    const roster = outcome.texts.find((t) => t.where === 'Roster');
    expect(roster?.text.split('\n')[1]).toBe(
      'Ann Lee\t1 Main St\tSaint Paul\tMN\t55101\t1234567\tL-1\t651-555-0100\ta@b.example\t536-22-8471',
    );
    const offset = (roster?.text ?? '').indexOf('536-22-8471');
    expect(roster?.cellAt?.(offset)).toBe('J2');
    expect(roster?.headerAt?.(offset)).toBe('SSN');
    expect(roster?.headerAt?.(0)).toBeUndefined();
  });

  it('locates findings as Sheet!Cell, in hidden sheets and in notes', () => {
    const scan = scanAttachment(file('roster.xlsx', bytes));
    const ssns = scan.findings.filter((f) => f.entity === 'US_SSN');
    const where = ssns.map((f) => f.location.where).sort();
    expect(where).toEqual(["'Hidden data'!A2", "'Hidden data'!A3", 'Roster!B2 note', 'Roster!J2']);
    const j2 = ssns.find((f) => f.location.where === 'Roster!J2');
    expect(j2?.preview).toBe('***-**-8471');
    // The header vouches for the column: a formatted SSN under "SSN" is high confidence.
    expect(j2?.confidence).toBe('high');
    // An unformatted 9-digit number under an 'ssn' header is an SSN too.
    expect(ssns.find((f) => f.location.where === "'Hidden data'!A3")?.reasons.join(' ')).toContain('header');
  });
});

describe('xlsx sheet XML', () => {
  const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

  /** A workbook of one sheet 'People' with the given sheet XML, two shared strings and style 1 = SSN. */
  function workbook(sheetXml: string | Uint8Array): Uint8Array {
    const rel = (id: string, type: string, target: string): string =>
      `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/>`;
    const parts: Record<string, string> = {
      'xl/workbook.xml': `<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="People" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships>${rel('rId1', 'worksheet', 'worksheets/sheet1.xml')}${rel('rId2', 'sharedStrings', 'sharedStrings.xml')}${rel('rId3', 'styles', 'styles.xml')}</Relationships>`,
      'xl/sharedStrings.xml': `<sst xmlns="${NS}"><si><t>City</t></si><si><t>Phone</t></si></sst>`,
      'xl/styles.xml': `<styleSheet xmlns="${NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="000\\-00\\-0000"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>`,
    };
    const zipped: Record<string, Uint8Array> = Object.fromEntries(
      Object.entries(parts).map(([name, xml]) => [name, strToU8(xml)]),
    );
    zipped['xl/worksheets/sheet1.xml'] = typeof sheetXml === 'string' ? strToU8(sheetXml) : sheetXml;
    return zipSync(zipped);
  }

  /** Each cell's text as 'ref:header:text', in layout order. */
  function cells(
    sheetXml: string | Uint8Array,
    maxExtractedChars?: number,
  ): { cells: string[]; truncated: boolean } {
    const outcome = xlsxExtractor.extract(workbook(sheetXml), 'p.xlsx', context({ maxExtractedChars }));
    if (!outcome.ok) throw new Error(`failed: ${outcome.reason}`);
    const sheet = outcome.texts[0];
    const found = [...(sheet?.text ?? '').matchAll(/[^\t\n]+/g)].map(
      (m) => `${sheet?.cellAt?.(m.index)}:${sheet?.headerAt?.(m.index) ?? ''}:${m[0]}`,
    );
    return { cells: found, truncated: outcome.unscanned?.length === 1 };
  }

  // Usual and unusual spellings of cells: quotes, tabs, extra attributes, formulas, entities,
  // styled numbers, booleans, empty styled cells, errors and cells or rows without a reference,
  // rich inline strings with phonetic runs, and a row whose cells come out of order.
  const rows = [
    `<row r="1"><c r="A1" t="str"><v>Name</v></c><c r='B1' t='str'><v>SSN</v></c><c\tr="C1"\tt="s"><v>0</v></c><c r="D1" s="0" t="s" cm="1"><v>1</v></c></row>`,
    `<row r="2"><c r="A2" t="str"><f>A1</f><v>Ann &amp; Bob</v></c><c r="B2" s="1"><v>536228471</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" s="1"/><c t="e"><v>#N/A</v></c>` +
      `<c r="F2" t="inlineStr"><is><r><t>536-22-</t></r><r><t>1234</t></r><rPh><t>ph</t></rPh></is></c></row>`,
    `<row><c t="str"><v>no refs</v></c><c t="str"><v>next</v></c></row>`,
    `<row r="6"><c r="B6" t="str"><v>b6</v></c><c r="A6" t="str"><v>a6</v></c></row>`,
  ];
  const sheetXml = `<worksheet xmlns="${NS}"><sheetData>${rows.join('')}</sheetData></worksheet>`;
  const expected = [
    'A1::Name',
    'B1::SSN',
    'C1::City',
    'D1::Phone',
    'A2:Name:Ann & Bob',
    'B2:SSN:536-22-8471',
    'C2:City:TRUE',
    'E2::#N/A',
    'F2::536-22-1234',
    'A3:Name:no refs',
    'B3:SSN:next',
    'A6:Name:a6',
    'B6:SSN:b6',
  ];

  it('reads cells however they are spelled and lays them out by row and column', () => {
    expect(cells(sheetXml)).toEqual({ cells: expected, truncated: false });
  });

  it('reads sheets whose elements carry a namespace prefix', () => {
    const prefixed = sheetXml
      .replace(/<(\/?)(worksheet|sheetData|row|c|v|f|is|r|t|rPh)([ \t>/])/g, '<$1x:$2$3')
      .replace(`xmlns="${NS}"`, `xmlns:x="${NS}"`);
    expect(prefixed).toContain('<x:c r="A1" t="str"><x:v>Name</x:v></x:c>');
    expect(cells(prefixed).cells).toEqual(expected);
  });

  it('stops at the extracted-characters limit and says so', () => {
    expect(cells(sheetXml, 30)).toEqual({ cells: expected.slice(0, 5), truncated: true });
  });

  it('reads text that is not ASCII, with offsets in UTF-16 units', () => {
    const sheet = (t: string): string =>
      `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="str"><v>Nom</v></c><c r="B1" t="str"><v>Ville</v></c></row>` +
      `<row r="2"><c r="A2" t="str"><v>Zoë 😀</v></c><c r="B2" t="inlineStr"><is><t>${t}</t></is></c></row></sheetData></worksheet>`;
    expect(cells(sheet('東京 &amp; Zürich')).cells).toEqual([
      'A1::Nom',
      'B1::Ville',
      'A2:Nom:Zoë 😀',
      'B2:Ville:東京 & Zürich',
    ]);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(sheet('x'))]);
    expect(cells(bom).cells).toEqual(['A1::Nom', 'B1::Ville', 'A2:Nom:Zoë 😀', 'B2:Ville:x']);
  });

  it('reads a sheet that is not valid UTF-8 as Windows-1252, as decodeUtf8 does', () => {
    // 'Caf\xe9' and '\x93quoted\x94' are Windows-1252 bytes, not UTF-8.
    const text = `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="str"><v>Caf\xe9</v></c><c r="B1" t="str"><v>\x93quoted\x94</v></c><c r="C1" t="str"><v>plain</v></c></row></sheetData></worksheet>`;
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    expect(cells(bytes).cells).toEqual(['A1::Café', 'B1::\u201cquoted\u201d', 'C1::plain']);
  });

  it('keeps the cells read before a cell that never ends', () => {
    const open = `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="str"><v>a</v></c><c r="B1" t="str"><v>b</v>`;
    expect(cells(open).cells).toEqual(['A1::a']);
  });
});

describe('pptx', () => {
  it('reads slides in presentation order with their speaker notes', () => {
    const bytes = pptx([
      { text: 'Quarterly review' },
      { text: 'Roster', notes: 'call back re SSN 536-22-8471' },
    ]);
    const texts = textsByWhere(pptxExtractor.extract(bytes, 'deck.pptx', context()));
    expect(texts['slide 1']).toContain('Quarterly review');
    expect(texts['slide 2 notes']).toContain('536-22-8471');
    const scan = scanAttachment(file('deck.pptx', bytes));
    expect(scan.findings.filter((f) => f.entity === 'US_SSN').map((f) => f.location.where)).toEqual([
      'slide 2 notes',
    ]);
  });
});
