import type { ExtractOutcome, Extractor } from './extractor';
import { decodeText } from './text-decode';

/**
 * HTML to text for bodies and .html attachments: script, style, head and comments dropped, tags
 * stripped, entities decoded; block elements end lines, table cells are tab-separated and rows
 * newline-separated so the engine's column-header detection works on pasted tables. One linear
 * pass with indexOf; malformed markup never throws.
 */

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'blockquote',
  'pre',
  'hr',
  'section',
  'article',
  'header',
  'footer',
  'dd',
  'dt',
  'dl',
  'address',
  'caption',
  'form',
  'fieldset',
  'legend',
  'nav',
  'aside',
  'main',
  'figure',
  'figcaption',
]);
const CELL_TAGS = new Set(['td', 'th']);
/** Elements whose content is not text the user reads. */
const SKIPPED = ['script', 'style', 'head', 'title', 'noscript', 'template', 'xml'];

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  ndash: '\u2013',
  mdash: '\u2014',
  minus: '-',
  hyphen: '-',
  shy: '',
  zwj: '',
  zwnj: '',
  lrm: '',
  rlm: '',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
  hellip: '\u2026',
  bull: '\u2022',
  middot: '\u00b7',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  laquo: '\u00ab',
  raquo: '\u00bb',
  euro: '\u20ac',
  pound: '\u00a3',
  yen: '\u00a5',
  cent: '\u00a2',
  sect: '\u00a7',
  para: '\u00b6',
  deg: '\u00b0',
  plusmn: '\u00b1',
  times: '\u00d7',
  divide: '\u00f7',
  num: '#',
  commat: '@',
  period: '.',
  colon: ':',
  sol: '/',
  lpar: '(',
  rpar: ')',
  plus: '+',
  comma: ',',
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));?/g;

function fromCodePoint(cp: number): string {
  if (!(cp > 0 && cp <= 0x10ffff)) return '\ufffd';
  if (cp < 0x10000) return String.fromCharCode(cp);
  const v = cp - 0x10000;
  return String.fromCharCode(0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff));
}

export function decodeHtmlEntities(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(ENTITY, (whole, dec?: string, hex?: string, name?: string) => {
    if (dec !== undefined) return fromCodePoint(parseInt(dec, 10));
    if (hex !== undefined) return fromCodePoint(parseInt(hex, 16));
    const value = name === undefined ? undefined : (NAMED[name] ?? NAMED[name.toLowerCase()]);
    return value ?? whole;
  });
}

function tagNameAt(html: string, start: number): string {
  let end = start;
  while (end < html.length) {
    const c = html.charCodeAt(end) | 0x20;
    if ((c < 97 || c > 122) && (c < 48 || c > 57)) break;
    end++;
  }
  return html.slice(start, end).toLowerCase();
}

/** Index after the closing tag of a skipped element (case-insensitive search). */
function skipElement(html: string, lower: () => string, from: number, name: string): number {
  const close = lower().indexOf('</' + name, from);
  if (close < 0) return html.length;
  const gt = html.indexOf('>', close);
  return gt < 0 ? html.length : gt + 1;
}

/**
 * Collects text and separators. Formatting whitespace between tags never lands next to a
 * separator, blank lines collapse, and a row's last cell tab becomes the row's newline, so a
 * table reads 'Name\tSSN\nAnn\t536228471\n' however the markup is indented.
 */
class TextOut {
  private readonly parts: string[] = [];

  private last(): string | undefined {
    return this.parts[this.parts.length - 1];
  }

  text(raw: string): void {
    if (raw === '') return;
    if (!/\S/.test(raw)) {
      const last = this.last();
      if (last !== undefined && last !== '\n' && last !== '\t' && last !== ' ') this.parts.push(' ');
      return;
    }
    this.parts.push(decodeHtmlEntities(raw));
  }

  separator(sep: '\n' | '\t'): void {
    while (this.last() === ' ') this.parts.pop();
    const last = this.last();
    if (last === undefined) return;
    if (last === '\n') return;
    if (last === '\t' && sep === '\n') this.parts[this.parts.length - 1] = '\n';
    else this.parts.push(sep);
  }

  literal(text: string): void {
    this.parts.push(text);
  }

  toString(): string {
    return this.parts.join('');
  }
}

/** The readable text of an HTML document or fragment. */
export function htmlToText(html: string): string {
  const out = new TextOut();
  let lowered: string | undefined;
  const lower = (): string => (lowered === undefined ? (lowered = html.toLowerCase()) : lowered);
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out.text(html.slice(i));
      break;
    }
    if (lt > i) out.text(html.slice(i, lt));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const gt = html.indexOf('>', lt);
    if (gt < 0) {
      out.text(html.slice(lt));
      break;
    }
    const closing = html.charCodeAt(lt + 1) === 47;
    const name = tagNameAt(html, lt + (closing ? 2 : 1));
    i = gt + 1;
    if (!closing && SKIPPED.indexOf(name) >= 0 && html.charCodeAt(gt - 1) !== 47) {
      i = skipElement(html, lower, gt + 1, name);
    } else if (CELL_TAGS.has(name)) {
      if (closing) out.separator('\t');
    } else if (BLOCK_TAGS.has(name)) out.separator('\n');
    else if (name === '' && !closing && !/[!?]/.test(html.charAt(lt + 1))) {
      // Not a tag ('a < b'): keep the '<' as text and go on right after it.
      out.literal('<');
      i = lt + 1;
    }
  }
  return out.toString();
}

export const htmlExtractor: Extractor = {
  id: 'html',
  extensions: ['html', 'htm', 'xhtml'],
  contentTypes: ['text/html', 'application/xhtml+xml'],
  sniff(head) {
    let start = 0;
    while (
      start < head.length &&
      start < 64 &&
      (head[start] === 0x20 ||
        head[start] === 0x0a ||
        head[start] === 0x0d ||
        head[start] === 0x09 ||
        head[start] === 0xef ||
        head[start] === 0xbb ||
        head[start] === 0xbf)
    )
      start++;
    let prefix = '';
    for (let i = start; i < Math.min(head.length, start + 15); i++)
      prefix += String.fromCharCode(head[i] as number);
    prefix = prefix.toLowerCase();
    return prefix.startsWith('<!doctype html') || prefix.startsWith('<html');
  },
  extract(bytes): ExtractOutcome {
    const text = htmlToText(decodeText(bytes).text);
    return { ok: true, texts: text ? [{ text }] : [] };
  },
};
