import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pdfExtractor } from '../../src/core/extract/pdf';
import { ascii85Decode, lzwDecode } from '../../src/core/extract/pdf-filters';
import { MAC_ROMAN, glyphText } from '../../src/core/extract/pdf-encodings';
import type { ExtractOutcome } from '../../src/core/extract/extractor';
import { contextWith, locate, texts } from './extract-helpers';
import { buildCompressedPdf, buildPdf, flate, latin1Bytes, pageTree, type PdfObject } from './pdf-fixtures';

const HELVETICA = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
const context = contextWith();
const extract = (bytes: Uint8Array, ctx = context): ExtractOutcome =>
  pdfExtractor.extract(bytes, 'file.pdf', ctx);
const pageTexts = (outcome: ExtractOutcome): Array<[string | undefined, string]> =>
  texts(outcome).map((t) => [t.where, t.text]);
const unscannedOf = (outcome: ExtractOutcome) => (outcome.ok ? (outcome.unscanned ?? []) : []);

/** Two pages: plain content on page 1, a Flate-compressed content stream on page 2. */
function twoPagePdf(options: { skewOffsets?: number; trailer?: string } = {}): Uint8Array {
  return buildPdf(
    [
      ...pageTree([
        '/Contents 5 0 R /Resources << /Font << /F1 7 0 R >> >>',
        '/Contents 6 0 R /Resources << /Font << /F1 7 0 R >> >>',
      ]),
      {
        dict: '',
        data: 'BT /F1 12 Tf 72 720 Td (Quarterly report) Tj 0 -14 Td (Nothing \\(sensitive\\) here.) Tj ET',
      },
      {
        dict: '/Filter /FlateDecode',
        data: flate('BT /F1 12 Tf 72 720 Td (Employee SSN: 536-22-8471) Tj ET'),
      },
      HELVETICA,
    ],
    options,
  );
}

describe('pdf extractor: structure', () => {
  it('reads every page through the xref table, inflating Flate content', () => {
    const outcome = extract(twoPagePdf());
    expect(pageTexts(outcome)).toEqual([
      ['page 1', 'Quarterly report\nNothing (sensitive) here.'],
      ['page 2', 'Employee SSN: 536-22-8471'],
    ]);
    expect(locate(outcome)).toEqual([{ where: 'page 2', preview: '***-**-8471' }]);
  });

  it('reads objects from an object stream indexed by a predicted xref stream', () => {
    const bytes = buildCompressedPdf(
      [...pageTree(['/Contents 5 0 R /Resources << /Font << /F1 4 0 R >> >>']), HELVETICA],
      [{ dict: '/Filter /FlateDecode', data: flate('BT /F1 10 Tf 50 700 Td (SSN 536-22-8471) Tj ET') }],
    );
    expect(pageTexts(extract(bytes))).toEqual([['page 1', 'SSN 536-22-8471']]);
  });

  it('repairs a file whose xref offsets are wrong or missing', () => {
    expect(pageTexts(extract(twoPagePdf({ skewOffsets: 7 })))[1]).toEqual([
      'page 2',
      'Employee SSN: 536-22-8471',
    ]);
    const whole = twoPagePdf();
    const cut = whole.subarray(0, new TextDecoder('latin1').decode(whole).lastIndexOf('xref'));
    expect(locate(extract(cut))).toEqual([{ where: 'page 2', preview: '***-**-8471' }]);
  });

  it('reports an /Encrypt trailer whose user password is not empty as encrypted', () => {
    const bytes = buildPdf(
      [
        ...pageTree(['/Contents 4 0 R']),
        { dict: '', data: 'garbled' },
        '<< /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>',
      ],
      { trailer: '/Encrypt 5 0 R' },
    );
    expect(extract(bytes)).toMatchObject({ ok: false, reason: 'encrypted' });
  });

  it('reports junk as corrupt and never throws', () => {
    expect(extract(latin1Bytes('%PDF-1.4\nthis is not really a pdf'))).toMatchObject({
      ok: false,
      reason: 'corrupt',
    });
    expect(extract(latin1Bytes('hello'))).toMatchObject({ ok: false, reason: 'corrupt' });
    const whole = twoPagePdf();
    for (let cut = 50; cut < whole.length; cut += 97)
      expect(() => extract(whole.subarray(0, cut))).not.toThrow();
  });

  it('sniffs the header', () => {
    expect(pdfExtractor.sniff?.(latin1Bytes('%PDF-1.7\n'))).toBe(true);
    expect(pdfExtractor.sniff?.(latin1Bytes('PK\u0003\u0004'))).toBe(false);
  });
});

