import { decodeXmlEntities, walkXml } from './xml';

/**
 * Text of WordprocessingML and DrawingML parts. Paragraphs end with a newline, table cells with
 * a tab and rows with a newline, so tabular context and keyword windows work as on screen.
 * Markup-compatibility fallbacks (mc:Fallback, the VML copy of a text box) are skipped so text
 * is not read twice.
 */

export interface WordText {
  main: string;
  /** Tracked deletions (w:delText): still in the file, invisible on screen. */
  deleted: string;
  /** Text boxes (w:txbxContent). */
  textBox: string;
}

function joinTrimmed(parts: string[]): string {
  const text = parts.join('');
  return /\S/.test(text) ? text : '';
}

/** Ends a table cell or row: the paragraph break that closed its last paragraph becomes the separator. */
function endCell(parts: string[], separator: string): void {
  const last = parts[parts.length - 1];
  if (last === '\n' || last === '\t') parts[parts.length - 1] = separator;
  else parts.push(separator);
}

/**
 * The WordprocessingML elements that shape text. Only these are visited (a regex jumps from one
 * to the next), not the run properties, fonts and sizes that make up most of a document part.
 */
const WORD_TAG =
  /<(\/?)(w:t|w:delText|w:p|w:tc|w:tr|w:r|w:tab|w:ptab|w:br|w:cr|w:noBreakHyphen|w:txbxContent|mc:Fallback)(?=[\s>/])/g;

class WordTextReader {
  readonly main: string[] = [];
  readonly deleted: string[] = [];
  readonly box: string[] = [];
  private runDepth = 0;
  private boxDepth = 0;
  private skipDepth = 0;

  target(): string[] {
    return this.boxDepth > 0 ? this.box : this.main;
  }

  skipping(): boolean {
    return this.skipDepth > 0;
  }

  open(name: string): void {
    if (name === 'mc:Fallback') this.skipDepth++;
    else if (this.skipDepth > 0) return;
    else if (name === 'w:r') this.runDepth++;
    else if (name === 'w:txbxContent') this.boxDepth++;
  }

  empty(name: string): void {
    if (this.skipDepth > 0 || this.runDepth === 0) return;
    if (name === 'w:tab' || name === 'w:ptab') this.target().push('\t');
    else if (name === 'w:br' || name === 'w:cr') this.target().push('\n');
    else if (name === 'w:noBreakHyphen') this.target().push('-');
  }

  close(name: string): void {
    if (name === 'mc:Fallback') this.skipDepth = Math.max(0, this.skipDepth - 1);
    else if (this.skipDepth > 0) return;
    else if (name === 'w:r') this.runDepth = Math.max(0, this.runDepth - 1);
    else if (name === 'w:txbxContent') {
      this.boxDepth = Math.max(0, this.boxDepth - 1);
      this.box.push('\n');
    } else if (name === 'w:p') this.target().push('\n');
    else if (name === 'w:tc') endCell(this.target(), '\t');
    else if (name === 'w:tr') endCell(this.target(), '\n');
  }
}

/** Text of a WordprocessingML part (document, header, footer, footnotes, endnotes, comments). */
export function wordText(xml: string): WordText {
  const reader = new WordTextReader();
  WORD_TAG.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD_TAG.exec(xml)) !== null) {
    const name = m[2] as string;
    const gt = xml.indexOf('>', m.index);
    if (gt < 0) break;
    WORD_TAG.lastIndex = gt + 1;
    if (m[1] === '/') {
      reader.close(name);
      continue;
    }
    if (xml.charCodeAt(gt - 1) === 47) {
      reader.empty(name);
      continue;
    }
    if (name !== 'w:t' && name !== 'w:delText') {
      reader.open(name);
      continue;
    }
    // Text runs hold only text: take it up to the closing tag in one step.
    const closeTag = name === 'w:t' ? '</w:t>' : '</w:delText>';
    const end = xml.indexOf(closeTag, gt);
    if (end < 0) break;
    WORD_TAG.lastIndex = end + closeTag.length;
    if (reader.skipping()) continue;
    const text = decodeXmlEntities(xml.slice(gt + 1, end));
    if (name === 'w:t') reader.target().push(text);
    else reader.deleted.push(text, ' ');
  }
  return {
    main: joinTrimmed(reader.main),
    deleted: joinTrimmed(reader.deleted),
    textBox: joinTrimmed(reader.box),
  };
}

/** Text of a DrawingML part (slides, notes, charts, shapes): a:t runs, a:p paragraphs, a:tc cells. */
export function drawingText(xml: string): string {
  const parts: string[] = [];
  let textDepth = 0;
  let skipDepth = 0;
  walkXml(xml, {
    open(name, _attrs, selfClosing) {
      if (selfClosing) {
        if (name === 'a:br' && skipDepth === 0) parts.push('\n');
        return;
      }
      if (name === 'mc:Fallback') skipDepth++;
      else if (name === 'a:t') textDepth++;
    },
    close(name) {
      if (name === 'mc:Fallback') skipDepth = Math.max(0, skipDepth - 1);
      else if (name === 'a:t') textDepth = Math.max(0, textDepth - 1);
      else if (skipDepth > 0) return;
      else if (name === 'a:p') parts.push('\n');
      else if (name === 'a:tc') endCell(parts, '\t');
      else if (name === 'a:tr') endCell(parts, '\n');
    },
    text(raw) {
      if (textDepth > 0 && skipDepth === 0) parts.push(decodeXmlEntities(raw));
    },
  });
  return joinTrimmed(parts);
}

/** Text of every element named in `textTags` (comment parts: 'p:text', 't', ...), one line each. */
export function elementText(xml: string, textTags: readonly string[]): string {
  const parts: string[] = [];
  let depth = 0;
  walkXml(xml, {
    open(name, _attrs, selfClosing) {
      if (!selfClosing && textTags.indexOf(name) >= 0) depth++;
    },
    close(name) {
      if (textTags.indexOf(name) >= 0 && depth > 0) {
        depth--;
        parts.push('\n');
      }
    },
    text(raw) {
      if (depth > 0) parts.push(decodeXmlEntities(raw));
    },
  });
  return joinTrimmed(parts);
}
