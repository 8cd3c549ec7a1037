import { ExtractFailure } from './extract-failure';
import { decodeUtf16, decodeUtf8, decodeWindows1252 } from './text-decode';

/**
 * A small synchronous MIME parser (RFC 5322 headers, RFC 2045-2047 multipart, base64,
 * quoted-printable, encoded words, RFC 2231 parameters) for .eml files and message/rfc822
 * attachments. postal-mime is asynchronous only, and the extractor contract is synchronous (the
 * Send handler has no spare event-loop turns to wait on), so this is written here. The message is
 * handled as a "binary string" (one char per byte) until a part's charset is known.
 */

/** Multipart nesting read at most; real mail nests 3-4 levels. */
export const MIME_MAX_DEPTH = 20;

export interface MimeHeaders {
  /** Lower-cased name -> unfolded raw values in order. */
  all: Map<string, string[]>;
  first(name: string): string | undefined;
}

export interface MimePart {
  headers: MimeHeaders;
  /** Lower-cased type/subtype; text/plain when absent. */
  type: string;
  params: Map<string, string>;
  disposition: string;
  dispositionParams: Map<string, string>;
  /** Decoded body bytes (transfer encoding undone); empty for multiparts. */
  body: Uint8Array;
  children: MimePart[];
}

export function binaryString(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let i = start; i < end; i += CHUNK) {
    parts.push(String.fromCharCode.apply(null, bytes.subarray(i, Math.min(end, i + CHUNK)) as never));
  }
  return parts.join('');
}

function stringBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

interface NativeDecoder {
  decode(bytes: Uint8Array): string;
}
type DecoderCtor = new (label: string) => NativeDecoder;
/**
 * TextDecoder where the runtime has one. Read through `typeof`, not globalThis: globalThis is
 * ES2020 and missing from older Outlook runtimes (a bare reference would throw there).
 */
declare const TextDecoder: DecoderCtor | undefined;

/** Bytes in a named charset: UTF-8, UTF-16, Latin-1/Windows-1252 in plain JS, others through TextDecoder when present. */
export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  const label = (charset ?? 'utf-8').trim().toLowerCase();
  if (label === 'utf-8' || label === 'utf8' || label === 'us-ascii' || label === 'ascii')
    return decodeUtf8(bytes);
  if (label === 'iso-8859-1' || label === 'latin1' || label === 'windows-1252' || label === 'cp1252') {
    return decodeWindows1252(bytes);
  }
  if (label === 'utf-16le' || label === 'utf-16') return decodeUtf16(bytes, true);
  if (label === 'utf-16be') return decodeUtf16(bytes, false);
  const ctor = typeof TextDecoder === 'function' ? TextDecoder : undefined;
  if (ctor) {
    try {
      return new ctor(label).decode(bytes);
    } catch {
      // Unknown label: fall through to the lenient default.
    }
  }
  return decodeUtf8(bytes);
}

const BASE64_VALUES = (() => {
  const table = new Int8Array(256).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  table[45] = 62; // '-' and '_' of base64url, seen in the wild
  table[95] = 63;
  return table;
})();

/** Base64 from a binary string, skipping whitespace and junk, stopping at '='. */
export function decodeBase64(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let n = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 61) break;
    const v = code < 256 ? (BASE64_VALUES[code] as number) : -1;
    if (v < 0) continue;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/** Quoted-printable from a binary string; `underscoreSpace` for RFC 2047 Q words. */
export function decodeQuotedPrintable(text: string, underscoreSpace = false): Uint8Array {
  const out = new Uint8Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 61) {
      const hi = hexValue(text.charCodeAt(i + 1));
      const lo = hexValue(text.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        out[n++] = (hi << 4) | lo;
        i += 2;
        continue;
      }
      // A soft line break: '=' then optional spaces, then CRLF or LF.
      let j = i + 1;
      while (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) j++;
      if (text.charCodeAt(j) === 13) j++;
      if (text.charCodeAt(j) === 10) {
        i = j;
        continue;
      }
    }
    out[n++] = underscoreSpace && code === 95 ? 32 : code & 0xff;
  }
  return out.subarray(0, n);
}

const ENCODED_WORD = /=\?([^?\s]{1,64})\?([BbQq])\?([^?\s]{0,4000})\?=/g;
const BETWEEN_WORDS = /(\?=)[ \t\r\n]{1,100}(?==\?)/g;

/** Decodes RFC 2047 encoded words in a header value (whitespace between adjacent words dropped). */
export function decodeWords(value: string): string {
  if (value.indexOf('=?') < 0) return decodeCharset(stringBytes(value), 'utf-8');
  const joined = value.replace(BETWEEN_WORDS, '$1');
  const parts: string[] = [];
  let last = 0;
  ENCODED_WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ENCODED_WORD.exec(joined)) !== null) {
    parts.push(decodeCharset(stringBytes(joined.slice(last, m.index)), 'utf-8'));
    const charset = (m[1] as string).split('*')[0];
    const data =
      m[2] === 'B' || m[2] === 'b'
        ? decodeBase64(m[3] as string)
        : decodeQuotedPrintable(m[3] as string, true);
    parts.push(decodeCharset(data, charset));
    last = m.index + m[0].length;
  }
  parts.push(decodeCharset(stringBytes(joined.slice(last)), 'utf-8'));
  return parts.join('');
}

