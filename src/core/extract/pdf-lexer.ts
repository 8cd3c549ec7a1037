import { ExtractFailure } from './extract-failure';

/**
 * PDF syntax (ISO 32000-1 §7.2-7.3): a lexer and object parser over bytes, shared by the file
 * structure reader (pdf-document.ts) and the content stream interpreter (pdf-content.ts).
 * Forgiving like viewers are: junk bytes are skipped, unbalanced delimiters end the object.
 */

export class PdfName {
  constructor(readonly name: string) {}
}

export class PdfString {
  constructor(readonly bytes: Uint8Array) {}
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}

/** A content-stream operator or a bare keyword (obj, endobj, stream, R, true, ...). */
export class PdfOp {
  constructor(readonly op: string) {}
}

export class PdfDict {
  constructor(readonly map: Map<string, PdfValue>) {}
  get(key: string): PdfValue | undefined {
    return this.map.get(key);
  }
}

export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    /** The raw (still encoded, maybe encrypted) stream bytes. */
    readonly raw: Uint8Array,
    /** The indirect object it was read from (for decryption keys); -1 when unknown. */
    readonly num = -1,
    readonly gen = 0,
  ) {}
}

export type PdfValue =
  number | boolean | null | PdfName | PdfString | PdfRef | PdfDict | PdfStream | PdfValue[];

/** Arrays and dictionaries nested deeper than this are corrupt (and would exhaust the stack). */
export const PDF_MAX_NESTING = 64;

const END = new PdfOp('');

function isWhite(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 0;
}

function isDelimiter(c: number): boolean {
  return (
    c === 40 ||
    c === 41 ||
    c === 60 ||
    c === 62 ||
    c === 91 ||
    c === 93 ||
    c === 123 ||
    c === 125 ||
    c === 47 ||
    c === 37
  );
}

function isRegular(c: number): boolean {
  return !isWhite(c) && !isDelimiter(c);
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i] as number);
  return text;
}

type Token = number | PdfName | PdfString | PdfOp | '[' | ']' | '<<' | '>>';

export class PdfLexer {
  constructor(
    readonly bytes: Uint8Array,
    public pos = 0,
    /** False in content streams, which have no references: saves a two-token lookahead per number. */
    private readonly refs = true,
  ) {}

  skipWhite(): void {
    const b = this.bytes;
    while (this.pos < b.length) {
      const c = b[this.pos] as number;
      if (isWhite(c)) this.pos++;
      else if (c === 37) {
        // A comment runs to the end of the line.
        while (this.pos < b.length && b[this.pos] !== 10 && b[this.pos] !== 13) this.pos++;
      } else break;
    }
  }

