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