describe('pdf extractor: text', () => {
  /** One page with the given fonts and content. */
  function onePage(
    content: string | { dict: string; data: Uint8Array | string },
    fonts: string[],
    extra: PdfObject[] = [],
  ) {
    const fontRefs = fonts.map((_, i) => `/F${i + 1} ${i + 5} 0 R`).join(' ');
    const stream = typeof content === 'string' ? { dict: '', data: content } : content;
    return buildPdf([
      ...pageTree([`/Contents 4 0 R /Resources << /Font << ${fontRefs} >> >>`]),
      stream,
      ...fonts,
      ...extra,
    ]);
  }

  it('maps Identity-H codes through a ToUnicode CMap (bfchar, bfrange, array ranges)', () => {
    const cmap = [
      '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
      '1 begincodespacerange <0000> <FFFF> endcodespacerange',
      '2 beginbfchar <0003> <0020> <0010> <002D> endbfchar',
      '3 beginbfrange <0011> <001A> <0030> <0024> <003D> <0041> <0044> <0046> [<0061> <0062> <00630068>] endbfrange',
      'endcmap CMapName currentdict /CMap defineresource pop end end',
    ].join('\n');
    const gid = (c: string): number =>
      c === ' '
        ? 3
        : c === '-'
          ? 0x10
          : c >= '0' && c <= '9'
            ? 0x11 + Number(c)
            : c >= 'A' && c <= 'Z'
              ? 0x24 + c.charCodeAt(0) - 65
              : 0x44 + c.charCodeAt(0) - 97;
    const hex = (text: string): string =>
      '<' +
      text
        .split('')
        .map((c) => gid(c).toString(16).padStart(4, '0'))
        .join('') +
      '>';
    const bytes = onePage(
      `BT /F1 11 Tf 72 700 Td ${hex('SSN 536-22-8471 ab')} Tj ${hex('c')} Tj ET`,
      [
        '<< /Type /Font /Subtype /Type0 /BaseFont /AAAAAA+Calibri /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>',
      ],
      [
        '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /AAAAAA+Calibri /DW 500 /W [3 [250] 16 26 500] >>',
        { dict: '', data: cmap },
      ],
    );
    expect(pageTexts(extract(bytes))).toEqual([['page 1', 'SSN 536-22-8471 abch']]);
  });

  it('keeps a number typeset glyph by glyph together, separates words and table columns by their gaps', () => {
    const widths = Array.from({ length: 95 }, () => 500).join(' ');
    const glyphs = '536-22-8471'
      .split('')
      .map((c, i) => `1 0 0 1 ${100 + i * 5} 700 Tm (${c}) Tj`)
      .join(' ');
    const content = `BT /F1 10 Tf ${glyphs} 1 0 0 1 163 700 Tm (next) Tj 1 0 0 1 100 680 Tm [(Name)-300(Ann)] TJ [( S)20(SN)] TJ 1 0 0 1 300 680 Tm (column) Tj ET`;
    const bytes = onePage(content, [
      `<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 32 /LastChar 126 /Widths [${widths}] /Encoding /WinAnsiEncoding >>`,
    ]);
    expect(pageTexts(extract(bytes))).toEqual([['page 1', '536-22-8471 next\nName Ann SSN\tcolumn']]);
  });

  it('applies /Differences glyph names over the base encoding', () => {
    const bytes = onePage('BT /F1 12 Tf 72 700 Td (SSN ABCDEEDFGHI \\222) Tj ET', [
      '<< /Type /Font /Subtype /Type1 /BaseFont /Custom /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [65 /five /three /six /hyphen /two /eight /four /seven /one] >> >>',
    ]);
    expect(pageTexts(extract(bytes))).toEqual([['page 1', 'SSN 536-22-8471 \u2019']]);
  });

  it('decodes ASCIIHex over Flate and ASCII85 content', () => {
    const text = 'BT /F1 12 Tf 72 700 Td (SSN 536-22-8471) Tj ET';
    const hex = Array.from(flate(text), (b) => b.toString(16).padStart(2, '0')).join('') + '>';
    const viaHex = onePage({ dict: '/Filter [/AHx /FlateDecode]', data: hex }, [HELVETICA]);
    expect(pageTexts(extract(viaHex))).toEqual([['page 1', 'SSN 536-22-8471']]);
    expect(new TextDecoder().decode(ascii85Decode(latin1Bytes('<~87cURD]i,"Ebo80~>')))).toBe('Hello World!');
    expect(new TextDecoder().decode(ascii85Decode(latin1Bytes('87cURD]i,"Ebo8~>')))).toBe('Hello World');
  });

  it('reads Form XObjects in place and reports image-only pages', () => {
    const bytes = buildPdf([
      ...pageTree([
        '/Contents 5 0 R /Resources << /XObject << /Fm1 7 0 R >> >>',
        '/Contents 6 0 R /Resources << /XObject << /Im1 8 0 R >> >>',
      ]),
      { dict: '', data: 'q 1 0 0 1 10 10 cm /Fm1 Do Q' },
      { dict: '', data: 'q 200 0 0 100 72 600 cm /Im1 Do Q BI /W 1 /H 1 /BPC 8 /CS /G ID \u0000EI\u0001 EI' },
      {
        dict: '/Type /XObject /Subtype /Form /BBox [0 0 500 500] /Resources << /Font << /F1 9 0 R >> >>',
        data: 'BT /F1 9 Tf (SSN 536-22-8471) Tj ET',
      },
      {
        dict: '/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode',
        data: '\u00ff\u00d8\u00ff',
      },
      HELVETICA,
    ]);
    const outcome = extract(bytes);
    expect(locate(outcome)).toEqual([{ where: 'page 1', preview: '***-**-8471' }]);
    expect(unscannedOf(outcome)).toEqual([
      { name: 'page 2', reason: 'image', detail: "images are not OCR'd" },
    ]);
  });

  it('reports Identity-H text without a ToUnicode map as unsupported rather than passing it silently', () => {
    const bytes = onePage('BT /F1 12 Tf 72 700 Td <00110012> Tj ET', [
      '<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [] >>',
    ]);
    expect(unscannedOf(extract(bytes))).toEqual([
      { name: 'page 1', reason: 'unsupported', detail: 'a font has no map to text' },
    ]);
  });
});

