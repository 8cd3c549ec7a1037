import type { Extractor } from './extractor';
import { htmlExtractor } from './html';
import { imageExtractor } from './image';
import { docExtractor } from './doc';
import { emlExtractor } from './eml';
import { msgExtractor } from './msg';
import { oleExtractor } from './ole-extractor';
import { docxExtractor } from './ooxml-docx';
import { pptxExtractor } from './ooxml-pptx';
import { xlsxExtractor } from './ooxml-xlsx';
import { openDocumentExtractor } from './opendocument';
import { pdfExtractor } from './pdf';
import { plainTextExtractor } from './plain-text';
import { rtfExtractor } from './rtf';
import { xlsExtractor } from './xls';
import { gzipExtractor, isZip, readZipDirectory, zipExtractor } from './zip';

/**
 * The extractor registry. pickExtractor decides by magic bytes first (a renamed file is read as
 * what it is), then by extension, then by content type; nothing matching means 'unsupported'.
 * Zip-based formats share one magic: among them the extension or content type decides, and when
 * neither names one, the zip's central directory does (word/, xl/, ppt/, an ODF mimetype).
 */

export const EXTRACTORS: readonly Extractor[] = [
  pdfExtractor,
  oleExtractor,
  imageExtractor,
  gzipExtractor,
  rtfExtractor,
  openDocumentExtractor,
  docxExtractor,
  xlsxExtractor,
  pptxExtractor,
  zipExtractor,
  xlsExtractor,
  docExtractor,
  msgExtractor,
  emlExtractor,
  htmlExtractor,
  plainTextExtractor,
];

/** Lower-case extension without the dot, '' when none. */
export function extensionOf(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

function baseContentType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function byExtension(list: readonly Extractor[], ext: string): Extractor | undefined {
  return ext ? list.find((e) => e.extensions.indexOf(ext) >= 0) : undefined;
}

function byContentType(list: readonly Extractor[], type: string): Extractor | undefined {
  return type ? list.find((e) => (e.contentTypes ?? []).indexOf(type) >= 0) : undefined;
}

/** The Office Open XML / OpenDocument extractor a zip's own directory names, if any. */
function byZipDirectory(bytes: Uint8Array): Extractor | undefined {
  try {
    const { byName } = readZipDirectory(bytes, 100_000);
    if (byName.has('word/document.xml')) return docxExtractor;
    if (byName.has('xl/workbook.xml')) return xlsxExtractor;
    if (byName.has('ppt/presentation.xml')) return pptxExtractor;
    if (byName.has('mimetype') && byName.has('content.xml')) return openDocumentExtractor;
  } catch {
    // Not a readable zip: the zip extractor will report it as corrupt.
  }
  return undefined;
}

/**
 * The extractor for a file. `head` is at least the first bytes; pass the whole file to let a
 * zip without a telling name be recognized by its directory.
 */
export function pickExtractor(
  name: string,
  contentType: string | undefined,
  head: Uint8Array,
): Extractor | undefined {
  const ext = extensionOf(name);
  const type = baseContentType(contentType);
  const sniffed = EXTRACTORS.filter((e) => e.sniff !== undefined && e.sniff(head));
  if (sniffed.length === 1) return sniffed[0];
  if (sniffed.length > 1) {
    const named = byExtension(sniffed, ext) ?? byContentType(sniffed, type);
    // A zip's directory outranks its name: report.docx that is really a workbook reads as one.
    const inside = isZip(head) ? byZipDirectory(head) : undefined;
    return inside ?? named ?? (isZip(head) ? zipExtractor : sniffed[0]);
  }
  return byExtension(EXTRACTORS, ext) ?? byContentType(EXTRACTORS, type);
}
