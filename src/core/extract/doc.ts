import type { ExtractContext, ExtractedText, ExtractOutcome, Extractor } from './extractor';
import { ExtractFailure, checkDeadline, failSafely } from './extract-failure';
import { OleFile, decodeUtf16le, isEncryptedOfficePackage } from './ole';
import { decodeWindows1252 } from './text-decode';

/**
 * Word 97-2003 documents ([MS-DOC]): the FIB in the 'WordDocument' stream locates the piece table
 * (CLX) in the '0Table' or '1Table' stream; each piece is 8-bit cp1252 ("compressed") or UTF-16LE
 * text at a stream offset. The concatenated pieces hold, in order, the main text, footnotes,
 * headers and footers, comments, endnotes and text boxes; each is reported with its own `where`.
 * Tracked deletions stay in the piece text, so they are scanned too.
 */

const WORD_IDENT = 0xa5ec;
/** Lowest nFib of Word 97 and later; Word 6/95 files (nFib 101-105) have a different FIB. */
const NFIB_WORD97 = 0x00c0;
const FLAG_ENCRYPTED = 0x0100;
const FLAG_WHICH_TABLE = 0x0200;
const FIB_BASE_SIZE = 32;
/** Index of fcClx in FibRgFcLcb97 (each entry is an fc/lcb pair of u32). */
const FC_CLX_INDEX = 33;
/** Pieces read at most: a real document has a few hundred; a forged PlcPcd could claim millions. */
export const DOC_MAX_PIECES = 100_000;

/** The parts of the text in CP order (FibRgLw97 ccpText, ccpFtn, ccpHdd, ccpAtn, ccpEdn, ccpTxbx, ccpHdrTxbx). */
const PARTS: Array<{ lwIndex: number; where: string | undefined }> = [
  { lwIndex: 3, where: undefined },
  { lwIndex: 4, where: 'footnotes' },
  { lwIndex: 5, where: 'headers and footers' },
  { lwIndex: 7, where: 'comments' },
  { lwIndex: 8, where: 'endnotes' },
  { lwIndex: 9, where: 'text boxes' },
  { lwIndex: 10, where: 'header text boxes' },
];

class Bytes {
  private readonly view: DataView;
  constructor(readonly data: Uint8Array) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }
  u16(at: number): number {
    return this.view.getUint16(at, true);
  }
  i16(at: number): number {
    return this.view.getInt16(at, true);
  }
  u32(at: number): number {
    return this.view.getUint32(at, true);
  }
}

interface Fib {
  tableStream: string;
  clxOffset: number;
  clxLength: number;
  /** Character counts of the parts, in PARTS order. */
  partLengths: number[];
}

function readFib(word: Bytes): Fib {
  if (word.data.length < FIB_BASE_SIZE + 2 || word.u16(0) !== WORD_IDENT) {
    throw new ExtractFailure('corrupt', 'the WordDocument stream has no FIB');
  }
  if (word.u16(2) < NFIB_WORD97) {
    throw new ExtractFailure('unsupported', 'only Word 97-2003 documents are read');
  }
  const flags = word.u16(0x0a);
  if (flags & FLAG_ENCRYPTED) throw new ExtractFailure('encrypted', 'the document is password-protected');
  const csw = word.u16(FIB_BASE_SIZE);
  const lwAt = FIB_BASE_SIZE + 2 + csw * 2;
  const cslw = word.u16(lwAt);
  const fcLcbAt = lwAt + 2 + cslw * 4;
  const pairs = word.u16(fcLcbAt);
  if (pairs <= FC_CLX_INDEX || cslw <= 10) throw new ExtractFailure('corrupt', 'the FIB is too short');
  const clxAt = fcLcbAt + 2 + FC_CLX_INDEX * 8;
  return {
    tableStream: flags & FLAG_WHICH_TABLE ? '1Table' : '0Table',
    clxOffset: word.u32(clxAt),
    clxLength: word.u32(clxAt + 4),
    partLengths: PARTS.map((p) => word.u32(lwAt + 2 + p.lwIndex * 4)),
  };
}

interface Piece {
  cpStart: number;
  cpEnd: number;
  /** Byte offset in the WordDocument stream. */
  offset: number;
  compressed: boolean;
}

