import { strToU8, zipSync, type Zippable } from 'fflate';

/**
 * Minimal but well-formed Office Open XML and OpenDocument packages built in memory, so tests
 * need no committed binaries. Only the parts the extractors read are written.
 */

export const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function rels(targets: Array<[id: string, type: string, target: string]>): string {
  const items = targets.map(
    ([id, type, target]) => `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/>`,
  );
  return `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join('')}</Relationships>`;
}

function pack(files: Record<string, string | Uint8Array>): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, content] of Object.entries(files)) {
    zippable[name] = typeof content === 'string' ? strToU8(content) : content;
  }
  return zipSync(zippable);
}

/** A paragraph of runs. */
export const para = (...runs: string[]): string =>
  `<w:p>${runs.map((t) => `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>`).join('')}</w:p>`;

export interface DocxParts {
  body: string;
  header?: string;
  footer?: string;
  footnotes?: string;
  comments?: string;
}

export function docx(parts: DocxParts): Uint8Array {
  const files: Record<string, string> = {
    '[Content_Types].xml': `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
    '_rels/.rels': rels([['rId1', 'officeDocument', 'word/document.xml']]),
    'word/document.xml': `${XML}<w:document ${W}><w:body>${parts.body}</w:body></w:document>`,
  };
  if (parts.header) files['word/header1.xml'] = `${XML}<w:hdr ${W}>${parts.header}</w:hdr>`;
  if (parts.footer) files['word/footer1.xml'] = `${XML}<w:ftr ${W}>${parts.footer}</w:ftr>`;
  if (parts.footnotes)
    files['word/footnotes.xml'] =
      `${XML}<w:footnotes ${W}><w:footnote w:id="1">${parts.footnotes}</w:footnote></w:footnotes>`;
  if (parts.comments)
    files['word/comments.xml'] =
      `${XML}<w:comments ${W}><w:comment w:id="0">${parts.comments}</w:comment></w:comments>`;
  return pack(files);
}

export interface SheetSpec {
  name: string;
  state?: 'hidden' | 'veryHidden';
  /** Rows of cells: strings go to shared strings, numbers are numbers, {n, s} is a number with style s. */
  rows: Array<Array<string | number | { n: number; s: number } | { inline: string } | null>>;
  /** Legacy notes: ref -> text. */
  notes?: Record<string, string>;
}

function colName(col: number): string {
  let name = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An .xlsx with shared strings and a style table whose style 1 is the number format `format`. */
export function xlsx(sheets: SheetSpec[], format = '000\\-00\\-0000'): Uint8Array {
  const strings: string[] = [];
  const files: Record<string, string> = {
    '[Content_Types].xml': `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
    '_rels/.rels': rels([['rId1', 'officeDocument', 'xl/workbook.xml']]),
    'xl/styles.xml':
      `${XML}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1">` +
      `<numFmt numFmtId="164" formatCode="${escapeXml(format).replace(/"/g, '&quot;')}"/></numFmts>` +
      '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>',
  };
  const workbookRels: Array<[string, string, string]> = [
    ['rIdS', 'sharedStrings', 'sharedStrings.xml'],
    ['rIdT', 'styles', 'styles.xml'],
  ];
  const sheetTags: string[] = [];
  sheets.forEach((sheet, index) => {
    const n = index + 1;
    workbookRels.push([`rId${n}`, 'worksheet', `worksheets/sheet${n}.xml`]);
    sheetTags.push(
      `<sheet name="${escapeXml(sheet.name)}" sheetId="${n}"${sheet.state ? ` state="${sheet.state}"` : ''} r:id="rId${n}"/>`,
    );
    const rows = sheet.rows.map((cells, r) => {
      const xmlCells = cells.map((cell, c) => {
        const ref = `${colName(c)}${r + 1}`;
        if (cell === null) return '';
        if (typeof cell === 'string') {
          strings.push(cell);
          return `<c r="${ref}" t="s"><v>${strings.length - 1}</v></c>`;
        }
        if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
        if ('inline' in cell)
          return `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(cell.inline)}</t></is></c>`;
        return `<c r="${ref}" s="${cell.s}"><v>${cell.n}</v></c>`;
      });
      return `<row r="${r + 1}">${xmlCells.join('')}</row>`;
    });
    files[`xl/worksheets/sheet${n}.xml`] =
      `${XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`;
    if (sheet.notes) {
      const comments = Object.entries(sheet.notes).map(
        ([ref, text]) =>
          `<comment ref="${ref}" authorId="0"><text><r><t>${escapeXml(text)}</t></r></text></comment>`,
      );
      files[`xl/comments${n}.xml`] =
        `${XML}<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>A</author></authors><commentList>${comments.join('')}</commentList></comments>`;
      files[`xl/worksheets/_rels/sheet${n}.xml.rels`] = rels([['rIdC', 'comments', `../comments${n}.xml`]]);
    }
  });
  files['xl/workbook.xml'] =
    `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ${R}><sheets>${sheetTags.join('')}</sheets></workbook>`;
  files['xl/_rels/workbook.xml.rels'] = rels(workbookRels);
  files['xl/sharedStrings.xml'] =
    `${XML}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings.map((s) => `<si><t>${escapeXml(s)}</t></si>`).join('')}</sst>`;
  return pack(files);
}

