import type { ExtractContext, ExtractedText, ExtractOutcome, Extractor } from './extractor';
import { ExtractFailure, checkDeadline, failSafely } from './extract-failure';
import { pageAnnotations, type AnnotationTexts } from './pdf-annotations';
import { PageText, readPageContent, resourcesHaveImages, type ContentContext } from './pdf-content';
import { PdfDocument, type PdfPage } from './pdf-document';
import type { InflateAllowance } from './pdf-filters';
import type { PdfFont } from './pdf-fonts';
import type { PdfStream, PdfValue } from './pdf-lexer';
import type { UnscannedReason } from '../types';

/**
 * PDF text, page by page ('page 3'), with a dependency-light reader of our own (pdf-*.ts, about
 * 50 KB minified with our inflate, against pdfjs-dist's 1.7 MB): cross-reference tables and
 * streams, object streams, Flate/LZW/ASCII filters, ToUnicode CMaps and the standard encodings;
 * a forgiving object scan when the cross-reference data is broken. Pages with images and no text
 * are reported as { reason: 'image' } (not OCR'd); filled-in form fields and comments are read
 * from the page's annotations ('page 2 form fields', 'page 2 comments'). Files "protected" with
 * an empty user password (they open in any viewer without a prompt) are decrypted and read
 * (pdf-security.ts); a real password makes the whole file 'encrypted'. A page that fails on its
 * own is reported and the others are still read.
 */

type PageIssue = { name: string; reason: UnscannedReason; detail: string };

function allowanceFor(context: ExtractContext): InflateAllowance {
  const budget = context.budget ?? { inflatedBytes: 0 };
  return {
    remaining: () => context.limits.maxInflatedBytes - budget.inflatedBytes,
    charge: (bytes) => {
      budget.inflatedBytes += bytes;
    },
    maxRatio: context.limits.maxCompressionRatio,
  };
}

function isPdf(head: Uint8Array): boolean {
  // '%PDF-' may follow a few junk bytes; viewers accept it within the first 1 KB.
  const limit = Math.min(head.length - 5, 1024);
  for (let i = 0; i <= limit; i++) {
    if (
      head[i] === 0x25 &&
      head[i + 1] === 0x50 &&
      head[i + 2] === 0x44 &&
      head[i + 3] === 0x46 &&
      head[i + 4] === 0x2d
    ) {
      return true;
    }
  }
  return false;
}

function readPage(
  doc: PdfDocument,
  page: PdfPage,
  caches: Pick<ContentContext, 'fonts' | 'forms'>,
  maxChars: number,
  context: ExtractContext,
): PageText {
  const text = new PageText(maxChars);
  const ctx: ContentContext = { doc, page: text, ...caches, checkDeadline: () => checkDeadline(context) };
  readPageContent(ctx, page.dict.get('Contents'), page.resources);
  if (!text.hasImage && text.text.trim() === '') text.hasImage = resourcesHaveImages(doc, page.resources);
  return text;
}

/** Form field values ('page 2 form fields') and comments ('page 2 comments'); returns the characters added. */
function pushAnnotations(
  texts: ExtractedText[],
  found: AnnotationTexts,
  name: string,
  budget: number,
): number {
  let used = 0;
  const add = (parts: string[], where: string): void => {
    const text = parts.join('\n').slice(0, Math.max(0, budget - used));
    if (text === '') return;
    texts.push({ text, where });
    used += text.length;
  };
  add(found.fields, `${name} form fields`);
  add(found.comments, `${name} comments`);
  return used;
}

function readPdf(bytes: Uint8Array, context: ExtractContext): ExtractOutcome {
  const doc = new PdfDocument(bytes, allowanceFor(context));
  if (doc.encrypted) throw new ExtractFailure('encrypted', 'the PDF is encrypted');
  const pages = doc.pages();
  if (pages.length === 0) throw new ExtractFailure('corrupt', 'the PDF has no readable pages');
  const texts: ExtractedText[] = [];
  const unscanned: PageIssue[] = [];
  // Shared by all pages: fonts and form XObjects are decoded once per file.
  const caches = { fonts: new Map<PdfValue, PdfFont>(), forms: new Map<PdfStream, Uint8Array>() };
  let budget = context.limits.maxExtractedChars;
  for (let i = 0; i < pages.length; i++) {
    const name = `page ${i + 1}`;
    if (budget <= 0 || context.now() > context.deadline) {
      const reason = budget <= 0 ? 'limit' : 'timeout';
      const rest = i + 1 === pages.length ? name : `pages ${i + 1}-${pages.length}`;
      unscanned.push({
        name: rest,
        reason,
        detail: reason === 'limit' ? 'the extracted text limit was reached' : 'the scan deadline passed',
      });
      break;
    }
    try {
      const page = readPage(doc, pages[i] as PdfPage, caches, budget, context);
      const text = page.text;
      budget -= text.length;
      if (text.trim() !== '') texts.push({ text, where: name });
      else if (page.hasImage) unscanned.push({ name, reason: 'image', detail: "images are not OCR'd" });
      if (page.unmappedFont)
        unscanned.push({ name, reason: 'unsupported', detail: 'a font has no map to text' });
      if (page.truncated)
        unscanned.push({ name, reason: 'limit', detail: 'the extracted text limit was reached' });
      budget -= pushAnnotations(texts, pageAnnotations(doc, (pages[i] as PdfPage).dict), name, budget);
    } catch (error) {
      if (!(error instanceof ExtractFailure)) {
        unscanned.push({ name, reason: 'corrupt', detail: 'the page could not be parsed' });
        continue;
      }
      if (error.reason === 'timeout' || error.reason === 'too-large') {
        const rest = i + 1 === pages.length ? name : `pages ${i + 1}-${pages.length}`;
        unscanned.push({ name: rest, reason: error.reason, detail: error.detail });
        break;
      }
      unscanned.push({ name, reason: error.reason, detail: error.detail });
    }
  }
  return unscanned.length > 0 ? { ok: true, texts, unscanned } : { ok: true, texts };
}

export const pdfExtractor: Extractor = {
  id: 'pdf',
  extensions: ['pdf'],
  contentTypes: ['application/pdf', 'application/x-pdf'],
  sniff: isPdf,
  extract: (bytes, _name, context) => failSafely(() => readPdf(bytes, context), 'the PDF'),
};
