import type { PdfDocument } from './pdf-document';
import { indexOfBytes } from './pdf-document';
import { ImageDataError } from './pdf-filters';
import { loadFont, type PdfFont } from './pdf-fonts';
import {
  PdfDict,
  PdfLexer,
  PdfOp,
  PdfStream,
  PdfString,
  asArray,
  asDict,
  asName,
  type PdfValue,
} from './pdf-lexer';

/**
 * Reads the text of a page's content streams (ISO 32000-1 §9.4): Tj, TJ, ' and " through the
 * current font, with the text and graphics matrices tracked so that a gap wider than a fraction
 * of the font size becomes a space and a move to another line becomes a newline, while a number
 * typeset one glyph at a time (536-22-8471 as eleven Tj) stays one word. Form XObjects are read
 * in place; image XObjects and inline images mark the page as having images.
 */

/** Form XObjects nested deeper than this are not read (and cycles are cut). */
export const PDF_MAX_FORM_DEPTH = 12;
/** Operators handled between deadline checks. */
const OPS_PER_DEADLINE_CHECK = 2048;
/** A gap wider than this share of the font size separates words. */
const WORD_GAP = 0.15;
/**
 * A gap wider than this share of the font size separates table columns: it becomes a tab, so the
 * engine's delimited-header detection gives cells their column header ('SSN') as context.
 */
const COLUMN_GAP = 1.2;
/** A baseline shift above this share of the font size starts a new line. */
const LINE_SHIFT = 0.5;

