import { checkDeadline, failSafely } from './extract-failure';
import type { ExtractContext, ExtractedText, ExtractOutcome, Extractor } from './extractor';
import { drawingText, elementText } from './ooxml-text';
import { attrValue, walkXml } from './xml';
import { ZipPackage, partNumber } from './zip-package';
import { isZip } from './zip';

/**
 * PowerPoint (.pptx, .pptm, .ppsx): every slide in presentation order ('slide 3'), its speaker
 * notes ('slide 3 notes') and its comments, legacy and modern ('slide 3 comments').
 */

/** Slide parts in the order of presentation.xml's slide id list; file-name order as fallback. */
function slideOrder(pkg: ZipPackage, presentation: string): string[] {
  const xml = pkg.text(presentation);
  const rels = pkg.relationships(presentation);
  const ordered: string[] = [];
  if (xml !== undefined) {
    walkXml(xml, {
      open(name, attrs) {
        if (name !== 'p:sldId') return;
        const target = rels.get(attrValue(attrs, 'r:id') ?? '');
        if (target !== undefined && pkg.has(target)) ordered.push(target);
      },
    });
  }
  if (ordered.length > 0) return ordered;
  return pkg
    .names()
    .filter((n) => /^ppt\/slides\/slide\d{1,6}\.xml$/.test(n))
    .sort((a, b) => partNumber(a) - partNumber(b));
}

const COMMENT_TAGS = ['p:text', 'p188:t', 'a:t'];

function slideTexts(pkg: ZipPackage, slide: string, index: number): ExtractedText[] {
  const texts: ExtractedText[] = [];
  const where = `slide ${index}`;
  const xml = pkg.text(slide);
  const text = xml === undefined ? '' : drawingText(xml);
  if (text) texts.push({ text, where });
  for (const target of pkg.relationships(slide).values()) {
    if (!pkg.has(target)) continue;
    if (/notesSlide\d{0,6}\.xml$/.test(target)) {
      const notes = drawingText(pkg.text(target) ?? '');
      if (notes) texts.push({ text: notes, where: `${where} notes` });
    } else if (/omment[^/]{0,40}\.xml$/.test(target)) {
      const comments = elementText(pkg.text(target) ?? '', COMMENT_TAGS);
      if (comments) texts.push({ text: comments, where: `${where} comments` });
    }
  }
  return texts;
}

function extractPptx(bytes: Uint8Array, context: ExtractContext): ExtractOutcome {
  const pkg = new ZipPackage(bytes, context);
  const presentation = pkg.mainPart('ppt/presentation.xml');
  const texts: ExtractedText[] = [];
  slideOrder(pkg, presentation).forEach((slide, i) => {
    checkDeadline(context);
    texts.push(...slideTexts(pkg, slide, i + 1));
  });
  return { ok: true, texts };
}

export const pptxExtractor: Extractor = {
  id: 'pptx',
  extensions: ['pptx', 'pptm', 'ppsx', 'ppsm', 'potx'],
  contentTypes: [
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.openxmlformats-officedocument.presentationml.slideshow',
  ],
  sniff: isZip,
  extract: (bytes, _name, context) => failSafely(() => extractPptx(bytes, context), 'pptx'),
};
