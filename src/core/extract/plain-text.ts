import type { ExtractOutcome, Extractor } from './extractor';
import { decodeText } from './text-decode';

/**
 * Plain-text attachments (txt, csv, tsv, json, xml, md, log, ics, vcf): decoded with charset
 * detection (BOM, BOM-less UTF-16, UTF-8, Windows-1252) and handed to the engine whole, so CSV
 * headers work through its delimiter detection.
 */

export const PLAIN_TEXT_EXTENSIONS = [
  'txt',
  'text',
  'csv',
  'tsv',
  'tab',
  'json',
  'xml',
  'md',
  'markdown',
  'log',
  'ics',
  'vcf',
  'vcard',
  'ini',
  'yaml',
  'yml',
  'sql',
];

/** The whole text; the message scanner applies the extracted-characters budget and reports cuts. */
function extractPlainText(bytes: Uint8Array): ExtractOutcome {
  return { ok: true, texts: [{ text: decodeText(bytes).text }] };
}

export const plainTextExtractor: Extractor = {
  id: 'text',
  extensions: PLAIN_TEXT_EXTENSIONS,
  contentTypes: [
    'text/plain',
    'text/csv',
    'text/tab-separated-values',
    'application/json',
    'application/xml',
    'text/xml',
    'text/markdown',
    'text/calendar',
    'text/vcard',
    'text/x-vcard',
  ],
  extract: (bytes) => extractPlainText(bytes),
};
