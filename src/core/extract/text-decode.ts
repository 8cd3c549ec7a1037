/**
 * Bytes to text without relying on TextDecoder (Outlook's JavaScript-only runtime may lack it;
 * it is used when present, for speed). Charset detection for plain attachments: a BOM decides
 * (UTF-8, UTF-16 LE/BE); otherwise valid UTF-8 is UTF-8, text with a zero in most odd (or even)
 * bytes is BOM-less UTF-16, and anything else is Windows-1252, the Windows default for Western
 * text (Latin-1 with printable characters in 0x80-0x9F).
 */

export type Charset = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Windows-1252 code points for bytes 0x80..0x9F (undefined bytes map to themselves, as browsers do). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

/** Code units turned into a string per String.fromCharCode call (stays under engines' argument limits). */
const CHUNK = 8192;

function unitsToString(units: Uint16Array, length: number): string {
  const parts: string[] = [];
  for (let i = 0; i < length; i += CHUNK) {
    parts.push(String.fromCharCode.apply(null, units.subarray(i, Math.min(length, i + CHUNK)) as never));
  }
  return parts.join('');
}

interface NativeDecoder {
  decode(bytes: Uint8Array): string;
}
type DecoderCtor = new (label: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => NativeDecoder;

/**
 * TextDecoder where the runtime has one, read through `typeof`: globalThis is ES2020 and missing
 * from older Outlook runtimes, where this core must run unchanged.
 */
declare const TextDecoder: DecoderCtor | undefined;

function nativeDecoder(label: string, fatal: boolean, ignoreBOM = false): NativeDecoder | undefined {
  const ctor = typeof TextDecoder === 'function' ? TextDecoder : undefined;
  if (ctor === undefined) return undefined;
  try {
    return new ctor(label, { fatal, ignoreBOM });
  } catch {
    return undefined;
  }
}

const fatalUtf8 = nativeDecoder('utf-8', true);
/** Keeps a leading U+FEFF: in a slice of a larger text it is a character, not a byte order mark. */
const bomKeepingUtf8 = nativeDecoder('utf-8', false, true);

/** Decodes UTF-8 in plain JavaScript; returns undefined on an invalid sequence. */
export function decodeUtf8Portable(bytes: Uint8Array, start = 0, end = bytes.length): string | undefined {
  const units = new Uint16Array(end - start);
  let n = 0;
  let i = start;
  while (i < end) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      units[n++] = b;
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (need === 0 || i + need >= end) return undefined;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return undefined;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units[n++] = 0xd800 + (cp >> 10);
      units[n++] = 0xdc00 + (cp & 0x3ff);
    } else units[n++] = cp;
    i += need + 1;
  }
  return unitsToString(units, n);
}

/** The text of the well-formed UTF-8 bytes from..to, exactly (a leading U+FEFF included). */
export function utf8Text(bytes: Uint8Array, from: number, to: number): string {
  if (bomKeepingUtf8 !== undefined) return bomKeepingUtf8.decode(bytes.subarray(from, to));
  return decodeUtf8Portable(bytes, from, to) ?? '';
}

/** UTF-16 length of the well-formed UTF-8 bytes from..to: one unit a sequence, two for 4-byte ones. */
export function utf16Length(bytes: Uint8Array, from: number, to: number): number {
  let units = 0;
  for (let i = from; i < to; i++) {
    const b = bytes[i] as number;
    if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
  }
  return units;
}

/** Strict UTF-8 decode: undefined when the bytes are not valid UTF-8. */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  if (fatalUtf8) {
    try {
      return fatalUtf8.decode(bytes);
    } catch {
      return undefined;
    }
  }
  return decodeUtf8Portable(bytes);
}

/** Lenient UTF-8 (for XML parts of Office files, which are UTF-8 by specification). */
export function decodeUtf8(bytes: Uint8Array): string {
  const start = hasUtf8Bom(bytes) ? 3 : 0;
  const body = start === 0 ? bytes : bytes.subarray(start);
  return decodeUtf8Strict(body) ?? decodeWindows1252(body);
}

export function decodeWindows1252(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const units = new Uint16Array(end - start);
  for (let i = start; i < end; i++) {
    const b = bytes[i] as number;
    units[i - start] = b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] as number) : b;
  }
  return unitsToString(units, end - start);
}

export function decodeUtf16(bytes: Uint8Array, littleEndian: boolean, start = 0): string {
  const count = (bytes.length - start) >> 1;
  const units = new Uint16Array(count);
  for (let k = 0; k < count; k++) {
    const a = bytes[start + 2 * k] as number;
    const b = bytes[start + 2 * k + 1] as number;
    units[k] = littleEndian ? a | (b << 8) : (a << 8) | b;
  }
  return unitsToString(units, count);
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** Share of zero bytes at even and odd positions of the first 4 KB: BOM-less UTF-16 has many on one side. */
function guessUtf16(bytes: Uint8Array): Charset | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Decodes a plain-text attachment; reports the charset it chose. */
export function decodeText(bytes: Uint8Array): { text: string; charset: Charset } {
  if (hasUtf8Bom(bytes)) return { text: decodeUtf8(bytes), charset: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: decodeUtf16(bytes, true, 2), charset: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: decodeUtf16(bytes, false, 2), charset: 'utf-16be' };
  const utf16 = guessUtf16(bytes);
  if (utf16) return { text: decodeUtf16(bytes, utf16 === 'utf-16le'), charset: utf16 };
  const utf8 = decodeUtf8Strict(bytes);
  if (utf8 !== undefined) return { text: utf8, charset: 'utf-8' };
  return { text: decodeWindows1252(bytes), charset: 'windows-1252' };
}

/** UTF-8 encoding in plain JavaScript (TextEncoder may be missing in Outlook's JS runtime). */
export function encodeUtf8(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    // A lone surrogate has no UTF-8 form: U+FFFD, as TextEncoder and Buffer write it.
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out[n++] = cp;
    else if (cp < 0x800) {
      out[n++] = 0xc0 | (cp >> 6);
      out[n++] = 0x80 | (cp & 0x3f);
    } else if (cp < 0x10000) {
      out[n++] = 0xe0 | (cp >> 12);
      out[n++] = 0x80 | ((cp >> 6) & 0x3f);
      out[n++] = 0x80 | (cp & 0x3f);
    } else {
      out[n++] = 0xf0 | (cp >> 18);
      out[n++] = 0x80 | ((cp >> 12) & 0x3f);
      out[n++] = 0x80 | ((cp >> 6) & 0x3f);
      out[n++] = 0x80 | (cp & 0x3f);
    }
  }
  return out.subarray(0, n);
}
