import type { PdfDocument } from './pdf-document';
import { STANDARD, WIN_ANSI, glyphText, namedEncoding, type Encoding } from './pdf-encodings';
import {
  PdfLexer,
  PdfName,
  PdfOp,
  PdfStream,
  PdfString,
  asArray,
  asName,
  asNumber,
  type PdfValue,
} from './pdf-lexer';

/**
 * Fonts as decoders from shown bytes to text (ISO 32000-1 §9.10): the ToUnicode CMap first
 * (bfchar, bfrange, codespace ranges for multi-byte codes), else the simple font's encoding
 * (WinAnsi, MacRoman, Standard, with /Differences through glyph names), else a UCS-2 predefined
 * CMap. Widths come along so the content reader can tell a word gap from a kerning nudge.
 */

export interface ShownText {
  text: string;
  /** Sum of glyph widths in text space units per 1000 (font units). */
  width: number;
  /** Codes shown (character spacing applies per code). */
  codes: number;
  /** Single-byte codes 32 (word spacing applies to them). */
  spaces: number;
}

export interface PdfFont {
  /** False when no map from codes to text exists (an Identity-H font without ToUnicode). */
  readonly mapped: boolean;
  show(bytes: Uint8Array): ShownText;
}

interface Range {
  lo: number;
  hi: number;
  /** Text of `lo`; later codes increment its last character. */
  start?: string;
  /** Explicit texts, one per code. */
  list?: Array<string | undefined>;
}

interface Codespace {
  bytes: number;
  lo: number;
  hi: number;
}

/** Ranges expanded into the code map when at most this big; larger ones are searched. */
const MAX_EXPANDED_RANGE = 256;
/** CMap entries read at most (a CJK ToUnicode has ~30,000). */
export const PDF_MAX_CMAP_ENTRIES = 200_000;

function utf16be(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2)
    out += String.fromCharCode(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
  if (bytes.length % 2 === 1) out += String.fromCharCode(bytes[bytes.length - 1] as number);
  return out;
}

function codeOf(bytes: Uint8Array): number {
  let v = 0;
  for (let i = 0; i < bytes.length && i < 4; i++) v = v * 256 + (bytes[i] as number);
  return v;
}

function destinationText(value: PdfValue | PdfOp): string | undefined {
  if (value instanceof PdfString) return utf16be(value.bytes);
  if (value instanceof PdfName) return glyphText(value.name);
  return undefined;
}

/** A parsed CMap: code -> text, and the byte lengths of codes. */
export class CMap {
  readonly codes = new Map<number, string>();
  readonly ranges: Range[] = [];
  readonly codespaces: Codespace[] = [];
  /** Byte length of source codes seen, for CMaps without codespace ranges. */
  sourceBytes = 0;

  lookup(code: number): string | undefined {
    const direct = this.codes.get(code);
    if (direct !== undefined) return direct;
    for (const r of this.ranges) {
      if (code < r.lo || code > r.hi) continue;
      if (r.list) return r.list[code - r.lo];
      const start = r.start as string;
      if (start === '') return undefined;
      const last = start.charCodeAt(start.length - 1) + (code - r.lo);
      return start.slice(0, -1) + String.fromCharCode(last & 0xffff);
    }
    return undefined;
  }

  /** Length in bytes of the code starting at `at`. */
  codeLength(bytes: Uint8Array, at: number, fallback: number): number {
    if (this.codespaces.length === 0) return this.sourceBytes || fallback;
    let code = 0;
    for (let n = 1; n <= 4 && at + n <= bytes.length; n++) {
      code = code * 256 + (bytes[at + n - 1] as number);
      for (const space of this.codespaces)
        if (space.bytes === n && code >= space.lo && code <= space.hi) return n;
    }
    return (this.codespaces[0] as Codespace).bytes;
  }
}

export function parseCMap(data: Uint8Array): CMap {
  const cmap = new CMap();
  const lexer = new PdfLexer(data, 0, false);
  while (cmap.codes.size + cmap.ranges.length < PDF_MAX_CMAP_ENTRIES) {
    const token = lexer.value();
    if (!(token instanceof PdfOp)) continue;
    if (token.op === '') break;
    if (token.op === 'begincodespacerange') readCodespaces(lexer, cmap);
    else if (token.op === 'beginbfchar') readBfChars(lexer, cmap);
    else if (token.op === 'beginbfrange') readBfRanges(lexer, cmap);
  }
  return cmap;
}