/** Skips Prc entries (formatting) to the Pcdt and reads its PlcPcd. */
function readPieces(table: Bytes, fib: Fib): Piece[] {
  let at = fib.clxOffset;
  const end = fib.clxOffset + fib.clxLength;
  if (end > table.data.length)
    throw new ExtractFailure('corrupt', 'the piece table is outside the table stream');
  while (at < end && table.data[at] === 0x01) at += 3 + Math.max(0, table.i16(at + 1));
  if (at >= end || table.data[at] !== 0x02) throw new ExtractFailure('corrupt', 'the piece table is missing');
  const size = table.u32(at + 1);
  const plcAt = at + 5;
  if (plcAt + size > end || size < 4) throw new ExtractFailure('corrupt', 'the piece table is truncated');
  // A PlcPcd of n pieces is n + 1 CPs (4 bytes) and n PCDs (8 bytes).
  const count = Math.min((size - 4) / 12, DOC_MAX_PIECES);
  if (!Number.isInteger(count)) throw new ExtractFailure('corrupt', 'the piece table has a bad size');
  const pieces: Piece[] = [];
  for (let i = 0; i < count; i++) {
    const pcdAt = plcAt + (count + 1) * 4 + i * 8;
    const fc = table.u32(pcdAt + 2);
    const compressed = (fc & 0x40000000) !== 0;
    const raw = fc & 0x3fffffff;
    pieces.push({
      cpStart: table.u32(plcAt + i * 4),
      cpEnd: table.u32(plcAt + (i + 1) * 4),
      offset: compressed ? raw / 2 : raw,
      compressed,
    });
  }
  return pieces;
}

/** Word's control characters as plain text: paragraph and cell marks, breaks, field markers. */
function controlText(code: number): string {
  switch (code) {
    case 0x0d: // paragraph end
    case 0x0b: // line break
    case 0x0c: // page or section break
      return '\n';
    case 0x07: // table cell or row end
    case 0x09:
      return '\t';
    case 0x1e: // non-breaking hyphen
      return '-';
    case 0x1f: // optional hyphen
      return '';
    default: // field markers 0x13-0x15, object anchors 0x01 and 0x08, ...
      return ' ';
  }
}

function plainText(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x20) continue;
    out += text.slice(from, i) + controlText(code);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

function readText(word: Bytes, pieces: Piece[], maxChars: number, context: ExtractContext): string {
  const parts: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    checkDeadline(context);
    const chars = Math.min(Math.max(0, piece.cpEnd - piece.cpStart), maxChars - length);
    if (chars <= 0) break;
    const byteEnd = piece.offset + chars * (piece.compressed ? 1 : 2);
    if (byteEnd > word.data.length)
      throw new ExtractFailure('corrupt', 'a text piece is outside the document');
    parts.push(
      piece.compressed
        ? decodeWindows1252(word.data, piece.offset, byteEnd)
        : decodeUtf16le(word.data, piece.offset, byteEnd),
    );
    length += chars;
  }
  return parts.join('');
}

/** Splits the CP-ordered text into the main text, footnotes, headers, comments, ... */
function splitParts(text: string, fib: Fib): ExtractedText[] {
  const out: ExtractedText[] = [];
  let at = 0;
  PARTS.forEach((part, i) => {
    const length = fib.partLengths[i] as number;
    const slice = plainText(text.slice(at, at + length));
    at += length;
    if (slice.trim() !== '')
      out.push(part.where === undefined ? { text: slice } : { text: slice, where: part.where });
  });
  return out;
}

function readDocument(ole: OleFile, context: ExtractContext): ExtractOutcome {
  const wordStream = ole.readPath('WordDocument');
  if (!wordStream) throw new ExtractFailure('corrupt', 'the file has no WordDocument stream');
  const word = new Bytes(wordStream);
  const fib = readFib(word);
  const tableStream = ole.readPath(fib.tableStream);
  if (!tableStream) throw new ExtractFailure('corrupt', 'the document has no table stream');
  const pieces = readPieces(new Bytes(tableStream), fib);
  const maxChars = context.limits.maxExtractedChars;
  const text = readText(word, pieces, maxChars, context);
  const texts = splitParts(text, fib);
  const total = pieces.reduce((n, p) => n + Math.max(0, p.cpEnd - p.cpStart), 0);
  if (total > maxChars) {
    return {
      ok: true,
      texts,
      unscanned: [{ name: 'text', reason: 'limit', detail: 'the extracted text limit was reached' }],
    };
  }
  return { ok: true, texts };
}

/** Reads an OLE container that holds a Word document. */
export function extractDoc(bytes: Uint8Array, context: ExtractContext): ExtractOutcome {
  return failSafely(() => {
    const ole = new OleFile(bytes, context.limits.maxAttachmentBytes);
    if (isEncryptedOfficePackage(ole))
      throw new ExtractFailure('encrypted', 'the Office file is password-protected');
    return readDocument(ole, context);
  }, 'the document');
}

export const docExtractor: Extractor = {
  id: 'doc',
  extensions: ['doc', 'dot'],
  contentTypes: ['application/msword'],
  // No sniff: every OLE file shares one signature; oleExtractor (ole-extractor.ts) routes by streams.
  extract: (bytes, _name, context) => extractDoc(bytes, context),
};