describe('pdf extractor: limits', () => {
  it('refuses a Flate bomb in a content stream without inflating it', () => {
    const bomb = new Uint8Array(4 * 1024 * 1024).fill(32);
    const bytes = buildPdf([
      ...pageTree(['/Contents 4 0 R']),
      { dict: '/Filter /FlateDecode', data: flate(bomb) },
    ]);
    const outcome = extract(bytes);
    expect(unscannedOf(outcome)).toEqual([
      { name: 'page 1', reason: 'too-large', detail: expect.any(String) as string },
    ]);
  });

  it('charges the message inflate budget', () => {
    const budget = { inflatedBytes: 0 };
    extract(twoPagePdf(), { ...contextWith(), budget });
    expect(budget.inflatedBytes).toBe('BT /F1 12 Tf 72 720 Td (Employee SSN: 536-22-8471) Tj ET'.length);
    const spent = { inflatedBytes: 1000 };
    const outcome = extract(twoPagePdf(), { ...contextWith({ maxInflatedBytes: 1000 }), budget: spent });
    expect(unscannedOf(outcome)).toEqual([
      { name: 'page 2', reason: 'too-large', detail: expect.any(String) as string },
    ]);
  });

  it('inflates a form XObject drawn on every page once', () => {
    const form = 'BT /F1 9 Tf (Letterhead SSN 536-22-8471) Tj ET';
    const bytes = buildPdf([
      ...pageTree([
        '/Contents 5 0 R /Resources << /XObject << /Fm1 6 0 R >> >>',
        '/Contents 5 0 R /Resources << /XObject << /Fm1 6 0 R >> >>',
      ]),
      { dict: '', data: '/Fm1 Do' },
      {
        dict: '/Type /XObject /Subtype /Form /BBox [0 0 9 9] /Filter /FlateDecode /Resources << /Font << /F1 7 0 R >> >>',
        data: flate(form),
      },
      HELVETICA,
    ]);
    const budget = { inflatedBytes: 0 };
    const outcome = extract(bytes, { ...contextWith(), budget });
    expect(locate(outcome).map((f) => f.where)).toEqual(['page 1', 'page 2']);
    expect(budget.inflatedBytes).toBe(form.length);
  });

  it('stops at the character limit and at the deadline, naming the pages left', () => {
    const limited = extract(twoPagePdf(), contextWith({ maxExtractedChars: 20 }));
    expect(pageTexts(limited)).toEqual([['page 1', 'Quarterly report\nNot']]);
    expect(unscannedOf(limited).map((u) => [u.name, u.reason])).toEqual([
      ['page 1', 'limit'],
      ['page 2', 'limit'],
    ]);
    const late = extract(twoPagePdf(), contextWith({}, Date.now() - 1));
    expect(unscannedOf(late).map((u) => [u.name, u.reason])).toEqual([['pages 1-2', 'timeout']]);
  });
});