type Matrix = [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function isIdentity(m: Matrix): boolean {
  return m[0] === 1 && m[1] === 0 && m[2] === 0 && m[3] === 1 && m[4] === 0 && m[5] === 0;
}

function multiply(m: Matrix, n: Matrix): Matrix {
  // Most pages never change the CTM: skip the product.
  if (n === IDENTITY) return m;
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

function translate(tx: number, ty: number, m: Matrix): Matrix {
  return [m[0], m[1], m[2], m[3], tx * m[0] + ty * m[2] + m[4], tx * m[1] + ty * m[3] + m[5]];
}

function toMatrix(values: PdfValue[]): Matrix | undefined {
  if (values.length < 6 || values.some((v) => typeof v !== 'number' || !isFinite(v))) return undefined;
  return values.slice(-6) as Matrix;
}

interface GraphicsState {
  ctm: Matrix;
  font: PdfFont | undefined;
  fontSize: number;
  charSpacing: number;
  wordSpacing: number;
  scale: number;
  leading: number;
}

/** What one page's reading produced; shared across its content streams and forms. */
export class PageText {
  readonly parts: string[] = [];
  chars = 0;
  hasImage = false;
  unmappedFont = false;
  truncated = false;
  private lastEnd: { x: number; y: number; ux: number; uy: number } | undefined;
  private endsWithSpace = true;

  constructor(readonly maxChars: number) {}

  get text(): string {
    if (this.parts.length > 1) this.parts.splice(0, this.parts.length, this.parts.join(''));
    return this.parts[0] ?? '';
  }

  /** Appends shown text, separated from the previous run by a space or newline when positions say so. */
  append(text: string, start: Matrix, end: Matrix, em: number): void {
    if (text === '') {
      this.moveTo(end);
      return;
    }
    const last = this.lastEnd;
    if (last) {
      const dx = start[4] - last.x;
      const dy = start[5] - last.y;
      const along = dx * last.ux + dy * last.uy;
      const across = Math.abs(-dx * last.uy + dy * last.ux);
      let separator = '';
      if (across > LINE_SHIFT * em) separator = '\n';
      else if (along > COLUMN_GAP * em) separator = '\t';
      else if (along > WORD_GAP * em || along < -em) separator = ' ';
      if (separator !== '' && !(separator !== '\n' && this.endsWithSpace)) this.push(separator);
    }
    this.push(text);
    this.moveTo(end);
  }

  private moveTo(m: Matrix): void {
    const length = Math.sqrt(m[0] * m[0] + m[1] * m[1]) || 1;
    this.lastEnd = { x: m[4], y: m[5], ux: m[0] / length, uy: m[1] / length };
  }

  private push(text: string): void {
    const room = this.maxChars - this.chars;
    if (room <= 0) {
      this.truncated = true;
      return;
    }
    const piece = text.length > room ? text.slice(0, room) : text;
    if (piece.length < text.length) this.truncated = true;
    this.parts.push(piece);
    this.chars += piece.length;
    const lastCode = piece.charCodeAt(piece.length - 1);
    this.endsWithSpace = lastCode === 32 || lastCode === 10 || lastCode === 9;
  }
}

export interface ContentContext {
  doc: PdfDocument;
  page: PageText;
  fonts: Map<PdfValue, PdfFont>;
  /** Decoded form XObjects: a logo or letterhead form drawn on every page is inflated once. */
  forms: Map<PdfStream, Uint8Array>;
  checkDeadline(): void;
}

class ContentReader {
  private gs: GraphicsState;
  private readonly stack: GraphicsState[] = [];
  private tm: Matrix = IDENTITY;
  private tlm: Matrix = IDENTITY;
  private rise = 0;
  private ops = 0;

  constructor(
    private readonly ctx: ContentContext,
    private readonly resources: PdfDict | undefined,
    ctm: Matrix,
    private readonly forms: Set<PdfStream>,
  ) {
    this.gs = { ctm, font: undefined, fontSize: 0, charSpacing: 0, wordSpacing: 0, scale: 1, leading: 0 };
  }

  read(data: Uint8Array): void {
    const lexer = new PdfLexer(data, 0, false);
    const operands: PdfValue[] = [];
    for (;;) {
      const value = lexer.value();
      if (!(value instanceof PdfOp)) {
        if (operands.length < 64) operands.push(value);
        continue;
      }
      if (value.op === '') break;
      if (++this.ops % OPS_PER_DEADLINE_CHECK === 0) this.ctx.checkDeadline();
      if (value.op === 'BI') this.skipInlineImage(lexer);
      else this.operator(value.op, operands);
      operands.length = 0;
      if (this.ctx.page.truncated) return;
    }
  }

  private operator(op: string, args: PdfValue[]): void {
    const n = (i: number): number => {
      const v = args[args.length - 1 - i];
      return typeof v === 'number' && isFinite(v) ? v : 0;
    };
    const gs = this.gs;
    switch (op) {
      case 'q':
        if (this.stack.length < 256) this.stack.push({ ...gs });
        break;
      case 'Q':
        this.gs = this.stack.pop() ?? gs;
        break;
      case 'cm': {
        const m = toMatrix(args);
        if (m) {
          const ctm = multiply(m, gs.ctm);
          gs.ctm = isIdentity(ctm) ? IDENTITY : ctm;
        }
        break;
      }
      case 'BT':
        this.tm = IDENTITY;
        this.tlm = IDENTITY;
        break;
      case 'ET':
        break;
      case 'Tf':
        gs.font = this.font(args[args.length - 2]);
        gs.fontSize = n(0);
        break;
      case 'Tc':
        gs.charSpacing = n(0);
        break;
      case 'Tw':
        gs.wordSpacing = n(0);
        break;
      case 'Tz':
        gs.scale = n(0) / 100;
        break;
      case 'TL':
        gs.leading = n(0);
        break;
      case 'Ts':
        this.rise = n(0);
        break;
      case 'Td':
        this.moveLine(n(1), n(0));
        break;
      case 'TD':
        gs.leading = -n(0);
        this.moveLine(n(1), n(0));
        break;
      case 'Tm': {
        const m = toMatrix(args);
        if (m) this.tm = this.tlm = m;
        break;
      }
      case 'T*':
        this.moveLine(0, -gs.leading);
        break;
      case 'Tj':
        this.show(args[args.length - 1]);
        break;
      case "'":
        this.moveLine(0, -gs.leading);
        this.show(args[args.length - 1]);
        break;
      case '"':
        gs.wordSpacing = n(2);
        gs.charSpacing = n(1);
        this.moveLine(0, -gs.leading);
        this.show(args[args.length - 1]);
        break;
      case 'TJ':
        this.showArray(asArray(args[args.length - 1]) ?? []);
        break;
      case 'Do':
        this.xobject(args[args.length - 1]);
        break;
    }
  }

  private moveLine(tx: number, ty: number): void {
    this.tlm = translate(tx, ty, this.tlm);
    this.tm = this.tlm;
  }

  private font(name: PdfValue | undefined): PdfFont | undefined {
    const key = asName(name);
    const fonts = this.ctx.doc.dict(this.resources?.get('Font'));
    if (key === undefined || !fonts) return undefined;
    const ref = fonts.get(key);
    if (ref === undefined) return undefined;
    let font = this.ctx.fonts.get(ref);
    if (!font) {
      font = loadFont(this.ctx.doc, ref);
      this.ctx.fonts.set(ref, font);
    }
    return font;
  }

  private show(value: PdfValue | undefined): void {
    if (!(value instanceof PdfString)) return;
    const gs = this.gs;
    const font = gs.font;
    if (!font) return;
    if (!font.mapped) this.ctx.page.unmappedFont = true;
    const shown = font.show(value.bytes);
    const start = multiply(this.tm, gs.ctm);
    const advance =
      ((shown.width / 1000) * gs.fontSize + shown.codes * gs.charSpacing + shown.spaces * gs.wordSpacing) *
      gs.scale;
    this.tm = translate(advance, 0, this.tm);
    const end = multiply(this.tm, gs.ctm);
    const em = Math.abs(gs.fontSize) * (Math.sqrt(start[2] * start[2] + start[3] * start[3]) || 1);
    this.ctx.page.append(font.mapped ? shown.text : '', start, end, em || 1);
  }

  private showArray(items: PdfValue[]): void {
    for (const item of items) {
      if (typeof item === 'number') {
        this.tm = translate((-item / 1000) * this.gs.fontSize * this.gs.scale, 0, this.tm);
      } else this.show(item);
    }
  }

  private xobject(name: PdfValue | undefined): void {
    const key = asName(name);
    const doc = this.ctx.doc;
    const xobjects = doc.dict(this.resources?.get('XObject'));
    if (key === undefined || !xobjects) return;
    const stream = doc.resolve(xobjects.get(key));
    if (!(stream instanceof PdfStream)) return;
    const subtype = asName(stream.dict.get('Subtype'));
    if (subtype === 'Image') {
      this.ctx.page.hasImage = true;
      return;
    }
    if (subtype !== 'Form' || this.forms.has(stream) || this.forms.size >= PDF_MAX_FORM_DEPTH) return;
    const matrix = toMatrix(asArray(doc.resolve(stream.dict.get('Matrix'))) ?? []) ?? IDENTITY;
    const resources = doc.dict(stream.dict.get('Resources')) ?? this.resources;
    this.forms.add(stream);
    try {
      let data = this.ctx.forms.get(stream);
      if (!data) {
        data = doc.streamData(stream);
        this.ctx.forms.set(stream, data);
      }
      new ContentReader(this.ctx, resources, multiply(matrix, this.gs.ctm), this.forms).read(data);
    } catch (error) {
      if (!(error instanceof ImageDataError)) throw error;
    } finally {
      this.forms.delete(stream);
    }
  }

  /** BI <dict> ID <binary> EI: the binary part is skipped to a whitespace-delimited EI. */
  private skipInlineImage(lexer: PdfLexer): void {
    this.ctx.page.hasImage = true;
    for (;;) {
      const token = lexer.value();
      if (token instanceof PdfOp && (token.op === 'ID' || token.op === '')) break;
    }
    const bytes = lexer.bytes;
    let at = lexer.pos + 1;
    for (;;) {
      const ei = indexOfBytes(bytes, [0x45, 0x49], at);
      if (ei < 0) {
        lexer.pos = bytes.length;
        return;
      }
      const before = bytes[ei - 1];
      const after = bytes[ei + 2];
      const white = (c: number | undefined): boolean => c === 32 || c === 10 || c === 13 || c === 9;
      if (white(before) && (after === undefined || white(after))) {
        lexer.pos = ei + 2;
        return;
      }
      at = ei + 1;
    }
  }
}

/** Reads one page's content (a stream or an array of streams) into `ctx.page`. */
export function readPageContent(
  ctx: ContentContext,
  contents: PdfValue | undefined,
  resources: PdfDict | undefined,
): void {
  const doc = ctx.doc;
  const resolved = doc.resolve(contents);
  const streams = Array.isArray(resolved) ? resolved.map((c) => doc.resolve(c)) : [resolved];
  const single = streams.length === 1 ? streams[0] : undefined;
  if (single instanceof PdfStream) {
    let data: Uint8Array;
    try {
      data = doc.streamData(single);
    } catch (error) {
      if (error instanceof ImageDataError) return;
      throw error;
    }
    new ContentReader(ctx, resources, IDENTITY, new Set()).read(data);
    return;
  }
  // The streams of one page form one content stream (operators may even span them).
  const parts: Uint8Array[] = [];
  let length = 0;
  for (const s of streams) {
    if (!(s instanceof PdfStream)) continue;
    try {
      const data = doc.streamData(s);
      parts.push(data, new Uint8Array([10]));
      length += data.length + 1;
    } catch (error) {
      if (!(error instanceof ImageDataError)) throw error;
    }
  }
  const data = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    data.set(p, at);
    at += p.length;
  }
  new ContentReader(ctx, resources, IDENTITY, new Set()).read(data);
}

/** Image XObjects in the page resources that the content may draw (for pages with no content text). */
export function resourcesHaveImages(doc: PdfDocument, resources: PdfDict | undefined): boolean {
  const xobjects = asDict(doc.resolve(resources?.get('XObject')));
  if (!xobjects) return false;
  for (const value of Array.from(xobjects.map.values())) {
    const stream = doc.resolve(value);
    if (stream instanceof PdfStream && asName(stream.dict.get('Subtype')) === 'Image') return true;
  }
  return false;
}
