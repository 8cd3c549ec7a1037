/**
 * A small, linear XML tag/text scanner for Office documents: no DOM, no validation, no
 * namespaces resolved (prefixes stay in names: 'w:t'). It walks the string once with indexOf,
 * reports start tags, end tags and text runs, and skips comments, processing instructions and
 * DOCTYPE. CDATA content is reported as text (already literal). Malformed input never throws:
 * an unclosed tag ends the walk.
 */

export interface XmlVisitor {
  /** A start tag or an empty-element tag; `attrs` is the raw attribute text. */
  open?(name: string, attrs: string, selfClosing: boolean): void;
  close?(name: string): void;
  /** Raw text between tags (entities not decoded: call decodeXmlEntities when keeping it). */
  text?(raw: string, cdata: boolean): void;
}

function skipPast(xml: string, from: number, marker: string): number {
  const at = xml.indexOf(marker, from);
  return at < 0 ? xml.length : at + marker.length;
}

function tagName(xml: string, start: number, end: number): string {
  let i = start;
  while (i < end) {
    const c = xml.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47) break;
    i++;
  }
  return xml.slice(start, i);
}

/** Handles '<!' and '<?' constructs; returns the index after them. */
function skipSpecial(xml: string, lt: number, visitor: XmlVisitor): number {
  if (xml.startsWith('<!--', lt)) return skipPast(xml, lt + 4, '-->');
  if (xml.startsWith('<![CDATA[', lt)) {
    const end = xml.indexOf(']]>', lt + 9);
    const stop = end < 0 ? xml.length : end;
    if (visitor.text && stop > lt + 9) visitor.text(xml.slice(lt + 9, stop), true);
    return end < 0 ? xml.length : end + 3;
  }
  if (xml.charCodeAt(lt + 1) === 63) return skipPast(xml, lt + 2, '?>');
  return skipPast(xml, lt + 2, '>');
}

export function walkXml(xml: string, visitor: XmlVisitor): void {
  const length = xml.length;
  let i = 0;
  while (i < length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      if (visitor.text) visitor.text(xml.slice(i), false);
      return;
    }
    if (lt > i && visitor.text) visitor.text(xml.slice(i, lt), false);
    const next = xml.charCodeAt(lt + 1);
    if (next === 33 || next === 63) {
      i = skipSpecial(xml, lt, visitor);
      continue;
    }
    const gt = xml.indexOf('>', lt);
    if (gt < 0) return;
    if (next === 47) {
      if (visitor.close) visitor.close(tagName(xml, lt + 2, gt));
    } else if (visitor.open) {
      const selfClosing = xml.charCodeAt(gt - 1) === 47;
      const name = tagName(xml, lt + 1, gt);
      visitor.open(name, xml.slice(lt + 1 + name.length, selfClosing ? gt - 1 : gt), selfClosing);
    }
    i = gt + 1;
  }
}

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function codePointText(cp: number): string {
  if (!(cp > 0 && cp <= 0x10ffff)) return '\ufffd';
  if (cp < 0x10000) return String.fromCharCode(cp);
  const v = cp - 0x10000;
  return String.fromCharCode(0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff));
}

/** Decodes the five XML entities and numeric character references. */
export function decodeXmlEntities(raw: string): string {
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(ENTITY, (whole, dec?: string, hex?: string, name?: string) => {
    if (dec !== undefined) return codePointText(parseInt(dec, 10));
    if (hex !== undefined) return codePointText(parseInt(hex, 16));
    return name !== undefined ? (NAMED[name] ?? whole) : whole;
  });
}

/** The decoded value of attribute `name` in raw attribute text, or undefined. Exact name match. */
export function attrValue(attrs: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const at = attrs.indexOf(name, from);
    if (at < 0) return undefined;
    from = at + name.length;
    const before = at === 0 ? 32 : attrs.charCodeAt(at - 1);
    if (before !== 32 && before !== 9 && before !== 10 && before !== 13) continue;
    let eq = from;
    while (attrs.charCodeAt(eq) === 32) eq++;
    if (attrs.charCodeAt(eq) !== 61) continue;
    eq++;
    while (attrs.charCodeAt(eq) === 32) eq++;
    const quote = attrs.charAt(eq);
    if (quote !== '"' && quote !== "'") continue;
    const end = attrs.indexOf(quote, eq + 1);
    if (end < 0) return undefined;
    return decodeXmlEntities(attrs.slice(eq + 1, end));
  }
}

/** 'w:t' -> 't'. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Relationship id -> target, from a .rels part. */
export function parseRelationships(xml: string): Map<string, string> {
  const rels = new Map<string, string>();
  walkXml(xml, {
    open(name, attrs) {
      if (localName(name) !== 'Relationship') return;
      const id = attrValue(attrs, 'Id');
      const target = attrValue(attrs, 'Target');
      if (id !== undefined && target !== undefined) rels.set(id, target);
    },
  });
  return rels;
}

/** Resolves a relationship target against the folder of the part that owns the .rels. */
export function resolvePartPath(fromPart: string, target: string): string {
  if (target.charAt(0) === '/') return target.slice(1);
  const segments = fromPart.split('/');
  segments.pop();
  for (const piece of target.split('/')) {
    if (piece === '..') segments.pop();
    else if (piece !== '.' && piece !== '') segments.push(piece);
  }
  return segments.join('/');
}

/** The .rels part of a part: 'xl/workbook.xml' -> 'xl/_rels/workbook.xml.rels'. */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return part.slice(0, slash + 1) + '_rels/' + part.slice(slash + 1) + '.rels';
}

/**
 * The next occurrence of a fixed marker at or after a position, remembered: callers walk a
 * document forward, so each marker is searched for once per stretch instead of from every
 * position to the end (which would be quadratic when the marker is rare or absent).
 */
export class NextIndex {
  private found = -2;
  private askedFrom = -1;

  /** `find(from)`: where the marker next is at or after `from`, or -1. */
  constructor(private readonly find: (from: number) => number) {}

  /** For a marker in a string. */
  static of(xml: string, marker: string): NextIndex {
    return new NextIndex((from) => xml.indexOf(marker, from));
  }

  from(position: number): number {
    if (position < this.askedFrom || this.found === -2 || (this.found !== -1 && this.found < position)) {
      this.found = this.find(position);
    }
    this.askedFrom = position;
    return this.found;
  }
}
