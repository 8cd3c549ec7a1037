import type { PdfDocument } from './pdf-document';
import { PdfDict, PdfString, asArray, asName } from './pdf-lexer';
import { decodeUtf8Strict, decodeWindows1252 } from './text-decode';

/**
 * Text that lives in a page's annotations rather than its content: filled-in form fields (a W-9
 * with an SSN typed into it keeps the value in the field's /V; viewers draw it from an appearance
 * stream that page text extraction never sees) and comments (/Contents of text, free-text and
 * markup annotations).
 */

/** Parent links followed to find a field's inherited value. */
const MAX_FIELD_DEPTH = 16;
/** Annotations read at most per page. */
export const PDF_MAX_ANNOTATIONS = 10_000;

/** A PDF text string: UTF-16BE with BOM, UTF-8 with BOM (PDF 2.0), else PDFDocEncoding (read as Windows-1252). */
export function pdfTextString(value: PdfString): string {
  const b = value.bytes;
  if (b[0] === 0xfe && b[1] === 0xff) {
    let text = '';
    for (let i = 2; i + 1 < b.length; i += 2)
      text += String.fromCharCode(((b[i] as number) << 8) | (b[i + 1] as number));
    return text;
  }
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
    return decodeUtf8Strict(b.subarray(3)) ?? decodeWindows1252(b, 3);
  return decodeWindows1252(b);
}

function fieldValue(doc: PdfDocument, widget: PdfDict): string | undefined {
  let field: PdfDict | undefined = widget;
  for (let depth = 0; field && depth < MAX_FIELD_DEPTH; depth++) {
    const value = doc.resolve(field.get('V'));
    if (value instanceof PdfString) return pdfTextString(value);
    const list = asArray(value);
    if (list) {
      const texts = list.map((v) => doc.resolve(v)).filter((v): v is PdfString => v instanceof PdfString);
      return texts.map(pdfTextString).join('\n');
    }
    if (value !== undefined) return undefined;
    field = doc.dict(field.get('Parent'));
  }
  return undefined;
}

export interface AnnotationTexts {
  fields: string[];
  comments: string[];
}

/** Form field values and comments of one page. */
export function pageAnnotations(doc: PdfDocument, page: PdfDict): AnnotationTexts {
  const out: AnnotationTexts = { fields: [], comments: [] };
  const annots = asArray(doc.resolve(page.get('Annots'))) ?? [];
  for (const ref of annots.slice(0, PDF_MAX_ANNOTATIONS)) {
    const annot = doc.dict(ref);
    if (!annot) continue;
    if (asName(annot.get('Subtype')) === 'Widget') {
      const value = fieldValue(doc, annot);
      if (value !== undefined && value.trim() !== '') out.fields.push(value);
      continue;
    }
    const contents = doc.resolve(annot.get('Contents'));
    if (contents instanceof PdfString) {
      const text = pdfTextString(contents);
      if (text.trim() !== '') out.comments.push(text);
    }
  }
  return out;
}
