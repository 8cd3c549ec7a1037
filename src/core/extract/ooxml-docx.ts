import { checkDeadline, failSafely } from './extract-failure';
import type { ExtractContext, ExtractedText, ExtractOutcome, Extractor } from './extractor';
import { wordText } from './ooxml-text';
import { ZipPackage, partNumber } from './zip-package';
import { isZip } from './zip';

/**
 * Word documents (.docx, .docm, .dotx): the body with its tables and text boxes, tracked
 * insertions (ordinary runs) AND deletions (w:delText, reported as 'deleted text'), headers,
 * footers, footnotes, endnotes and comments.
 */

const SIDE_PARTS: Array<{ pattern: RegExp; where: string }> = [
  { pattern: /^word\/header\d{0,4}\.xml$/, where: 'header' },
  { pattern: /^word\/footer\d{0,4}\.xml$/, where: 'footer' },
  { pattern: /^word\/footnotes\.xml$/, where: 'footnotes' },
  { pattern: /^word\/endnotes\.xml$/, where: 'endnotes' },
  { pattern: /^word\/comments\.xml$/, where: 'comments' },
];

function addPart(texts: ExtractedText[], xml: string, where: string): void {
  const { main, deleted, textBox } = wordText(xml);
  if (main) texts.push({ text: main, where });
  if (textBox) texts.push({ text: textBox, where: where === 'body' ? 'text box' : `${where} text box` });
  if (deleted)
    texts.push({ text: deleted, where: where === 'body' ? 'deleted text' : `${where} deleted text` });
}

function extractDocx(bytes: Uint8Array, context: ExtractContext): ExtractOutcome {
  const pkg = new ZipPackage(bytes, context);
  const main = pkg.mainPart('word/document.xml');
  const texts: ExtractedText[] = [];
  const body = pkg.text(main);
  if (body === undefined)
    return { ok: false, reason: 'corrupt', detail: 'docx without a main document part' };
  addPart(texts, body, 'body');
  const names = pkg.names().sort((a, b) => partNumber(a) - partNumber(b));
  for (const { pattern, where } of SIDE_PARTS) {
    for (const name of names) {
      if (!pattern.test(name)) continue;
      checkDeadline(context);
      const xml = pkg.text(name);
      if (xml !== undefined) addPart(texts, xml, where);
    }
  }
  return { ok: true, texts };
}

export const docxExtractor: Extractor = {
  id: 'docx',
  extensions: ['docx', 'docm', 'dotx', 'dotm'],
  contentTypes: [
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.ms-word.document.macroenabled.12',
  ],
  sniff: isZip,
  extract: (bytes, _name, context) => failSafely(() => extractDocx(bytes, context), 'docx'),
};