function readCodespaces(lexer: PdfLexer, cmap: CMap): void {
  for (;;) {
    const lo = lexer.value();
    if (!(lo instanceof PdfString)) return;
    const hi = lexer.value();
    if (!(hi instanceof PdfString)) return;
    cmap.codespaces.push({ bytes: lo.bytes.length, lo: codeOf(lo.bytes), hi: codeOf(hi.bytes) });
  }
}

function readBfChars(lexer: PdfLexer, cmap: CMap): void {
  for (;;) {
    const src = lexer.value();
    if (!(src instanceof PdfString)) return;
    const text = destinationText(lexer.value());
    cmap.sourceBytes = cmap.sourceBytes || src.bytes.length;
    if (text !== undefined) cmap.codes.set(codeOf(src.bytes), text);
  }
}

function readBfRanges(lexer: PdfLexer, cmap: CMap): void {
  for (;;) {
    const lo = lexer.value();
    if (!(lo instanceof PdfString)) return;
    const hi = lexer.value();
    const dst = lexer.value();
    if (!(hi instanceof PdfString)) return;
    cmap.sourceBytes = cmap.sourceBytes || lo.bytes.length;
    const range: Range = { lo: codeOf(lo.bytes), hi: codeOf(hi.bytes) };
    if (Array.isArray(dst)) range.list = dst.map((d) => destinationText(d));
    else range.start = destinationText(dst) ?? '';
    if (range.hi < range.lo) continue;
    if (range.hi - range.lo < MAX_EXPANDED_RANGE) {
      for (let code = range.lo; code <= range.hi; code++) {
        const text = rangeText(range, code);
        if (text !== undefined) cmap.codes.set(code, text);
      }
    } else cmap.ranges.push(range);
  }
}

function rangeText(range: Range, code: number): string | undefined {
  if (range.list) return range.list[code - range.lo];
  const start = range.start as string;
  if (start === '') return undefined;
  return (
    start.slice(0, -1) + String.fromCharCode((start.charCodeAt(start.length - 1) + code - range.lo) & 0xffff)
  );
}

/** Glyph widths per code (simple fonts) or per CID (/W of composite fonts). */
class Widths {
  private readonly table = new Map<number, number>();
  constructor(private readonly fallback: number) {}
  set(code: number, width: number): void {
    this.table.set(code, width);
  }
  of(code: number): number {
    return this.table.get(code) ?? this.fallback;
  }
}

class LoadedFont implements PdfFont {
  constructor(
    readonly mapped: boolean,
    private readonly bytesPerCode: number,
    private readonly toUnicode: CMap | undefined,
    private readonly encoding: Encoding | undefined,
    private readonly codespace: CMap | undefined,
    private readonly widths: Widths,
    private readonly unicodeCodes: boolean,
  ) {}

  show(bytes: Uint8Array): ShownText {
    let text = '';
    let width = 0;
    let codes = 0;
    let spaces = 0;
    // Simple fonts always use one byte per code, whatever a ToUnicode codespace claims.
    const ranges = this.bytesPerCode === 1 ? undefined : (this.codespace ?? this.toUnicode);
    for (let at = 0; at < bytes.length;) {
      const length = ranges ? ranges.codeLength(bytes, at, this.bytesPerCode) : this.bytesPerCode;
      let code = 0;
      for (let k = 0; k < length; k++) code = code * 256 + (bytes[at + k] ?? 0);
      at += length;
      codes++;
      if (length === 1 && code === 32) spaces++;
      width += this.widths.of(code);
      text += this.textOf(code) ?? '';
    }
    return { text, width, codes, spaces };
  }

  private textOf(code: number): string | undefined {
    const mapped = this.toUnicode?.lookup(code);
    if (mapped !== undefined) return mapped;
    if (this.encoding) return this.encoding[code];
    if (this.unicodeCodes) return String.fromCharCode(code);
    return undefined;
  }
}

type Resolve = PdfDocument['resolve'];

