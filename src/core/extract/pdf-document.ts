import { ExtractFailure } from './extract-failure';
import { decodeStream, type InflateAllowance } from './pdf-filters';
import { openWithEmptyPassword, type Decryptor } from './pdf-security';
import {
  PDF_MAX_NESTING,
  PdfDict,
  PdfLexer,
  PdfOp,
  PdfRef,
  PdfStream,
  PdfString,
  asArray,
  asDict,
  asName,
  asNumber,
  type PdfValue,
} from './pdf-lexer';

/**
 * The file structure of a PDF (ISO 32000-1 §7.5): cross-reference tables and streams (following
 * /Prev and /XRefStm), object streams (/Type /ObjStm), indirect objects and the page tree. When
 * the cross-reference data is missing or wrong, objects are found by scanning for 'n g obj', as
 * viewers do. Every walk is bounded: reference chains, /Prev chains, page tree depth and size.
 */

/** Pages read at most per file. */
export const PDF_MAX_PAGES = 50_000;
/** References followed in a row before giving up (a ref to a ref to a ref ...). */
const MAX_REF_HOPS = 32;
/** Cross-reference sections followed through /Prev. */
const MAX_XREF_SECTIONS = 1000;
/** Bytes at the end searched for 'startxref'. */
const TAIL_BYTES = 4096;

type XrefEntry = { kind: 'offset'; offset: number } | { kind: 'compressed'; stream: number; index: number };

export interface PdfPage {
  dict: PdfDict;
  resources: PdfDict | undefined;
}

function ascii(text: string): number[] {
  return text.split('').map((c) => c.charCodeAt(0));
}

const OBJ = ascii('obj');
const ENDSTREAM = ascii('endstream');
const STARTXREF = ascii('startxref');
const TRAILER = ascii('trailer');
const XREF = ascii('xref');

function matchesAt(bytes: Uint8Array, pattern: number[], at: number): boolean {
  if (at < 0 || at + pattern.length > bytes.length) return false;
  for (let k = 0; k < pattern.length; k++) if (bytes[at + k] !== pattern[k]) return false;
  return true;
}

export function indexOfBytes(bytes: Uint8Array, pattern: number[], from: number): number {
  const first = pattern[0] as number;
  for (let i = bytes.indexOf(first, from); i >= 0; i = bytes.indexOf(first, i + 1)) {
    if (matchesAt(bytes, pattern, i)) return i;
  }
  return -1;
}

function lastIndexOfBytes(bytes: Uint8Array, pattern: number[], from: number, lowest: number): number {
  for (let i = Math.min(from, bytes.length - pattern.length); i >= lowest; i--) {
    if (matchesAt(bytes, pattern, i)) return i;
  }
  return -1;
}

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 48 && c <= 57;
const isSpace = (c: number | undefined): boolean =>
  c === 32 || c === 10 || c === 13 || c === 9 || c === 12 || c === 0;