function headersOf(block: string): MimeHeaders {
  const all = new Map<string, string[]>();
  const lines = block.split(/\r?\n/);
  let name = '';
  let value = '';
  const flush = (): void => {
    if (name === '') return;
    const list = all.get(name) ?? [];
    list.push(value.trim());
    all.set(name, list);
  };
  for (const line of lines) {
    const first = line.charCodeAt(0);
    if ((first === 32 || first === 9) && name !== '') {
      value += ' ' + line.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    flush();
    name = line.slice(0, colon).trim().toLowerCase();
    value = line.slice(colon + 1);
  }
  flush();
  return { all, first: (n) => all.get(n)?.[0] };
}

/** Splits 'type/subtype; a=b; c="d"' into its value and parameters (RFC 2231 continuations joined). */
export function parseParams(header: string | undefined): { value: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  if (header === undefined) return { value: '', params };
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const c = header.charAt(i);
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) {
      pieces.push(current);
      current = '';
    } else current += c;
  }
  pieces.push(current);
  const extended = new Map<string, string[]>();
  for (const piece of pieces.slice(1)) {
    const eq = piece.indexOf('=');
    if (eq <= 0) continue;
    const key = piece.slice(0, eq).trim().toLowerCase();
    let val = piece.slice(eq + 1).trim();
    if (val.charAt(0) === '"' && val.charAt(val.length - 1) === '"')
      val = val.slice(1, -1).replace(/\\(.)/g, '$1');
    const star = key.indexOf('*');
    if (star < 0) params.set(key, val);
    else {
      const base = key.slice(0, star);
      const list = extended.get(base) ?? [];
      list.push(val);
      extended.set(base, list);
    }
  }
  extended.forEach((list, base) => params.set(base, decodeExtended(list.join(''))));
  return { value: (pieces[0] as string).trim().toLowerCase(), params };
}

/** RFC 2231: charset'language'percent-encoded. */
function decodeExtended(raw: string): string {
  const first = raw.indexOf("'");
  const second = first < 0 ? -1 : raw.indexOf("'", first + 1);
  const charset = second < 0 ? 'utf-8' : raw.slice(0, first);
  const data = second < 0 ? raw : raw.slice(second + 1);
  const bytes: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const hi = hexValue(data.charCodeAt(i + 1));
    const lo = hexValue(data.charCodeAt(i + 2));
    if (data.charAt(i) === '%' && hi >= 0 && lo >= 0) {
      bytes.push((hi << 4) | lo);
      i += 2;
    } else bytes.push(data.charCodeAt(i) & 0xff);
  }
  return decodeCharset(new Uint8Array(bytes), charset || 'utf-8');
}

function headerEnd(raw: string, from: number): { end: number; bodyStart: number } {
  const crlf = raw.indexOf('\r\n\r\n', from);
  const lf = raw.indexOf('\n\n', from);
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { end: crlf, bodyStart: crlf + 4 };
  if (lf >= 0) return { end: lf, bodyStart: lf + 2 };
  return { end: raw.length, bodyStart: raw.length };
}

/** The bodies between '--boundary' lines, up to '--boundary--'. */
function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = '--' + boundary;
  const parts: string[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const after = at + delimiter.length;
    if (body.charAt(after) === '-' && body.charAt(after + 1) === '-') break;
    const lineEnd = body.indexOf('\n', after);
    if (lineEnd < 0) break;
    let next = body.indexOf('\n' + delimiter, lineEnd);
    const stop = next < 0 ? body.length : next;
    const content = body.slice(
      lineEnd + 1,
      stop > lineEnd && body.charAt(stop - 1) === '\r' ? stop - 1 : stop,
    );
    parts.push(content);
    if (next < 0) break;
    next += 1;
    at = next;
  }
  return parts;
}

interface ParseState {
  parts: number;
  maxParts: number;
  checkDeadline(): void;
}

function parseEntity(raw: string, depth: number, state: ParseState, defaultType: string): MimePart {
  state.checkDeadline();
  if (++state.parts > state.maxParts)
    throw new ExtractFailure('limit', 'the message has more MIME parts than the entry limit');
  if (depth > MIME_MAX_DEPTH) throw new ExtractFailure('limit', 'MIME parts nest too deeply');
  const { end, bodyStart } = headerEnd(raw, 0);
  const headers = headersOf(raw.slice(0, end));
  const contentType = parseParams(headers.first('content-type'));
  const type = contentType.value.indexOf('/') > 0 ? contentType.value : defaultType;
  const disposition = parseParams(headers.first('content-disposition'));
  const bodyText = raw.slice(bodyStart);
  const part: MimePart = {
    headers,
    type,
    params: contentType.params,
    disposition: disposition.value,
    dispositionParams: disposition.params,
    body: new Uint8Array(0),
    children: [],
  };
  const boundary = contentType.params.get('boundary');
  if (type.indexOf('multipart/') === 0 && boundary) {
    const childDefault = type === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
    part.children = splitMultipart(bodyText, boundary).map((c) =>
      parseEntity(c, depth + 1, state, childDefault),
    );
    return part;
  }
  const encoding = (headers.first('content-transfer-encoding') ?? '').trim().toLowerCase();
  if (encoding === 'base64') part.body = decodeBase64(bodyText);
  else if (encoding === 'quoted-printable') part.body = decodeQuotedPrintable(bodyText);
  else part.body = stringBytes(bodyText);
  return part;
}

/** Parses a whole message (or a message/rfc822 part's bytes). */
export function parseMime(bytes: Uint8Array, maxParts: number, checkDeadline: () => void): MimePart {
  return parseEntity(binaryString(bytes), 0, { parts: 0, maxParts, checkDeadline }, 'text/plain');
}

/** Bytes of the header block read at most when only the headers are wanted. */
const MAX_HEADER_BYTES = 256 * 1024;

/** The headers of a message without parsing its body (names of attached messages). */
export function parseHeaders(bytes: Uint8Array): MimeHeaders {
  const raw = binaryString(bytes, 0, Math.min(bytes.length, MAX_HEADER_BYTES));
  return headersOf(raw.slice(0, headerEnd(raw, 0).end));
}