const A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"';
const P = 'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';

const shape = (text: string): string =>
  `<p:sp><p:txBody><a:p><a:r><a:t>${escapeXml(text)}</a:t></a:r></a:p></p:txBody></p:sp>`;

/** A .pptx; slides are given in presentation order, each with optional speaker notes. */
export function pptx(slides: Array<{ text: string; notes?: string }>): Uint8Array {
  const files: Record<string, string> = {
    '[Content_Types].xml': `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
    '_rels/.rels': rels([['rId1', 'officeDocument', 'ppt/presentation.xml']]),
  };
  const presentationRels: Array<[string, string, string]> = [];
  const ids: string[] = [];
  slides.forEach((slide, index) => {
    const n = index + 1;
    presentationRels.push([`rId${n}`, 'slide', `slides/slide${n}.xml`]);
    ids.push(`<p:sldId id="${255 + n}" r:id="rId${n}"/>`);
    files[`ppt/slides/slide${n}.xml`] =
      `${XML}<p:sld ${A} ${P}><p:cSld><p:spTree>${shape(slide.text)}</p:spTree></p:cSld></p:sld>`;
    if (slide.notes) {
      files[`ppt/notesSlides/notesSlide${n}.xml`] =
        `${XML}<p:notes ${A} ${P}><p:cSld><p:spTree>${shape(slide.notes)}</p:spTree></p:cSld></p:notes>`;
      files[`ppt/slides/_rels/slide${n}.xml.rels`] = rels([
        ['rIdN', 'notesSlide', `../notesSlides/notesSlide${n}.xml`],
      ]);
    }
  });
  files['ppt/presentation.xml'] =
    `${XML}<p:presentation ${A} ${P} ${R}><p:sldIdLst>${ids.join('')}</p:sldIdLst></p:presentation>`;
  files['ppt/_rels/presentation.xml.rels'] = rels(presentationRels);
  return pack(files);
}

const ODF_NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" ' +
  'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"';

/** An OpenDocument package; `body` is the content of office:body, `styles` optional master-page XML. */
export function odf(
  kind: 'text' | 'spreadsheet' | 'presentation',
  body: string,
  styles?: string,
): Uint8Array {
  const files: Record<string, string> = {
    mimetype: `application/vnd.oasis.opendocument.${kind}`,
    'content.xml': `${XML}<office:document-content ${ODF_NS}><office:body>${body}</office:body></office:document-content>`,
  };
  if (styles)
    files['styles.xml'] =
      `${XML}<office:document-styles ${ODF_NS}><office:master-styles>${styles}</office:master-styles></office:document-styles>`;
  // ODF wants mimetype first and stored; zipSync keeps insertion order.
  const zippable: Zippable = { mimetype: [strToU8(files.mimetype as string), { level: 0 }] };
  for (const [name, content] of Object.entries(files))
    if (name !== 'mimetype') zippable[name] = strToU8(content);
  return zipSync(zippable);
}

/** A zip of the given files (names -> bytes or text). */
export function zip(files: Record<string, string | Uint8Array>): Uint8Array {
  return pack(files);
}

/** Offsets of every 4-byte little-endian signature in bytes. */
export function findSignatures(bytes: Uint8Array, signature: number): number[] {
  const found: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i++) {
    if (
      (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0 ===
      signature
    )
      found.push(i);
  }
  return found;
}

/** Sets general-purpose flag bit 0 (encrypted) on every entry, local and central headers alike. */
export function markEncrypted(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  for (const at of findSignatures(out, 0x04034b50)) out[at + 6] = out[at + 6]! | 1;
  for (const at of findSignatures(out, 0x02014b50)) out[at + 8] = out[at + 8]! | 1;
  return out;
}