export class PdfDocument {
  readonly trailer: PdfDict;
  private readonly entries = new Map<number, XrefEntry>();
  private scanned: Map<number, number> | undefined;
  private objStmNums: number[] | undefined;
  private readonly cache = new Map<number, PdfValue>();
  private readonly objectStreams = new Map<number, Map<number, PdfValue>>();
  private readonly loading = new Set<number>();
  /** True when the cross-reference data was unusable and objects were found by scanning. */
  repaired = false;
  /** True when the file is encrypted with a password this reader does not have. */
  readonly encrypted: boolean;
  private decryptor: Decryptor | undefined;
  private encryptNum = -1;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly allowance: InflateAllowance,
  ) {
    if (indexOfBytes(bytes.subarray(0, 1024), ascii('%PDF-'), 0) < 0) {
      throw new ExtractFailure('corrupt', 'no PDF header');
    }
    let trailer: PdfDict | undefined;
    try {
      trailer = this.readXref();
    } catch (error) {
      if (error instanceof ExtractFailure && error.reason !== 'corrupt') throw error;
      trailer = undefined;
    }
    if (!trailer) trailer = this.repair();
    this.encrypted = this.setUpDecryption(trailer);
    // Objects are read after decryption is set up: an encrypted file's catalog may sit in an encrypted object stream.
    if (!this.encrypted && !this.repaired && !this.catalogOf(trailer)) trailer = this.repair();
    this.trailer = trailer;
  }

  /**
   * With /Encrypt: opens the file when its user password is empty (then strings and streams are
   * decrypted as they are read). Returns true when the file stays encrypted.
   */
  private setUpDecryption(trailer: PdfDict): boolean {
    const reference = trailer.get('Encrypt');
    if (reference === undefined) return false;
    if (reference instanceof PdfRef) this.encryptNum = reference.num;
    const encrypt = this.dict(reference);
    const id = asArray(this.resolve(trailer.get('ID')));
    const id0 = id && id[0] instanceof PdfString ? id[0].bytes : new Uint8Array(0);
    this.decryptor = encrypt ? openWithEmptyPassword(encrypt, id0) : undefined;
    // Anything read so far was read without decryption.
    this.cache.forEach((_, num) => num !== this.encryptNum && this.cache.delete(num));
    this.objectStreams.clear();
    return this.decryptor === undefined;
  }

  /** Follows references to the object itself; undefined for missing or broken objects. */
  resolve = (value: PdfValue | undefined): PdfValue | undefined => {
    let v = value;
    for (let hops = 0; v instanceof PdfRef; hops++) {
      if (hops > MAX_REF_HOPS) return undefined;
      v = this.object(v.num);
    }
    return v;
  };

  dict(value: PdfValue | undefined): PdfDict | undefined {
    return asDict(this.resolve(value));
  }

  /** Decoded stream bytes (decrypted, filters undone). */
  streamData(stream: PdfStream): Uint8Array {
    const decryptor = this.decryptor;
    // Cross-reference streams are never encrypted.
    if (decryptor && stream.num >= 0 && asName(stream.dict.get('Type')) !== 'XRef') {
      const plain = new PdfStream(
        stream.dict,
        decryptor.decrypt(stream.raw, stream.num, stream.gen, 'stream'),
      );
      return decodeStream(plain, this.allowance, this.resolve);
    }
    return decodeStream(stream, this.allowance, this.resolve);
  }

  /** The pages in order with their inherited resources. */
  pages(): PdfPage[] {
    const catalog = this.catalogOf(this.trailer);
    const root = catalog && this.dict(catalog.get('Pages'));
    const pages: PdfPage[] = [];
    if (root) this.walkPages(root, pages);
    if (pages.length === 0) return this.scannedPages();
    return pages;
  }

  private catalogOf(trailer: PdfDict): PdfDict | undefined {
    const root = this.dict(trailer.get('Root'));
    return root && root.get('Pages') !== undefined ? root : undefined;
  }

  private walkPages(root: PdfDict, pages: PdfPage[]): void {
    const seen = new Set<PdfDict>();
    const stack: Array<{ node: PdfDict; resources: PdfDict | undefined }> = [
      { node: root, resources: this.dict(root.get('Resources')) },
    ];
    while (stack.length > 0 && pages.length < PDF_MAX_PAGES) {
      const { node, resources } = stack.pop() as { node: PdfDict; resources: PdfDict | undefined };
      if (seen.has(node)) continue;
      seen.add(node);
      const own = this.dict(node.get('Resources')) ?? resources;
      const kids = asArray(this.resolve(node.get('Kids')));
      if (kids && asName(node.get('Type')) !== 'Page') {
        for (let i = kids.length - 1; i >= 0; i--) {
          const kid = this.dict(kids[i]);
          if (kid) stack.push({ node: kid, resources: own });
        }
      } else {
        pages.push({ dict: node, resources: own });
      }
    }
  }

  /** Pages found by scanning objects for /Type /Page, in file order (broken page trees). */
  private scannedPages(): PdfPage[] {
    const table = this.scanObjects();
    const nums = Array.from(table.keys()).sort((a, b) => (table.get(a) as number) - (table.get(b) as number));
    const pages: PdfPage[] = [];
    for (const num of nums) {
      const dict = this.dict(new PdfRef(num, 0));
      if (dict && asName(dict.get('Type')) === 'Page') {
        pages.push({ dict, resources: this.dict(dict.get('Resources')) });
        if (pages.length >= PDF_MAX_PAGES) break;
      }
    }
    return pages;
  }

  // ---- cross-reference data ----

  private readXref(): PdfDict | undefined {
    const tailStart = Math.max(0, this.bytes.length - TAIL_BYTES);
    const at = lastIndexOfBytes(this.bytes, STARTXREF, this.bytes.length, tailStart);
    if (at < 0) return undefined;
    const lexer = new PdfLexer(this.bytes, at + STARTXREF.length);
    let offset = asNumber(lexer.token() as PdfValue);
    let newest: PdfDict | undefined;
    const visited = new Set<number>();
    for (let sections = 0; offset !== undefined && sections < MAX_XREF_SECTIONS; sections++) {
      if (visited.has(offset) || offset < 0 || offset >= this.bytes.length) break;
      visited.add(offset);
      const trailer = this.readSection(offset);
      if (!newest) newest = trailer;
      const stm = asNumber(trailer.get('XRefStm'));
      if (stm !== undefined && !visited.has(stm)) {
        visited.add(stm);
        this.readSection(stm);
      }
      offset = asNumber(trailer.get('Prev'));
    }
    return newest;
  }

  /** One section: a classic table with its trailer, or a cross-reference stream. Older sections never override newer ones. */
  private readSection(offset: number): PdfDict {
    const lexer = new PdfLexer(this.bytes, offset);
    lexer.skipWhite();
    if (matchesAt(this.bytes, XREF, lexer.pos)) {
      lexer.pos += XREF.length;
      return this.readTable(lexer);
    }
    const stream = this.parseObjectAt(offset);
    if (!(stream instanceof PdfStream) || asName(stream.dict.get('Type')) !== 'XRef') {
      throw new ExtractFailure('corrupt', 'startxref does not point at cross-reference data');
    }
    this.readXrefStream(stream);
    return stream.dict;
  }

  private readTable(lexer: PdfLexer): PdfDict {
    for (;;) {
      const first = lexer.token();
      if (first instanceof PdfOp && first.op === 'trailer') break;
      const count = lexer.token();
      if (typeof first !== 'number' || typeof count !== 'number')
        throw new ExtractFailure('corrupt', 'bad xref table');
      for (let i = 0; i < count; i++) {
        const offset = lexer.token();
        lexer.token(); // generation
        const kind = lexer.token();
        if (typeof offset !== 'number' || !(kind instanceof PdfOp))
          throw new ExtractFailure('corrupt', 'bad xref entry');
        const num = first + i;
        if (kind.op === 'n' && !this.entries.has(num) && offset > 0)
          this.entries.set(num, { kind: 'offset', offset });
        else if (kind.op === 'f' && !this.entries.has(num))
          this.entries.set(num, { kind: 'offset', offset: -1 });
      }
    }
    const trailer = lexer.value();
    if (!(trailer instanceof PdfDict)) throw new ExtractFailure('corrupt', 'bad trailer');
    return trailer;
  }

  private readXrefStream(stream: PdfStream): void {
    const widths = (asArray(stream.dict.get('W')) ?? []).map((w) => asNumber(w) ?? 0);
    const [w0 = 0, w1 = 0, w2 = 0] = widths;
    const rowSize = w0 + w1 + w2;
    if (rowSize <= 0 || widths.some((w) => w < 0 || w > 8))
      throw new ExtractFailure('corrupt', 'bad xref stream widths');
    const size = asNumber(stream.dict.get('Size')) ?? 0;
    const index = (asArray(stream.dict.get('Index')) ?? [0, size]).map((v) => asNumber(v) ?? 0);
    const data = this.streamData(stream);
    const field = (at: number, width: number, fallback: number): number => {
      if (width === 0) return fallback;
      let v = 0;
      for (let k = 0; k < width; k++) v = v * 256 + (data[at + k] ?? 0);
      return v;
    };
    let row = 0;
    for (let s = 0; s + 1 < index.length; s += 2) {
      const start = index[s] as number;
      const count = index[s + 1] as number;
      for (let i = 0; i < count && (row + 1) * rowSize <= data.length; i++, row++) {
        const at = row * rowSize;
        const type = field(at, w0, 1);
        const num = start + i;
        if (this.entries.has(num)) continue;
        if (type === 1) this.entries.set(num, { kind: 'offset', offset: field(at + w0, w1, 0) });
        else if (type === 2)
          this.entries.set(num, {
            kind: 'compressed',
            stream: field(at + w0, w1, 0),
            index: field(at + w0 + w1, w2, 0),
          });
        else this.entries.set(num, { kind: 'offset', offset: -1 });
      }
    }
  }

  // ---- objects ----

  private object(num: number): PdfValue | undefined {
    if (this.cache.has(num)) return this.cache.get(num);
    if (this.loading.has(num)) return undefined;
    this.loading.add(num);
    try {
      const value = this.load(num);
      this.cache.set(num, value ?? null);
      return value;
    } finally {
      this.loading.delete(num);
    }
  }

  private load(num: number): PdfValue | undefined {
    const entry = this.entries.get(num);
    if (entry && entry.kind === 'compressed') {
      const value = this.fromObjectStream(entry.stream, num);
      if (value !== undefined) return value;
    } else if (entry && entry.offset > 0) {
      const value = this.parseObjectAt(entry.offset, num);
      if (value !== undefined) return value;
    }
    // Missing or wrong entry: look the object up by scanning.
    const scannedOffset = this.scanObjects().get(num);
    if (scannedOffset !== undefined) return this.parseObjectAt(scannedOffset, num);
    return this.fromAnyObjectStream(num);
  }

  /** Parses 'num gen obj value [stream ... endstream]' at offset; undefined when the header does not match `expected`. */
  private parseObjectAt(offset: number, expected?: number): PdfValue | undefined {
    const lexer = new PdfLexer(this.bytes, offset);
    const num = lexer.token();
    const gen = lexer.token();
    const keyword = lexer.token();
    if (typeof num !== 'number' || !(keyword instanceof PdfOp) || keyword.op !== 'obj') return undefined;
    if (expected !== undefined && num !== expected) return undefined;
    const parsed = lexer.value();
    if (parsed instanceof PdfOp) return undefined;
    const value =
      this.decryptor && num !== this.encryptNum
        ? this.decryptStrings(parsed, num, typeof gen === 'number' ? gen : 0)
        : parsed;
    if (!(value instanceof PdfDict)) return value;
    const save = lexer.pos;
    const next = lexer.token();
    if (!(next instanceof PdfOp) || next.op !== 'stream') {
      lexer.pos = save;
      return value;
    }
    return new PdfStream(value, this.streamBytes(value, lexer.pos), num, typeof gen === 'number' ? gen : 0);
  }

  /** Strings of an encrypted file's indirect object, decrypted in place (arrays and dictionaries walked). */
  private decryptStrings(value: PdfValue, num: number, gen: number, depth = 0): PdfValue {
    const decryptor = this.decryptor;
    if (!decryptor || depth > PDF_MAX_NESTING) return value;
    if (value instanceof PdfString) return new PdfString(decryptor.decrypt(value.bytes, num, gen, 'string'));
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++)
        value[i] = this.decryptStrings(value[i] as PdfValue, num, gen, depth + 1);
    } else if (value instanceof PdfDict) {
      value.map.forEach((v, k) => value.map.set(k, this.decryptStrings(v, num, gen, depth + 1)));
    }
    return value;
  }

  private streamBytes(dict: PdfDict, afterKeyword: number): Uint8Array {
    const b = this.bytes;
    let start = afterKeyword;
    if (b[start] === 13) start++;
    if (b[start] === 10) start++;
    const declared = asNumber(this.resolve(dict.get('Length')));
    if (declared !== undefined && declared >= 0 && start + declared <= b.length) {
      let after = start + declared;
      while (isSpace(b[after])) after++;
      if (matchesAt(b, ENDSTREAM, after)) return b.subarray(start, start + declared);
    }
    // A wrong /Length: the data runs to 'endstream'.
    let end = indexOfBytes(b, ENDSTREAM, start);
    if (end < 0) end = b.length;
    while (end > start && (b[end - 1] === 10 || b[end - 1] === 13)) end--;
    return b.subarray(start, end);
  }

  private objectStream(streamNum: number): Map<number, PdfValue> | undefined {
    const cached = this.objectStreams.get(streamNum);
    if (cached) return cached;
    const stream = this.resolve(new PdfRef(streamNum, 0));
    if (!(stream instanceof PdfStream)) return undefined;
    const objects = new Map<number, PdfValue>();
    this.objectStreams.set(streamNum, objects);
    const data = this.streamData(stream);
    const count = asNumber(stream.dict.get('N')) ?? 0;
    const first = asNumber(stream.dict.get('First')) ?? 0;
    const header = new PdfLexer(data, 0);
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < count; i++) {
      const num = header.token();
      const offset = header.token();
      if (typeof num !== 'number' || typeof offset !== 'number') break;
      pairs.push([num, offset]);
    }
    for (const [num, offset] of pairs) {
      const value = new PdfLexer(data, first + offset).value();
      if (!(value instanceof PdfOp)) objects.set(num, value);
    }
    return objects;
  }

  private fromObjectStream(streamNum: number, num: number): PdfValue | undefined {
    return this.objectStream(streamNum)?.get(num);
  }

  /** Repair path: the object may sit in any object stream. */
  private fromAnyObjectStream(num: number): PdfValue | undefined {
    for (const streamNum of this.objectStreamNums()) {
      const value = this.fromObjectStream(streamNum, num);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /** Numbers of the object streams found by scanning, computed once (one parse of each object). */
  private objectStreamNums(): number[] {
    if (this.objStmNums) return this.objStmNums;
    const nums: number[] = [];
    this.objStmNums = nums;
    this.scanObjects().forEach((offset, streamNum) => {
      const value = this.parseObjectAt(offset);
      if (value instanceof PdfStream && asName(value.dict.get('Type')) === 'ObjStm') nums.push(streamNum);
    });
    return nums;
  }

  // ---- repair ----

  /** Offsets of every 'num gen obj' in the file; later definitions win (incremental updates). */
  private scanObjects(): Map<number, number> {
    if (this.scanned) return this.scanned;
    const table = new Map<number, number>();
    const b = this.bytes;
    for (let i = indexOfBytes(b, OBJ, 0); i >= 0; i = indexOfBytes(b, OBJ, i + 3)) {
      let p = i - 1;
      if (!isSpace(b[p])) continue;
      while (isSpace(b[p])) p--;
      if (!isDigit(b[p])) continue;
      while (isDigit(b[p])) p--;
      if (!isSpace(b[p])) continue;
      while (isSpace(b[p])) p--;
      if (!isDigit(b[p])) continue;
      while (isDigit(b[p])) p--;
      const start = p + 1;
      // The number must start a token: after whitespace or a delimiter that ends the previous object.
      if (p >= 0 && !isSpace(b[p]) && b[p] !== 62 && b[p] !== 93 && b[p] !== 41) continue;
      let num = 0;
      for (let k = start; isDigit(b[k]); k++) num = num * 10 + ((b[k] as number) - 48);
      table.set(num, start);
    }
    this.scanned = table;
    return table;
  }

  /** Builds a trailer from trailer dictionaries, xref streams or the catalog found by scanning. */
  private repair(): PdfDict {
    this.repaired = true;
    this.entries.clear();
    this.cache.clear();
    const table = this.scanObjects();
    const merged = new Map<string, PdfValue>();
    for (
      let at = indexOfBytes(this.bytes, TRAILER, 0);
      at >= 0;
      at = indexOfBytes(this.bytes, TRAILER, at + 7)
    ) {
      const dict = new PdfLexer(this.bytes, at + TRAILER.length).value();
      if (dict instanceof PdfDict) dict.map.forEach((v, k) => merged.set(k, v));
    }
    if (merged.get('Root') === undefined) {
      for (const [num] of table) {
        const value = this.resolve(new PdfRef(num, 0));
        const dict = asDict(value);
        const type = dict && asName(dict.get('Type'));
        if (type === 'XRef' && dict) dict.map.forEach((v, k) => merged.has(k) || merged.set(k, v));
        if (type === 'Catalog') merged.set('Root', new PdfRef(num, 0));
      }
    }
    if (merged.get('Root') === undefined && table.size === 0)
      throw new ExtractFailure('corrupt', 'no PDF objects found');
    return new PdfDict(merged);
  }
}