describe('pdf pieces', () => {
  it('names glyphs', () => {
    expect(
      ['eacute', 'Adieresis', 'uni0041', 'u1F600', 'one.oldstyle', 'f_f_i', 'g123'].map(glyphText),
    ).toEqual(['é', 'Ä', 'A', '😀', '1', 'ffi', undefined]);
    expect(MAC_ROMAN[0x80]).toBe('Ä');
    expect(MAC_ROMAN[0xff]).toBe('ˇ');
  });

  it('decodes LZW', () => {
    // "-----A---B" with EarlyChange 1, from ISO 32000-1 §7.4.4.2, as 9-bit codes 256 45 258 258 65 259 66 257.
    const codes = [256, 45, 258, 258, 65, 259, 66, 257];
    let bits = '';
    for (const c of codes) bits += c.toString(2).padStart(9, '0');
    while (bits.length % 8) bits += '0';
    const bytes = new Uint8Array(bits.length / 8).map((_, i) => parseInt(bits.slice(i * 8, i * 8 + 8), 2));
    expect(new TextDecoder().decode(lzwDecode(bytes, 1, 1000))).toBe('-----A---B');
  });
});

describe('pdf extractor: a real producer', () => {
  it('reads a PDF printed by Chromium (Skia: Type0 Identity-H fonts with ToUnicode, subset TrueType)', () => {
    // test/fixtures/chromium-two-pages.pdf: `chromium --headless --print-to-pdf` of a two-page HTML page.
    const bytes = new Uint8Array(readFileSync(join(__dirname, '../fixtures/chromium-two-pages.pdf')));
    const outcome = extract(bytes);
    expect(pageTexts(outcome)).toEqual([
      ['page 1', 'Quarterly roster, see next page.'],
      ['page 2', 'Name  Ann Lee, SSN 536-22-8471'],
    ]);
    expect(locate(outcome)).toEqual([{ where: 'page 2', preview: '***-**-8471' }]);
  });
});

describe('pdf extractor: annotations', () => {
  it('reads filled-in form fields (inherited values, UTF-16) and comments', () => {
    const bytes = buildPdf([
      ...pageTree(['/Contents 4 0 R /Annots [5 0 R 6 0 R 7 0 R]']),
      { dict: '', data: '' },
      '<< /Type /Annot /Subtype /Widget /Rect [0 0 10 10] /Parent 8 0 R >>',
      '<< /Type /Annot /Subtype /Widget /Rect [0 0 10 10] /T (name) /V <FEFF005A006F00EB> >>',
      '<< /Type /Annot /Subtype /Text /Rect [0 0 10 10] /Contents (check SSN 287-65-4321) >>',
      '<< /FT /Tx /T (ssn) /V (536-22-8471) /Kids [5 0 R] >>',
    ]);
    const outcome = extract(bytes);
    expect(pageTexts(outcome)).toEqual([
      ['page 1 form fields', '536-22-8471\nZoë'],
      ['page 1 comments', 'check SSN 287-65-4321'],
    ]);
    expect(unscannedOf(outcome)).toEqual([]);
  });
});