function simpleEncoding(
  doc: PdfDocument,
  font: Map<string, PdfValue>,
  subtype: string | undefined,
): Encoding | undefined {
  const value = doc.resolve(font.get('Encoding'));
  const base = subtype === 'TrueType' ? WIN_ANSI : STANDARD;
  const named = namedEncoding(asName(value));
  if (named) return named;
  const dict = doc.dict(value);
  if (!dict) {
    const baseFont = asName(font.get('BaseFont')) ?? '';
    // Symbol fonts' codes are not text; Standard-14 text fonts default to StandardEncoding.
    return /Symbol|Dingbats/.test(baseFont) ? undefined : base;
  }
  const encoding = (namedEncoding(asName(dict.get('BaseEncoding'))) ?? base).slice();
  const differences = asArray(doc.resolve(dict.get('Differences'))) ?? [];
  let code = 0;
  for (const item of differences) {
    if (typeof item === 'number') code = item;
    else if (item instanceof PdfName) {
      if (code >= 0 && code < 256) encoding[code] = glyphText(item.name);
      code++;
    }
  }
  return encoding;
}

function simpleWidths(doc: PdfDocument, font: Map<string, PdfValue>, subtype: string | undefined): Widths {
  const descriptor = doc.dict(font.get('FontDescriptor'));
  const missing = asNumber(doc.resolve(descriptor?.get('MissingWidth')));
  const baseFont = asName(font.get('BaseFont')) ?? '';
  // Without /Widths (the standard 14 fonts): Courier is monospaced at 600, the others average near 500.
  const widths = new Widths(missing || (/Courier/.test(baseFont) ? 600 : 500));
  const first = asNumber(doc.resolve(font.get('FirstChar'))) ?? 0;
  const list = asArray(doc.resolve(font.get('Widths'))) ?? [];
  // Type 3 glyph widths are in glyph space: scale by the font matrix to 1/1000 text space.
  const matrix = asArray(doc.resolve(font.get('FontMatrix')));
  const scale = subtype === 'Type3' && matrix ? (asNumber(matrix[0]) ?? 0.001) * 1000 : 1;
  list.forEach((w, i) => widths.set(first + i, (asNumber(doc.resolve(w)) ?? 0) * scale));
  return widths;
}

function cidWidths(resolve: Resolve, descendant: Map<string, PdfValue> | undefined): Widths {
  const widths = new Widths(asNumber(resolve(descendant?.get('DW'))) ?? 1000);
  const w = asArray(resolve(descendant?.get('W'))) ?? [];
  for (let i = 0; i < w.length;) {
    const first = asNumber(resolve(w[i]));
    const next = resolve(w[i + 1]);
    if (first === undefined) break;
    if (Array.isArray(next)) {
      next.forEach((v, k) => widths.set(first + k, asNumber(resolve(v)) ?? 0));
      i += 2;
    } else {
      const last = asNumber(next) ?? first;
      const width = asNumber(resolve(w[i + 2])) ?? 0;
      for (let cid = first; cid <= last && cid - first < 65536; cid++) widths.set(cid, width);
      i += 3;
    }
  }
  return widths;
}

function readCMapStream(doc: PdfDocument, value: PdfValue | undefined): CMap | undefined {
  const stream = doc.resolve(value);
  if (!(stream instanceof PdfStream)) return undefined;
  return parseCMap(doc.streamData(stream));
}

/** The decoder for a font dictionary. */
export function loadFont(doc: PdfDocument, value: PdfValue | undefined): PdfFont {
  const dict = doc.dict(value);
  if (!dict) return new LoadedFont(true, 1, undefined, WIN_ANSI, undefined, new Widths(500), false);
  const font = dict.map;
  const subtype = asName(font.get('Subtype'));
  const toUnicode = readCMapStream(doc, font.get('ToUnicode'));
  if (subtype === 'Type0') {
    const encoding = doc.resolve(font.get('Encoding'));
    const encodingName = asName(encoding) ?? '';
    const codespace = encoding instanceof PdfStream ? parseCMap(doc.streamData(encoding)) : undefined;
    const descendant = doc.dict((asArray(doc.resolve(font.get('DescendantFonts'))) ?? [])[0])?.map;
    // Uni*-UCS2-* and *-UTF16-* predefined CMaps: the codes are the text.
    const unicodeCodes = /UCS2|UTF16/.test(encodingName);
    const mapped = toUnicode !== undefined || unicodeCodes;
    return new LoadedFont(
      mapped,
      2,
      toUnicode,
      undefined,
      codespace,
      cidWidths(doc.resolve, descendant),
      unicodeCodes,
    );
  }
  const encoding = simpleEncoding(doc, font, subtype);
  return new LoadedFont(true, 1, toUnicode, encoding, undefined, simpleWidths(doc, font, subtype), false);
}