  /** The next token; END (an empty op) at the end of the data. */
  token(): Token {
    this.skipWhite();
    const b = this.bytes;
    if (this.pos >= b.length) return END;
    const c = b[this.pos] as number;
    if (c === 91 || c === 93) {
      this.pos++;
      return c === 91 ? '[' : ']';
    }
    if (c === 60) {
      if (b[this.pos + 1] === 60) {
        this.pos += 2;
        return '<<';
      }
      return this.hexString();
    }
    if (c === 62) {
      this.pos += b[this.pos + 1] === 62 ? 2 : 1;
      return '>>';
    }
    if (c === 40) return this.literalString();
    if (c === 47) return this.name();
    if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) {
      const n = this.number();
      if (n !== undefined) return n;
    }
    if (c === 41 || c === 123 || c === 125) {
      this.pos++;
      return this.token();
    }
    const start = this.pos;
    while (this.pos < b.length && isRegular(b[this.pos] as number)) this.pos++;
    return new PdfOp(latin1(b, start, this.pos));
  }

  /** A number parsed in place (no string building: content streams are mostly numbers). */
  private number(): number | undefined {
    const b = this.bytes;
    let i = this.pos;
    let negative = false;
    // Writers emit junk like '--5', '+-5' or '5-'; signs before the digits: the first one counts.
    if (b[i] === 45 || b[i] === 43) negative = b[i++] === 45;
    while (b[i] === 45 || b[i] === 43) i++;
    let whole = 0;
    let fraction = 0;
    let scale = 1;
    let dot = false;
    let digits = 0;
    for (; i < b.length; i++) {
      const c = b[i] as number;
      if (c >= 48 && c <= 57) {
        digits++;
        if (dot) {
          if (scale < 1e15) {
            fraction = fraction * 10 + (c - 48);
            scale *= 10;
          }
        } else whole = whole * 10 + (c - 48);
      } else if (c === 46 && !dot) dot = true;
      else break;
    }
    if (digits === 0 && !dot) return undefined;
    while (b[i] === 45 || b[i] === 43) i++;
    this.pos = i;
    const value = whole + fraction / scale;
    return negative ? -value : value;
  }

  private name(): PdfName {
    const b = this.bytes;
    this.pos++;
    let text = '';
    while (this.pos < b.length && isRegular(b[this.pos] as number)) {
      const c = b[this.pos] as number;
      const hi = hexDigit(b[this.pos + 1] ?? -1);
      const lo = hexDigit(b[this.pos + 2] ?? -1);
      if (c === 35 && hi >= 0 && lo >= 0) {
        text += String.fromCharCode((hi << 4) | lo);
        this.pos += 3;
      } else {
        text += String.fromCharCode(c);
        this.pos++;
      }
    }
    return new PdfName(text);
  }

  private hexString(): PdfString {
    const b = this.bytes;
    this.pos++;
    const out: number[] = [];
    let high = -1;
    while (this.pos < b.length && b[this.pos] !== 62) {
      const v = hexDigit(b[this.pos++] as number);
      if (v < 0) continue;
      if (high < 0) high = v;
      else {
        out.push((high << 4) | v);
        high = -1;
      }
    }
    if (high >= 0) out.push(high << 4);
    this.pos++;
    return new PdfString(new Uint8Array(out));
  }

  private literalString(): PdfString {
    const b = this.bytes;
    this.pos++;
    // Fast path: no escapes and no nested parentheses, the bytes are the string.
    for (let i = this.pos; i < b.length; i++) {
      const c = b[i];
      if (c === 41) {
        const plain = new PdfString(b.subarray(this.pos, i));
        this.pos = i + 1;
        return plain;
      }
      if (c === 92 || c === 40) break;
    }
    const out: number[] = [];
    let depth = 1;
    while (this.pos < b.length) {
      let c = b[this.pos++] as number;
      if (c === 40) depth++;
      else if (c === 41 && --depth === 0) break;
      else if (c === 92) {
        c = b[this.pos++] ?? 0;
        if (c >= 48 && c <= 55) {
          let v = c - 48;
          for (let k = 0; k < 2 && (b[this.pos] as number) >= 48 && (b[this.pos] as number) <= 55; k++) {
            v = v * 8 + ((b[this.pos++] as number) - 48);
          }
          out.push(v & 0xff);
          continue;
        }
        if (c === 13) {
          if (b[this.pos] === 10) this.pos++;
          continue;
        }
        if (c === 10) continue;
        const escaped: Record<number, number> = { 110: 10, 114: 13, 116: 9, 98: 8, 102: 12 };
        out.push(escaped[c] ?? c);
        continue;
      }
      out.push(c);
    }
    return new PdfString(new Uint8Array(out));
  }

  /**
   * The next complete object: arrays and dictionaries parsed, 'n g R' turned into a reference.
   * Operators come back as PdfOp (content streams, 'obj', 'stream').
   */
  value(depth = 0): PdfValue | PdfOp {
    if (depth > PDF_MAX_NESTING) throw new ExtractFailure('corrupt', 'PDF objects nest too deeply');
    let token = this.token();
    // Stray closers are skipped.
    while (token === ']' || token === '>>') token = this.token();
    if (typeof token === 'number') return this.refs ? this.maybeRef(token) : token;
    if (token === '[') {
      const items: PdfValue[] = [];
      for (;;) {
        const save = this.pos;
        const next = this.token();
        if (next === ']' || next === END) break;
        if (next === '>>') continue;
        this.pos = save;
        const item = this.value(depth + 1);
        if (item instanceof PdfOp) {
          if (item.op === '' || item.op === 'endobj' || item.op === 'stream') break;
          items.push(keyword(item));
        } else items.push(item);
      }
      return items;
    }
    if (token === '<<') {
      const map = new Map<string, PdfValue>();
      for (;;) {
        const key = this.token();
        if (key === '>>' || key === END) break;
        if (!(key instanceof PdfName)) {
          if (key instanceof PdfOp && (key.op === 'endobj' || key.op === 'stream')) break;
          continue;
        }
        const item = this.value(depth + 1);
        if (item instanceof PdfOp) {
          if (item.op === '' || item.op === 'endobj') break;
          map.set(key.name, keyword(item));
        } else map.set(key.name, item);
      }
      return new PdfDict(map);
    }
    if (token instanceof PdfOp) {
      if (token.op === 'true') return true;
      if (token.op === 'false') return false;
      if (token.op === 'null') return null;
    }
    return token;
  }

  /** After a number: 'n g R' is a reference, otherwise the number stands alone. */
  private maybeRef(first: number): number | PdfRef {
    if (!Number.isInteger(first) || first < 0) return first;
    const save = this.pos;
    const second = this.token();
    if (typeof second === 'number' && Number.isInteger(second) && second >= 0) {
      const third = this.token();
      if (third instanceof PdfOp && third.op === 'R') return new PdfRef(first, second);
    }
    this.pos = save;
    return first;
  }
}

function keyword(op: PdfOp): PdfValue {
  if (op.op === 'true') return true;
  if (op.op === 'false') return false;
  return null;
}

/** Lookups that tolerate wrong types: a wrong type reads as absent. */
export function asName(value: PdfValue | undefined): string | undefined {
  return value instanceof PdfName ? value.name : undefined;
}

export function asNumber(value: PdfValue | undefined): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

export function asDict(value: PdfValue | undefined): PdfDict | undefined {
  if (value instanceof PdfDict) return value;
  return value instanceof PdfStream ? value.dict : undefined;
}

export function asArray(value: PdfValue | undefined): PdfValue[] | undefined {
  return Array.isArray(value) ? value : undefined;
}
